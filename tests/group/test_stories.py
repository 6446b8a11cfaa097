"""Joining a story, starting one, merging two (group/stories.py)."""

from __future__ import annotations

import datetime as dt

from storyline.group.stories import StoryIndex
from storyline.model import Features


def features(*terms: str, when: str | None = None) -> Features:
    day = dt.date.fromisoformat(when) if when else None
    return Features(tuple((t, 1) for t in terms), "-", b"", day)


def test_time_window_keeps_apart_what_is_far_apart_in_time() -> None:
    index = StoryIndex()
    a = index.place("a", features("quake", "tamber", "rescue", when="2026-01-01"))
    b = index.place("b", features("quake", "tamber", "rescue", when="2026-01-05"))
    c = index.place("c", features("quake", "tamber", "rescue", when="2026-03-01"))
    assert a.story == b.story != c.story


def test_a_bridge_article_merges_two_stories() -> None:
    index = StoryIndex(merge=0.3)
    one = index.place("1", features("alpha", "beta", "gamma"))
    two = index.place("2", features("delta", "epsilon", "zeta"))
    assert one.story != two.story
    bridge = index.place("3", features("alpha", "beta", "gamma", "delta", "epsilon", "zeta"))
    assert bridge.merged == (two.story,) and bridge.story == one.story
    assert index.story_of["2"] == one.story
