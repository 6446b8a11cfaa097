"""Scrape noise out of already-scraped text, where the HTML that would tell body from
boilerplate is gone.

No library does this well (jusText on lines scores 0.76, trafilatura 0.69 on the
extraction benchmark's text dumps), so it is written here, from features that hold for any
outlet rather than from a list of known noise strings:

* shape of the line: body text is made of sentences, dense in function words (jusText's
  stop-list density), ending in sentence punctuation; navigation, share prompts, bylines,
  datelines and section heads are short fragments;
* separators and links: menus and footers are runs of items split by ``|``, ``•``, ``»``;
* repetition: a headline repeated lower down, or a short line that several articles of the
  batch share (a site's "Share this", a network's footer) is page furniture;
* cohesion: a sentence that shares no content word with the rest of its article or the
  other reports (an error page's "The content you requested does not exist", a cookie
  notice) is not about the story.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from storyline.lexicon import common_words

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")", ":")
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


@dataclass(frozen=True)
class Line:
    text: str
    words: tuple[str, ...]
    gap_before: int  # blank lines above it: page sections are separated by wider gaps

    @cached_property
    def key(self) -> str:
        return " ".join(w.lower() for w in self.words)


def normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\xa0", " ").replace("\u200b", "")


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    gap = 0
    for text in normalise(raw).split("\n"):
        text = " ".join(text.split())
        if not text:
            gap += 1
            continue
        if gap == 0 and lines and _continues(lines[-1], text):
            text = lines[-1].text + " " + text
            gap = lines.pop().gap_before
        lines.append(Line(text, tuple(_WORD.findall(text)), gap))
        gap = 0
    return lines


def _continues(previous: Line, text: str) -> bool:
    """Hard-wrapped text (PDF dumps, e-mail): a long line cut mid-sentence, and the next line
    going on in lower case."""
    return (
        len(previous.words) >= 8
        and not previous.text.endswith(_TERMINAL)
        and (text[0].islower() or previous.text.endswith(("-", ",")))
    )


def shared_lines(documents: Sequence[list[Line]]) -> Counter[str]:
    """How many documents of the batch carry each short line."""
    counts: Counter[str] = Counter()
    for lines in documents:
        counts.update({line.key for line in lines if 0 < len(line.words) < 15})
    return counts


def clean_text(
    raw: str,
    *,
    shared: Counter[str] | None = None,
    others: frozenset[str] = frozenset(),
    title: str | None = None,
) -> str:
    """Keep the body paragraphs of ``raw``, joined by blank lines.

    ``shared`` counts short lines across the batch, ``others`` holds the content words of
    the other documents of the batch (both empty when cleaning one document alone); the
    headline is metadata (``Article.title``), not body, wherever it appears."""
    lines = split_lines(raw)
    if title:
        lines.insert(0, Line(title, tuple(_WORD.findall(title)), 0))
    shared = shared or Counter()
    earlier = _Earlier()
    keep = []
    for line in lines:
        keep.append(_is_body(line, earlier, shared))
        earlier.add(line)
    if title:
        lines, keep = lines[1:], keep[1:]
    _drop_incoherent(lines, keep, others)
    return "\n\n".join(line.text for line, k in zip(lines, keep, strict=True) if k)


def _is_body(line: Line, earlier: _Earlier, shared: Counter[str]) -> bool:
    words = line.words
    n = len(words)
    if n < 4 or _SEPARATORS.search(line.text) or (_LINKISH.search(line.text) and n < 25):
        return False
    if shared[line.key] >= 2 and n < 15 and not line.text.endswith(_TERMINAL):
        return False  # page furniture; shared full sentences are wire copy, and stay
    if _BYLINE.match(line.text) and n <= 10:
        return False
    if _PHOTO_CREDIT.search(line.text) or _CREDIT_PREFIX.match(line.text):
        return False
    if earlier.repeats(line):
        return False
    stop = common_words()
    density = sum(1 for w in words if w.lower() in stop) / n
    sentence = line.text.endswith(_TERMINAL) or n >= 25 or (n >= 10 and density >= 0.4)
    return sentence and density >= 0.2


class _Earlier:
    """The lines above, for "a repeated headline, or a headline glued to share buttons
    ("Title - See more at")" in one pass: comparing each line with every line above it
    took minutes on a long text."""

    HEAD_WORDS = 30  # a headline is shorter; longer earlier lines count only when equal

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.heads: set[str] = set()

    def repeats(self, line: Line) -> bool:
        key = line.key
        if key in self.keys:
            return True
        words = key.split(" ")
        prefix = " ".join(words[:3])
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


def content_words(text: str) -> set[str]:
    stop = common_words()
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3 and w.lower() not in stop}


def _drop_incoherent(lines: list[Line], keep: list[bool], others: frozenset[str]) -> None:
    """Drop a first or last kept line that shares almost nothing with the story: error
    pages, paywall prompts, banners and footers sit at the edges of the body."""
    kept = [i for i, k in enumerate(keep) if k]
    if len(kept) < 2:
        return
    totals: Counter[str] = Counter()
    for i in kept:
        totals.update(content_words(lines[i].text))
    for edge in (kept[0], kept[-1]):
        words = content_words(lines[edge].text)
        shared = sum(1 for w in words if totals[w] > 1 or w in others)
        if len(words) >= 3 and shared / len(words) < 0.12:
            keep[edge] = False
