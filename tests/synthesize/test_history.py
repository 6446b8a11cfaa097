"""What a story gained since a time, read off one brief and each article's storing
time: new articles and outlets, each value of a fact first reported since (and what it
replaced), who reported each value first, and who still gives an older one."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import TOLL_EARLY, TOLL_LATER, brief_of
from storyline.model import Brief
from storyline.synthesize.history import history

T0 = dt.datetime(2026, 11, 30, 9, 0)
T1 = dt.datetime(2026, 11, 30, 11, 0)


@pytest.fixture(scope="module")
def fire() -> Brief:
    return brief_of(TOLL_EARLY["text"], TOLL_LATER["text"])


def killed(brief: Brief) -> str:
    fact = next(f for f in brief.facts if "kill" in f.about)
    return fact.about


def test_a_value_reported_later_replaces_the_earlier_one(fire: Brief) -> None:
    found = history(fire, [T0, T1], since=T0 + dt.timedelta(minutes=1))
    (change,) = [c for c in found.changes if c.about == killed(fire)]
    assert (change.before, change.after) == ("12", "15")
    assert change.first.source.outlet == "Outlet 1" and change.first.at == T1
    assert change.behind == ("Outlet 0",)


def test_new_articles_and_outlets_are_those_stored_after(fire: Brief) -> None:
    found = history(fire, [T0, T1], since=T0 + dt.timedelta(minutes=1))
    assert found.new_articles == (1,)
    assert found.new_outlets == ("Outlet 1",)


def test_everything_is_new_since_before_the_first_article(fire: Brief) -> None:
    found = history(fire, [T0, T1], since=T0 - dt.timedelta(days=1))
    first_values = [c for c in found.changes if c.about == killed(fire)]
    assert [(c.before, c.after) for c in first_values] == [(None, "12"), ("12", "15")]
    assert found.new_articles == (0, 1)


def test_nothing_is_new_since_the_last_article(fire: Brief) -> None:
    found = history(fire, [T0, T1], since=T1)
    assert found.changes == () and found.new_articles == () and found.new_outlets == ()


def test_each_value_is_credited_to_whoever_reported_it_first(fire: Brief) -> None:
    found = history(fire, [T1, T0], since=T1)  # the later text was stored first
    values = {f.value: f for f in found.firsts if f.about == killed(fire)}
    assert values["15"].source.outlet == "Outlet 1" and values["15"].at == T0
    assert values["12"].source.outlet == "Outlet 0" and values["12"].at == T1
    assert [f.at for f in found.firsts] == sorted(f.at for f in found.firsts)
