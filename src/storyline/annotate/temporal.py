"""Dates: spaCy finds DATE spans, dateparser resolves them against the article's own
publication day (``RELATIVE_BASE``), so "on Tuesday" in an 18 November 2015 article is
17 November 2015.

Two rules are ours, because dateparser cannot know them: a span is only a point in time
if it names one (a month, a weekday, a year, "yesterday", "last week", "two days ago"),
so durations ("four days", "the last 48 days") are not dated; and a bare weekday is the
past one unless the sentence speaks of the future ("will", "is due to", "next").
Without a publication date only spans that carry their own year are resolved; the rest
are kept with no date rather than guessed.

Each language the fact layer reads has its ``Calendar`` of such words; in French the
spans themselves are ours (``_FRENCH_POINT``), the French pipeline finding no dates, and
dateparser reads them in French ("mardi" in a report of Wednesday 18 November 2026 is
17 November 2026, "vendredi prochain" the coming Friday).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from dateparser.date import DateDataParser
from text_to_num import alpha2digit

from storyline.annotate.nlp import Parsed
from storyline.lexicon import HOLIDAY, HOLIDAYS, QUOTED_SPAN, SAYING
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
_DAY_FIRST = re.compile(r"\d{1,2}\b(?!\s*(?:[-/.]|\d))")
_RANGE = re.compile(
    r"(?:(?:between|from)\s+)?(?P<first>.+?)"
    r"(?:\s+(?:to|and|through|until|till)\s+|(?<=\d)\s*[-–]\s*(?=\d))(?P<second>.+)",
    re.IGNORECASE,
)
_OWN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# The first word of a year written out ("nineteen ninety-six", "two thousand and one"), as
# broadcast transcripts write them; text2num reads the words, we join the two halves.
_SPELLED_YEAR = re.compile(
    r"\b(?:eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thousand)\b", re.I
)
_COUNTED = re.compile(r"\s+(?:years?|months?|weeks?|days?)\b", re.I)
_YEAR_HALVES = re.compile(r"\b(1[1-9]|20) (\d\d)\b")
_SAID_ON = re.compile(rf"(?:{SAYING.pattern})(?:\s+(?:on|late|early|last))?\s*$", re.IGNORECASE)
# "from $4 million a year ago": a figure compared with the same period a year before (a
# quarter, a month, nine months), which the sentence does not name; no day or year is
# faithful to it, so such an expression stays undated.
_YEAR_AGO = re.compile(r"^(?:a|one) year (?:ago|earlier|before)$", re.IGNORECASE)
_COMPARED = re.compile(
    r"(?:[$£€¥]\s?\d|\d\s?%|\d\s+(?:million|billion|cents?|percent|pence)\b|"
    r"\b(?:from|compared|than|versus)\b)(?:[^.;!?]|[.;!?](?=\S))*$",  # "$4.2" is no end
    re.IGNORECASE,
)
_PRECISION = {"day": 10, "month": 7, "year": 4}
HALF_YEAR = dt.timedelta(days=183)
# What may stand around a holiday's name in an expression of its day ("last Christmas",
# "Thanksgiving Day morning"); any other word makes it another span ("Easter week").
_AROUND_A_HOLIDAY = frozenset(
    {"on", "the", "last", "next", "this", "coming", "past", "day", "eve", "morning", "night"}
)
_HOLIDAY_WORD = re.compile(r"[^\W\d_]+")
_PERIOD_DETERMINER = re.compile(r"\b(?:this|last|next)\s+$", re.IGNORECASE)
_PERIOD = re.compile(r"(?:week|month|year)(?:end)?\b", re.IGNORECASE)
_LAST_HOLIDAY = re.compile(rf"\b(?:last|next|this)\s+(?:{'|'.join(HOLIDAYS)})(?!\w)", re.I)


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Calendar:
    """A language's words for naming days, which dateparser does not weigh as we do."""

    weekdays: tuple[str, ...]  # Monday first, lower case
    month: str  # the pattern of a month's name
    # The part of a longer expression that names the day, month or year ("late Sunday
    # evening", "This June, 2013", "the spring of 2017", "mid-November"), most precise
    # first: what dateparser is given when it cannot read the whole.
    cores: tuple[str, ...]
    back: str  # words that say a named day lies before the report ("last May")
    ahead: str  # and after it ("April next year")
    this: str  # and in the report's own year ("this September", "February this year")
    future: str  # words that say the sentence speaks of the future
    trim: str  # words before an expression that are not part of the date ("on", "since")

    @cached_property
    def patterns(self) -> _Patterns:
        weekday = "|".join(self.weekdays)
        return _Patterns(
            weekday=re.compile(rf"\b(?:{weekday})\b", re.IGNORECASE),
            month=re.compile(rf"\b(?:{self.month})", re.IGNORECASE),
            cores=tuple(re.compile(c, re.IGNORECASE) for c in self.cores),
            back=_words(self.back),
            ahead=_words(self.ahead),
            this=_words(self.this),
            future=_words(self.future),
            trim=re.compile(rf"^(?:{self.trim})\s+", re.IGNORECASE),
        )


