"""jatimtimes.com articles (custom CMS). URL: /baca/{id}/{yyyymmdd}/{hhmmss}/{slug}."""

from arsip.simulator.model import SimArticle, paras, when

P = "jatimtimes"

ARTICLES: tuple[SimArticle, ...] = (
    # Seed 003: the user's example, text as published (its last line ends "..." before "Baca Selengkapnya").
    SimArticle(
        portal=P,
        path="/baca/325871/20241030/033400/tingkatkan-cakupan-kepesertaan-bpjs-ketenagakerjaan-blitar-gelar-fgd-dengan-pemkab-blitar",
        title="Tingkatkan Cakupan Kepesertaan, BPJS Ketenagakerjaan Blitar Gelar FGD dengan Pemkab Blitar",
        published=when("2024-10-30 03:34"),
        author="Aunur Rofiq",
        region_code="35.05",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Peristiwa",
        caption="BPJS Ketenagakerjaan Blitar dan Pemkab Blitar diskusikan strategi peningkatan perlindungan pekerja non-ASN.",
        paragraphs=paras("""
JATIMTIMES- BPJS Ketenagakerjaan Cabang Blitar mengadakan Focus Group Discussion (FGD) bersama Pemerintah Kabupaten Blitar untuk membahas peningkatan Universal Coverage Jamsostek (UCJ) di wilayah Kabupaten Blitar pada 2024 dan 2025.

Kegiatan yang berlangsung pada 24-25 Oktober 2024 di Hotel Aria Gajayana, Malang, ini menyoroti strategi penganggaran perlindungan sosial ketenagakerjaan, khususnya bagi pekerja non-ASN di Kabupaten Blitar pada tahun depan.

Sekretaris Daerah Kabupaten Blitar, Izul Marom, menyambut positif pelaksanaan FGD ini sebagai upaya membangun sinergi antara Pemkab Blitar dan BPJS Ketenagakerjaan. Izul mengungkapkan bahwa cakupan kepesertaan Jamsostek di Kabupaten Blitar saat ini berada pada angka 26,3% per 15 Oktober 2024. Angka ini, menurutnya, masih bisa ditingkatkan dengan merangkul lebih banyak sektor pekerjaan.

"Masih banyak potensi sektor pekerjaan yang dapat dilindungi untuk meningkatkan UCJ, seperti sektor pertanian, peternakan, nelayan, pertambangan, UMKM, dan sektor lainnya," ujar Izul.

Menurutnya, sektor-sektor ini bisa mendapatkan perlindungan melalui skema pembiayaan yang bersumber dari Dana Bagi Hasil Cukai Hasil Tembakau (DBHCHT) atau penganggaran Dinas Sosial untuk pekerja rentan kemiskinan ekstrem. Selain itu, ia menekankan pentingnya peran pemberi kerja untuk mendaftarkan pekerjanya dalam program BPJS Ketenagakerjaan.

Izul juga menjelaskan bahwa dalam FGD ini dibahas simulasi iuran perlindungan bagi pekerja selama setahun, yang sesuai dengan Permendagri Nomor 15 Tahun 2024. "Diskusi ini memberikan gambaran pembiayaan perlindungan bagi pekerja pada 2025, dan kami akan terus mendukung peningkatan UCJ di Kabupaten Blitar," tambahnya.

Venina, Kepala BPJS Ketenagakerjaan Blitar, menyatakan bahwa tujuan utama FGD ini adalah untuk menemukan solusi serta strategi yang efektif dalam memperluas kepesertaan BPJS Ketenagakerjaan di Kabupaten Blitar. Selain itu, kegiatan ini juga bertujuan untuk mendapatkan dukungan Pemkab Blitar dalam melindungi pekerja non-ASN, khususnya di lingkungan desa pada 2025, seperti kader Posyandu, Linmas, dan pengurus Badan Usaha Milik Desa (Bumdes).

"Kegiatan ini juga untuk membangun hubungan yang lebih erat dengan Pemkab Blitar. Melalui FGD ini, kita bisa memastikan perlindungan sosial ketenagakerjaan bagi pekerja di Kabupaten Blitar," ungkap Venina...
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca/324190/20241017/141500/pemkot-malang-dan-bpjs-ketenagakerjaan-teken-mou-9800-pekerja-rentan-terlindungi",
        title="Pemkot Malang dan BPJS Ketenagakerjaan Teken MoU, 9.800 Pekerja Rentan Terlindungi",
        published=when("2024-10-17 14:15"),
        author="Riski Wijaya",
        region_code="35.73",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Pemerintahan",
        caption="Penandatanganan nota kesepahaman Pemkot Malang dan BPJS Ketenagakerjaan Malang di Balai Kota Malang.",
        paragraphs=paras("""
JATIMTIMES - Pemerintah Kota Malang dan BPJS Ketenagakerjaan Cabang Malang menandatangani nota kesepahaman (MoU) tentang optimalisasi perlindungan jaminan sosial ketenagakerjaan, Kamis (17/10/2024). Lewat kesepakatan itu, sebanyak 9.800 pekerja rentan di Kota Malang terlindungi mulai November 2024.

Kepala BPJS Ketenagakerjaan Cabang Malang, Nurul Hidayah, menjelaskan bahwa iuran para pekerja rentan tersebut dibiayai APBD Kota Malang dengan total anggaran Rp1,97 miliar untuk satu tahun. Mereka terdiri atas pedagang pasar tradisional, juru parkir, pengemudi becak, hingga pekerja seni pertunjukan.

"Kota Malang punya banyak pekerja informal yang menopang ekonomi, terutama di sektor jasa dan pariwisata. Kalau mereka mengalami kecelakaan kerja atau meninggal dunia, keluarganya tidak boleh jatuh miskin," kata Nurul.

Berdasarkan data BPJS Ketenagakerjaan, cakupan kepesertaan di Kota Malang per September 2024 mencapai 49,6 persen dari sekitar 452.000 pekerja. Dengan tambahan peserta baru, angka tersebut diperkirakan naik menjadi 51,8 persen.

Sepanjang Januari hingga September 2024, BPJS Ketenagakerjaan Malang telah membayarkan klaim sebanyak 22.481 kasus dengan nilai Rp318,6 miliar, termasuk santunan Jaminan Kematian bagi 161 ahli waris pekerja bukan penerima upah.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca/309772/20240619/101000/ratusan-umkm-kota-batu-ikuti-kurasi-produk-untuk-pasar-ekspor",
        title="Ratusan UMKM Kota Batu Ikuti Kurasi Produk untuk Pasar Ekspor",
        published=when("2024-06-19 10:10"),
        author="Riski Wijaya",
        region_code="35.79",
        relevant=False,
        story=None,
        fault=None,
        category="Ekonomi",
        caption="Pelaku UMKM Kota Batu memamerkan produk olahan apel dalam kurasi produk ekspor.",
        paragraphs=paras("""
JATIMTIMES - Sebanyak 235 pelaku usaha mikro, kecil, dan menengah (UMKM) di Kota Batu mengikuti kurasi produk yang digelar Dinas Koperasi dan Usaha Mikro bersama sejumlah eksportir, Rabu (19/6/2024). Kurasi ini menjadi pintu masuk bagi produk lokal untuk menembus pasar luar negeri.

Produk yang dikurasi didominasi olahan apel seperti keripik, sari buah, dan dodol, disusul kopi, teh herbal, serta kerajinan anyaman bambu. Setiap produk dinilai dari sisi kualitas, kemasan, perizinan, hingga kapasitas produksi.

"Tidak semua akan langsung ekspor. Tapi dari kurasi ini kami bisa memetakan mana yang sudah siap dan mana yang masih perlu pendampingan, misalnya soal sertifikat halal dan BPOM," ujar Kepala Dinas Koperasi dan Usaha Mikro Kota Batu, Heru Santoso.

Menurut Heru, nilai transaksi ekspor UMKM Kota Batu sepanjang 2023 mencapai Rp8,4 miliar dengan tujuan Malaysia, Singapura, dan Belanda. Tahun ini pemkot menargetkan kenaikan hingga Rp12 miliar.

Sebanyak 40 produk terbaik hasil kurasi akan diikutkan dalam pameran dagang internasional di Jakarta pada Oktober mendatang.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca/288415/20230525/162000/pemkab-tulungagung-raih-paritrana-award-2023-tingkat-jawa-timur",
        title="Pemkab Tulungagung Raih Paritrana Award 2023 Tingkat Jawa Timur",
        published=when("2023-05-25 16:20"),
        author="Anang Basso",
        region_code="35.04",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Pemerintahan",
        caption="Bupati Tulungagung menerima penghargaan Paritrana Award 2023 di Gedung Negara Grahadi Surabaya.",
        paragraphs=paras("""
JATIMTIMES - Pemerintah Kabupaten Tulungagung meraih juara pertama Paritrana Award 2023 tingkat Provinsi Jawa Timur untuk kategori kabupaten. Penghargaan atas komitmen pemerintah daerah dalam penyelenggaraan program Jamsostek itu diserahkan di Gedung Negara Grahadi, Surabaya, Kamis (25/5/2023).

Tulungagung dinilai berhasil memperluas perlindungan jaminan sosial ketenagakerjaan hingga ke pekerja sektor informal. Hingga April 2023, sebanyak 41.380 pekerja bukan penerima upah di Tulungagung telah terdaftar, 18.200 di antaranya dibiayai APBD dan DBHCHT.

Kepala BPJS Ketenagakerjaan Cabang Tulungagung, Agus Setiawan, mengatakan pemkab juga telah menerbitkan peraturan bupati yang mewajibkan perlindungan bagi seluruh perangkat desa, guru TPQ, dan petugas kebersihan.

"Penghargaan ini bukan akhir. Kami berharap Tulungagung bisa mewakili Jawa Timur di tingkat nasional," ujar Agus.

Cakupan kepesertaan Jamsostek di Kabupaten Tulungagung saat ini mencapai 44,8 persen, tertinggi ketiga di wilayah Mataraman setelah Kota Kediri dan Kota Blitar.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca/218806/20200611/094500/pandemi-klaim-jht-di-bp-jamsostek-kepanjen-naik-40-persen",
        title="Pandemi, Klaim JHT di BP Jamsostek Kepanjen Naik 40 Persen",
        published=when("2020-06-11 09:45"),
        author="Anang Basso",
        region_code="35.07",
        signoff="[uci/yun]",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        listing_only=True,
        category="Ekonomi",
        caption="Peserta BP Jamsostek mengajukan klaim JHT secara daring di Kepanjen, Kabupaten Malang.",
        paragraphs=paras("""
JATIMTIMES - Pandemi Covid-19 membuat klaim Jaminan Hari Tua (JHT) di BP Jamsostek Cabang Kepanjen melonjak. Sepanjang Januari hingga Mei 2020, kantor cabang yang melayani Kabupaten Malang itu membayar 9.352 klaim JHT senilai Rp112,6 miliar, naik sekitar 40 persen dibanding periode yang sama tahun lalu.

Kepala BP Jamsostek Cabang Kepanjen, Dedi Kurniawan, mengatakan sebagian besar pengaju klaim adalah pekerja pabrik rokok dan perkebunan yang dirumahkan atau terkena pemutusan hubungan kerja.

"Untuk mencegah kerumunan, kami menerapkan layanan tanpa kontak fisik. Peserta cukup mengisi formulir daring, lalu petugas menghubungi lewat panggilan video," ujar Dedi, Kamis (11/6/2020).

Dedi menambahkan, rata-rata proses pencairan kini selesai dalam lima hari kerja setelah dokumen dinyatakan lengkap.
"""),
    ),
    SimArticle(
        portal=P,
        path="/baca/339120/20250416/110500/warga-jombang-kini-cukup-tunjukkan-ktp-untuk-berobat-dengan-jkn",
        title="Warga Jombang Kini Cukup Tunjukkan KTP untuk Berobat dengan JKN",
        published=when("2025-04-16 11:05"),
        author="Riski Wijaya",
        region_code="35.17",
        relevant=False,
        story=None,
        fault=None,
        category="Kesehatan",
        caption="Pasien mendaftar di loket RSUD Jombang dengan menunjukkan KTP elektronik.",
        paragraphs=paras("""
JATIMTIMES - Warga Kabupaten Jombang kini cukup menunjukkan KTP elektronik saat berobat di puskesmas maupun rumah sakit mitra BPJS Kesehatan. Kebijakan ini berlaku setelah Jombang kembali meraih predikat Universal Health Coverage (UHC) dengan cakupan kepesertaan JKN 98,1 persen.

Kepala Dinas Kesehatan Jombang, dr. Hartono, mengatakan pemkab menganggarkan Rp61,2 miliar pada 2025 untuk membayar iuran 121.600 peserta PBI daerah.

"Tidak perlu lagi membawa kartu JKN. Petugas cukup memindai NIK, status kepesertaan langsung terlihat," kata Hartono, Rabu (16/4/2025).

Kepala BPJS Kesehatan Cabang Jombang menambahkan, warga yang belum terdaftar bisa langsung diaktifkan kepesertaannya pada hari yang sama apabila masuk kategori tidak mampu.
"""),
    ),
)
