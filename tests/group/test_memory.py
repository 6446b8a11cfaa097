"""A stream's grouping index holds only what a new article can still reach
(group/stories.py): stories far behind the stream's day leave it on a sweep, with their
originals' copy fingerprints; an article dated years ahead does not empty it; a late
article brings the stories it could join back from the store (run/ingest.py); and replay
rebuilds the index a run ended with."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

import pytest

from helpers import story_texts, write
from storyline.group import stories
from storyline.group.features import _minhash
from storyline.group.grouper import Grouper
from storyline.group.stories import StoryIndex
from storyline.model import Article, Features, Markup
from storyline.run import ingest as ingest_module
from storyline.run.ingest import Ingester, _restore, ingest
from storyline.store import Store


@pytest.fixture(autouse=True)
def small_sweeps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sweeps every 10 placements, a story kept 5 placements after its last article."""
    monkeypatch.setattr(stories, "SWEEP", 10)
    monkeypatch.setattr(stories, "GRACE", 5)


def article(key: str) -> Article:
    return Article(id=key, path=key, outlet=f"outlet {key}", kind=Markup.TEXT, raw="")


def found(key: str, day: str, *terms: str) -> Features:
    sketch = _minhash([*terms, *key.split()])
    return Features(tuple((t, 1) for t in terms), f"fp {key}", sketch, dt.date.fromisoformat(day))


def place_event(grouper: Grouper, name: str, day: str, n: int = 3) -> int:
    """``n`` reports of one event; returns its story."""
    story = 0
    for i in range(n):
        key = f"{name} {i}"
        terms = (f"{name}core", f"{name}place", f"{name}person", f"{name}w{i}")
        story = grouper.place(article(key), found(key, day, *terms)).story
    return story


WAR = ("warcore", "warplace", "warperson")


def place_war(grouper: Grouper) -> int:
    """40 reports of a war, each with a word of its own; returns its story."""
    story = grouper.place(article("war 0"), found("war 0", "2026-02-01", *WAR, "w0")).story
    for i in range(1, 40):
        key = f"war {i}"
        assert grouper.place(article(key), found(key, "2026-02-01", *WAR, f"w{i}")).story == story
    return story


def test_stories_far_behind_the_streams_day_leave_the_index() -> None:
    grouper = Grouper()
    old = place_event(grouper, "january", "2026-01-01")
    for k in range(12):
        place_event(grouper, f"feb{k}", f"2026-02-{1 + k:02d}")
    assert old not in grouper.stories.stories
    assert "january 0" not in grouper.stories.story_of
    assert "january 0" not in grouper.duplicates._values  # its copy fingerprint too
    assert len(grouper.stories.stories) < 13


def test_stories_of_the_streams_days_stay() -> None:
    grouper = Grouper()
    recent = [place_event(grouper, f"feb{k}", f"2026-02-{1 + k:02d}") for k in range(12)]
    assert set(recent) <= set(grouper.stories.stories)


def test_an_article_dated_years_ahead_does_not_empty_the_index() -> None:
    grouper = Grouper()
    recent = [place_event(grouper, f"feb{k}", "2026-02-10") for k in range(6)]
    place_event(grouper, "typo", "2099-02-10", n=1)
    for k in range(6, 12):
        recent.append(place_event(grouper, f"feb{k}", "2026-02-10"))
    assert set(recent) <= set(grouper.stories.stories)


def test_stories_dated_ahead_of_the_stream_leave_when_long_untouched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Judged by its dates, a story misdated years ahead would stay for good."""
    monkeypatch.setattr(stories, "KEEP_UNJUDGED", 30)
    grouper = Grouper()
    ahead = place_event(grouper, "typo", "2099-02-10", n=1)
    nodate = dataclasses.replace(found("nodate", "2026-02-10", "nodatecore"), when=None)
    undated = grouper.place(article("nodate"), nodate)
    for k in range(14):
        place_event(grouper, f"feb{k}", "2026-02-10")
    assert ahead not in grouper.stories.stories and undated.story not in grouper.stories.stories
    assert "typo 0" not in grouper.duplicates._values


def test_a_story_that_goes_on_forgets_its_members_of_long_ago(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A war, a daily feature: the story stays, its old members' state does not."""
    monkeypatch.setattr(stories, "KEEP_MEMBERS", 20)
    grouper = Grouper()
    story = place_war(grouper)
    kept = grouper.stories.stories[story].members
    assert "war 0" not in kept and "war 39" in kept and len(kept) <= 30
    assert "war 0" not in grouper.stories.story_of
    assert "war 0" not in grouper.duplicates._values and "war 39" in grouper.duplicates._values
    copy = grouper.place(article("copy"), found("war 0", "2026-02-01", *WAR, "w0"))
    assert copy.duplicate is None and copy.story == story  # an original now, by likeness


def test_a_story_that_goes_on_keeps_its_heaviest_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each member brings a word no other has; the story keeps the words its members
    share, and the words it let go are no longer looked up for it."""
    monkeypatch.setattr(stories, "STORY_TERMS", 10)
    grouper = Grouper()
    story = place_war(grouper)
    kept = grouper.stories.stories[story]
    assert len(kept.weights) <= 15 and set(WAR) <= set(kept.weights)
    assert story not in grouper.stories._postings.get("w0", {})
    assert kept.norm2 == pytest.approx(sum(w * w for w in kept.weights.values()))


def test_many_articles_dated_ahead_do_not_make_the_others_late() -> None:
    """Undated pages take the crawler's day: replayed years later, four in ten of them
    must not carry the stream's day off (before, every article after was late)."""
    index = StoryIndex()
    for n in range(10):
        index.tick(dt.date(2099, 1, 1) if n % 10 < 4 else dt.date(2026, 2, 10))
    assert index.day == dt.date(2026, 2, 10)
    assert not index.late(dt.date(2026, 2, 9))


