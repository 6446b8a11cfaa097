"""The brief, end to end: the only place that knows the order of the stages.

Three ways in, one way through: files (read and clean them), articles already read (the
library's callers), and a stored story (its text was cleaned when it was stored). Each
is held to the article limit by one function (``_within_limit``, before any cleaning is
spent on articles past it) and all end in ``_stages``, the order of the stages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.annotate import annotate
from storyline.clean import clean, usable
from storyline.defaults import DEFAULT_DEPTH, DEFAULT_WORDS, MAX_ARTICLES
from storyline.errors import Reason, StorylineError, describe
from storyline.ingest import read_paths
from storyline.model import Article, Brief, Depth, History, Problem
from storyline.moments import naive_utc
from storyline.run.cache import BriefCache
from storyline.synthesize import (
    align,
    coverage,
    gather,
    summarize,
    timeline,
    unify,
)
from storyline.synthesize.history import history

if TYPE_CHECKING:
    from storyline.store import Member, Store


def brief(
    paths: Iterable[str | Path] | str | Path,
    *,
    words: int = DEFAULT_WORDS,
    depth: Depth = DEFAULT_DEPTH,
) -> Brief:
    """Read every file under ``paths`` as a report of one story and brief it.

    Raises ``StorylineError`` only when no input yields a usable article; every other
    problem is listed in ``Brief.problems``."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_paths([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            articles.append(item)
    return _from_raw(articles, problems, words, depth)


def brief_articles(
    articles: Sequence[Article], *, words: int = DEFAULT_WORDS, depth: Depth = DEFAULT_DEPTH
) -> Brief:
    """Articles as read (``raw`` set, ``text`` not yet clean)."""
    return _from_raw(articles, [], words, depth)


def brief_stored(
    store: Store,
    story: int,
    *,
    words: int = DEFAULT_WORDS,
    depth: Depth = DEFAULT_DEPTH,
    cache: BriefCache | None = None,
) -> Brief:
    """A stored story's brief; a story merged into another is briefed as the one it
    became. With ``cache`` (the web service's), a story whose articles have not changed
    is not briefed again."""
    articles = store.articles_of(story)
    if not articles:
        raise StorylineError(f"no story {story} in {store.url}")

    def make() -> Brief:
        return brief_clean(articles, words=words, depth=depth)

    if cache is None:
        return make()
    return cache.get((story, words, depth, tuple(a.id for a in articles)), make)


def story_history(
    store: Store,
    story: int,
    since: dt.datetime,
    *,
    words: int = DEFAULT_WORDS,
    depth: Depth = DEFAULT_DEPTH,
    cache: BriefCache | None = None,
) -> tuple[Brief, History]:
    """A stored story's brief and what it gained since ``since``."""
    found = store.story(story)
    if found is None:
        raise StorylineError(f"no story {story} in {store.url}")
    made = brief_stored(store, story, words=words, depth=depth, cache=cache)
    return made, history_of(made, found[1], since)


def history_of(brief: Brief, members: Sequence[Member], since: dt.datetime) -> History:
    """What ``brief`` (of a stored story whose articles are ``members``) gained since
    ``since``."""
    since = naive_utc(since)
    arrived = {m.id: m.stored_at or dt.datetime.min for m in members}
    return history(brief, [arrived.get(a.id, dt.datetime.min) for a in brief.articles], since)


def brief_clean(
    articles: Sequence[Article], *, words: int = DEFAULT_WORDS, depth: Depth = DEFAULT_DEPTH
) -> Brief:
    """The brief of articles whose ``text`` is already clean (a stored story's)."""
    if not articles:
        raise StorylineError("the story has no articles")
    _check_words(words)
    kept, problems = _within_limit(articles, [])
    return _stages(kept, problems, words, depth)


def _from_raw(
    articles: Sequence[Article], problems: list[Problem], words: int, depth: Depth
) -> Brief:
    _check_words(words)
    kept, problems = _within_limit(articles, problems)
    ready: list[Article] = []
    for item in usable(clean(kept)):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            ready.append(item)
    if not ready:
        raise StorylineError("no usable article in the input" + _first_reasons(problems))
    return _stages(ready, problems, words, depth)


def _stages(
    articles: Sequence[Article], problems: list[Problem], words: int, depth: Depth
) -> Brief:
    """Every way in ends here, checked and within the limit: the stages, in their order."""
    story = annotate(articles, depth=depth)
    entities, entity_of = unify(story)
    figures = align(story)
    events, dates = timeline(story)
    facts = figures + dates
    quotes = gather(story, entities, entity_of)
    return Brief(
        summarize(story, words, figures),
        story.articles,
        tuple(problems),
        facts=facts,
        entities=entities,
        timeline=events,
        quotes=quotes,
        coverage=coverage(story.articles, facts, quotes),
        unread=tuple(sorted({story.articles[i].lang for i in story.unread})),
    )


def _check_words(words: int) -> None:
    if words < 1:
        raise StorylineError(f"the word budget must be at least 1, not {words}")


def _within_limit(
    articles: Sequence[Article], problems: Sequence[Problem]
) -> tuple[Sequence[Article], list[Problem]]:
    """The first ``MAX_ARTICLES``; each one past the limit is reported, never dropped
    silently."""
    over = [
        Problem(extra.path, describe(Reason.TOO_MANY, f"limit {MAX_ARTICLES}"))
        for extra in articles[MAX_ARTICLES:]
    ]
    return articles[:MAX_ARTICLES], [*problems, *over]


def _first_reasons(problems: Sequence[Problem], n: int = 3) -> str:
    if not problems:
        return ""
    listed = "; ".join(f"{p.path}: {p.reason}" for p in problems[:n])
    more = f" (and {len(problems) - n} more)" if len(problems) > n else ""
    return f" ({listed}{more})"
