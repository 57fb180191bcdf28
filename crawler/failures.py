"""Why a request failed, in words a user can act on: what the portal did, not Twisted's repr.

The reason is stored in `skipped_pages.reason` and in the run's errors, so it starts with
the kind of fault (timeout, connection reset, truncated, too large, unresolvable host,
HTTP status) and keeps the library's own detail after it.
"""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

ROBOTS_REFUSAL = "Forbidden by robots.txt"  # RobotsTxtMiddleware's IgnoreRequest message

_TRUNCATED = "truncated response (connection closed before Content-Length bytes arrived)"
# Exception class name -> the fault it means.
_KINDS = {
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "ResponseDataLossError": _TRUNCATED,
    "_DataLoss": _TRUNCATED,
    "PotentialDataLoss": _TRUNCATED,
    "DownloadCancelledError": "too large",
    "CannotResolveHostError": "unresolvable host",
    "DNSLookupError": "unresolvable host",
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "ConnectionLost": "connection reset",
    "ConnectionDone": "connection closed",
    "ConnectionResetError": "connection reset",
}
_IN_REQUEST = re.compile(r"\s+in request <[^>]*>")
_MAX = 400


def is_robots_refusal(failure: Failure) -> bool:
    """Whether robots.txt forbade the request (not a fault: the page is asked again later)."""
    value = failure.value
    return isinstance(value, IgnoreRequest) and not isinstance(value, HttpError) and str(value) == ROBOTS_REFUSAL


def describe_failure(failure: Failure) -> str:
    """'timeout: Getting … took longer than 2.0 seconds.', 'HTTP 429 (Retry-After: 3600)', …"""
    value = failure.value
    if isinstance(value, HttpError):
        response = value.response
        reason = f"HTTP {response.status}"
        retry_after = response.headers.get(b"Retry-After")
        if retry_after:
            reason += f" (Retry-After: {retry_after.decode('latin-1')})"
        return reason
    name = type(value).__name__
    message = _IN_REQUEST.sub("", str(value)).strip()
    cause = value.__cause__ if isinstance(value, BaseException) else None
    inner = [f for f in getattr(cause, "reasons", []) if isinstance(f, Failure)]
    if inner:  # Twisted's ResponseFailed: the underlying failures say what happened, data loss first
        names = [type(f.value).__name__ for f in inner]
        name = next((n for n in names if _KINDS.get(n) == _TRUNCATED), names[0])
        message = "; ".join(m for f in inner if (m := f.getErrorMessage()))
    if isinstance(value, IgnoreRequest) and "DOWNLOAD_MAXSIZE" in message:
        kind = "too large (gzip body inflates past DOWNLOAD_MAXSIZE)"
    else:
        kind = _KINDS.get(name, name)
    if kind == "too large" and not message:  # cancelled mid-body, no Content-Length to quote
        message = "the body passed DOWNLOAD_MAXSIZE, download cancelled"
    text = f"{kind}: {message}" if message else kind
    return text if len(text) <= _MAX else text[: _MAX - 1] + "…"