def test_a_late_day_is_brought_back_once_between_sweeps() -> None:
    index = StoryIndex()
    for _ in range(10):
        index.tick(dt.date(2026, 3, 1))
    old = dt.date(2026, 1, 1)
    assert index.late(old) and not index.late(old)
    for _ in range(10):
        index.tick(dt.date(2026, 3, 1))
    assert index.late(old)  # a sweep may have let them go again


def test_a_sweeps_revivals_stop_at_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A burst of late articles, each of another day, brings back at most a budget of
    stories between two sweeps: before, six months' replay stepped up by two thirds of
    its memory."""
    monkeypatch.setattr(stories, "REVIVE_BUDGET", 3)
    index = StoryIndex()
    for _ in range(10):
        index.tick(dt.date(2026, 3, 1))
    feb = Features((("x", 1),), "-", b"", dt.date(2026, 2, 1))
    assert index.late(dt.date(2026, 1, 1))
    for k in range(3):
        index.revive(f"old {k}", 100 + k, feb, thread=None)
    assert not index.late(dt.date(2026, 1, 2))  # three stories came back: the budget
    for _ in range(10):
        index.tick(dt.date(2026, 3, 1))
    assert index.late(dt.date(2026, 1, 2))


def test_a_story_just_touched_stays_whatever_its_dates() -> None:
    """A story stays ``GRACE`` placements after its last article, however old its dates:
    its articles may not be committed yet."""
    index = StoryIndex()
    for _ in range(8):
        index.tick(dt.date(2026, 3, 1))
    index.place("late", Features((("x", 1),), "-", b"", dt.date(2026, 1, 1)))
    for _ in range(2):
        assert index.tick(dt.date(2026, 3, 1)) == []  # the sweep at 10: touched 2 ago
    for _ in range(9):
        index.tick(dt.date(2026, 3, 1))
    assert index.tick(dt.date(2026, 3, 1)) == ["late"]  # at 20: 12 ago, its story leaves


def texts(k: int, day: str) -> list[str]:
    """Story ``k``'s three reports as JSONL records dated ``day``."""
    rng = random.Random(k)
    return [
        json.dumps({"outlet": o, "title": t, "text": b, "published": day})
        for o, t, b in story_texts(k, rng)
    ]


def stream(folder: Path) -> tuple[Path, Path]:
    """Story 0 in January, then twelve stories in February; and a late fourth report of
    story 0, as a file of its own."""
    lines = texts(0, "2026-01-05")
    for k in range(1, 13):
        lines += texts(k, f"2026-02-{k:02d}")
    main = write(folder / "stream.jsonl", "\n".join(lines) + "\n")
    late = json.loads(texts(0, "2026-01-06")[1]) | {"outlet": "Late Ledger"}
    return main, write(folder / "late.jsonl", json.dumps(late) + "\n")


def test_a_late_article_joins_its_story_brought_back_from_the_store(tmp_path: Path) -> None:
    main, late = stream(tmp_path)
    with Store(tmp_path / "s.db") as store:
        ingester = Ingester(store)
        ingester.add(_articles(main))
        assert ingester.grouper is not None
        first = _story_of(store, "2026-01-05")
        assert first not in ingester.grouper.stories.stories  # it left the index
        report = ingester.add(_articles(late))
        assert report.new_stories == 0
        assert _story_of(store, "2026-01-06") == first


def test_a_story_comes_back_with_its_latest_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story that ran for months would come back whole; its latest members stand for
    it (here two of its three), and the late article still joins it."""
    monkeypatch.setattr(ingest_module, "REVIVE_MEMBERS", 2)
    main, late = stream(tmp_path)
    with Store(tmp_path / "s.db") as store:
        ingester = Ingester(store)
        ingester.add(_articles(main))
        first = _story_of(store, "2026-01-05")
        january = [m.id for m in store.story(first)[1]]  # type: ignore[index]
        report = ingester.add(_articles(late))
        assert report.new_stories == 0
        assert ingester.grouper is not None
        back = ingester.grouper.stories.stories[first].members
        assert len(back) == 3 and back[:2] == _in_storing_order(store, january)[1:]


def test_replay_rebuilds_the_index_the_run_ended_with(tmp_path: Path) -> None:
    main, late = stream(tmp_path)
    with Store(tmp_path / "s.db") as store:
        ingester = Ingester(store)
        ingester.add(_articles(main))
        ingester.add(_articles(late))
        assert ingester.grouper is not None
        replayed, _ = _restore(store)
        assert set(replayed.stories.stories) == set(ingester.grouper.stories.stories)
        assert set(replayed.duplicates._values) == set(ingester.grouper.duplicates._values)


def test_an_ingest_with_sweeps_stores_every_article(tmp_path: Path) -> None:
    main, late = stream(tmp_path)
    with Store(tmp_path / "s.db") as store:
        report = ingest([main, late], store)
        assert report.stored == store.count()["articles"] == 13 * 3 + 1


def _articles(path: Path) -> list[Article]:
    from storyline.ingest import read_paths

    return [a for a in read_paths([path]) if isinstance(a, Article)]


def _in_storing_order(store: Store, ids: list[str]) -> list[str]:
    order = {stored.id: stored.seq for stored in store.replay()}
    return sorted(ids, key=order.__getitem__)


def _story_of(store: Store, day: str) -> int:
    """The story holding the articles dated ``day``."""
    for row in store.stories():
        found = store.story(row.id)
        if found and any(str(m.day) == day for m in found[1]):
            return row.id
    raise AssertionError(f"no story of {day}")
