"""The orchestration of a brief (run/brief.py, run/cache.py): every way into a brief
applies the same article limit, a stored story is loaded and briefed in one place (and
cached), good input survives bad, nothing usable is one domain error, and the same input
gives the same brief."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import STORIES, write
from storyline import StorylineError, as_dict, brief
from storyline.errors import Reason
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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store of one story, told by two outlets."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"outlet{i}.txt").write_text(f"Quay crane news {i}\n\n{REPORT}\n")
    with Store(tmp_path / "s.db") as store:
        ingest([folder], store)
        yield store


def test_a_stored_story_is_briefed_and_cached(store: Store) -> None:
    story = store.stories()[0].id
    cache = BriefCache()
    first = brief_stored(store, story, depth=Depth.OFF, cache=cache)
    assert brief_stored(store, story, depth=Depth.OFF, cache=cache) is first
    assert first.summary and first.articles


def test_an_unknown_stored_story_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StorylineError, match="no story 999"):
        brief_stored(store, 999)


def test_good_inputs_survive_bad_ones(tmp_path: Path) -> None:
    write(tmp_path / "broken.jsonl", "{oops\n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02" * 100)
    result = brief([STORIES[0], tmp_path])
    assert result.summary
    assert {p.path for p in result.problems} == {
        f"{tmp_path}/broken.jsonl:1",
        f"{tmp_path}/binary.txt",
    }


def test_no_usable_input_raises_a_domain_error(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    with pytest.raises(StorylineError, match="no usable article"):
        brief([tmp_path])


def test_same_input_same_brief() -> None:
    assert as_dict(brief([STORIES[1]])) == as_dict(brief([STORIES[1]]))
