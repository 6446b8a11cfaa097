"""An annotated story to the parts of its brief."""

from __future__ import annotations

from storyline.model import Annotated, SummarySentence
from storyline.synthesize.attribution import attribute
from storyline.synthesize.coverage import coverage
from storyline.synthesize.entities import unify
from storyline.synthesize.facts import align
from storyline.synthesize.quotes import gather
from storyline.synthesize.summary import DEFAULT, Weights, select
from storyline.synthesize.timeline import timeline


def summarize(
    story: Annotated, words: int, *, weights: Weights = DEFAULT
) -> tuple[SummarySentence, ...]:
    chosen, sim = select(story, words, w=weights)
    return tuple(
        SummarySentence(story.sentences[i].text, attribute(story, i, sim[i])) for i in chosen
    )


__all__ = ["DEFAULT", "Weights", "align", "coverage", "gather", "summarize", "timeline", "unify"]
