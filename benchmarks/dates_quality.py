"""Dates on public gold: TempEval-3 (TimeBank + AQUAINT news, 256 documents), each
document's creation date (``dct``) given as its publication date.

Scored: the gold DATE expressions whose value is a calendar date (a day, a month, a year
or an ISO week: 1,070 of 1,505; quarters, seasons, "now"-like references and undetermined
parts are outside what a timeline dates, and counted apart). A system date is right when
its span overlaps the gold expression's and its value is the same string
("1998-01-08", "1997-10", "1998", "1998-W02"). Precision: right values over the dated
expressions a system returns that overlap any gold expression or none (a date where the
gold has none is a false one); recall: right values over the gold ones; value F1.

Peer: dateparser's ``search_dates`` with the same base date (it returns a full date; it is
scored at the gold's precision, a generous reading).

    python benchmarks/dates_quality.py [--limit N] [--depth fast|full]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.annotate import annotate
from storyline.model import Article, Depth, Markup

DATA = Path(__file__).resolve().parents[2] / "shared/data/gold/tempeval3/train.jsonl"
CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?")


@dataclass(frozen=True)
class Dated:
    start: int
    end: int
    value: str


def documents(limit: int | None) -> list[dict]:
    with DATA.open(encoding="utf-8") as f:
        found = [json.loads(line) for line in f]
    return found[:limit] if limit else found


def gold(doc: dict) -> tuple[list[Dated], int]:
    """The calendar DATE expressions, and how many DATE ones are not calendar dates."""
    dates = [t for t in doc["timex"] if t["type"] == "DATE"]
    calendar = [
        Dated(t["start"], t["end"], t["value"]) for t in dates if CALENDAR.fullmatch(t["value"])
    ]
    return calendar, len(dates) - len(calendar)


def published(doc: dict) -> dt.date:
    return dt.date.fromisoformat(doc["dct"][:10])


def storyline(doc: dict, depth: Depth) -> list[Dated]:
    article = Article(
        doc["doc"], doc["doc"], "gold", Markup.TEXT, "", doc["text"], published=published(doc)
    )
    story = annotate([replace(article, lang="en")], depth=depth)
    return [Dated(w.start, w.end, w.date) for w in story.whens if w.date]


def dateparser_peer(doc: dict, truth: Sequence[Dated]) -> list[Dated]:
    """search_dates' finds, each read at the precision of the gold expression it overlaps."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(published(doc), dt.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(doc["text"], languages=["en"], settings={"RELATIVE_BASE": base})
    dated, cursor = [], 0
    for text, when in found or []:
        start = doc["text"].find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        match = next((t for t in truth if overlapping((t.start, t.end), (start, cursor))), None)
        value = at_precision(when, match.value) if match else when.date().isoformat()
        dated.append(Dated(start, cursor, value))
    return dated


def at_precision(when: dt.datetime, value: str) -> str:
    if "-W" in value:
        year, week, _ = when.date().isocalendar()
        return f"{year}-W{week:02d}"
    return when.date().isoformat()[: len(value)]


def overlapping(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def right(truth: Dated, found: Sequence[Dated]) -> bool:
    span = (truth.start, truth.end)
    return any(overlapping(span, (f.start, f.end)) and f.value == truth.value for f in found)


def scored(pairs: Sequence[tuple[list[Dated], list[Dated]]]) -> tuple[float, float, float, int]:
    hits = sum(right(t, found) for truth, found in pairs for t in truth)
    returned = sum(len(found) for _, found in pairs)
    wanted = sum(len(truth) for truth, _ in pairs)
    p = hits / returned if returned else 0.0
    r = hits / wanted if wanted else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, hits


def row(name: str, truths: Sequence[list[Dated]], found: Sequence[list[Dated]], ms: float) -> str:
    p, r, f, hits = scored(list(zip(truths, found, strict=True)))
    wanted = sum(map(len, truths))
    return f"| {name} | {p:.3f} | {r:.3f} | **{f:.3f}** | {hits} of {wanted} | {ms:.0f} |"


def by_precision(truths: Sequence[list[Dated]], found: Sequence[list[Dated]]) -> str:
    kinds: Counter[tuple[str, bool]] = Counter()
    for truth, dated in zip(truths, found, strict=True):
        for t in truth:
            kind = "week" if "-W" in t.value else {4: "year", 7: "month", 10: "day"}[len(t.value)]
            kinds[(kind, right(t, dated))] += 1
    return ", ".join(
        f"{k} {kinds[(k, True)]} of {kinds[(k, True)] + kinds[(k, False)]}"
        for k in ("day", "month", "year", "week")
    )


def timed(work: Callable[[dict], list[Dated]], docs: Sequence[dict]) -> tuple[list, float]:
    start = time.perf_counter()
    found = [work(d) for d in docs]
    return found, (time.perf_counter() - start) / len(docs) * 1000


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--depth", choices=["fast", "full"], default=None)
    args = parser.parse_args(argv)
    docs = documents(args.limit)
    truths, others = zip(*(gold(d) for d in docs), strict=True)
    print(
        f"{len(docs)} documents; {sum(map(len, truths))} calendar DATE expressions "
        f"({sum(others)} other DATE values not scored)\n"
    )
    print("| system | precision | recall | value F1 | right | ms/doc |\n|---|---|---|---|---|---|")
    found: list[list[Dated]] = []
    for depth in [Depth(args.depth)] if args.depth else [Depth.FAST, Depth.FULL]:
        found, ms = timed(lambda d, depth=depth: storyline(d, depth), docs)
        print(row(f"storyline ({depth})", truths, found, ms))
    by_doc = dict(zip((d["doc"] for d in docs), truths, strict=True))
    peer, ms = timed(lambda d: dateparser_peer(d, by_doc[d["doc"]]), docs)
    print(row("dateparser search_dates (at the gold's precision)", truths, peer, ms))
    print(f"\nright by precision (storyline, last depth): {by_precision(truths, found)}")


if __name__ == "__main__":
    main()
