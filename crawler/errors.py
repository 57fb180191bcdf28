"""Errors of the crawler, grouped by what the user can do about them.

CrawlerError
└── SourcesError          fix the sources file (the message names the file, the entry and the field)
"""


class CrawlerError(Exception):
    """Base of every error the crawler raises on purpose."""


class SourcesError(CrawlerError, ValueError):
    """A sources file that cannot be used as it is."""
