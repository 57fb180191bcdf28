"""Scrapy spiders; `news` is the one generic spider."""
