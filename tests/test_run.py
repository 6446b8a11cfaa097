"""The orchestration layer: every way into a brief applies the same article limit, and a
stored story is loaded and briefed in one place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storyline.errors import Reason, StorylineError
from storyline.model import Article, Depth
from storyline.run import brief as run_brief
from storyline.run.brief import brief_articles, brief_clean, brief_stored
from storyline.run.cache import BriefCache
from storyline.run.ingest import ingest
from storyline.store import Store

REPORT = (
    "The harbour authority closed the north quay on Monday after a crane tipped over. "
    "Nobody was hurt, the authority said, and the quay should reopen within a week."
)


def reports(n: int) -> list[Article]:
    """``n`` short reports of one event, each its own article."""
    return [
        Article(f"r{i}", f"report-{i}.txt", f"Outlet {i}", "text", REPORT, text=REPORT)
        for i in range(n)
    ]


def test_clean_articles_past_the_limit_are_reported_not_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(run_brief, "MAX_ARTICLES", 2)
    result = brief_clean(reports(3), depth=Depth.OFF)
    assert len(result.articles) == 2
    assert [p.path for p in result.problems] == ["report-2.txt"]
    assert Reason.TOO_MANY.value in result.problems[0].reason


def test_raw_articles_past_the_limit_are_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_brief, "MAX_ARTICLES", 2)
    raw = [replace(a, text="") for a in reports(3)]
    result = brief_articles(raw, depth=Depth.OFF)
    assert [p.path for p in result.problems] == ["report-2.txt"]


def test_a_stored_story_is_briefed_and_an_unknown_one_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"outlet{i}.txt").write_text(f"Quay crane news {i}\n\n{REPORT}\n")
    with Store(tmp_path / "s.db") as store:
        ingest([folder], store)
        story = store.stories()[0].id
        cache = BriefCache()
        first = brief_stored(store, story, depth=Depth.OFF, cache=cache)
        assert brief_stored(store, story, depth=Depth.OFF, cache=cache) is first
        assert first.summary and first.articles
        with pytest.raises(StorylineError, match="no story 999"):
            brief_stored(store, 999)
