"""A pool of local worker processes (``spawn``: a worker starts clean, without the
parent's open database connections or threads)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from enum import Enum
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

    def _new_pool(self, workers: int | None = None) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=workers or self.workers, mp_context=context)

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        pending: deque[tuple[T, Future[Any], ProcessPoolExecutor]] = deque()
        for item in items:
            pending.append((item, *self._submit(fn, item)))
            if len(pending) >= self.workers * IN_FLIGHT:
                yield self._result(fn, *pending.popleft(), name)
        while pending:
            yield self._result(fn, *pending.popleft(), name)

    def _submit(self, fn: Callable[[T], R], item: T) -> tuple[Future[Any], ProcessPoolExecutor]:
        """A worker can die between two submissions, before any result shows it: the
        next item then goes to a fresh pool rather than raising."""
        try:
            return self._pool.submit(fn, item), self._pool
        except BrokenProcessPool:
            self._replace(self._pool)
            return self._pool.submit(fn, item), self._pool

    def _result(
        self,
        fn: Callable[[T], R],
        item: T,
        future: Future[Any],
        pool: ProcessPoolExecutor,
        name: Callable[[T], str],
    ) -> R | Failed:
        """A worker that dies (killed, out of memory) takes its pool's futures with it.
        The item runs again in the shared pool; if that pool breaks too, the death may be
        another item's, so only a death in a pool of its own is put down to this one."""
        outcome = _settled(fn, future, item, name)
        if outcome is not _Broken.POOL:
            return outcome
        self._replace(pool)
        again, pool = self._submit(fn, item)
        outcome = _settled(fn, again, item, name)
        if outcome is not _Broken.POOL:
            return outcome
        self._replace(pool)
        with self._new_pool(workers=1) as solo:
            outcome = _settled(fn, solo.submit(fn, item), item, name)
        if outcome is _Broken.POOL:
            return Failed(name(item), "its worker process died on it, alone")
        return outcome

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """Items sent to a newer pool are not touched when an older one breaks."""
        if broken is self._pool:
            self._pool.shutdown(wait=False)
            self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Broken(Enum):
    POOL = "pool"


def _settled(
    fn: Callable[[T], R], future: Future[Any], item: T, name: Callable[[T], str]
) -> R | Failed | _Broken:
    """The future's result, why it failed, or ``_Broken.POOL`` when its worker died.
    ``fn`` only gives the result its type."""
    try:
        result: R = future.result()
        return result
    except BrokenProcessPool:
        return _Broken.POOL
    except Exception as e:
        return Failed(name(item), one_line(e))
