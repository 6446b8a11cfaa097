"""Build the one ``Article`` model every reader yields, filling what metadata left out."""

from __future__ import annotations

import datetime as dt
import hashlib

from storyline.ingest.outlet import infer_outlet
from storyline.ingest.published import dateline
from storyline.ingest.title import guess_title
from storyline.model import Article


def article_id(path: str, raw: str) -> str:
    """Content-derived, so the same input always gets the same id (and duplicates collide)."""
    return hashlib.sha1(f"{path}\0{raw}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


def text_article(
    path: str,
    raw: str,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    seen: dt.date | None = None,
) -> Article:
    return Article(
        id=article_id(path, raw),
        path=path,
        outlet=infer_outlet(path, raw, url=url, declared=outlet),
        kind="text",
        raw=raw,
        url=url,
        title=title or guess_title(raw),
        published=published or dateline(raw),
        seen=seen,
    )
