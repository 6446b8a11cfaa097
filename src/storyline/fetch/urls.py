"""One article, one address: the same page reached through a feed's tracking link, its
AMP edition or its mobile site is fetched and stored once.

courlan (trafilatura's URL library) does the general part: lower-case host, default
ports, fragments and tracking parameters (``utm_*``, ``fbclid``…) dropped. What it
leaves, the editions of one page (``www.``/``amp.``/``m.`` hosts, ``/amp`` paths,
``.amp.html``, ``?output=amp``), is folded here. The result is a key, not always an
address that answers: pages are fetched at the link their source gave.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

_SCHEMES = ("http", "https")
_EDITION_HOST = re.compile(r"^(?:www|m|mobile|amp)\.(?=[^.]+\.[^.]+)")
_EDITION_QUERY = re.compile(r"(?i)^(?:amp(?:=.*)?|[^=]*=amp)$")  # ?amp, ?output=amp
_EDITION_PATH = (
    (re.compile(r"/amp/?$"), ""),  # /story/amp/
    (re.compile(r"^/amp(?=/)"), ""),  # /amp/story
    (re.compile(r"\.amp(?=\.html?$)"), ""),  # story.amp.html
    (re.compile(r"\.amp$"), ""),  # story.amp
)


def clean(url: str, base: str | None = None) -> str | None:
    """The address without its tracking parameters, or None for what is not an http(s)
    page (``mailto:``, ``javascript:``, a broken address). ``base`` resolves relative
    links."""
    try:
        url = urljoin(base, url.strip()) if base else url.strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
            return None
        return normalize_url(url)
    except ValueError:
        return None


def canonical(url: str, base: str | None = None) -> str | None:
    """The key an article is known by: ``clean``, editions folded, and no trailing slash
    (``/story/`` and ``/story`` are one page on every news site we know)."""
    cleaned = clean(url, base)
    if cleaned is None:
        return None
    parts = urlsplit(cleaned)
    path = parts.path
    for pattern, replacement in _EDITION_PATH:
        path = pattern.sub(replacement, path)
    netloc = _EDITION_HOST.sub("", parts.netloc)
    query = "&".join(q for q in parts.query.split("&") if q and not _EDITION_QUERY.match(q))
    return urlunsplit((parts.scheme, netloc, path.rstrip("/") or "/", query, ""))


def host(url: str) -> str:
    """What politeness is counted per: the host and its port, as the server sees it."""
    return urlsplit(url).netloc.lower()
