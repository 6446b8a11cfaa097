"""Dask: a ``LocalCluster`` on 127.0.0.1 when no scheduler is given, else the cluster
at ``tcp://host:8786``. Dask moves a task whose worker died to another worker (up to
``RETRIES`` more times); a task that still fails is reported, the rest go on."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from storyline.engine import Failed, describe
from storyline.errors import StorylineError

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT = 2  # items per worker submitted ahead
RETRIES = 1


class DaskEngine:
    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

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
        pending: deque[tuple[T, Any]] = deque()
        for item in items:
            future = self._client.submit(fn, item, pure=False, retries=RETRIES)
            pending.append((item, future))
            if len(pending) >= self.workers * IN_FLIGHT:
                yield self._result(*pending.popleft(), name)
        while pending:
            yield self._result(*pending.popleft(), name)

    def _result(self, item: T, future: Any, name: Callable[[T], str]) -> R | Failed:
        try:
            return future.result()
        except Exception as e:  # raised in the task, or KilledWorker
            return Failed(name(item), describe(e))
        finally:
            future.release()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
