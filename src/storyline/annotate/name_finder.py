"""Names of people, organisations and places found from capitalised words, where spaCy's
recogniser does not read (``fast`` reads it only around figures and dates) or missed them.

spaCy's recogniser is most of the fact layer's time; read over every word it would triple
it. This finder reads only the capitalised words (and the small words between two of
them, "Bank of England"), each tagged by a logistic regression (trained by
benchmarks/train_name_finder.py on CoNLL-2003's train split) from the word itself, its
shape, its neighbours, whether it opens its sentence, whether the article also writes it
in lower case (a sentence's first "Police" is no name), and how its line is cased (in
capitals, a heading or a table; in title case, a headline). Tags are first/later word of a
kind, so "Surrey captain Chris Lewis" and "European Commission President Jacques Santer"
come apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

import numpy as np

from storyline.learned import load, scores

MODEL = "name_finder_model.joblib"
COMMON = "name_finder_common.joblib"  # the words its training data writes in lower case
HASHED = 2**18  # feature slots: the words of CoNLL's train split with few collisions
Kind = Literal["PER", "ORG", "LOC", "MISC"]
Style = Literal["plain", "capitals", "title"]
KINDS: tuple[Kind, ...] = ("PER", "ORG", "LOC", "MISC")  # tagged B-PER, I-PER, ... or O
# A word, with its inner hyphens, dots and apostrophes ("Al-Aqsa", "U.S", "O'Neill"), but
# not a possessive "'s", which is a token of its own; or one other character.
_TOKEN = re.compile(r"\w+(?:[-.&]\w+|['’](?!s\b)\w+)*|['’]s\b|[^\w\s]")
# Small words that stand inside names, read only between two capitalised words ("Bank of
# England", "St Brendan's Hospital").
CONNECTORS = frozenset(
    {"of", "de", "del", "der", "den", "van", "von", "da", "di", "du", "al", "el", "la", "le"}
    | {"and", "&", "for", "the", "y", "bin", "ibn", "on", "-", "'s", "’s"}
)
_OPENERS = frozenset({".", "!", "?", ":", ";", '"', "“", "‘", "'", "(", "-", "--", "—"})
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_REPEATS = re.compile(r"(.)\1+")
_ANY_UPPER = re.compile(r"[A-Z]")
LOWER_WORD = re.compile(r"\b[a-z][a-z'-]*\b")
CAPITAL_LINE = 0.6  # share of a line's letters in capitals that makes it a heading or table
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
TITLE_WORDS, TITLE_SHARE = 3, 0.8  # a line in title case: most of at least three long words


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Found:
    """A name in a stretch of text: offsets into the text given to ``names``."""

    start: int
    end: int
    kind: Kind


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def candidates(words: Sequence[Token]) -> list[int]:
    """The words that can be part of a name: capitalised ones, and connectors between
    two of them."""
    found = []
    for i, w in enumerate(words):
        if _capitalised(w.text) or (
            w.text.lower() in CONNECTORS
            and 0 < i < len(words) - 1
            and _capitalised(words[i - 1].text)
            and _capitalised(words[i + 1].text)
        ):
            found.append(i)
    return found


@lru_cache(maxsize=2**16)
def shape(word: str) -> str:
    """'Xxx' for 'Surrey', 'XX' for 'NEW', 'Xx-Xx' for 'Al-Aqsa': runs shortened to two."""
    marked = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return _REPEATS.sub(r"\1\1", marked)


def lower_words(text: str) -> frozenset[str]:
    """The words an article writes in lower case somewhere in its prose: a line with no
    capital at all is a web address or a slug ("ellen-degeneres-to-host-oscars"), whose
    names say nothing of how the article writes them."""
    return frozenset(
        word
        for line in text.splitlines()
        if _ANY_UPPER.search(line)
        for word in LOWER_WORD.findall(line)
    )


def features(
    words: Sequence[Token], chosen: Sequence[int], lowered: frozenset[str], style: Style
) -> list[list[str]]:
    """One sentence's (or line's) candidate words' features. Long because it is one flat
    list of features, each a line."""
    rows = []
    n = len(words)
    for i in chosen:
        w = words[i].text
        low = w.lower()
        prev = words[i - 1].text if i > 0 else "<s>"
        prev2 = words[i - 2].text if i > 1 else "<s>"
        nxt = words[i + 1].text if i + 1 < n else "</s>"
        nxt2 = words[i + 2].text if i + 2 < n else "</s>"
        first = i == 0 or prev in _OPENERS
        seen = low in lowered
        row = [
            f"w={w}",
            f"low={low}",
            f"shape={shape(w)}",
            f"suffix3={low[-3:]}",
            f"prefix3={low[:3]}",
            f"prev={prev.lower()}",
            f"prev2={prev2.lower()} {prev.lower()}",
            f"next={nxt.lower()}",
            f"next2={nxt.lower()} {nxt2.lower()}",
            f"prev_shape={shape(prev)}",
            f"next_shape={shape(nxt)}",
            f"first={first}",
            f"seen_lower={seen}",
            f"first_seen={first and seen}",
            f"shapes={shape(prev)} {shape(w)} {shape(nxt)}",
        ]
        if style != "plain":
            row += [f"style={style}", f"style_w={style} {low}", f"style_seen={style} {seen}"]
        rows.append(row)
    return rows


@cache
def _hasher() -> Any:
    from sklearn.feature_extraction import FeatureHasher

    # float32, as the shipped weights are: a product of two types copies the weights
    return FeatureHasher(HASHED, input_type="string", alternate_sign=False, dtype=np.float32)


def hashed(rows: list[list[str]]) -> Any:
    return _hasher().transform(rows)


def style(text: str) -> Style:
    """How a line is cased: in capitals (a heading or a table), most of its longer words
    capitalised (a headline, "Driver Charged In Queens Crash", or a table of names and
    scores), or as a sentence is."""
    if in_capitals(text):
        return "capitals"
    long = _LONG_WORD.findall(text)
    if len(long) >= TITLE_WORDS and sum(w[0].isupper() for w in long) >= TITLE_SHARE * len(long):
        return "title"
    return "plain"


@lru_cache(maxsize=256)
def in_capitals(text: str) -> bool:
    """A heading or a table: most of the line's letters are capitals (cached: every name
    on a line asks)."""
    letters = sum(map(str.isalpha, text))
    return letters > 0 and sum(map(str.isupper, text)) / letters > CAPITAL_LINE


def decoded(
    words: Sequence[Token],
    chosen: Sequence[int],
    chances: np.ndarray,
    tags: Sequence[str],
    lowered: Set[str],
    title: bool = False,
) -> list[Found]:
    """Runs of words tagged as in a name, a run broken where a word is tagged as a name's
    first; each run's kind is the one its words' chances add up most to ("Barack" tagged
    an organisation's first word and "Obama" a person's next is one person). Connectors
    end no name, and a word the article writes in lower case is no name alone ("Hospital"
    after "St Brendan's"). In a headline in title case, a word the article or news at
    large writes in lower case is in no name: "Queens Woman Killed" is Queens, "Colts Beat
    Chiefs" two teams."""
    best = chances.argmax(axis=1)
    runs: list[list[int]] = []
    for row, i in enumerate(chosen):
        tag = tags[best[row]]
        if tag == "O" or (title and _in_lower_case(lowered, words[i].text.lower())):
            continue
        if tag.startswith("I-") and runs and chosen[runs[-1][-1]] == i - 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    found = []
    for run in runs:
        while run and words[chosen[run[0]]].text.lower() in CONNECTORS:
            run = run[1:]
        while run and words[chosen[run[-1]]].text.lower() in CONNECTORS:
            run = run[:-1]
        if len(run) == 1 and words[chosen[run[0]]].text.lower() in lowered:
            continue
        if run:
            summed = chances[run].sum(axis=0)
            kind = max(
                KINDS, key=lambda k: summed[tags.index(f"B-{k}")] + summed[tags.index(f"I-{k}")]
            )
            found.append(Found(words[chosen[run[0]]].start, words[chosen[run[-1]]].end, kind))
    return found


