"""`kill -9` of an ingest at any moment (run/ingest.py: one commit per batch, state
rebuilt by replay): every batch reported as committed is kept, nothing is half-written,
and a re-run completes with the decisions of an uninterrupted run, in SQLite and in
PostgreSQL, in process and on a Dask cluster (the kill takes the workers down too)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import rows, write_stream
from storyline.run.ingest import ingest
from storyline.store import Store


@pytest.fixture(scope="module")
def stream(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """A corpus of 180 articles, their number, and the store of an uninterrupted run."""
    folder = tmp_path_factory.mktemp("kill")
    corpus = folder / "stream"
    total = write_stream(corpus, 60)
    reference = str(folder / "reference.db")
    run_ingest(corpus, reference)
    return corpus, total, reference


@pytest.mark.parametrize("stop_after", [1, 3, 6])
def test_kill_9_loses_nothing_reported_and_rerun_completes(
    stream: tuple[Path, int, str], store_url: str, stop_after: int
) -> None:
    corpus, total, reference = stream
    reported = run_ingest(corpus, store_url, kill_after=stop_after)
    with Store(store_url) as store:
        assert store.count()["articles"] >= reported > 0
    run_ingest(corpus, store_url)
    with Store(store_url) as store, Store(reference) as ref:
        assert rows(store) == rows(ref)
        assert store.count()["articles"] == total


def run_ingest(corpus: Path, db: str, kill_after: int | None = None) -> int:
    """Run the real command; with ``kill_after``, SIGKILL it after that many commits.
    Returns the last count of stored articles it reported."""
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", db]
    reported = commits = 0
    with subprocess.Popen(
        [*command, "--batch", "10"], stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("storyline: committed"):
                reported = int(line.split()[2])
                commits += 1
                if kill_after is not None and commits >= kill_after:
                    process.send_signal(signal.SIGKILL)
                    break
        process.wait(timeout=120)
    if kill_after is None:
        assert process.returncode == 0
    return reported


@pytest.mark.slow
def test_twenty_kills_at_random_moments_lose_nothing_reported(tmp_path: Path) -> None:
    """`kill -9` at 20 random moments of one ingest (seeded): after each, the store holds
    at least what was reported and is whole; the run finally completes exactly once."""
    corpus = tmp_path / "stream"
    total = write_stream(corpus, 50)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        ingest([corpus], store)
    db = str(tmp_path / "killed.db")
    rng = random.Random(20)
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", db]
    for _ in range(20):
        reported = 0
        with subprocess.Popen(
            [*command, "--batch", "5"], stderr=subprocess.PIPE, text=True
        ) as process:
            assert process.stderr is not None
            killer = threading.Timer(rng.uniform(1.0, 4.0), process.kill)
            killer.start()
            for line in process.stderr:
                if line.startswith("storyline: committed"):
                    reported = int(line.split()[2])
            killer.cancel()
            process.wait(timeout=60)
        with Store(db) as store:
            counts = store.count()
            assert counts["articles"] >= reported
            assert (
                sum(len(members) for _, members in rows(store)["stories"].values())
                == (counts["articles"])
            )  # every stored article is in exactly one story: nothing half-written
    run_ingest(corpus, db)
    with Store(db) as store, Store(reference) as ref:
        assert rows(store) == rows(ref)
        assert store.count()["articles"] == total


@pytest.mark.slow
def test_a_killed_dask_ingest_resumes_without_loss(tmp_path: Path) -> None:
    stream = tmp_path / "stream"
    total = write_stream(stream, 40)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        ingest([stream], store)
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(stream), "--db", str(db)]
    command += ["--engine", "dask", "--workers", "2", "--batch", "10"]
    reported = 0
    # its own process group: the kill takes the Dask workers down with the run
    with subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("storyline: committed"):
                reported = int(line.split()[2])
                os.killpg(process.pid, signal.SIGKILL)
                break
        process.wait(timeout=120)
    assert reported > 0
    with Store(db) as store:
        assert store.count()["articles"] >= reported
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(db) as store, Store(reference) as ref:
        assert rows(store) == rows(ref)
        assert store.count()["articles"] == total
