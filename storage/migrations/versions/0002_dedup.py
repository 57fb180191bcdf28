"""Near-duplicate detection: the MinHash LSH index of article texts (`dedup_bands`) and signatures.

`dedup_bands` holds one row per (LSH band hash, article): its primary key (band, article_id)
answers the `band IN (...)` candidate lookup; the article_id index serves removal and cascades.
`dedup_signatures` keeps each article's MinHash signature and figures for verification.
Existing articles are indexed by `arsip dedup --rebuild` (this migration only makes the tables).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dedup_signatures",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_dedup_signatures_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_dedup_signatures")),
    )
    op.create_table(
        "dedup_bands",
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_dedup_bands_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("band", "article_id", name=op.f("pk_dedup_bands")),
    )
    with op.batch_alter_table("dedup_bands") as batch_op:
        batch_op.create_index(batch_op.f("ix_dedup_bands_article_id"), ["article_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dedup_bands") as batch_op:
        batch_op.drop_index(batch_op.f("ix_dedup_bands_article_id"))
    op.drop_table("dedup_bands")
    op.drop_table("dedup_signatures")
