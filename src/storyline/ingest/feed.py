"""RSS and Atom feeds: each entry with content (or at least a summary) is an article,
and an entry with only a title a headline-only one.

The same reading serves feed files and watched feeds (``run/watch.py``), which fetch
each entry's page and fall back to the entry's own text when the page cannot be had.
feedparser is given bytes, never a name: handed a string that looks like a URL it would
fetch it, and nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import feedparser

from storyline.errors import Reason, describe
from storyline.ingest.article import Given, headline_article
from storyline.ingest.html import html_article
from storyline.model import Article, Problem

_TAG = re.compile(r"<[^>]*>")
NO_ENTRIES = "no entries"


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    title: str | None
    published: dt.date | None
    body: str  # the entry's own text as HTML, "" when it has none


@dataclass(frozen=True)
class Feed:
    outlet: str | None  # the feed's title
    lang: str | None  # the language it declares
    entries: tuple[FeedEntry, ...]


def read_feed(data: bytes) -> Feed | str:
    """The feed, or why it is not one. A well-formed feed with no entries is a feed that
    lists nothing yet (a new outlet, a quiet section): read as broken, a watched one was
    backed off and came back hours later, past what it had listed meanwhile."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            return _short(parsed.get("bozo_exception"))
        if not parsed.get("version"):
            return NO_ENTRIES
    entries = tuple(
        FeedEntry(
            link=e.get("link") or None,
            title=e.get("title") or None,
            published=_date(e.get("published_parsed") or e.get("updated_parsed")),
            body=_body(e),
        )
        for e in parsed.entries
    )
    return Feed(parsed.feed.get("title") or None, parsed.feed.get("language") or None, entries)


def feed_articles(path: str, data: bytes) -> Iterator[Article | Problem]:
    feed = read_feed(data)
    if isinstance(feed, str) or not feed.entries:
        yield Problem(
            path, describe(Reason.NOT_A_FEED, feed if isinstance(feed, str) else NO_ENTRIES)
        )
        return
    for number, entry in enumerate(feed.entries, start=1):
        yield entry_article(f"{path}:entry {number}", entry, feed)


def entry_article(
    where: str, entry: FeedEntry, feed: Feed, *, url: str | None = None, seen: dt.date | None = None
) -> Article | Problem:
    """The entry's own text as a listed article (``url`` overrides its link)."""
    given: Given = {
        "url": url or entry.link,
        "title": entry.title,
        "outlet": feed.outlet,
        "published": entry.published,
        "seen": seen,
        "listed": True,
        "lang": feed.lang,
    }
    if _TAG.sub("", entry.body).strip():
        return html_article(where, entry.body, **given)
    if (entry.title or "").strip():
        return headline_article(where, **given)
    return Problem(where, describe(Reason.NO_BODY))


def _body(entry: feedparser.FeedParserDict) -> str:
    """The longest of the entry's content blocks and its summary: some feeds put the whole
    article in ``content``, others only in ``summary``."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    body = max(candidates, key=len)
    return body if "<" in body else "".join(f"<p>{p}</p>" for p in _escape(body).split("\n\n"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(value: time.struct_time | None) -> dt.date | None:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday) if value else None


def _short(error: object) -> str:
    return " ".join(str(error).split())[:120] or "unreadable"
