"""An annotated story to the parts of its brief."""

from __future__ import annotations

from storyline.model import Annotated, SummarySentence
from storyline.synthesize.attribution import attribute
from storyline.synthesize.summary import DEFAULT, Weights, select


def summarize(
    story: Annotated, words: int, weights: Weights = DEFAULT
) -> tuple[SummarySentence, ...]:
    chosen, sim = select(story, words, weights)
    return tuple(
        SummarySentence(story.sentences[i].text, attribute(story, i, sim[i])) for i in chosen
    )


__all__ = ["DEFAULT", "Weights", "summarize"]
