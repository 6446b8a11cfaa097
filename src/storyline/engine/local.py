"""The in-process engine: the default, and the reference the others must match."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from storyline.engine import Failed
from storyline.errors import one_line

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine:
    workers = 1

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        for item in items:
            try:
                yield fn(item)
            except Exception as e:  # one bad partition costs only itself
                yield Failed(name(item), one_line(e))

    def close(self) -> None:
        pass
