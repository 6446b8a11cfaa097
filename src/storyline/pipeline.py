"""The brief, end to end: the only place that knows the order of the stages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from storyline.annotate import annotate
from storyline.clean import clean, usable
from storyline.errors import Reason, StorylineError, describe
from storyline.ingest import read_paths
from storyline.model import Article, Brief, Problem
from storyline.synthesize import (
    DEFAULT,
    Weights,
    align,
    coverage,
    gather,
    summarize,
    timeline,
    unify,
)

DEFAULT_WORDS = 150
DEFAULT_DEPTH = "fast"  # of the fact layer: "off", "fast" or "full" (annotate/nlp.py)
MAX_ARTICLES = 500


def brief(
    paths: Iterable[str | Path], words: int = DEFAULT_WORDS, depth: str = DEFAULT_DEPTH
) -> Brief:
    """Read every file under ``paths`` as a report of one story and brief it.

    Raises ``StorylineError`` only when no input yields a usable article; every other
    problem is listed in ``Brief.problems``."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_paths([paths] if isinstance(paths, str | Path) else paths):
        (problems if isinstance(item, Problem) else articles).append(item)
    return brief_articles(articles, words, problems, depth=depth)


def brief_articles(
    articles: Sequence[Article],
    words: int = DEFAULT_WORDS,
    problems: Sequence[Problem] = (),
    weights: Weights = DEFAULT,
    depth: str = DEFAULT_DEPTH,
) -> Brief:
    problems = list(problems)
    if words < 1:
        raise StorylineError(f"the word budget must be at least 1, not {words}")
    if len(articles) > MAX_ARTICLES:
        for extra in articles[MAX_ARTICLES:]:
            problems.append(Problem(extra.path, describe(Reason.TOO_MANY, f"limit {MAX_ARTICLES}")))
        articles = articles[:MAX_ARTICLES]
    ready = []
    for item in usable(clean(articles)):
        (problems if isinstance(item, Problem) else ready).append(item)
    if not ready:
        raise StorylineError("no usable article in the input" + _first_reasons(problems))
    return brief_cleaned(ready, words, problems, weights, depth)


def brief_cleaned(
    articles: Sequence[Article],
    words: int = DEFAULT_WORDS,
    problems: Sequence[Problem] = (),
    weights: Weights = DEFAULT,
    depth: str = DEFAULT_DEPTH,
) -> Brief:
    """The brief of articles whose ``text`` is already clean (a stored story's)."""
    if not articles:
        raise StorylineError("the story has no articles")
    story = annotate(articles[:MAX_ARTICLES], depth)
    entities, entity_of = unify(story)
    figures = align(story)
    events, dates = timeline(story)
    facts = figures + dates
    quotes = gather(story, entities, entity_of)
    return Brief(
        summarize(story, words, weights),
        story.articles,
        tuple(problems),
        facts=facts,
        entities=entities,
        timeline=events,
        quotes=quotes,
        coverage=coverage(story.articles, facts, quotes),
    )


def _first_reasons(problems: Sequence[Problem], n: int = 3) -> str:
    if not problems:
        return ""
    listed = "; ".join(f"{p.path}: {p.reason}" for p in problems[:n])
    more = f" (and {len(problems) - n} more)" if len(problems) > n else ""
    return f" ({listed}{more})"
