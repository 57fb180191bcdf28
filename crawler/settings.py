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
# Items of one response processed at once. An article page gives one item, and Scrapy starts
# CONCURRENT_ITEMS asyncio tasks for every response whatever it gives (100 by default): that
# cost the reactor thread 9 s of a 60 s crawl of 5,000 pages (py-spy). Pages still run in parallel.
CONCURRENT_ITEMS = 1

# No listening sockets in a crawler process.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    # Before RobotsTxtMiddleware (100): a known article costs no request at all.
    "crawler.middlewares.SkipKnownMiddleware": 50,
    # Scrapy's robots.txt rules, given to every request that waited for them (crawler/middlewares.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,
    # Scrapy's retries, but waiting out a portal's Retry-After (crawler/retry.py).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.retry.RetryAfterMiddleware": 550,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.RelevancePipeline": 200,
    "crawler.pipelines.ArchivePipeline": 300,
}
# With ARSIP_REDIS_URL set, the crawl shares its frontier with other crawlers (crawler/frontier.py).
ADDONS = {"crawler.frontier.SharedFrontier": 0}
EXTENSIONS = {
    "crawler.extensions.RunRecorder": 500,
    "crawler.extensions.OneLineRobotsErrors": 0,
    "crawler.redirects.RedirectLoops": 510,  # redirects Scrapy's duplicate filter drops silently
}

# arsip's own settings.
ARSIP_DB = os.environ.get("ARSIP_DB")  # any SQLAlchemy URL; default ./arsip.db
ARSIP_SOURCES = os.environ.get("ARSIP_SOURCES")  # a sources file added to the built-in sources
ARSIP_LISTING_MAX_PAGES = 20  # how deep to follow a listing's pagination while it shows new articles
ARSIP_RELEVANCE_THRESHOLD = default_relevance_threshold  # score an article needs to be archived (crawler/text/relevance.py)
# Similarity a near copy needs to join a story (storage/dedup.py); `arsip dedup --rebuild --threshold` after a change.
ARSIP_DEDUP_THRESHOLD = default_dedup.threshold
ARSIP_RETRY_AFTER_MAX = 120  # wait out a 429/503 Retry-After up to this many seconds; longer: fail now, retry next crawl
ARSIP_SITEMAP_MAX_DEPTH = 3  # sitemap indexes nested deeper than this are not followed (a trap)
ARSIP_SITEMAP_MAX_NEW = 5000  # article URLs taken from one sitemap per crawl, newest first; the rest next crawl
ARSIP_RETRY_FAILED_MAX = 3  # a page that failed this many crawls in a row is not asked for again
# Processes that extract pages (crawler/extract_pool.py); None: one per core; 0: in the crawl's own
# process, on the reactor thread (for debugging and profiling only: it slows the crawl down).
ARSIP_EXTRACT_WORKERS = None
ARSIP_WRITE_BATCH_SIZE = 50  # articles and skipped pages written in one transaction ...
ARSIP_WRITE_BATCH_SECONDS = 0.5  # ... or fewer, when this long has passed since the first was queued
ARSIP_RUN_ID = 0  # set by the scheduler service: record the crawl into this (already opened) run
# The shared frontier (crawler/frontier.py): a Redis URL makes crawlers of the same sources share one queue and filter.
ARSIP_REDIS_URL = os.environ.get("ARSIP_REDIS_URL")  # e.g. redis://10.0.0.5:6379/0; unset: this process crawls alone
ARSIP_REDIS_PREFIX = "arsip"  # of every key arsip writes in Redis
ARSIP_REDIS_CRAWL = ""  # join this crawl id; empty: the running crawl of the same sources, or a new one
ARSIP_REDIS_HEARTBEAT = 2.0  # seconds between a crawler's heartbeats
ARSIP_REDIS_PEER_TTL = 15.0  # a crawler silent this long is gone: the others stop waiting for it
ARSIP_REDIS_KEEP = 7 * 24 * 3600.0  # a crawl's queue and filter outlive its last heartbeat this long
