"""Re-extraction of stored raw pages: how an archive benefits from every later improvement.

For each archived article matching the filters, in id order and in batches: run `extract`
on its stored page (no network) with its source's fallback region and rules, compare with
the stored columns, and write back only what changed, one transaction per batch. A page
whose extraction now gives no text is left as it is and reported; an article now below the
relevance threshold is kept (deleting is the user's call) and reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from crawler.sources import Source
from crawler.text import Extraction, extract
from crawler.text.relevance import DEFAULT_THRESHOLD
from storage.archive import content_hash
from storage.dedup import DEFAULTS as DEDUP_DEFAULTS
from storage.dedup import DedupOptions, recheck
from storage.filters import Filters
from storage.reprocess import ArticleFields, StoredPage, apply_changes, changed_fields, iter_page_batches

MAX_LISTED = 50  # examples kept per kind of finding; counts are always complete


@dataclass(frozen=True, slots=True)
class Finding:
    """One article worth telling the user about, and why."""

    article_id: int
    url: str
    detail: str


@dataclass(slots=True)
class ReprocessReport:
    """What a re-extraction did. Lists hold at most MAX_LISTED examples; counts are complete."""

    examined: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0  # raw page unreadable, or extraction now finds no text: row left as it was
    below_threshold: int = 0  # re-extracted relevance below the threshold: kept, not deleted
    without_source: int = 0  # source no longer defined: re-extracted without its rules and region
    field_changes: Counter[str] = field(default_factory=Counter)  # column -> rows changed
    missing_sources: set[str] = field(default_factory=set)
    failures: list[Finding] = field(default_factory=list)
    below: list[Finding] = field(default_factory=list)

    def note(self, kind: list[Finding], finding: Finding) -> None:
        if len(kind) < MAX_LISTED:
            kind.append(finding)


@dataclass(frozen=True, slots=True)
class _Task:
    """One page to extract; plain, picklable data, so a worker process can take it."""

    html: bytes
    url: str
    source: Source | None
    fetched_at: datetime
    relevance_threshold: float


def extract_page(
    html: bytes, url: str, source: Source | None, *, fetched_at: datetime | None, relevance_threshold: float
) -> Extraction:
    """`extract` as a crawl of `source` runs it: its fallback region and its site rules.

    The one place where arsip's re-extraction and `arsip sources test` call the extractor.
    """
    return extract(
        html,
        url,
        fallback_region=source.region_code if source else None,
        fetched_at=fetched_at,
        relevance_threshold=relevance_threshold,
        rules=source.rules if source else None,
    )


def _run(task: _Task) -> Extraction:
    return extract_page(
        task.html, task.url, task.source, fetched_at=task.fetched_at, relevance_threshold=task.relevance_threshold
    )


def as_fields(result: Extraction) -> ArticleFields:
    """The stored columns an extraction gives, as the crawl's archive step would write them."""
    return ArticleFields(
        title=result.title,
        text=result.text,
        published=result.published,
        author=result.author,
        region_code=result.region_code,
        regions=" ".join(result.regions),
        relevance_score=result.relevance_score,
        relevance_reason=result.reason,
        content_hash=content_hash(result.text),
    )


def reprocess(
    session: Session,
    filters: Filters,
    sources: Mapping[str, Source],
    *,
    relevance_threshold: float = DEFAULT_THRESHOLD,
    dedup: DedupOptions = DEDUP_DEFAULTS,
    batch_size: int = 200,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> ReprocessReport:
    """Re-extract the stored pages of the articles matching `filters`; update only what changed.

    `sources` are the known sources by name (their fallback region and rules are used);
    `jobs` > 1 extracts in that many worker processes; `progress` is called with the
    number of articles done after each batch. An article whose text changed is re-checked
    against the stories (`dedup`), in the batch's transaction: it may join, leave or found one.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    report = ReprocessReport()
    executor = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    try:
        # With workers, `executor.map` submits a whole batch at once: the next batch is read and
        # handed to the workers before this one's changes are written, so writing (this process)
        # and extracting (the workers) overlap. Two batches of pages in memory at most.
        run: Callable[[Iterable[_Task]], Iterator[Extraction]] = (
            (lambda tasks: executor.map(_run, tasks, chunksize=8)) if executor else (lambda tasks: map(_run, tasks))
        )

        def finish(batch: list[StoredPage], results: Iterator[Extraction]) -> None:
            _write_batch(session, batch, results, dedup, report)
            if progress is not None:
                progress(len(batch))

        previous: tuple[list[StoredPage], Iterator[Extraction]] | None = None
        for batch in iter_page_batches(session, filters, batch_size=batch_size):
            started = (batch, run(_tasks(batch, sources, relevance_threshold, report)))
            if previous is not None:
                finish(*previous)
            previous = started
        if previous is not None:
            finish(*previous)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return report


def _tasks(
    batch: list[StoredPage], sources: Mapping[str, Source], relevance_threshold: float, report: ReprocessReport
) -> list[_Task]:
    """The batch's readable pages to extract; the unreadable ones and unknown sources are reported."""
    for page in batch:
        report.examined += 1
        if page.html is None:
            report.failed += 1
            report.note(report.failures, Finding(page.article_id, page.url, page.problem or "no raw page"))
        if page.source not in sources:
            report.without_source += 1
            report.missing_sources.add(page.source)
    return [
        _Task(page.html, page.url, sources.get(page.source), page.fetched_at, relevance_threshold)
        for page in batch
        if page.html is not None
    ]


def _write_batch(
    session: Session,
    batch: list[StoredPage],
    results: Iterator[Extraction],
    dedup: DedupOptions,
    report: ReprocessReport,
) -> None:
    """Compare the batch's extractions with the stored columns and write what changed (one transaction)."""
    readable = [page for page in batch if page.html is not None]
    changes: dict[int, dict[str, object]] = {}
    for page, result in zip(readable, results, strict=True):
        if not result.text:
            report.failed += 1
            report.note(report.failures, Finding(page.article_id, page.url, f"kept as it was: {result.reason}"))
            continue
        if not result.relevant:
            report.below_threshold += 1
            detail = f"score {result.relevance_score:.2f}: {result.reason}"
            report.note(report.below, Finding(page.article_id, page.url, detail))
        changed = changed_fields(page.stored, as_fields(result))
        if changed:
            changes[page.article_id] = changed
            report.changed += 1
            report.field_changes.update(changed.keys())
        else:
            report.unchanged += 1
    if changes:
        apply_changes(session, changes, on_text_change=lambda article_id: recheck(session, article_id, options=dedup))
