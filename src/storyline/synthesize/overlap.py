"""When one sentence reports what another says, decided on their words and figures.

Attribution must never credit an outlet with a claim it did not make, so this is strict
about figures (a sentence saying 132 were killed never backs one saying 129 were) and
needs a good part of the reported sentence's content words; a reworded sentence is
recognised by the core phrase it keeps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.lexicon import CJK_CHARACTERS, CJK_RUN, character_pairs, stop_words

# Measured on 530 hand-labelled pairs of real Multi-News sentences
# (benchmarks/attribution_quality.py): the rule credits few pairs, and nearly all rightly.
SHARED_BOTH = 0.5  # of each sentence's content words: one is a light edit of the other
SHARED_SAID = 0.5  # of the reported sentence's content words, with a kept run of RUN
RUN = 4
SHARED_LONG = 0.4  # fewer of them shared, but a run of LONG_RUN kept: the same core phrase
LONG_RUN = 6
COMPARABLE = 0.15  # TF-IDF cosine below which two sentences share too few words to compare
GAP = 1  # content words a run may skip on either side ("the Russian navy [in the
# Mediterranean] to establish contact")

_TOKEN = re.compile(rf"\d+(?:[.,]\d+)*|[{CJK_CHARACTERS}]+|[^\W\d_{CJK_CHARACTERS}]+")


def content_tokens(text: str) -> frozenset[str]:
    return frozenset(_sequence(text))


def _sequence(text: str) -> tuple[str, ...]:
    """Content words (not stop words, not one letter; any number) in their order,
    stemmed; a run of Chinese characters as its character pairs."""
    stop = stop_words()
    tokens = (t.lower() for t in _TOKEN.findall(text))
    return tuple(
        pair
        for t in tokens
        if (t not in stop and len(t) > 1) or t.isdigit()
        for pair in (character_pairs(t) if t[0] >= "\u3040" and CJK_RUN.match(t) else (_stem(t),))
    )


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


_STEPS = range(1, GAP + 2)


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The most content words the two sentences share in one run, in the same order, each
    within ``GAP`` words of the last on both sides: a reworded sentence keeps its core
    phrase ("ordered the Russian navy [in the Mediterranean] to establish contact")."""
    chains: dict[tuple[int, int], int] = {}
    best = 0
    positions: dict[str, list[int]] = {}
    for j, word in enumerate(b):
        positions.setdefault(word, []).append(j)
    for i, word in enumerate(a):
        for j in positions.get(word, ()):
            length = 1 + max(
                (chains.get((i - di, j - dj), 0) for di in _STEPS for dj in _STEPS), default=0
            )
            chains[i, j] = length
            best = max(best, length)
    return best


@dataclass(frozen=True)
class Wording:
    """What the decision reads of one sentence, worked out once per sentence."""

    tokens: frozenset[str]
    sequence: tuple[str, ...]
    figures: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Wording:
        return cls(content_tokens(text), _sequence(text), numbers(text))


def reports(said: Wording, other: Wording) -> bool:
    """Whether ``other`` reports what ``said`` says, so its outlet may be credited with it.

    Every figure of ``said`` must be in ``other``: an outlet that gives 132 never backs a
    sentence saying 129, and one that gives no figure does not back the figure. Then
    either most content words are shared both ways (a copy or a light edit), or enough of
    ``said``'s are and a run of them is kept in order (a rewording around the same core
    phrase: "Putin ordered the Russian navy to establish contact with" a French group,
    told once with "as allies" and once with the carrier's name)."""
    if not said.figures <= other.figures or not said.tokens or not other.tokens:
        return False
    shared = len(said.tokens & other.tokens)
    of_said, of_other = shared / len(said.tokens), shared / len(other.tokens)
    if min(of_said, of_other) >= SHARED_BOTH:
        return True
    if of_said < SHARED_LONG:
        return False
    run = _longest_run(said.sequence, other.sequence)
    return run >= LONG_RUN or (of_said >= SHARED_SAID and run >= RUN)


class Wordings:
    """A story's sentences, each read into a ``Wording`` the first time it is asked for:
    the summary asks about a few dozen of a cluster's hundreds."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.read: dict[int, Wording] = {}

    def __getitem__(self, i: int) -> Wording:
        found = self.read.get(i)
        if found is None:
            found = self.read[i] = Wording.of(self.texts[i])
        return found

    def restates(self, i: int, j: int) -> bool:
        """Either sentence reports the other: one of them is enough in a summary."""
        return reports(self[i], self[j]) or reports(self[j], self[i])
