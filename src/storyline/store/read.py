"""The store's read queries: what the stream reads back, and what the CLI and the web show.

Each takes an open connection and returns plain rows (``rows.py``); retrying them while a
PostgreSQL server is away is the caller's (``Store``), so these stay plain SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select

from storyline.group.stories import WINDOW
from storyline.model import Article, Body, CopyKind, Duplicate, Features, Markup, Order
from storyline.store.chunks import chunks
from storyline.store.rows import Filter, Member, Stored, StoryRow
from storyline.store.schema import articles, duplicates, memberships, stories
from storyline.store.search import matching

AnySelect = Select[*tuple[Any, ...]]
_COPY = (duplicates.c.original_id, duplicates.c.kind, duplicates.c.similarity)
# The list's order: by rank (group/rank.py: how recently and how widely covered).
RANKED = (stories.c.rank.desc(), stories.c.last_seen.desc().nulls_last(), stories.c.id)

# --- what the stream reads -----------------------------------------------------------------


def known(c: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(list(ids)):
        found.update(c.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
    return found


def counters(c: Connection) -> tuple[int, int]:
    """(next storing sequence number, next free story id)."""
    seq = c.scalar(select(func.max(articles.c.seq))) or 0
    story = c.scalar(select(func.max(stories.c.id))) or 0
    return seq + 1, story + 1


def replay(c: Connection) -> Iterator[Stored]:
    """Every stored article in storing order, streamed (``yield_per``): a store can hold
    more than memory."""
    for row in c.execution_options(yield_per=2000).execute(_replayed()):
        yield _stored(row)


def revivable(
    c: Connection, day: dt.date, before: int, present: Collection[int], limit: int, members: int
) -> list[Stored]:
    """The latest ``members`` of each story stored before ``before`` (a storing sequence
    number), of the live stories whose span (widened by the grouping window) holds
    ``day``, the ``limit`` best ranked of those not ``present``, in storing order."""
    near = (
        select(stories.c.id)
        .where(stories.c.merged_into.is_(None))
        .where(stories.c.first_seen <= day + WINDOW, stories.c.last_seen >= day - WINDOW)
        .order_by(*RANKED)
        .limit(limit + len(present))
    )
    ids = [sid for sid in c.scalars(near) if sid not in present][:limit]
    found: list[Stored] = []
    for chunk in chunks(ids):
        latest = (
            select(
                memberships.c.article_id,
                func.row_number()
                .over(partition_by=memberships.c.story_id, order_by=articles.c.seq.desc())
                .label("n"),
            )
            .join(articles, articles.c.id == memberships.c.article_id)
            .where(memberships.c.story_id.in_(chunk), articles.c.seq < before)
            .subquery()
        )
        query = _replayed().join(latest, latest.c.article_id == articles.c.id)
        query = query.where(latest.c.n <= members)
        found.extend(_stored(row) for row in c.execute(query))
    return sorted(found, key=lambda s: s.seq)


def _replayed() -> AnySelect:
    columns = (
        "id",
        "seq",
        "outlet",
        "terms",
        "fingerprint",
        "minhash",
        "published",
        "seen",
        "lang",
    )
    return (
        _linked(*columns)
        .add_columns(stories.c.thread)
        .join(stories, stories.c.id == memberships.c.story_id)
        .order_by(articles.c.seq)
    )


def _stored(row: Row[*tuple[Any, ...]]) -> Stored:
    found = Features(
        terms=tuple((t, n) for t, n in json.loads(row.terms)),
        fingerprint=row.fingerprint,
        minhash=bytes(row.minhash),
        when=row.published or row.seen,
        lang=row.lang,
    )
    return Stored(row.id, row.outlet, row.story_id, found, _copy(row), row.thread, row.seq)


# --- what users read -------------------------------------------------------------------------


def live_stories(c: Connection, chosen: Filter) -> list[StoryRow]:
    rows = list(c.execute(_chosen(select(stories), chosen)))
    members = _members_by_story(c, [r.id for r in rows])
    sizes = _thread_sizes(c, [r.thread for r in rows])
    return [_story_row(r, members.get(r.id, []), sizes) for r in rows]


def resolve(c: Connection, story: int) -> int | None:
    """The live story an id refers to now (stories merge), or None if there is none."""
    for _ in range(1000):
        row = c.execute(select(stories).where(stories.c.id == story)).first()
        if row is None:
            return None
        if row.merged_into is None:
            return story
        story = row.merged_into
    return None


def story(c: Connection, story: int) -> tuple[StoryRow, list[Member]] | None:
    live = resolve(c, story)
    if live is None:
        return None
    row = c.execute(select(stories).where(stories.c.id == live)).one()
    members = _members_by_story(c, [live]).get(live, [])
    return _story_row(row, members, _thread_sizes(c, [row.thread])), members


def articles_of(c: Connection, story: int) -> list[Article]:
    """The originals of a story (copies add nothing), cleaned, in storing order."""
    live = resolve(c, story)
    if live is None:
        return []
    query = (
        select(articles)
        .join(memberships, memberships.c.article_id == articles.c.id)
        .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
        .where(memberships.c.story_id == live, duplicates.c.article_id.is_(None))
        .order_by(articles.c.seq)
    )
    return [_article(r) for r in c.execute(query)]


def page(
    c: Connection, limit: int, offset: int, query: str | None, chosen: Filter
) -> tuple[list[StoryRow], int]:
    """One page of live stories, by rank (``group/rank.py``), or of those whose articles match
    ``query`` (best match first), and how many there are in all. The search is the
    database's own: SQLite FTS5, PostgreSQL full text (``search.py``)."""
    if query is not None:
        ids, total = matching(c, query, limit, offset)
        return _rows(c, ids), total
    counted = c.scalar(_chosen(select(func.count()).select_from(stories), chosen, ordered=False))
    ids = list(c.scalars(_chosen(select(stories.c.id), chosen).limit(limit).offset(offset)))
    return _rows(c, ids), counted or 0


