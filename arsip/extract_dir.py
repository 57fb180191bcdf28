"""`arsip extract`: clean text and metadata for a folder of saved pages, without network or database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import track

from crawler.errors import CrawlerError
from crawler.text import Extraction, extract
from storage.regions import get_region, provinces


def read_urls(path: Path) -> dict[str, str]:
    """`<stem>\\t<url>` lines of a urls.tsv; blank lines and `#` comments are ignored."""
    urls: dict[str, str] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        stem, sep, url = line.partition("\t")
        if not sep or not url.strip():
            raise CrawlerError(f"{path}:{number}: expected '<stem><TAB><url>', got {line!r}")
        urls[stem.strip()] = url.strip()
    return urls


def metadata(result: Extraction) -> dict[str, Any]:
    """The `<stem>.json` of a page: title, date, author, region (code and names), relevance."""
    region = get_region(result.region_code) if result.region_code else None
    province_code = result.region_code.split(".")[0] if result.region_code else None
    return {
        "title": result.title,
        "date": result.published.isoformat() if result.published else None,
        "author": result.author,
        "region": result.region_code,
        "region_name": region.name if region else None,
        "province": provinces().get(province_code) if province_code else None,
        "regions": list(result.regions),
        "relevant": result.relevant,
        "relevance_score": result.relevance_score,
        "reason": result.reason,
    }


def extract_dir(input_dir: Path, output_dir: Path, console: Console) -> int:
    """Write `<stem>.txt` and `<stem>.json` for every `*.html` in `input_dir`; return the count."""
    if not input_dir.is_dir():
        raise CrawlerError(f"--in {input_dir}: no such folder")
    pages = sorted(input_dir.glob("*.html"))
    if not pages:
        raise CrawlerError(f"--in {input_dir}: no *.html files in this folder")
    urls_file = input_dir / "urls.tsv"
    urls = read_urls(urls_file) if urls_file.exists() else {}
    output_dir.mkdir(parents=True, exist_ok=True)
    for page in track(pages, description="Extracting", console=console, transient=True):
        result = extract(page.read_bytes(), urls.get(page.stem))
        (output_dir / f"{page.stem}.txt").write_text(result.text + "\n" if result.text else "", "utf-8")
        (output_dir / f"{page.stem}.json").write_text(
            json.dumps(metadata(result), ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
    console.print(f"Extracted {len(pages)} page(s) into {output_dir}")
    return len(pages)
