"""Dated events (synthesize/timeline.py): a relative date resolved against the day of the
article that wrote it; in an undated article, against its story's day and marked
inferred; left undated when nothing dates it."""

from __future__ import annotations

import datetime as dt

from helpers import brief_of
from storyline.ingest import text_article
from storyline.model import Brief
from storyline.render import render_json, render_markdown
from storyline.run.brief import brief_articles

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


def test_an_undated_articles_weekday_is_read_against_its_storys_day_and_marked() -> None:
    dated = text_article("a.txt", "The bridge was closed for repairs after the storm on Monday.",
                         outlet="Metro Wire", published=dt.date(2026, 3, 11))  # fmt: skip
    undated = text_article("b.txt", "Crews reopened the harbour road on Tuesday, the council said.",
                           outlet="Coastline Daily")  # fmt: skip
    result = brief_articles([dated, undated], words=60)
    by_text = {e.expressions[0]: e for e in result.timeline}
    assert (by_text["Monday"].date, by_text["Monday"].inferred) == ("2026-03-09", False)
    assert (by_text["Tuesday"].date, by_text["Tuesday"].inferred) == ("2026-03-10", True)
    assert "inferred: its sources are undated" in render_markdown(result)
    assert '"inferred": true' in render_json(result)
    alone = brief_articles([undated], words=60)
    assert [(e.date, e.inferred) for e in alone.timeline] == [(None, False)]
