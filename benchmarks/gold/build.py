"""Turn an annotator's notes into span-only gold (facts.json), so no article text enters
the repository.

    python benchmarks/gold/build.py NOTES.py

NOTES.py defines ``C = {cluster: dict(...)}`` in the format GUIDE.md describes, naming
candidates by the ids benchmarks/gold/show.py prints (N<article>.<n>, D<article>.<n>;
"N0.1+N0.2" for a range written as one expression) and entities by the names as
written. Clusters in NOTES replace the same clusters in facts.json; others are kept.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from clusters import load
from show import _DATE, _NUMBER

GOLD = Path(__file__).with_name("facts.json")
_TRAILING = ",.;:"


def candidates(texts: list[str], pattern: re.Pattern[str], prefix: str) -> dict[str, dict]:
    found = {}
    for a, text in enumerate(texts):
        for n, m in enumerate(pattern.finditer(text)):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            found[f"{prefix}{a}.{n}"] = {"article": a, "start": start, "end": end}
    return found


def first_span(texts: list[str], name: str) -> dict:
    """The name's first stand-alone occurrence ("Assad", not inside "al-Assad"), else
    its first occurrence as a word ("Comcast" in "Comcast-owned")."""
    for pattern in (rf"(?<![\w-]){re.escape(name)}(?![\w-])", rf"\b{re.escape(name)}\b"):
        for a, text in enumerate(texts):
            match = re.search(pattern, text)
            if match:
                return {"article": a, "start": match.start(), "end": match.end()}
    raise SystemExit(f"{name!r} is not in the cluster's text")


def build(index: int, texts: list[str], notes: dict[str, Any]) -> dict:
    numbers = candidates(texts, _NUMBER, "N")
    dates = candidates(texts, _DATE, "D")
    figures = []
    for fact, members in notes["facts"].items():
        for ref, value in members.items():
            first, _, last = ref.partition("+")  # "N0.1+N0.2": one range, "three to 10"
            span = {**numbers[first], "end": numbers[last or first]["end"]}
            figures.append({**span, "fact": fact, "value": value})
    unknown = set(notes["dates"]) - set(dates)
    if unknown:
        raise SystemExit(f"cluster {index}: no such date candidates {sorted(unknown)}")
    gold_dates = [
        {**span, "date": notes["dates"].get(ref)}
        for ref, span in dates.items()
        if ref not in notes.get("not_dates", [])
    ]
    return {
        "cluster": index,
        "sha1": [hashlib.sha1(t.encode()).hexdigest() for t in texts],
        "published": {str(a): d for a, d in notes.get("published", {}).items()},
        "figures": sorted(figures, key=lambda f: (f["article"], f["start"])),
        "dates": gold_dates,
        "entities": [[first_span(texts, name) for name in group] for group in notes["entities"]],
    }


def main(path: str) -> None:
    namespace: dict[str, Any] = {}
    exec(Path(path).read_text(encoding="utf-8"), namespace)  # the annotator's own file
    clusters = load()
    gold = json.loads(GOLD.read_text()) if GOLD.exists() else {"clusters": []}
    kept = {c["cluster"]: c for c in gold["clusters"]}
    for index, notes in namespace["C"].items():
        kept[index] = build(index, clusters[index], notes)
    gold["clusters"] = [kept[i] for i in sorted(kept)]
    GOLD.write_text(json.dumps(gold, indent=1) + "\n")
    print(f"{len(kept)} clusters in {GOLD}")


if __name__ == "__main__":
    main(sys.argv[1])
