"""RSS and Atom feed files: each entry with content (or at least a summary) is an article,
and an entry with only a title a headline-only one.

feedparser is given bytes, never a name: handed a string that looks like a URL it would
fetch it, and storyline never touches the network.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator

import feedparser

from storyline.errors import Reason, describe
from storyline.ingest.article import Given, headline_article
from storyline.ingest.html import html_article
from storyline.model import Article, Problem

_TAG = re.compile(r"<[^>]*>")


def feed_articles(path: str, data: bytes) -> Iterator[Article | Problem]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        detail = _short(parsed.get("bozo_exception")) if parsed.get("bozo") else "no entries"
        yield Problem(path, describe(Reason.NOT_A_FEED, detail))
        return
    outlet = parsed.feed.get("title") or None
    lang = parsed.feed.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{path}:entry {number}"
        body = _body(entry)
        given: Given = {
            "url": entry.get("link") or None,
            "title": entry.get("title") or None,
            "outlet": outlet,
            "published": _date(entry.get("published_parsed") or entry.get("updated_parsed")),
            "listed": True,
            "lang": lang,
        }
        if _TAG.sub("", body).strip():
            yield html_article(where, body, **given)
        elif (given.get("title") or "").strip():
            yield headline_article(where, **given)
        else:
            yield Problem(where, describe(Reason.NO_BODY))


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
