"""Direct quotes and who said them.

spaCy has no quotation component, so this is ours: text between quotation marks (any
language's, storyline.lexicon) of at least three words, in one paragraph. The speaker is one of the
names around it, ranked by annotate/speakers.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from storyline.annotate.speakers import Job, quoted, speakers
from storyline.lexicon import quotations as quotation_marks
from storyline.model import Article, Mention, Quotation, Sentence

_QUOTED = quotation_marks("{10,1500}", within="\n")
_MIN_WORDS = 3


Own = tuple[Article, int, Sequence[Sentence], int, Sequence[Mention]]


def quotations(articles: Sequence[Own]) -> list[Quotation]:
    """Each of (article, its index, its sentences and names in text order, the index of
    its first sentence among the story's); the speakers of all are ranked at once."""
    found = []
    jobs: list[Job] = []
    for article, _, _, _, mentions in articles:
        every = list(_QUOTED.finditer(article.text))
        matches = [m for m in every if len(_words(m).split()) >= _MIN_WORDS]
        where = quoted(article.text, [(m.start(), m.end()) for m in every], mentions)
        found.append(matches)
        jobs.append((where, [(m.start(), m.end()) for m in matches]))
    quotes = []
    for (_, index, sentences, first, _), matches, said in zip(
        articles, found, speakers(jobs), strict=True
    ):
        starts = [s.start for s in sentences]
        for match, speaker in zip(matches, said, strict=True):
            words = _words(match).strip()
            start = match.start() + 1 + _words(match).find(words)
            sentence = max(bisect_right(starts, start) - 1, 0)
            quotes.append(
                Quotation(index, first + sentence, start, start + len(words), words, speaker)
            )
    return quotes


def _words(match: re.Match[str]) -> str:
    """What a quote says, without its marks (each one character)."""
    return match.group()[1:-1]
