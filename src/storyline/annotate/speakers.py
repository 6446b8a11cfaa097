"""Who said a quote: the names around it, ranked by a small learned model.

Hand-written rules (the name right before or after the verb of saying nearest the quote)
got 67–70 % of PolNeAR's named speakers right (dev). Most misses were not near the quote's own
line: a paragraph that is all quote, introduced by the one before ("Cruz continued:", "As
Politico reported,"), or a name taken from a saying verb in the wrong sentence. The rules
became features of each candidate name (its side of the quote, distance, paragraph, the
saying verb it stands subject of, a colon between it and the quote, "according to",
how often the article names it …) and a gradient-boosted classifier, trained on
PolNeAR's train split by ``benchmarks/train_speakers.py``, scores them; the best one is
the speaker when its score reaches ``THRESHOLD``: a wrong speaker costs more trust than
none.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.learned import chances, load
from storyline.lexicon import SAYING
from storyline.model import Mention

MODEL = "speaker_model.joblib"
THRESHOLD = 0.25
BEFORE = 400  # characters before the quote a speaker is looked for (the line above too)
AFTER = 200  # and after it, in its own line
APPOSITIVE_WORDS = 10
_TOLD = re.compile(r"told|tells?|telling", re.IGNORECASE)
_PRONOUNS = r"he|she|they|il|elle|ils|elles"  # "a-t-il déclaré", "explique-t-elle"
_PRONOUN_SAYS = re.compile(
    rf"\b(?:{_PRONOUNS})\s+(?:\w+\s+)?(?:{SAYING.pattern})"
    rf"|(?:{SAYING.pattern})(?:\s+|-t-)(?:{_PRONOUNS})\b|\ba-t-(?:il|elle)\s+(?:{SAYING.pattern})",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"(?:according\s+to|selon|d'après)\s*$", re.IGNORECASE)
_AS = re.compile(r"(?:^|[\s,;:(])as\s+$", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]{2,}")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
LABELS = ("PERSON", "ORG", "GPE", "NORP")
FEATURES = (
    "before", "distance", "same_line", "line_above",
    *(f"label_{label}" for label in LABELS), "label_other",
    "subject", "inverted", "listener", "verb_distance", "verb_in_sentence",
    "according", "as_reported", "colon_between", "line_ends_colon", "in_other_quote",
    "possessive", "comma_after", "words", "same_sentence",
    "rank", "salience", "nearest_person",
    "line_says", "pronoun_says", "quote_opens_line", "quote_words", "echo",
)  # fmt: skip


@dataclass(frozen=True)
class Quoted:
    """What every quote of an article is read against: its text with every quote's words
    blanked (their verbs are not the speaker's), the quotes' spans (marks included), and
    its names."""

    text: str
    masked: str
    spans: tuple[tuple[int, int], ...]
    lines: tuple[int, ...]  # offsets where each line starts
    names: tuple[Mention, ...]
    salience: dict[str, int]  # how many names end in each last word
    known: dict[str, Mention]  # a person or organisation named by each last word


def quoted(text: str, spans: Sequence[tuple[int, int]], names: Sequence[Mention]) -> Quoted:
    chars = list(text)
    for start, end in spans:
        chars[start + 1 : end - 1] = " " * max(end - start - 2, 0)
    lines = (0, *(m.end() for m in re.finditer("\n", text)))
    known: dict[str, Mention] = {}
    for m in names:
        if m.label in ("PERSON", "ORG") and m.text[:1].isupper():
            last = _last(m.text)
            if len(last) > 2 and (last not in known or known[last].label != "PERSON"):
                known[last] = m
    salience = dict(Counter(_last(m.text) for m in names))
    return Quoted(text, "".join(chars), tuple(spans), lines, tuple(names), salience, known)


@dataclass(frozen=True)
class _Quote:
    start: int  # its marks included
    end: int
    line: int  # the line it stands in
    up: int  # the line above, past blank ones (-1: none)


def candidates(where: Quoted, start: int, end: int) -> list[tuple[Mention, list[float]]]:
    """The names a speaker of the quote at ``start:end`` (its marks included) can be,
    each with its features (``FEATURES``): those in its line and the line above."""
    text = where.text
    line = bisect_right(where.lines, start) - 1
    line_start, line_end = where.lines[line], _line_end(where, line)
    up = line - 1
    while up >= 0 and not text[where.lines[up] : _line_end(where, up)].strip():
        up -= 1  # paragraphs apart by blank lines
    above = where.lines[up] if up >= 0 else line_start
    lo, hi = max(above, start - BEFORE), min(max(line_end, end), end + AFTER)
    named = [m for m in where.names if (lo <= m.start and m.end <= start) or (end <= m.start < hi)]
    echoes = _echoes(where, lo, start, end, hi, named)
    near = named + list(echoes)
    quote = _Quote(start, end, line, up)
    shared = _shared(where, start, end, line_start, line_end)
    people_before = [m for m in near if m.end <= start and m.label == "PERSON"]
    nearest = people_before[-1] if people_before else None
    befores = sorted((m for m in near if m.end <= start), key=lambda m: -m.end)
    afters = sorted((m for m in near if m.start >= end), key=lambda m: m.start)
    rank = {id(m): i for side in (befores, afters) for i, m in enumerate(side)}
    return [
        (
            echoes.get(m, m),
            [
                *_own(where, quote, m),
                float(min(rank[id(m)], 5)),
                math.log1p(where.salience.get(_last(m.text), 0)),
                float(m is nearest),
                *shared,
                float(m in echoes),
            ],
        )
        for m in near
    ]


def _shared(where: Quoted, start: int, end: int, line_start: int, line_end: int) -> list[float]:
    """The features of the quote, the same for each of its names."""
    line = where.masked[line_start:line_end]
    return [
        float(bool(SAYING.search(line))),
        float(bool(_PRONOUN_SAYS.search(line))),
        float(not where.text[line_start:start].strip()),
        math.log1p(len(where.text[start:end].split())),
    ]


def _own(where: Quoted, quote: _Quote, m: Mention) -> list[float]:
    """The features of one name beside the quote, of the name and its own words."""
    text, masked, start, end = where.text, where.masked, quote.start, quote.end
    before = m.end <= start
    distance = start - m.end if before else m.start - end
    between = masked[m.end : start] if before else masked[end : m.start]
    own = bisect_right(where.lines, m.start) - 1
    subject, inverted, listener, verb_at = _verb(masked, m)
    verb_distance = verb_in_sentence = 0.0
    if verb_at is not None:
        gap = masked[verb_at:start] if verb_at <= start else masked[end:verb_at]
        verb_distance = math.log1p(start - verb_at if verb_at <= start else verb_at - end)
        verb_in_sentence = 0.0 if _SENTENCE_END.search(gap) else 1.0
    label = m.label if m.label in LABELS else "other"
    return [
        float(before),
        math.log1p(distance),
        float(own == quote.line),
        float(own == quote.up),
        *(float(label == x) for x in LABELS),
        float(label == "other"),
        subject,
        inverted,
        listener,
        verb_distance,
        verb_in_sentence,
        float(bool(_ACCORDING.search(text[max(0, m.start - 20) : m.start]))),
        float(bool(_AS.search(text[max(0, m.start - 5) : m.start]))),
        float(":" in between),
        float(text[where.lines[own] : _line_end(where, own)].rstrip().endswith(":")),
        float(_inside(where.spans, m.start)),
        float(text[m.end : m.end + 2] in ("'s", "’s")),
        float(text[m.end : m.end + 1] == ","),
        float(min(len(m.text.split()), 4)),
        0.0 if _SENTENCE_END.search(between) else 1.0,
    ]


Job = tuple[Quoted, Sequence[tuple[int, int]]]  # an article, and the quotes to attribute


def speakers(jobs: Sequence[Job]) -> list[list[Mention | None]]:
    """Each quote's best ranked name, when the model is sure enough of it, for each
    article's quotes. A story's quotes are scored at once: a call to the model costs
    1.2 ms, more than a hundred rows."""
    found = [[candidates(where, s, e) for s, e in quotes] for where, quotes in jobs]
    rows = [row for article in found for near in article for _, row in near]
    scores = iter(chances(load("storyline.annotate", MODEL), np.array(rows)) if rows else ())
    return [[_best(near, scores) for near in article] for article in found]


def _best(near: list[tuple[Mention, list[float]]], scores: Iterator[float]) -> Mention | None:
    scored = [(next(scores), m) for m, _ in near]
    best = max(scored, key=lambda x: x[0], default=None)
    return best[1] if best is not None and best[0] >= THRESHOLD else None


def _echoes(
    where: Quoted, lo: int, start: int, end: int, hi: int, named: Sequence[Mention]
) -> dict[Mention, Mention]:
    """The words around the quote that are the last word of a person or organisation
    the article names elsewhere, where spaCy found no name ("Cruz continued:" after "Ted
    Cruz"; the fast depth reads only pieces of the text): each stands for that name."""
    text = where.text
    taken = [(m.start, m.end) for m in named]
    found: dict[Mention, Mention] = {}
    for span_lo, span_hi in ((lo, start), (end, hi)):
        for word in _CAPITALISED.finditer(text, span_lo, span_hi):
            stand = where.known.get(_last(word.group()))
            at, to = word.start(), word.start() + len(word.group().split("’")[0].split("'")[0])
            if stand is None or any(a < to and at < b for a, b in taken):
                continue
            echo = Mention(stand.article, stand.sentence, at, to, text[at:to], stand.label)
            found[echo] = stand
    return found


def _verb(masked: str, m: Mention) -> tuple[float, float, float, int | None]:
    """Whether ``m`` is the subject of a verb of saying right after it ("Trump said",
    "Ramos, 58, told"), stands right after one ("replied Sanders"), or is the listener
    after "told"; and where that verb is."""
    after = SAYING.search(masked, m.end, m.end + 120)
    if after is not None and _joined(masked[m.end : after.start()]):
        return 1.0, 0.0, 0.0, after.start()
    lead = masked[max(0, m.start - 40) : m.start]
    for verb in SAYING.finditer(lead):
        if not lead[verb.end() :].strip():
            at = m.start - len(lead) + verb.start()
            if _TOLD.fullmatch(verb.group()):
                return 0.0, 0.0, 1.0, at
            return 0.0, 1.0, 0.0, at
    return 0.0, 0.0, 0.0, None


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


def _line_end(where: Quoted, line: int) -> int:
    return where.lines[line + 1] - 1 if line + 1 < len(where.lines) else len(where.text)


def _inside(spans: Sequence[tuple[int, int]], at: int) -> bool:
    i = bisect_left(spans, (at + 1, 0)) - 1
    return i >= 0 and spans[i][0] < at < spans[i][1]


def _last(name: str) -> str:
    words = name.lower().replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""
