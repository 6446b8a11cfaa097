"""Print one gold cluster for annotation: each passage with its publication line, and
numbered candidates (numbers, date expressions) with character spans and context.

    python benchmarks/gold/show.py 7 [--contexts-only] [--any]

Candidates come from broad patterns, not from storyline, so the gold set does not
inherit what storyline finds or misses (see GUIDE.md).
"""

from __future__ import annotations

import re
import sys

from clusters import chosen, load

_NUMBER = re.compile(
    r"(?<![\w.])(?:\$|£|€)?\d[\d,.]*\d?%?(?:[- ](?:million|billion|trillion|percent|per cent))?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|a third|a quarter)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|"
    r"June|July|August|September|October|November|December"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTH})(?: \d{{1,2}}(?:st|nd|rd|th)?)?(?:,? \d{{4}})?"
    rf"|\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|tomorrow|tonight"
    r"|(?:last|next|this) (?:week|month|year|weekend)"
    r"|\w+ (?:days?|weeks?|months?|years?) ago"
    r"|(?:in |since |of )(?:19|20)\d\d"
    r"|\d{1,2}/\d{1,2}/\d{2,4})\b"
)


def context(text: str, start: int, end: int, width: int = 60) -> str:
    before = text[max(start - width, 0) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"{before}[[{text[start:end]}]]{after}"


def main(index: int, whole: bool = True) -> None:
    clusters = load()
    if index not in chosen(clusters) and "--any" not in sys.argv:
        sys.exit(f"cluster {index} is not in the gold selection {chosen(clusters)} (--any)")
    for a, text in enumerate(clusters[index]):
        shown = text if whole else text[:300].replace("\n", " ") + " ..."
        print(f"\n===== article {a} ({len(text)} chars) =====\n{shown}\n")
    for a, text in enumerate(clusters[index]):
        print(f"\n----- numbers, article {a}")
        for n, m in enumerate(_NUMBER.finditer(text)):
            print(f"N{a}.{n} {m.start()}-{m.end()}: {context(text, m.start(), m.end())}")
        print(f"----- dates, article {a}")
        for n, m in enumerate(_DATE.finditer(text)):
            print(f"D{a}.{n} {m.start()}-{m.end()}: {context(text, m.start(), m.end())}")


if __name__ == "__main__":
    main(int(sys.argv[1]), whole="--contexts-only" not in sys.argv)
