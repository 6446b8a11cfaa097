"""Fit the centroid scorer's weights (the learned scorer's fallback) on multinews-plus-val
(never on the clusters we report on, which are LongBench's). Prints ROUGE for each weight
setting, best last.

    python benchmarks/tune_summary.py [--limit 300]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import statistics
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from storyline.annotate import annotate
from storyline.clean import clean
from storyline.ingest import text_article
from storyline.model import Article
from storyline.synthesize import Weights, summarize
from summary_quality import METRICS, rouge_f1

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared/data/summarization/multinews-plus-val/val.jsonl.gz"
)


def plus_val_clusters(limit: int) -> Iterator[tuple[list[Article], str]]:
    """The cleaned, usable articles of each cluster and its reference summary."""
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, limit):
            row = json.loads(line)
            docs = [d for d in row["raw_document"] if d.strip()]
            articles = clean([text_article(f"d{i}", d) for i, d in enumerate(docs)])
            usable = [a for a in articles if a.text.strip()]
            if usable:
                yield usable, row["summary"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--words", type=int, default=260)
    args = parser.parse_args(argv)
    clusters = [(annotate(a), ref) for a, ref in plus_val_clusters(args.limit)]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    grid = itertools.product((1.0,), (0.0, 0.5, 1.0), (0.0, 0.25, 0.5, 1.0), (0.4, 0.5, 0.6))
    results = []
    for centroid, support, position, redundancy in grid:
        w = Weights("centroid", centroid, support, position, redundancy)
        rows = [
            rouge_f1(scorer, ref, [s.text for s in summarize(story, args.words, weights=w)])
            for story, ref in clusters
        ]
        r1, r2, rl = (statistics.mean(col) for col in zip(*rows, strict=True))
        results.append((r1, r2, rl, w))
        print(f"{r1:.2f} {r2:.2f} {rl:.2f} {w}", file=sys.stderr)
    for r1, r2, rl, w in sorted(results, key=lambda r: r[0] + r[1] + r[2])[-5:]:
        print(f"{r1:.2f} {r2:.2f} {rl:.2f} {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
