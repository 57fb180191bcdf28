"""Press releases that several portals ran: the truth for story clustering (SimArticle.story).

- "sidoarjo-beasiswa-2024": two portals ran it word for word (no dateline: identical body text
  under different titles); those copies live in nawacita.py and beritalima.py.
- "banyuwangi-jkm-nelayan-2024", "jombang-perangkat-desa-2025": syndicated copies as portals
  really run them: own title, dateline and lead, a paragraph cut or added, own photo caption.
- Bojonegoro's monthly claims report: one template, different figures each month. October's
  and November's are different stories, however alike their words.
- klikjatim's own report of the Banyuwangi event: same event and figures, its own words:
  another story.
"""

from arsip.simulator.model import SimArticle, paras, when

STORY = "sidoarjo-beasiswa-2024"

PARAGRAPHS: tuple[str, ...] = paras("""
BPJS Ketenagakerjaan Cabang Sidoarjo menyerahkan manfaat beasiswa pendidikan kepada 112 anak dari peserta yang meninggal dunia atau mengalami cacat total tetap akibat kecelakaan kerja. Total beasiswa yang disalurkan tahun ini mencapai Rp1,37 miliar.

Penyerahan dilakukan secara simbolis di Pendopo Delta Wibawa Sidoarjo, Selasa (22/10/2024), disaksikan jajaran Forkopimda dan perwakilan Dinas Tenaga Kerja Kabupaten Sidoarjo.

Kepala BPJS Ketenagakerjaan Cabang Sidoarjo, Dwi Harjanto, menjelaskan bahwa sesuai Peraturan Pemerintah Nomor 82 Tahun 2019, setiap peserta yang meninggal dunia berhak atas beasiswa untuk maksimal dua orang anak, mulai dari taman kanak-kanak hingga perguruan tinggi, dengan nilai maksimal Rp174 juta.

“Beasiswa ini bukan bantuan, melainkan hak peserta. Kami ingin memastikan anak-anak para pekerja tetap bisa melanjutkan pendidikan meskipun orang tuanya telah tiada,” ujar Dwi.

Sepanjang Januari hingga September 2024, BPJS Ketenagakerjaan Sidoarjo mencatat pembayaran klaim sebanyak 41.206 kasus dengan nilai Rp612,8 miliar. Klaim terbesar berasal dari program Jaminan Hari Tua (JHT) sebanyak 36.915 kasus senilai Rp538,2 miliar, disusul Jaminan Kecelakaan Kerja (JKK) 2.874 kasus senilai Rp31,6 miliar.

Saat ini cakupan kepesertaan aktif BPJS Ketenagakerjaan di Kabupaten Sidoarjo tercatat 512.470 pekerja atau 58,3 persen dari total angkatan kerja. Pemkab Sidoarjo menargetkan angka tersebut naik menjadi 65 persen pada akhir 2025 melalui perlindungan pekerja rentan yang dibiayai APBD.
""")


# --- Story "banyuwangi-jkm-nelayan-2024": one release from BPJS Ketenagakerjaan Cabang Banyuwangi,
# run by three portals, each with its own title, dateline and lead, a paragraph cut or added,
# and its own photo caption.

BANYUWANGI = "banyuwangi-jkm-nelayan-2024"

