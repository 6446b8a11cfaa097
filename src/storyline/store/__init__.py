"""The story store (SQLAlchemy Core; schema migrations by Alembic)."""

from storyline.store.database import (
    DEFAULT_DB,
    Entry,
    Member,
    Store,
    Stored,
    StoryRow,
    database_url,
)

__all__ = ["DEFAULT_DB", "Entry", "Member", "Store", "Stored", "StoryRow", "database_url"]
