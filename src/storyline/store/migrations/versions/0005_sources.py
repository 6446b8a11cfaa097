"""Watched sources and their state, and every page a watch has dealt with
(``run/watch.py``), so that a restarted watch fetches nothing twice.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("kind", sa.String(8)),
        sa.Column("origin", sa.Text),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("checked_at", sa.DateTime),
        sa.Column("fetched_at", sa.DateTime),
        sa.Column("due_at", sa.DateTime),
        sa.Column("etag", sa.Text),
        sa.Column("modified", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("found", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "pages",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("done_at", sa.DateTime, nullable=False),
        sa.Column("article_id", sa.String(40)),
        sa.Column("problem", sa.Text),
    )
    op.create_index("pages_source", "pages", ["source"])


def downgrade() -> None:
    op.drop_index("pages_source", "pages")
    op.drop_table("pages")
    op.drop_table("sources")
