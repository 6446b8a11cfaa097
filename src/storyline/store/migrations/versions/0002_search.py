"""Full-text search over article titles and text, in the database's own engine.

SQLite: an FTS5 table without its own copy of the text (contentless), keyed by the
article's ``seq`` (a stable integer, unlike SQLite's implicit rowid, which VACUUM may
renumber), kept in step by triggers. PostgreSQL: a GIN index on the English tsvector of
title and text, which the search query repeats word for word so the planner uses it.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The one expression PostgreSQL indexes and the store searches (store/search.py).
PG_DOCUMENT = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) "
            "VALUES (new.seq, coalesce(new.title, ''), new.text); END"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, coalesce(old.title, ''), old.text); END"
        )
        op.execute(
            "INSERT INTO articles_fts(rowid, title, text) "
            "SELECT seq, coalesce(title, ''), text FROM articles"
        )
    else:
        op.execute(f"CREATE INDEX articles_search ON articles USING gin ({PG_DOCUMENT})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER articles_fts_delete")
        op.execute("DROP TRIGGER articles_fts_insert")
        op.execute("DROP TABLE articles_fts")
    else:
        op.execute("DROP INDEX articles_search")
