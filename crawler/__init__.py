"""Crawling: the Scrapy project (sources, spider, discovery, pipelines) and the pure text side (crawler.text)."""
