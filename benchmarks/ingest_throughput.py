"""Ingest throughput: the multinews-plus-val documents (raw scraped text, ~15 k articles)
read from JSONL, cleaned, fingerprinted, de-duplicated and grouped into a fresh SQLite
store, one process, as `storyline ingest` does it.

Reports articles per second and per hour, peak RSS, and the time of each stage.

    python benchmarks/ingest_throughput.py [--limit N] [--batch 256]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from storyline.run.ingest import BATCH, ingest
from storyline.store import Store

DATA = Path(__file__).resolve().parents[2] / "shared/data/summarization/multinews-plus-val"


def write_input(folder: Path, limit: int | None) -> int:
    """The raw documents as JSONL dumps (one record per document, 1,000 per file)."""
    records = []
    with gzip.open(DATA / "val.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            docs = row["raw_document"]
            docs = json.loads(docs) if isinstance(docs, str) else docs
            records.extend({"text": d, "source": row["idx"]} for d in docs if d.strip())
            if limit and len(records) >= limit:
                records = records[:limit]
                break
    for i in range(0, len(records), 1000):
        lines = "\n".join(json.dumps(r) for r in records[i : i + 1000])
        (folder / f"part-{i // 1000:03d}.jsonl").write_text(lines + "\n", encoding="utf-8")
    return len(records)


def run(limit: int | None, batch: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "input"
        folder.mkdir()
        documents = write_input(folder, limit)
        start = time.perf_counter()
        with Store(Path(tmp) / "bench.db") as store:
            report = ingest([folder], store, batch=batch)
            counts = store.count()
        elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = report.stored / elapsed
    print(
        f"{documents:,} documents -> {report.stored:,} stored ({report.copies:,} copies), "
        f"{report.already:,} byte-identical inputs skipped as already stored, "
        f"{len(report.problems):,} skipped with a reason; {counts['stories']:,} stories"
    )
    print("\n| articles | seconds | articles/s | articles/hour | peak RSS MB |")
    print("|---|---|---|---|---|")
    print(f"| {report.stored:,} | {elapsed:.1f} | {rate:.0f} | {rate * 3600:,.0f} | {rss:.0f} |")
    print("\n| stage | seconds | share |")
    print("|---|---|---|")
    for stage, seconds in sorted(report.seconds.items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {seconds:.1f} | {seconds / elapsed * 100:.0f}% |")
    return {"rate": rate, "rss_mb": rss, "stored": report.stored}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch", type=int, default=BATCH)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"missing {DATA}", file=sys.stderr)
        return 2
    run(args.limit, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
