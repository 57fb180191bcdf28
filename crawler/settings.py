"""Scrapy settings of the arsip project: how to crawl (politeness, pipelines, limits).

What to crawl is the sources file (ARSIP_SOURCES); where to archive is ARSIP_DB.
Any of these can be overridden per crawl: `arsip crawl -s NAME=VALUE` or `scrapy crawl -s`.
"""

import os

# Lower-case names: Scrapy takes every upper-case name of this module as a setting.
from crawler.text.relevance import DEFAULT_THRESHOLD as default_relevance_threshold
from storage.dedup import DEFAULTS as default_dedup

BOT_NAME = "arsip"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# An honest User-Agent: a bot, and what it collects. Operators should add their contact:
# -s USER_AGENT="arsip/0.1 (BPJS Ketenagakerjaan news archive; +mailto:you@example.org)"
USER_AGENT = "arsip/0.1 (bot; archive of news about BPJS Ketenagakerjaan)"

# Politeness.
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2

# No listening sockets in a crawler process.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    # Before RobotsTxtMiddleware (100): a known article costs no request at all.
    "crawler.middlewares.SkipKnownMiddleware": 50,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.RelevancePipeline": 200,
    "crawler.pipelines.ArchivePipeline": 300,
}
EXTENSIONS = {
    "crawler.extensions.RunRecorder": 500,
    "crawler.extensions.OneLineRobotsErrors": 0,
}

# arsip's own settings.
ARSIP_DB = os.environ.get("ARSIP_DB")  # any SQLAlchemy URL; default ./arsip.db
ARSIP_SOURCES = os.environ.get("ARSIP_SOURCES")  # a sources file added to the built-in sources
ARSIP_LISTING_MAX_PAGES = 20  # how deep to follow a listing's pagination while it shows new articles
ARSIP_RELEVANCE_THRESHOLD = default_relevance_threshold  # score an article needs to be archived (crawler/text/relevance.py)
# Similarity a near copy needs to join a story (storage/dedup.py); `arsip dedup --rebuild --threshold` after a change.
ARSIP_DEDUP_THRESHOLD = default_dedup.threshold
ARSIP_RETRY_FAILED_MAX = 3  # a page that failed this many crawls in a row is not asked for again
ARSIP_RUN_ID = 0  # set by the scheduler service: record the crawl into this (already opened) run
