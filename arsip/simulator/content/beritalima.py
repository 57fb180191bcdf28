"""beritalima.com articles (WordPress). URL: /{slug}/."""

from arsip.simulator.content import syndicated
from arsip.simulator.model import SimArticle, paras, when

P = "beritalima"

# The old permalink of the Jember article; it answers 301 to the new one.
OLD_JEMBER_PATH = "/2023/09/12/jamsostek-petani-tembakau-jember/"

ARTICLES: tuple[SimArticle, ...] = (
    # Seed 004: the user's example, text as published.
    SimArticle(
        portal=P,
        path="/bersama-pers-perluas-perlindungan-jaminan-sosial-pekerja-jatim/",
        title="Bersama Pers Perluas Perlindungan Jaminan Sosial Pekerja Jatim",
        published=when("2017-10-12 19:37"),
        author="Ganefo",
        region_code="35.14",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        category="Jatim",
        caption="Kakanwil BPJS Ketenagakerjaan Jatim, Abdul Cholik (depan nomor 2 dari kiri) bersama jajaran dan Kacab serta para wartawan di acara pers gathering di Pasuruan, Kamis (12/10/2017).",
        signoff="(Ganefo)",
        paragraphs=paras("""
PASURUAN, beritalima.com – Berbagai langkah ditempuh BPJS Ketenagakerjaan dalam menuju percepatan perluasan perlindungan jaminan sosial bagi pekerja Indonesia. Di antaranya, sebagaimana yang dilakukan BPJS Ketenagakerjaan Kantor Wilayah Jawa Timur, membangun kebersamaan dengan insan media.

Kepala Kantor Wilayah BPJS Ketenagakerjaan Jawa Timur, Abdul Cholik, mengakui insan media sebagai stakeholder eksternal yang sangat membantu dan mendukung penyebaran informasi program BPJS Ketenagakerjaan pada masyarakat.

“Lebih dari itu, wartawan adalah partner dalam rangka percepatan perluasan perlindungan jaminan sosial bagi pekerja,” tandas Abdul Cholik saat membuka acara Pers Gathering di Tanjung Plaza Hotel Tretes, Pasuruan, Kamis (12/10/2017).

Kegiatan selama 2 hari ini diikuti 17 wartawan yang aktif mengekspose kegiatan BPJS Ketenagakerjaan di Jawa Timur, dan Ketua LSM BPJS Watch, Arief Supriyono. Di samping itu dihadiri seluruh jajaran BPJS Ketenagakerjaan Kanwil Jatim, dan para Kepala Cabang BPJS Ketenagakerjaan Surabaya Raya, Sidoarjo, dan Mojokerto.

Acara yang disertai diskusi ini diawali dengan paparan capaian kinerja BPJS Ketenagakerjaan Kanwil Jatim, yang sampai akhir Agustus 2017 membukukan kepesertaan sebanyak 50.028 perusahaan aktif, 1.054.000 tenaga kerja aktif penerima upah, dan 103.000 pekerja sektor bukan penerima upah, serta 876.000 pekerja sektor jasa konstruksi.

Sedangkan untuk penambahan tenaga kerja penerima upah sebanyak 337.000, sektor bukan penerima upah 153.000, dan sektor jasa konstruksi 892.000.

Untuk penyelenggaraan jaminan sosial bagi TKI yang mau berangkat ke luar negeri, yang baru dimulai pada awal Agustus 2017, sampai akhir September 2017 BPJS Ketenagakerjaan Jatim sudah mendapat 83 perusahaan dengan jumlah 17.858 TKI.

Sedangkan untuk pembayaran klaim, sampai Agustus 2017 BPJS Jatim telah membayar Jaminan Hari Tua (JHT) 148.634 kasus sebesar Rp1.47 triliun, Jaminan Kematian (JKM) 2.300 kasus sejumlah Rp64 miliar, Jaminan Kecelakaan Kerja (JKK) 16.966 kasus sebanyak Rp105 miliar, dan Jaminan Pensiun (JP) 7.996 kasus sencilai Rp7,1 miliar.

Perusahaan pendukung Return To Work (RTW) se Jawa Timur sampai September 2017 ada 5.814 perusahaan, dan data pendampingan RTW 65 peserta, dimana 48 telah kembali bekerja, 17 dalam perawatan. Selain itu untuk Rumah Sakit Trauma Centet (RSTC) ada sebanyak 917 RS, dan BLK Kerjasama 11 tempat.

Disebutkan pula, pihaknya juga telah menggandeng perusahaan peserta untuk kerja sama Co-Marketing, yakni sebanyak 256 perusahaan Hotel, Restoran, Rumah Sakit, Showroom, Service Kendaraan, Klinik Kecantikain, Taman Rekreasi, Butik dan lain-lain, yang siap memberikan potongan harga buat peserta.

Manfaat Layanan Tambahan berupa Fasilitas Pembiayaan Perumahan dengan tujuan meningkatkan kesejahteraan peserta juga telah diberikan pada 365 tenaga kerja, yang meliputi Pinjaman Uang Muka Perumahan (PUMP) pada 19 pekerja, Kredit Pemilikan Rumah (KPR) pada 334 pekerja, dan Pinjaman Renovasi Rumah (PRR) pada 12 pekerja.

Dan yang terakhir, untuk Desa Sadar Jaminan Sosial BPJS Ketenagakerjaan di Jawa Timur hingga saat ini ada 25 desa dengan akuisisi 16.512 pekerja.
"""),
    ),
    SimArticle(
        portal=P,
        path="/bpjs-ketenagakerjaan-sidoarjo-salurkan-beasiswa-untuk-112-anak-peserta/",
        title="BPJS Ketenagakerjaan Sidoarjo Salurkan Beasiswa untuk 112 Anak Peserta",
        published=when("2024-10-23 08:05"),
        author="Rohman",
        region_code="35.15",
        relevant=True,
        story=syndicated.STORY,
        fault=None,
        tagged=True,
        category="Jatim",
        caption="Penyerahan beasiswa BPJS Ketenagakerjaan kepada anak peserta di Pendopo Delta Wibawa Sidoarjo.",
        paragraphs=syndicated.PARAGRAPHS,
    ),
    SimArticle(
        portal=P,
        path="/bpjs-ketenagakerjaan-tuban-sosialisasikan-jkp-kepada-pekerja-pabrik-semen/",
        title="BPJS Ketenagakerjaan Tuban Sosialisasikan JKP kepada Pekerja Pabrik Semen",
        published=when("2025-09-03 14:50"),
        author="Rohman",
        region_code="35.23",
        relevant=True,
        story=None,
        fault="http500",
        tagged=True,
        category="Jatim",
        caption="Sosialisasi program Jaminan Kehilangan Pekerjaan di kawasan industri Kecamatan Kerek, Tuban.",
        paragraphs=paras("""
TUBAN, beritalima.com – BPJS Ketenagakerjaan Cabang Tuban menyosialisasikan program Jaminan Kehilangan Pekerjaan (JKP) kepada sekitar 600 pekerja pabrik semen dan perusahaan alih daya di Kecamatan Kerek, Rabu (3/9/2025).

Kepala BPJS Ketenagakerjaan Cabang Tuban, Lilik Mardiyah, menjelaskan bahwa peserta yang mengalami pemutusan hubungan kerja berhak atas uang tunai sebesar 60 persen upah selama enam bulan, akses informasi pasar kerja, serta pelatihan kerja.

“Syaratnya, perusahaan tertib mendaftarkan pekerja pada program JKK, JKM, JHT, dan JP. Jadi kepatuhan pemberi kerja sangat menentukan,” kata Lilik.

Hingga Agustus 2025, BPJS Ketenagakerjaan Tuban telah membayarkan manfaat JKP kepada 318 peserta dengan nilai Rp2,41 miliar.
"""),
    ),
    SimArticle(
        portal=P,
        path="/jamsostek-untuk-petani-tembakau-jember-dibiayai-dbhcht/",
        title="Jamsostek untuk Petani Tembakau Jember Dibiayai DBHCHT",
        published=when("2023-09-12 10:25"),
        author="Rohman",
        region_code="35.09",
        relevant=True,
        story=None,
        fault="redirected",
        tagged=True,
        category="Jatim",
        caption="Petani tembakau di Kecamatan Ajung, Jember, menerima kartu peserta BPJS Ketenagakerjaan.",
        paragraphs=paras("""
JEMBER, beritalima.com – Sebanyak 6.750 petani dan buruh tani tembakau di Kabupaten Jember kini terdaftar sebagai peserta BPJS Ketenagakerjaan. Iuran Jaminan Kecelakaan Kerja dan Jaminan Kematian mereka selama enam bulan dibiayai Dana Bagi Hasil Cukai Hasil Tembakau (DBHCHT) tahun 2023.

Kepala BPJS Ketenagakerjaan Cabang Jember, Sugeng Riyanto, menyebut total iuran yang dibayarkan pemkab mencapai Rp680,4 juta. Para petani tersebar di 12 kecamatan sentra tembakau, di antaranya Ajung, Kalisat, Sukowono, dan Jelbuk.

“Petani tembakau bekerja dengan risiko, mulai dari terjatuh saat memanen hingga keracunan pestisida. Perlindungan ini memberi kepastian bagi keluarga mereka,” ujar Sugeng, Selasa (12/9/2023).

Sepanjang 2023, cakupan kepesertaan Jamsostek di Kabupaten Jember naik dari 27,9 persen menjadi 31,2 persen. Pemkab Jember berencana memperpanjang perlindungan petani tembakau hingga akhir tahun melalui perubahan anggaran.
"""),
    ),
    SimArticle(
        portal=P,
        path="/sleman-tambah-15-ribu-peserta-pbi-jkn-dari-apbd/",
        title="Sleman Tambah 15 Ribu Peserta PBI JKN dari APBD",
        published=when("2022-05-18 12:00"),
        author="Rohman",
        region_code="34.04",
        relevant=False,
        story=None,
        fault=None,
        category="Nasional",
        caption="Petugas Dinas Sosial Sleman memverifikasi data calon peserta PBI JKN.",
        paragraphs=paras("""
SLEMAN, beritalima.com – Pemerintah Kabupaten Sleman menambah 15.200 peserta Penerima Bantuan Iuran (PBI) Jaminan Kesehatan Nasional yang dibiayai APBD mulai Juni 2022. Tambahan itu menyasar warga miskin yang belum tercakup PBI dari pemerintah pusat.

Kepala Dinas Sosial Sleman, Sri Wahyuni, mengatakan anggaran yang disiapkan untuk tambahan peserta tersebut sekitar Rp4,5 miliar hingga akhir tahun. Data calon peserta diambil dari Data Terpadu Kesejahteraan Sosial yang telah diverifikasi ulang oleh pemerintah desa.

“Kami ingin tidak ada lagi warga miskin yang menunda berobat karena kartunya tidak aktif,” ujar Sri, Rabu (18/5/2022).

Dengan penambahan ini, cakupan kepesertaan JKN di Kabupaten Sleman mencapai 97,6 persen. BPJS Kesehatan Cabang Sleman memastikan peserta baru dapat langsung memanfaatkan layanan di puskesmas dan rumah sakit mitra.
"""),
    ),
    SimArticle(
        portal=P,
        path="/bpjs-ketenagakerjaan-surabaya-rungkut-ajak-ojek-online-tertib-berkendara/",
        title="BPJS Ketenagakerjaan Surabaya Rungkut Ajak Ojek Online Tertib Berkendara",
        published=when("2018-04-21 09:15"),
        author="Ganefo",
        region_code="35.78",
        relevant=True,
        story=None,
        fault=None,
        tagged=True,
        listing_only=True,
        category="Jatim",
        caption="Peserta safety riding BPJS Ketenagakerjaan Surabaya Rungkut di kawasan SIER.",
        paragraphs=paras("""
SURABAYA, beritalima.com – BPJS Ketenagakerjaan Cabang Surabaya Rungkut menggelar pelatihan keselamatan berkendara bagi 250 pengemudi ojek online di kawasan Surabaya Industrial Estate Rungkut (SIER), Sabtu (21/4/2018).

Kepala BPJS Ketenagakerjaan Cabang Surabaya Rungkut, Hadi Santoso, mengatakan kecelakaan lalu lintas masih menjadi penyebab terbesar klaim Jaminan Kecelakaan Kerja di wilayahnya. Sepanjang 2017, tercatat 1.932 kasus kecelakaan kerja dengan nilai klaim Rp21,8 miliar.

“Para pengemudi ini bekerja seharian di jalan. Selain mengajak mereka mendaftar sebagai peserta bukan penerima upah, kami juga ingin mereka pulang dengan selamat,” kata Hadi.

Dalam kegiatan tersebut, sebanyak 180 pengemudi langsung mendaftar program JKK dan JKM dengan iuran Rp16.800 per bulan.
"""),
    ),
    SimArticle(
        portal=P,
        path="/pemkab-bojonegoro-gelar-pasar-murah-di-28-kecamatan-jelang-ramadan/",
        title="Pemkab Bojonegoro Gelar Pasar Murah di 28 Kecamatan Jelang Ramadan",
        published=when("2024-03-05 07:45"),
        author="Rohman",
        region_code="35.22",
        relevant=False,
        story=None,
        fault=None,
        category="Jatim",
        caption="Warga antre membeli beras murah di halaman Kantor Kecamatan Kapas, Bojonegoro.",
        paragraphs=paras("""
BOJONEGORO, beritalima.com – Pemerintah Kabupaten Bojonegoro menggelar pasar murah di 28 kecamatan menjelang bulan Ramadan. Kegiatan yang berlangsung mulai Selasa (5/3/2024) itu menyediakan 84 ton beras, 21.000 liter minyak goreng, dan 14 ton gula pasir dengan harga di bawah pasaran.

Kepala Dinas Perdagangan Bojonegoro, Agus Haryanto, mengatakan beras medium dijual Rp10.500 per kilogram, lebih murah sekitar Rp3.000 dibanding harga di pasar tradisional.

“Setiap warga dibatasi membeli lima kilogram beras dan dua liter minyak goreng agar semua kebagian,” ujarnya.

Pasar murah dijadwalkan berakhir pada 15 Maret 2024. Pemkab juga menyiagakan tim pemantau harga di 12 pasar tradisional untuk mencegah lonjakan harga selama Ramadan.
"""),
    ),
)
