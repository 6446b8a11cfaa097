"""Per outlet: the facts and quotes only it reported, and those others had that it lacks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.model import Article, Coverage, Fact, Quote, Source


def coverage(
    articles: Sequence[Article], facts: Sequence[Fact], quotes: Sequence[Quote]
) -> tuple[Coverage, ...]:
    items = [(_describe_fact(f), _outlets(s for c in f.claims for s in c.sources)) for f in facts]
    items += [(_describe_quote(q), _outlets(q.sources)) for q in quotes]
    outlets = list(dict.fromkeys(a.outlet for a in articles))
    report = []
    for outlet in outlets:
        own = tuple(i for i, a in enumerate(articles) if a.outlet == outlet)
        only = tuple(text for text, by in items if by == {outlet})
        missing = tuple(text for text, by in items if by and outlet not in by)
        report.append(Coverage(outlet, own, only, missing))
    return tuple(report)


def _outlets(sources: Iterable[Source]) -> set[str]:
    return {s.outlet for s in sources}


def _describe_fact(fact: Fact) -> str:
    return f"{fact.about}: " + " / ".join(c.text for c in fact.claims)


def _describe_quote(quote: Quote) -> str:
    words = quote.text if len(quote.text) <= 80 else quote.text[:77].rstrip() + "…"
    return f"“{words}”" + (f" ({quote.speaker})" if quote.speaker else "")