def _chosen(query: AnySelect, chosen: Filter, *, ordered: bool = True) -> AnySelect:
    """``query`` over the live stories ``chosen`` picks, in its order."""
    query = query.where(stories.c.merged_into.is_(None))
    if chosen.since is not None:
        query = query.where(stories.c.last_seen >= chosen.since)
    if chosen.active_since is not None:
        query = query.where(stories.c.updated_at >= chosen.active_since)
    if chosen.outlet is not None:
        reported = (
            select(memberships.c.story_id)
            .join(articles, articles.c.id == memberships.c.article_id)
            .where(articles.c.outlet == chosen.outlet)
        )
        query = query.where(stories.c.id.in_(reported))
    if not ordered:
        return query
    if chosen.order is Order.ACTIVITY:
        return query.order_by(stories.c.updated_at.desc(), stories.c.id.desc())
    return query.order_by(*RANKED)


def outlet_page(
    c: Connection, outlet: str, limit: int, offset: int = 0
) -> tuple[list[StoryRow], int]:
    """The stories an outlet reported, its latest first."""
    matched = (
        select(memberships.c.story_id, func.max(articles.c.seq).label("latest"))
        .join(articles, articles.c.id == memberships.c.article_id)
        .where(articles.c.outlet == outlet)
        .group_by(memberships.c.story_id)
        .subquery()
    )
    total = c.scalar(select(func.count()).select_from(matched)) or 0
    ids = list(
        c.scalars(
            select(matched.c.story_id).order_by(matched.c.latest.desc()).limit(limit).offset(offset)
        )
    )
    return _rows(c, ids), total


def thread(c: Connection, thread: int) -> list[StoryRow]:
    """The live stories of a thread, by rank."""
    ids = list(
        c.scalars(
            select(stories.c.id)
            .where(stories.c.thread == thread, stories.c.merged_into.is_(None))
            .order_by(*RANKED)
        )
    )
    return _rows(c, ids)


