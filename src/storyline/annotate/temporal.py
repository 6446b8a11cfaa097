"""Dates: spaCy finds DATE spans, dateparser resolves them against the article's own
publication day (``RELATIVE_BASE``), so "on Tuesday" in an 18 November 2015 article is
17 November 2015.

Two rules are ours, because dateparser cannot know them: a span is only a point in time
if it names one (a month, a weekday, a year, "yesterday", "last week", "two days ago"),
so durations ("four days", "the last 48 days") are not dated; and a bare weekday is the
past one unless the sentence speaks of the future ("will", "is due to", "next").
Without a publication date only spans that carry their own year are resolved; the rest
are kept with no date rather than guessed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from storyline.annotate.nlp import Parsed
from storyline.lexicon import QUOTED_SPAN, SAYING
from storyline.model import When

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|"
    r"June|July|August|September|October|November|December"
)
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_POINT = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|yesterday|today|tomorrow|tonight|\d{{4}}|"
    r"\d{1,2}/\d{1,2}/\d{2,4}|ago|(?:last|next|this) (?:week|month|year|weekend))\b",
    re.IGNORECASE,
)
_DAY_NAMED = re.compile(rf"\b(?:{_WEEKDAY}|yesterday|today|tomorrow)\b", re.IGNORECASE)
_DECADE = re.compile(r"\d{4}s\b|\d0s\b")
_OWN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WEEKDAY_ONLY = re.compile(rf"\b(?:{_WEEKDAY})\b", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|due to|set to|set for|scheduled|to be held|(?<!had )plans? to|"
    r"expected to|next|"
    r"pending|upcoming)\b",
    re.IGNORECASE,
)
_SAID_ON = re.compile(rf"(?:{SAYING.pattern})(?:\s+(?:on|late|early|last))?\s*$", re.IGNORECASE)
_NAMED_MONTH = re.compile(rf"\b(?:{_MONTH})", re.IGNORECASE)
_PRECISION = {"day": 10, "month": 7, "year": 4}
# The part of a longer expression that names the day, month or year ("late Sunday
# evening", "This June, 2013", "the spring of 2017", "mid-November"), most precise first.
_CORES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?\b",
        rf"\b(?:{_MONTH}),? \d{{4}}\b",
        rf"\b(?:{_WEEKDAY})\b",
        r"\b(?:1[89]|20)\d\d\b",
        rf"(?<![a-z])(?:{_MONTH})\b",
        r"\b(?:this|last|next) (?:week|month|year)\b",  # "earlier this month"
        r"\b(?:yesterday|today|tomorrow)\b",  # "late yesterday"
    )
)
# Words that say which way a named month lies ("last May", "April next year"), which
# dateparser does not always follow.
_BACK = re.compile(r"\b(?:last|previous|ago)\b", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:next|coming)\b", re.IGNORECASE)
HALF_YEAR = dt.timedelta(days=183)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TRIM = re.compile(r"^(?:on|in|since|by|from|until|of|at)\s+", re.IGNORECASE)


def whens(piece: Parsed, published: dt.date | None, *, inferred: bool = False) -> list[When]:
    """``inferred``: ``published`` is the story's day, not the article's own."""
    told = QUOTED_SPAN.sub(" ", piece.context)  # "will" inside a quote is the speaker's tense
    found = []
    for ent in piece.doc.ents:
        if not _dated(ent.label_, ent.text):
            continue
        start = piece.start + ent.start_char
        # "said Friday it will…": the day of the saying is past, whatever is said of later
        said = bool(_SAID_ON.search(piece.doc.text[: ent.start_char]))
        date = resolve(ent.text, published, future=not said and bool(_FUTURE.search(told)))
        found.append(
            When(
                piece.article,
                piece.sentence,
                start,
                start + len(ent.text),
                ent.text,
                date,
                inferred=inferred and date is not None,
            )
        )
    return found


def _dated(label: str, text: str) -> bool:
    """A DATE span that names a point in time, or a TIME span that names its day
    ("Thursday morning", "late last night" is no day): spaCy often calls those a time."""
    if label == "TIME":
        return bool(_DAY_NAMED.search(text))
    return label == "DATE" and bool(_POINT.search(text)) and not _DECADE.search(text)


def resolve(expression: str, published: dt.date | None, *, future: bool = False) -> str | None:
    """ISO date at the expression's precision, or None when it cannot be pinned down."""
    expression = _TRIM.sub("", expression.strip())
    if published is None and not _OWN_YEAR.search(expression):
        return None
    base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time())
    data = _parser(base).get_date_data(expression)
    if data.date_obj is None:  # "late Sunday evening": try the part that names the day
        core = next((m for p in _CORES if (m := p.search(expression))), None)
        data = _parser(base).get_date_data(core.group()) if core else data
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if published and not _OWN_YEAR.search(expression):
        if future and _WEEKDAY_ONLY.fullmatch(expression):
            # The coming one, today's included: "will meet on Monday" said on a Monday.
            ahead = _WEEKDAYS.index(expression.strip().lower()) - published.weekday()
            day = published + dt.timedelta(days=ahead % 7)
        elif _NAMED_MONTH.search(expression):
            day = _nearest_year(day, published, expression, future=future)
    if data.period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return str(day.isoformat()[: _PRECISION.get(data.period or "day", 10)])


def _nearest_year(day: dt.date, published: dt.date, expression: str, *, future: bool) -> dt.date:
    """The year of a month or a day named without one. "last May" is the one before the
    report and "April next year" the one after; otherwise news tells the past, so the
    last such day, unless the next one is less than half as far (a report of 27 October
    naming "Dec. 1" means the coming one; of 10 March naming "September", the last one)
    or, within half a year, the sentence speaks of the future."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        with contextlib.suppress(ValueError):  # 29 February
            candidates.append(day.replace(year=year))
    past = max((c for c in candidates if c <= published), default=None)
    coming = min((c for c in candidates if c > published), default=None)
    if past is None or coming is None or _BACK.search(expression):
        return past or coming or day
    if _AHEAD.search(expression):
        return coming
    near = (coming - published) * 2 < published - past
    return coming if near or (future and coming - published <= HALF_YEAR) else past


@lru_cache(maxsize=256)
def _parser(base: dt.datetime) -> DateDataParser:
    settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)
