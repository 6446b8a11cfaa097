"""Full-text search of stories, in each database's own engine.

SQLite searches an FTS5 table, PostgreSQL its own full text (both set up by
``migrations/versions/0002_search.py``). Their query syntax and ranking differ, so each
dialect builds its own SQL here; both answer the same question, in the same shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from storyline.store.schema import PG_DOCUMENT

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class _Found:
    """One dialect's search: a ``WITH found AS (story, score)`` clause, the order that
    puts the best match first, and the value of its ``:q`` parameter."""

    sql: str
    order: str
    q: str


def matching(c: Connection, query: str, limit: int, offset: int) -> tuple[list[int], int]:
    """Ids of the live stories whose articles match every word of ``query``, best first,
    and how many match in all. Stories merge by moving memberships, so every membership
    names a live story."""
    found = _sqlite(query) if c.dialect.name == "sqlite" else _postgresql(query)
    if found is None:
        return [], 0
    params: dict[str, object] = {"limit": limit, "offset": offset, "q": found.q}
    total = c.scalar(text(f"{found.sql} SELECT count(*) FROM found"), params) or 0
    page = c.scalars(
        text(
            f"{found.sql} SELECT story FROM found ORDER BY {found.order} "
            "LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return list(page), total


def _sqlite(query: str) -> _Found | None:
    words = _WORDS.findall(query)
    if not words:
        return None
    # Each word quoted: FTS5's own syntax (NEAR, column:, quotes) is not for visitors.
    q = " ".join('"' + w.replace('"', "") + '"' for w in words)
    sql = (  # bm25 is defined on the match alone: materialized before any join
        "WITH hit AS MATERIALIZED (SELECT rowid AS seq, bm25(articles_fts) AS score "
        "FROM articles_fts WHERE articles_fts MATCH :q), "
        "found AS (SELECT m.story_id AS story, min(hit.score) AS score FROM hit "
        "JOIN articles a ON a.seq = hit.seq JOIN memberships m ON m.article_id = a.id "
        "GROUP BY m.story_id)"
    )
    return _Found(sql, "score, story", q)


def _postgresql(query: str) -> _Found | None:
    """``websearch_to_tsquery`` takes what visitors type (quotes, ``or``, ``-``) safely."""
    if not _WORDS.search(query):
        return None
    sql = (  # PG_DOCUMENT word for word, so that the planner uses its index
        f"WITH found AS (SELECT m.story_id AS story, max(ts_rank({PG_DOCUMENT}, q)) AS score "
        "FROM articles a JOIN memberships m ON m.article_id = a.id, "
        "websearch_to_tsquery('english', :q) q "
        f"WHERE {PG_DOCUMENT} @@ q GROUP BY m.story_id)"
    )
    return _Found(sql, "score DESC, story", query)
