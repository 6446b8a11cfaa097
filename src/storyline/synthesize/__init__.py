"""An annotated story to the parts of its brief."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Annotated, Fact, SummarySentence
from storyline.synthesize.attribution import attribute
from storyline.synthesize.coverage import coverage
from storyline.synthesize.disputes import conflicts, key, stating
from storyline.synthesize.entities import unify
from storyline.synthesize.facts import align
from storyline.synthesize.overlap import Wordings
from storyline.synthesize.quotes import gather
from storyline.synthesize.summary import DEFAULT, Weights, lead_first, select
from storyline.synthesize.timeline import timeline


def summarize(
    story: Annotated, words: int, facts: Sequence[Fact] = (), *, weights: Weights = DEFAULT
) -> tuple[SummarySentence, ...]:
    """``facts``: the story's, so a sentence stating one side of a conflicting figure
    names the other side, and the key conflict is in the summary."""
    disputed = conflicts(facts)
    stated = stating(story, disputed)
    top = key(disputed)
    first = stated[disputed.index(top)] if top is not None else frozenset()
    wordings = Wordings([s.text for s in story.sentences])
    chosen, sim = select(story, words, wordings, w=weights, first=first)
    credits = {i: attribute(story, i, sim[i], wordings) for i in chosen}
    ordered = lead_first(chosen, [len({s.outlet for s in credits[i]}) for i in chosen])
    return tuple(
        SummarySentence(
            story.sentences[i].text,
            credits[i],
            tuple(f for f, at in zip(disputed, stated, strict=True) if i in at),
        )
        for i in ordered
    )


__all__ = ["DEFAULT", "Weights", "align", "coverage", "gather", "summarize", "timeline", "unify"]
