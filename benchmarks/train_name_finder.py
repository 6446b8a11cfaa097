"""Train the name finder (annotate/name_finder.py) and write the model storyline ships,
reproducibly: the same data and settings give the same model and scores.

Data: CoNLL-2003's train split (946 Reuters documents of 1996), cut into sentences as
storyline cuts an article, every fourth sentence read twice, the second time in title
case (``TITLE_EVERY``). Each candidate word (capitalised, or a connector between two)
is a row, tagged with the gold name it is in: ``B-`` for its first word, ``I-`` for the
rest, ``O`` outside any name. Beside the model, the words the split writes in lower case
at least ``COMMON_AT`` times (``COMMON``: no headline word in title case is a name's).

Printed: the share of candidate words tagged right, cross-validated over five folds of
documents (``--folds 0`` skips it). The dev split is never read:
benchmarks/entities_quality.py scores it.

    python benchmarks/train_name_finder.py [--folds N] \\
        [--out src/storyline/annotate/name_finder_model.joblib]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.model_selection import GroupKFold

from storyline.annotate.name_finder import (
    COMMON,
    LOWER_WORD,
    MODEL,
    Token,
    candidates,
    features,
    hashed,
    lower_words,
    style,
    tokens,
)
from storyline.annotate.sentences import split_sentences
from storyline.model import Article, Markup
from train_entity_types import fit  # the same regression, on one thread

DATA = Path(__file__).resolve().parents[2] / "shared/data/gold/conll2003/train.jsonl"
OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "annotate" / MODEL
FOLDS = 5
# Every so many sentences is also read as a headline in title case ("Driver Charged In
# Queens Crash"), which CoNLL's Reuters, headed in capitals, never has: the same words and
# gold names, each word capitalised.
TITLE_EVERY = 4
COMMON_AT = 3
_WORD_START = re.compile(r"(?<![\w'’])[a-z]")
Gold = tuple[int, int, str]


def _tag(word: Token, offset: int, gold: Sequence[Gold], previous: Token | None) -> str:
    start, end = offset + word.start, offset + word.end
    for g_start, g_end, kind in gold:
        if g_start < end and start < g_end:
            inside = previous is not None and offset + previous.start >= g_start
            return f"{'I' if inside else 'B'}-{kind}"
    return "O"


def title_cased(text: str) -> str:
    """Each word capitalised, the rest of it as it was ("McDonald" stays): the same length,
    so a name's offsets hold."""
    return _WORD_START.sub(lambda m: m.group().upper(), text)


def sentences_of(doc: dict) -> list[tuple[int, str]]:
    article = Article(doc["doc"], doc["doc"], "gold", Markup.TEXT, "", doc["text"], lang="en")
    return [(s.start, s.text) for s in split_sentences(article, 0)]


def rows(docs: Sequence[dict]) -> tuple[list[list[str]], list[str], list[int]]:
    """Features, gold tags and the document of each candidate word."""
    X: list[list[str]] = []
    y: list[str] = []
    group: list[int] = []
    for number, doc in enumerate(docs):
        gold = [(e["start"], e["end"], e["type"]) for e in doc["entities"]]
        lowered = lower_words(doc["text"])
        for at, (offset, text) in enumerate(sentences_of(doc)):
            copies = [text]
            if style(text) == "plain" and at % TITLE_EVERY == 0:
                copies.append(title_cased(text))
            for copy in copies:
                words = tokens(copy)
                chosen = candidates(words)
                X += features(words, chosen, lowered, style(copy))
                for k, i in enumerate(chosen):
                    previous = words[chosen[k - 1]] if k and chosen[k - 1] == i - 1 else None
                    y.append(_tag(words[i], offset, gold, previous))
                group += [number] * len(chosen)
    return X, y, group


def common_words(docs: Sequence[dict]) -> tuple[str, ...]:
    """The words written in lower case at least ``COMMON_AT`` times, sorted (a set's
    order, and so its pickle, changes from one process to the next)."""
    counts = Counter(w for doc in docs for w in LOWER_WORD.findall(doc["text"]))
    return tuple(sorted(w for w, n in counts.items() if n >= COMMON_AT))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--folds", type=int, default=FOLDS, help="0: no cross-validation")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with DATA.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    named, y, group = rows(docs)
    X = hashed(named)
    gold = np.array(y)
    print(f"CoNLL-2003 train: {len(docs)} documents, {len(named)} candidate words")
    if args.folds:
        guessed = np.empty(len(y), dtype=object)
        for train, test in GroupKFold(args.folds).split(named, y, group):
            guessed[test] = fit(X[train], gold[train]).predict(X[test])
        print(
            f"tags right, cross-validated over {args.folds} folds: {np.mean(guessed == gold):.3f}"
        )
    model = fit(X, y)
    model.coef_ = model.coef_.astype(np.float32)
    joblib.dump(model, args.out, compress=3)
    common = args.out.with_name(COMMON)
    joblib.dump(common_words(docs), common, compress=3)
    size = (args.out.stat().st_size + common.stat().st_size) / 1024
    print(
        f"wrote {args.out} and {common.name} ({size:.0f} KB) in {time.perf_counter() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
