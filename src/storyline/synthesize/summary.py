"""Extractive summary selection: the sentences that best cover what the sources say
together, each fact once, within a word budget.

Why not LexRank/TextRank: they rank by centrality inside one sentence graph and ignore
where a sentence sits in its article; news puts the core facts first. So a sentence is
scored from where it sits, how central it is to what all the sources say, and how widely
it is reported: by a model trained on human summaries (`selector.py`), or, as the
measured fallback, by centroid similarity plus position. Selection is greedy with a
redundancy cut, so a fact told by three outlets appears once (and attribution credits all
three).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

import numpy as np

from storyline.lexicon import CAPTION, OPENING_QUOTES, word_count
from storyline.model import Annotated, Sentence
from storyline.synthesize.overlap import COMPARABLE, Wordings
from storyline.synthesize.selector import (
    centrality,
    learned,
    position,
    similarity_matrix,
    support,
)

Scorer = Literal["learned", "centroid"]


@dataclass(frozen=True)
class Weights:
    """The learned scorer is the default (`selector.py`); the centroid one is its measured
    fallback, with weights the best of a grid on 250 multinews-plus-val clusters
    (benchmarks/tune_summary.py). Cross-source support did not add to the balanced
    centroid there, so it is kept as a knob at 0. Redundancy and the length limits apply
    to both."""

    scorer: Scorer = "learned"
    centroid: float = 1.0
    support: float = 0.0
    position: float = 1.0
    redundancy: float = 0.4  # a candidate this similar to a chosen sentence is a repeat
    min_words: int = 6
    max_words: int = 60


DEFAULT = Weights()


def scores(story: Annotated, sim: np.ndarray, w: Weights) -> np.ndarray:
    if w.scorer == "learned":
        return learned(story, sim)
    return (
        w.centroid * centrality(story)
        + w.support * support(story, sim)
        + w.position * position(story)
    )


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
