"""Threads, the level above stories (group/stories.py): a store whose stories 1 and 2
share a thread and story 3 stands alone, read through the API, the web pages and
`storyline stories`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app
from storyline.group.features import features
from storyline.model import Article, Markup
from storyline.serve.app import create_app
from storyline.store import Store
from storyline.store.rows import Entry

HEADLINES = {
    1: ("Schumer meets Xi in Beijing", 1),
    2: ("Xi presses Schumer on chip exports", 1),
    3: ("Storm Idris floods the Tamber valley", 3),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("threads") / "store.db"
    entries = []
    for seq, (story, (title, thread)) in enumerate(HEADLINES.items(), start=1):
        article = Article(
            f"a{story}", f"in:{story}", "Marrow Post", Markup.TEXT, "", f"{title}.",
            title=title, published=dt.date(2026, 5, 4),
        )  # fmt: skip
        entries.append(Entry(article, features(article), story, seq, thread=thread))
    with Store(db) as store:
        store.write(entries)
    return db


def test_the_api_lists_a_thread_and_a_story_names_its_related_ones(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        thread = client.get("/api/threads/1").json()
        assert sorted(s["id"] for s in thread["stories"]) == [1, 2]
        story = client.get("/api/stories/2").json()
        assert (story["thread"], story["stories_in_thread"]) == (1, 2)
        assert [r["id"] for r in story["related"]] == [1]
        assert client.get("/api/stories/3").json()["related"] == []
        assert client.get("/api/threads/99").status_code == 404


def test_the_pages_link_a_story_to_its_thread(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        listing = client.get("/").text
        assert 'href="/threads/1"' in listing and 'href="/threads/3"' not in listing
        thread = client.get("/threads/1").text
        assert HEADLINES[1][0] in thread and HEADLINES[2][0] in thread
        assert HEADLINES[3][0] not in thread
        assert "Related stories" in client.get("/stories/1").text


def test_stories_shows_a_threads_stories_together(db: Path) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", str(db)])
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 3
    related = [i for i, line in enumerate(lines) if "↳" in line]
    assert len(related) == 1
    above = lines[related[0] - 1]
    assert "Schumer" in above and "Schumer" in lines[related[0]]


def test_a_long_thread_is_cut_short_in_the_list_and_whole_with_thread(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storyline.cli.THREAD_SHOWN", 0)
    listing = CliRunner().invoke(app, ["stories", "--db", str(db)]).stdout
    assert "… 1 more in this thread: storyline stories --thread 1" in listing
    assert sum("Schumer" in line for line in listing.splitlines()) == 1
    whole = CliRunner().invoke(app, ["stories", "--db", str(db), "--thread", "1"])
    assert whole.exit_code == 0 and sum("Schumer" in x for x in whole.stdout.splitlines()) == 2
    missing = CliRunner().invoke(app, ["stories", "--db", str(db), "--thread", "99"])
    assert missing.exit_code == 2 and "no thread 99" in missing.stderr
