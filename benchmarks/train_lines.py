"""Train the scraped-text line classifier (clean/text.py) and write the model storyline
ships, reproducibly: the same data, seed and settings give the same model and scores.

Data: the 181 pages of the article-extraction benchmark, each made into the text a
scraper leaves (``html-text``, one block per line). A line is body when at least half of
its 4-word shingles are in the page's ground-truth body (a line of two or three words: when
its words stand in that order in the body; a lone word: never). Features: clean/lines.py.

Printed: the cross-validated score (five folds by page, each page's text from a model
that did not see it; the figure to quote), and the shipped model's score on the pages it
learned from (higher, as it must be: not a measure of anything).

    python benchmarks/train_lines.py [--out src/storyline/clean/line_model.joblib]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import Page, counts, pages, score, visible_text
from storyline.clean.language import detect
from storyline.clean.lines import features
from storyline.clean.text import MODEL, Line, clean_texts, split_lines

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "clean" / MODEL
SEED = 0
FOLDS = 5
CROPS = 10
_TOKEN = re.compile(r"\w+")


def classifier() -> HistGradientBoostingClassifier:
    """Fixed settings, no early stopping (its validation split would be a second source
    of chance). 60 trees: a call costs about 9 µs a tree, whatever the rows; 150 trees
    scored the same (F1 0.900 cross-validated) at twice the cleaning time."""
    return HistGradientBoostingClassifier(
        max_iter=60, learning_rate=0.2, max_leaf_nodes=31, early_stopping=False, random_state=SEED
    )


def labels(lines: Sequence[Line], truth: str) -> np.ndarray:
    words = _TOKEN.findall(truth)
    body = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
    joined = " " + " ".join(words) + " "
    found = []
    for line in lines:
        tokens = _TOKEN.findall(line.text)
        if len(tokens) < 4:  # a lone word ("Tennis" in a menu) is in most bodies somewhere
            found.append(len(tokens) > 1 and f" {' '.join(tokens)} " in joined)
            continue
        shingles = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
        found.append(sum(s in body for s in shingles) >= len(shingles) / 2)
    return np.array(found, dtype=int)


def dataset(found: Sequence[Page]) -> tuple[list[str], list[np.ndarray], list[np.ndarray]]:
    """Per page: its scraped text, and the features and labels of the lines of every
    document made from it (``documents``). Every page is weighed by English stop words,
    whatever its language: trained on each page's own list (as storyline reads other
    languages, clean/language.py), the model scored English pages lower (cross-validated
    F1 0.914 against 0.918) for a small gain on the 21 pages in other languages (0.772
    against 0.760), and English quality is what most readers read."""
    rng = random.Random(SEED)
    texts, rows, marks = [], [], []
    for page in found:
        text = visible_text(page.html)
        texts.append(text)
        made = documents(split_lines(text), page.truth, rng)
        rows.append(np.vstack([features(lines) for lines, _ in made]))
        marks.append(np.concatenate([found_ for _, found_ in made]))
    return texts, rows, marks


def documents(
    lines: list[Line], truth: str, rng: random.Random
) -> list[tuple[list[Line], np.ndarray]]:
    """The page as scraped, and what else scraped text looks like: the body alone (text
    already clean, as a feed or a dump often gives it), and ``CROPS`` runs of the page's
    lines (a short note, a page cut off), so that a short or clean document is not read
    as a page of furniture."""
    marks = labels(lines, truth)
    made = [(lines, marks)]
    body = split_lines(truth)
    if body:
        made.append((body, np.ones(len(body), dtype=int)))
    for _ in range(CROPS if len(lines) > 2 else 0):
        size = rng.randint(1, min(len(lines), 40))
        start = rng.randint(0, len(lines) - size)
        made.append((lines[start : start + size], marks[start : start + size]))
    return made


def folds(n: int) -> list[int]:
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    fold = [0] * n
    for rank, page in enumerate(order):
        fold[page] = rank % FOLDS
    return fold


def fit(rows: Sequence[np.ndarray], marks: Sequence[np.ndarray]) -> HistGradientBoostingClassifier:
    """On one thread: the trees sum gradients in OpenMP threads, and the order of a
    parallel sum changes its last bits, so two runs would differ (seen beside other work)."""
    with threadpool_limits(limits=1, user_api="openmp"):
        return classifier().fit(np.vstack(rows), np.concatenate(marks))


def fold_models(
    n: int, rows: list[np.ndarray], marks: list[np.ndarray]
) -> list[tuple[list[int], HistGradientBoostingClassifier]]:
    """For each fold: its pages, and a model trained on all the others."""
    fold = folds(n)
    made = []
    for f in range(FOLDS):
        train = [i for i in range(n) if fold[i] != f]
        held = [i for i in range(n) if fold[i] == f]
        made.append((held, fit([rows[i] for i in train], [marks[i] for i in train])))
    return made


def cross_validated(
    texts: list[str], models: list[tuple[list[int], HistGradientBoostingClassifier]]
) -> list[str]:
    """Each page's cleaned text from the model that did not see it."""
    cleaned = [""] * len(texts)
    for held, model in models:
        done = clean_texts(
            [(texts[i], None) for i in held],
            model=model,
            languages=[detect(texts[i]) for i in held],
        )
        for i, text in zip(held, done, strict=True):
            cleaned[i] = text
    return cleaned


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    found = pages()
    texts, rows, marks = dataset(found)
    cv = score(
        [
            counts(p.truth, t)
            for p, t in zip(
                found, cross_validated(texts, fold_models(len(found), rows, marks)), strict=True
            )
        ]
    )
    model = fit(rows, marks)
    joblib.dump(model, args.out, compress=3)
    own = clean_texts([(t, None) for t in texts], model=model)
    seen = score([counts(p.truth, t) for p, t in zip(found, own, strict=True)])
    lines = sum(len(m) for m in marks)
    body = sum(int(m.sum()) for m in marks)
    print(
        f"{len(found)} pages, {lines:,} lines ({body:,} body); wrote {args.out} "
        f"({args.out.stat().st_size:,} bytes) in {time.perf_counter() - start:.0f} s"
    )
    print(f"cross-validated ({FOLDS} folds by page): P {cv[0]:.3f} R {cv[1]:.3f} F1 {cv[2]:.3f}")
    print(f"on the pages it learned from:        P {seen[0]:.3f} R {seen[1]:.3f} F1 {seen[2]:.3f}")


if __name__ == "__main__":
    main()
