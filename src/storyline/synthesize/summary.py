"""Extractive summary selection: the sentences that best cover what the sources say
together, each fact once, within a word budget.

Why not LexRank/TextRank: they rank by centrality inside one sentence graph and ignore
where a sentence sits in its article; news puts the core facts first. So a sentence scores
by its similarity to the story's centroid, with every article weighted equally (what the
sources say together, not what the longest article says), and by its position; a
cross-source support term is available but measured no gain on plus-val, so it is off by
default. Selection is greedy with a redundancy cut, so a fact told by three outlets
appears once (and attribution credits all three).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from storyline.lexicon import CAPTION, OPENING_QUOTES, word_count
from storyline.model import Annotated, Sentence
from storyline.synthesize.overlap import COMPARABLE, Wordings


@dataclass(frozen=True)
class Weights:
    """Defaults are the best of a grid on 250 multinews-plus-val clusters
    (benchmarks/tune_summary.py); cross-source support did not add to the balanced
    centroid there, so it is kept as a knob at 0."""

    centroid: float = 1.0
    support: float = 0.0
    position: float = 1.0
    redundancy: float = 0.4  # a candidate this similar to a chosen sentence is a repeat
    min_words: int = 6
    max_words: int = 60


DEFAULT = Weights()


def similarity_matrix(story: Annotated) -> np.ndarray:
    vectors = story.vectors
    product = vectors @ vectors.T
    return np.asarray(product.todense() if hasattr(product, "todense") else product)


def scores(story: Annotated, sim: np.ndarray, w: Weights) -> np.ndarray:
    sentences = story.sentences
    articles = np.array([s.article for s in sentences])
    n_articles = len(story.articles)
    centroid = _article_balanced_centroid(story, articles, n_articles)
    central = np.asarray(story.vectors @ centroid).ravel()
    support = _support(sim, articles, n_articles)
    position = np.array([1.0 / np.sqrt(1 + s.index) for s in sentences])
    return w.centroid * central + w.support * support + w.position * position


def _article_balanced_centroid(story: Annotated, articles: np.ndarray, n: int) -> np.ndarray:
    dims = story.vectors.shape[1]
    centroid = np.zeros(dims)
    for a in range(n):
        rows = story.vectors[articles == a]
        if rows.shape[0]:
            centroid += np.asarray(rows.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    return centroid / norm if norm else centroid


def _support(sim: np.ndarray, articles: np.ndarray, n: int) -> np.ndarray:
    """Mean over the other articles of the best match there: how widely a sentence's content
    is reported."""
    if n < 2:
        return np.zeros(len(articles))
    best = np.zeros((len(articles), n))
    for a in range(n):
        columns = articles == a
        if columns.any():
            best[:, a] = sim[:, columns].max(axis=1)
    best[np.arange(len(articles)), articles] = 0.0
    mean: np.ndarray = best.sum(axis=1) / (n - 1)
    return mean


def select(
    story: Annotated,
    budget: int,
    wordings: Wordings,
    *,
    w: Weights = DEFAULT,
    first: Collection[int] = (),
) -> tuple[list[int], np.ndarray]:
    """Indices of the chosen sentences in reading order, and the similarity matrix.

    A sentence that restates a chosen one in other words is a repeat too, even below the
    cosine cut (``Wordings.restates``). When no chosen sentence is one of ``first`` (those
    stating the story's key conflict), the best of them that repeats nothing takes the
    place of the weakest chosen ones."""
    sentences = story.sentences
    if not sentences:
        return [], np.zeros((0, 0))
    sim = similarity_matrix(story)
    ranked = [int(i) for i in np.argsort(-scores(story, sim, w), kind="stable")]
    chosen: list[int] = []  # best first
    used = 0
    for i in ranked:
        words = word_count(sentences[i].text)
        if not _eligible(sentences[i], words, w) or used + words > budget:
            continue
        if _repeats(i, chosen, sim, wordings, w):
            continue
        chosen.append(i)
        used += words
        if budget - used < w.min_words:
            break
    if first and not set(first) & set(chosen):
        chosen = _making_room(chosen, ranked, first, budget, sentences, sim, wordings, w)
    return _reading_order(chosen, sentences), sim


def _making_room(
    chosen: list[int],
    ranked: list[int],
    first: Collection[int],
    budget: int,
    story: tuple[Sentence, ...],
    sim: np.ndarray,
    wordings: Wordings,
    w: Weights,
) -> list[int]:
    """``chosen`` (best first) with its weakest sentences dropped for the best of ``first``
    that is eligible and repeats none of the rest."""
    for i in (i for i in ranked if i in first):
        words = word_count(story[i].text)
        if not _eligible(story[i], words, w) or words > budget:
            continue
        kept = list(chosen)
        while kept and sum(word_count(story[k].text) for k in kept) + words > budget:
            kept.pop()
        if not _repeats(i, kept, sim, wordings, w):
            return [*kept, i]
    return chosen


def _repeats(i: int, chosen: list[int], sim: np.ndarray, wordings: Wordings, w: Weights) -> bool:
    if not chosen:
        return False
    return bool(sim[i, chosen].max() >= w.redundancy) or any(
        sim[i, c] >= COMPARABLE and wordings.restates(i, c) for c in chosen
    )


def lead_first(chosen: list[int], outlets: list[int]) -> list[int]:
    """What most outlets report leads (``outlets[k]`` credits ``chosen[k]``); the rest keep
    reading order. A tie keeps the reading order's lead."""
    if not chosen:
        return chosen
    top = max(range(len(chosen)), key=lambda k: (outlets[k], -k))
    return [chosen[top], *chosen[:top], *chosen[top + 1 :]]


def _eligible(sentence: Sentence, words: int, w: Weights) -> bool:
    text = sentence.text
    # A sentence opens with a capital, a quotation mark, or a letter of a script without
    # case (Chinese); a lower-case opening is a fragment the splitter cut.
    first = text[0]
    opens = first.isupper() or first in OPENING_QUOTES or first in "'‘" or _caseless(first)
    caption = CAPTION.match(text) is not None
    return w.min_words <= words <= w.max_words and opens and not text.endswith(":") and not caption


def _caseless(character: str) -> bool:
    return character.isalpha() and not character.islower() and not character.isupper()


def _reading_order(chosen: list[int], sentences: tuple[Sentence, ...]) -> list[int]:
    """Earlier-in-article first (the lead of each report before its details), then by
    article, which keeps each outlet's sentences in their own order."""
    return sorted(chosen, key=lambda i: (sentences[i].index, sentences[i].article))