_BWI_LEAD = (
    "BPJS Ketenagakerjaan Cabang Banyuwangi menyerahkan santunan Jaminan Kematian (JKM) kepada ahli waris "
    "27 nelayan yang meninggal dunia saat melaut sepanjang 2024. Total santunan yang dibayarkan mencapai Rp1,13 miliar."
)
_BWI = paras("""
Penyerahan santunan berlangsung di Pelabuhan Perikanan Pantai Muncar, Senin (11/11/2024), disaksikan Bupati Banyuwangi Ipuk Fiestiandani dan jajaran Dinas Perikanan Kabupaten Banyuwangi.

Kepala BPJS Ketenagakerjaan Cabang Banyuwangi, Eko Yuliantoro, mengatakan setiap ahli waris peserta yang meninggal dunia bukan karena kecelakaan kerja menerima santunan sebesar Rp42 juta. Adapun ahli waris peserta yang meninggal akibat kecelakaan kerja menerima manfaat Jaminan Kecelakaan Kerja (JKK) sebesar 48 kali upah yang dilaporkan.

“Nelayan adalah pekerja dengan risiko tinggi. Dengan iuran Rp16.800 per bulan, keluarga mereka tidak kehilangan pegangan ketika musibah terjadi,” kata Eko.

Saat ini sebanyak 18.240 nelayan di Kabupaten Banyuwangi telah terdaftar sebagai peserta BPJS Ketenagakerjaan. Sebanyak 12.600 di antaranya iurannya dibiayai APBD melalui program perlindungan pekerja rentan.

Bupati Ipuk menyebut pemerintah daerah akan menambah kuota peserta yang dibiayai APBD menjadi 15.000 nelayan pada 2025. “Kami ingin tidak ada lagi keluarga nelayan yang jatuh miskin karena kepala keluarganya meninggal di laut,” ujarnya.

Selain santunan kematian, BPJS Ketenagakerjaan juga memberikan beasiswa pendidikan kepada 41 anak dari nelayan yang meninggal, dengan nilai total Rp318 juta untuk tahun ajaran 2024/2025.
""")
_BWI_ADDED = (
    "Data Dinas Perikanan mencatat jumlah nelayan di Kabupaten Banyuwangi mencapai sekitar 31.000 orang yang "
    "tersebar di 12 kecamatan pesisir, dengan Muncar sebagai sentra perikanan terbesar."
)

_BANYUWANGI_COPIES = {
    "jatimtimes": SimArticle(
        portal="jatimtimes",
        path="/baca/326912/20241111/104500/27-ahli-waris-nelayan-banyuwangi-terima-santunan-jkm-rp113-miliar",
        title="27 Ahli Waris Nelayan Banyuwangi Terima Santunan JKM Rp1,13 Miliar",
        published=when("2024-11-11 10:45"),
        author="Syamsul Arifin",
        region_code="35.10",
        relevant=True,
        story=BANYUWANGI,
        fault=None,
        category="Peristiwa",
        caption="Bupati Banyuwangi menyerahkan santunan JKM kepada ahli waris nelayan di Pelabuhan Muncar.",
        # The full release, under the portal's own dateline.
        paragraphs=(f"JATIMTIMES - {_BWI_LEAD}", *_BWI),
    ),
    "realita": SimArticle(
        portal="realita",
        path="/baca-berita/120377/bpjamsostek-banyuwangi-bayar-santunan-kematian-ahli-waris-nelayan",
        title="BPJAMSOSTEK Banyuwangi Bayar Santunan Kematian Ahli Waris Nelayan",
        published=when("2024-11-11 13:20"),
        author="Redaksi",
        region_code="35.10",
        relevant=True,
        story=BANYUWANGI,
        fault=None,
        category="Daerah",
        caption="Ahli waris nelayan menerima santunan secara simbolis di Muncar, Senin.",
        # Its own lead; the last paragraph (scholarships) cut.
        paragraphs=(
            "BANYUWANGI (Realita) - Sebanyak 27 ahli waris nelayan di Kabupaten Banyuwangi menerima santunan "
            "Jaminan Kematian (JKM) dari BPJS Ketenagakerjaan Cabang Banyuwangi. Nilai santunan yang dibayarkan "
            "sepanjang 2024 itu mencapai Rp1,13 miliar.",
            *_BWI[:-1],
        ),
    ),
    "beritalima": SimArticle(
        portal="beritalima",
        path="/santunan-jkm-rp113-miliar-untuk-keluarga-nelayan-banyuwangi/",
        title="Santunan JKM Rp1,13 Miliar untuk Keluarga Nelayan Banyuwangi",
        published=when("2024-11-12 07:30"),
        author="Ganefo",
        region_code="35.10",
        relevant=True,
        story=BANYUWANGI,
        fault=None,
        category="Jatim",
        caption="Foto: Suasana penyerahan santunan BPJS Ketenagakerjaan di Pelabuhan Perikanan Pantai Muncar.",
        # Its own dateline; the quote paragraph cut, a paragraph on the fishing districts added.
        paragraphs=(f"BANYUWANGI, beritalima.com| {_BWI_LEAD}", _BWI[0], _BWI[1], _BWI[3], _BWI_ADDED, *_BWI[4:]),
    ),
}

