"""The engines (engine/): the same stories and briefs whichever runs the parallel work,
and an item that fails or whose worker dies reported with its name while the rest goes
on. Dask tests start a real LocalCluster on 127.0.0.1 and stop it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.ingest.parts
from helpers import EXAMPLES, SEEDS, mapped, rows, write_stream
from storyline.cli import app
from storyline.engine import Failed, make_engine
from storyline.run.ingest import ingest
from storyline.store import Store

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


def fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("cannot take three")
    return n * 10


def dies_on_three(n: int) -> int:
    if n == 3:
        os._exit(1)  # the worker process dies
    return n * 10


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


def dies_on_zero(item: tuple[str, int]) -> int:
    mark, n = item
    if n == 0:
        Path(mark).touch()
        os._exit(1)
    return n


def after_a_death(mark: Path, n: int) -> Iterator[tuple[str, int]]:
    """Items 0 and 1, then a wait until item 0's worker has died, then the rest: the pool
    is broken before any result is asked for."""
    yield str(mark), 0
    yield str(mark), 1
    deadline = time.monotonic() + 60
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)  # for the pool's own thread to see the death
    yield from ((str(mark), i) for i in range(2, n))


def test_items_sent_after_a_death_nobody_has_seen_yet_go_to_a_fresh_pool(tmp_path: Path) -> None:
    engine = make_engine("processes", workers=2)
    try:
        items = after_a_death(tmp_path / "died", 6)
        results = list(engine.map(dies_on_zero, items, name=lambda item: f"item {item[1]}"))
    finally:
        engine.close()
    assert isinstance(results[0], Failed) and results[0].name == "item 0"
    assert results[1:] == [1, 2, 3, 4, 5]
