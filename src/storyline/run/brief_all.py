"""Briefs of many stored stories at once (``storyline brief-all``): one task per story,
each carrying its articles so a worker needs no database connection."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.engine import Engine, Failed
from storyline.model import Article, Depth
from storyline.render import RENDERERS, Format
from storyline.run.brief import brief_clean
from storyline.store import Store


@dataclass(frozen=True)
class StoryTask:
    story: int
    articles: tuple[Article, ...]
    words: int
    depth: Depth
    format: Format


@dataclass
class BriefAllReport:
    written: int = 0
    failed: int = 0


def brief_all(
    store: Store,
    out: Path,
    *,
    words: int,
    depth: Depth,
    format: Format,
    engine: Engine,
    on_story: Callable[[Failed | None], None] = lambda failed: None,
) -> BriefAllReport:
    """Every live story's brief as ``out/story-ID.FORMAT``, briefed on ``engine``; a
    story that fails is passed to ``on_story`` and the rest are still written."""
    out.mkdir(parents=True, exist_ok=True)
    report = BriefAllReport()
    tasks = story_tasks(store, words, depth, format)
    for result in engine.map(brief_story, tasks, name=task_name):
        if isinstance(result, Failed):
            report.failed += 1
            on_story(result)
            continue
        story, text = result
        (out / f"story-{story}.{format.value}").write_text(text, encoding="utf-8")
        report.written += 1
        on_story(None)
    return report


def story_tasks(store: Store, words: int, depth: Depth, format: Format) -> Iterator[StoryTask]:
    """Read lazily: the engine asks for the next story only as workers free up."""
    for row in store.stories():
        yield StoryTask(row.id, tuple(store.articles_of(row.id)), words, depth, format)


def brief_story(task: StoryTask) -> tuple[int, str]:
    brief = brief_clean(task.articles, words=task.words, depth=task.depth)
    return task.story, RENDERERS[task.format](brief)


def task_name(task: StoryTask) -> str:
    return f"story {task.story}"
