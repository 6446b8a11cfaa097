"""Build the one ``Article`` model every reader yields, filling what metadata left out."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TypedDict, Unpack

from storyline.ingest.outlet import infer_outlet
from storyline.ingest.published import dateline
from storyline.ingest.title import guess_title
from storyline.model import Article, Body, Markup


def article_id(raw: str, *meta: str | None) -> str:
    """Derived from the content and its metadata (address, outlet, headline), not from
    the file name, so the same input gets the same id however it is reached: that is
    what makes re-ingesting a file, or a copy of it under another name, change nothing."""
    key = "\0".join([*(m or "" for m in meta), raw])
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Given(TypedDict, total=False):
    """What a reader knows of an article besides its content: a feed entry's link and
    title, a JSONL record's outlet, a WARC record's date. Every reader passes the same."""

    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    seen: dt.date | None  # when a crawler fetched it
    listed: bool  # a feed entry's or a dump record's text (``Article.listed``)
    lang: str | None  # the language its source declares (a feed's, a record's)


def text_article(path: str, raw: str, **given: Unpack[Given]) -> Article:
    url, title, outlet = given.get("url"), given.get("title"), given.get("outlet")
    return Article(
        id=article_id(raw, url, outlet, title),
        path=path,
        outlet=infer_outlet(path, raw, url=url, declared=outlet),
        kind=Markup.TEXT,
        raw=raw,
        url=url,
        title=title or guess_title(raw),
        published=given.get("published") or dateline(raw),
        seen=given.get("seen"),
        listed=given.get("listed", False),
        lang=given.get("lang") or "",
    )


def headline_article(path: str, **given: Unpack[Given]) -> Article:
    """An item that is only a headline (many feeds carry nothing else): kept, because a
    headline still says which event its outlet covered, and marked, because it has no
    body for a brief's facts. ``given`` must hold the title."""
    url, outlet, title = given.get("url"), given.get("outlet"), given.get("title") or ""
    return Article(
        id=article_id("", url, outlet, title),
        path=path,
        outlet=infer_outlet(path, "", url=url, declared=outlet),
        kind=Markup.TEXT,
        raw="",
        url=url,
        title=" ".join(title.split()),
        published=given.get("published"),
        seen=given.get("seen"),
        body=Body.HEADLINE,
        listed=True,
        lang=given.get("lang") or "",
    )
