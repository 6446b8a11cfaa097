"""One self-contained HTML file (inline CSS, no script, no external fetch): clicking an
outlet tag jumps to and highlights the exact span in that article (CSS ``:target``).
Everything from the articles is escaped by Jinja's autoescape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape

from storyline.model import Article, Brief, Claim, Fact, Source
from storyline.render.formats import INFERRED, SNIPPETS_ONLY, body_note, unread_note


@dataclass(frozen=True)
class Segment:
    """Article text between span boundaries: ``opens`` anchors start before the text,
    ``closes`` marks end after it."""

    text: str
    opens: tuple[str, ...] = ()
    closes: int = 0


def anchor(source: Source) -> str:
    return f"a{source.article}-{source.start}-{source.end}"


def _spans(brief: Brief, index: int) -> list[tuple[int, int]]:
    sources: Iterator[Source] = (
        s
        for group in (
            [x for sent in brief.summary for x in sent.sources],
            [x for f in brief.facts for c in f.claims for x in c.sources],
            [x for q in brief.quotes for x in q.sources],
            [x for e in brief.timeline for x in e.sources],
        )
        for s in group
    )
    spans = {(s.start, s.end) for s in sources if s.article == index}
    return sorted(spans, key=lambda span: (span[0], -span[1]))  # outer spans open first


def _segments(article: Article, index: int, brief: Brief) -> list[Segment]:
    """The article text cut at the source spans the brief points into. Spans nest (a
    figure inside a summary sentence); one that crosses the end of the span it starts in
    (a quote running past a sentence) is marked up to that end, so its link still lands."""
    text = article.text
    segments: list[Segment] = []
    stack: list[int] = []  # ends of the open marks
    cursor = 0
    opens: list[str] = []

    def flush(upto: int, closes: int = 0) -> None:
        nonlocal cursor, opens
        segments.append(Segment(text[cursor:upto], tuple(opens), closes))
        cursor, opens = upto, []

    for start, end in _spans(brief, index):
        while stack and stack[-1] <= start:
            flush(stack.pop(), 1)
        flush(start)
        opens.append(f"a{index}-{start}-{end}")
        stack.append(min(end, stack[-1]) if stack else end)
    while stack:
        flush(stack.pop(), 1)
    flush(len(text))
    return segments


def sides(fact: Fact) -> list[tuple[int, list[Claim]]]:
    """A fact's claims by value group, the group that fits every side (-1) last."""
    groups: dict[int, list[Claim]] = {}
    for claim in fact.claims:
        groups.setdefault(claim.group, []).append(claim)
    return sorted(groups.items(), key=lambda item: (item[0] == -1, item[0]))


def environment(*loaders: BaseLoader) -> Environment:
    """Templates of the brief (and ``loaders``' own, looked up first: the web pages),
    with every value escaped unless a template says otherwise."""
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("storyline", "render/templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["anchor"] = anchor
    env.globals["sides"] = sides
    env.filters["anchor"] = anchor
    return env


def brief_context(brief: Brief, *, paths: bool = True) -> dict[str, Any]:
    """What ``brief_sections.html.j2`` renders: the brief, its title, and each article cut
    at the spans the brief points into; ``paths`` as in render/json.py."""
    title = next((a.title for a in brief.articles if a.title), None) or "Brief"
    articles = [(i, a, _segments(a, i, brief)) for i, a in enumerate(brief.articles)]
    return {
        "title": title,
        "brief": brief,
        "articles": articles,
        "paths": paths,
        "snippets_only": SNIPPETS_ONLY if brief.snippets_only else "",
        "unread": unread_note(brief.unread),
        "inferred": INFERRED,
        "body_note": body_note,
    }


@lru_cache(maxsize=1)
def sections_css() -> str:
    """The brief's sections' styles, inlined here (the file must stand alone) and served
    to the web pages as a stylesheet (serve/app.py): one file, so the two cannot differ."""
    return resources.files("storyline").joinpath("render/static/brief.css").read_text("utf-8")


def render_html(brief: Brief) -> str:
    template = environment().get_template("brief.html.j2")
    return template.render(**brief_context(brief), sections_css=sections_css())
