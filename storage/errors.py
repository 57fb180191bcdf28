"""Errors of the archive, grouped by what the user can do about them.

StorageError
├── QueryError            fix the query (unknown region, bad date, bad search text)
├── DatabaseError         fix the --db URL, or check the server / disk
└── SchemaOutOfDate       run `arsip db upgrade`
"""


class StorageError(Exception):
    """Base of every error the archive raises on purpose."""


class QueryError(StorageError, ValueError):
    """A filter or search text the user gave cannot be understood."""


class DatabaseError(StorageError):
    """The database cannot be opened or written."""


class SchemaOutOfDate(StorageError):
    """The archive was made by an older arsip and needs `arsip db upgrade`."""
