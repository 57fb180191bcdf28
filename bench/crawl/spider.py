"""The baselines of bench/crawl: a minimal Scrapy spider over a sitemap index, without arsip.

    python -m bench.crawl.spider SITEMAP_URL --mode fetch    # (a) fetch every article, nothing else
    python -m bench.crawl.spider SITEMAP_URL --mode naive    # (b) trafilatura.extract in the callback

Takes the same `-s NAME=VALUE` settings as `arsip crawl`; prints one JSON line
{"mode", "pages", "chars"} when the crawl ends.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response
from scrapy.spiders import SitemapSpider


class BaselineSpider(SitemapSpider):
    """Follows the sitemap index to every article; (b) also extracts it on the reactor's thread."""

    name = "baseline"

    def __init__(self, sitemap: str, mode: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sitemap_urls = [sitemap]
        self.mode = mode
        self.pages = 0
        self.chars = 0

    def parse(self, response: Response) -> Iterator[dict[str, Any]]:
        self.pages += 1
        if self.mode == "naive":
            import trafilatura

            self.chars += len(trafilatura.extract(response.text, url=response.url) or "")
        return iter(())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crawl.spider", description=__doc__.splitlines()[0])
    parser.add_argument("sitemap", help="URL of the sitemap index")
    parser.add_argument("--mode", choices=("fetch", "naive"), required=True)
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    settings: dict[str, Any] = {"LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False}
    for pair in args.settings:
        name, _, value = pair.partition("=")
        settings[name] = value
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(BaselineSpider)
    process.crawl(crawler, sitemap=args.sitemap, mode=args.mode)
    process.start()
    spider = crawler.spider
    sys.stdout.write(json.dumps({"mode": args.mode, "pages": spider.pages, "chars": spider.chars}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
