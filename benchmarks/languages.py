"""Reports in other languages: what storyline keeps of them, and how well it tells them.

* the demo week of real feed items (`../shared/data/streams/rss2023-demo-week.jsonl.gz`,
  English and Polish): every item through `storyline ingest` into a fresh SQLite store,
  counted by the language its feed declares and by what was stored (full article,
  snippet, headline only, or nothing);
* language identification: py3langid (storyline's detector) and, when installed, lingua
  on each item's title and text, the feed's declared language taken away, against that
  declared language;
* `mmds2025-dev` (English, Chinese and Malay news): the articles the cleaner drops, and
  the languages it tells.

    python benchmarks/languages.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storyline.clean import clean, usable
from storyline.clean.language import detect
from storyline.model import Article, Markup
from storyline.run.ingest import ingest
from storyline.store import Store

DATA = Path(__file__).resolve().parents[2] / "shared/data"
STREAM = DATA / "streams/rss2023-demo-week.jsonl.gz"
MMDS = DATA / "clustering/mmds2025-dev/mds_ac_dev_final.json.gz"


def records(limit: int | None) -> list[dict[str, str]]:
    with gzip.open(STREAM, "rt", encoding="utf-8") as f:
        found = [json.loads(line) for line in f]
    return found[:limit] if limit else found


def stored_counts(found: list[dict[str, str]]) -> Counter[str]:
    """What was stored of the items: "full", "snippet", "headline" or "not stored"."""
    kinds: Counter[str] = Counter()
    for (_, kind), n in _stored(found)[0].items():
        kinds[kind] += n
    return kinds


def _stored(
    found: list[dict[str, str]],
) -> tuple[Counter[tuple[str, str]], float]:
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        stream.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found))
        start = time.perf_counter()
        with Store(Path(folder) / "store.db") as store:
            ingest([stream], store)
        seconds = time.perf_counter() - start
        con = sqlite3.connect(Path(folder) / "store.db")
        body = dict(con.execute("SELECT url, body FROM articles").fetchall())
        con.close()
    counts: Counter[tuple[str, str]] = Counter()
    for r in found:
        counts[(r["lang"], body.get(r["url"], "not stored"))] += 1
    return counts, seconds


def stored(found: list[dict[str, str]]) -> None:
    counts, seconds = _stored(found)
    print(f"\n## Demo week through `storyline ingest` ({len(found):,} items, {seconds:.0f} s)\n")
    print(
        "| declared | items | stored | full | snippet | headline only |\n|---|---|---|---|---|---|"
    )
    for lang in sorted({r["lang"] for r in found}):
        n = sum(v for (lg, _), v in counts.items() if lg == lang)
        kept = n - counts[(lang, "not stored")]
        cells = " | ".join(f"{counts[(lang, k)]:,}" for k in ("full", "snippet", "headline"))
        print(f"| {lang} | {n:,} | {kept:,} ({kept / n:.1%}) | {cells} |")


def identified(found: list[dict[str, str]]) -> None:
    """py3langid (storyline's detector) and, when installed, lingua against the feeds'
    declared language, on what an item says."""
    texts = [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in found]
    peers: list[tuple[str, Callable[[str], str]]] = [("storyline (py3langid)", detect)]
    lingua = _lingua()
    if lingua is None:
        print("\n(lingua not installed: pip install lingua-language-detector==2.1.1)")
    else:
        peers.append(lingua)
    print("\n## Language identification\n")
    print("| detector | declared | items | told right | undetermined | µs per item |")
    print("|---|---|---|---|---|---|")
    for name, tell in peers:
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        undetermined: Counter[str] = Counter()
        start = time.perf_counter()
        guesses = [tell(text) for text in texts]
        per = (time.perf_counter() - start) / len(found) * 1e6
        for r, guess in zip(found, guesses, strict=True):
            totals[r["lang"]] += 1
            hits[r["lang"]] += guess == r["lang"]
            undetermined[r["lang"]] += guess == "und"
        for lang, n in sorted(totals.items()):
            print(
                f"| {name} | {lang} | {n:,} | {hits[lang] / n:.1%} | "
                f"{undetermined[lang] / n:.1%} | {per:.0f} |"
            )


def _lingua() -> tuple[str, Callable[[str], str]] | None:
    """lingua over all its languages, its models loaded before timing (a peer, not a
    dependency: its wheel is 96 MB)."""
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        return None
    start = time.perf_counter()
    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
    loaded = time.perf_counter() - start

    def tell(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else "und"

    return f"lingua 2.1 (loaded in {loaded:.1f} s)", tell


def mmds() -> None:
    kept, total, share, told = _mmds()
    print(f"\n## mmds2025-dev through the cleaner ({total} articles)\n")
    print(f"kept {kept} of {total} ({share:.0%} of their characters); told: {told}")


def kept_of_mmds() -> tuple[int, int]:
    kept, total, _, _ = _mmds()
    return kept, total


def _mmds() -> tuple[int, int, float, str]:
    with gzip.open(MMDS, "rt", encoding="utf-8") as f:
        data = json.load(f)
    articles = [
        Article(str(r["ID"]), str(r["ID"]), "", Markup.TEXT,
                "\n".join(s["content"] for s in r["sentences"]), title=r["title"])
        for r in data["articles"]
    ]  # fmt: skip
    kept = [a for a in usable(clean(articles)) if isinstance(a, Article)]
    share = sum(len(a.text) for a in kept) / sum(len(a.raw) for a in articles)
    told = ", ".join(f"{k} {v}" for k, v in Counter(a.lang for a in kept).most_common())
    return len(kept), len(articles), share, told


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N feed items only")
    args = parser.parse_args()
    found = records(args.limit)
    stored(found)
    identified(found)
    mmds()


if __name__ == "__main__":
    main()
