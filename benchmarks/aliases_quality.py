"""One entity under many names across reports: storyline's entities on ECB+ (news of
2008-2012, several outlets per event, names linked across documents by annotators).

Each ECB+ subtopic (one event, its reports) is read as one story: annotated at the chosen
depth and unified into entities (synthesize/entities.py), as a brief does. Scored on the
gold mentions of people, organisations and places in the annotated sentences that
storyline finds as names (a storyline mention overlaps them): every pair of such mentions
from two different documents of a subtopic is linked in the gold when both carry one
``chain``, and by a system when it gives both one entity. Pairwise precision, recall and
F1 over those pairs.

Peer: the exact head word (two names are one entity when their last words are the same,
case, dots and a possessive set aside) over the same found names.

    python benchmarks/aliases_quality.py [--split dev|train] [--depth fast|full]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from storyline.annotate import annotate
from storyline.model import Article, Depth, Markup, Mention
from storyline.synthesize.entities import unify

DATA = Path(__file__).resolve().parents[2] / "shared/data/gold/ecbplus"
# ECB+'s fine types of people, organisations and places; its other human and non-human
# participants (vehicles, generic "people", products) are outside what a brief unifies.
NAMED_TYPES = frozenset({"HUMAN_PART_PER", "HUMAN_PART_ORG", "HUMAN_PART_GPE", "LOC_GEO",
                         "LOC_FAC"})  # fmt: skip
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Found:
    """A gold mention storyline found: its document, gold chain, storyline's entity and
    the name storyline read there."""

    doc: int
    chain: str
    entity: int
    name: str


@dataclass
class Pairs:
    hit: int = 0
    predicted: int = 0
    gold: int = 0

    def f1(self) -> tuple[float, float, float]:
        p = self.hit / self.predicted if self.predicted else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def subtopics(split: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    with (DATA / f"{split}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            grouped[doc["subtopic"]].append(doc)
    return dict(sorted(grouped.items()))


def found(docs: Sequence[dict], depth: Depth) -> tuple[list[Found], int]:
    """The gold names storyline finds in one subtopic, and how many gold names it has."""
    articles = [
        Article(d["doc"], d["doc"], d["doc"], Markup.TEXT, "", d["text"], lang="en") for d in docs
    ]
    _, entity_of = unify(annotate(articles, depth=depth))
    by_article: dict[int, list[Mention]] = defaultdict(list)
    for m in entity_of:
        by_article[m.article].append(m)
    out, wanted = [], 0
    for a, doc in enumerate(docs):
        for e in doc["entities"]:
            if e["type"] not in NAMED_TYPES:
                continue
            wanted += 1
            over = [m for m in by_article[a] if m.start < e["end"] and e["start"] < m.end]
            if over:
                best = max(over, key=lambda m: min(m.end, e["end"]) - max(m.start, e["start"]))
                out.append(Found(a, e["chain"], entity_of[best], best.text))
    return out, wanted


def head(name: str) -> str:
    return _POSSESSIVE.sub("", name.replace(".", "")).split()[-1].lower() if name.split() else ""


def score(names: Sequence[Found], same: Callable[[Found, Found], bool], into: Pairs) -> None:
    for x, y in combinations(names, 2):
        if x.doc == y.doc:
            continue
        gold, said = x.chain == y.chain, same(x, y)
        into.gold += gold
        into.predicted += said
        into.hit += gold and said


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--depth", choices=[d.value for d in Depth if d is not Depth.OFF],
                        default="fast")  # fmt: skip
    args = parser.parse_args(argv)
    groups = subtopics(args.split)
    storyline, peer = Pairs(), Pairs()
    wanted = seen = 0
    start = time.perf_counter()
    for docs in groups.values():
        names, total = found(docs, Depth(args.depth))
        wanted += total
        seen += len(names)
        score(names, lambda x, y: x.entity == y.entity, storyline)
        score(names, lambda x, y: head(x.name) == head(y.name), peer)
    seconds = (time.perf_counter() - start) / len(groups)
    n_docs = sum(map(len, groups.values()))
    print(f"ECB+ {args.split}: {len(groups)} subtopics, {n_docs} documents; {seen} of {wanted} "
          f"gold names of people, organisations and places found by storyline ({args.depth}), "
          f"{storyline.gold} gold cross-document pairs among them\n")  # fmt: skip
    print("| system | P | R | F1 | linked pairs |\n|---|---|---|---|---|")
    for name, pairs in (("storyline", storyline), ("exact head word", peer)):
        p, r, f1 = pairs.f1()
        print(f"| {name} | {p:.3f} | {r:.3f} | **{f1:.3f}** | {pairs.predicted} |")
    print(f"\n{seconds:.2f} s per subtopic (annotate and unify)")


if __name__ == "__main__":
    main()
