"""A stream of feed items as `storyline ingest` meets it: headline-only and snippet items
stored and grouped, related stories under one thread, the list ranked by how widely and
how recently a story is covered (issue: stories at the grain of an event). The items are
written here for the test."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from helpers import write
from storyline.cli import app
from storyline.run.ingest import ingest
from storyline.store import Store

runner = CliRunner()

ITEMS = [
    # one outlet's two-item column, first in the stream
    ("Quill Weekly", "2026-05-04", "Allotment rents at Fenwick to stay frozen", ""),
    ("Quill Weekly", "2026-05-04", "Fenwick allotment rents frozen for a year", ""),
    # the widely covered event: headlines alone, and a one-line snippet
    ("Marrow Post", "2026-05-04", "Storm Idris floods the Tamber valley", ""),
    ("Tram Times", "2026-05-04", "Tamber valley flooded as Storm Idris hits", ""),
    ("Echo Daily", "2026-05-04", "Storm Idris: Tamber valley under water",
     "Storm Idris flooded the Tamber valley overnight."),
    ("Harbour Herald", "2026-05-04", "Floods in the Tamber valley after Storm Idris", ""),
]  # fmt: skip


def stream(folder: Path) -> Path:
    lines = [
        json.dumps({"outlet": o, "published": d, "title": t, "text": x} if x else
                   {"outlet": o, "published": d, "title": t})
        for o, d, t, x in ITEMS
    ]  # fmt: skip
    return write(folder / "feed.jsonl", "\n".join(lines) + "\n")


def test_headline_and_snippet_items_are_stored_grouped_and_marked(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        report = ingest([stream(tmp_path)], store)
        assert report.stored == len(ITEMS) and not report.problems
        rows = store.stories()
        storm = next(r for r in rows if "Idris" in (r.headline or ""))
        assert storm.articles == 4 and len(storm.outlets) == 4
        _, members = store.story(storm.id)  # type: ignore[misc]
        assert sorted(m.body for m in members) == ["headline", "headline", "headline", "snippet"]
        assert not any(m.duplicate for m in members)  # no body is not the same body


def test_the_list_ranks_the_widely_covered_story_first(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(stream(tmp_path)), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    first = json.loads(listing.stdout.splitlines()[0])
    assert "Idris" in first["headline"] and len(first["outlets"]) == 4


def test_a_brief_of_headlines_and_snippets_says_so(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(stream(tmp_path)), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    storm = next(json.loads(x) for x in listing.stdout.splitlines() if "Idris" in x)
    brief = runner.invoke(app, ["brief", "--story", str(storm["id"]), "--db", db, "--facts", "off"])
    assert brief.exit_code == 0, brief.output
    assert "Made only of feed snippets and headlines" in brief.stdout
    assert "headline only" in brief.stdout and "feed snippet" in brief.stdout


def test_each_items_language_is_stored_and_shown(tmp_path: Path) -> None:
    polish = (
        "Rada miasta zatwierdziła w środę budowę nowej linii tramwajowej do dzielnicy "
        "portowej. Koszt inwestycji wyniesie 120 milionów złotych, a pierwsze tramwaje "
        "mają pojechać w 2028 roku, powiedział prezydent miasta."
    )
    english = "The council approved the harbour tram line on Wednesday, officials said."
    lines = [
        {"outlet": "Gazeta Portowa", "title": "Tramwaj do portu", "text": polish},
        {"outlet": "Marrow Post", "title": "Tram line", "text": english, "lang": "en-GB"},
    ]
    db = str(tmp_path / "s.db")
    path = write(tmp_path / "mixed.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    stories = [json.loads(x) for x in listing.stdout.splitlines()]
    assert sorted(lang for s in stories for lang in s["languages"]) == ["en", "pl"]
    for s in stories:
        story = json.loads(runner.invoke(app, ["story", str(s["id"]), "--db", db, "--json"]).stdout)
        assert [m["lang"] for m in story["articles"]] == s["languages"]
        assert [m["body"] for m in story["articles"]] == ["full"]
