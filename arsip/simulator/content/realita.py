"""realita.co articles (custom CMS). URL: /baca-berita/{id}/{slug}."""

from arsip.simulator.model import SimArticle, paras, when

P = "realita"

ARTICLES: tuple[SimArticle, ...] = (
    # Seed 002: the user's example, text as published (including its stray "gan").
    SimArticle(
        portal=P,
        path="/baca-berita/71215/bpjamsostek-pasuruan-optimalkan-inpres-no22021-dan-pergub-jatim-no362021",
        title="BPJAMSOSTEK Pasuruan Optimalkan Inpres No.2/2021 dan Pergub Jatim No.36/2021",
        published=when("2021-12-15 16:48"),
        author=None,
        # Kota and Kabupaten Pasuruan are named alike throughout: the kabupaten, by the rule.
        region_code="35.14",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Ekonomi",
        paragraphs=paras("""
PASURUAN (Realita) - BPJS Ketenagakerjaan (BPJAMSOSTEK) Cabang Pasuruan bersama Pemerintah Kota Pasuruan, Pemerintah Kabupaten Pasuruan, dan Badan Koordinasi Wilayah Pemerintahan dan Pembangunan III Malang, telah melakukan persiapkan strategi dalam upaya optimalisasi Instruksi Presiden Nomor 2 Tahun 2021 serta Peraturan Gubernur Jawa Timur Nomor 36 Tahun 2021 Tentang Pelaksanaan Jaminan Sosial Tenaga Kerja melalui BPJS Ketenagakerjaan di Provinsi Jawa Timur.

Dalam Rapat Koordinasi dan Sinkronisasi Implementasi Inpres No.2/2021 dan Pergub Jatim No.36/2021 pada Rabu (15/12/2021) ini, Trioki Susanto selaku Kepala Kantor BPJS Ketenagakerjaan Pasuruan menyampaikan, setiap orang berhak mendapatkan perlindungan dan jaminan sosial dari negara tanpa terkecuali. Jaminan sosial adalah salah satu bentuk perlindungan sosial untuk menjamin seluruh rakyat agar dapat memenuhi kebutuhan dasar hidup yang layak.

Salah satunya adalah melalui Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan, serta Peraturan Gubernur Jawa Timur Nomor 36 Tahun 2021 Tentang Pelaksanaan Jaminan Sosial Tenaga Kerja Melalui BPJS Ketenagakerjaan di Jawa Timur. Hal tersebut sebagai upaya mengoptimalkan jangkauan peserta jaminan sosial ketenagakerjaan secara merata.

"Besar harapan kami di tahun 2022 nanti Pemerintah Kota dan Kabupaten Pasuruan bisa meraih Paritrana Award seperti pemerintah daerah yang tahun ini mendapatkan penghargaan Paritrana Award 2021," ucap Trioki.

"Dengan adanya kegiatan ini kami juga berharap kedepannya BPJS Ketenagakerjaan Pasuruan akan bersinergi lebih jauh lagi dengan Pemerintah Kota dan Kabupaten Pasuruan dalam memberikan perlindungan terhadap para pekerja, baik Penerima Upah (PU) maupun Bukan Penerima Upah (BPU) serta terhadap pekerja rentan yang ada di lingkup Pemerintah Kota dan Kabupaten Pasuruan.

Hal ini penting mengingat jumlah angkatan kerja di Kota Pasuruan saat ini jumlahnya mencapai 101.644 pekerja, sementara itu di Kabupaten Pasuruan terdapat 814.614 angkatan kerja. Angka tersebut berdasarkan data statistik yang ada dan dari jumlah angkatan kerja baik Kota maupun Kabupaten Pasuruan. Mereka wajib mendapatkan perlindungan jaminan sosial ketenagakerjaan.

Dikemukakan, untuk memperkuat pelaksanaan Inpres No 2 Tahun 2021, Kemendagri telah menerbitkan Peraturan Menteri Dalam Negeri Nomor 27 tahun 2021 tentang Pedoman Penyusunan APBD tahun 2022, yang menegaskan kewajiban Pemerintah Daerah untuk mengalokasikan APBD dan mendaftarkan pekerja non ASN pada program jaminan sosial ketenagakerjaan.

Program BPJS Ketenagakerjaan sendiri meliputi Jaminan Kecelakaan Kerja (JKK), Jaminan Kematian (JK), Jaminan Hari Tua (JHT), Jaminan Pensiun (JP) dan Jaminan Kehilangan Pekerjaan (JKP).

Trioki juga menyampaikan, pada tahun ini Kantor BPJS Ketenagakerjaan Pasuruan telah membayarkan klaim sebanyak 13.738 kasus yang jumlahnya sebesar Rp 184.720.007.627,-.

Angka tersebut terdiri dari pembayaran klaim JKK sebanyak 1.229 kasus sebesar Rp 9.926.312.998,-, 536 JKM sejumlah Rp 22.174.250.000,-, 8.067 JHT sebanyak Rp 147.756.552.336,-, dan 3.599 JP sebesar Rp 2.971.392.293,-. Selain itu BPJS Ketenagakerjaan Pasuruan juga telah memberikan beasiswa sebesar Rp 1.891.500.000,- kepada 307 anak almarhum peserta.gan
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca-berita/72004/ribuan-pengurus-rw-di-ponorogo-dijamin-bpjs-ketenagakerjaan-tahun-ini",
        title="Ribuan Pengurus RW di Ponorogo Dijamin BPJS Ketenagakerjaan Tahun Ini",
        published=when("2022-01-10 11:25"),
        author="Endra Kusuma",
        region_code="35.02",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Pemerintahan",
        paragraphs=paras("""
PONOROGO (Realita) - Sebanyak 2.317 ketua RT dan RW di Kabupaten Ponorogo didaftarkan sebagai peserta BPJS Ketenagakerjaan mulai Januari 2022. Iuran program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) mereka selama setahun ditanggung APBD Ponorogo.

Kepala BPJS Ketenagakerjaan Cabang Madiun yang membawahi wilayah Ponorogo, Rahmad Hidayat, mengatakan total iuran yang dianggarkan mencapai Rp467 juta. Menurut dia, Ponorogo menjadi salah satu daerah pertama di eks Karesidenan Madiun yang melindungi seluruh pengurus RT/RW.

"Pengurus RT dan RW ini garda terdepan pelayanan masyarakat. Mereka sering turun ke lapangan, misalnya saat ada bencana atau kerja bakti, sehingga risikonya juga besar," ujar Rahmad, Senin (10/1/2022).

Sekretaris Daerah Ponorogo menambahkan, pada tahun yang sama pemkab juga berencana melindungi 1.050 perangkat desa dan 870 kader posyandu. Dengan begitu, cakupan kepesertaan Jamsostek di Ponorogo ditargetkan naik dari 18,6 persen menjadi 25 persen.

Sepanjang 2021, BPJS Ketenagakerjaan Cabang Madiun telah membayar santunan JKM kepada 96 ahli waris pekerja bukan penerima upah di Ponorogo dengan nilai Rp4,03 miliar.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca-berita/70388/bank-jatim-bpjamsostek-bersinergi-dukung-kesejahteraan-12000-pekerja-rentan",
        title="Bank Jatim - BPJamsostek Bersinergi Dukung Kesejahteraan 12.000 Pekerja Rentan",
        published=when("2021-11-26 18:02"),
        author="Endra Kusuma",
        region_code="35.78",
        relevant=True,
        story=None,
        fault="windows1252",
        tagged=True,
        category="Ekonomi",
        paragraphs=paras("""
SURABAYA (Realita) - Bank Jatim dan BPJamsostek Kantor Wilayah Jawa Timur menandatangani nota kesepahaman perlindungan bagi 12.000 pekerja rentan di Jawa Timur. Penandatanganan dilakukan di Kantor Pusat Bank Jatim, Jalan Basuki Rachmad, Surabaya, Jum’at (26/11/2021).

Melalui kerja sama ini, Bank Jatim menyalurkan dana tanggung jawab sosial perusahaan senilai Rp2,02 miliar untuk membayar iuran Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) para pekerja rentan selama setahun. Sasarannya antara lain pedagang pasar, tukang becak, buruh tani, dan pemulung.

Deputi Direktur BPJamsostek Wilayah Jawa Timur, Hadi Purnomo, mengatakan kerja sama ini sejalan dengan Gerakan Nasional Peduli Perlindungan Pekerja Rentan (GN Lingkaran). "Banyak pekerja rentan yang tidak mampu membayar iuran Rp16.800 per bulan. Dukungan seperti ini sangat berarti," ujarnya.

Direktur Bank Jatim, André Kusuma, menyebut program tersebut bagian dari komitmen perseroan terhadap kesejahteraan masyarakat Jawa Timur. “Kami ingin para pekerja di sektor informal bisa bekerja dengan tenang karena sudah terlindungi,” kata André.

Selain perlindungan pekerja rentan, kedua lembaga juga sepakat memperluas layanan pembayaran iuran BPJamsostek melalui jaringan kantor dan agen Bank Jatim yang tersebar di 38 kabupaten/kota.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca-berita/118930/lima-puskesmas-di-kota-malang-layani-pasien-jkn-hingga-malam",
        title="Lima Puskesmas di Kota Malang Layani Pasien JKN hingga Malam",
        published=when("2024-10-08 09:40"),
        author="Hanif Ramadhan",
        region_code="35.73",
        relevant=False,
        story=None,
        fault=None,
        category="Kesehatan",
        paragraphs=paras("""
MALANG (Realita) - Dinas Kesehatan Kota Malang memperpanjang jam layanan di lima puskesmas hingga pukul 21.00 WIB. Layanan malam itu berlaku bagi peserta Jaminan Kesehatan Nasional (JKN) maupun pasien umum mulai Selasa (8/10/2024).

Kelima puskesmas tersebut adalah Puskesmas Kendalkerep, Dinoyo, Arjuno, Janti, dan Mulyorejo. Kepala Dinas Kesehatan Kota Malang, dr. Wulan Sari, mengatakan pemilihan lokasi didasarkan pada jumlah kunjungan yang tinggi serta sebaran wilayah.

"Banyak warga yang bekerja sampai sore sehingga tidak sempat berobat. Dengan layanan malam, peserta BPJS Kesehatan tetap bisa memanfaatkan faskes tingkat pertamanya tanpa harus izin kerja," kata Wulan.

Berdasarkan data Dinkes, cakupan kepesertaan JKN di Kota Malang telah mencapai 99,2 persen dari 847.000 penduduk. Sebanyak 183.400 di antaranya merupakan peserta Penerima Bantuan Iuran (PBI) yang dibiayai APBN dan APBD.

Pada tahap awal, layanan malam meliputi poli umum, poli gigi, dan pemeriksaan laboratorium sederhana. Pemkot berencana menambah dua puskesmas lagi pada 2025 jika animo masyarakat tinggi.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca-berita/124517/persik-kediri-tundukkan-persebaya-2-1-di-stadion-brawijaya",
        title="Persik Kediri Tundukkan Persebaya 2-1 di Stadion Brawijaya",
        published=when("2025-03-09 22:15"),
        author="Hanif Ramadhan",
        region_code="35.71",
        relevant=False,
        story=None,
        fault=None,
        category="Olahraga",
        paragraphs=paras("""
KEDIRI (Realita) - Persik Kediri meraih kemenangan 2-1 atas Persebaya Surabaya dalam laga pekan ke-26 Liga 1 di Stadion Brawijaya, Kota Kediri, Minggu (9/3/2025) malam. Hasil ini membawa Macan Putih naik ke peringkat kedelapan klasemen sementara.

Persik unggul lebih dulu lewat sundulan Rizky Pratama pada menit ke-23 memanfaatkan umpan sepak pojok. Persebaya menyamakan kedudukan melalui tendangan bebas Dimas Saputra pada menit ke-51.

Gol kemenangan tuan rumah dicetak gelandang muda Fajar Nugroho pada menit ke-78. Tembakan kaki kirinya dari luar kotak penalti tak mampu dijangkau kiper Persebaya.

"Anak-anak bermain disiplin dan mau bekerja keras sampai akhir. Kemenangan ini kami persembahkan untuk suporter yang sudah memenuhi stadion," ujar pelatih Persik usai pertandingan.

Laga tersebut disaksikan sekitar 14.600 penonton. Panitia pelaksana mencatat pertandingan berjalan aman tanpa insiden berarti di dalam maupun di luar stadion.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca-berita/preview/131877/bpjs-ketenagakerjaan-probolinggo-catat-klaim-jkk-naik-30-persen",
        title="BPJS Ketenagakerjaan Probolinggo Catat Klaim JKK Naik 30 Persen",
        published=when("2025-08-14 08:30"),
        author="Endra Kusuma",
        region_code="35.13",
        relevant=True,
        story=None,
        fault="robots_disallowed",
        tagged=True,
        category="Ekonomi",
        paragraphs=paras("""
PROBOLINGGO (Realita) - BPJS Ketenagakerjaan Cabang Probolinggo mencatat klaim Jaminan Kecelakaan Kerja (JKK) sepanjang semester pertama 2025 naik 30 persen dibanding periode yang sama tahun lalu. Hingga Juni 2025, tercatat 1.184 kasus dengan nilai manfaat Rp14,7 miliar.

Kepala BPJS Ketenagakerjaan Cabang Probolinggo, Arif Budiman, mengatakan kecelakaan lalu lintas saat berangkat atau pulang kerja menyumbang hampir separuh dari seluruh kasus.

"Kami mengajak perusahaan memperketat budaya keselamatan kerja, termasuk kewajiban helm standar bagi karyawan yang mengendarai sepeda motor," ujar Arif.

Di sisi lain, cakupan kepesertaan Jamsostek di Kabupaten Probolinggo baru mencapai 34,5 persen. Pemkab menargetkan 5.000 petani dan buruh tani bawang merah masuk kepesertaan pada akhir tahun.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca-berita/56102/pemkab-kediri-gandeng-bpjs-ketenagakerjaan-lindungi-3000-perangkat-desa",
        title="Pemkab Kediri Gandeng BPJS Ketenagakerjaan Lindungi 3.000 Perangkat Desa",
        published=when("2019-07-23 13:10"),
        author="Endra Kusuma",
        region_code="35.06",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        listing_only=True,
        category="Pemerintahan",
        paragraphs=paras("""
KEDIRI (Realita) - Pemerintah Kabupaten Kediri menandatangani perjanjian kerja sama dengan BPJS Ketenagakerjaan Cabang Kediri untuk melindungi 3.046 perangkat desa di 343 desa. Penandatanganan berlangsung di Pendopo Panjalu Jayati, Selasa (23/7/2019).

Melalui kerja sama ini, perangkat desa mulai dari kepala desa, sekretaris desa, hingga kepala dusun terdaftar dalam empat program sekaligus, yakni Jaminan Kecelakaan Kerja, Jaminan Kematian, Jaminan Hari Tua, dan Jaminan Pensiun. Iurannya dibayarkan melalui Alokasi Dana Desa (ADD).

Kepala BPJS Ketenagakerjaan Cabang Kediri, Bambang Suryadi, menyebut total iuran yang akan terhimpun dari kerja sama tersebut sekitar Rp3,2 miliar per tahun.

"Perangkat desa bekerja melayani warga setiap hari. Dengan menjadi peserta, mereka juga punya tabungan hari tua saat purnatugas nanti," ujar Bambang.

Sepanjang semester pertama 2019, BPJS Ketenagakerjaan Kediri telah membayar klaim sebanyak 6.420 kasus dengan nilai Rp71,5 miliar, sebagian besar untuk klaim Jaminan Hari Tua.
"""),
    ),
    # Kota, not Kabupaten, Pasuruan: the text says so (Pemkot, Wali Kota).
    SimArticle(
        portal=P,
        path="/baca-berita/119842/pemkot-pasuruan-tanggung-iuran-bpjs-ketenagakerjaan-2150-pekerja-rentan",
        title="Pemkot Pasuruan Tanggung Iuran BPJS Ketenagakerjaan 2.150 Pekerja Rentan",
        published=when("2024-10-21 13:05"),
        author="Hadi Santoso",
        region_code="35.75",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Ekonomi",
        paragraphs=paras("""
PASURUAN (Realita) - Pemerintah Kota Pasuruan menanggung iuran BPJS Ketenagakerjaan bagi 2.150 pekerja rentan mulai Oktober 2024. Iuran program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) sebesar Rp16.800 per orang per bulan itu dibayar dari APBD Kota Pasuruan.

Wali Kota Pasuruan, Adi Wibowo, menyerahkan kartu kepesertaan secara simbolis kepada perwakilan tukang becak, pedagang kaki lima, dan juru parkir di Gedung Gradhika Bhakti Praja, Senin (21/10/2024).

"Mereka bekerja setiap hari dengan risiko yang tidak kecil. Kalau terjadi kecelakaan kerja, keluarganya tidak boleh jatuh miskin. Karena itu Pemkot hadir membayarkan iurannya," kata Adi.

Kepala BPJS Ketenagakerjaan Cabang Pasuruan, Trioki Susanto, menyebut tambahan ini membuat cakupan kepesertaan Jamsostek di Kota Pasuruan naik dari 38,2 persen menjadi 41,7 persen dari sekitar 101.600 pekerja.

Sepanjang Januari hingga September 2024, BPJS Ketenagakerjaan Pasuruan telah membayarkan santunan JKM kepada 64 ahli waris pekerja di Kota Pasuruan dengan nilai Rp2,69 miliar.
"""),
    ),
)
