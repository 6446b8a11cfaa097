"""Every summary sentence lists every article that reports its content, not only the one
it was taken from: readers weigh a claim by how many outlets made it. Each credited span
is that outlet's own sentence, so the credit can be checked."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotated, Sentence, Source
from storyline.synthesize.overlap import COMPARABLE, Wordings, reports
from storyline.synthesize.source import source_of


def attribute(
    story: Annotated, chosen: int, similarity: np.ndarray, wordings: Wordings
) -> tuple[Source, ...]:
    """``similarity`` is the chosen sentence's cosine against every sentence of the story;
    each other article is credited with its best-matching sentence that reports it."""
    own = story.sentences[chosen]
    found: dict[int, Sentence] = {own.article: own}
    for j in np.argsort(-similarity, kind="stable"):
        if similarity[j] < COMPARABLE:
            break
        candidate = story.sentences[j]
        if candidate.article not in found and reports(wordings[chosen], wordings[int(j)]):
            found[candidate.article] = candidate
    return tuple(source_of(story, a, found[a].start, found[a].end) for a in sorted(found))
