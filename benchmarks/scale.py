"""Scale: the multinews-plus-val documents through `storyline ingest` (read, clean,
fingerprint in parallel; grouping and writes in order) and `storyline brief-all` (one
brief with facts per story, in parallel) on each engine: in-process, a local process
pool of 2, and a Dask LocalCluster on 127.0.0.1 with 1 and 2 workers.

Reports articles per second over both steps (after every worker has loaded the models
once: that start-up is shown on its own), the speed-up over one Dask worker, peak memory
per worker, and the engine's overhead per task (a map of no-op tasks). Every
engine must end with the same stories; the script checks that too.

    python benchmarks/scale.py [--limit 3000] [--facts fast]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_throughput import DATA, write_input
from storyline.annotate import warm_up
from storyline.engine import Engine, Failed, make_engine
from storyline.run.brief_all import brief_story, story_tasks, task_name
from storyline.run.ingest import ingest
from storyline.store import Store

CONFIGS = (("local", 1), ("processes", 2), ("dask", 1), ("dask", 2))
NO_OPS = 400


@dataclass(frozen=True)
class Result:
    engine: str
    workers: int
    articles: int
    stories: int
    ingest_s: float
    briefs_s: float
    overhead_ms: float
    peak_mb: float
    startup_s: float
    decided: tuple


def no_op(x: int) -> int:
    return x


def warm(depth: str) -> str:
    """Load the fact layer's models in the worker that runs this (once per worker); the
    pause spreads the calls over all workers."""
    warm_up(depth)
    time.sleep(0.5)
    return depth


def dask_peak_mb(engine: Engine) -> float:
    """The largest peak resident memory among the Dask workers."""
    peaks = engine.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # type: ignore[attr-defined]
    return max(peaks.values()) / 1024


def run_one(kind: str, workers: int, inputs: Path, folder: Path, depth: str) -> Result:
    engine = make_engine(kind, workers=workers)
    try:
        start = time.perf_counter()
        list(engine.map(warm, [depth] * (engine.workers * 3), name=str))  # models, once each
        startup = time.perf_counter() - start
        start = time.perf_counter()
        list(engine.map(no_op, range(NO_OPS), name=str))
        overhead = (time.perf_counter() - start) / NO_OPS * 1000
        with Store(folder / f"{kind}-{workers}.db") as store:
            start = time.perf_counter()
            report = ingest([inputs], store, engine=engine)
            ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            done = failed = 0
            for result in engine.map(
                brief_story, story_tasks(store, 120, depth, "json"), name=task_name
            ):
                failed += isinstance(result, Failed)
                done += not isinstance(result, Failed)
            briefs_s = time.perf_counter() - start
            decided = tuple(
                (row.id, row.articles) for row in sorted(store.stories(), key=lambda r: r.id)
            )
        peak = dask_peak_mb(engine) if kind == "dask" else 0.0
    finally:
        engine.close()
    if kind != "dask":  # pool workers count once they are gone; in-process is this one
        who = resource.RUSAGE_CHILDREN if kind == "processes" else resource.RUSAGE_SELF
        peak = resource.getrusage(who).ru_maxrss / 1024
    if failed:
        print(f"{kind} x{workers}: {failed} briefs failed", file=sys.stderr)
    return Result(
        kind, workers, report.stored, done, ingest_s, briefs_s, overhead, peak, startup, decided
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=3000, help="documents (0: all)")
    parser.add_argument("--facts", default="fast", choices=("off", "fast", "full"))
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"missing {DATA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "input"
        inputs.mkdir()
        documents = write_input(inputs, args.limit or None)
        results = []
        for kind, workers in CONFIGS:
            results.append(run_one(kind, workers, inputs, Path(tmp), args.facts))
            r = results[-1]
            print(
                f"{kind} x{workers}: ingest {r.ingest_s:.1f} s, briefs {r.briefs_s:.1f} s",
                file=sys.stderr,
            )
    same = len({r.decided for r in results}) == 1
    base = next(r for r in results if r.engine == "dask" and r.workers == 1)
    pool = next(r for r in results if r.engine == "processes")
    print(
        f"\n{documents:,} documents -> {results[0].articles:,} articles stored, "
        f"{results[0].stories:,} stories briefed (facts {args.facts}); "
        f"same stories on every engine: {same}\n"
    )
    print(
        "| engine | workers | models loaded s | ingest s | brief-all s | articles/s (both) | "
        "vs 1 Dask worker | peak MB per worker | overhead ms/task |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        total = r.ingest_s + r.briefs_s
        base_total = base.ingest_s + base.briefs_s
        print(
            f"| {r.engine} | {r.workers} | {r.startup_s:.1f} | {r.ingest_s:.1f} | "
            f"{r.briefs_s:.1f} | "
            f"{r.articles / total:.1f} | {base_total / total:.2f}x | {r.peak_mb:.0f} | "
            f"{r.overhead_ms:.2f} |"
        )
    dask2 = next(r for r in results if r.engine == "dask" and r.workers == 2)
    d2, p2 = dask2.ingest_s + dask2.briefs_s, pool.ingest_s + pool.briefs_s
    print(f"\nDask 2 workers vs process pool of 2: {(d2 - p2) / p2 * 100:+.1f} % time")
    per_article = (base.ingest_s + base.briefs_s) / base.articles
    print(f"one worker's cost per article (ingest + brief share): {per_article * 1000:.1f} ms")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