@dataclass(frozen=True)
class _Patterns:
    weekday: re.Pattern[str]
    month: re.Pattern[str]
    cores: tuple[re.Pattern[str], ...]
    back: re.Pattern[str]
    ahead: re.Pattern[str]
    this: re.Pattern[str]
    future: re.Pattern[str]
    trim: re.Pattern[str]


ENGLISH = Calendar(
    weekdays=tuple(_WEEKDAY.lower().split("|")),
    month=_MONTH,
    cores=(
        rf"\b(?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?\b",
        rf"\b(?:{_MONTH}),? \d{{4}}\b",
        rf"\b(?:{_WEEKDAY})\b",
        r"\b(?:1[89]|20)\d\d\b",
        rf"(?<![a-z])(?:{_MONTH})\b",
        r"\b(?:this|last|next) (?:week|month|year)\b",  # "earlier this month"
        r"\b(?:yesterday|today|tomorrow)\b",  # "late yesterday"
    ),
    back=r"last|previous|ago|ended",  # "the year ended March 31"
    ahead=r"next|coming",
    this=r"this",
    future=(
        r"will|shall|due to|set to|set for|scheduled|to be held|expected to|pending|"
        r"upcoming|(?<!had )plan(?:s|ned|ning)? to|as soon as|"
        # "next" but not "next to", nor "next year", which dates itself, not the sentence
        rf"next(?!\s+(?:to|week|month|year|weekend|{_WEEKDAY}|{_MONTH})\b)"
    ),
    trim=r"on|in|since|by|from|until|of|at",
)
_MOIS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
    r"d[ée]cembre"
)
_JOUR = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_QUANTIEME = r"(?:1er|\d{1,2})"
FRENCH = Calendar(
    weekdays=tuple(_JOUR.split("|")),
    month=_MOIS,
    cores=(
        rf"\b{_QUANTIEME} (?:{_MOIS})(?: \d{{4}})?\b",
        rf"\b(?:{_MOIS}) \d{{4}}\b",
        rf"\b(?:{_JOUR})\b",
        r"\b(?:1[89]|20)\d\d\b",
        rf"\b(?:{_MOIS})\b",
        r"\b(?:la semaine|le mois|l'année) (?:derni[eè]re?|prochaine?)\b",
        r"\b(?:avant-hier|hier|aujourd'hui|après-demain|demain)\b",
    ),
    back=r"derni[eè]re?|pass[ée]e?|précédente?",
    ahead=r"prochaine?",
    this=r"cette année",
    future=(
        r"va|vont|doit|doivent|devrait|devraient|sera|seront|aura lieu|auront lieu|"
        r"prévue?s?|prochaine?"
    ),
    trim=r"depuis|dès|jusqu'au|jusqu'à|au|du|à|en|ce|cette",
)
CALENDARS = {"en": ENGLISH, "fr": FRENCH}
# What names a day, a month or a year in French text. The French pipeline finds no dates
# (its entities are people, places, organisations and others), so these are the spans: a
# month's name only with a day, a year or a word that makes it one ("en mai"), since
# "mars" alone may be the planet.
_FRENCH_POINT = re.compile(
    rf"\b(?:(?:{_JOUR})(?:\s+{_QUANTIEME}(?:\s+(?:{_MOIS}))?(?:\s+\d{{4}})?)?"
    r"(?:\s+(?:matin|midi|après-midi|soir|dernier|prochain))?"
    rf"|{_QUANTIEME}\s+(?:{_MOIS})(?:\s+\d{{4}})?"
    rf"|(?:{_MOIS})\s+(?:dernier|prochain|\d{{4}})"
    rf"|(?:en|début|fin|mi-)\s*(?:{_MOIS})"
    r"|avant-hier|hier(?:\s+(?:matin|midi|soir))?|aujourd'hui|après-demain|demain"
    r"|(?:la\s+)?semaine\s+(?:derni[eè]re|prochaine)|le\s+mois\s+(?:dernier|prochain)"
    r"|l'an(?:née)?\s+(?:derni[eè]re?|prochaine?)"
    r"|il\s+y\s+a\s+(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
    r"(?:jours?|semaines?|mois|ans|années?)"
    r"|en\s+(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


def whens(piece: Parsed, published: dt.date | None, *, inferred: bool = False) -> list[When]:
    """``inferred``: ``published`` is the story's day, not the article's own."""
    told = QUOTED_SPAN.sub(" ", piece.context)  # "will" inside a quote is the speaker's tense
    calendar = CALENDARS[piece.lang]
    found = []
    for at, text, read in _spans(piece):
        start = piece.start + at
        # "said Friday it will…": the day of the saying is past, whatever is said of later
        said = bool(_SAID_ON.search(piece.doc.text[:at]))
        future = not said and bool(calendar.patterns.future.search(told))
        date = resolve(read, published, future=future, lang=piece.lang)
        if _YEAR_AGO.match(text.strip()) and _COMPARED.search(piece.doc.text[:at]):
            date = None
        found.append(
            When(
                piece.article,
                piece.sentence,
                start,
                start + len(text),
                text,
                date,
                inferred=inferred and date is not None,
            )
        )
    return found


def _spans(piece: Parsed) -> Iterator[tuple[int, str, str]]:
    """Where each date expression of the piece starts, its words, and what to read."""
    if piece.lang == "fr":
        for match in _FRENCH_POINT.finditer(piece.doc.text):
            yield match.start(), match.group(), match.group()
        return
    found = []
    for ent in piece.doc.ents:
        at, text = _with_its_determiner(ent.start_char, ent.text, piece.doc.text)
        if _dated(ent.label_, text):
            found += _ends(at, text)
        elif ent.label_ == "EVENT" and HOLIDAY.fullmatch(ent.text):  # "Thanksgiving Day"
            found.append((ent.start_char, ent.text, ent.text))
    for match in _LAST_HOLIDAY.finditer(piece.doc.text):  # often no span at all
        if not any(at < match.end() and match.start() < at + len(text) for at, text, _ in found):
            found.append((match.start(), match.group(), match.group()))
    yield from sorted(found)


def _with_its_determiner(at: int, text: str, whole: str) -> tuple[int, str]:
    """ "this year's election": spaCy's span is "year", without the word that dates it."""
    before = _PERIOD_DETERMINER.search(whole, 0, at)
    if before is None or not _PERIOD.match(text):
        return at, text
    return before.start(), whole[before.start() : at + len(text)]


def _ends(at: int, text: str) -> list[tuple[int, str, str]]:
    """A range is its two dates, each with its own span: "between 1985 and 1987", "Sept.
    14 to Thursday". Each end is read with what the other gives it: "Oct. 12-13, 2026" is
    12 and 13 October 2026, "April 24 and 25" both in April."""
    match = _RANGE.fullmatch(text)
    if not match or not _POINT.search(match["first"]):
        return [(at, text, text)]
    first, second = match["first"], match["second"]
    month = ENGLISH.patterns.month.search(first)
    if month and _DAY_FIRST.match(second) and not ENGLISH.patterns.month.search(second):
        read = f"{month.group()} {second}"
    elif _POINT.search(second):
        read = second
    else:
        return [(at, text, text)]
    year = _OWN_YEAR.search(second)
    first_read = (
        f"{first} {year.group()}" if month and year and not _OWN_YEAR.search(first) else first
    )
    return [
        (at + match.start("first"), first, first_read),
        (at + match.start("second"), second, read),
    ]


def _dated(label: str, text: str) -> bool:
    """A DATE span that names a point in time, or a TIME span that names its day
    ("Thursday morning", "late last night" is no day): spaCy often calls those a time."""
    if label == "TIME":
        return bool(_DAY_NAMED.search(text))
    text = _in_digits(text)
    named = _POINT.search(text) or HOLIDAY.search(text)
    return label == "DATE" and bool(named) and not _DECADE.search(text)


def _in_digits(expression: str) -> str:
    """The expression with a year written out in digits; as it was if it has none."""
    if not _SPELLED_YEAR.search(expression):
        return expression
    digits = _YEAR_HALVES.sub(r"\1\2", alpha2digit(expression, "en"))
    year = _OWN_YEAR.search(digits)
    counted = year and _COUNTED.match(digits, year.end())  # "two thousand years ago"
    return digits if year and not counted else expression


def resolve(
    expression: str, published: dt.date | None, *, future: bool = False, lang: str = "en"
) -> str | None:
    """ISO date at the expression's precision, or None when it cannot be pinned down."""
    calendar = CALENDARS[lang].patterns
    expression = calendar.trim.sub("", expression.strip())
    if lang == "en":
        expression = _in_digits(expression)
    if published is None and not _OWN_YEAR.search(expression):
        return None
    holiday = HOLIDAY.search(expression) if lang == "en" else None
    if holiday is not None:
        return _holiday(holiday, expression, published, calendar, future=future)
    base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time())
    data = _parser(base, lang).get_date_data(expression)
    core = None
    if data.date_obj is None:  # "late Sunday evening": try the part that names the day
        core = next((m for p in calendar.cores if (m := p.search(expression))), None)
        data = _parser(base, lang).get_date_data(core.group()) if core else data
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if published and not _OWN_YEAR.search(expression):
        ahead = bool(core and calendar.ahead.search(expression))
        weekday = calendar.weekday.fullmatch(expression.strip())
        if core and ahead and not weekday:  # "mardi prochain": a week on, not today
            weekday = calendar.weekday.fullmatch(core.group())
        if weekday and (future or ahead):
            # The coming one, today's included: "will meet on Monday" said on a Monday.
            named = CALENDARS[lang].weekdays.index(weekday.group().lower())
            days = (named - published.weekday()) % 7 or (7 if ahead else 0)
            day = published + dt.timedelta(days=days)
        elif calendar.month.search(expression):
            day = _nearest_year(day, published, expression, calendar, future=future)
    if data.period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return str(day.isoformat()[: _PRECISION.get(data.period or "day", 10)])


