"""Articles, copies, stories and membership.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("seen", sa.Date),
        sa.Column("day", sa.Date),
        sa.Column("raw_hash", sa.String(64), nullable=False, index=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
        sa.Column("stored_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("headline", sa.Text),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
        sa.Column("merged_into", sa.Integer, sa.ForeignKey("stories.id")),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False, index=True),
    )
    op.create_table(
        "duplicates",
        sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column(
            "original_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("duplicates", "memberships", "stories", "articles"):
        op.drop_table(table)
