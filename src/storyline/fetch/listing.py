"""What a fetched source lists: a feed's entries (read by ``ingest/feed.py``), a
sitemap's pages and nested sitemaps, a home page's feeds.

Feeds are found on a home page by trafilatura's feed finder (``<link rel=alternate>``
first, then links that look like feeds). Sitemaps are read here with lxml rather than
with trafilatura's sitemap helper: that one drops every link whose domain it cannot
name (an IP address, a local host) and keeps no news sitemap titles or dates, which are
what a news sitemap is for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed

from storyline.ingest.published import parse_date
from storyline.model import SourceKind

MAX_LINKS = 5_000  # of one sitemap: the newest are listed first by news sites
MAX_FEEDS = 3  # taken from one home page
_SITEMAP = re.compile(rb"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b")
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype html|html|head|body)\b", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


def kind_of(body: bytes, content_type: str) -> SourceKind | None:
    """Sniffed from the body's first tags; the content type only breaks a tie, since
    servers often send feeds as text/html and pages as text/xml."""
    head = body[:4096]
    if _SITEMAP.search(head):
        return SourceKind.SITEMAP
    if _FEED.search(head):
        return SourceKind.FEED
    if _HTML.search(head) or "html" in content_type:
        return SourceKind.SITE
    return None


@dataclass(frozen=True)
class Page:
    """One page a sitemap lists (news sitemaps add a title and a date)."""

    url: str  # as listed, made absolute
    title: str | None = None
    published: dt.date | None = None


def sitemap(url: str, body: bytes) -> tuple[list[Page], list[Page]]:
    """The pages a sitemap lists and the sitemaps a sitemap index points to (each with
    its ``lastmod``, so a watch can follow the newest)."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return [], []
    pages: list[Page] = []
    nested: list[Page] = []
    for node in root.iter("{*}url", "{*}sitemap", "url", "sitemap"):
        loc = urljoin(url, _text(node, "loc") or "")
        if urlsplit(loc).scheme not in ("http", "https"):
            continue
        published = parse_date(_text(node, "publication_date") or _text(node, "lastmod"))
        if etree.QName(node).localname == "sitemap":
            nested.append(Page(loc, None, published))
        else:
            pages.append(Page(loc, _text(node, "title"), published))
        if len(pages) + len(nested) >= MAX_LINKS:
            break
    return pages, nested


def _text(node: etree._Element, name: str) -> str | None:
    for child in node.iter(f"{{*}}{name}", name):
        if child.text and child.text.strip():
            return str(child.text).strip()
    return None


def feeds_on(url: str, html: str) -> list[str]:
    """The feeds a home page points at, at most ``MAX_FEEDS``."""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    found = determine_feed(html, FeedParameters(base, parts.hostname or "", url))
    return found[:MAX_FEEDS]