def _nearest_year(
    day: dt.date, published: dt.date, expression: str, calendar: _Patterns, *, future: bool
) -> dt.date:
    """The year of a month or a day named without one (``_nearest``)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        with contextlib.suppress(ValueError):  # 29 February
            candidates.append(day.replace(year=year))
    return _nearest(candidates, published, expression, calendar, future=future) or day


def _holiday(
    name: re.Match[str],
    expression: str,
    published: dt.date | None,
    calendar: _Patterns,
    *,
    future: bool,
) -> str | None:
    """The day of a holiday (``lexicon.HOLIDAYS``) the expression names, in its own year or
    the nearest (``_nearest``); None when the expression says more than the day ("Easter
    week", "the Christmas season")."""
    rest = (expression[: name.start()] + " " + expression[name.end() :]).lower()
    if set(_HOLIDAY_WORD.findall(rest)) - _AROUND_A_HOLIDAY:
        return None
    rule = next(r for p, r in HOLIDAYS.items() if re.fullmatch(p, name.group(), re.IGNORECASE))
    year = _OWN_YEAR.search(expression)
    if year is not None:
        return rule(int(year.group())).isoformat()
    if published is None:
        return None
    candidates = [rule(y) for y in (published.year - 1, published.year, published.year + 1)]
    day = _nearest(candidates, published, expression, calendar, future=future)
    return day.isoformat() if day else None


def _nearest(
    candidates: list[dt.date],
    published: dt.date,
    expression: str,
    calendar: _Patterns,
    *,
    future: bool,
) -> dt.date | None:
    """Which of the days a name without a year may be. "last May" and "the year ended
    March 31" are before the report, "April next year" after it and "this September" in
    its own year; otherwise news tells the past, so the last such day, unless the next
    one is less than half as far (a report of 27 October naming "Dec. 1" means the coming
    one; of 10 March naming "September", the last one) or, within half a year, the
    sentence speaks of the future."""
    past = max((c for c in candidates if c <= published), default=None)
    coming = min((c for c in candidates if c > published), default=None)
    if past is None or coming is None or calendar.back.search(expression):
        return past or coming
    if calendar.ahead.search(expression):
        return coming
    if calendar.this.search(expression):
        return past if past.year == published.year else coming
    near = (coming - published) * 2 < published - past
    return coming if near or (future and coming - published <= HALF_YEAR) else past


@lru_cache(maxsize=256)
def _parser(base: dt.datetime, lang: str) -> DateDataParser:
    settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=[lang], settings=settings)
