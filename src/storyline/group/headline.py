"""Which title a story goes by: a rule of the news, not of the database that stores it.

The store calls this each time a batch changes a story, so the rule lives in one place and
can change without touching SQL.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyline.lexicon import common_words

_WORD = re.compile(r"[^\W_]+")


def headline(titles: Sequence[str | None]) -> str | None:
    """The headline of a story, from its originals' titles in storing order (None for an
    article without one): the most representative title, the one closest to all of them
    (the cosine of its content words to their counts over the titles, its own count left
    out), so the headline names what most reports are about rather than one outlet's
    angle, and follows the story as it grows. Dividing by the square root of its length
    keeps a long title from winning by naming everything ("Scotland's first minister says
    his parents-in-law are trapped in Gaza after Hamas attack on Israel" against "How the
    Hamas attack on Israel unfolded"). Ties go to the earlier title (the first report
    names the event the others were grouped with); copies are left out by the caller, as
    they add nothing of their own."""
    given = [t for t in titles if t is not None]
    if len(given) < 3:
        return given[0] if given else None
    words = [_content(t) for t in given]
    titles_with = Counter(w for found in words for w in found)  # linear in the titles
    shared = [
        sum(titles_with[w] - 1 for w in found) / math.sqrt(max(1, len(found))) for found in words
    ]
    best = max(range(len(given)), key=lambda i: (shared[i], -i))
    return given[best]


def _content(title: str) -> set[str]:
    stop = common_words()
    return {w for w in (m.casefold() for m in _WORD.findall(title)) if w not in stop}
