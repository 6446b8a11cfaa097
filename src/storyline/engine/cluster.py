"""Dask: a ``LocalCluster`` on 127.0.0.1 when no scheduler is given, else the cluster
at ``tcp://host:8786``. A task whose worker died is run again here item by item, and an
item that fails again is reported while the rest go on.

A worker that dies as it starts can leave Dask's nanny closed for good (seen here: an
item that kills its worker, handed again to the worker that replaced it), and a cluster
with no workers would wait forever. So waiting here watches the workers: our own
cluster is topped up again, and a cluster at ``--scheduler`` with no worker for
``NO_WORKERS_SECONDS`` ends the run with a message."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from storyline.engine import Failed
from storyline.errors import StorylineError, one_line

T = TypeVar("T")
R = TypeVar("R")
RUNNING = 2  # tasks per worker at once: one to run, one ready behind it
AHEAD = 8  # tasks per worker, running or finished, ahead of the oldest unfinished one
TASK_SECONDS = 0.5  # aim per task: the client and scheduler spend ~5 ms of CPU on each
MAX_CHUNK = 32
POLL_SECONDS = 2.0  # how often a wait looks at the workers
NO_WORKERS_SECONDS = 120.0  # a cluster without workers this long is given up on

# Dask's defaults suit a dashboard: a stack-sampling profiler every 10 ms in every
# worker, event-loop ticks every 20 ms, memory checks every 100 ms — about 12 %
# of a core with the cluster idle, measured here. Briefs need none of it.
_SETTINGS: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "1s",
    # Hand every submitted task to a worker at once (this engine bounds how
    # many are out) rather than keep them in the scheduler's queue; a worker
    # profile showed it idle an eighth of the time between tasks. Its own
    # effect was within this machine's noise; benchmarks/README.md ran with it.
    "distributed.scheduler.worker-saturation": "inf",
    # Dask starts its workers with glibc told to hand freed memory back to
    # the system at once (MALLOC_TRIM_THRESHOLD_=64 kB); spaCy's and numpy's
    # many short-lived buffers then cost 8-10 % more time (a worker read
    # 1,137 briefs in 39-41 s without, 43-47 s with). A worker here holds its
    # models for its whole life, so the memory this saves is small.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # Dask would hand a task whose worker died to another worker up to 3
    # times; with the retry item by item here, an item that kills its worker
    # then cost 5 worker restarts (17 s with 2 workers) instead of 2, and the
    # restarts are where a nanny can be lost (see above). A scheduler at
    # --scheduler keeps its own setting; the retry here works with either.
    "distributed.scheduler.allowed-failures": 0,
}


class DaskEngine:
    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        import dask
        from dask.distributed import Client, LocalCluster

        dask.config.set(_SETTINGS)

        # Closing a cluster logs connection errors that mean nothing to a user.
        logging.getLogger("distributed").setLevel(logging.ERROR)
        self._cluster: Any = None
        self._wanted = workers or 2  # the size of our own cluster, kept when workers die
        self._where = scheduler or "a local cluster"
        self._alone_since: float | None = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=self._wanted,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except OSError as e:
            raise StorylineError(f"cannot reach the Dask scheduler at {self._where}: {e}") from e
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    @property
    def client(self) -> Any:
        """The ``dask.distributed.Client`` (for a benchmark's questions to the workers)."""
        return self._client

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        """Results come back in input order, but a worker never waits on the order: up
        to ``AHEAD`` tasks per worker may finish early and wait here, so one long task
        (a story of hundreds of articles) does not leave the other workers idle.

        Items travel together when they are quick: a task's size is set from how long
        the last one took, aiming at ``TASK_SECONDS`` (each task costs the client and
        the scheduler a few milliseconds of CPU), while an item that takes seconds travels
        alone so a large piece of input is never held twice over. A poisoned item costs
        only itself (see ``_results``)."""
        source = iter(items)
        window: deque[tuple[list[T], Any]] = deque()
        size = 1
        more = True
        while True:
            running = sum(not future.done() for _, future in window)
            while more and running < self.workers * RUNNING and len(window) < self.workers * AHEAD:
                chunk = list(islice(source, size))
                if not chunk:
                    more = False
                    break
                window.append((chunk, self._client.submit(_apply, fn, chunk, pure=False)))
                running += 1
            if not window:
                return
            chunk, future = window[0]
            if not future.done():
                self._wait([f for _, f in window if not f.done()])
                continue
            window.popleft()
            seconds = yield from self._results(fn, chunk, future, name)
            if seconds is not None:
                each = seconds / len(chunk)
                size = max(1, min(MAX_CHUNK, int(TASK_SECONDS / each) if each else MAX_CHUNK))

    def _results(
        self,
        fn: Callable[[T], R],
        chunk: list[T],
        future: Any,
        name: Callable[[T], str],
        again: bool = False,
    ) -> Generator[R | Failed, None, float | None]:
        """Yields the chunk's results; returns how long the task ran (``None`` if it did
        not come back). A task that did not come back (its worker died, or it could not
        travel) runs again item by item, each once: a worker killed by one item takes
        down the items queued behind it too, and those deserve a second chance."""
        while not future.done():
            self._wait([future])
        try:
            outcomes: list[tuple[bool, Any]]
            seconds: float
            outcomes, seconds = future.result()
        except Exception as e:  # KilledWorker, or a chunk that could not be pickled
            if again:
                yield Failed(name(chunk[0]), one_line(e))
                return None
            for item in chunk:
                retry = self._client.submit(_apply, fn, [item], pure=False)
                yield from self._results(fn, [item], retry, name, again=True)
            return None
        finally:
            future.release()
        for item, (ok, value) in zip(chunk, outcomes, strict=True):
            yield value if ok else Failed(name(item), value)
        return seconds

    def _wait(self, futures: list[Any]) -> None:
        """Until one of ``futures`` is done, or ``POLL_SECONDS`` pass and the workers have
        been looked at."""
        from dask.distributed import wait

        try:
            wait(futures, timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")
            return
        except TimeoutError:
            pass
        alive = len(self._client.nthreads())
        if self._cluster is not None and alive < self._wanted:
            # Opens a worker in place of each one the cluster has given up on (15 s after
            # it left without coming back); a no-op while they are only restarting.
            self._cluster.scale(self._wanted)
        if alive:
            self._alone_since = None
            return
        now = time.monotonic()
        if self._alone_since is None:
            self._alone_since = now
        elif now - self._alone_since > NO_WORKERS_SECONDS:
            raise StorylineError(
                f"the Dask cluster at {self._where} has had no workers for "
                f"{NO_WORKERS_SECONDS:.0f} s; start some and re-run"
            )

    def close(self) -> None:
        # The cluster first: workers stopped before the scheduler do not log a failed
        # heartbeat (with a traceback) on the way out.
        if self._cluster is not None:
            self._cluster.close()
        self._client.close()


def _apply(fn: Callable[[T], R], chunk: list[T]) -> tuple[list[tuple[bool, Any]], float]:
    """Runs on a worker: each item's result, or why it failed, so one item's error does
    not cost the others in its chunk; and the seconds the chunk took."""
    start = time.perf_counter()
    outcomes: list[tuple[bool, Any]] = []
    for item in chunk:
        try:
            outcomes.append((True, fn(item)))
        except Exception as e:
            outcomes.append((False, one_line(e)))
    return outcomes, time.perf_counter() - start
