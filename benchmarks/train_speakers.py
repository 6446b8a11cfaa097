"""Train the quote-speaker ranker (annotate/speakers.py) and write the model storyline
ships, reproducibly: the same data, seed and settings give the same model and scores.

Data: PolNeAR's train split (840 political news articles of 2016, every attribution
annotated). Each quote storyline finds inside a direct attribution whose source is a name
gives one group: the names around the quote (``speakers.candidates``), each labelled by
whether it names the gold source (benchmarks/quotes_quality.py's ``same_speaker``). The
names are spaCy's at both depths, stacked, so the model knows the fewer names ``fast``
reads as well as ``full``'s.

Printed: the cross-validated share of quotes whose best-ranked name is right (five folds
by article; the figure to quote) at the shipped threshold, and how often a quote is left
with no speaker. The dev split is never read: benchmarks/quotes_quality.py scores it.

    python benchmarks/train_speakers.py [--out src/storyline/annotate/speaker_model.joblib]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes_quality import article_of, documents, is_name, same_speaker
from storyline.annotate import annotate
from storyline.annotate import quotes as quote_finder
from storyline.annotate.speakers import FEATURES, MODEL, THRESHOLD, candidates, quoted
from storyline.model import Depth

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "annotate" / MODEL
SEED = 0
FOLDS = 5


def groups(docs: Sequence[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Rows, labels and each row's (document, quote) group; and the quotes counted (those
    with no candidate at all included: they are misses whatever the model)."""
    rows: list[list[float]] = []
    labels: list[int] = []
    keys: list[tuple[int, int]] = []
    quotes = 0
    for d, doc in enumerate(docs):
        gold = [
            q
            for q in doc["quotes"]
            if "start" in q and q.get("is_direct") and is_name(q.get("speaker") or "")
        ]
        if not gold:
            continue
        for depth in (Depth.FAST, Depth.FULL):
            story = annotate([article_of(doc)], depth=depth)
            text = story.articles[0].text
            marks = [(q.start - 1, q.end + 1) for q in story.quotations]
            where = quoted(text, marks, story.mentions)
            for k, q in enumerate(story.quotations):
                hit = next((g for g in gold if g["start"] <= q.start and q.end <= g["end"]), None)
                if hit is None:
                    continue
                quotes += 1
                for mention, row in candidates(where, q.start - 1, q.end + 1):
                    rows.append(row)
                    labels.append(int(same_speaker(hit["speaker"], mention.text)))
                    keys.append((d, k + 100_000 * (depth is Depth.FULL)))
    return np.array(rows), np.array(labels), np.array(keys), quotes


def classifier() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=300, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0,
        random_state=SEED,
    )  # fmt: skip


def right(scores: np.ndarray, labels: np.ndarray, keys: np.ndarray) -> tuple[int, int]:
    """Quotes whose best-scored name is right (and reaches the threshold), and quotes
    given no speaker."""
    good = none = 0
    order = np.lexsort((keys[:, 1], keys[:, 0]))
    keys, scores, labels = keys[order], scores[order], labels[order]
    bounds = np.flatnonzero(np.any(np.diff(keys, axis=0) != 0, axis=1)) + 1
    for lo, hi in zip([0, *bounds], [*bounds, len(keys)], strict=True):
        best = lo + int(np.argmax(scores[lo:hi]))
        if scores[best] < THRESHOLD:
            none += 1
        else:
            good += int(labels[best])
    return good, none


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    # Only the quotes and names are read: annotate's own choice needs the model.
    quote_finder.speakers = lambda jobs: [[None] * len(quotes) for _, quotes in jobs]
    docs = documents("train", args.limit)
    x, y, keys, quotes = groups(docs)
    assert x.shape[1] == len(FEATURES), "speakers.FEATURES names every column"
    print(f"{len(docs)} articles, {quotes} quotes with a named speaker, {len(x)} candidates "
          f"({y.mean():.2f} right), read in {time.perf_counter() - start:.0f} s")  # fmt: skip
    reachable = len({tuple(k) for k, label in zip(keys, y, strict=True) if label})
    print(f"a right name among the candidates: {reachable}/{quotes} = {reachable / quotes:.3f}")
    fold = keys[:, 0] % FOLDS
    scores = np.zeros(len(x))
    with threadpool_limits(1):
        for f in range(FOLDS):
            model = classifier().fit(x[fold != f], y[fold != f])
            scores[fold == f] = model.predict_proba(x[fold == f])[:, 1]
        good, none = right(scores, y, keys)
        print(f"cross-validated: speaker right {good}/{quotes} = {good / quotes:.3f}, "
              f"none {none}")  # fmt: skip
        model = classifier().fit(x, y)
    joblib.dump(model, args.out, compress=3)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
