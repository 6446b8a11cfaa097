"""Figures and conflict flags on real multi-article incidents, and on planted conflicts.

    python benchmarks/conflicts_quality.py [--incidents 300] [--clusters 900] [--dump FILE]

1. **Gun Violence Archive** (`gold/gva-incidents.jsonl`, SemEval-2018 task 5): each
   incident with two articles or more is briefed (`--facts fast`, each article dated by
   its `dct`). Printed: conflict flags per incident, and how often the registry's killed
   and injured counts are an *agreed* fact (a figure about killing or injuring, stated
   by two articles or more, equal to the registry's count). ``--dump`` writes every flag
   with its sentences (third-party text: keep it outside the clone) for reading by hand;
   `benchmarks/gold/conflicts.json` holds those readings (incident, what the figure
   counts, the values as written, real or not, why: never the articles' sentences) and
   gives the flags' precision.
2. **Planted conflicts** on the first ``--clusters`` clusters of `multinews-plus-val`: in
   each cluster with an agreed figure (one value, two articles or more), that figure is
   changed to another number at every mention in one article, as an outlet that
   disagrees would write it (seeded per cluster; the figure, article and new value are printed with
   ``--verbose``). Recall: the brief of the changed cluster flags that figure as
   conflicting. Flags elsewhere: conflicting facts of the changed cluster that hold no
   changed span, next to the same clusters' flags before the change.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from storyline import brief_articles
from storyline.errors import StorylineError
from storyline.ingest import text_article
from storyline.model import Article, Brief, Fact, FactKind, Source, Status
from storyline.run.brief import brief_clean
from storyline.synthesize.disputes import conflicts as disputed
from storyline.synthesize.overlap import numbers
from tune_summary import plus_val_clusters

SHARED = Path(__file__).resolve().parents[2] / "shared/data"
GVA = SHARED / "gold/gva-incidents.jsonl"
READINGS = Path(__file__).with_name("gold") / "conflicts.json"
KILLED = re.compile(r"\b(?:kill|dead|die|death|fatal|slain|murder|homicide|lives)", re.I)
_INDEFINITE = re.compile(r"an?\s", re.I)
INJURED = re.compile(r"\b(?:injur|wound|hurt|hospital|shot\b)", re.I)


def figures(brief: Brief) -> list[Fact]:
    return [f for f in brief.facts if f.kind is FactKind.FIGURE]


def conflicts(brief: Brief) -> tuple[Fact, ...]:
    return disputed(brief.facts)  # the summary's own reading of the conflicting figures


def _outlet(doc: dict) -> str:
    url = doc.get("url") or ""
    return url.split("/")[2] if url.count("/") >= 2 else doc["doc"]


def incidents(limit: int, seed: int = 0) -> list[dict]:
    rows = [json.loads(line) for line in GVA.open(encoding="utf-8")]
    multi = [r for r in rows if len(r["docs"]) >= 2]
    random.Random(seed).shuffle(multi)
    return multi[:limit]


def brief_incident(incident: dict) -> Brief:
    articles = [
        text_article(
            d["doc"],
            d["text"],
            title=d.get("title"),
            outlet=_outlet(d),
            published=dt.date.fromisoformat(d["dct"][:10]) if d.get("dct") else None,
        )
        for d in incident["docs"]
    ]
    return brief_articles(articles, depth="fast")


def agreed_count(brief: Brief, about: re.Pattern[str], count: int) -> bool:
    """The count is the value of an agreed figure about killing (or injuring)."""
    for fact in figures(brief):
        if (
            fact.status is Status.AGREED
            and about.search(fact.about)
            and any(str(count) in numbers(c.text) | _one(c.text) for c in fact.claims)
        ):
            return True
    return False


def _one(text: str) -> set[str]:
    """ "a man", "a 27-year-old woman": one person (annotate/figures.py reads them so)."""
    return {"1"} if _INDEFINITE.match(text) else set()


def describe(brief: Brief, fact: Fact) -> dict:
    sides = []
    for claim in fact.claims:
        for s in claim.sources:
            text = brief.articles[s.article].text
            start = text.rfind("\n", 0, s.start) + 1
            end = text.find("\n", s.end)
            sides.append(
                {"value": claim.text, "group": claim.group, "outlet": s.outlet}
                | {"paragraph": text[start : end if end >= 0 else len(text)][:600]}
            )
    return {"about": fact.about, "values": [c.text for c in fact.claims], "sides": sides}


def gva(limit: int, dump: Path | None) -> dict[str, float]:
    if limit <= 0:  # "--incidents 0": planted conflicts only
        return {}
    chosen = incidents(limit)
    flags: list[tuple[str, Fact]] = []
    per_incident = []
    killed = {"several": [], "one": []}
    injured = []
    dumped = []
    unusable = 0
    for incident in chosen:
        try:
            brief = brief_incident(incident)
        except StorylineError:  # no article text in any of its pages
            unusable += 1
            continue
        found = conflicts(brief)
        per_incident.append(len(found))
        key = str(incident["incident_id"])
        flags += [(key, f) for f in found]
        dumped += [{"incident": key} | describe(brief, f) for f in found]
        gold = incident["gold"] or {}
        if gold.get("num_killed"):
            group = "several" if gold["num_killed"] >= 2 else "one"
            killed[group].append(agreed_count(brief, KILLED, gold["num_killed"]))
        if gold.get("num_injured"):
            injured.append(agreed_count(brief, INJURED, gold["num_injured"]))
    print(f"\n## Gun Violence Archive: {len(chosen)} incidents with two articles or more")
    print(f"({unusable} of them with no article text in any page)\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| conflict flags | {len(flags)} ({statistics.mean(per_incident):.2f} per incident) |")
    print(f"| incidents with a flag | {sum(n > 0 for n in per_incident) / len(per_incident):.1%} |")
    for group, hits in killed.items():
        if hits:
            print(
                f"| registry's killed count agreed ({group} killed) | "
                f"{sum(hits)} of {len(hits)} ({sum(hits) / len(hits):.0%}) |"
            )
    if injured:
        share = sum(injured) / len(injured)
        print(
            f"| registry's injured count agreed | {sum(injured)} of {len(injured)} ({share:.0%}) |"
        )
    read, real = _precision(flags)
    if dump:
        dump.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in dumped) + "\n")
        print(f"\n{len(dumped)} flags with their paragraphs -> {dump}")
    return {"flags": len(flags), "read": read, "real": real}


def _precision(flags: Sequence[tuple[str, Fact]]) -> tuple[int, int]:
    """Flags read by hand (gold/conflicts.json): real when the sources give different
    values of the same measure of the same thing."""
    if not READINGS.exists():
        return 0, 0
    readings = {
        (r["incident"], r["about"], tuple(r["values"])): r["real"]
        for r in json.loads(READINGS.read_text(encoding="utf-8"))["flags"]
    }
    read = [
        readings[key]
        for incident, fact in flags
        if (key := (incident, fact.about, tuple(c.text for c in fact.claims))) in readings
    ]
    if read:
        print(
            f"| flags read by hand | {len(read)} of {len(flags)}: {sum(read)} real "
            f"(precision {sum(read) / len(read):.2f}) |"
        )
    return len(read), sum(read)


def plant(brief: Brief, rng: random.Random) -> tuple | None:
    """Change an agreed figure in one article, at every mention of it there (an outlet
    that disagrees says its own figure throughout, also where the brief read the mention
    as a figure of its own: "Ana Ruiz, 17," twice): (articles, article index, the first
    changed span's start, old text, new text), or None when the cluster has no agreed
    figure written in digits."""
    spots = []
    for fact in figures(brief):
        if fact.status is not Status.AGREED or len({s.article for s in _sources(fact)}) < 2:
            continue
        for article in sorted({s.article for s in _sources(fact)}):
            mentions = _digits(brief, [s for s in _sources(fact) if s.article == article])
            if mentions and len({old for _, old in mentions}) == 1:
                spots.append((article, fact.about, mentions))
    if not spots:
        return None
    article, about, mentions = rng.choice(spots)
    old = mentions[0][1]
    again = [
        s for f in figures(brief) if f.about == about for s in _sources(f) if s.article == article
    ]
    mentions = sorted(set(mentions) | {m for m in _digits(brief, again) if m[1] == old})
    value = int(old.replace(",", ""))
    new = str(value + rng.choice([2, 3, 5, 7]) * max(1, value // 10))
    text = brief.articles[article].text
    for start, _ in reversed(mentions):
        text = text[:start] + new + text[start + len(old) :]
    changed = list(brief.articles)
    changed[article] = _with_text(changed[article], text)
    return changed, article, mentions[0][0], old, new


def _sources(fact: Fact) -> list[Source]:
    return [s for c in fact.claims for s in c.sources]


def _digits(brief: Brief, sources: Iterable[Source]) -> list[tuple[int, str]]:
    """(start, digits) of the number written in digits in each source's span."""
    found = []
    for s in sources:
        digits = re.search(r"\d[\d,]*", brief.articles[s.article].text[s.start : s.end])
        if digits:
            found.append((s.start + digits.start(), digits.group()))
    return found


def _with_text(article: Article, text: str) -> Article:
    return replace(article, raw=text, text=text)


def planted(limit: int, verbose: bool) -> dict[str, float]:
    if limit <= 0:
        return {}
    tried = caught = 0
    elsewhere_after: list[int] = []
    before_flags: list[int] = []
    for n, (articles, _) in enumerate(plus_val_clusters(limit)):
        if len(articles) < 2:
            continue
        brief = brief_clean(brief_articles(articles, depth="off").articles, depth="fast")
        # Each cluster draws from its own seed, so a change that gives one cluster another
        # agreed figure does not redraw every cluster after it.
        change = plant(brief, random.Random(f"planted:{n}"))
        if change is None:
            continue
        changed, article, start, old, new = change
        after = brief_clean(changed, depth="fast")
        tried += 1
        end = start + len(new)
        hit = [
            f
            for f in conflicts(after)
            if any(
                s.article == article and s.start <= start and end <= s.end
                for c in f.claims
                for s in c.sources
            )
        ]
        caught += bool(hit)
        elsewhere_after.append(len(conflicts(after)) - len(hit))
        before_flags.append(len(conflicts(brief)))
        if verbose:
            where = f"article {article} at {start}"
            print(f"  {where}: {old} -> {new}: {'flagged' if hit else 'missed'}", file=sys.stderr)
    print(f"\n## Planted conflicts: {tried} multinews-plus-val clusters with an agreed figure\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| changed figure flagged (recall) | {caught} of {tried} ({caught / tried:.0%}) |")
    print(f"| other flags per cluster, changed | {statistics.mean(elsewhere_after):.2f} |")
    print(f"| flags per cluster, unchanged | {statistics.mean(before_flags):.2f} |")
    return {"planted": tried, "caught": caught, "elsewhere": statistics.mean(elsewhere_after)}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--clusters", type=int, default=900, help="plus-val clusters to read")
    parser.add_argument("--dump", type=Path, help="write each GVA flag with its paragraphs")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not GVA.exists():
        print(f"data not found: {GVA} (shared/ must sit beside the clone)", file=sys.stderr)
        return 2
    figures = gva(args.incidents, args.dump) | planted(args.clusters, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
