"""The story store (SQLAlchemy Core; schema migrations by Alembic).

Callers import from here: ``Store`` and the rows it takes and gives, never a submodule.
"""

from storyline.store.connection import DEFAULT_DB, database_url
from storyline.store.rows import Done, Entry, Filter, Member, Source, Stored, StoryRow
from storyline.store.store import Store

__all__ = [
    "DEFAULT_DB",
    "Done",
    "Entry",
    "Filter",
    "Member",
    "Source",
    "Store",
    "Stored",
    "StoryRow",
    "database_url",
]
