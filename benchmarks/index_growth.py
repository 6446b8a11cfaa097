"""Index growth: the grouping index alone over the replay's items in capture order (no
fetching, cleaning or store), its sizes and the process's RSS every 20,000 items.

The full watch replay (watch_replay.py) says how much memory a months-long watch takes;
this says which part of it the grouping index is, in minutes instead of 75: live
stories, the terms their vectors hold (and as many postings), distinct terms looked up,
members kept, and the largest stories' vectors. Items are grouped by their headline and
feed text, as a watch groups the items whose page it could not fetch.

    python benchmarks/index_growth.py [--items 240000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import lzma
import time
from pathlib import Path

from storyline.group.features import features
from storyline.group.grouper import Grouper
from storyline.model import Article, Body, Markup

STREAM = Path(__file__).resolve().parents[2] / "shared/data/streams/rss2023-jul-dec.jsonl.xz"
EVERY = 20_000


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=240_000)
    args = parser.parse_args()
    grouper, start = Grouper(), time.perf_counter()
    index = grouper.stories
    print(
        "| items | seconds | RSS MB | stories | terms held | distinct terms | members | largest |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with lzma.open(STREAM, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if n > args.items:
                break
            record = json.loads(line)
            published = record.get("published")
            article = Article(
                str(n), record.get("url") or str(n), record.get("outlet", ""), Markup.TEXT, "",
                record.get("text") or "", title=record.get("title"), body=Body.SNIPPET,
                published=dt.date.fromisoformat(published[:10]) if published else None,
                lang=record.get("lang") or "",
            )  # fmt: skip
            grouper.place(article, features(article))
            if n % EVERY == 0:
                stories = index.stories.values()
                held = sum(len(story.weights) for story in stories)
                members = sum(len(story.members) for story in stories)
                largest = max((len(story.weights) for story in stories), default=0)
                print(
                    f"| {n:,} | {time.perf_counter() - start:.0f} | {rss_mb():.0f} | "
                    f"{len(index.stories):,} | {held:,} | {len(index._postings):,} | "
                    f"{members:,} | {largest:,} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
