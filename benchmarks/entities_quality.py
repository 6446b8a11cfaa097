"""Entity names and their types on public gold: CoNLL-2003 (Reuters news of 1996), the
216 dev documents.

Scored on the gold names of people, organisations and places (PER, ORG, LOC; MISC is
outside the three kinds a brief unifies): a name is found when a system's name overlaps
it, and its type is right when the system calls it a person (PERSON), an organisation
(ORG) or a place (GPE, LOC, FAC). Type accuracy is over the names found. "Names that are
names" is the share of a system's names that overlap a gold name of any kind, MISC too
(precision at finding names).

Two readings of storyline's: the names annotate() finds, and the names a brief shows, which
adds those found again where neither the recogniser nor the name finder tagged them
(synthesize/entities.py: a name tagged once is looked for in the whole text).

Peer: the raw spaCy model storyline ships (``en_core_web_sm``) over each whole document.

    python benchmarks/entities_quality.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from storyline.annotate import annotate
from storyline.annotate.entity_types import KIND
from storyline.annotate.nlp import pipeline
from storyline.model import Article, Depth, Markup, Mention
from storyline.synthesize.entities import unify

DATA = Path(__file__).resolve().parents[2] / "shared/data/gold/conll2003/dev.jsonl"
Named = tuple[int, int, str]  # start, end, PER / ORG / LOC


def documents(limit: int | None) -> list[dict]:
    with DATA.open(encoding="utf-8") as f:
        found = [json.loads(line) for line in f]
    return found[:limit] if limit else found


def gold(doc: dict) -> list[Named]:
    """Every gold name, MISC too: a system's name over a MISC one is no false name, only
    never found or typed right (MISC is none of the three kinds)."""
    return [(e["start"], e["end"], e["type"]) for e in doc["entities"]]


def storyline(doc: dict, depth: Depth, *, brief: bool = False) -> list[Named]:
    article = Article(doc["doc"], doc["doc"], "gold", Markup.TEXT, "", doc["text"], lang="en")
    story = annotate([article], depth=depth)
    found: list[Mention] = list(unify(story)[1]) if brief else list(story.mentions)
    return [(m.start, m.end, KIND[m.label]) for m in found if m.label in KIND]


def spacy_peer(doc: dict) -> list[Named]:
    ents = pipeline()(doc["text"]).ents
    return [(e.start_char, e.end_char, KIND[e.label_]) for e in ents if e.label_ in KIND]


def scored(truths: Sequence[list[Named]], finds: Sequence[list[Named]]) -> tuple[float, float]:
    """(share of gold people, organisations and places found, share of the found whose
    type is right)."""
    wanted = found = right = 0
    for truth, named in zip(truths, finds, strict=True):
        for start, end, kind in truth:
            if kind == "MISC":
                continue
            wanted += 1
            over = [n for n in named if n[0] < end and start < n[1]]
            if over:
                found += 1
                right += any(n[2] == kind for n in over)
    return found / wanted if wanted else 0.0, right / found if found else 0.0


def real(truths: Sequence[list[Named]], finds: Sequence[list[Named]]) -> float:
    """The share of a system's names that overlap a gold name of any kind (its precision
    at finding names)."""
    pairs = list(zip(truths, finds, strict=True))
    named = sum(len(found) for _, found in pairs)
    hits = sum(
        any(g[0] < n[1] and n[0] < g[1] for g in truth) for truth, found in pairs for n in found
    )
    return hits / named if named else 0.0


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    docs = documents(args.limit)
    truths = [gold(d) for d in docs]
    wanted = sum(kind != "MISC" for truth in truths for *_, kind in truth)
    print(f"CoNLL-2003 dev: {len(docs)} documents, {wanted} PER/ORG/LOC names\n")
    print("| system | names found | type right | names that are names | ms/doc |")
    print("|---|---|---|---|---|")
    runs = [
        (f"storyline ({d}{', as briefed' if brief else ''})",
         lambda doc, d=d, brief=brief: storyline(doc, d, brief=brief))
        for brief in (False, True)
        for d in (Depth.FAST, Depth.FULL)
    ]  # fmt: skip
    for name, work in [*runs, ("raw spaCy model (en_core_web_sm)", spacy_peer)]:
        start = time.perf_counter()
        finds = [work(d) for d in docs]
        ms = (time.perf_counter() - start) / len(docs) * 1000
        found, right = scored(truths, finds)
        print(f"| {name} | {found:.3f} | **{right:.3f}** | {real(truths, finds):.3f} | {ms:.0f} |")


if __name__ == "__main__":
    main()
