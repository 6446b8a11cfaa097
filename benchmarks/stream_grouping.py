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

The thresholds of group/stories.py were tuned on the items of 7 October; the rows for 8
October are the held-out report. "drift" is the share of stories of two or more items
holding two items that share no content word at all (TF-IDF cosine 0): members that
share no event. With ``--multinews`` the `multinews-plus-val` documents are also streamed
through the grouper in cluster order (each cluster one gold event), next to the same
TF-IDF + agglomerative peer on all of them at once (its threshold tuned there). With ``--polish``,
8 October's English and Polish items are streamed together instead, and the Polish–English
pairs scored against `gold/events/demo-week-polish-events.tsv` (each Polish item's English
event, or its own).

    python benchmarks/stream_grouping.py [--embeddings] [--multinews] [--largest 20]
    python benchmarks/stream_grouping.py --polish
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from grouping_quality import agglomerative, bcubed, documents, embeddings, hdbscan, pairwise
from storyline.group.features import features
from storyline.group.grouper import Grouper
from storyline.model import Article, Markup
from storyline.run.ingest import ingest
from storyline.store import Store

STREAM = Path(__file__).resolve().parents[2] / "shared/data/streams/rss2023-demo-week.jsonl.gz"
GOLD = Path(__file__).resolve().parent / "gold" / "events" / "demo-week-events.tsv"
# The Polish items of 8 October, each labelled with the English event it reports (an E
# id of GOLD) or an event of its own (a P id; ids are per annotator slice) or `solo`.
POLISH_GOLD = GOLD.with_name("demo-week-polish-events.tsv")
MULTINEWS = (
    Path(__file__).resolve().parents[2]
    / "shared/data/summarization/multinews-plus-val/val.jsonl.gz"
)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)


def gold(path: Path = GOLD) -> dict[int, str]:
    with path.open(encoding="utf-8") as f:
        found = {int(r["line"]): r["event"] for r in csv.DictReader(f, delimiter="\t")}
    # a `solo` item is an event of its own
    return {line: f"solo-{line}" if event == "solo" else event for line, event in found.items()}


