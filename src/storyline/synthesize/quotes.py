"""Direct quotes across sources: one row per quote however many outlets carry it.

Two quotations are the same quote when most of the shorter one's words are in the longer
one (outlets trim and cut quotes); the speaker is the canonical entity (entities.py).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from storyline.model import Annotated, Entity, Mention, Quotation, Quote
from storyline.synthesize.source import source_of

SAME_QUOTE = 0.8  # share of the shorter quote's words found in the longer one
_WORD = re.compile(r"\w+")


def gather(
    story: Annotated, entities: tuple[Entity, ...], entity_of: dict[Mention, int]
) -> tuple[Quote, ...]:
    groups: list[list[Quotation]] = []
    words = {q: set(_WORD.findall(q.text.lower())) for q in story.quotations}
    # Only groups sharing a longer word can hold the same quote: an index keeps a story
    # of hundreds of quotes from comparing each with all.
    having: dict[str, list[int]] = defaultdict(list)
    for quotation in story.quotations:
        keys = {w for w in words[quotation] if len(w) >= 4} or words[quotation]
        candidates = sorted({g for w in keys for g in having[w]})
        for g in candidates:
            if any(_same(words[quotation], words[other]) for other in groups[g]):
                groups[g].append(quotation)
                break
        else:
            g = len(groups)
            groups.append([quotation])
        for w in keys:
            if not having[w] or having[w][-1] != g:
                having[w].append(g)
    quotes = []
    for group in groups:
        names = Counter(
            entities[entity_of[q.speaker]].name
            for q in group
            if q.speaker is not None and q.speaker in entity_of
        )
        longest = max(group, key=lambda q: len(q.text))
        ordered = [longest] + [q for q in group if q is not longest]  # its words come first
        sources = tuple(source_of(story, q.article, q.start, q.end) for q in ordered)
        quotes.append(Quote(longest.text, names.most_common(1)[0][0] if names else None, sources))
    return tuple(quotes)


def _same(a: set[str], b: set[str]) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) / shorter >= SAME_QUOTE
