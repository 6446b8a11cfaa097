"""Where the sources disagree on a figure, the summary says so: the sentence that states
one side carries the conflict, and the story's key conflict is stated at all."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
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


def stating(story: Annotated, facts: Sequence[Fact]) -> list[frozenset[int]]:
    """For each fact, the story's sentences inside which one of its values is written."""
    order: dict[int, list[int]] = defaultdict(list)  # each article's sentences, in order
    for i, sentence in enumerate(story.sentences):
        order[sentence.article].append(i)
    begins = {a: [story.sentences[i].start for i in ids] for a, ids in order.items()}
    found = []
    for fact in facts:
        inside = set()
        for source in (s for c in fact.claims for s in c.sources):
            at = bisect_right(begins.get(source.article, []), source.start) - 1
            if at >= 0 and source.end <= story.sentences[order[source.article][at]].end:
                inside.add(order[source.article][at])
        found.append(frozenset(inside))
    return found
