"""The example stories (examples/): at least three, each told by three outlets in the
three input formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import STORIES
from storyline import brief


def test_there_are_at_least_three_example_stories() -> None:
    assert len(STORIES) >= 3


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_examples_cover_three_stories_three_outlets_three_formats(story: Path) -> None:
    result = brief([story])
    assert len({a.outlet for a in result.articles}) >= 3, story
    assert {p.suffix for p in story.iterdir()} >= {".txt", ".html", ".jsonl"}, story
