"""Stored stories and their members as JSON objects: one shape for the CLI's
``--json`` output and the web API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from storyline.store.rows import Member, Source, StoryRow


def story_json(row: StoryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "headline": row.headline,
        "outlets": list(row.outlets),
        "articles": row.articles,
        "copies": row.copies,
        "thread": row.thread,
        "stories_in_thread": row.in_thread,
        "languages": list(row.languages),
        "first_seen": row.first_seen.isoformat() if row.first_seen else None,
        "last_seen": row.last_seen.isoformat() if row.last_seen else None,
    }


def member_json(m: Member, *, paths: bool = True) -> dict[str, Any]:
    """``paths``: where the input was read; render/json.py says why the server hides it."""
    found = {
        "id": m.id,
        "outlet": m.outlet,
        "title": m.title,
        "url": m.url,
        "path": m.path,
        "day": m.day.isoformat() if m.day else None,
        "copy_of": m.duplicate.original if m.duplicate else None,
        "copy_kind": m.duplicate.kind if m.duplicate else None,
        "similarity": m.duplicate.similarity if m.duplicate else None,
        "body": m.body.value,
        "lang": m.lang,
        "stored_at": m.stored_at.isoformat(timespec="seconds") + "Z" if m.stored_at else None,
    }
    if not paths:
        del found["path"]
    return found


def by_thread(rows: Sequence[StoryRow]) -> list[list[StoryRow]]:
    """Ranked stories gathered under their threads: each thread where its best-ranked
    story stands, its other listed stories after it, in rank order."""
    threads: dict[int, list[StoryRow]] = {}
    for row in rows:
        threads.setdefault(row.thread, []).append(row)
    return list(threads.values())


def source_json(row: Source) -> dict[str, Any]:
    def when(value: dt.datetime | None) -> str | None:
        return value.isoformat() + "Z" if value else None

    return {
        "url": row.url,
        "kind": row.kind.value if row.kind else None,
        "origin": row.origin,
        "found": row.found,
        "added_at": when(row.added_at),
        "checked_at": when(row.checked_at),
        "fetched_at": when(row.fetched_at),
        "due_at": when(row.due_at),
        "failures": row.failures,
        "error": row.error,
    }
