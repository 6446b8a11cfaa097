"""A date expression resolved to a calendar date (annotate/temporal.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import annotated
from storyline.annotate.temporal import resolve
from storyline.model import When

BASE = dt.date(2017, 11, 21)


def whens_of(text: str, published: dt.date = dt.date(2026, 11, 28)) -> list[When]:
    return list(annotated(text, published=published).whens)


def dated(text: str, published: dt.date = dt.date(2026, 11, 28)) -> set[tuple[str, str | None]]:
    return {(w.text, w.date) for w in whens_of(text, published)}


@pytest.mark.parametrize(
    ("expression", "base", "options", "expected"),
    [
        ("This June, 2013", BASE, {}, "2013-06"),
        ("the spring of 2017", BASE, {}, "2017"),
        ("mid-November", BASE, {}, "2017-11"),
        ("Nov. 29", BASE, {"future": True}, "2017-11-29"),
        ("in September", dt.date(2026, 3, 10), {}, "2025-09"),  # the last September
        ("Tuesday", None, {}, None),  # no base, no guess
        # a month or day named without its year: the nearer one, news telling the past
        ("Dec. 1", dt.date(2026, 10, 27), {}, "2026-12-01"),
        ("payable Jan. 2", dt.date(2026, 11, 20), {}, "2027-01-02"),
        ("Aug. 7", dt.date(2026, 8, 18), {"future": True}, "2026-08-07"),
        ("October", dt.date(2026, 4, 19), {}, "2025-10"),
        ("last October", dt.date(2026, 5, 5), {}, "2025-10"),
        ("April next year", dt.date(2026, 12, 3), {}, "2027-04"),
        # "this": the report's own year, however near the other one is
        ("February this year", dt.date(2026, 12, 3), {}, "2026-02"),
        ("this September", dt.date(2026, 2, 5), {"future": True}, "2026-09"),
        ("the fiscal year ended Jan. 31", dt.date(2026, 10, 27), {}, "2026-01-31"),
        # years written out, as broadcast transcripts have them
        ("nineteen ninety-six", BASE, {}, "1996"),
        ("January nineteen ninety-seven", BASE, {}, "1997-01"),
        ("the year two thousand", BASE, {}, "2000"),
        ("some two thousand years ago", BASE, {}, None),  # a count of years, not one
        # the coming weekday when the sentence speaks of the future, today's included
        ("Monday", dt.date(2026, 11, 30), {"future": True}, "2026-11-30"),
        ("Friday", dt.date(2026, 11, 30), {"future": True}, "2026-12-04"),
        # a relative core inside a longer expression
        ("earlier this month", dt.date(2026, 11, 30), {}, "2026-11"),
        ("late yesterday", dt.date(2026, 11, 30), {}, "2026-11-29"),
        ("early next year", dt.date(2026, 11, 30), {}, "2027"),
    ],
)
def test_dates_inside_longer_expressions_resolve(
    expression: str, base: dt.date | None, options: dict[str, bool], expected: str | None
) -> None:
    assert resolve(expression, base, **options) == expected


@pytest.mark.parametrize(
    ("expression", "base", "options", "expected"),
    [
        # the last one, unless the next is much nearer or the sentence speaks of it
        ("Thanksgiving Day", dt.date(2000, 1, 7), {}, "1999-11-25"),
        ("last Thanksgiving", dt.date(2000, 2, 10), {}, "1999-11-25"),
        ("Election Day", dt.date(1998, 10, 26), {}, "1998-11-03"),
        ("Christmas", dt.date(2026, 9, 1), {"future": True}, "2026-12-25"),
        ("Easter Sunday", dt.date(2026, 11, 28), {}, "2026-04-05"),
        ("Memorial Day", dt.date(2026, 11, 28), {}, "2026-05-25"),
        ("Christmas 1997", BASE, {}, "1997-12-25"),
        ("Easter week", dt.date(2000, 4, 17), {}, None),  # a week, not the day
        ("Christmas", None, {}, None),
    ],
)
def test_a_holiday_is_its_day(
    expression: str, base: dt.date | None, options: dict[str, bool], expected: str | None
) -> None:
    assert resolve(expression, base, **options) == expected


def test_a_holiday_is_found_where_spacy_calls_it_an_event_or_nothing() -> None:
    found = dated(
        "Stores closed on Thanksgiving Day, and since last Christmas sales have slowed.",
        dt.date(2026, 12, 10),
    )
    assert ("Thanksgiving Day", "2026-11-26") in found
    assert ("last Christmas", "2025-12-25") in found


def test_a_period_is_dated_with_the_word_before_it() -> None:
    """spaCy reads "year" alone in "this year's election": the word before dates it."""
    found = dated("Supporters urged him to run in this year's election, officials said.")
    assert ("this year", "2026") in found


def test_the_day_of_a_saying_is_past_whatever_is_said_of_later() -> None:
    assert dated("Norrin said Friday it will open the plant in Halden.") == {
        ("Friday", "2026-11-27")
    }


def test_a_time_that_names_its_day_is_dated() -> None:
    found = dated("Police arrived on Sunday night, officials said.")  # spaCy: a TIME
    assert ("Sunday night", "2026-11-22") in found


PAST_FRIDAY, COMING_MONDAY = ("Friday", "2026-11-27"), ("Monday", "2026-11-30")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "next to" a place, or "next year", says nothing of the sentence's weekday
        ("Two bombs went off next to the embassies in Halden on Friday.", PAST_FRIDAY),
        ("Norrin posted a loss on Friday and hopes for a turnaround next year.", PAST_FRIDAY),
        # a plan or a hope does: the coming one
        ("Protesters were planning to march through Halden on Monday.", COMING_MONDAY),
        ("The ferry could sail as soon as Monday, officials said.", COMING_MONDAY),
    ],
)
def test_a_weekday_is_the_coming_one_only_when_the_sentence_speaks_of_the_future(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in dated(text)  # published on Saturday 28 November 2026


def test_a_year_written_out_is_dated_and_other_numbers_are_left_alone() -> None:
    found = dated("In nineteen ninety-one Keller was convicted; three days ago he spoke.")
    assert ("nineteen ninety-one", "1991") in found
    assert ("three days ago", "2026-11-25") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kessel sold his shares between 2015 and 2019.", {("2015", "2015"), ("2019", "2019")}),
        (
            "Norrin bought shares from Nov. 2 to Thursday.",
            {("Nov. 2", "2026-11-02"), ("Thursday", "2026-11-26")},
        ),
        (
            "Talks were held on April 24 and 25 in Halden.",
            {("April 24", "2026-04-24"), ("25", "2026-04-25")},
        ),
        (
            "Talks were held Oct. 12-13, 2021 in Halden.",
            {("Oct. 12", "2021-10-12"), ("13, 2021", "2021-10-13")},
        ),
    ],
)
def test_a_range_is_its_two_dates_each_with_its_own_span(
    text: str, expected: set[tuple[str, str]]
) -> None:
    whens = whens_of(text)
    assert {(w.text, w.date) for w in whens} == expected
    assert all(text[w.start : w.end] == w.text for w in whens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profit rose to $5.1 million from $4.2 million a year ago.", None),
        ("Ticket sales were 12% higher than a year ago.", None),
        ("The fare rose to $5.50 from $4.50 a year ago.", None),  # a decimal point ends nothing
        ("A year ago, the bridge was closed for repairs.", "2025"),
    ],
)
def test_a_figure_compared_with_a_year_ago_is_not_given_a_day_or_year(
    text: str, expected: str | None
) -> None:
    """ "from $4.2 million a year ago" compares with the same period a year before (a
    quarter, a month), which the sentence does not name: undated, not the report's day
    a year back. A year ago told on its own is dated."""
    assert {w.text.lower(): w.date for w in whens_of(text)} == {"a year ago": expected}
