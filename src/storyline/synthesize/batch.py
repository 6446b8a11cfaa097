"""Briefs of many stored stories at once (``storyline brief-all``): one task per story,
each carrying its articles so a worker needs no database connection."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from storyline.model import Article
from storyline.pipeline import brief_cleaned
from storyline.render import RENDERERS
from storyline.store import Store


@dataclass(frozen=True)
class StoryTask:
    story: int
    articles: tuple[Article, ...]
    words: int
    depth: str
    format: str


def story_tasks(store: Store, words: int, depth: str, format: str) -> Iterator[StoryTask]:
    """Read lazily: the engine asks for the next story only as workers free up."""
    for row in store.stories():
        yield StoryTask(row.id, tuple(store.articles_of(row.id)), words, depth, format)


def brief_story(task: StoryTask) -> tuple[int, str]:
    brief = brief_cleaned(task.articles, words=task.words, depth=task.depth)
    return task.story, RENDERERS[task.format](brief)


def task_name(task: StoryTask) -> str:
    return f"story {task.story}"
