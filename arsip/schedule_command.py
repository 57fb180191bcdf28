"""`arsip schedule run|list|add|remove|pause|resume` and `arsip status`: the scheduler service and its health."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from arsip.options import ArsipGroup, DbOption, SourcesOption, console

schedule_app = typer.Typer(
    cls=ArsipGroup, help="The scheduler service and its jobs (one per source).", no_args_is_help=True
)

SourceArgument = Annotated[str, typer.Argument(help="The source (its name in the sources file).")]
Seconds = Annotated[float, typer.Option(min=0)]


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _short(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%m-%d %H:%M") if value else "-"


def _overrides(pairs: list[str] | None) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="'-s'")
        overrides[name.strip()] = value
    return overrides


@schedule_app.command("run")
def schedule_run(
    sources: SourcesOption = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Schedule only this source (repeatable).")] = None,
    db: DbOption = None,
    setting: Annotated[
        list[str] | None, typer.Option("-s", "--set", help="A Scrapy setting for every crawl, as `arsip crawl -s`.")
    ] = None,
    default_schedule: Annotated[
        str, typer.Option(help="Cron for a source without `schedule` in the sources file.")
    ] = "0 */6 * * *",
    every: Annotated[
        float | None, typer.Option(min=1, help="Crawl every N seconds instead of the crons (for trials).")
    ] = None,
    jitter: Annotated[int, typer.Option(min=0, help="Start each run up to N seconds late.")] = 120,
    time_limit: Annotated[float, typer.Option(min=1, help="Stop a crawl that runs longer (seconds).")] = 3 * 3600,
    grace: Annotated[float, typer.Option(min=0, help="On SIGTERM/SIGINT, let running crawls go on this long.")] = 60,
    kill_after: Annotated[
        float, typer.Option(min=0, help="A crawl asked to stop (time limit, shutdown) is killed after N seconds.")
    ] = 15,
    retries: Annotated[int, typer.Option(min=0, help="Retries of a failed crawl before its next slot.")] = 3,
    retry_delay: Annotated[float, typer.Option(min=1, help="First retry after N seconds; doubles each time.")] = 300,
    workers: Annotated[int, typer.Option(min=1, help="At most this many crawls at once.")] = 4,
    lease: Annotated[float, typer.Option(min=2, help="Lock lease (seconds) a killed service holds on.")] = 60,
    redis: Annotated[
        str | None,
        typer.Option("--redis", help="Enqueue due crawls in this Redis for `arsip crawler` workers instead of running them."),
    ] = None,
) -> None:
    """Run the scheduler service: crawl each source on its schedule until SIGTERM or Ctrl-C.

    Example: arsip schedule run --sources sources.toml --db postgresql+psycopg://arsip@localhost/arsip
    """
    from scheduler.jobs import cron_trigger
    from scheduler.service import Service, ServiceOptions
    from storage.db import database_url

    cron_trigger(default_schedule)  # a bad default is reported before anything starts
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # the service logs skipped and missed runs itself
    options = ServiceOptions(
        db_url=database_url(db),
        sources_file=sources,
        source_names=tuple(source or ()),
        overrides=_overrides(setting),
        default_schedule=default_schedule,
        every=every,
        jitter=jitter,
        time_limit=time_limit,
        grace=grace,
        kill_after=kill_after,
        retries=retries,
        retry_delay=retry_delay,
        workers=workers,
        lease=lease,
        redis_url=redis,
    )
    Service(options).run()


@schedule_app.command("list")
def schedule_list(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines: id, source, origin, schedule, next_run.")] = False,
) -> None:
    """Show the scheduled jobs: source, schedule, next run (UTC), where the job came from.

    Example: arsip schedule list
    """
    from scheduler.jobs import list_jobs, open_jobs
    from storage.db import database_url, open_archive

    engine = open_archive(database_url(db), create=False)
    try:
        with open_jobs(engine) as scheduler:
            found = list_jobs(scheduler)
    finally:
        engine.dispose()
    if as_json:
        for job in found:
            row = {"id": job.id, "source": job.source, "origin": job.origin, "schedule": job.schedule,
                   "next_run": job.next_run.isoformat() if job.next_run else None}  # fmt: skip
            sys.stdout.write(json.dumps(row) + "\n")
        return
    table = Table(title=f"{len(found)} scheduled job(s)", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("source", "schedule (WIB)", "next run (UTC)", "from"):
        table.add_column(column)
    for job in found:
        label = job.source if job.id.startswith("crawl:") else f"{job.source} (retry)"
        table.add_row(label, job.schedule, "paused" if job.paused else _when(job.next_run), job.origin)
    console.print(table)


@schedule_app.command("add")
def schedule_add(
    source: SourceArgument,
    cron: Annotated[str, typer.Argument(help='Five-field cron: minute hour day month weekday, e.g. "0 */3 * * *".')],
    sources: SourcesOption = None,
    db: DbOption = None,
) -> None:
    """Schedule a source on a cron of your own (it then ignores the sources file's `schedule`).

    Example: arsip schedule add beritalima "30 */2 * * *"
    """
    from crawler.sources import load_sources, select_sources
    from scheduler.jobs import ADDED, cron_trigger, open_jobs, put_job
    from storage.db import database_url, open_archive

    trigger = cron_trigger(cron)
    select_sources(load_sources(sources), [source])
    engine = open_archive(database_url(db))
    try:
        with open_jobs(engine) as scheduler:
            put_job(scheduler, source, trigger, ADDED)
            job = scheduler.get_job(f"crawl:{source}")
    finally:
        engine.dispose()
    when = "paused" if job is None or job.next_run_time is None else f"next run {_when(job.next_run_time)} UTC"
    console.print(f"Scheduled {source} on {cron!r}: {when}.")


def _edit(source: str, db: str | None, action: str) -> None:
    from scheduler import jobs
    from storage.db import database_url, open_archive

    edit = {"remove": jobs.remove_job, "pause": jobs.pause_job, "resume": jobs.resume_job}[action]
    engine = open_archive(database_url(db), create=False)
    try:
        with jobs.open_jobs(engine) as scheduler:
            edit(scheduler, source)
    finally:
        engine.dispose()


@schedule_app.command("remove")
def schedule_remove(source: SourceArgument, db: DbOption = None) -> None:
    """Remove a source's job (a sources-file job comes back at the next `schedule run` that selects it).

    Example: arsip schedule remove beritalima
    """
    _edit(source, db, "remove")
    console.print(f"Removed the job of {source}.")


@schedule_app.command("pause")
def schedule_pause(source: SourceArgument, db: DbOption = None) -> None:
    """Stop crawling a source on schedule until `arsip schedule resume`.

    Example: arsip schedule pause beritalima
    """
    _edit(source, db, "pause")
    console.print(f"Paused {source}.")


@schedule_app.command("resume")
def schedule_resume(source: SourceArgument, db: DbOption = None) -> None:
    """Crawl a paused source on its schedule again.

    Example: arsip schedule resume beritalima
    """
    _edit(source, db, "resume")
    console.print(f"Resumed {source}.")


def status(
    sources: SourcesOption = None,
    db: DbOption = None,
    failures: Annotated[
        int, typer.Option(min=1, envvar="ARSIP_STATUS_FAILURES", help="Warn after this many failed runs in a row.")
    ] = 3,
    quiet_days: Annotated[
        float, typer.Option(min=0, envvar="ARSIP_STATUS_QUIET_DAYS", help="Warn when nothing new came for this many days.")
    ] = 7,
) -> None:
    """Per source: schedule, next run, last result; warns of repeated failures and long silence.

    Example: arsip status --failures 3 --quiet-days 7
    """
    from sqlalchemy.orm import Session

    from crawler.sources import load_sources
    from scheduler.jobs import list_jobs, open_jobs
    from storage.db import database_url, open_archive
    from storage.runs import source_health

    known = load_sources(sources)
    engine = open_archive(database_url(db), create=False)
    try:
        with open_jobs(engine) as scheduler:
            job_list = list_jobs(scheduler)
        with Session(engine) as session:
            names = list(dict.fromkeys([*known, *(j.source for j in job_list)]))
            health = {name: source_health(session, name) for name in names}
    finally:
        engine.dispose()
    scheduled = {j.source: j for j in job_list if j.id.startswith("crawl:")}
    now = datetime.now(UTC)
    table = Table(title="Sources", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for column in ("source", "schedule (WIB)", "next (UTC)", "last (UTC)", "result", "new", "fails"):
        table.add_column(column, no_wrap=column not in ("source", "schedule"), justify="right" if column in ("new", "fails") else "left")
    warnings: list[str] = []
    notes: list[str] = []
    for name in names:
        h, job = health[name], scheduled.get(name)
        next_run = "-" if job is None else "paused" if job.paused else _short(job.next_run)
        last = h.last
        result = "running" if h.running else (last.status if last else "never run")
        table.add_row(
            name, job.schedule if job else "not scheduled", next_run, _short(last.started_at) if last else "-",
            result, str(last.articles_new) if last else "-", str(h.failures_in_a_row),
        )  # fmt: skip
        if last is not None and last.status == "failed":
            notes.append(f"{name}: last run ({last.id}) failed: {last.exit_reason or 'see `arsip runs`'}")
        if h.failures_in_a_row >= failures:
            warnings.append(f"{name}: failed {h.failures_in_a_row} times in a row")
        since = h.last_new_at or h.first_run_at
        if since is not None and now - since > timedelta(days=quiet_days):
            what = f"since {since:%Y-%m-%d}" if h.last_new_at else f"in any run since the first on {since:%Y-%m-%d}"
            warnings.append(f"{name}: nothing new {what}: the portal may have changed its markup or its URLs")
    console.print(table)
    for line in notes:
        console.print(escape(line), highlight=False, soft_wrap=True)
    for line in warnings:
        console.print(f"[bold yellow]Warning:[/] {escape(line)}", highlight=False, soft_wrap=True)
