"""Briefs of stored stories, computed once per version of a story.

A story's brief changes only when its articles do, so it is kept under the story id and
the ids of its original articles; a story that gains an article gets a new key and the
old entry ages out. Two requests for the same new story may both compute it: cheaper than
making every reader wait on a lock while one brief runs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from storyline.model import Brief

SIZE = 256  # briefs kept; one is a few hundred kB at most


class BriefCache:
    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Brief] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Brief]) -> Brief:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = make()
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return made
