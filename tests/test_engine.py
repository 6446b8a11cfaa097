"""The engines: the same stories and briefs whichever runs the parallel work, inputs cut
by record without loading them whole, failures and dead workers reported with the
input's name while the rest goes on, and a killed Dask ingest resumed without loss.
Dask tests start a real LocalCluster on 127.0.0.1 and stop it."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.engine.cluster
import storyline.ingest.parts
from conftest import EXAMPLES, SEEDS
from corpus import write_stream
from storyline.cli import app
from storyline.engine import Failed, make_engine
from storyline.errors import StorylineError
from storyline.ingest.files import read_file
from storyline.ingest.parts import Part, parts, read_part
from storyline.model import Article, Problem
from storyline.run.ingest import ingest
from storyline.store import Store
from test_stream import pages, rows

pytestmark = pytest.mark.slow


def corpus(folder: Path) -> list[Path]:
    """Examples, seeds, many small JSONL files and one large JSONL file to be cut."""
    write_stream(folder / "small", 12)
    big = folder / "big"
    write_stream(big, 20, seed=11)
    lines = [line for f in sorted(big.glob("*.jsonl")) for line in f.read_text().splitlines()]
    for f in big.glob("*.jsonl"):
        f.unlink()
    (big / "all.jsonl").write_text("\n".join(lines) + "\n")
    found = [EXAMPLES, folder / "small", big]
    return [*found, SEEDS] if SEEDS.exists() else found


def briefs(db: Path, out: Path, engine: str) -> dict[str, str]:
    command = ["brief-all", "--db", str(db), "--out", str(out), "--facts", "fast"]
    result = CliRunner().invoke(app, [*command, "--engine", engine, "--workers", "2"])
    assert result.exit_code == 0, result.output
    return {f.name: f.read_text() for f in sorted(out.iterdir())}


def test_every_engine_gives_the_same_stories_and_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storyline.ingest.parts, "SPLIT", 4_000)  # the big file in pieces
    inputs = corpus(tmp_path / "in")
    decided, written = {}, {}
    for kind in ("local", "processes", "dask"):
        db = tmp_path / f"{kind}.db"
        with Store(db) as store:
            engine = make_engine(kind, workers=2)
            try:
                report = ingest(inputs, store, engine=engine, batch=16)
            finally:
                engine.close()
            assert not [p for p in report.problems if "could not be processed" in p.reason]
            decided[kind] = rows(store)
        written[kind] = briefs(db, tmp_path / f"briefs-{kind}", kind)
    assert decided["local"]["counts"]["stories"] > 10
    assert decided["processes"] == decided["local"] == decided["dask"]
    assert written["processes"] == written["local"] == written["dask"]
    assert len(written["local"]) == decided["local"]["counts"]["stories"]


def ids(items: Iterator[Article | Problem]) -> list[str]:
    return [i.id for i in items if isinstance(i, Article)]


@pytest.mark.parametrize("split", [1_000, 2_345, 10_000])
def test_a_large_jsonl_file_is_cut_by_line_and_each_line_read_once(
    tmp_path: Path, split: int
) -> None:
    records = [json.dumps({"text": f"Report {i}: " + "words " * (i % 40)}) for i in range(150)]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(records) + "\n")
    cut = [p for p in parts([big], split=split) if isinstance(p, Part)]
    assert len(cut) > 1
    assert [i for p in cut for i in ids(read_part(p))] == ids(read_file(big))


@pytest.mark.parametrize("compressed", [False, True])
def test_a_large_warc_file_is_cut_by_record_and_each_record_read_once(
    tmp_path: Path, compressed: bool
) -> None:
    records = pages(40)
    warc = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    warc.write_bytes(data)
    cut = [p for p in parts([warc], split=len(data) // 7) if isinstance(p, Part)]
    assert len(cut) >= 7
    whole = ids(read_file(warc))
    assert len(whole) == 40
    assert [i for p in cut for i in ids(read_part(p))] == whole


def fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("cannot take three")
    return n * 10


def dies_on_three(n: int) -> int:
    if n == 3:
        os._exit(1)  # the worker process dies
    return n * 10


def mapped(kind: str, fn: Callable[[int], int], n: int) -> list:
    """``fn`` over ``range(n)`` on a fresh engine of two workers, which is then closed."""
    engine = make_engine(kind, workers=2)
    try:
        return list(engine.map(fn, range(n), name=lambda i: f"item {i}"))
    finally:
        engine.close()


@pytest.mark.parametrize("kind", ["local", "processes", "dask"])
def test_a_failing_item_is_reported_and_the_rest_goes_on(kind: str) -> None:
    results = mapped(kind, fails_on_three, 6)
    assert results[:3] == [0, 10, 20] and results[4:] == [40, 50]
    assert isinstance(results[3], Failed) and results[3].name == "item 3"
    assert "cannot take three" in results[3].reason


@pytest.mark.parametrize("kind", ["processes", "dask"])
def test_a_worker_that_dies_costs_only_its_item(kind: str) -> None:
    results = mapped(kind, dies_on_three, 6)
    assert results[:3] == [0, 10, 20] and results[4:] == [40, 50]
    assert isinstance(results[3], Failed) and results[3].name == "item 3"


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


def dies_on_multiples_of_seven(n: int) -> int:
    if n and n % 7 == 0:
        os._exit(1)
    return n


def test_every_item_but_the_poisoned_ones_comes_back_from_a_long_pool_run() -> None:
    """Deaths in the middle of a long input: items sent to a fresh pool after one death
    must not be lost when the old pool's other futures fail."""
    results = mapped("processes", dies_on_multiples_of_seven, 16)
    failed = [r.name for r in results if isinstance(r, Failed)]
    assert failed == ["item 7", "item 14"]
    assert [r for r in results if not isinstance(r, Failed)] == [
        n for n in range(16) if not (n and n % 7 == 0)
    ]


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