# The same event, reported by klikjatim's own journalist in their own words: same figures,
# different text, so another story (an article of its own, not a copy).
BANYUWANGI_OWN_REPORT = SimArticle(
    portal="klikjatim",
    path="/read/2024/11/11/118877/keluarga-nelayan-muncar-tak-lagi-was-was-saat-suami-melaut",
    title="Keluarga Nelayan Muncar Tak Lagi Was-was Saat Suami Melaut",
    published=when("2024-11-11 18:30"),
    author="Hadi Prayitno",
    region_code="35.10",
    relevant=True,
    story=None,
    fault=None,
    category="Feature",
    caption="Siti Aminah, istri nelayan Muncar, usai menerima santunan.",
    signoff="(hdi)",
    paragraphs=paras("""
KLIKJATIM.Com | Banyuwangi - Siti Aminah tak kuasa menahan tangis ketika namanya dipanggil ke panggung di Pelabuhan Muncar. Suaminya, Rahmat, hilang saat mencari ikan lemuru pada Maret lalu dan baru ditemukan tiga hari kemudian.

Perempuan 38 tahun itu termasuk satu dari 27 ahli waris nelayan yang hari itu menerima santunan dari BPJS Ketenagakerjaan. Ia mengaku tidak tahu suaminya terdaftar sebagai peserta sampai petugas desa datang ke rumahnya membawa formulir klaim.

"Saya kira semua sudah habis. Ternyata ada uang untuk sekolah anak-anak," kata Siti sambil memeluk putri bungsunya.

Di Muncar, kepesertaan nelayan di BPJS Ketenagakerjaan memang baru tumbuh dua tahun terakhir, setelah pemerintah kabupaten menanggung iuran program Jaminan Kecelakaan Kerja dan Jaminan Kematian bagi nelayan kecil. Sebelumnya, banyak nelayan menganggap iuran bulanan sebagai beban tambahan di tengah hasil tangkapan yang tak menentu.

Ketua kelompok nelayan setempat, Pak Salim, mengatakan kini hampir semua awak perahu slerek di dermaganya sudah memegang kartu peserta BPJS Ketenagakerjaan. Total santunan Jaminan Kematian yang dibayarkan BPJS Ketenagakerjaan tahun ini disebut mencapai Rp1,13 miliar.
"""),
)

# --- Story "jombang-perangkat-desa-2025": run by klikjatim and, rewritten at the top, by nawacita.

JOMBANG = "jombang-perangkat-desa-2025"

_JBG = paras("""
Pemerintah Kabupaten Jombang mendaftarkan 6.214 perangkat desa dan anggota Badan Permusyawaratan Desa (BPD) sebagai peserta BPJS Ketenagakerjaan. Iuran program Jaminan Kecelakaan Kerja dan Jaminan Kematian mereka dibayar dari Alokasi Dana Desa tahun 2025.

Penandatanganan perjanjian kerja sama dilakukan Bupati Jombang bersama Kepala BPJS Ketenagakerjaan Cabang Jombang, Andi Setiawan, di Pendopo Kabupaten Jombang, Rabu (15/1/2025).

Andi menjelaskan, dengan iuran Rp16.800 per orang setiap bulan, perangkat desa terlindungi dari risiko kecelakaan saat bertugas, termasuk dalam perjalanan dari rumah ke kantor desa. Jika peserta meninggal dunia, ahli waris berhak atas santunan Rp42 juta.

“Perangkat desa bekerja melayani warga setiap hari, sering kali sampai malam. Sudah semestinya mereka mendapat perlindungan yang sama dengan pekerja lain,” ujar Andi.

Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Jombang menambahkan, seluruh 302 desa di Kabupaten Jombang telah menganggarkan iuran tersebut dalam APBDes. Dengan tambahan peserta ini, cakupan kepesertaan aktif di Kabupaten Jombang naik menjadi 47,2 persen.

Ke depan, Pemkab Jombang berencana memperluas perlindungan kepada guru ngaji dan marbot masjid yang jumlahnya diperkirakan mencapai 4.800 orang.
""")

