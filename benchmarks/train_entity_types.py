"""Train the entity type model (annotate/entity_types.py) and write the model storyline
ships, reproducibly: the same data and settings give the same model and scores.

Data: CoNLL-2003's train split (946 Reuters documents of 1996). Each name storyline's
spaCy pass finds (both depths, stacked: ``fast`` sees fewer of an article's names) that
overlaps exactly one gold person, organisation or place is a row, labelled with the gold
type; names that are gold MISC or no gold name at all are left out (the model types
names, it does not find them).

Printed: the share of rows typed right by spaCy and by the model, cross-validated over five
folds of documents (the figure to quote). The dev split is never read:
benchmarks/entities_quality.py scores it.

    python benchmarks/train_entity_types.py [--out src/storyline/annotate/entity_type_model.joblib]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from storyline.annotate.entities import mentions
from storyline.annotate.entity_types import KIND, MODEL, features, hashed
from storyline.annotate.figures import needs_tags
from storyline.annotate.nlp import parse
from storyline.annotate.sentences import split_sentences
from storyline.model import Article, Depth, Markup

DATA = Path(__file__).resolve().parents[2] / "shared/data/gold/conll2003/train.jsonl"
OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "annotate" / MODEL
C = 1.0  # inverse regularisation: 0.3 to 3 were within 0.005 of each other, cross-validated
FOLDS = 5


def found(doc: dict, depth: Depth) -> list:
    """The names annotate() finds in a document, before they are retyped."""
    article = Article(doc["doc"], doc["doc"], "gold", Markup.TEXT, "", doc["text"], lang="en")
    sentences = tuple(split_sentences(article, 0))
    return [m for piece in parse(sentences, depth, needs_tags) for m in mentions(piece)]


def rows(docs: Sequence[dict]) -> tuple[list[list[str]], list[str], list[str], list[int]]:
    """Features, gold types, spaCy's types and the document of each row."""
    X, y, spacy, group = [], [], [], []
    for number, doc in enumerate(docs):
        gold = [(e["start"], e["end"], e["type"]) for e in doc["entities"]]
        for depth in (Depth.FAST, Depth.FULL):
            named = [m for m in found(doc, depth) if m.label in KIND]
            for m, row in zip(named, features(named, doc["text"]), strict=True):
                over = [g for g in gold if g[0] < m.end and m.start < g[1]]
                if len(over) == 1 and over[0][2] != "MISC":
                    X.append(row)
                    y.append(over[0][2])
                    spacy.append(KIND[m.label])
                    group.append(number)
    return X, y, spacy, group


def fit(X: Any, y: Sequence[str]) -> LogisticRegression:
    """On one thread: the solver's sums, split over more, differ in their last bits, and
    the model would not be the same byte for byte on another machine."""
    with threadpool_limits(1):
        return LogisticRegression(C=C, max_iter=3000).fit(X, y)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with DATA.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    named, y, spacy, group = rows(docs)
    X = hashed(named)  # once: the folds take rows of it
    gold = np.array(y)
    print(f"CoNLL-2003 train: {len(docs)} documents, {len(named)} names (both depths)")
    guessed = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(FOLDS).split(named, y, group):
        guessed[test] = fit(X[train], gold[train]).predict(X[test])
    print(f"spaCy's type right: {np.mean(np.array(spacy) == gold):.3f}")
    print(f"model's type right, cross-validated over {FOLDS} folds: {np.mean(guessed == gold):.3f}")
    model = fit(X, y)
    model.coef_ = model.coef_.astype(np.float32)  # half the package's bytes, same types
    joblib.dump(model, args.out, compress=3)
    size = args.out.stat().st_size / 1024
    print(f"wrote {args.out} ({size:.0f} KB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
