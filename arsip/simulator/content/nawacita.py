"""nawacita.co articles (WordPress). URL: /{yyyy}/{mm}/{dd}/{slug}/."""

from arsip.simulator.content import syndicated
from arsip.simulator.model import SimArticle, paras, when

P = "nawacita"

ARTICLES: tuple[SimArticle, ...] = (
    # Seed 001: the user's example, text as published.
    SimArticle(
        portal=P,
        path="/2023/01/19/bpjamsostek-ingatkan-pentingnya-jamsostek-bagi-perangkat-desa-dan-pekerja-rentan/",
        title="BPJAMSOSTEK Ingatkan Pentingnya Jamsostek Bagi Perangkat Desa dan Pekerja Rentan",
        published=when("2023-01-19 10:12"),
        author="Redaksi",
        region_code="35.25",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Ekonomi",
        caption="Teks Foto: Kegiatan sosialisasi BPJS Ketenagakerjaan kepada pekerja rentan dan ketua RT/RW Se-Kecamatan Cerme Kabupaten Gresik.",
        signoff="(Dn)",
        paragraphs=paras("""
Gresik, Nawacita  – BPJS Ketenagakerjaan (BPJAMSOSTEK) Gresik menggelar sosialisasi Peraturan Bupati (Perbup) tentang Pedoman Pelaksanaan Alokasi Dana Desa (ADD) dan Optimalisasi Implementasi Jamsostek bagi RT/RW dalam rangka Sinergitas Bersama Pemerintah Desa dalam Optimalisasi Perlindungan Jaminan Sosial Ketenagakerjaan Bagi Masyarakat Desa yang dilakukan pada acara Rapat Dinas Kepala Desa Se-Kecamatan Cerme Kabupaten Gresik, belum lama ini

Dalam kesempatan tersebut, Camat Cerme Kabupaten Gresik, Umar Hasyim, S.H., M.M menyampaikan bahwa sektor kesehatan menjadi salah satu bidang penanganan utama dalam pembangunan cita-cita konstitusi masyarakat yang makmur sejahtera.

“Program Jaminan Sosial Ketenagakerjaan merupakan program pemerintah yang wajib kita optimalkan dan sosialisasikan kepada seluruh masyarakat tenaga kerja yang ada di Kabupaten Gresik. Dengan harapan mereka dapat menjadi lebih sejahtera dan nyaman dalam melakukan pekerjaannya, karena jika terjadi resiko akibat pekerjaan sudah dilindungi oleh BPJS Ketenagakerjaan,” ungkapnya.

Ia berharap melalui kegiatan ini bisa dijadikan sarana penguatan lini kerjasama saling bersinergi koordinasi antar Pemerintah di Kecamatan Cerme bersama BPJS Ketenagakerjaan Gresik dalam memberikan memberikan perlindungan kepada masyarakat.

“BPJS Ketenagakerjaan tentu akan mencakup semua bentuk resiko kecelakaan yang berhubungan dalam pekerjaan dan resiko kematian. Jadi disini perlu sinergi dan kerjasama antara BPJS Ketenagakerjaan dan Pemerintah Desa untuk memberikan perlindungan kepada masyarakat desa, saya yakin pemerintah desa bisa mencari solusi terkait dengan perlindungan kepada perangkat RT dan RW di masing-masing desa,” jelasnya.

Sementara itu Kepala Kantor Cabang Gresik M. Imam Saputra menyampaikan, tujuan daripada Jaminan Sosial Ketenagakerjaan ini adalah meningkatkan kualitas hidup dan kesejahteraan pekerja Indonesia yang mana BPJS Ketenagakerjaan telah mengadakan lima program yaitu jaminan kecelakaan kerja, jaminan kematian, jaminan hari tua, jaminan pensiun, dan jaminan kehilangan pekerjaan.

“Siapa saja yang bisa menjadi peserta BPJS ketenagakerjaan yaitu pekerja penerima upah, pekerja bukan penerima upah, pekerja jasa konstruksi, dan pekerja migran Indonesia. Selain itu menurut Undang –Undang No 40 tahun 2024 tujuan dari pada program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) terutama yang ini wajib dipunyai oleh pekerja yaitu untuk menghindarkan masyarakat dari kemiskinan,” paparnya.

Imam menjelaskan di Kabupaten Gresik saat ini terdapat 628.952 pekerja, dan yang sudah terlindungi adalah sebanyak 246.3050 atau 39.16% persen diatas rata-rata jumlah penduduk pekerja yang dilindungi Jaminan Sosial Ketenagakerjaan di Jawa Timur yakni 33,4 persen.

“BPJS Ketenagakerjaan dari bulan Januari sampai dengan Desember kami sudah memberikan manfaat kepada 34.343 penduduk Kabupaten Gresik dengan nominal Rp 340 Milyar untuk JKK, JKM, Jaminan Hari Tua, Jaminan Pensiun, dan Jaminan Kehilangan Pekerjaan. Harapannya nanti BPJS Ketenagakerjaan bersama Pemerintah Daerah dapat bersinergi untuk meningkatkan jumlah pekerja yang dilindungi program,” jelasnya.
"""),
    ),
    SimArticle(
        portal=P,
        path="/2024/10/22/112-anak-peserta-bpjs-ketenagakerjaan-sidoarjo-terima-beasiswa-rp137-miliar/",
        title="112 Anak Peserta BPJS Ketenagakerjaan Sidoarjo Terima Beasiswa Rp1,37 Miliar",
        published=when("2024-10-22 15:20"),
        author="Redaksi",
        region_code="35.15",
        relevant=True,
        story=syndicated.STORY,
        fault=None,
        tagged=True,
        category="Ekonomi",
        caption="Teks Foto: Penyerahan simbolis beasiswa BPJS Ketenagakerjaan di Pendopo Delta Wibawa Sidoarjo.",
        paragraphs=syndicated.PARAGRAPHS,
    ),
    SimArticle(
        portal=P,
        path="/2024/09/20/kpu-gresik-tetapkan-dpt-pilkada-2024-sebanyak-1-012-846-pemilih/",
        title="KPU Gresik Tetapkan DPT Pilkada 2024 Sebanyak 1.012.846 Pemilih",
        published=when("2024-09-20 19:45"),
        author="Redaksi",
        region_code="35.25",
        relevant=False,
        story=None,
        fault=None,
        category="Politik",
        caption="Teks Foto: Rapat pleno terbuka penetapan DPT Pilkada 2024 KPU Kabupaten Gresik.",
        signoff="(Dn)",
        paragraphs=paras("""
Gresik, Nawacita – Komisi Pemilihan Umum (KPU) Kabupaten Gresik menetapkan daftar pemilih tetap (DPT) Pemilihan Kepala Daerah (Pilkada) 2024 sebanyak 1.012.846 pemilih. Penetapan dilakukan dalam rapat pleno terbuka di sebuah hotel di Gresik, Jumat (20/9/2024).

Ketua KPU Gresik, Muhammad Hasan, merinci jumlah itu terdiri atas 505.318 pemilih laki-laki dan 507.528 pemilih perempuan yang tersebar di 18 kecamatan, 356 desa dan kelurahan, serta 2.188 tempat pemungutan suara (TPS).

“Dibandingkan DPT Pemilu Februari lalu, ada penambahan sekitar 9.400 pemilih, sebagian besar pemilih pemula yang genap berusia 17 tahun pada hari pemungutan suara,” kata Hasan.

Ia menambahkan, KPU juga memetakan 4.215 pemilih penyandang disabilitas dan 1.730 pemilih yang berada di lembaga pemasyarakatan maupun rumah sakit. Petugas akan menyiapkan TPS khusus dan layanan jemput bola bagi mereka.

Bawaslu Gresik meminta masyarakat aktif mengecek namanya melalui laman cekdptonline.kpu.go.id. Warga yang belum terdaftar masih bisa menggunakan hak pilihnya dengan menunjukkan KTP elektronik di TPS sesuai alamat.
"""),
    ),
    SimArticle(
        portal=P,
        path="/2025/01/21/pemkot-semarang-lindungi-20-ribu-pekerja-rentan-lewat-bpjamsostek/",
        title="Pemkot Semarang Lindungi 20 Ribu Pekerja Rentan lewat BPJAMSOSTEK",
        published=when("2025-01-21 13:05"),
        author="Redaksi",
        region_code="33.74",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Nasional",
        caption="Teks Foto: Peluncuran perlindungan pekerja rentan di Balai Kota Semarang.",
        signoff="(nws)",
        paragraphs=paras("""
Semarang, Nawacita – Pemerintah Kota Semarang menanggung iuran jaminan sosial ketenagakerjaan bagi 20.150 pekerja rentan sepanjang 2025. Program yang dibiayai APBD senilai Rp4,06 miliar itu diluncurkan di Balai Kota Semarang, Selasa (21/1/2025).

Kepala BPJAMSOSTEK Cabang Semarang Pemuda, Nur Aini Rahmawati, mengatakan para pekerja tersebut didaftarkan dalam program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM). Sasaran utamanya adalah pedagang kaki lima, pengemudi ojek daring, buruh harian lepas, dan pengelola taman baca masyarakat di tingkat kelurahan.

Pemkot juga memasukkan pekerja kreatif bukan penerima upah, seperti editor video lepas, fotografer, dan desainer grafis yang bekerja dari rumah. Menurut Nur Aini, kelompok ini kerap luput dari perlindungan karena tidak memiliki pemberi kerja tetap.

“Kalau terjadi kecelakaan saat bekerja, seluruh biaya perawatan ditanggung tanpa batas sesuai kebutuhan medis. Jika peserta meninggal dunia, ahli waris menerima santunan Rp42 juta,” jelasnya.

Dengan tambahan ini, cakupan kepesertaan Jamsostek di Kota Semarang naik menjadi 61,8 persen dari sekitar 896.000 pekerja. Pemkot menargetkan cakupan mencapai 70 persen sebelum akhir tahun anggaran 2026.
"""),
    ),
    SimArticle(
        portal=P,
        path="/2025/11/12/apel-siaga-bencana-hidrometeorologi-di-jember-libatkan-42-instansi/",
        title="Apel Siaga Bencana Hidrometeorologi di Jember Libatkan 42 Instansi",
        published=when("2025-11-12 10:30"),
        author="Redaksi",
        region_code="35.09",
        relevant=False,
        story=None,
        fault=None,
        category="Peristiwa",
        caption="Teks Foto: Ribuan personel gabungan mengikuti apel siaga bencana di Alun-alun Jember.",
        signoff="(jbr)",
        paragraphs=paras("""
Jember, Nawacita – Pemerintah Kabupaten Jember menggelar apel kesiapsiagaan menghadapi bencana hidrometeorologi di Alun-alun Jember, Rabu (12/11/2025). Apel diikuti sekitar 1.500 personel gabungan dari 42 instansi dan organisasi.

Unsur yang terlibat antara lain Kodim 0824, Polres Jember, BPBD, Dinas Sosial, Dinas Kesehatan, PMI, Basarnas, Tagana, Baznas, BPJS Kesehatan, BPJS Ketenagakerjaan, PLN, PDAM, Perhutani, serta relawan dari organisasi kemasyarakatan dan perguruan tinggi.

Kepala Pelaksana BPBD Jember, Sigit Wahyudi, menyebut 21 dari 31 kecamatan di Jember masuk kategori rawan banjir dan tanah longsor. Wilayah paling rawan berada di lereng Gunung Argopuro dan kawasan selatan yang berbatasan dengan Samudra Hindia.

“Puncak musim hujan diperkirakan terjadi pada Januari hingga Februari. Kami minta seluruh camat memperbarui peta rawan bencana dan memastikan jalur evakuasi tidak tertutup,” ujar Sigit.

Usai apel, peserta mengikuti simulasi evakuasi korban banjir di Sungai Bedadung serta pengecekan kesiapan 36 perahu karet, 12 tenda pengungsian, dan 4 dapur umum lapangan.
"""),
    ),
    SimArticle(
        portal=P,
        path="/2026/01/15/nelayan-muncar-didaftarkan-jadi-peserta-jamsostek-iuran-ditanggung-dbhcht/",
        title="Nelayan Muncar Didaftarkan Jadi Peserta Jamsostek, Iuran Ditanggung DBHCHT",
        published=when("2026-01-15 16:40"),
        author="Redaksi",
        region_code="35.10",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Ekonomi",
        caption="Teks Foto: Penyerahan kartu peserta BPJS Ketenagakerjaan kepada nelayan di Pelabuhan Perikanan Pantai Muncar.",
        signoff="(bwi)",
        paragraphs=paras("""
Banyuwangi, Nawacita – Sebanyak 2.400 nelayan di Kecamatan Muncar, Banyuwangi, resmi menjadi peserta BPJS Ketenagakerjaan. Iuran program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) mereka selama enam bulan ditanggung Pemkab Banyuwangi melalui Dana Bagi Hasil Cukai Hasil Tembakau (DBHCHT) 2026.

Penyerahan kartu peserta dilakukan di Pelabuhan Perikanan Pantai Muncar, Kamis (15/1/2026). Kepala BPJS Ketenagakerjaan Cabang Banyuwangi, Wahyu Kurniawan, mengatakan nelayan termasuk kelompok pekerja dengan risiko kecelakaan kerja paling tinggi.

“Tahun lalu kami membayarkan klaim JKK dan JKM untuk 37 nelayan di Banyuwangi dengan total Rp2,9 miliar. Sebagian besar karena kecelakaan di laut saat cuaca buruk,” kata Wahyu.

Menurut Wahyu, cakupan kepesertaan Jamsostek di Banyuwangi saat ini mencapai 47,2 persen. Dari sekitar 24.000 nelayan yang tercatat di Dinas Perikanan, baru sekitar 9.100 orang yang terlindungi.

Ketua Himpunan Nelayan Seluruh Indonesia (HNSI) Muncar, Slamet Riyadi, berharap perlindungan tersebut berlanjut setelah enam bulan. Ia meminta agar pendaftaran juga menjangkau buruh bongkar muat dan pengolah ikan di sekitar pelabuhan.
"""),
    ),
)
