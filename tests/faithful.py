"""The check every brief must pass: each fact, entity, quote and timeline item points at
spans whose text holds it (shared by the unit tests and the benchmark-cluster test)."""

from __future__ import annotations

import re

from storyline.model import Brief, Source
from storyline.render import render_html

_MARK = re.compile(r'<mark id="(a\d+-\d+-\d+)"')
_LINK = re.compile(r'href="#(a\d+-\d+-\d+)"')


def span(brief: Brief, source: Source) -> str:
    article = brief.articles[source.article]
    assert article.outlet == source.outlet
    assert 0 <= source.start < source.end <= len(article.text)
    return article.text[source.start : source.end]


def check(brief: Brief) -> None:
    for fact in brief.facts:
        assert fact.status in ("agreed", "complementary", "conflicting")
        assert len({c.text for c in fact.claims}) == len(fact.claims)
        for claim in fact.claims:
            assert claim.sources
            if fact.kind == "figure":  # each source wrote the claim's words
                assert span(brief, claim.sources[0]) == claim.text
                for source in claim.sources:
                    assert span(brief, source).casefold() == claim.text.casefold()
            else:  # a date claim's sources are the expressions that gave that date
                for source in claim.sources:
                    assert span(brief, source)
    for entity in brief.entities:
        forms = {entity.name.casefold(), *(a.casefold() for a in entity.aliases)}
        for source in entity.sources:
            text = span(brief, source).casefold()
            assert text in forms or text.removeprefix("the ") in forms, (text, forms)
    for event in brief.timeline:
        assert span(brief, event.sources[0]) == event.text
        for source, expression in zip(event.sources, event.expressions, strict=True):
            assert expression in span(brief, source)
    for quote in brief.quotes:
        assert span(brief, quote.sources[0]) == quote.text
        for source in quote.sources:
            assert span(brief, source)


def links_land(brief: Brief) -> None:
    """Every outlet tag in the HTML brief jumps to a marked span of its article."""
    html = render_html(brief)
    marks = set(_MARK.findall(html))
    assert set(_LINK.findall(html)) <= marks
    assert html.count("<mark ") == html.count("</mark>")


def check_all(brief: Brief) -> None:
    check(brief)
    links_land(brief)
