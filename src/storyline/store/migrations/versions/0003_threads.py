"""What a stored article holds (its body: full, snippet or headline), each story's thread,
how many outlets cover it, and its rank in the list (``group/rank.py``).

Stores made before keep working: their articles are full ones, each story is a thread of
its own, and outlet counts and ranks are filled in here.

Revision ID: 0003
Revises: 0002
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from storyline.group.rank import rank as _rank


def rank(last_seen: dt.date | str | None, outlets: int) -> float:
    """SQLite hands a raw query's dates back as text."""
    day = dt.date.fromisoformat(last_seen) if isinstance(last_seen, str) else last_seen
    return _rank(day, outlets)


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("body", sa.String(8), nullable=False, server_default="full"))
    with op.batch_alter_table("stories") as table:
        table.add_column(sa.Column("thread", sa.Integer))
        table.add_column(sa.Column("outlets", sa.Integer, nullable=False, server_default="0"))
        table.add_column(sa.Column("rank", sa.Float, nullable=False, server_default="0"))
    op.execute("UPDATE stories SET thread = id")
    op.execute(
        "UPDATE stories SET outlets = (SELECT count(DISTINCT a.outlet) FROM memberships m "
        "JOIN articles a ON a.id = m.article_id WHERE m.story_id = stories.id)"
    )
    c = op.get_bind()
    ranks = [
        {"sid": sid, "rank": rank(last_seen, outlets)}
        for sid, last_seen, outlets in c.execute(
            sa.text("SELECT id, last_seen, outlets FROM stories")
        )
    ]
    if ranks:
        c.execute(sa.text("UPDATE stories SET rank = :rank WHERE id = :sid"), ranks)
    op.create_index("stories_thread", "stories", ["thread"])
    op.create_index("stories_rank", "stories", ["rank"])


def downgrade() -> None:
    op.drop_index("stories_rank", "stories")
    op.drop_index("stories_thread", "stories")
    with op.batch_alter_table("stories") as table:
        table.drop_column("rank")
        table.drop_column("outlets")
        table.drop_column("thread")
    with op.batch_alter_table("articles") as table:
        table.drop_column("body")
