"""The Dask cluster (engine/cluster.py): a cluster that lost its workers gets new ones, a
scheduler without workers ends the run with a message, a long task holds up no other
worker, and a worker killed mid-ingest costs nothing. Each test starts a real LocalCluster
on 127.0.0.1 and stops it."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import storyline.engine.cluster
import storyline.ingest.parts
from helpers import mapped, rows, write_stream
from storyline.engine import make_engine
from storyline.errors import StorylineError
from storyline.run.ingest import ingest
from storyline.store import Store

pytestmark = pytest.mark.slow


def within(seconds: float, work: Callable[[], list]) -> list:
    """``work()``'s result, or a failed test if it takes longer than ``seconds``: a
    waiting engine must not hang the suite."""
    import threading

    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as e:  # handed to the test's thread
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still waiting after {seconds} s"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def times_ten(n: int) -> int:
    return n * 10


def test_a_dask_cluster_that_lost_its_workers_gets_new_ones() -> None:
    """Dask's nanny can close for good when its worker dies as it starts (a poisoned
    item handed to the worker that replaced the last one it killed), leaving a cluster
    with no workers. Our own cluster opens new ones rather than wait forever."""
    engine = make_engine("dask", workers=2)
    try:
        client = engine.client  # type: ignore[attr-defined]
        client.retire_workers(close_workers=True)  # their nannies close too
        deadline = time.monotonic() + 30
        while client.nthreads() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not client.nthreads()
        results = within(90, lambda: list(engine.map(times_ten, range(6), name=str)))
        assert results == [0, 10, 20, 30, 40, 50]
    finally:
        engine.close()


def test_a_dask_scheduler_without_workers_ends_the_run_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dask.distributed import LocalCluster

    monkeypatch.setattr(storyline.engine.cluster, "NO_WORKERS_SECONDS", 3.0)
    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as empty:
        engine = make_engine("dask", scheduler=empty.scheduler_address)
        try:
            with pytest.raises(StorylineError, match=r"no workers for 3 s; start some"):
                within(60, lambda: list(engine.map(times_ten, range(3), name=str)))
        finally:
            engine.close()


def long_first(n: int) -> tuple[int, int]:
    """Item 0 takes a second, the others a moment; each says which process ran it."""
    time.sleep(1.0 if n == 0 else 0.02)
    return n, os.getpid()


def test_a_long_dask_task_does_not_hold_up_the_other_worker() -> None:
    """Results come back in input order, yet while the first item runs the other worker
    keeps going through the rest (a window bounded only by how many may wait)."""
    results = mapped("dask", long_first, 13)
    assert [n for n, _ in results] == list(range(13))
    first = results[0][1]
    assert sum(pid != first for _, pid in results[1:]) >= 10


def test_a_dask_worker_killed_mid_ingest_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One worker process is killed while the ingest runs: its pieces run again on the
    other worker (its nanny starts a new one), and the stories equal a clean run's."""
    import threading

    monkeypatch.setattr(storyline.ingest.parts, "SPLIT", 6_000)  # many small pieces
    stream = tmp_path / "stream"
    write_stream(stream, 60)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        ingest([stream], store)
    engine = make_engine("dask", workers=2)
    try:
        pids = list(engine.client.run(os.getpid).values())  # type: ignore[attr-defined]
        killer = threading.Timer(0.5, os.kill, (pids[0], signal.SIGKILL))
        killer.start()
        with Store(tmp_path / "dask.db") as store:
            report = ingest([stream], store, engine=engine, batch=5)
            killer.join()
            assert not [p for p in report.problems if "could not be processed" in p.reason]
            with Store(reference) as ref:
                assert rows(store) == rows(ref)
        assert pids[0] not in engine.client.run(os.getpid).values()  # type: ignore[attr-defined]
    finally:
        engine.close()
