"""The SQL of a watch's sources and pages (``run/watch.py`` decides what goes in)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, delete, select, update

from storyline.model import SourceKind
from storyline.store.chunks import chunks
from storyline.store.rows import Done, Source
from storyline.store.schema import pages, sources

_STATE = [f.name for f in dataclasses.fields(Source) if f.name not in ("url", "added_at")]


def listed(c: Connection) -> list[Source]:
    rows = c.execute(select(sources).order_by(sources.c.added_at, sources.c.url))
    return [
        Source(**{**row._asdict(), "kind": SourceKind(row.kind) if row.kind else None})
        for row in rows
    ]


def add(c: Connection, urls: Sequence[str], origin: str | None, now: dt.datetime) -> list[str]:
    """Adds the addresses not already watched; returns those."""
    have: set[str] = set()
    for chunk in chunks(list(dict.fromkeys(urls))):
        have.update(c.scalars(select(sources.c.url).where(sources.c.url.in_(chunk))))
    new = [u for u in dict.fromkeys(urls) if u not in have]
    if new:
        c.execute(sources.insert(), [{"url": u, "origin": origin, "added_at": now} for u in new])
    return new


def remove(c: Connection, urls: Sequence[str]) -> list[str]:
    """Removes the watched addresses among ``urls`` (and what was found through them)."""
    gone: list[str] = []
    for chunk in chunks(list(dict.fromkeys(urls))):
        gone.extend(c.scalars(select(sources.c.url).where(sources.c.url.in_(chunk))))
    for chunk in chunks(gone):
        c.execute(delete(sources).where(sources.c.url.in_(chunk) | sources.c.origin.in_(chunk)))
    return gone


def save(c: Connection, source: Source) -> None:
    values = {name: getattr(source, name) for name in _STATE}
    c.execute(update(sources).where(sources.c.url == source.url).values(**values))


def known(c: Connection, urls: Sequence[str]) -> set[str]:
    """The pages among ``urls`` already dealt with (marked in the commit that stored
    their articles, so a watch killed at any moment asks for none of them again)."""
    found: set[str] = set()
    for chunk in chunks(list(urls)):
        found.update(c.scalars(select(pages.c.url).where(pages.c.url.in_(chunk))))
    return found


def mark(c: Connection, done: Sequence[Done], now: dt.datetime) -> None:
    """Marks pages done; one marked already (by another watch) is left as it is."""
    fresh = {d.url: d for d in done}
    for url in known(c, list(fresh)):
        del fresh[url]
    if fresh:
        rows = [{**dataclasses.asdict(d), "done_at": now} for d in fresh.values()]
        c.execute(pages.insert(), rows)
