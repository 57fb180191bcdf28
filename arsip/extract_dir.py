"""`arsip extract`: clean text and metadata for a folder of saved pages, without network or database."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

from rich.console import Console
from rich.progress import track

from crawler.errors import CrawlerError
from crawler.text import Extraction, extract
from storage.regions import get_region, provinces


def read_urls(path: Path) -> dict[str, str]:
    """`<stem>\\t<url>` lines of a urls.tsv; blank lines and `#` comments are ignored."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise CrawlerError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    urls: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        url = fields[-1].strip()
        if len(fields) != 2 or not fields[0].strip() or urlsplit(url).scheme not in ("http", "https"):
            raise CrawlerError(f"{path}:{number}: expected '<stem><TAB><http(s) URL>', got {line!r}")
        urls[fields[0].strip()] = url
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
    if output_dir.exists() and not output_dir.is_dir():
        raise CrawlerError(f"--out {output_dir}: exists and is not a folder")
    output_dir.mkdir(parents=True, exist_ok=True)
    for page in track(pages, description="Extracting", console=console, transient=True):
        result = extract(page.read_bytes(), urls.get(page.stem))
        (output_dir / f"{page.stem}.txt").write_text(result.text + "\n" if result.text else "", "utf-8")
        (output_dir / f"{page.stem}.json").write_text(
            json.dumps(metadata(result), ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
    console.print(f"Extracted {len(pages)} page(s) into {output_dir}")
    return len(pages)
