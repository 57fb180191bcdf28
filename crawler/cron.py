"""Crontab lines as APScheduler triggers: the one reading shared by the sources file check and the scheduler.

Why not `CronTrigger.from_crontab`: APScheduler 3.x counts weekdays from 0 = Monday and rejects 7,
while crontab (and every user) has 0 and 7 = Sunday. Why a fixed default zone: the portals publish
on Jakarta time (WIB), and a service must not crawl at other hours because its host runs on UTC.
"""

from __future__ import annotations

from datetime import datetime

from apscheduler.triggers.cron import CronTrigger

DEFAULT_TIMEZONE = "Asia/Jakarta"
_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_EXAMPLE = 'fields: minute hour day month weekday, e.g. "0 */3 * * *"'


class CronError(ValueError):
    """A cron line that cannot be used; the message names the fault and the remedy."""


def _number(token: str, part: str) -> int:
    """A weekday token (crontab number or English name) as crontab's number, 0-7."""
    if token.isdigit():
        return int(token)
    name = token.lower()[:3]
    if token.isalpha() and name in _NAMES:
        return _NAMES.index(name)
    raise CronError(f"weekday {part!r}: {token!r} is neither a number 0-7 nor a day name (sun, mon, ... sat)")


def crontab_weekdays(field: str) -> str:
    """Crontab's weekday field (0 and 7 = Sunday, names, ranges, steps) as APScheduler day names."""
    if field == "*":
        return field
    days: set[int] = set()
    for part in field.split(","):
        span, slash, step_text = part.partition("/")
        if slash and not step_text.isdigit():
            raise CronError(f"weekday {part!r}: the step after / must be a whole number")
        step = int(step_text) if slash else 1
        if span == "*":
            start, end = 0, 6
        elif "-" in span:
            first, _, last = span.partition("-")
            start, end = _number(first, part), _number(last, part)
        else:
            start = _number(span, part)
            end = 6 if slash else start
        if not (0 <= start <= 7 and 0 <= end <= 7 and start <= end and step > 0):
            raise CronError(f"weekday {part!r}: numbers go from 0 (Sunday) to 7 (Sunday), names from sun to sat, low to high")
        days.update(range(start, end + 1, step))
    return ",".join(dict.fromkeys(_NAMES[d % 7] for d in sorted(d % 7 for d in days)))


def cron_trigger(expression: str, jitter: int | None = None, timezone: str = DEFAULT_TIMEZONE) -> CronTrigger:
    """A trigger for a five-field crontab line (minute hour day month weekday) in `timezone`, jitter in seconds.

    Refused, with the reason: a line that can never fire ("0 0 31 2 *"), and one restricting both the
    day of month and the weekday, which crontab reads as either/or and APScheduler as both.
    """
    if not isinstance(expression, str):
        raise CronError(f"cron {expression!r} must be a string ({_EXAMPLE})")
    fields = expression.split()
    if len(fields) != 5:
        raise CronError(
            f"cron {expression!r} has {len(fields)} field(s), needs 5: minute hour day month weekday, "
            'e.g. "0 */3 * * *" (every 3 hours)'
        )
    minute, hour, day, month, weekday = fields
    if day != "*" and weekday != "*":
        raise CronError(
            f"cron {expression!r} restricts both the day of month ({day}) and the weekday ({weekday}): crontab "
            f"runs on either, APScheduler only on both; keep one and set the other to *"
        )
    try:
        weekdays = crontab_weekdays(weekday)
        trigger = CronTrigger(
            minute=minute, hour=hour, day=day, month=month, day_of_week=weekdays, jitter=jitter or None,
            timezone=timezone,
        )  # fmt: skip
    except CronError as exc:
        raise CronError(f"cron {expression!r} is not valid: {exc} ({_EXAMPLE})") from exc
    except ValueError as exc:
        raise CronError(f"cron {expression!r} is not valid: {exc} ({_EXAMPLE})") from exc
    except LookupError as exc:  # an unknown zone is a ZoneInfoNotFoundError (a KeyError)
        raise CronError(f"timezone {timezone!r} is unknown: use an IANA name such as {DEFAULT_TIMEZONE}") from exc
    if trigger.get_next_fire_time(None, datetime.now(trigger.timezone)) is None:
        raise CronError(f"cron {expression!r} never fires (no such date, e.g. 31 February): fix its day or month")
    return trigger
