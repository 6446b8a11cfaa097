"""Direct quotes and who said them.

spaCy has no quotation component, so this is ours: text between double quotation marks
(straight or curly) of at least three words, in one paragraph. The speaker is one of the
names around it, ranked by annotate/speakers.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from storyline.annotate.speakers import quoted, speakers
from storyline.model import Article, Mention, Quotation, Sentence

_QUOTED = re.compile(r"[\"“]([^\"“”\n]{10,1500})[\"”]")
_MIN_WORDS = 3


def quotations(
    article: Article,
    index: int,
    sentences: Sequence[Sentence],
    first: int,
    mentions: Sequence[Mention],
) -> list[Quotation]:
    """``sentences`` and ``mentions`` are this article's, in text order; ``first`` is the
    index of its first sentence among the story's."""
    starts = [s.start for s in sentences]
    matches = [m for m in _QUOTED.finditer(article.text) if len(m.group(1).split()) >= _MIN_WORDS]
    marked = [(m.start(), m.end()) for m in matches]
    where = quoted(article.text, [(m.start(), m.end()) for m in _QUOTED.finditer(article.text)])
    found = []
    for match, said in zip(matches, speakers(where, marked, mentions), strict=True):
        words = match.group(1).strip()
        start = match.start(1) + match.group(1).find(words)
        end = start + len(words)
        sentence = max(bisect_right(starts, start) - 1, 0)
        found.append(Quotation(index, first + sentence, start, end, words, said))
    return found
