"""Alembic migrations of the archive (a package so they ship with arsip; run via storage.db)."""
