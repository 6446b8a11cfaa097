"""Every summary sentence lists every article that carries its content, not only the one
it was taken from: readers weigh a claim by how many outlets made it."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotated, Sentence, Source
from storyline.synthesize.overlap import same_content
from storyline.synthesize.source import source_of

MIN_SIMILARITY = 0.3  # below this cosine two sentences cannot share most of their words


def attribute(story: Annotated, chosen: int, similarity: np.ndarray) -> tuple[Source, ...]:
    """``similarity`` is the chosen sentence's cosine against every sentence of the story."""
    own = story.sentences[chosen]
    found: dict[int, Sentence] = {own.article: own}
    for j in np.argsort(-similarity, kind="stable"):
        if similarity[j] < MIN_SIMILARITY:
            break
        candidate = story.sentences[j]
        if candidate.article not in found and same_content(own.text, candidate.text):
            found[candidate.article] = candidate
    return tuple(source_of(story, a, found[a].start, found[a].end) for a in sorted(found))
