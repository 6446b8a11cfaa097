"""The tables, in one place. Migrations (``migrations/versions``) create and change them;
this module is what the code reads and writes through."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of input path and raw content
    Column("seq", Integer, nullable=False, unique=True),  # storing order: replay follows it
    Column("path", Text, nullable=False),
    Column("outlet", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("seen", Date),
    Column("day", Date),  # published, else crawled: the story's time span
    Column("raw_hash", String(64), nullable=False, index=True),
    Column("fingerprint", String(64), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("terms", Text, nullable=False),  # JSON [[term, count], ...]
    Column("minhash", LargeBinary, nullable=False),
    Column("stored_at", DateTime, nullable=False),
    Column("body", String(8), nullable=False, server_default="full"),  # model.Body
    Column("lang", String(8), nullable=False, server_default="und"),  # ISO 639-1
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("headline", Text),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Column("merged_into", Integer, ForeignKey("stories.id")),
    Column("updated_at", DateTime, nullable=False),
    Column("thread", Integer),  # related stories share one (group/stories.py)
    Column("outlets", Integer, nullable=False, server_default="0"),  # distinct ones
    Column("rank", Float, nullable=False, server_default="0"),  # group/rank.py: list order
)

Index("stories_thread", stories.c.thread)
Index("stories_rank", stories.c.rank)

memberships = Table(
    "memberships",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
)

duplicates = Table(
    "duplicates",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("original_id", String(40), ForeignKey("articles.id"), nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("similarity", Float, nullable=False),
)

# A watch's sources (run/watch.py keeps their state) and the pages it has dealt with:
# stored as an article, or given up on with the reason.
sources = Table(
    "sources",
    metadata,
    Column("url", Text, primary_key=True),
    Column("kind", String(8)),  # model.SourceKind, None until first fetched
    Column("origin", Text),  # the site whose home page pointed at it
    Column("added_at", DateTime, nullable=False),
    Column("checked_at", DateTime),  # last attempt
    Column("fetched_at", DateTime),  # last success
    Column("due_at", DateTime),  # not asked again before
    Column("etag", Text),
    Column("modified", Text),  # Last-Modified as the server wrote it
    Column("failures", Integer, nullable=False, server_default="0"),  # in a row
    Column("error", Text),  # the last failure, as a user reads it
    Column("found", Integer, nullable=False, server_default="0"),  # pages it led to
)

pages = Table(
    "pages",
    metadata,
    Column("url", Text, primary_key=True),  # fetch/urls.canonical
    Column("source", Text, nullable=False),
    Column("done_at", DateTime, nullable=False),
    Column("article_id", String(40)),
    Column("problem", Text),
)

Index("pages_source", pages.c.source)

# What PostgreSQL's full-text index covers (migrations/versions/0002_search.py): the search
# query repeats the expression so that the planner uses the index.
PG_DOCUMENT = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.text)"
