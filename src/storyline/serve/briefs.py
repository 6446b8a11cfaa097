"""Briefs of stored stories, computed once per version of a story.

A story's brief changes only when its articles do, so it is kept under the story id and
the ids of its original articles; a story that gains an article gets a new key and the
old entry ages out. Two requests for the same new story may both compute it: cheaper than
making every reader wait on a lock while one brief runs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from storyline.model import Article, Brief
from storyline.pipeline import brief_cleaned

SIZE = 256  # briefs kept; one is a few hundred kB at most


class Briefs:
    def __init__(self, depth: str, size: int = SIZE) -> None:
        self.depth, self.size = depth, size
        self._kept: OrderedDict[tuple, Brief] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, story: int, articles: list[Article], words: int) -> Brief:
        key = (story, words, tuple(a.id for a in articles))
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = brief_cleaned(articles, words=words, depth=self.depth)
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return made
