"""The archive: SQLAlchemy models, migrations, the write path (insert + dedup) and the read path (search, export)."""
