"""`storyline story ID --since TIME`: what a stored story gained since a time, from a
store filled in two steps as a watch fills it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES, STORIES, store_in_two_steps
from storyline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db, between = store_in_two_steps(tmp_path_factory.mktemp("history"))
    return db, between.isoformat()


def test_a_changed_figure_names_who_changed_it_and_who_did_not(store: tuple[str, str]) -> None:
    db, between = store
    result = runner.invoke(app, ["story", "1", "--db", db, "--since", between])
    assert result.exit_code == 0, result.output
    assert "1 new articles; Daily Lantern: Port Aldren warehouse fire toll rises to 15" in (
        result.stdout
    )
    assert "killed people: 12 → 15, first reported by Daily Lantern" in result.stdout
    assert "still an older value: Coast Courier" in result.stdout


def test_the_json_says_the_same_with_spans(store: tuple[str, str]) -> None:
    db, between = store
    result = runner.invoke(app, ["story", "1", "--db", db, "--since", between, "--json"])
    data = json.loads(result.stdout)
    (change,) = [c for c in data["since"]["changes"] if c["about"] == "killed people"]
    assert (change["before"], change["after"], change["behind"]) == ("12", "15", ["Coast Courier"])
    source = change["first"]["source"]
    text = data["brief"]["articles"][source["article"]]["text"]
    assert text[source["start"] : source["end"]] == "15"
    assert all(a["stored_at"] for a in data["articles"])


def test_a_span_ago_is_a_time(store: tuple[str, str]) -> None:
    db, _ = store
    result = runner.invoke(app, ["story", "1", "--db", db, "--since", "1h"])
    assert result.exit_code == 0
    assert "2 new articles" in result.stdout


def test_a_time_that_is_not_one_is_one_line(store: tuple[str, str]) -> None:
    db, _ = store
    result = runner.invoke(app, ["story", "1", "--db", db, "--since", "yesterday-ish"])
    assert result.exit_code == 2
    assert result.stderr.startswith("storyline: error: --since expects a date")


@pytest.fixture(scope="module")
def busier(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The toll story, then the example stories stored after it; a time between."""
    db, _ = store_in_two_steps(tmp_path_factory.mktemp("busier"))
    between = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    return db, between


def headlines(db: str, *options: str) -> list[str]:
    result = runner.invoke(app, ["stories", "--db", db, "--json", *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["headline"] for line in result.stdout.splitlines()]


def test_by_activity_the_latest_to_change_come_first(busier: tuple[str, str]) -> None:
    db, _ = busier
    listed = headlines(db, "--order", "activity")
    assert len(listed) == 1 + len(STORIES)
    assert "arehouse" in listed[-1]


def test_a_time_picks_the_stories_that_changed_since(busier: tuple[str, str]) -> None:
    db, between = busier
    listed = headlines(db, "--since", between)
    assert len(listed) == len(STORIES)
    assert not any("arehouse" in h for h in listed)


def test_an_outlet_picks_the_stories_it_reported(busier: tuple[str, str]) -> None:
    db, _ = busier
    assert len(headlines(db, "--outlet", "Daily Lantern")) == 1
    assert headlines(db, "--outlet", "Nobody") == []
