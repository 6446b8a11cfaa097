"""Quotes and their speakers on public gold: PolNeAR (political news of 2016, every
attribution annotated with its content, source and cue spans).

Scored as the data README says: the direct attributions (their content holds quotation
marks); a quote found is one whose quoted words lie inside a gold attribution's content;
recall over the direct ones, precision over the quotes a system returns (a quote inside
no attribution at all is a false one). A speaker is checked where the gold source is a
name (it starts with a capital and is no pronoun): right when one name holds the other's
last word ("Clinton" for "Hillary Clinton"); a quote with no speaker is wrong.

Peer: a regular expression (quoted words, and the nearest capitalised name beside a verb
of saying in the same sentence). textacy's ``direct_quotations`` is the peer the issue
names; it is not installed here (its dependencies are not measured yet).

    python benchmarks/quotes_quality.py [--split dev|train] [--limit N] [--depth fast|full]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.annotate import annotate
from storyline.lexicon import SAYING
from storyline.model import Article, Depth, Markup

DATA = Path(__file__).resolve().parents[2] / "shared/data/gold/polnear"
PRONOUNS = frozenset(
    ("he", "she", "they", "it", "we", "i", "you", "who", "his", "her", "their", "its", "this")
)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    speaker: str | None


def documents(split: str, limit: int | None) -> list[dict]:
    with (DATA / f"{split}.jsonl").open(encoding="utf-8") as f:
        found = [json.loads(line) for line in f]
    return found[:limit] if limit else found


def article_of(doc: dict) -> Article:
    day = dt.date.fromisoformat(doc["publication_date"][:10])
    return Article(doc["doc"], doc["doc"], doc["publisher"], Markup.TEXT, "", doc["text"],
                   title=doc.get("title"), published=day, lang="en")  # fmt: skip


def storyline(doc: dict, depth: Depth) -> list[Found]:
    story = annotate([article_of(doc)], depth=depth)
    return [Found(q.start, q.end, q.speaker.text if q.speaker else None) for q in story.quotations]


def regex_peer(doc: dict) -> list[Found]:
    text = doc["text"]
    found = []
    for match in _QUOTED.finditer(text):
        if len(match.group(1).split()) < 3:
            continue
        line_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start()))
        ends = (text.find(".", match.end()), text.find("\n", match.end()), len(text))
        line_end = min(x for x in ends if x >= 0)
        around = text[line_start + 1 : match.start()] + " " + text[match.end() : line_end]
        speaker = None
        if SAYING.search(around):
            names = [n for n in _NAME.findall(around) if n.lower() not in PRONOUNS]
            speaker = names[-1] if names else None
        found.append(Found(match.start(1), match.end(1), speaker))
    return found


def is_name(source: str) -> bool:
    words = source.split()
    return bool(words) and source[:1].isupper() and words[0].lower() not in PRONOUNS


def same_speaker(gold: str, found: str | None) -> bool:
    """A gold source is often a name with its description ("Graham, a former
    candidate,", "A top strategist, John Weaver,"): any part of it between commas that is
    a name can match."""
    if not found:
        return False
    b = _words(found)
    for part in gold.split(","):
        a = _words(part)
        if part.strip()[:1].isupper() and a and b and (a[-1] in b or b[-1] in a):
            return True
    return False


def _words(name: str) -> list[str]:
    return name.lower().replace("’s", "").replace("'s", "").split()


def scored(docs: Sequence[dict], finds: Sequence[list[Found]]) -> dict[str, float]:
    direct = matched = returned = inside = named = right = given = 0
    for doc, found in zip(docs, finds, strict=True):
        quotes = [q for q in doc["quotes"] if "start" in q]  # one record of the set is empty
        spans = [(q["start"], q["end"]) for q in quotes]
        returned += len(found)
        inside += sum(any(s <= f.start and f.end <= e for s, e in spans) for f in found)
        for q in quotes:
            if not q.get("is_direct"):
                continue
            direct += 1
            hits = [f for f in found if q["start"] <= f.start and f.end <= q["end"]]
            matched += bool(hits)
            if hits and is_name(q.get("speaker") or ""):
                named += 1
                right += any(same_speaker(q["speaker"], f.speaker) for f in hits)
                given += any(f.speaker for f in hits)
    return {
        "recall": matched / direct if direct else 0.0,
        "precision": inside / returned if returned else 0.0,
        "speaker": right / named if named else 0.0,
        "trusted": right / given if given else 0.0,  # right of the speakers given
        "direct": direct,
        "named": named,
    }


def row(name: str, figures: dict[str, float], ms: float) -> str:
    return (
        f"| {name} | {figures['recall']:.3f} | {figures['precision']:.3f} | "
        f"**{figures['speaker']:.3f}** ({figures['named']:.0f} named) | "
        f"{figures['trusted']:.3f} | {ms:.0f} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--depth", choices=("fast", "full"), default=None)
    args = parser.parse_args(argv)
    docs = documents(args.split, args.limit)
    direct = sum(bool(q.get("is_direct")) for d in docs for q in d["quotes"])
    print(f"PolNeAR {args.split}: {len(docs)} documents, {direct} direct attributions\n")
    print(
        "| system | quote recall | precision | speaker right | right when given | ms/doc |\n"
        "|---|---|---|---|---|---|"
    )
    for depth in [Depth(args.depth)] if args.depth else [Depth.FAST, Depth.FULL]:
        start = time.perf_counter()
        finds = [storyline(d, depth) for d in docs]
        ms = (time.perf_counter() - start) / len(docs) * 1000
        print(row(f"storyline ({depth})", scored(docs, finds), ms))
    start = time.perf_counter()
    finds = [regex_peer(d) for d in docs]
    ms = (time.perf_counter() - start) / len(docs) * 1000
    print(row("quoted words + nearest name by a verb of saying (regex)", scored(docs, finds), ms))


if __name__ == "__main__":
    main()
