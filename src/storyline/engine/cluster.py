"""Dask: a ``LocalCluster`` on 127.0.0.1 when no scheduler is given, else the cluster
at ``tcp://host:8786``. Dask itself moves a task whose worker died to another worker (up
to its ``allowed-failures``); a chunk that still fails is run again item by item, and an
item that fails is reported while the rest go on."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from storyline.engine import Failed, describe
from storyline.errors import StorylineError

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT = 2  # tasks per worker submitted ahead
CHUNK = 8  # items per task


class DaskEngine:
    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        import dask
        from dask.distributed import Client, LocalCluster

        # Dask's defaults suit a dashboard: a stack-sampling profiler every 10 ms in every
        # worker, event-loop ticks every 20 ms, memory checks every 100 ms — about 12 %
        # of a core with the cluster idle, measured here. Briefs need none of it.
        dask.config.set(
            {
                "distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "1s",
                "distributed.worker.memory.monitor-interval": "1s",
                "distributed.admin.system-monitor.interval": "1s",
                # Hand every submitted task to a worker at once (this engine bounds how
                # many are out) rather than keep them in the scheduler's queue; a worker
                # profile showed it idle an eighth of the time between tasks. Its own
                # effect was within this machine's noise; benchmarks/README.md ran with it.
                "distributed.scheduler.worker-saturation": "inf",
            }
        )

        # Closing a cluster logs connection errors that mean nothing to a user.
        logging.getLogger("distributed").setLevel(logging.ERROR)
        self._cluster: Any = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or 2,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except OSError as e:
            where = scheduler or "a local cluster"
            raise StorylineError(f"cannot reach the Dask scheduler at {where}: {e}") from e
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    @property
    def client(self) -> Any:
        """The ``dask.distributed.Client`` (for a benchmark's questions to the workers)."""
        return self._client

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        """Items travel ``CHUNK`` to a task: a scheduler round trip costs milliseconds,
        as much as a small task. A chunk whose worker died is retried item by item, so
        a poisoned item costs only itself."""
        pending: deque[tuple[list[T], Any]] = deque()
        for chunk in _chunks(items, CHUNK):
            future = self._client.submit(_apply, fn, chunk, pure=False)
            pending.append((chunk, future))
            if len(pending) >= self.workers * IN_FLIGHT:
                yield from self._results(fn, *pending.popleft(), name)
        while pending:
            yield from self._results(fn, *pending.popleft(), name)

    def _results(
        self, fn: Callable[[T], R], chunk: list[T], future: Any, name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        try:
            outcomes = future.result()
        except Exception as e:  # the worker died (KilledWorker) or the chunk could not travel
            if len(chunk) == 1:
                yield Failed(name(chunk[0]), describe(e))
                return
            for item in chunk:
                yield from self._results(
                    fn, [item], self._client.submit(_apply, fn, [item], pure=False), name
                )
            return
        finally:
            future.release()
        for item, (ok, value) in zip(chunk, outcomes, strict=True):
            yield value if ok else Failed(name(item), value)

    def close(self) -> None:
        # The cluster first: workers stopped before the scheduler do not log a failed
        # heartbeat (with a traceback) on the way out.
        if self._cluster is not None:
            self._cluster.close()
        self._client.close()


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[tuple[bool, Any]]:
    """Runs on a worker: each item's result, or why it failed, so one item's error does
    not cost the others in its chunk."""
    outcomes: list[tuple[bool, Any]] = []
    for item in chunk:
        try:
            outcomes.append((True, fn(item)))
        except Exception as e:
            outcomes.append((False, describe(e)))
    return outcomes


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