def items(lines: set[int]) -> list[tuple[int, dict[str, str]]]:
    """The labelled items with their line numbers, in order of publication."""
    found = []
    with gzip.open(STREAM, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            if number in lines:
                found.append((number, json.loads(line)))
    return sorted(found, key=lambda item: (str(item[1].get("published")), item[0]))


def storyline_stories(
    found: Sequence[tuple[int, dict[str, str]]],
) -> tuple[list[int], int, dict[int, tuple[str | None, int | None]]]:
    """Each item's story after a real ingest, how many items were stored, and each story's
    headline and thread."""
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        with stream.open("w", encoding="utf-8") as f:
            for _, record in found:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        with Store(Path(folder) / "store.db") as store:
            ingest([stream], store)
            story_of: dict[str, int] = {}  # by URL: a large input is read in parts
            about: dict[int, tuple[str | None, int | None]] = {}
            for row in store.stories():
                about[row.id] = (row.headline, row.thread)
                located = store.story(row.id)
                for member in located[1] if located else []:
                    story_of[member.url or ""] = row.id
    stories = [story_of.get(r.get("url", ""), -(i + 1)) for i, (_, r) in enumerate(found)]
    return stories, sum(1 for _, r in found if r.get("url", "") in story_of), about


def as_articles(found: Sequence[tuple[int, dict[str, str]]]) -> list[Article]:
    return [
        Article(str(n), str(n), r.get("outlet", ""), Markup.TEXT, "", r.get("text") or "",
                title=r.get("title"))
        for n, r in found
    ]  # fmt: skip


def drift(pred: Sequence[int], articles: Sequence[Article]) -> float:
    """The share of stories of two or more items with two items sharing no content word."""
    matrix = TfidfVectorizer(stop_words="english").fit_transform(documents(articles))
    members: dict[int, list[int]] = defaultdict(list)
    for i, story in enumerate(pred):
        members[story].append(i)
    multi = [m for m in members.values() if len(m) > 1]
    drifting = sum(1 for m in multi if (matrix[m] @ matrix[m].T).toarray().min() == 0)
    return drifting / len(multi) if multi else 0.0


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


HEADER = (
    "| system | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | stories | largest "
    "| mixed | s |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def days(found: Sequence[tuple[int, dict[str, str]]]) -> dict[str, list[int]]:
    """Item positions by day of publication: 7 October tunes, 8 October reports."""
    by: dict[str, list[int]] = defaultdict(list)
    for i, (_, record) in enumerate(found):
        by[str(record.get("published", ""))[:10]].append(i)
    return dict(sorted(by.items()))


def multinews() -> None:
    """The plus-val documents streamed through the grouper, each cluster one event."""
    articles, labels = [], []
    with gzip.open(MULTINEWS, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            for j, doc in enumerate(json.loads(line)["cleansed_document"]):
                if doc.strip():
                    articles.append(Article(f"{number}-{j}", "", "", Markup.TEXT, "", doc))
                    labels.append(str(number))
    start = time.perf_counter()
    grouper = Grouper()
    for article in articles:
        grouper.place(article, features(article))
    pred = [grouper.stories.story_of[a.id] for a in articles]
    print(f"\nmultinews-plus-val streamed: {len(articles)} documents, {len(set(labels))} events\n")
    print(HEADER)
    print(row("storyline (streamed)", pred, labels, time.perf_counter() - start))
    start = time.perf_counter()
    threshold, batch = best_batch([a.text for a in articles], labels)
    print(row(f"TF-IDF + agglomerative ({threshold}, tuned here)", batch, labels, 0))
    print(f"(the batch peer, all documents at once: {time.perf_counter() - start:.0f} s)")


def best_batch(texts: Sequence[str], labels: Sequence[str]) -> tuple[float, list[int]]:
    """TF-IDF + average-linkage agglomerative clustering with its distance threshold the
    best of THRESHOLDS on these labels: a generous ceiling. Built with scipy from
    the sparse product, since scikit-learn's clustering wants the whole matrix dense (a
    hundred thousand terms by twelve thousand documents)."""
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distance = 1 - (matrix @ matrix.T).toarray().astype(np.float32)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform(np.clip(distance, 0, 2), checks=False), "average")
    ids = {label: i for i, label in enumerate(dict.fromkeys(labels))}
    gold_ids = [ids[label] for label in labels]
    found = []
    for threshold in THRESHOLDS:
        pred = fcluster(tree, threshold, "distance").tolist()
        found.append((bcubed(pred, gold_ids)[2], threshold, pred))
    _, threshold, pred = max(found)
    return threshold, pred


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embeddings", action="store_true", help="also MiniLM + HDBSCAN")
    parser.add_argument("--multinews", action="store_true", help="also multinews-plus-val")
    parser.add_argument("--largest", type=int, default=20, help="stories to list for reading")
    parser.add_argument(
        "--polish", action="store_true", help="only 8 October's English and Polish items"
    )
    args = parser.parse_args(argv)
    if args.polish:
        polish()
        return
    labels_of = gold()
    found = items(set(labels_of))
    labels = [labels_of[n] for n, _ in found]
    print(
        f"{len(found)} items, {len(set(labels))} gold events, largest "
        f"{max(Counter(labels).values())}"
    )
    start = time.perf_counter()
    stories, _, about = storyline_stories(found)
    seconds = time.perf_counter() - start
    articles = as_articles(found)
    vectors = embeddings(articles) if args.embeddings else None
    for day, where in [("all", list(range(len(found)))), *days(found).items()]:
        print(f"\n### {day}: {len(where)} items\n\n{HEADER}")
        gold_here = [labels[i] for i in where]
        mine = [stories[i] for i in where]
        print(row(f"storyline ({sum(s > 0 for s in mine)} stored)", mine, gold_here, seconds))
        subset = [articles[i] for i in where]
        best = None
        for threshold in THRESHOLDS:
            pred = agglomerative(subset, threshold)
            f1 = bcubed(pred, [hash(label) for label in gold_here])[2]
            if best is None or f1 > best[0]:
                best = (
                    f1,
                    row(f"TF-IDF + agglomerative ({threshold}, tuned here)", pred, gold_here, 0),
                )
        assert best is not None
        print(best[1])
        if vectors is not None:
            print(row("MiniLM + HDBSCAN", hdbscan(vectors[where]), gold_here, 0))
    print(
        "\nmixed: the share of stories of two or more items whose items are not all of one "
        f"gold event. drift (storyline, all items): {drift(stories, articles):.3f}"
    )
    largest(stories, labels, about, args.largest)
    if args.multinews:
        multinews()


def polish(out: Callable[[str], None] = print) -> dict[str, int]:
    """8 October's English and Polish items streamed together: are Polish reports put with
    the English reports of their event, and only with those?"""
    english, polish_labels = gold(), gold(POLISH_GOLD)
    found = items(set(polish_labels) | set(english))
    found = [(n, r) for n, r in found if str(r.get("published", ""))[:10] == "2023-10-08"]
    labels = [polish_labels.get(n) or english[n] for n, _ in found]
    langs = [r.get("lang", "") for _, r in found]
    start = time.perf_counter()
    stories, _, _ = storyline_stories(found)
    seconds = time.perf_counter() - start
    told = Counter(langs)
    out(f"8 October: {told['en']} English and {told['pl']} Polish items\n\n{HEADER}")
    out(row("storyline", stories, labels, seconds))
    # Polish–English pairs (P ids are per slice, so Polish–Polish pairs are not scored)
    right = grouped = same = 0
    joined: dict[int, bool] = {}
    for i, j in combinations(range(len(found)), 2):
        if {langs[i], langs[j]} != {"en", "pl"}:
            continue
        together, one = stories[i] == stories[j] and stories[i] > 0, labels[i] == labels[j]
        right += together and one
        grouped += together
        same += one
        if together:
            at = i if langs[i] == "pl" else j
            joined[at] = joined.get(at, True) and one
    share = right / grouped if grouped else 1.0
    out(
        f"\nPolish–English pairs: {right} grouped and of one event, {grouped} grouped "
        f"(precision {share:.3f}), {same} of one event (recall {right / max(same, 1):.3f})"
    )
    in_english = {label for label, lang in zip(labels, langs, strict=True) if lang == "en"}
    reports = sum(
        1 for label, lang in zip(labels, langs, strict=True) if lang == "pl" and label in in_english
    )
    out(
        f"Polish items with an English story-mate: {len(joined)}, of which "
        f"{sum(joined.values())} only with English items of their event; "
        f"{reports} Polish items report an event 8 October's English items report"
    )
    return {
        "pairs right": right,
        "pairs grouped": grouped,
        "items joined": len(joined),
        "items right": sum(joined.values()),
    }


def largest(
    stories: Sequence[int],
    labels: Sequence[str],
    about: dict[int, tuple[str | None, int | None]],
    n: int,
) -> None:
    """The largest stories with their gold events, to read by hand; and the threads."""
    events: dict[int, Counter[str]] = defaultdict(Counter)
    for story, label in zip(stories, labels, strict=True):
        events[story][label] += 1
    print(f"\n{n} largest stories (size, gold events: the top one's share):\n")
    for story, counts in sorted(events.items(), key=lambda kv: -kv[1].total())[:n]:
        top = counts.most_common(1)[0][1]
        headline = about.get(story, (None, None))[0]
        share = top / counts.total()
        print(f"- {counts.total()} items, {len(counts)} events ({share:.0%} one): {headline}")
    threads = Counter(t for _, t in about.values() if t is not None)
    multi = [n for n in threads.values() if n > 1]
    print(
        f"\nthreads: {len(threads)}; {len(multi)} of two or more stories, the largest "
        f"{max(threads.values(), default=0)} stories"
    )


if __name__ == "__main__":
    main()
