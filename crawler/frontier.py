"""The shared frontier: N crawler processes, on any machines, share one crawl through Redis.

`arsip crawl --redis URL` (setting ARSIP_REDIS_URL) switches the crawl to scrapy-redis's
scheduler and duplicate filter, through the add-on `SharedFrontier` (ADDONS in settings.py).
What scrapy-redis 0.9.1 lacks, and how it is made up for here:

- Its spider (RedisSpider) reads start URLs only from its idle handler and predates
  Scrapy 2.13's `async def start()`; its idle timeout counts from the moment the module was
  imported (`RedisMixin.spider_idle_start_time` is a class attribute). Neither is used:
  NewsSpider keeps its own `start()`; every crawler of a crawl runs it and the shared
  duplicate filter lets each discovery page through once.
- Its scheduler closes a crawler as soon as the shared queue is empty, even while another
  crawler is about to push the next listing page. `SharedScheduler` keeps a heartbeat key per
  crawler (TTL) saying busy or idle; an idle crawler stays (DontCloseSpider) while the queue
  has requests or another live crawler of the crawl is busy, and polls the queue meanwhile.
- Its PriorityQueue orders requests of one priority by their pickled bytes, not by arrival.
  `FifoPriorityQueue` scores by (priority, arrival number): Scrapy priorities first, then
  first in, first out, so a listing's articles are fetched before its next page.
- A pop is destructive: what a crawler popped and then died with is gone from Redis. Here a
  pop also files the request under the crawler's in-flight hash, in one Lua script (atomic);
  each heartbeat drops from it the requests the engine has finished with (its slot's
  `inprogress`: downloaded and their callbacks' output queued). When a crawler's heartbeat
  expires, another crawler of the crawl puts its in-flight requests back in the queue; a new
  crawl of the same sources takes over the queue and the in-flight requests of the last one
  if all its crawlers are gone. The duplicate filter is scoped to one crawl (a crawl id), so
  the archive stays the long-term memory: a page never archived is found again by the next
  crawl. Cost of a crash: the pages finished in the crawler's last heartbeat may be fetched twice.

Keys (prefix ARSIP_REDIS_PREFIX, default "arsip"):
  <p>:current:<scope>          id of the running crawl of these sources (TTL: ARSIP_REDIS_PEER_TTL)
  <p>:last:<scope>             id of the latest crawl of these sources
  <p>:crawl:<id>:requests      the queue (sorted set)      <p>:crawl:<id>:seen   request fingerprints
  <p>:crawl:<id>:started       when the crawl started: the spider's `started_at` (what is new to it)
  <p>:crawl:<id>:requests:seq  arrival counter            <p>:crawl:<id>:peer:<peer>  busy|idle (TTL)
  <p>:crawl:<id>:inflight:<peer>  requests a crawler popped and has not finished (hash)
  <p>:crawls                   open crawl jobs (scheduler/distributed.py), removed when one ends
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from scrapy.spiders import Spider
from scrapy_redis import picklecompat
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.errors import CrawlerError

log = logging.getLogger(__name__)

PRIORITY_SPAN = 10**9  # arrival numbers per priority level; scores stay exact integers in a double
IDLE_POLL = 0.5  # seconds between looks at the shared queue while this crawler waits for others


class FrontierError(CrawlerError):
    """Redis cannot be reached or holds something unexpected; the message says which and what to do."""


def connect(url: str) -> redis.Redis:
    """A client for `url`, checked, or a FrontierError that names the URL and the remedy."""
    try:
        server = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise FrontierError(
            f"Redis at {url}: {exc}; start redis-server there or give another --redis URL"
        ) from exc
    return server


def crawl_key(prefix: str, crawl_id: str, name: str) -> str:
    return f"{prefix}:crawl:{crawl_id}:{name}"


def scope_of(source_names: Iterable[str]) -> str:
    """The key part naming a set of sources: crawls of the same sources share a frontier."""
    names = ",".join(sorted(source_names))
    return names if len(names) <= 64 else hashlib.sha1(names.encode()).hexdigest()


def crawls_key(prefix: str) -> str:
    return f"{prefix}:crawls"


def live_peers(server: redis.Redis, prefix: str, crawl_id: str) -> dict[str, str]:
    """peer id -> "busy" | "idle", for the crawlers of a crawl whose heartbeat has not expired."""
    pattern = crawl_key(prefix, crawl_id, "peer:*")
    keys = list(server.scan_iter(match=pattern, count=200))
    if not keys:
        return {}
    values = server.mget(keys)
    start = len(crawl_key(prefix, crawl_id, "peer:"))
    return {k.decode()[start:]: v.decode() for k, v in zip(keys, values, strict=True) if v is not None}


def fingerprint(method: str, url: str, body: bytes = b"") -> str:
    """The duplicate filter's fingerprint (scrapy-redis's RFPDupeFilter) of a request."""
    return RFPDupeFilter.request_fingerprint(None, Request(url, method=method, body=body))  # type: ignore[arg-type]


def join_crawl(server: redis.Redis, prefix: str, scope: str, ttl: float, peer: str) -> tuple[str, bool]:
    """The id of the running crawl of `scope`, or of a new one; True when this call made it.

    One process makes a new crawl (a short lock); the others wait for its id. A new crawl takes
    over the queue of the last one when no crawler of that one is alive any more. On return the
    crawler `peer` is registered (its heartbeat key set) in the crawl, and the crawl was still
    running after that: a crawl ending at this moment (see SharedScheduler.close) either sees
    this crawler and stays, or is gone before the second look and a new one is made.
    """
    current, lock = f"{prefix}:current:{scope}", f"{prefix}:starting:{scope}"
    px = int(ttl * 1000)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = server.get(current)
        if found:
            crawl_id = found.decode()
            server.set(crawl_key(prefix, crawl_id, f"peer:{peer}"), "busy", px=px)
            if server.get(current) == found:
                return crawl_id, False
            server.delete(crawl_key(prefix, crawl_id, f"peer:{peer}"))
            continue
        if server.set(lock, os.getpid(), nx=True, ex=30):
            try:
                crawl_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
                carry_over(server, prefix, scope, crawl_id)
                server.set(crawl_key(prefix, crawl_id, f"peer:{peer}"), "busy", px=px)
                server.set(current, crawl_id, px=px)
                server.set(f"{prefix}:last:{scope}", crawl_id)
                return crawl_id, True
            finally:
                server.delete(lock)
        time.sleep(0.05)
    raise FrontierError(f"Redis: no crawl id for sources {scope!r} after 30 s; delete the key {lock} if it is stale")


# Set the pointer to this crawl unless it names another one (a crawl made meanwhile).
_KEEP_POINTER = """
local v = redis.call('GET', KEYS[1])
if (not v) or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0
"""
# Delete the pointer only if it names this crawl.
_DROP_POINTER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def carry_over(server: redis.Redis, prefix: str, scope: str, crawl_id: str) -> int:
    """Move the queued requests of the last crawl of `scope`, if all its crawlers are gone, into `crawl_id`.

    Their fingerprints enter the new filter too, so that rediscovering them does not queue them twice.
    """
    last = server.get(f"{prefix}:last:{scope}")
    if not last or live_peers(server, prefix, last.decode()):
        return 0
    old = crawl_key(prefix, last.decode(), "requests")
    inflight = list(server.scan_iter(match=crawl_key(prefix, last.decode(), "inflight:*")))
    entries = server.zrange(old, 0, -1) + [data for key in inflight for data in server.hvals(key)]
    if not entries:
        return 0
    seen = [_fingerprint_of(e) for e in entries]
    pipe = server.pipeline()
    for number, data in enumerate(entries):
        priority = picklecompat.loads(data).get("priority", 0)
        pipe.zadd(crawl_key(prefix, crawl_id, "requests"), {data: -priority * PRIORITY_SPAN + number})
    pipe.set(crawl_key(prefix, crawl_id, "requests:seq"), len(entries))
    pipe.sadd(crawl_key(prefix, crawl_id, "seen"), *seen)
    pipe.delete(old, *inflight)
    pipe.execute()
    log.info("frontier: %d request(s) left by crawl %s carried over into crawl %s", len(entries), last.decode(), crawl_id)
    return len(entries)


def _fingerprint_of(data: bytes) -> str:
    request = picklecompat.loads(data)
    return fingerprint(request.get("method", "GET"), request["url"], request.get("body") or b"")


_POP_INTO = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return nil end
redis.call('HSET', KEYS[2], ARGV[1], popped[1])
return popped[1]
"""


