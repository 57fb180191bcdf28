"""The archive engine of a crawl, opened once per process from the ARSIP_DB setting."""

from __future__ import annotations

from functools import cache

from scrapy.settings import BaseSettings
from sqlalchemy import Engine

from storage.db import database_url, open_archive


@cache
def _engine(url: str) -> Engine:
    return open_archive(url)


def archive_engine(settings: BaseSettings) -> Engine:
    """The engine for the setting ARSIP_DB (else $ARSIP_DB, else ./arsip.db); one per process."""
    return _engine(database_url(settings.get("ARSIP_DB")))
