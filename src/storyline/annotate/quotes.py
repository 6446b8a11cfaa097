"""Direct quotes and who said them.

spaCy has no quotation component, so this is ours: text between double quotation marks
(straight or curly) of at least three words, in one paragraph. When the text around it,
outside the marks, has a verb of saying, the speaker is the name doing the saying (right
before or after the verb nearest the quote), else the name nearest the quote; a pronoun
("he said") stands for the last person named before the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from storyline.lexicon import SAYING
from storyline.model import Article, Mention, Quotation, Sentence

_QUOTED = re.compile(r"[\"“]([^\"“”\n]{10,1500})[\"”]")
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_MIN_WORDS = 3
_WINDOW = 160  # characters either side of the quote searched for the speaker
_SPEAKERS = ("PERSON", "ORG")
_TOLD = re.compile(r"told|tells?|telling", re.IGNORECASE)
APPOSITIVE_WORDS = 10


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
    people = [m for m in mentions if m.label in _SPEAKERS]
    found = []
    for match in _QUOTED.finditer(article.text):
        words = match.group(1).strip()
        if len(words.split()) < _MIN_WORDS:
            continue
        start = match.start(1) + match.group(1).find(words)
        end = start + len(words)
        sentence = max(bisect_right(starts, start) - 1, 0)
        found.append(
            Quotation(
                index,
                first + sentence,
                start,
                end,
                words,
                _speaker(article.text, match.start(), match.end(), people, mentions),
            )
        )
    return found


def _speaker(
    text: str, start: int, end: int, people: Sequence[Mention], names: Sequence[Mention]
) -> Mention | None:
    """``people``: the names of people and organisations; ``names``: every name, for the
    subject of a verb of saying, which is a speaker whatever spaCy called it ("Rubio
    says" with Rubio read as a place)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo, hi = max(line_start, start - _WINDOW), min(line_end, end + _WINDOW)
    around = text[lo:start] + " " + text[end:hi]
    if not SAYING.search(_unquoted(around)):
        return None
    near = [m for m in people if lo <= m.start < start or end <= m.start < hi]
    named = [m for m in names if lo <= m.start < start or end <= m.start < hi]
    subject = _sayer(text, lo, hi, start, end, named)
    if subject is not None:
        return subject
    if near:
        persons = [m for m in near if m.label == "PERSON"] or near
        return min(persons, key=lambda m: start - m.end if m.end <= start else m.start - end)
    if _PRONOUN.search(_unquoted(around)):
        before = [m for m in people if m.label == "PERSON" and m.end <= start]
        return before[-1] if before else None
    return None


def _sayer(
    text: str, lo: int, hi: int, start: int, end: int, near: Sequence[Mention]
) -> Mention | None:
    """The name that does the saying: right before a verb of saying ("Trump said Bush is
    “…”", "Rubio also bemoaned") or right after it ("replied Sanders"), at the verb
    nearest the quote; the name nearest the quote is often the one spoken about."""
    masked = _QUOTED.sub(lambda m: " " * len(m.group()), text[lo:hi])  # other quotes' verbs
    best: tuple[int, Mention] | None = None
    for verb in SAYING.finditer(masked):
        at, to = lo + verb.start(), lo + verb.end()
        if start <= at < end:
            continue
        before = [m for m in near if m.end <= at and _joined(text[m.end : at])]
        after = (
            []
            if _TOLD.fullmatch(verb.group())
            else [  # "told AFP": the listener
                m for m in near if m.start >= to and not text[to : m.start].strip()
            ]
        )
        name = before[-1] if before else after[0] if after else None
        if name is None:
            continue
        distance = start - to if to <= start else at - end
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


def _joined(between: str) -> bool:
    """Nothing but a word or two between a name and its verb ("also", "has",
    "similarly"), or a description between commas ("Ramos, 58, told", "Jenna Golden,
    Twitter's director of political advertising, said")."""
    if len(between.split()) <= 2 and not any(c in between for c in '.,;:!?“”"'):
        return True
    inner = between.strip()
    return (
        inner.startswith(",")
        and inner.endswith(",")
        and len(inner.split()) <= APPOSITIVE_WORDS
        and not any(c in inner for c in '.;:!?“”"')
    )


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)
