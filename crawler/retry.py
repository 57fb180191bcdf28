"""Retries that honour `Retry-After`: a portal that says "come back in N seconds" is believed.

Scrapy's RetryMiddleware retries a 429 or 503 at once and ignores the header
(scrapy/scrapy#3849). This one waits the time the portal asked for before the retry, when
that is at most ARSIP_RETRY_AFTER_MAX seconds; a longer wait gives up on the page for this
crawl (it is recorded as failed with the header, and asked again next crawl) instead of
hammering a portal that asked for a pause. Everything else is the stock middleware.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that waits out a Retry-After (up to ARSIP_RETRY_AFTER_MAX) before retrying."""

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        header = response.headers.get(b"Retry-After")
        wait = retry_after_seconds(header.decode("latin-1") if header else None)
        if wait is not None:
            limit = self.crawler.settings.getfloat("ARSIP_RETRY_AFTER_MAX")
            if wait > limit:
                assert self.crawler.stats is not None
                self.crawler.stats.inc_value("arsip/retry/retry_after_too_long")
                return response  # the errback records it, Retry-After included
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("arsip/retry/retry_after_waited")
            await sleep(wait)
        return retry
