"""Scrape noise out of already-scraped text, where the HTML that would tell body from
boilerplate is gone.

No library does this well (jusText on the lines scores 0.76, trafilatura 0.69 on the
extraction benchmark's text dumps), so a small classifier decides, line by line, from
the features in clean/lines.py; benchmarks/train_lines.py trains it on the benchmark's
pages (labels from their ground truth) and writes the model shipped beside this file.
Cross-validated by page it scores 0.90 there (benchmarks/README.md); the hand-written
rules it replaces scored 0.78.

A line's probability is smoothed with its neighbours' (a body paragraph between two
others is body even when it is short), and weighed with the hand-written sentence rule
(``sentence_like``), the less the shorter the document: the pages taught the model that
a lone sentence among menus is a teaser, which in a short note it is not, and it never
saw a note (a text whose every line reads as a sentence is kept whole: it has no
furniture to remove). A table inside the body stays (``_keep_tables``). Then the kept run
loses what cannot end or start a body (``_trimmed``). The headline is metadata
(``Article.title``), not body, wherever it appears. Nothing here looks at other
documents, so an article's text does not depend on what it is cleaned with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from storyline.clean.language import weighing
from storyline.clean.lines import TERMINAL, Line, SeenAbove, features, sentence_like, words_of
from storyline.learned import chances, load
from storyline.lexicon import OPENING_QUOTES, stop_words

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier as Classifier

MODEL = "line_model.joblib"
NEIGHBOUR_WEIGHT = 0.2  # of each neighbour's probability in a line's smoothed one
MODEL_WEIGHT = 0.7  # of the learned probability beside the hand-written sentence rule,
PAGE_LINES = 40  # on a document this long or longer; less on a shorter one
KEEP = 0.5  # score from which a line is kept
INTRODUCTION_WORDS = 30  # a line this short that opens a quote below it is kept
HEADING_WORDS = 8
STRAY_WORDS = 20  # a longer edge paragraph is kept even when it shares no word
TABLE_ROWS = 3
_CELL = re.compile(r"\s\|\s")  # a boundary between two cells of a table row
SENTENCE_ENDS = (*TERMINAL, "。", "！", "？", "」", "』", "．", "”")


def normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\xa0", " ").replace("\u200b", "")


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    gap = 0
    for raw_line in normalise(raw).split("\n"):
        text = " ".join(raw_line.split())
        if "\t" in raw_line:  # a tab-separated row (a table pasted as text) keeps its cells
            text = " | ".join(" ".join(c.split()) for c in raw_line.split("\t") if c.strip())
        if not text:
            gap += 1
            continue
        if gap == 0 and lines and _continues(lines[-1], text):
            text = lines[-1].text + " " + text
            gap = lines.pop().gap_before
        lines.append(Line(text, words_of(text), gap))
        gap = 0
    return lines


def _continues(previous: Line, text: str) -> bool:
    """Hard-wrapped text (PDF dumps, e-mail): a long line cut mid-sentence, and the next line
    going on in lower case."""
    return (
        len(previous.words) >= 8
        and not previous.text.endswith(TERMINAL)
        and (text[0].islower() or previous.text.endswith(("-", ",")))
    )


def clean_text(raw: str, *, title: str | None = None, lang: str | None = None) -> str:
    """The body paragraphs of ``raw``, joined by blank lines."""
    return clean_texts([(raw, title)], languages=[lang] if lang else None)[0]


def clean_texts(
    documents: Sequence[tuple[str, str | None]],
    *,
    model: Classifier | None = None,
    languages: Sequence[str] | None = None,
) -> list[str]:
    """``clean_text`` of each (raw, title), the classifier called once for all of them
    (its cost is mostly per call); each document's text is the same as alone. ``model``:
    the shipped one unless given (training scores each fold with its own). ``languages``:
    each document's (clean/language.py); English, the model's own, where not given."""
    stops = [weighing(code) for code in languages] if languages else [None] * len(documents)
    split = [split_lines(raw) for raw, _ in documents]
    rows = [features(lines, stop=stop) for lines, stop in zip(split, stops, strict=True)]
    stacked = np.vstack(rows) if rows else np.zeros((0, 0))
    found = chances(model or load("storyline.clean", MODEL), stacked)
    cleaned, at = [], 0
    for lines, row, (_, title), stop in zip(split, rows, documents, stops, strict=True):
        learned = _smoothed(found[at : at + len(row)])
        at += len(row)
        if stop is not None and not stop:  # a language without a stop list
            cleaned.append(_by_sentence_ends(lines, title))
            continue
        prior = sentence_like(row)
        trust = MODEL_WEIGHT * min(1.0, len(row) / PAGE_LINES)
        score = trust * learned + (1 - trust) * prior
        if prior.all():
            score = prior  # every line reads as a sentence: nothing here is furniture
        headline = _headline(title)
        keep = [
            bool(p >= KEEP) and not headline.repeats(line)
            for line, p in zip(lines, score, strict=True)
        ]
        _keep_tables(lines, keep)
        _keep_introductions(lines, keep)
        kept = [line for line, k in zip(lines, keep, strict=True) if k]
        cleaned.append("\n\n".join(line.text for line in _trimmed(kept, stop)))
    return cleaned


def _by_sentence_ends(lines: Sequence[Line], title: str | None) -> str:
    """The fallback for a language with no stop list (Chinese, Japanese…), where word
    counts and stop words tell nothing: the lines that end as sentences (in its own
    punctuation too), without the headline's repeats. Menus, bylines and share buttons
    do not end with a full stop."""
    headline = _headline(title)
    kept = [
        line.text
        for line in lines
        if line.text.endswith(SENTENCE_ENDS) and not headline.repeats(line)
    ]
    return "\n\n".join(kept)


def _keep_tables(lines: Sequence[Line], keep: list[bool]) -> None:
    """A table (lines with the same number of cells, split by " | " or tabs) looks like
    a menu line by line, but a results table or a roster inside the body is what later
    stages read figures from: kept when body stands on both sides of it, or when the
    document holds nothing else."""
    for start, end in _tables(lines):
        inside = any(keep[:start]) and any(keep[end:])
        alone = not any(keep[:start]) and not any(keep[end:])
        if inside or alone:
            keep[start:end] = [True] * (end - start)


def _keep_introductions(lines: Sequence[Line], keep: list[bool]) -> None:
    """A short line that opens a quote kept below it ("Councillor Ada Brisk continued:",
    "As the Ledger reported,") reads as furniture alone, but it names the quote's
    speaker: kept when body stands on both sides of it."""
    for i in range(1, len(lines) - 1):
        line, below = lines[i].text, lines[i + 1].text
        if (
            not keep[i]
            and keep[i + 1]
            and any(keep[:i])
            and line.endswith((":", ","))
            and len(lines[i].words) <= INTRODUCTION_WORDS
            and below.startswith(OPENING_QUOTES)
        ):
            keep[i] = True


def _tables(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """(start, end) of each run of at least ``TABLE_ROWS`` lines with one number of cells."""
    cells = [len(_CELL.findall(line.text)) for line in lines]  # 0 for a line that is no row
    runs, start = [], 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or not cells[i] or cells[i] != cells[start]:
            if cells[start] and i - start >= TABLE_ROWS:
                runs.append((start, i))
            start = i
    return runs


def _trimmed(kept: list[Line], stop: frozenset[str] | None = None) -> list[Line]:
    """Without what cannot end or start a body: a heading with no body after it, and an
    edge sentence that shares no word of substance with the rest (an error page's "The
    content you requested does not exist", a cookie notice). A table row is neither."""
    while kept:
        last, first = kept[-1], kept[0]
        if not _row(last) and (_heading(last) or (len(kept) > 1 and _stray(last, kept[:-1], stop))):
            kept = kept[:-1]
        elif not _row(first) and len(kept) > 1 and _stray(first, kept[1:], stop):
            kept = kept[1:]
        else:
            break
    return kept


def _row(line: Line) -> bool:
    return bool(_CELL.search(line.text))


def _stray(line: Line, rest: Sequence[Line], stop: frozenset[str] | None) -> bool:
    """Shares no word of substance with the rest. Only in English: in an inflected
    language the same word rarely repeats in the same form ("linii", "linia"), and every
    edge sentence would look stray."""
    if stop is not None:
        return False
    own = _substance(line.words)
    if len(own) < 3 or len(line.words) >= STRAY_WORDS:
        return False
    others = set().union(*(_substance(other.words) for other in rest))
    return not own & others


def _substance(words: Sequence[str]) -> set[str]:
    stop = stop_words()
    return {w.lower() for w in words if len(w) > 3 and w.lower() not in stop}


def _heading(line: Line) -> bool:
    """A short line that is not a sentence: a section head, a label, a link's text."""
    return len(line.words) < HEADING_WORDS and not line.text.endswith(TERMINAL)


def _smoothed(chance: np.ndarray) -> np.ndarray:
    if len(chance) < 3:
        return chance
    out = chance.copy()
    out[1:-1] = (1 - 2 * NEIGHBOUR_WEIGHT) * chance[1:-1] + NEIGHBOUR_WEIGHT * (
        chance[:-2] + chance[2:]
    )
    return out


def _headline(title: str | None) -> SeenAbove:
    """The title as the one line "above" every line: its repeats are not body."""
    seen = SeenAbove()
    if title:
        seen.add(Line(title, words_of(title), 0))
    return seen
