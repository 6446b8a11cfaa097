"""Clean articles to sentences with spans, one vector per sentence, and (unless the
fact layer is off) the names, figures, dates and quotes in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

from storyline.annotate import figures_fr
from storyline.annotate.entities import added, consistent, found_names
from storyline.annotate.entities import mentions as find_mentions
from storyline.annotate.entity_types import retyped
from storyline.annotate.figures import figures as find_figures
from storyline.annotate.figures import needs_tags
from storyline.annotate.nlp import model_language, parse
from storyline.annotate.quotes import quotations
from storyline.annotate.sentences import split_sentences
from storyline.annotate.temporal import whens as find_whens
from storyline.annotate.vectors import sentence_vectors
from storyline.errors import StorylineError
from storyline.model import (
    Annotated,
    Article,
    Depth,
    Figure,
    Markup,
    Mention,
    Quotation,
    Sentence,
    When,
)


def warm_up(depth: Depth = Depth.FAST) -> None:
    """Load what the fact layer needs now rather than on the first article that needs it
    (spaCy, quantulum3, pint and lemminflect take seconds to load): for a server or a
    benchmark that should not charge start-up to one request."""
    if Depth(depth) is Depth.OFF:
        return
    said = "About 10 km and $5 million, two people said."
    story = annotate([Article("warm-up", "", "", Markup.TEXT, "", text=said)], depth=depth)
    if not story.figures:
        raise RuntimeError("the fact layer found nothing in its warm-up sentence")


def story_day(articles: Sequence[Article]) -> dt.date | None:
    """The day an undated article's "on Tuesday" is read against: the middle one of its
    story's dated articles (they report the same events, within days of each other)."""
    days = sorted(a.published for a in articles if a.published is not None)
    return days[(len(days) - 1) // 2] if days else None


def annotate(articles: Sequence[Article], *, depth: Depth = Depth.FAST) -> Annotated:
    """``depth``: off (sentences and vectors only), fast or full (annotate/nlp.py)."""
    try:
        depth = Depth(depth)
    except ValueError:
        known = ", ".join(Depth)
        raise StorylineError(f"the fact depth must be one of {known}, not {depth!r}") from None
    sentences = tuple(s for i, a in enumerate(articles) for s in split_sentences(a, i))
    vectors = sentence_vectors([s.text for s in sentences])
    mentions: list[Mention] = []
    figures: list[Figure] = []
    whens: list[When] = []
    read = {i: code for i, a in enumerate(articles) if (code := model_language(a.lang))}
    borrowed = story_day(articles)
    edges: set[tuple[int, int]] = set()  # where a stretch spaCy read begins or ends
    for piece in parse(sentences, depth, needs_tags, languages=read):
        mentions += find_mentions(piece)
        edges |= {(piece.article, piece.start), (piece.article, piece.start + len(piece.doc.text))}
        figures += figures_fr.figures(piece) if piece.lang == "fr" else find_figures(piece)
        day = articles[piece.article].published
        whens += find_whens(piece, day or borrowed, inferred=day is None)
    if depth is not Depth.OFF:
        english = {a: articles[a].text for a, code in read.items() if code == "en"}
        mentions = added(mentions, found_names(sentences, english), english, edges)
    named = _typed(mentions, articles, read)
    quotes = _quotes(articles, sentences, read, named) if depth is not Depth.OFF else []
    return Annotated(
        tuple(articles),
        sentences,
        vectors,
        tuple(consistent([m for found in named.values() for m in found])),
        tuple(figures),
        tuple(whens),
        tuple(quotes),
        unread=tuple(i for i, a in enumerate(articles) if i not in read and a.text),
    )


def _typed(
    found: Sequence[Mention], articles: Sequence[Article], read: dict[int, str]
) -> dict[int, list[Mention]]:
    """Each article's names, English ones typed again by the model that reads their
    article (entity_types.py)."""
    return {
        a: retyped(list(ms), articles[a].text) if read[a] == "en" else list(ms)
        for a, ms in groupby(found, key=lambda m: m.article)
    }


def _quotes(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    read: dict[int, str],
    named: dict[int, list[Mention]],
) -> list[Quotation]:
    first = 0
    owns = []
    for a, group in groupby(sentences, key=lambda s: s.article):
        own = list(group)
        if a in read:
            owns.append((articles[a], a, own, first, named.get(a, [])))
        first += len(own)
    return quotations(owns)


__all__ = ["annotate", "warm_up"]
