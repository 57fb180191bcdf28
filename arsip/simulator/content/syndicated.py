"""A press release that two portals ran word for word (story "sidoarjo-beasiswa-2024").

The paragraphs carry no dateline, so both copies are identical body text under different titles.
"""

from arsip.simulator.model import SimArticle, paras

STORY = "sidoarjo-beasiswa-2024"

PARAGRAPHS: tuple[str, ...] = paras("""
BPJS Ketenagakerjaan Cabang Sidoarjo menyerahkan manfaat beasiswa pendidikan kepada 112 anak dari peserta yang meninggal dunia atau mengalami cacat total tetap akibat kecelakaan kerja. Total beasiswa yang disalurkan tahun ini mencapai Rp1,37 miliar.

Penyerahan dilakukan secara simbolis di Pendopo Delta Wibawa Sidoarjo, Selasa (22/10/2024), disaksikan jajaran Forkopimda dan perwakilan Dinas Tenaga Kerja Kabupaten Sidoarjo.

Kepala BPJS Ketenagakerjaan Cabang Sidoarjo, Dwi Harjanto, menjelaskan bahwa sesuai Peraturan Pemerintah Nomor 82 Tahun 2019, setiap peserta yang meninggal dunia berhak atas beasiswa untuk maksimal dua orang anak, mulai dari taman kanak-kanak hingga perguruan tinggi, dengan nilai maksimal Rp174 juta.

“Beasiswa ini bukan bantuan, melainkan hak peserta. Kami ingin memastikan anak-anak para pekerja tetap bisa melanjutkan pendidikan meskipun orang tuanya telah tiada,” ujar Dwi.

Sepanjang Januari hingga September 2024, BPJS Ketenagakerjaan Sidoarjo mencatat pembayaran klaim sebanyak 41.206 kasus dengan nilai Rp612,8 miliar. Klaim terbesar berasal dari program Jaminan Hari Tua (JHT) sebanyak 36.915 kasus senilai Rp538,2 miliar, disusul Jaminan Kecelakaan Kerja (JKK) 2.874 kasus senilai Rp31,6 miliar.

Saat ini cakupan kepesertaan aktif BPJS Ketenagakerjaan di Kabupaten Sidoarjo tercatat 512.470 pekerja atau 58,3 persen dari total angkatan kerja. Pemkab Sidoarjo menargetkan angka tersebut naik menjadi 65 persen pada akhir 2025 melalui perlindungan pekerja rentan yang dibiayai APBD.
""")


# Syndicated copies that live here rather than in a portal's module, by portal.
BY_PORTAL: dict[str, tuple[SimArticle, ...]] = {}
