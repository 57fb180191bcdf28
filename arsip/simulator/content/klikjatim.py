"""klikjatim.com articles. URL: /read/{yyyy}/{mm}/{dd}/{id}/{slug}."""

from arsip.simulator.model import SimArticle, paras, when

P = "klikjatim"

ARTICLES: tuple[SimArticle, ...] = (
    # Seed 000: the user's example, text as published.
    SimArticle(
        portal=P,
        path="/read/2024/12/18/118732/bpjs-ketenagakerjaan-gresik-fokus-tingkatkan-perlindungan-pekerja-rentan-dalam-rancangan-program-kerja-2025",
        title="BPJS Ketenagakerjaan Gresik Fokus Tingkatkan Perlindungan Pekerja Rentan dalam Rancangan Program Kerja 2025",
        published=when("2024-12-18 14:05"),
        author="Abdul Aziz Qomar",
        region_code="35.25",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Gresik",
        caption="Kepala BPJS Ketenagakerjaan Cabang Gresik Bunyamin Najmi dan Kepala Dinas Ketenagakerjaan Pemkab Gresik Zainul Arifin dalam rapat merancang program kerja 2025 (Dok/BPJS TK)",
        signoff="(qom)",
        paragraphs=paras("""
KLIKJATIM.Com | Gresik - BPJS Ketenagakerjaan Kabupaten Gresik menggelar rapat penyusunan rancangan program kerja serta memperkuat sinergi penyelenggaraan program jaminan sosial ketenagakerjaan bersama Dinas Ketenagakerjaan Kabupaten Gresik, pada Rabu, 18 Desember 2024.

Acara tersebut dibuka oleh Kepala BPJS Ketenagakerjaan Gresik, Bunyamin Najmi, dan dihadiri oleh Kepala Dinas Tenaga Kerja Kabupaten Gresik, Zainul Arifin, serta sejumlah kepala bidang terkait.

Kepala BPJS Ketenagakerjaan Gresik, Bunyamin Najmi, menjelaskan bahwa rapat ini berfokus pada penyusunan rancangan program kerja untuk tahun 2025, serta penguatan sinergi dalam penyelenggaraan program jaminan sosial ketenagakerjaan bersama Dinas Ketenagakerjaan dan pemangku kepentingan lainnya.

"Agenda utama dalam forum ini adalah penyusunan rencana kerja 2025 serta memperkuat sinergi pelaksanaan program jaminan sosial ketenagakerjaan dengan instansi terkait," ujar Najmi.

Dalam forum tersebut, juga disampaikan evaluasi program Universal Coverage Jamsostek (UCJ), yang hingga 16 Desember 2024 telah mencatatkan 37.984 kasus klaim, dengan total pembayaran mencapai Rp545.196.361.300.

Rinciannya meliputi klaim JHT sebanyak 28.820 kasus senilai Rp454.842.601.910, JKK 6.152 kasus senilai Rp47.352.843.240, JKP 1.344 kasus senilai Rp1.931.715.670, dan JP 943 kasus senilai Rp10.764.200.480.

Disnaker dan BPJS Ketenagakerjaan Gresik sepakat untuk mengoptimalkan program jaminan sosial ketenagakerjaan. Beberapa rekomendasi pun muncul dari forum tersebut, antara lain perlunya pembentukan peraturan daerah (perda) yang mendukung optimalisasi pelaksanaan program Jamsostek.

Selain itu, disepakati pula untuk mengeluarkan surat edaran dari masing-masing instansi terkait tentang kewajiban perlindungan Jamsostek bagi pekerja formal, informal, dan jasa konstruksi.

"Kami juga mendorong peningkatan perlindungan bagi pekerja rentan dengan memanfaatkan dana dari forum CSR perusahaan, APBD, serta DBHC HT," tambah Najmi.
"""),
    ),
    SimArticle(
        portal=P,
        path="/read/2024/11/05/117905/cakupan-kepesertaan-bpjs-ketenagakerjaan-di-kabupaten-gresik-mencapai-52-5-persen",
        title="Cakupan Kepesertaan BPJS Ketenagakerjaan di Kabupaten Gresik Mencapai 52,5 Persen",
        published=when("2024-11-05 10:20"),
        author="Abdul Aziz Qomar",
        region_code="35.25",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Gresik",
        caption="Petugas BPJS Ketenagakerjaan Gresik melayani pendaftaran nelayan di Kecamatan Ujungpangkah (Dok/BPJS TK)",
        signoff="(qom)",
        paragraphs=paras("""
KLIKJATIM.Com | Gresik - Cakupan kepesertaan BPJS Ketenagakerjaan di Kabupaten Gresik terus merangkak naik. Hingga akhir Oktober 2024, Universal Coverage Jamsostek (UCJ) di Kota Pudak tercatat mencapai 52,5 persen dari total pekerja.

Kepala BPJS Ketenagakerjaan Cabang Gresik, Bunyamin Najmi, menyebut capaian itu setara dengan 331.700 pekerja yang sudah terlindungi dari sekitar 631.800 angkatan kerja yang bekerja di Gresik.

"Angka ini naik hampir tujuh persen dibanding akhir tahun lalu. Kenaikan paling besar datang dari pekerja bukan penerima upah, terutama nelayan dan petani tambak di wilayah pesisir," kata Najmi, Selasa (5/11/2024).

Menurut dia, sebanyak 18.450 pekerja rentan kini iurannya ditanggung melalui APBD dan Dana Bagi Hasil Cukai Hasil Tembakau (DBHCHT). Iuran yang dibayarkan sebesar Rp16.800 per orang per bulan untuk program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM).

Sepanjang Januari hingga Oktober 2024, BPJS Ketenagakerjaan Gresik juga telah menyalurkan santunan JKM kepada 412 ahli waris pekerja rentan dengan nilai total Rp17,3 miliar.

Najmi menargetkan UCJ Gresik bisa menembus 60 persen pada akhir 2025. Untuk itu, pihaknya akan menggandeng pemerintah desa agar perangkat desa, kader posyandu, hingga guru ngaji turut didaftarkan.
"""),
    ),
    SimArticle(
        portal=P,
        path="/read/2024/10/14/117216/pemkab-sidoarjo-tanggung-iuran-jkn-48-ribu-warga-miskin-lewat-apbd",
        title="Pemkab Sidoarjo Tanggung Iuran JKN 48 Ribu Warga Miskin Lewat APBD",
        published=when("2024-10-14 13:40"),
        author="Fikri Hakiki",
        region_code="35.15",
        relevant=False,
        story=None,
        fault=None,
        category="Sidoarjo",
        caption="Warga mengurus reaktivasi kepesertaan JKN di Puskesmas Candi, Sidoarjo (Foto: Fikri/Klikjatim)",
        signoff="(kik)",
        paragraphs=paras("""
KLIKJATIM.Com | Sidoarjo - Pemerintah Kabupaten Sidoarjo menambah kuota peserta Penerima Bantuan Iuran (PBI) Jaminan Kesehatan Nasional (JKN) yang dibiayai APBD. Mulai November 2024, sebanyak 48.260 warga miskin yang sebelumnya nonaktif kembali terdaftar sebagai peserta BPJS Kesehatan.

Kepala Dinas Kesehatan Sidoarjo, dr. Ratna Puspitasari, mengatakan reaktivasi itu menelan anggaran sekitar Rp20,4 miliar hingga akhir tahun. Iuran yang dibayarkan pemerintah daerah sebesar Rp42.000 per jiwa per bulan.

"Warga yang kartunya nonaktif cukup datang ke puskesmas atau rumah sakit dengan membawa KTP. Petugas akan mengecek status kepesertaannya secara langsung," ujar Ratna, Senin (14/10/2024).

Dengan tambahan itu, cakupan kepesertaan JKN di Kabupaten Sidoarjo naik menjadi 98,7 persen dari total 2,08 juta penduduk. Sidoarjo pun kembali memenuhi syarat Universal Health Coverage (UHC) prioritas, sehingga warga yang baru didaftarkan bisa langsung dilayani tanpa masa tunggu.

Ratna menambahkan, 26 puskesmas di Sidoarjo kini membuka layanan pengaduan kepesertaan JKN setiap hari kerja hingga pukul 14.00 WIB.
"""),
    ),
    SimArticle(
        portal=P,
        path="/read/2025/02/10/121044/banjir-bengawan-jero-rendam-1-214-rumah-di-lamongan",
        title="Banjir Bengawan Jero Rendam 1.214 Rumah di Lamongan",
        published=when("2025-02-10 07:15"),
        author="Bas Trisno",
        region_code="35.24",
        relevant=False,
        story=None,
        fault=None,
        category="Lamongan",
        caption="Warga Desa Kuro, Kecamatan Karangbinangun, melintasi jalan yang tergenang banjir (Foto: Bas/Klikjatim)",
        signoff="(bas)",
        paragraphs=paras("""
KLIKJATIM.Com | Lamongan - Banjir luapan Kali Bengawan Jero kembali merendam permukiman warga di Kabupaten Lamongan. Hingga Senin (10/2/2025) pagi, sedikitnya 1.214 rumah di 23 desa yang tersebar di Kecamatan Turi, Kalitengah, Karangbinangun, dan Glagah masih tergenang.

Kepala Pelaksana BPBD Lamongan, Joko Santoso, mengatakan ketinggian air di permukiman bervariasi antara 30 hingga 70 sentimeter. Selain rumah, banjir juga merendam 2.850 hektare sawah dan tambak serta memutus akses jalan poros desa di tiga titik.

"Belum ada warga yang mengungsi, tetapi kami sudah menyiagakan perahu karet dan dapur umum di Kecamatan Kalitengah. Curah hujan di hulu masih tinggi sehingga air diperkirakan baru surut dalam sepekan," kata Joko.

Untuk mempercepat surutnya genangan, Dinas PU Sumber Daya Air Lamongan mengoperasikan 14 pompa di Pintu Air Kuro dan Pintu Air Kali Mati. Warga juga diminta tidak membuang sampah ke saluran agar aliran air tidak tersumbat.

Bantuan berupa 3 ton beras, mi instan, dan air bersih telah didistribusikan ke posko-posko desa terdampak.
"""),
    ),
    SimArticle(
        portal=P,
        path="/read/2025/06/24/124310/bpjs-tk-mojokerto-bayar-santunan-rp187-juta-untuk-ahli-waris-pekerja-proyek-jalan",
        title="BPJS TK Mojokerto Bayar Santunan Rp187 Juta untuk Ahli Waris Pekerja Proyek Jalan",
        published=when("2025-06-24 11:30"),
        author="Dimas Ardiansyah",
        region_code="35.16",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Mojokerto",
        caption="Kepala BPJS Ketenagakerjaan Cabang Mojokerto menyerahkan santunan kepada ahli waris di Kantor Kecamatan Ngoro (Dok/BPJS TK)",
        signoff="(mjk)",
        paragraphs=paras("""
KLIKJATIM.Com | Mojokerto - BPJS TK Cabang Mojokerto menyerahkan santunan kematian akibat kecelakaan kerja kepada ahli waris Suyitno (41), pekerja proyek pelebaran jalan di Kecamatan Ngoro yang meninggal dunia setelah tertimpa material bekisting bulan lalu.

Santunan senilai Rp187.250.000 diserahkan langsung oleh Kepala BPJS Ketenagakerjaan Cabang Mojokerto, Hendra Wicaksono, kepada istri almarhum, Siti Maimunah, di Kantor Kecamatan Ngoro, Selasa (24/6/2025). Selain itu, dua anak almarhum juga berhak atas beasiswa pendidikan hingga perguruan tinggi dengan nilai maksimal Rp174 juta.

"Almarhum terdaftar sebagai peserta jasa konstruksi melalui kontraktor pelaksana proyek. Karena itu, seluruh haknya dapat kami bayarkan penuh dalam waktu kurang dari 14 hari kerja," ujar Hendra.

Hendra mengingatkan para kontraktor di Kabupaten Mojokerto agar mendaftarkan seluruh pekerja proyek sejak hari pertama. Menurutnya, hingga Mei 2025 baru 1.126 dari sekitar 1.540 proyek konstruksi di wilayahnya yang tercatat sebagai peserta.

Camat Ngoro, Eko Prasetyo, berterima kasih atas cepatnya proses klaim tersebut. Ia berjanji akan mengimbau kepala desa agar setiap proyek yang dibiayai dana desa juga melindungi pekerjanya lewat program jaminan sosial ketenagakerjaan.
"""),
    ),
    SimArticle(
        portal=P,
        path="/read/2022/03/09/96418/pemkab-lamongan-daftarkan-3-500-guru-ngaji-ke-bpjamsostek",
        title="Pemkab Lamongan Daftarkan 3.500 Guru Ngaji ke BPJAMSOSTEK",
        published=when("2022-03-09 09:00"),
        author="Bas Trisno",
        region_code="35.24",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        listing_only=True,
        category="Lamongan",
        caption="Penyerahan kartu kepesertaan BPJAMSOSTEK kepada perwakilan guru ngaji di Pendopo Lokatantra Lamongan (Foto: Bas/Klikjatim)",
        signoff="(lam)",
        paragraphs=paras("""
KLIKJATIM.Com | Lamongan - Sebanyak 3.500 guru ngaji dan guru TPQ di Kabupaten Lamongan kini terlindungi program jaminan sosial ketenagakerjaan. Iuran mereka selama satu tahun ditanggung Pemkab Lamongan melalui APBD 2022.

Penyerahan kartu kepesertaan BPJAMSOSTEK secara simbolis dilakukan di Pendopo Lokatantra, Rabu (9/3/2022). Setiap guru ngaji didaftarkan dalam program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) dengan iuran Rp16.800 per bulan.

"Guru ngaji ini bekerja tanpa kenal waktu mengajari anak-anak kita baca tulis Al-Qur'an. Sudah sepantasnya mereka mendapat perlindungan ketika terjadi risiko," kata Bupati Lamongan dalam sambutannya.

Kepala Kantor Cabang BPJAMSOSTEK Lamongan, Ahmad Fauzi, menjelaskan bahwa ahli waris peserta yang meninggal dunia akan menerima santunan JKM sebesar Rp42 juta. Sementara untuk kecelakaan kerja, seluruh biaya perawatan ditanggung tanpa batas sesuai kebutuhan medis.

Ikuti sosialisasi ini, kata Fauzi, para guru ngaji juga mendapat penjelasan cara klaim lewat aplikasi JMO, kanal YouTube resmi BPJS Ketenagakerjaan, dan layanan WhatsApp kantor cabang.

Fauzi menyebut, hingga Februari 2022 cakupan kepesertaan Jamsostek di Lamongan baru mencapai 21,4 persen. Pendaftaran guru ngaji diharapkan menjadi pemantik bagi sektor informal lain seperti modin, marbot masjid, dan petani.
"""),
    ),
    SimArticle(
        portal=P,
        path="/read/2023/08/16/108127/bp-jamsostek-kediri-bayar-klaim-jht-rp96-miliar-hingga-juli-2023",
        title="BP Jamsostek Kediri Bayar Klaim JHT Rp96 Miliar hingga Juli 2023",
        published=when("2023-08-16 15:10"),
        author="Yusuf Hasanudin",
        region_code="35.71",
        relevant=True,
        story=None,
        fault="truncated",
        tagged=True,
        category="Kediri",
        caption="Peserta mengantre di layanan Lapak Asik BP Jamsostek Cabang Kediri (Foto: Yusuf/Klikjatim)",
        # The page breaks off after these three paragraphs.
        paragraphs=paras("""
KLIKJATIM.Com | Kediri - BP Jamsostek Cabang Kediri telah membayarkan klaim Jaminan Hari Tua (JHT) kepada 7.912 peserta dengan total nilai Rp96,4 miliar sepanjang Januari hingga Juli 2023.

Kepala BP Jamsostek Cabang Kediri, Yuli Astuti, mengatakan sebagian besar klaim diajukan oleh pekerja yang terkena pemutusan hubungan kerja di sektor padat karya, seperti industri rokok dan garmen di Kota Kediri dan sekitarnya.

"Sekitar 71 persen klaim sudah diajukan secara daring melalui aplikasi JMO maupun layanan Lapak Asik, sehingga peserta tidak perlu antre di kantor cabang," ujar Yuli, Rabu (16/8/2023).
"""),
    ),
)
