"""Agreement of two independent event annotations over the items both labelled:
B-cubed precision, recall and F1 of one against the other, and pairwise agreement.

    python benchmarks/gold/events/agreement.py [A.tsv] [B.tsv]

Both files: `line`, `url_sha1`, `event` (GUIDE.md). The defaults compare the main
annotation with the second annotator's overlap sample.
"""

from __future__ import annotations

import csv
import sys
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent


def labels(path: Path) -> dict[tuple[int, str], str]:
    with path.open(encoding="utf-8") as f:
        return {
            (int(r["line"]), r["url_sha1"]): r["event"] for r in csv.DictReader(f, delimiter="\t")
        }


def bcubed(gold: dict[object, str], found: dict[object, str]) -> tuple[float, float, float]:
    """B-cubed of ``found`` against ``gold`` over their shared items."""
    items = sorted(set(gold) & set(found), key=str)
    by_gold: dict[str, set[object]] = {}
    by_found: dict[str, set[object]] = {}
    for item in items:
        by_gold.setdefault(gold[item], set()).add(item)
        by_found.setdefault(found[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        same = by_gold[gold[item]] & by_found[found[item]]
        precision += len(same) / len(by_found[found[item]])
        recall += len(same) / len(by_gold[gold[item]])
    p, r = precision / len(items), recall / len(items)
    return p, r, 2 * p * r / (p + r)


def pairs_agree(a: dict[object, str], b: dict[object, str]) -> tuple[int, int]:
    """(pairs both put together, pairs either put together)."""
    items = sorted(set(a) & set(b), key=str)
    both = either = 0
    for x, y in combinations(items, 2):
        in_a, in_b = a[x] == a[y], b[x] == b[y]
        both += in_a and in_b
        either += in_a or in_b
    return both, either


def main(argv: list[str]) -> None:
    first = Path(argv[0]) if argv else HERE / "demo-week-events.tsv"
    second = Path(argv[1]) if len(argv) > 1 else HERE / "overlap-annotator-b.tsv"
    a, b = labels(first), labels(second)
    shared = set(a) & set(b)
    if not shared:
        sys.exit(f"no item is in both {first.name} and {second.name}")
    p, r, f = bcubed(a, b)
    both, either = pairs_agree(a, b)
    print(f"{len(shared)} items in both ({first.name}, {second.name})")
    print(f"B-cubed of {second.name} against {first.name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(
        f"same-event pairs: {both} put together by both, {either} by either "
        f"({both / either:.2f} agreement)"
        if either
        else "no pair put together by either"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