class FifoPriorityQueue(PriorityQueue):
    """scrapy-redis's sorted-set queue, first in first out within one Scrapy priority.

    Score = -priority * PRIORITY_SPAN + arrival number (INCR on a counter key): the lowest
    score pops first (ZPOPMIN, atomic: two crawlers never get one request).
    """

    def push(self, request: Request) -> None:
        number = self.server.incr(self.key + ":seq")
        score = -request.priority * PRIORITY_SPAN + number
        self.server.zadd(self.key, {self._encode_request(request): score})

    def pop(self, timeout: int = 0) -> Request | None:
        popped = self.server.zpopmin(self.key, 1)
        return self._decode_request(popped[0][0]) if popped else None

    def pop_into(self, inflight_key: str, tag: str) -> Request | None:
        """Pop the next request and file it under `tag` in the hash `inflight_key`, atomically."""
        data = self.server.eval(_POP_INTO, 2, self.key, inflight_key, tag)
        if data is None:
            return None
        request = self._decode_request(data)
        request.meta["arsip_inflight"] = tag
        return request

    def push_raw(self, entries: list[bytes]) -> None:
        """Put encoded requests back (at the end of their priority), as carry_over does."""
        pipe = self.server.pipeline()
        for data in entries:
            number = self.server.incr(self.key + ":seq")
            pipe.zadd(self.key, {data: -picklecompat.loads(data).get("priority", 0) * PRIORITY_SPAN + number})
        pipe.execute()

    def clear(self) -> None:
        self.server.delete(self.key, self.key + ":seq")


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler, keyed by crawl id, with peers' heartbeats and a careful idle.

    Settings: ARSIP_REDIS_URL, ARSIP_REDIS_PREFIX, ARSIP_REDIS_CRAWL (join this crawl id;
    empty: the running crawl of the same sources, or a new one), ARSIP_REDIS_HEARTBEAT,
    ARSIP_REDIS_PEER_TTL (a crawler silent this long is gone), ARSIP_REDIS_KEEP (a crawl's keys
    live this long after its last heartbeat).
    """

    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        settings = crawler.settings
        url = settings.get("ARSIP_REDIS_URL") or ""
        if not url:
            raise NotConfigured("SharedScheduler needs ARSIP_REDIS_URL")
        server = connect(url)
        prefix = settings.get("ARSIP_REDIS_PREFIX") or "arsip"
        ttl = settings.getfloat("ARSIP_REDIS_PEER_TTL")
        spider = crawler.spider
        scope = scope_of(s.name for s in getattr(spider, "sources", [])) or "all"
        crawl_id = settings.get("ARSIP_REDIS_CRAWL") or ""
        peer = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(2)}"
        created = False
        if crawl_id:
            server.set(crawl_key(prefix, crawl_id, f"peer:{peer}"), "busy", px=int(ttl * 1000))
        else:
            crawl_id, created = join_crawl(server, prefix, scope, ttl, peer)
        instance = cls(
            server=server,
            persist=True,  # the queue and filter belong to the crawl, not to this process
            queue_key=crawl_key(prefix, crawl_id, "requests"),
            queue_cls="crawler.frontier.FifoPriorityQueue",
            dupefilter=RFPDupeFilter(server, key=crawl_key(prefix, crawl_id, "seen"), debug=settings.getbool("DUPEFILTER_DEBUG")),
            serializer=picklecompat,
        )
        instance.crawler, instance.stats = crawler, crawler.stats
        instance.prefix, instance.crawl_id, instance.scope = prefix, crawl_id, scope
        instance.peer = peer
        instance.ttl, instance.keep = ttl, settings.getfloat("ARSIP_REDIS_KEEP")
        instance.heartbeat_every = settings.getfloat("ARSIP_REDIS_HEARTBEAT")
        instance.state = "busy"
        instance.alive = threading.Event()
        instance.beating: threading.Thread | None = None
        instance.popped, instance.inflight = 0, set()
        instance.looping: task.LoopingCall | None = None
        # When the crawl started, whichever crawler started it: "new to this crawl" means archived since then.
        server.set(crawl_key(prefix, crawl_id, "started"), datetime.now(UTC).isoformat(), nx=True)
        instance.started_at = datetime.fromisoformat(server.get(crawl_key(prefix, crawl_id, "started")).decode())
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        assert crawler.stats is not None
        crawler.stats.set_value("arsip/frontier/crawl", crawl_id)
        crawler.stats.set_value("arsip/frontier/peer", instance.peer)
        log.info("frontier: crawler %s %s crawl %s (sources %s)", instance.peer, "started" if created else "joined", crawl_id, scope)
        return instance

    # Scrapy's scheduler interface -------------------------------------------------------

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.mark("busy")
        # The spider's "new to this crawl" (listing pagination) must mean the shared crawl, not this process.
        if isinstance(getattr(spider, "started_at", None), datetime):
            spider.started_at = min(spider.started_at, self.started_at)  # type: ignore[attr-defined]
        self.beat()
        self.looping = task.LoopingCall(self.tend)
        self.looping.start(self.heartbeat_every, now=True)
        # The heartbeat has a thread of its own: a reactor busy for seconds (a long write, a big page)
        # must not make the others take this crawler for dead and fetch its requests twice.
        self.beating = threading.Thread(target=self._beat_until_closed, name="arsip-frontier-heartbeat", daemon=True)
        self.beating.start()

    def close(self, reason: str) -> None:
        if self.looping is not None and self.looping.running:
            self.looping.stop()
        self.alive.set()
        if self.beating is not None:
            self.beating.join()
        self.ack()  # what is still in progress now (a stop, not a finish) stays in flight, for the others
        self.server.delete(self.key(f"peer:{self.peer}"))
        if self.inflight:
            log.warning("frontier: %d request(s) unfinished: left for the other crawlers", len(self.inflight))
        if reason != "finished" or len(self.queue) or any(self.server.scan_iter(match=self.key("inflight:*"))):
            return
        # The last one out ends the crawl. The pointer goes first, so that no crawler joins from now on;
        # one that joined just before is seen in the look at the peers (join_crawl registers, then re-reads).
        current = f"{self.prefix}:current:{self.scope}"
        self.server.eval(_DROP_POINTER, 1, current, self.crawl_id)
        if live_peers(self.server, self.prefix, self.crawl_id):
            self.server.eval(_KEEP_POINTER, 1, current, self.crawl_id, int(self.ttl * 1000))
            return
        self.end_crawl()

    def next_request(self) -> Request | None:
        self.popped += 1
        tag = f"{self.popped}"
        request = self.queue.pop_into(self.key(f"inflight:{self.peer}"), tag)
        if request is None:
            return None
        self.inflight.add(tag)
        self.mark("busy")
        assert self.stats is not None
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # in flight ---------------------------------------------------------------------------

    def ack(self) -> None:
        """Forget the in-flight requests the engine is done with (no longer in its slot's `inprogress`)."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is None or not hasattr(slot, "inprogress"):
            return  # another Scrapy: nothing is acknowledged; a crash then refetches more, never less
        busy = {r.meta.get("arsip_inflight") for r in slot.inprogress}
        done = self.inflight - busy
        if done:
            self.server.hdel(self.key(f"inflight:{self.peer}"), *done)
            self.inflight -= done

    def reclaim(self) -> int:
        """Put back in the queue what crawlers of this crawl that are gone had in flight."""
        live = live_peers(self.server, self.prefix, self.crawl_id)
        start = len(self.key("inflight:"))
        count = 0
        for key in list(self.server.scan_iter(match=self.key("inflight:*"))):
            peer = key.decode()[start:]
            if peer in live or peer == self.peer or peer.endswith("+claim"):
                continue
            claim = self.key(f"inflight:{self.peer}+claim")
            try:
                self.server.rename(key, claim)  # atomic: one crawler gets a dead one's requests
            except redis.ResponseError:
                continue  # another crawler claimed them first
            entries = self.server.hvals(claim)
            self.queue.push_raw(entries)
            self.server.delete(claim)
            count += len(entries)
            log.warning("frontier: crawler %s is gone: %d request(s) it had in flight queued again", peer, len(entries))
        if count:
            assert self.stats is not None
            self.stats.inc_value("arsip/frontier/reclaimed", count)
        return count

    # peers -------------------------------------------------------------------------------

    def key(self, name: str) -> str:
        return crawl_key(self.prefix, self.crawl_id, name)

    def mark(self, state: str) -> None:
        """Tell the other crawlers whether this one has work in hand (written on change and each heartbeat)."""
        if state != self.state:
            self.state = state
            self.server.set(self.key(f"peer:{self.peer}"), state, px=int(self.ttl * 1000))

    def tend(self) -> None:
        """In the reactor, each heartbeat: drop finished requests from in flight, take over dead crawlers' ones."""
        try:
            self.ack()
            self.reclaim()
        except redis.RedisError as exc:  # the next turn tries again
            log.warning("frontier: Redis unreachable (will retry): %s", exc)

    def _beat_until_closed(self) -> None:
        while not self.alive.wait(self.heartbeat_every):
            self.beat()

    def beat(self) -> None:
        """Heartbeat: this crawler's key, the crawl's pointer and the crawl's keys stay alive."""
        try:
            px = int(self.ttl * 1000)
            pipe = self.server.pipeline()
            pipe.set(self.key(f"peer:{self.peer}"), self.state, px=px)
            pipe.eval(_KEEP_POINTER, 1, f"{self.prefix}:current:{self.scope}", self.crawl_id, px)
            for name in ("requests", "requests:seq", "seen", "started", f"inflight:{self.peer}"):
                pipe.expire(self.key(name), max(1, round(self.keep)))
            pipe.execute()
        except redis.RedisError as exc:  # the next beat tries again; a long outage makes the others see this one gone
            log.warning("frontier: heartbeat to Redis failed (will retry): %s", exc)

    def spider_idle(self, spider: Spider) -> None:
        """Stay while the shared queue has requests or another live crawler of this crawl is busy."""
        self.mark("idle")
        self.ack()
        self.reclaim()
        others = {p: s for p, s in live_peers(self.server, self.prefix, self.crawl_id).items() if p != self.peer}
        if len(self.queue) or "busy" in others.values():
            from twisted.internet import reactor  # here: importing it at module level would install the wrong reactor

            reactor.callLater(IDLE_POLL, self._wake)  # type: ignore[attr-defined]
            raise DontCloseSpider
        log.info("frontier: crawl %s has no queued request and no busy crawler: %s ends", self.crawl_id, self.peer)

    def _wake(self) -> None:
        """Make the engine ask this scheduler again now rather than at its next 5-second heartbeat."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def end_crawl(self) -> None:
        """The last crawler out, with nothing queued: the crawl is over; the next one starts afresh."""
        pipe = self.server.pipeline()
        pipe.delete(*(self.key(n) for n in ("requests", "requests:seq", "seen", "started")))
        pipe.hdel(crawls_key(self.prefix), self.crawl_id)
        pipe.execute()
        log.info("frontier: crawl %s ended", self.crawl_id)


class SharedFrontier:
    """Scrapy add-on: with ARSIP_REDIS_URL set, the crawl uses the shared frontier (else nothing changes)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedFrontier:
        return cls()

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("ARSIP_REDIS_URL"):
            return
        settings.set("SCHEDULER", "crawler.frontier.SharedScheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="addon")
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "crawler.frontier.FifoPriorityQueue", priority="addon")
        settings.set("REDIS_URL", settings.get("ARSIP_REDIS_URL"), priority="addon")


def frontier_status(server: redis.Redis, prefix: str, crawl_id: str) -> dict[str, Any]:
    """What a crawl's keys hold: queued requests, fingerprints seen, live crawlers."""
    return {
        "queued": int(server.zcard(crawl_key(prefix, crawl_id, "requests"))),
        "seen": int(server.scard(crawl_key(prefix, crawl_id, "seen"))),
        "peers": live_peers(server, prefix, crawl_id),
    }
