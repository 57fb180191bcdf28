"""The text side of the crawler: clean text, title, date, author, region and relevance
of one article page, with no Scrapy and no database (see `extract.py` for the cascade)."""

from crawler.text.extract import Extraction, extract

__all__ = ["Extraction", "extract"]
