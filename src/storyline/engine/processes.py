"""A pool of local worker processes (``spawn``: a worker starts clean, without the
parent's open database connections or threads)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from storyline.engine import Failed
from storyline.errors import one_line

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT = 2  # items per worker submitted ahead


class ProcessEngine:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context)

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        pending: deque[tuple[T, Future[Any], ProcessPoolExecutor]] = deque()
        for item in items:
            pending.append((item, self._pool.submit(fn, item), self._pool))
            if len(pending) >= self.workers * IN_FLIGHT:
                yield self._result(fn, *pending.popleft(), name)
        while pending:
            yield self._result(fn, *pending.popleft(), name)

    def _result(
        self,
        fn: Callable[[T], R],
        item: T,
        future: Future[Any],
        pool: ProcessPoolExecutor,
        name: Callable[[T], str],
    ) -> R | Failed:
        try:
            result: R = future.result()
            return result
        except BrokenProcessPool:
            # A worker died (killed, out of memory) and took its pool's futures with it.
            # Replace that pool once, then run this item again alone; a second death is
            # the item's own doing. Items already sent to the new pool are not touched.
            if pool is self._pool:
                self._replace()
            try:
                return self._pool.submit(fn, item).result()
            except BrokenProcessPool:
                self._replace()
                return Failed(name(item), "its worker process died twice on it")
            except Exception as e:
                return Failed(name(item), one_line(e))
        except Exception as e:
            return Failed(name(item), one_line(e))

    def _replace(self) -> None:
        self._pool.shutdown(wait=False)
        self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
