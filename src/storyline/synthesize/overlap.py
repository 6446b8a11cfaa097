"""When two sentences say the same thing, decided on their words.

Attribution must never credit an outlet with a claim it did not make, so this is strict:
most content words shared in both directions, and the same numbers (a sentence saying 129
were killed does not carry the content of one saying 132 were).
"""

from __future__ import annotations

import re

from storyline.lexicon import stop_words

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def content_tokens(text: str) -> frozenset[str]:
    tokens = (t.lower() for t in _TOKEN.findall(text))
    stop = stop_words()
    return frozenset(_stem(t) for t in tokens if (t not in stop and len(t) > 1) or t.isdigit())


_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_UNITS += " fifteen sixteen seventeen eighteen nineteen twenty"
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = (
    {w: str(i) for i, w in enumerate(_UNITS.split())}
    | {w: str(30 + 10 * i) for i, w in enumerate(_TENS.split())}
    | {"hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000"}
    | {"dozen": "12", "dozens": "12s", "hundreds": "100s", "thousands": "1000s"}
)


def numbers(text: str) -> frozenset[str]:
    """Figures written in digits or words: "14" and "fourteen" are the same figure, and a
    sentence with "seventeen" never carries the content of one with "fourteen"."""
    found = set()
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            found.add(token.replace(",", ""))
        elif (word := _NUMBER_WORDS.get(token.lower())) is not None:
            found.add(word)
    return frozenset(found)


def _stem(token: str) -> str:
    """Plural and verb endings only: enough to match 'strikes'/'strike', 'killed'/'kill'."""
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3 and not token[0].isdigit():
            return token[: -len(suffix)]
    return token


def same_content(a: str, b: str, *, threshold: float = 0.6) -> bool:
    if numbers(a) != numbers(b):
        return False
    ta, tb = content_tokens(a), content_tokens(b)
    if not ta or not tb:
        return False
    shared = len(ta & tb)
    return shared / len(ta) >= threshold and shared / len(tb) >= threshold
