"""The store's one write: a batch of the stream and its effect on stories.

Every write of the stream is one call of ``batch`` in one transaction, so a run killed at
any moment leaves the store as it was after the last batch it reported, and the stream's
in-memory state can always be rebuilt from the store by replay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Sequence

from sqlalchemy import Connection, func, select, update

from storyline.group.headline import headline
from storyline.group.rank import rank
from storyline.store import sources
from storyline.store.chunks import chunks
from storyline.store.rows import Done, Entry
from storyline.store.schema import articles, duplicates, memberships, stories

Span = tuple[dt.date | None, dt.date | None, int]  # first day, last day, outlets


def batch(
    c: Connection,
    entries: Sequence[Entry],
    merges: Sequence[tuple[int, int]],
    done: Sequence[Done] = (),
) -> None:
    """Store ``entries`` and their effect on stories; ``c`` must be in a transaction that
    commits all of it or none. ``merges`` lists (absorbed, survivor) in the order they
    happened; ``done``, the watched pages the batch deals with (``sources.mark``)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if done:
        sources.mark(c, done, now)
    if not entries:
        return
    touched = {e.story for e in entries}
    c.execute(articles.insert(), [_article_row(e, now) for e in entries])
    threads = {e.story: e.thread for e in entries}
    _add_stories(c, touched | {s for pair in merges for s in pair}, threads, now)
    for absorbed, survivor in merges:
        c.execute(
            update(memberships).where(memberships.c.story_id == absorbed).values(story_id=survivor)
        )
        c.execute(
            update(stories)
            .where((stories.c.id == absorbed) | (stories.c.merged_into == absorbed))
            .values(merged_into=survivor, updated_at=now)
        )
    c.execute(
        memberships.insert(),
        [{"article_id": e.article.id, "story_id": e.story} for e in entries],
    )
    copies = [e for e in entries if e.duplicate]
    if copies:
        c.execute(duplicates.insert(), [_duplicate_row(e) for e in copies])
    _refresh(c, sorted(touched | {s for _, s in merges}), now)


def _add_stories(
    c: Connection, referenced: Collection[int], threads: dict[int, int | None], now: dt.datetime
) -> None:
    """The stories the batch names that the store does not have yet, each in its thread."""
    existing: set[int] = set()
    for chunk in chunks(sorted(referenced)):
        existing.update(c.scalars(select(stories.c.id).where(stories.c.id.in_(chunk))))
    new = sorted(set(referenced) - existing)
    if new:
        rows = [{"id": s, "thread": threads.get(s) or s, "updated_at": now} for s in new]
        c.execute(stories.insert(), rows)


def _article_row(e: Entry, now: dt.datetime) -> dict[str, object]:
    a = e.article
    return {
        "id": a.id,
        "seq": e.seq,
        "path": a.path,
        "outlet": a.outlet,
        "kind": a.kind,
        "url": a.url,
        "title": a.title,
        "published": a.published,
        "seen": a.seen,
        "day": a.published or a.seen,
        "raw_hash": _raw_hash(a.raw),
        "fingerprint": e.features.fingerprint,
        "text": a.text,
        "terms": json.dumps(e.features.terms, ensure_ascii=False),
        "minhash": e.features.minhash,
        "stored_at": now,
        "body": a.body,
        "lang": a.lang or "und",
    }


def _raw_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _duplicate_row(e: Entry) -> dict[str, object]:
    assert e.duplicate is not None
    return {
        "article_id": e.article.id,
        "original_id": e.duplicate.original,
        "kind": e.duplicate.kind,
        "similarity": e.duplicate.similarity,
    }


def _refresh(c: Connection, ids: Sequence[int], now: dt.datetime) -> None:
    """Headline (``group/headline.py`` picks it from the originals' titles) and time span
    of the stories a batch touched."""
    for chunk in chunks(list(ids)):
        span = _spans(c, chunk)
        titles = _titles(c, chunk)
        for sid in chunk:
            if sid not in span:
                continue
            first, last, outlets = span[sid]
            c.execute(
                update(stories)
                .where(stories.c.id == sid)
                .values(
                    headline=headline(titles.get(sid, [])),
                    first_seen=first,
                    last_seen=last,
                    outlets=outlets,
                    rank=rank(last, outlets),
                    updated_at=now,
                )
            )


def _spans(c: Connection, ids: Sequence[int]) -> dict[int, Span]:
    """First and last day of each story that has members, and how many outlets cover it
    (the list ranks the widely covered first)."""
    rows = c.execute(
        select(
            memberships.c.story_id,
            func.min(articles.c.day),
            func.max(articles.c.day),
            func.min(articles.c.stored_at),
            func.max(articles.c.stored_at),
            func.count(func.distinct(articles.c.outlet)),
        )
        .join(articles, articles.c.id == memberships.c.article_id)
        .where(memberships.c.story_id.in_(ids))
        .group_by(memberships.c.story_id)
    )
    # dated articles decide the span; a story with none falls back to when it was stored
    return {
        sid: (first, last, outlets) if first else (_day(stored_first), _day(stored_last), outlets)
        for sid, first, last, stored_first, stored_last, outlets in rows
    }


def _titles(c: Connection, ids: Sequence[int]) -> dict[int, list[str | None]]:
    """The titles of each story's originals (copies add nothing), in storing order."""
    rows = c.execute(
        select(memberships.c.story_id, articles.c.title)
        .join(articles, articles.c.id == memberships.c.article_id)
        .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
        .where(memberships.c.story_id.in_(ids), duplicates.c.article_id.is_(None))
        .order_by(memberships.c.story_id, articles.c.seq)
    )
    found: dict[int, list[str | None]] = {}
    for sid, title in rows:
        found.setdefault(sid, []).append(title)
    return found


def _day(value: dt.datetime | str | None) -> dt.date | None:
    if isinstance(value, str):  # SQLite hands aggregates of DateTime back as text
        value = dt.datetime.fromisoformat(value)
    return value.date() if value else None
