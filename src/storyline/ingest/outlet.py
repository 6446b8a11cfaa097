"""Which outlet published an article, from the strongest evidence available.

Order of trust: the article's own URL, the page's declared site name, a credit line in the
text ("See more at: X", "© 2015 X", "Source: X"), a known outlet named in the text (from
``data/outlets.tsv``; news agencies only when no outlet is named, because agencies are
usually credited for a photo or a wire paragraph), and last the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from urllib.parse import urlsplit


@dataclass(frozen=True)
class KnownOutlet:
    name: str
    domains: tuple[str, ...]
    names: tuple[str, ...]
    kind: str


@lru_cache(maxsize=1)
def known_outlets() -> tuple[KnownOutlet, ...]:
    table = resources.files("storyline").joinpath("data/outlets.tsv").read_text("utf-8")
    outlets = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, kind = line.split("\t")
        parts = [a.strip() for a in aliases.split(",") if a.strip()]
        domains = tuple(a for a in parts if "." in a and " " not in a)
        names = tuple(a for a in parts if a not in domains)
        outlets.append(KnownOutlet(name, domains, names, kind))
    return tuple(outlets)


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    """The known outlets' names as one pattern that shares their prefixes ("abc news",
    "agence france presse": "a(?:bc news|gence france presse)"). Every article of an
    ingest is searched for them; as a plain alternation of 91 names the search was a
    tenth of ingest's time."""
    names = {n.lower() for o in known_outlets() if o.kind != "url-only" for n in o.names}
    return re.compile(r"\b(" + _prefix_tree(names) + r")\b", re.IGNORECASE)


def _prefix_tree(names: set[str]) -> str:
    """A pattern matching exactly ``names``, longest first where one is another's prefix
    (the optional rest is greedy)."""
    rests: dict[str, set[str]] = {}
    for name in names:
        rests.setdefault(name[:1], set()).add(name[1:])
    branches = [re.escape(first) + _prefix_tree(rests[first]) for first in sorted(rests) if first]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or "" in rests else branches[0]
    return body + "?" if "" in rests else body


_CREDIT = re.compile(
    r"(?:see more at|read more at|source|originally published (?:at|by|on)|©|\(c\)|copyright)"
    r"\s*:?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"([A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,2})",
    re.IGNORECASE,
)
_DOMAIN_IN_TEXT = re.compile(
    r"\b(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|org|net|fr|de|ca|au|in|ir|it|eu|ru))\b",
    re.IGNORECASE,
)
_NOT_A_NAME = {"all", "the", "follow", "us", "more", "rights", "reserved", "home", "contact"}


def from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    host = host.removeprefix("www.")
    if not host:
        return None
    for outlet in known_outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    return host


def from_text(text: str) -> str | None:
    for match in _CREDIT.finditer(text):
        name = match.group(1).strip(" .")
        if name.lower() not in _NOT_A_NAME and len(name) > 1:
            return _canonical(name) or name
    counts: dict[str, int] = {}
    for match in _name_pattern().finditer(text):
        outlet = _canonical(match.group(1))
        if outlet:
            counts[outlet] = counts.get(outlet, 0) + 1
    kinds = {o.name: o.kind for o in known_outlets()}
    ranked = sorted(counts, key=lambda n: (kinds[n] == "agency", -counts[n], n))
    if ranked:
        return ranked[0]
    domain = _DOMAIN_IN_TEXT.search(text)
    return from_url(domain.group(1)) if domain else None


def from_path(path: str) -> str:
    name = PurePath(path).name
    for suffix in (".gz", ".jsonl", ".html", ".htm", ".txt"):
        name = name.removesuffix(suffix)
    return name or path


def _canonical(name: str) -> str | None:
    lowered = name.lower()
    for outlet in known_outlets():
        if lowered in outlet.names or lowered == outlet.name.lower():
            return outlet.name
    return None


def infer_outlet(
    path: str, text: str, *, url: str | None = None, declared: str | None = None
) -> str:
    """A known outlet's domain beats a declared name, which beats an unknown host name."""
    host = from_url(url)
    if host and any(host == o.name for o in known_outlets()):
        return host
    if declared and declared.strip():
        return _canonical(declared.strip()) or declared.strip()
    return host or from_text(text) or from_path(path)
