"""What goes into the store and what comes out of it, as plain frozen data.

These are the store's side of its interface: the stream hands it ``Entry`` batches and
rebuilds itself from ``Stored``; the CLI and the web read ``StoryRow`` and ``Member``. They
live apart from the SQL so that callers (and ``views.py``) can use them without the queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storyline.model import Article, Body, Duplicate, Features, Order, SourceKind


@dataclass(frozen=True)
class Entry:
    """One article of a batch, as the stream decided it."""

    article: Article
    features: Features
    story: int
    seq: int
    duplicate: Duplicate | None = None
    thread: int | None = None  # of ``story``, set when the story is new (never changes)


@dataclass(frozen=True)
class Stored:
    """A stored article as replay needs it, in storing order."""

    id: str
    outlet: str
    story: int
    features: Features
    duplicate: Duplicate | None
    thread: int | None = None
    seq: int = 0  # storing order


@dataclass(frozen=True)
class StoryRow:
    """A live story as lists show it: its articles and copies counted, its outlets in
    storing order."""

    id: int
    headline: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: int
    copies: int
    outlets: tuple[str, ...]
    thread: int = 0  # related stories share one (group/stories.py)
    in_thread: int = 1  # live stories in the thread, this one included
    languages: tuple[str, ...] = ()  # of its articles (ISO 639-1; "und": not told)


@dataclass(frozen=True)
class Member:
    """One article of a story as its page lists it; ``duplicate`` links a copy to its
    original."""

    id: str
    outlet: str
    title: str | None
    url: str | None
    path: str
    day: dt.date | None
    duplicate: Duplicate | None
    body: Body = Body.FULL
    lang: str = "und"
    stored_at: dt.datetime | None = None  # when it arrived (UTC)


@dataclass(frozen=True)
class Source:
    """A watched address and what the watch knows of it."""

    url: str
    kind: SourceKind | None = None  # None until first fetched
    origin: str | None = None  # the site whose home page pointed at it
    added_at: dt.datetime | None = None
    checked_at: dt.datetime | None = None  # last attempt
    fetched_at: dt.datetime | None = None  # last success
    due_at: dt.datetime | None = None  # not asked again before
    etag: str | None = None
    modified: str | None = None
    failures: int = 0  # in a row
    error: str | None = None  # the last failure, as a user reads it
    found: int = 0  # pages it led to


@dataclass(frozen=True)
class Done:
    """A page a watch has dealt with: stored as ``article_id``, or given up on."""

    url: str  # fetch/urls.canonical
    source: str
    article_id: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Filter:
    """Which live stories a list shows, and in which order."""

    since: dt.date | None = None  # its latest article dated on or after
    active_since: dt.datetime | None = None  # gained an article (or a merge) since (UTC)
    outlet: str | None = None  # one of its articles is this outlet's
    order: Order = Order.RANK
