"""What is known of an article besides its text: its outlet (ingest/outlet.py), its
title and its date (ingest/published.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import read
from storyline.ingest.outlet import _name_pattern, from_text, infer_outlet, known_outlets


@pytest.mark.parametrize(
    ("text", "url", "declared", "expected"),
    [
        ("Body text.", "https://www.theguardian.com/world/x", "Guardian website", "The Guardian"),
        ("Body text.", "https://news.example.org/x", "Example News", "Example News"),
        ("Body text.", "https://news.example.org/x", None, "news.example.org"),
        ("Body. - See more at: Daily Planet    Gallery", None, None, "Daily Planet"),
        ("FRANCE24's editor said so. Photo: AFP", None, None, "France24"),
        ("Nothing to go on here.", None, None, "story-01"),
    ],
)
def test_outlet_inference(text: str, url: str | None, declared: str | None, expected: str) -> None:
    assert infer_outlet("dir/story-01.txt", text, url=url, declared=declared) == expected


def test_every_known_outlet_named_in_a_text_is_found_by_its_whole_name() -> None:
    """The names are searched as one prefix tree: each is found, the longer of two that
    share a start ("Kyodo News" over "Kyodo"), and never inside a word."""
    for outlet in known_outlets():
        for name in outlet.names if outlet.kind != "url-only" else ():
            assert from_text(f"An editor of {name.title()} said so.") == outlet.name, name
    assert _name_pattern().findall("Kyodo News said, and Kyodo said.") == ["Kyodo News", "Kyodo"]
    assert from_text("The cnnx and xcnn pages.") is None


def test_seed_metadata(seeds: Path) -> None:
    articles, _ = read(seeds)
    assert [a.outlet for a in articles] == ["France24", "NewsLineToday"]
    assert articles[1].published == dt.date(2015, 11, 18)
    assert articles[0].title == "France, Russia, US seek to tighten noose around IS group"


def test_a_posted_line_gives_the_publication_date() -> None:
    from storyline.ingest.published import dateline

    line = "Victim's father speaks Posted: Wednesday, June 27, 2012 1:32 PM EDT Updated: later"
    assert dateline(line) == dt.date(2012, 6, 27)
