"""The commands over a store (cli.py): `storyline ingest`, `stories`, `story` and
`brief --story`, and their errors, each one line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES, write
from storyline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of the example stories, made by `storyline ingest`."""
    db = str(tmp_path_factory.mktemp("cli") / "cli.db")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def listed(db: str) -> list[dict]:
    """What `storyline stories --json` lists."""
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    return [json.loads(line) for line in listing.stdout.splitlines()]


def bridge(db: str) -> str:
    """The id of the harbour-bridge story."""
    return str(next(s for s in listed(db) if "Port Aldren" in s["headline"])["id"])


def test_ingest_reports_what_it_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 9 articles" in result.stderr


def test_stories_lists_each_story_with_its_outlets(db: str) -> None:
    stories = listed(db)
    assert len(stories) == 3 and all(len(s["outlets"]) == 3 for s in stories)


def test_stories_since_a_day_lists_only_the_later_ones(db: str) -> None:
    recent = runner.invoke(app, ["stories", "--db", db, "--json", "--since", "2026-05-01"])
    assert len(recent.stdout.splitlines()) == 2


def test_story_shows_its_articles(db: str) -> None:
    shown = runner.invoke(app, ["story", bridge(db), "--db", db])
    assert shown.exit_code == 0 and "Metro Wire" in shown.stdout


def test_brief_of_a_stored_story(db: str) -> None:
    brief = runner.invoke(app, ["brief", "--story", bridge(db), "--db", db, "-f", "json"])
    data = json.loads(brief.stdout)
    assert data["sentences"] and len(data["articles"]) == 3
    for sentence in data["sentences"]:
        for src in sentence["sources"]:
            assert data["articles"][src["article"]]["text"][src["start"] : src["end"]]


def chip_plant(tmp_path: Path) -> str:
    """A store of one example story."""
    db = str(tmp_path / "e.db")
    runner.invoke(app, ["ingest", str(EXAMPLES / "chip-plant"), "--db", db])
    return db


def test_stories_without_a_store_is_one_line_and_creates_none(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    no_store = runner.invoke(app, ["stories", "--db", db])
    assert no_store.exit_code == 2 and "no store at" in no_store.stderr
    assert not Path(db).exists()


def test_an_unknown_story_is_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["story", "42", "--db", chip_plant(tmp_path)])
    assert missing.exit_code == 2 and missing.stderr.strip() == "storyline: error: no story 42"


def test_a_since_that_is_not_a_date_is_one_line(tmp_path: Path) -> None:
    bad_date = runner.invoke(app, ["stories", "--db", chip_plant(tmp_path), "--since", "yesterday"])
    assert bad_date.exit_code == 2 and "--since expects a date" in bad_date.stderr


def test_ingest_of_a_missing_input_is_one_line(tmp_path: Path) -> None:
    nothing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", chip_plant(tmp_path)])
    assert nothing.exit_code == 2 and "no such file" in nothing.stderr


def test_a_file_that_is_not_a_store_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "ro" / "x.db", b"not a database at all, just bytes" * 100)
    broken = runner.invoke(app, ["stories", "--db", str(tmp_path / "ro" / "x.db")])
    assert broken.exit_code == 2 and "cannot open the store" in broken.stderr
    assert "Traceback" not in broken.output
