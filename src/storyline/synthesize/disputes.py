"""Where the sources disagree on a figure, the summary says so: the sentence that states
one side carries the conflict, and the story's key conflict is stated at all."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Annotated, Fact, FactKind, Status


def conflicts(facts: Sequence[Fact]) -> tuple[Fact, ...]:
    return tuple(f for f in facts if f.status is Status.CONFLICTING and f.kind is FactKind.FIGURE)


def key(disputed: Sequence[Fact]) -> Fact | None:
    """The conflict most outlets took part in (then the most sources): the disagreement a
    reader of the summary must not miss."""

    def weight(fact: Fact) -> tuple[int, int]:
        sources = [s for c in fact.claims for s in c.sources]
        return len({s.outlet for s in sources}), len(sources)

    return max(disputed, key=weight, default=None)


def stating(story: Annotated, fact: Fact) -> frozenset[int]:
    """The story's sentences inside which one of the fact's values is written."""
    spans = [(s.article, s.start, s.end) for c in fact.claims for s in c.sources]
    return frozenset(
        i
        for i, sentence in enumerate(story.sentences)
        if any(
            a == sentence.article and sentence.start <= start and end <= sentence.end
            for a, start, end in spans
        )
    )
