"""Dated events (synthesize/timeline.py): a relative date resolved against the day of the
article that wrote it, and left undated without one."""

from __future__ import annotations

import datetime as dt

from helpers import brief_of
from storyline.model import Brief

MEETING = "Ministers met in Brussels on Tuesday to agree on the budget plan."


def test_seeds_tuesday_is_dated_by_its_report(seeds_brief: Brief) -> None:
    dated = {(e.date, s.outlet) for e in seeds_brief.timeline for s in e.sources}
    assert ("2015-11-17", "NewsLineToday") in dated  # "on Tuesday" in an 18 Nov 2015 report


def test_relative_dates_resolve_against_each_articles_own_day() -> None:
    monday = brief_of(MEETING, published=dt.date(2015, 11, 18))
    assert [e.date for e in monday.timeline] == ["2015-11-17"]


def test_a_relative_date_in_an_undated_article_stays_undated() -> None:
    undated = brief_of(MEETING)
    assert [(e.date, e.expressions) for e in undated.timeline] == [(None, ("Tuesday",))]
