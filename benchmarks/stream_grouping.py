"""Story grouping of a real feed stream against hand-made event gold (issue: stories at
the grain of an event).

The items are the English items of 7 and 8 October 2023 in the demo week of RSS captures
(`../shared/data/streams/rss2023-demo-week.jsonl.gz`), labelled by hand into events
(`benchmarks/gold/events/`, GUIDE.md there; 1,848 items). storyline runs as a user would:
the items, in order of publication, go through `storyline ingest` into a fresh SQLite
store, and each item's story is read back from the store. An item storyline did not
store (the cleaner found no text) is a story of its own, and counted.

Peers on the same items: TF-IDF + agglomerative clustering (cosine, average linkage; its
distance threshold the best of a grid on this very data: a generous ceiling), and, with
``--embeddings``, HDBSCAN over MiniLM sentence embeddings. Scores: B-cubed and pairwise
precision/recall/F1 (benchmarks/grouping_quality.py's functions), plus the size of the
largest stories and the share of stories of two or more items whose gold events differ.

    python benchmarks/stream_grouping.py [--embeddings]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from grouping_quality import agglomerative, bcubed, embeddings, hdbscan, pairwise
from storyline.model import Article, Markup
from storyline.run.ingest import ingest
from storyline.store import Store

STREAM = Path(__file__).resolve().parents[2] / "shared/data/streams/rss2023-demo-week.jsonl.gz"
GOLD = Path(__file__).resolve().parent / "gold" / "events" / "demo-week-events.tsv"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)


def gold() -> dict[int, str]:
    with GOLD.open(encoding="utf-8") as f:
        return {int(r["line"]): r["event"] for r in csv.DictReader(f, delimiter="\t")}


def items(lines: set[int]) -> list[tuple[int, dict[str, str]]]:
    """The labelled items with their line numbers, in order of publication."""
    found = []
    with gzip.open(STREAM, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            if number in lines:
                found.append((number, json.loads(line)))
    return sorted(found, key=lambda item: (str(item[1].get("published")), item[0]))


def storyline_stories(found: Sequence[tuple[int, dict[str, str]]]) -> tuple[list[int], int]:
    """Each item's story after a real ingest, and how many items were stored."""
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        with stream.open("w", encoding="utf-8") as f:
            for _, record in found:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        with Store(Path(folder) / "store.db") as store:
            ingest([stream], store)
            story_of: dict[str, int] = {}  # by URL: a large input is read in parts
            for row in store.stories():
                located = store.story(row.id)
                for member in located[1] if located else []:
                    story_of[member.url or ""] = row.id
    stories = [story_of.get(r.get("url", ""), -(i + 1)) for i, (_, r) in enumerate(found)]
    return stories, sum(1 for _, r in found if r.get("url", "") in story_of)


def as_articles(found: Sequence[tuple[int, dict[str, str]]]) -> list[Article]:
    return [
        Article(str(n), str(n), r.get("outlet", ""), Markup.TEXT, "", r.get("text") or "",
                title=r.get("title"))
        for n, r in found
    ]  # fmt: skip


def row(name: str, pred: Sequence[int], labels: Sequence[str], seconds: float) -> str:
    ids = {label: i for i, label in enumerate(dict.fromkeys(labels))}
    truth = [ids[label] for label in labels]
    bp, br, bf = bcubed(pred, truth)
    pp, pr, pf = pairwise(pred, truth)
    sizes = Counter(pred)
    members: dict[int, set[str]] = defaultdict(set)
    for story, label in zip(pred, labels, strict=True):
        members[story].add(label)
    multi = [s for s, n in sizes.items() if n > 1]
    mixed = sum(1 for s in multi if len(members[s]) > 1) / len(multi) if multi else 0.0
    return (
        f"| {name} | {bp:.3f} | {br:.3f} | **{bf:.3f}** | {pp:.3f} | {pr:.3f} | {pf:.3f} | "
        f"{len(sizes)} | {max(sizes.values())} | {mixed:.2f} | {seconds:.1f} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embeddings", action="store_true", help="also MiniLM + HDBSCAN")
    args = parser.parse_args(argv)
    labels_of = gold()
    found = items(set(labels_of))
    labels = [labels_of[n] for n, _ in found]
    print(
        f"{len(found)} items, {len(set(labels))} gold events, largest "
        f"{max(Counter(labels).values())}"
    )
    print(
        "\n| system | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | stories | largest "
        "| mixed | s |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    start = time.perf_counter()
    stories, stored = storyline_stories(found)
    print(
        row(
            f"storyline ({stored} of {len(found)} stored)",
            stories,
            labels,
            time.perf_counter() - start,
        )
    )
    articles = as_articles(found)
    best = None
    for threshold in THRESHOLDS:
        start = time.perf_counter()
        pred = agglomerative(articles, threshold)
        line = row(
            f"TF-IDF + agglomerative (threshold {threshold}, tuned here)",
            pred,
            labels,
            time.perf_counter() - start,
        )
        f1 = bcubed(pred, [hash(label) for label in labels])[2]
        if best is None or f1 > best[0]:
            best = (f1, line)
    assert best is not None
    print(best[1])
    if args.embeddings:
        start = time.perf_counter()
        vectors = embeddings(articles)
        if vectors is not None:
            print(row("MiniLM + HDBSCAN", hdbscan(vectors), labels, time.perf_counter() - start))
    print(
        "\nmixed: the share of stories of two or more items whose items are not all of one "
        "gold event"
    )


if __name__ == "__main__":
    main()