def names(
    stretches: Sequence[str], lowered: frozenset[str], story: frozenset[str] = frozenset()
) -> list[list[Found]]:
    """The names in each stretch (a sentence, or part of one) of one article; ``lowered``:
    the words that article writes in lower case (``lower_words``), ``story``: those its
    story's other articles write so."""
    per: list[tuple[list[Token], list[int], Style]] = []
    rows: list[list[str]] = []
    for text in stretches:
        words = tokens(text)
        chosen = candidates(words)
        cased = style(text)
        rows += features(words, chosen, lowered, cased)
        per.append((words, chosen, cased))
    if not rows:
        return [[] for _ in stretches]
    written = lowered | story  # the model reads its own article's; the rules, the story's
    model = load("storyline.annotate", MODEL)
    chances = _chances(model, hashed(rows))
    tags = list(model.classes_)
    out, at = [], 0
    for words, chosen, cased in per:
        found = chances[at : at + len(chosen)]
        out.append(decoded(words, chosen, found, tags, written, title=cased == "title"))
        at += len(chosen)
    return out


def _in_lower_case(lowered: Set[str], word: str) -> bool:
    return word not in CONNECTORS and (word in lowered or word in _common())


@cache
def _common() -> frozenset[str]:
    """Words English news writes in lower case (counted in the training data)."""
    common: tuple[str, ...] = load("storyline.annotate", COMMON)
    return frozenset(common)


def _chances(model: Any, rows: Any) -> np.ndarray:
    found = scores(model, rows)
    found = np.exp(found - found.max(axis=1, keepdims=True))
    chances: np.ndarray = found / found.sum(axis=1, keepdims=True)
    return chances
