"""HTML pages: metadata (URL, title, site name, date) from the page head via trafilatura."""

from __future__ import annotations

from typing import Unpack

from lxml import etree
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from storyline.ingest.article import Given, article_id
from storyline.ingest.outlet import infer_outlet
from storyline.ingest.published import parse_date
from storyline.model import Article, Markup


def html_article(path: str, raw: str, **given: Unpack[Given]) -> Article:
    """The page's own metadata fills in what the reader did not know."""
    title, outlet = given.get("title"), given.get("outlet")
    meta = _metadata(raw, given.get("url"))
    url = given.get("url") or meta.get("url")
    return Article(
        id=article_id(raw, url, outlet, title),
        path=path,
        outlet=infer_outlet(
            path, _visible_text(raw), url=url, declared=outlet or meta.get("sitename")
        ),
        kind=Markup.HTML,
        raw=raw,
        url=url,
        title=title or meta.get("title"),
        published=given.get("published") or parse_date(meta.get("date")),
        seen=given.get("seen"),
        listed=given.get("listed", False),
        lang=given.get("lang") or "",
    )


def _metadata(raw: str, url: str | None) -> dict[str, str | None]:
    tree = load_html(raw)
    if tree is None:
        return {}
    try:
        doc = extract_metadata(tree, default_url=url)
    except (ValueError, TypeError, etree.LxmlError):
        return {}
    return {"url": doc.url, "title": doc.title, "sitename": doc.sitename, "date": doc.date}


def _visible_text(raw: str, limit: int = 200_000) -> str:
    """Enough of the page's text to find a credit line ("© 2026 X") when metadata is silent."""
    tree = load_html(raw[:limit])
    return " ".join(tree.itertext()) if tree is not None else ""
