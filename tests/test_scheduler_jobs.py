"""scheduler/jobs.py and the commands on the job store: `arsip schedule list|add|remove|pause|resume`, `arsip status`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import Engine, create_engine, update
from typer.testing import CliRunner

from arsip.cli import app
from scheduler.errors import ScheduleError
from scheduler.jobs import cron_trigger
from storage.db import open_archive, session
from storage.models import Run, apscheduler_jobs
from storage.runs import finish_run, start_run

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'arsip.db'}"
    open_archive(url).dispose()
    return url


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def listed(db: str) -> dict[str, dict]:
    code, output = invoke("schedule", "list", "--db", db, "--json")
    assert code == 0, output
    return {row["id"]: row for row in map(json.loads, output.splitlines())}


@pytest.mark.parametrize(
    ("cron", "weekday"),
    [
        ("0 6 * * 0", "sun"),  # crontab: 0 is Sunday (APScheduler 3.x alone would read Monday)
        ("0 6 * * 7", "sun"),
        ("0 6 * * 1-5", "mon,tue,wed,thu,fri"),
        ("0 6 * * 6,0", "sun,sat"),
        ("0 6 * * mon-fri", "mon,tue,wed,thu,fri"),
        ("0 6 * * *", "*"),
        ("0 6 * * mon-fri/2", "mon,wed,fri"),  # names are mapped before the step applies
        ("0 6 * * sun-sat", "sun,mon,tue,wed,thu,fri,sat"),
        ("0 6 * * */3", "sun,wed,sat"),
    ],
)
def test_cron_weekdays_mean_what_they_mean_in_crontab(cron: str, weekday: str) -> None:
    trigger = cron_trigger(cron)
    assert str(trigger.fields[4]) == weekday  # fields: year month day week day_of_week ...
    # The first run after Monday 2026-11-23 00:00 (the crons' zone, Jakarta) falls on a day of that set.
    start = datetime(2026, 11, 23, tzinfo=ZoneInfo("Asia/Jakarta"))
    first = trigger.get_next_fire_time(None, start)
    assert first is not None and first.strftime("%a").lower() in (weekday if weekday != "*" else "mon")


@pytest.mark.parametrize(
    ("cron", "message"),
    [
        ("0 */3 * *", "has 4 field(s), needs 5: minute hour day month weekday"),
        ("61 * * * *", "cron '61 * * * *' is not valid"),
        ("0 0 * * 8", "numbers go from 0 (Sunday) to 7 (Sunday)"),
        ("every hour", "has 2 field(s)"),
        ("0 0 31 2 *", "never fires"),  # there is no 31 February
        ("0 0 1 * mon", "restricts both the day of month (1) and the weekday (mon)"),
        ("0 0 * * fri-mon", "names from sun to sat, low to high"),
    ],
)
def test_bad_cron_is_a_clear_error(cron: str, message: str) -> None:
    with pytest.raises(ScheduleError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        cron_trigger(cron)


def test_our_job_table_is_the_one_apscheduler_makes() -> None:
    theirs = SQLAlchemyJobStore(engine=create_engine("sqlite://")).jobs_t
    ours = apscheduler_jobs
    assert [c.name for c in ours.columns] == [c.name for c in theirs.columns]
    for mine, apschedulers in zip(ours.columns, theirs.columns):
        assert repr(mine.type) == repr(apschedulers.type)
        assert (mine.primary_key, mine.nullable, mine.index) == (apschedulers.primary_key, apschedulers.nullable, apschedulers.index)


def test_schedule_add_list_pause_resume_remove(db: str) -> None:
    code, output = invoke("schedule", "add", "beritalima", "30 */2 * * *", "--db", db)
    assert code == 0, output
    assert "Scheduled beritalima on '30 */2 * * *'" in output
    job = listed(db)["crawl:beritalima"]
    assert (job["source"], job["origin"], job["schedule"]) == ("beritalima", "schedule add", "30 */2 * * *")
    next_run = datetime.fromisoformat(job["next_run"])
    assert next_run.minute == 30 and next_run.hour % 2 == 0 and next_run > datetime.now(UTC)

    assert invoke("schedule", "pause", "beritalima", "--db", db)[0] == 0
    assert listed(db)["crawl:beritalima"]["next_run"] is None
    code, output = invoke("schedule", "list", "--db", db)
    assert "paused" in output
    assert invoke("schedule", "resume", "beritalima", "--db", db)[0] == 0
    assert listed(db)["crawl:beritalima"]["next_run"] == job["next_run"]

    # Adding again replaces the cron and keeps a pause.
    invoke("schedule", "pause", "beritalima", "--db", db)
    assert invoke("schedule", "add", "beritalima", "0 5 * * *", "--db", db)[0] == 0
    job = listed(db)["crawl:beritalima"]
    assert (job["schedule"], job["next_run"]) == ("0 5 * * *", None)

    assert invoke("schedule", "remove", "beritalima", "--db", db)[0] == 0
    assert listed(db) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "beritalima", "0 */3 * *"], "needs 5: minute hour day month weekday"),
        (["add", "atlantis", "0 */3 * * *"], "unknown source 'atlantis'"),
        (["remove", "beritalima"], "no scheduled job for 'beritalima'"),
        (["pause", "beritalima"], "no scheduled job for 'beritalima'"),
        (["resume", "beritalima"], "see `arsip schedule list`"),
        (["run", "--default-schedule", "0 0 * *"], "cron '0 0 * *' has 4 field(s)"),
    ],
)
def test_schedule_mistakes_are_one_clear_line(db: str, args: list[str], message: str) -> None:
    code, output = invoke("schedule", *args, "--db", db)
    assert code == 1
    assert message in " ".join(output.split())
    assert "Traceback" not in output


def _run(engine: Engine, source: str, status: str, new: int, days_ago: float, reason: str | None = None) -> None:
    with session(engine) as s:
        run_id = start_run(s, [source], trigger="scheduled")
        finish_run(s, run_id, status=status, pages_fetched=5, articles_new=new, articles_duplicate=0,
                   not_relevant=0, failed=0, errors=None, exit_reason=reason)  # fmt: skip
        started = datetime.now(UTC) - timedelta(days=days_ago)
        s.execute(update(Run).where(Run.id == run_id).values(started_at=started, finished_at=started))
        s.commit()


def test_status_shows_next_run_last_result_and_warns(db: str) -> None:
    invoke("schedule", "add", "klikjatim", "0 */3 * * *", "--db", db)
    invoke("schedule", "pause", "realita", "--db", db)  # not scheduled: an error, nothing changes
    engine = open_archive(db)
    _run(engine, "klikjatim", "finished", 4, days_ago=2)
    for _ in range(3):
        _run(engine, "klikjatim", "failed", 0, days_ago=1, reason="the crawl process was killed by SIGKILL")
    _run(engine, "nawacita", "finished", 3, days_ago=30)  # something new a month ago, nothing since
    _run(engine, "nawacita", "finished", 0, days_ago=1)
    _run(engine, "realita", "failed", 0, days_ago=1)
    _run(engine, "realita", "finished", 2, days_ago=0.5)
    engine.dispose()

    code, output = invoke("status", "--db", db, "--failures", "3", "--quiet-days", "7")
    narrow = runner.invoke(app, ["status", "--db", db], env={"COLUMNS": "80"}).output
    assert max(len(line) for line in narrow.splitlines() if line.startswith(" ")) <= 80  # the table fits a terminal
    assert code == 0, output
    lines = {line.split()[0]: line for line in output.splitlines() if line.strip() and ":" not in line.split()[0]}
    assert "0 */3 * * *" in lines["klikjatim"]
    assert lines["klikjatim"].split()[-3:] == ["failed", "0", "3"]
    assert "klikjatim: last run (4) failed: the crawl process was killed by SIGKILL" in output
    assert "not scheduled" in lines["nawacita"]
    assert lines["jatimtimes"].split()[-1] == "0" and "never run" in lines["jatimtimes"]
    text = " ".join(output.split())
    assert "klikjatim: failed 3 times in a row" in text
    assert "nawacita: nothing new since" in text and "changed its markup or its URLs" in text
    warnings = text.split("Warning: ")[1:]
    assert [w.split(":")[0] for w in warnings] == ["klikjatim", "nawacita"]  # realita recovered

    # Stricter thresholds warn about more; looser ones about nothing.
    assert "Warning" not in invoke("status", "--db", db, "--failures", "4", "--quiet-days", "60")[1]


def test_crons_run_on_jakarta_time_whatever_the_host_zone() -> None:
    """The portals publish on WIB (UTC+7): "0 6 * * *" means 06:00 in Jakarta, 23:00 UTC the day before."""
    trigger = cron_trigger("0 6 * * *")
    first = trigger.get_next_fire_time(None, datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    assert first is not None and first.astimezone(UTC) == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    other = cron_trigger("0 6 * * *", timezone="Europe/Amsterdam")
    assert str(other.get_next_fire_time(None, datetime(2026, 11, 23, 12, 0, tzinfo=UTC)).astimezone(UTC)) == "2026-11-24 05:00:00+00:00"


def test_a_stored_trigger_in_another_zone_is_not_the_wanted_one() -> None:
    """A job stored with the host's zone must be replaced at start, or it keeps firing at the wrong hours."""
    from scheduler.jobs import same_trigger

    assert same_trigger(cron_trigger("0 6 * * *"), cron_trigger("0 6 * * *"))
    assert not same_trigger(cron_trigger("0 6 * * *", timezone="UTC"), cron_trigger("0 6 * * *"))
