"""What the line classifier sees of each line of scraped text (clean/text.py).

Every feature is of the line and its own document only, never of the other documents of
a batch, so an article gives the same text whatever it is cleaned with. They hold for any
outlet rather than naming known noise strings:

* shape: length in words and characters, stop-word density (jusText's measure: body text
  is dense in function words), sentence punctuation at the end, capitalised words, digits
  and other punctuation, commas per word, word length, all capitals;
* patterns of furniture: separators (menus, footers), links and addresses, bylines, photo
  credits, a line already seen above (a headline repeated, or glued to share buttons);
* place: position in the document, and how much of the document's body-like text lies
  before and after the line (the body is one run; navigation and footers sit around it);
  not the document's size, which made a short note read as a page of furniture;
* neighbours: the shape of the lines just above and below, and the share of body-like
  lines in a window of five (a caption inside the article is not a menu item).

benchmarks/train_lines.py learns the weights from the article-extraction benchmark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from storyline.lexicon import common_words

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")", ":")
_SEPARATORS = re.compile(r"\s[|•»·]\s|\s{3,}\S")
# An address starts a token: tried at every offset of a long token, "\S+@" backtracks
# through the rest of it each time (a 172 kB token took 40 s).
_LINKISH = re.compile(r"https?://|www\.|(?<!\S)[^\s@]+@[^\s@]+\.\w+")
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\s/\s[^()]*|[^()]*\b(?:photo|photograph|photographer|getty|images?|file)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
_CREDIT_PREFIX = re.compile(r"^[^|]{2,60}\s\|\s")
_BYLINE = re.compile(r"^(?:by|posted by|written by|reporting by)\s", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_SEPARATOR_MARKS = frozenset("|•»·")  # a cheap test before the patterns above: most lines
_LINK_MARKS = frozenset("/@.")  # have none of these characters
_OTHER = re.compile(r"[^\w\s]|_")  # punctuation and symbols
BODY_WORDS = 10  # a line this long and dense in stop words reads as body text
WINDOW = 5
NEIGHBOURS = (1, 2, -1, -2)  # lines above (+) and below (-) whose shape is a feature


@dataclass(frozen=True)
class Line:
    text: str
    words: tuple[str, ...]
    gap_before: int  # blank lines above it

    @cached_property
    def key(self) -> str:
        return " ".join(self.words).lower()


def words_of(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def features(lines: Sequence[Line], *, stop: frozenset[str] | None = None) -> np.ndarray:
    """One row per line: its own shape, its place, and its neighbours' shape. ``stop``:
    the stop words of the text's language, English (the model's) if not given."""
    if not lines:
        return np.zeros((0, len(NAMES)))
    shape = _shapes(lines, stop)
    n = len(lines)
    words = np.array([len(line.words) for line in lines], dtype=float)
    bodylike = (words >= BODY_WORDS) & (shape[:, 2] >= 0.25)
    mass = words * bodylike
    total = mass.sum() or 1.0
    before = (np.cumsum(mass) - mass) / total
    after = 1.0 - before - mass / total
    place = [
        np.arange(n) / max(n - 1, 1),
        before,
        after,
        _around(bodylike.astype(float)),
    ]
    near = [_shifted(shape[:, column], k) for k in NEIGHBOURS for column in (0, 2, 3)]
    return np.column_stack([shape, *place, *near])


def _shapes(lines: Sequence[Line], stop: frozenset[str] | None) -> np.ndarray:
    """The ``_SHAPE`` columns, a column at a time (a feature over every line costs far
    less than a function call for every line)."""
    stop = common_words() if stop is None else stop
    texts = [line.text for line in lines]
    words = [line.words for line in lines]
    count = np.array([max(len(w), 1) for w in words], dtype=float)
    chars = np.array([max(len(t), 1) for t in texts], dtype=float)
    earlier = SeenAbove()
    seen = []
    for line in lines:
        seen.append(earlier.repeats(line))
        earlier.add(line)
    columns = [
        np.log1p([len(w) for w in words]),
        np.log1p([len(t) for t in texts]),
        np.array([sum(map(stop.__contains__, line.key.split())) for line in lines]) / count,
        [t.endswith(TERMINAL) for t in texts],
        np.array([len([x for x in w if x[0].isupper()]) for w in words]) / count,
        np.array([_DIGIT.subn("", t)[1] for t in texts]) / chars,
        np.array([_OTHER.subn("", t)[1] for t in texts]) / chars,
        [bool(_SEPARATOR_MARKS.intersection(t) and _SEPARATORS.search(t)) for t in texts],
        [bool(_LINK_MARKS.intersection(t) and _LINKISH.search(t)) for t in texts],
        [bool(_BYLINE.match(t)) for t in texts],
        [bool(_PHOTO_CREDIT.search(t) or _CREDIT_PREFIX.match(t)) for t in texts],
        seen,
        np.array([t.count(",") for t in texts]) / count,
        [t.isupper() for t in texts],
        np.array([sum(map(len, w)) for w in words]) / count,
    ]
    return np.column_stack([np.asarray(c, dtype=float) for c in columns])


_SHAPE = (
    "words",
    "characters",
    "stop-word density",
    "sentence end",
    "capitalised words",
    "digits",
    "other punctuation",
    "separators",
    "link or address",
    "byline",
    "photo credit",
    "seen above",
    "commas per word",
    "all capitals",
    "word length",
)
NAMES = (
    *_SHAPE,
    "position",
    "body before",
    "body after",
    "body-like lines around",
    *(f"{name} {k:+d}" for k in NEIGHBOURS for name in ("words", "density", "sentence end")),
)


def _around(column: np.ndarray) -> np.ndarray:
    """Mean of ``column`` over the ``WINDOW`` rows centred on each row (zeros past the ends)."""
    half = WINDOW // 2
    sums = np.cumsum(np.pad(column, (half + 1, half)))
    mean: np.ndarray = (sums[WINDOW:] - sums[:-WINDOW]) / WINDOW
    return mean


def sentence_like(rows: np.ndarray) -> np.ndarray:
    """The hand-written rule the classifier replaced, from the same features: a line of
    four words or more that ends as a sentence (or is long, or dense in stop words), is
    dense enough in stop words, and is no menu, link, byline, credit or repeat. It holds
    for short notes and clean text, shapes the benchmark's pages never show, so the
    cleaner weighs it in (clean/text.py)."""
    if not len(rows):
        return np.zeros(0)
    column = {name: rows[:, i] for i, name in enumerate(NAMES[: len(_SHAPE)])}
    words = np.expm1(column["words"])
    density = column["stop-word density"]
    sentence = (column["sentence end"] > 0) | (words >= 25) | ((words >= 10) & (density >= 0.4))
    furniture = (
        (column["separators"] > 0)
        | ((column["link or address"] > 0) & (words < 25))
        | ((column["byline"] > 0) & (words <= 10))
        | (column["photo credit"] > 0)
        | (column["seen above"] > 0)
    )
    verdict: np.ndarray = ((words >= 4) & sentence & (density >= 0.2) & ~furniture).astype(float)
    return verdict


def _shifted(column: np.ndarray, k: int) -> np.ndarray:
    """``column`` moved down by ``k`` rows (up when negative), zeros where nothing is."""
    out = np.zeros_like(column)
    if k > 0:
        out[k:] = column[:-k]
    else:
        out[:k] = column[-k:]
    return out


class SeenAbove:
    """The lines above, for "a repeated headline, or a headline glued to share buttons
    ("Title - See more at")" in one pass: comparing each line with every line above it
    took minutes on a long text."""

    HEAD_WORDS = 30  # a headline is shorter; longer earlier lines count only when equal

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.heads: set[str] = set()
        self.starts: set[str] = set()  # the heads' first three words: most lines stop there

    def repeats(self, line: Line) -> bool:
        key = line.key
        if key in self.keys:
            return True
        words = key.split(" ")
        prefix = " ".join(words[:3])
        if prefix not in self.starts:
            return False
        for word in words[3 : min(len(words) - 1, self.HEAD_WORDS)]:
            prefix += " " + word
            if prefix in self.heads:
                return True
        return False

    def add(self, line: Line) -> None:
        if line.key and len(line.words) >= 4:
            self.keys.add(line.key)
            if len(line.words) <= self.HEAD_WORDS:
                self.heads.add(line.key)
                self.starts.add(" ".join(line.key.split(" ")[:3]))
