"""A name's type (person, organisation or place) read again by a model that knows its
article, over the small spaCy model's guess.

spaCy reads a name from the few words around it, and calls "Surrey" a person in "Surrey
beat Kent", "Wang" an organisation three sentences after "Wang Junxia", "Arbil" an
organisation in "the Kurdish town of Arbil". The model (a logistic regression trained by
benchmarks/train_entity_types.py on CoNLL-2003's train split) sees what spaCy said, the
name's words and shape, the words either side of it, whether its line is in capitals (a
dateline, a table), and what the article's other mentions of it, or the longer names it is
part of, were called. It runs on English articles only: the French pipeline's labels are
its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any, Literal

from storyline.annotate.name_finder import in_capitals, shape
from storyline.learned import load, scores
from storyline.model import Mention

MODEL = "entity_type_model.joblib"
Kind = Literal["PER", "ORG", "LOC"]
# spaCy's labels of the names the model retypes (annotate/entities.py keeps no others),
# and the gold kinds of CoNLL-2003 it was trained on.
KIND: dict[str, Kind] = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_LABEL: dict[Kind, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
HASHED = 2**16  # feature slots: room for CoNLL's ~40,000 features with few collisions
CONTEXT_CHARS = 40  # read either side of a name for its two neighbouring words
PART_WORDS = 4  # the longest part of a longer name that is looked up
_TOKEN = re.compile(r"\w[\w'.-]*|[^\w\s]")


def _line(text: str, start: int, end: int) -> tuple[int, str]:
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, text[begin : len(text) if stop < 0 else stop]


def _parts(found: Sequence[Mention]) -> dict[str, set[str]]:
    """For each run of words inside a longer name, the longer names' labels and where in
    them it stands ("Wang" in "Wang Junxia": ``PERSON:start``)."""
    parts: dict[str, set[str]] = defaultdict(set)
    for m in found:
        words = m.text.split()
        for size in range(1, min(len(words), PART_WORDS + 1)):
            for at in range(len(words) - size + 1):
                where = "start" if at == 0 else "end" if at + size == len(words) else "mid"
                parts[" ".join(words[at : at + size])].add(f"{m.label}:{where}")
    return parts


def features(found: Sequence[Mention], text: str) -> list[list[str]]:
    """Each mention's features, from one article's mentions and its text. Long because
    it is one flat list of features, each a line."""
    labels: dict[str, set[str]] = defaultdict(set)
    for m in found:
        labels[m.text].add(m.label)
    parts = _parts(found)
    rows = []
    for m in found:
        words = m.text.split()
        last = words[-1].lower()
        before = _TOKEN.findall(text[max(0, m.start - CONTEXT_CHARS) : m.start])[-2:]
        after = _TOKEN.findall(text[m.end : m.end + CONTEXT_CHARS])[:2]
        begin, line = _line(text, m.start, m.end)
        row = [
            f"spacy={m.label}",
            f"words={min(len(words), 4)}",
            f"shape={'_'.join(shape(w) for w in words[:3])}",
            f"suffix3={last[-3:]}",
            f"suffix2={last[-2:]}",
            f"first={words[0].lower()}",
            f"last={last}",
            *(f"word={w.lower()}" for w in words),
            *(f"also={label}" for label in sorted(labels[m.text])),
            *(f"part_of={p}" for p in sorted(parts.get(m.text, ()))),
        ]
        if before:
            row.append(f"before={before[-1].lower()}")
        if len(before) > 1:
            row.append(f"before2={before[0].lower()} {before[1].lower()}")
        if after:
            row.append(f"after={after[0].lower()}")
        if len(after) > 1:
            row.append(f"after2={after[0].lower()} {after[1].lower()}")
        if in_capitals(line):
            row.append("capital_line")
        if m.start == begin:
            row.append("opens_line")
        rows.append(row)
    return rows


@cache
def _hasher() -> Any:
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(HASHED, input_type="string", alternate_sign=False)


def hashed(rows: list[list[str]]) -> Any:
    """The sparse matrix the model reads (the same hashing trains and runs it)."""
    return _hasher().transform(rows)


def retyped(found: Sequence[Mention], text: str) -> list[Mention]:
    """One article's mentions with the model's type for each person, organisation or
    place; a place keeps spaCy's finer label (GPE, LOC, FAC) when spaCy called it one."""
    typed = [m for m in found if m.label in KIND]
    if not typed:
        return list(found)
    model = load("storyline.annotate", MODEL)
    best = scores(model, hashed(features(typed, text))).argmax(axis=1)
    kinds = iter(model.classes_[best])
    return [_typed_as(m, next(kinds)) if m.label in KIND else m for m in found]


def _typed_as(mention: Mention, kind: Kind) -> Mention:
    if KIND[mention.label] == kind:
        return mention  # a place spaCy called a facility stays one
    return replace(mention, label=_LABEL[kind])