_JOMBANG_COPIES = {
    "klikjatim": SimArticle(
        portal="klikjatim",
        path="/read/2025/01/15/122871/6-214-perangkat-desa-di-jombang-terlindungi-bpjs-ketenagakerjaan",
        title="6.214 Perangkat Desa di Jombang Terlindungi BPJS Ketenagakerjaan",
        published=when("2025-01-15 16:10"),
        author="Muhammad Ridwan",
        region_code="35.17",
        relevant=True,
        story=JOMBANG,
        fault=None,
        category="Pemerintahan",
        caption="Bupati Jombang dan Kepala BPJS Ketenagakerjaan Jombang menandatangani perjanjian kerja sama.",
        signoff="(rid)",
        paragraphs=(f"KLIKJATIM.Com | Jombang - {_JBG[0]}", *_JBG[1:]),
    ),
    "nawacita": SimArticle(
        portal="nawacita",
        path="/2025/01/16/ribuan-perangkat-desa-jombang-kini-dilindungi-bpjamsostek/",
        title="Ribuan Perangkat Desa Jombang Kini Dilindungi BPJAMSOSTEK",
        published=when("2025-01-16 09:00"),
        author="Redaksi",
        region_code="35.17",
        relevant=True,
        story=JOMBANG,
        fault=None,
        category="Ekonomi",
        caption="Teks Foto: Penandatanganan kerja sama perlindungan perangkat desa di Pendopo Kabupaten Jombang.",
        # Its own lead; the closing plan (guru ngaji) cut.
        paragraphs=(
            "Jombang, Nawacita – Sebanyak 6.214 perangkat desa dan anggota BPD di Kabupaten Jombang kini "
            "terlindungi program BPJS Ketenagakerjaan. Iurannya dibayar dari Alokasi Dana Desa tahun 2025.",
            *_JBG[1:-1],
        ),
    ),
}


# --- Template releases: BPJS Ketenagakerjaan Cabang Bojonegoro's monthly claims report. Same
# words every month, different figures: each month is a story of its own. October's also ran
# on nawacita (a copy); November's ran once.

BOJONEGORO_OCTOBER = "bojonegoro-klaim-oktober-2024"


def _claims_report(month: str, figures: dict[str, str]) -> tuple[str, ...]:
    return paras(f"""
BPJS Ketenagakerjaan Cabang Bojonegoro mencatat pembayaran klaim sebanyak {figures["cases"]} kasus dengan nilai Rp{figures["value"]} miliar sepanjang {month} 2024. Angka tersebut {figures["trend"]} {figures["change"]} persen dibandingkan bulan sebelumnya.

Kepala BPJS Ketenagakerjaan Cabang Bojonegoro, Arief Wicaksono, merinci klaim terbanyak berasal dari program Jaminan Hari Tua (JHT) sebanyak {figures["jht"]} kasus senilai Rp{figures["jht_value"]} miliar. Selanjutnya Jaminan Kecelakaan Kerja (JKK) {figures["jkk"]} kasus senilai Rp{figures["jkk_value"]} miliar dan Jaminan Kematian (JKM) {figures["jkm"]} kasus senilai Rp{figures["jkm_value"]} miliar.

“Seluruh klaim kami selesaikan rata-rata dalam {figures["days"]} hari kerja sejak berkas dinyatakan lengkap. Peserta kini bisa mengajukan klaim JHT melalui aplikasi JMO tanpa datang ke kantor cabang,” kata Arief.

Hingga akhir {month} 2024, jumlah peserta aktif BPJS Ketenagakerjaan di Kabupaten Bojonegoro tercatat {figures["members"]} pekerja, terdiri atas {figures["wage"]} pekerja penerima upah dan {figures["non_wage"]} pekerja bukan penerima upah.

Arief mengimbau pemberi kerja di Kabupaten Bojonegoro untuk tertib melaporkan upah sebenarnya dan membayar iuran tepat waktu agar hak pekerja atas manfaat program tetap terlindungi.
""")