def article(c: Connection, article: str) -> tuple[Article, int] | None:
    """A stored article (cleaned text) and the live story it belongs to."""
    query = (
        select(articles, memberships.c.story_id)
        .join(memberships, memberships.c.article_id == articles.c.id)
        .where(articles.c.id == article)
    )
    row = c.execute(query).first()
    if row is None:
        return None
    return _article(row), row.story_id


def count(c: Connection) -> dict[str, int]:
    live = stories.c.merged_into.is_(None)
    return {
        "articles": c.scalar(select(func.count()).select_from(articles)) or 0,
        "copies": c.scalar(select(func.count()).select_from(duplicates)) or 0,
        "stories": c.scalar(select(func.count()).select_from(stories).where(live)) or 0,
    }


# --- rows into shapes --------------------------------------------------------------------------


def _rows(c: Connection, ids: Sequence[int]) -> list[StoryRow]:
    """The stories ``ids`` names, in that order."""
    found = {
        r.id: r
        for chunk in chunks(ids)
        for r in c.execute(select(stories).where(stories.c.id.in_(chunk)))
    }
    members = _members_by_story(c, ids)
    sizes = _thread_sizes(c, [r.thread for r in found.values()])
    return [_story_row(found[i], members.get(i, []), sizes) for i in ids if i in found]


def _thread_sizes(c: Connection, threads: Sequence[int | None]) -> dict[int, int]:
    """How many live stories each thread holds."""
    found: dict[int, int] = {}
    for chunk in chunks(sorted({t for t in threads if t is not None})):
        rows = c.execute(
            select(stories.c.thread, func.count())
            .where(stories.c.thread.in_(chunk), stories.c.merged_into.is_(None))
            .group_by(stories.c.thread)
        )
        found.update((t, n) for t, n in rows)
    return found


def _members_by_story(c: Connection, ids: Sequence[int]) -> dict[int, list[Member]]:
    found: dict[int, list[Member]] = {}
    for chunk in chunks(list(ids)):
        rows = c.execute(
            _linked("id", "outlet", "title", "url", "path", "day", "body", "lang", "stored_at")
            .where(memberships.c.story_id.in_(chunk))
            .order_by(memberships.c.story_id, articles.c.seq)
        )
        for r in rows:
            found.setdefault(r.story_id, []).append(
                Member(
                    r.id,
                    r.outlet,
                    r.title,
                    r.url,
                    r.path,
                    r.day,
                    _copy(r),
                    Body(r.body),
                    r.lang,
                    r.stored_at,
                )
            )
    return found


def _story_row(
    row: Row[*tuple[Any, ...]], members: Sequence[Member], sizes: dict[int, int]
) -> StoryRow:
    outlets = tuple(dict.fromkeys(m.outlet for m in members))
    languages = tuple(sorted({m.lang for m in members}))
    copies = sum(1 for m in members if m.duplicate)
    return StoryRow(
        row.id,
        row.headline,
        row.first_seen,
        row.last_seen,
        len(members),
        copies,
        outlets,
        row.thread if row.thread is not None else row.id,
        sizes.get(row.thread, 1),
        languages,
    )


def _article(r: Row[*tuple[Any, ...]]) -> Article:
    return Article(
        id=r.id,
        path=r.path,
        outlet=r.outlet,
        kind=Markup(r.kind),
        raw="",
        text=r.text,
        url=r.url,
        title=r.title,
        published=r.published,
        seen=r.seen,
        body=Body(r.body),
        lang=r.lang,
    )


def _linked(*columns: str) -> Select[*tuple[Any, ...]]:
    """``columns`` of the stored articles, with the story each belongs to (``story_id``)
    and its copy link (``_copy``)."""
    return (
        select(memberships.c.story_id, *articles.c[columns], *_COPY)
        .join(articles, articles.c.id == memberships.c.article_id)
        .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
    )


def _copy(row: Row[*tuple[Any, ...]]) -> Duplicate | None:
    """The copy link of a row selected with ``_COPY`` (outer-joined: None for originals)."""
    original = row.original_id
    return Duplicate(original, CopyKind(row.kind), row.similarity) if original else None
