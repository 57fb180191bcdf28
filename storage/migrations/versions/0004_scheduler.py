"""The scheduler: who started each run and how it ended, crawl locks, APScheduler's job table.

- runs: trigger (manual / scheduled / retry), pid, host and service instance of the crawl
  process (so a run left "running" by a killed process can be closed), exit_reason.
- crawl_locks: one lease per name ("scheduler", "source:<name>") with holder and expiry.
- apscheduler_jobs: APScheduler 3.x's SQLAlchemyJobStore table, exactly as it defines it,
  made here so the schema stays owned by the migrations.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch_op:
        batch_op.add_column(sa.Column("trigger", sa.String(), server_default="manual", nullable=False))
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("host", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("instance", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("exit_reason", sa.Text(), nullable=True))

    op.create_table(
        "crawl_locks",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("holder", sa.String(), nullable=False),
        sa.Column("host", sa.String(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("acquired_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_crawl_locks")),
    )

    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    with op.batch_alter_table("apscheduler_jobs") as batch_op:
        batch_op.create_index(batch_op.f("ix_apscheduler_jobs_next_run_time"), ["next_run_time"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("apscheduler_jobs") as batch_op:
        batch_op.drop_index(batch_op.f("ix_apscheduler_jobs_next_run_time"))
    op.drop_table("apscheduler_jobs")
    op.drop_table("crawl_locks")
    with op.batch_alter_table("runs") as batch_op:
        for column in ("exit_reason", "instance", "host", "pid", "trigger"):
            batch_op.drop_column(column)
