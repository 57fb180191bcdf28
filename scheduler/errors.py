"""Errors of the scheduler, grouped by what the user can do about them.

SchedulerError
├── ScheduleError          fix the cron expression or the job named
├── ServiceRunning         another service holds this database: stop it, or wait for its lease
└── SourceBusy             a source is being crawled right now: wait, or crawl the others
"""


class SchedulerError(Exception):
    """Base of every error the scheduler raises on purpose."""


class ScheduleError(SchedulerError, ValueError):
    """A cron expression, source or job id that cannot be used."""


class ServiceRunning(SchedulerError):
    """A second scheduler service on one database (APScheduler job stores must not be shared)."""


class SourceBusy(SchedulerError):
    """A crawl run by hand of a source that another process is crawling right now."""
