"""Network faults: `arsip crawl` while pages time out, reset, drip, rate-limit or answer 5xx.

The crawl is the shared one of tests/fault_crawl.py (every fault at once, then a re-run with
them switched off); each test here checks one fault. The truth is the simulator's manifest and
the simulator's own record of what it served, never arsip's output.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from fault_crawl import (
    BURST_LONG,
    BURST_SHORT,
    DRIP,
    FEED_RESET,
    LISTING_BURST,
    LOST_WHILE_FAULTY,
    RATE_LIMITED,
    RATE_LIMITED_LONG,
    RESET,
    TIMEOUT,
    UNRESOLVABLE,
    FaultRun,
    Faulty,
    expected_urls,
    half_written,
)

from arsip.simulator import start
from crawler.retry import retry_after_seconds

HIDDEN = (TIMEOUT, RESET, DRIP, BURST_LONG, RATE_LIMITED_LONG)  # articles the faulty crawl cannot get


def test_the_crawl_survives_and_exits_cleanly(fault_run: FaultRun) -> None:
    for crawl in (fault_run.faulty, fault_run.rerun):
        assert crawl.returncode == 0, crawl.stderr
        assert "Traceback" not in crawl.stderr + crawl.stdout


@pytest.mark.parametrize(("fault", "reason"), [
    (TIMEOUT, "timeout"), (RESET, "connection reset"), (DRIP, "timeout"),
    (BURST_LONG, "HTTP 503"), (RATE_LIMITED_LONG, "HTTP 429 (Retry-After: 3600)"),
])
def test_a_failed_page_is_recorded_with_its_url_and_a_reason_naming_the_fault(
    fault_run: FaultRun, fault: Faulty, reason: str
) -> None:
    url = fault_run.url(fault)
    assert url not in fault_run.after_faulty
    outcome, recorded = fault_run.skipped_faulty[url]
    assert outcome == "failed"
    assert recorded.startswith(reason), recorded
    assert f"{url}: {reason}" in fault_run.errors_faulty  # the run's own record


def test_the_other_articles_of_the_same_portals_are_archived(fault_run: FaultRun) -> None:
    portals = {name: fault_run.portals[name] for name in ("realita", "jatimtimes")}
    hidden = {fault_run.url(f) for f in LOST_WHILE_FAULTY}
    others = {u for u in expected_urls(fault_run.portals) if u.startswith(tuple(portals.values()))} - hidden
    assert len(others) >= 4
    assert others <= set(fault_run.after_faulty)


def test_a_hung_or_reset_page_costs_one_retry_then_the_crawl_moves_on(fault_run: FaultRun) -> None:
    # RETRY_TIMES=1: two requests each, not a wait for the 60 s the server would hold the socket.
    for fault in (TIMEOUT, DRIP, BURST_LONG):
        assert fault_run.hit(fault)["hits"] == 2, fault
    # Twisted resends a try once by itself when a reused keep-alive connection dies before any answer.
    assert 2 <= fault_run.hit(RESET)["hits"] <= 4


def test_a_short_5xx_burst_is_retried_within_the_crawl(fault_run: FaultRun) -> None:
    assert fault_run.hit(BURST_SHORT)["hits"] == 2
    assert fault_run.url(BURST_SHORT) in fault_run.after_faulty


def test_429_is_retried_only_after_the_wait_the_portal_asked_for(fault_run: FaultRun) -> None:
    served = fault_run.hit(RATE_LIMITED)["served_at"]
    assert len(served) == 2
    assert served[1] - served[0] >= 1.0  # Retry-After: 1 (stock Scrapy retries at once)
    assert fault_run.url(RATE_LIMITED) in fault_run.after_faulty


def test_a_retry_after_beyond_the_limit_is_not_hammered(fault_run: FaultRun) -> None:
    assert fault_run.hit(RATE_LIMITED_LONG)["hits"] == 1  # asked to wait an hour: left for the next crawl


def test_an_unresolvable_host_is_reported_for_its_source(fault_run: FaultRun) -> None:
    assert f"source hilang: {UNRESOLVABLE}: unresolvable host" in fault_run.errors_faulty
    assert "portal-hilang.invalid" in fault_run.faulty.stderr  # told to the user, one line per surface


def test_discovery_faults_lose_nothing_archived_before(fault_run: FaultRun) -> None:
    assert len(fault_run.before) >= 4, "beritalima was archived first"
    assert fault_run.hit(FEED_RESET)["hits"] >= 2
    assert fault_run.hit(LISTING_BURST)["hits"] == 2
    base = fault_run.portals["beritalima"].rstrip("/")
    assert f"{base}/feed/: connection reset" in fault_run.errors_faulty
    assert f"{base}/tag/bpjs-ketenagakerjaan/: HTTP 503" in fault_run.errors_faulty
    assert {u: fault_run.after_faulty[u] for u in fault_run.before} == fault_run.before
    assert {u: fault_run.after_rerun[u] for u in fault_run.before} == fault_run.before


def test_no_half_written_rows(fault_run: FaultRun) -> None:
    assert fault_run.half_written_faulty == []
    assert half_written(fault_run.db_file) == []


def test_the_rerun_without_the_faults_archives_what_was_missed(fault_run: FaultRun) -> None:
    for fault in HIDDEN:
        assert fault_run.url(fault) in fault_run.after_rerun, fault
        assert fault_run.url(fault) not in fault_run.skipped_rerun  # the failure is not left behind
    # Nothing archived by the faulty crawl was rewritten.
    assert {u: fault_run.after_rerun[u] for u in fault_run.after_faulty} == fault_run.after_faulty


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    now = datetime(2026, 1, 31, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Sat, 31 Jan 2026 10:01:30 GMT", now) == 90.0
    assert retry_after_seconds("Sat, 31 Jan 2026 09:00:00 GMT", now) == 0.0  # already past: retry now
    assert retry_after_seconds("besok", now) is None
    assert retry_after_seconds("", now) is None


def test_the_simulator_misbehaves_at_the_socket_level_in_process() -> None:
    """Simulator.set_fault, for tests that run the portals in their own process."""
    with start() as sim:
        base = sim.urls["realita"]
        path = TIMEOUT.path
        sim.set_fault("realita", path, "status", status=429, times=1, retry_after=7)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base.rstrip("/") + path, timeout=10)
        assert refused.value.code == 429 and refused.value.headers["Retry-After"] == "7"
        with urllib.request.urlopen(base.rstrip("/") + path, timeout=10) as page:  # the burst is over
            assert page.status == 200
        sim.set_fault("realita", path, "reset")
        with socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1].strip("/"))), timeout=10) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            with pytest.raises(ConnectionResetError):
                sock.recv(1024)  # RST, not an orderly close
        sim.set_fault("realita", path, "truncated")
        with pytest.raises(http.client.IncompleteRead):
            urllib.request.urlopen(base.rstrip("/") + path, timeout=10).read()
        assert [f["hits"] for f in sim.faults("realita")] == [1]
        sim.clear_faults("realita")
        with urllib.request.urlopen(base.rstrip("/") + path, timeout=10) as page:
            assert page.status == 200
        with pytest.raises(ValueError, match="unknown kind 'flood'"):
            sim.set_fault("realita", path, "flood")
        with pytest.raises(ValueError, match="unknown parameter"):
            sim.set_fault("realita", path, "timeout", second=1)
