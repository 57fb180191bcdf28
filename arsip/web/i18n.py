"""The web page's labels in Indonesian (the default) and English, and picking one per request."""

from __future__ import annotations

LANGUAGES = ("id", "en")

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Arsip berita BPJS Ketenagakerjaan",
        "search": "Cari",
        "placeholder": "kata kunci, mis. klaim JHT",
        "region": "Daerah",
        "any_region": "Semua daerah",
        "since": "Dari",
        "until": "Sampai",
        "source": "Portal",
        "any_source": "Semua portal",
        "all_copies": "Tampilkan setiap salinan",
        "results": "hasil",
        "no_results": "Tidak ada artikel yang cocok.",
        "next": "Berikutnya",
        "carried_by": "Dimuat oleh",
        "read": "Baca",
        "original": "Buka artikel asli",
        "back": "Kembali ke pencarian",
        "chart": "Artikel per bulan",
        "chart_empty": "Belum ada artikel bertanggal.",
        "published": "Terbit",
        "author": "Penulis",
        "copies": "Salinan di portal lain",
        "error": "Permintaan tidak valid",
        "not_found": "Artikel tidak ditemukan",
        "stories": "berita",
        "articles": "artikel",
        "language": "Bahasa",
    },
    "en": {
        "title": "BPJS Ketenagakerjaan news archive",
        "search": "Search",
        "placeholder": "keywords, e.g. klaim JHT",
        "region": "Region",
        "any_region": "All regions",
        "since": "From",
        "until": "Until",
        "source": "Portal",
        "any_source": "All portals",
        "all_copies": "Show every copy",
        "results": "results",
        "no_results": "No matching articles.",
        "next": "Next",
        "carried_by": "Carried by",
        "read": "Read",
        "original": "Open the original article",
        "back": "Back to search",
        "chart": "Articles per month",
        "chart_empty": "No dated articles yet.",
        "published": "Published",
        "author": "Author",
        "copies": "Copies on other portals",
        "error": "Bad request",
        "not_found": "Article not found",
        "stories": "stories",
        "articles": "articles",
        "language": "Language",
    },
}


def pick_language(lang: str | None, accept_language: str | None) -> str:
    """`?lang=` if it names a known language, else the first known one in Accept-Language, else Indonesian."""
    if lang in LANGUAGES:
        return lang
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "id"