_OCTOBER = _claims_report("Oktober", {
    "cases": "3.412", "value": "21,4", "trend": "naik", "change": "6,2", "jht": "2.960", "jht_value": "17,8",
    "jkk": "311", "jkk_value": "2,1", "jkm": "141", "jkm_value": "1,5", "days": "3", "members": "168.305",
    "wage": "121.774", "non_wage": "46.531",
})
_NOVEMBER = _claims_report("November", {
    "cases": "3.187", "value": "19,8", "trend": "turun", "change": "6,6", "jht": "2.744", "jht_value": "16,3",
    "jkk": "298", "jkk_value": "2,0", "jkm": "145", "jkm_value": "1,5", "days": "3", "members": "169.942",
    "wage": "122.108", "non_wage": "47.834",
})

_BOJONEGORO = {
    "klikjatim": (
        SimArticle(
            portal="klikjatim",
            path="/read/2024/11/04/118502/klaim-bpjs-ketenagakerjaan-bojonegoro-oktober-2024-capai-rp214-miliar",
            title="Klaim BPJS Ketenagakerjaan Bojonegoro Oktober 2024 Capai Rp21,4 Miliar",
            published=when("2024-11-04 11:00"),
            author="Redaksi",
            region_code="35.22",
            relevant=True,
            story=BOJONEGORO_OCTOBER,
            fault=None,
            category="Ekonomi",
            caption="Kantor BPJS Ketenagakerjaan Cabang Bojonegoro.",
            paragraphs=(f"KLIKJATIM.Com | Bojonegoro - {_OCTOBER[0]}", *_OCTOBER[1:]),
        ),
        SimArticle(
            portal="klikjatim",
            path="/read/2024/12/03/120114/klaim-bpjs-ketenagakerjaan-bojonegoro-november-2024-capai-rp198-miliar",
            title="Klaim BPJS Ketenagakerjaan Bojonegoro November 2024 Capai Rp19,8 Miliar",
            published=when("2024-12-03 10:40"),
            author="Redaksi",
            region_code="35.22",
            relevant=True,
            story=None,  # the same template a month later: another story
            fault=None,
            category="Ekonomi",
            caption="Kantor BPJS Ketenagakerjaan Cabang Bojonegoro.",
            paragraphs=(f"KLIKJATIM.Com | Bojonegoro - {_NOVEMBER[0]}", *_NOVEMBER[1:]),
        ),
    ),
    "nawacita": (
        SimArticle(
            portal="nawacita",
            path="/2024/11/05/bpjamsostek-bojonegoro-bayar-3-412-klaim-selama-oktober/",
            title="BPJAMSOSTEK Bojonegoro Bayar 3.412 Klaim Selama Oktober",
            published=when("2024-11-05 08:15"),
            author="Redaksi",
            region_code="35.22",
            relevant=True,
            story=BOJONEGORO_OCTOBER,
            fault=None,
            category="Ekonomi",
            caption="Teks Foto: Layanan klaim di kantor BPJS Ketenagakerjaan Cabang Bojonegoro.",
            # Its own dateline; the closing appeal cut.
            paragraphs=(f"Bojonegoro, Nawacita – {_OCTOBER[0]}", *_OCTOBER[1:-1]),
        ),
    ),
}


# Syndicated copies that live here rather than in a portal's module, by portal.
BY_PORTAL: dict[str, tuple[SimArticle, ...]] = {
    "klikjatim": (_JOMBANG_COPIES["klikjatim"], *_BOJONEGORO["klikjatim"], BANYUWANGI_OWN_REPORT),
    "nawacita": (_JOMBANG_COPIES["nawacita"], *_BOJONEGORO["nawacita"]),
    "realita": (_BANYUWANGI_COPIES["realita"],),
    "jatimtimes": (_BANYUWANGI_COPIES["jatimtimes"],),
    "beritalima": (_BANYUWANGI_COPIES["beritalima"],),
}
