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


def _chained_topic(cohesion: float) -> StoryIndex:
    """A story that has chained three events (eight reports each, alike within an event,
    unrelated across): what the summed vector let grow before the cohesion check."""
    index = StoryIndex(cohesion=cohesion)
    own = [f"y{i}" for i in range(4)]
    own += [f"e{g}r{r}w{i}" for g in range(3) for r in range(8) for i in range(3)]
    for r in range(8):  # every word about as common as the events' own, so IDF is even
        index.restore(f"background {r}", 500 + r, features(*own))
    for g in range(3):
        for r in range(8):
            words = [f"e{g}core{i}" for i in range(3)] + [f"e{g}r{r}w{i}" for i in range(3)]
            index.restore(f"event {g} report {r}", 1, features(*words))
    return index


def test_a_report_near_one_strand_of_a_chained_story_does_not_join_it() -> None:
    """Its cosine to the story's sum passes (a loose story's sum attracts), but it is
    unlike most members: joining on the sum alone is how stories drift into topics."""
    report = features("e0core0", "e0core1", "y0", "y1", "y2", "y3")
    assert _chained_topic(cohesion=0.0).place("new", report).story == 1  # the old rule
    assert _chained_topic(cohesion=0.2).place("new", report).story != 1


def test_related_stories_share_a_thread_and_unrelated_ones_do_not() -> None:
    index = StoryIndex(threshold=0.5, related=0.2)
    first = index.place("1", features("summit", "xi", "schumer", "beijing", "meets", "talks"))
    same = index.place("2", features("summit", "xi", "schumer", "beijing", "meets", "talks"))
    related = index.place("3", features("xi", "schumer", "beijing", "fentanyl", "tariffs", "chips"))
    other = index.place("4", features("quake", "herat", "rescue", "villages", "toll", "aid"))
    assert first.story == same.story != related.story != other.story
    assert first.thread == first.story == related.thread
    assert other.thread == other.story != first.thread
    assert index.stories[related.story].thread == first.story


def test_restored_stories_keep_their_thread() -> None:
    index = StoryIndex()
    index.restore("a", 7, features("summit", "xi"), thread=3)
    index.restore("b", 9, features("quake", "herat"))
    assert index.stories[7].thread == 3 and index.stories[9].thread == 9
