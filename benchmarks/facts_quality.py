"""Fact layer quality on the gold set (benchmarks/gold/, GUIDE.md there): conflict
detection and agreement grouping of figures across sources, date resolution, alias
merging, and the time the fact layer adds to a brief.

Figures are scored on pairs of mentions from different articles of a cluster: a gold
conflict pair is two mentions of one fact with incompatible values, a gold agreement pair
two with compatible ones. storyline's pairs come from its brief: sources of one fact in
different value groups conflict, sources in one group agree. A storyline mention is
matched to the gold mention whose span it overlaps (spans are mapped from the cleaned
text back to the raw passage); pairs with an unmatched mention count against precision.

Dates are scored on every gold date expression: right when storyline's resolved date
(or "undated") equals the gold one; "resolvable" is the same over the expressions whose
gold date is known. Aliases: pairs of different names of one entity among the gold names.

Peers on the same data: a regex baseline that aligns a number with the word after it
(the usual script), dateparser's own ``search_dates`` with the article's date as base, and
name similarity (difflib ratio >= 0.8) for aliases.

    python benchmarks/facts_quality.py [--depth fast|full] [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import statistics
import subprocess
import sys
import time
import warnings
from argparse import SUPPRESS
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).with_name("gold")))

from clusters import load

from storyline.annotate import annotate, warm_up
from storyline.ingest import text_article
from storyline.model import Article, Brief
from storyline.run.brief import brief_articles

GOLD = Path(__file__).with_name("gold") / "facts.json"
WORDS = 260
REPEATS = 3

Span = tuple[int, int, int]  # article, start, end in the raw passage
Pair = frozenset[Span]


@dataclass
class Counts:
    hit: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set[Pair], gold: set[Pair]) -> None:
        self.hit += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.hit / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0

    def row(self) -> str:
        p, r = 100 * self.precision, 100 * self.recall
        return f"{p:.1f} | {r:.1f} | {self.hit}/{self.predicted}/{self.gold}"


# --- gold -------------------------------------------------------------------------------


def gold_pairs(figures: Sequence[dict]) -> tuple[set[Pair], set[Pair]]:
    agree, conflict = set(), set()
    for a, b in combinations(figures, 2):
        if a["article"] == b["article"] or a["fact"] != b["fact"]:
            continue
        pair = frozenset({_span(a), _span(b)})
        loose = "~" in (a["value"], b["value"])
        (agree if loose or a["value"] == b["value"] else conflict).add(pair)
    return agree, conflict


def _span(item: dict) -> Span:
    return (item["article"], item["start"], item["end"])


# --- storyline --------------------------------------------------------------------------


class Passage:
    """A cleaned article's offsets back to its raw passage (``index`` in the cluster)."""

    def __init__(self, cleaned: str, raw: str, index: int) -> None:
        matcher = difflib.SequenceMatcher(None, cleaned, raw, autojunk=False)
        self.blocks = [b for b in matcher.get_matching_blocks() if b.size]
        self.index = index

    def span(self, start: int, end: int) -> Span | None:
        first = self._at(start)
        last = self._at(end - 1)
        return (self.index, first, last + 1) if first is not None and last is not None else None

    def _at(self, offset: int) -> int | None:
        for block in self.blocks:
            if block.a <= offset < block.a + block.size:
                return block.b + offset - block.a
        return None


def _match(span: Span, gold: Iterable[Span]) -> Span:
    """The gold mention overlapping ``span``, else the span itself (an unmatched one)."""
    for g in gold:
        if g[0] == span[0] and g[1] < span[2] and span[1] < g[2]:
            return g
    return span


def storyline_pairs(
    brief: Brief, maps: Sequence[Passage], gold: Sequence[Span]
) -> tuple[set[Pair], set[Pair]]:
    agree, conflict = set(), set()
    for fact in brief.facts:
        if fact.kind != "figure":
            continue
        members = []
        for claim in fact.claims:
            for source in claim.sources:
                span = maps[source.article].span(source.start, source.end)
                if span is not None:
                    members.append((_match(span, gold), claim.group))
        for (a, ga), (b, gb) in combinations(members, 2):
            if a[0] == b[0] or a == b:
                continue
            fits = ga == gb or -1 in (ga, gb)  # group -1 fits every value
            (agree if fits else conflict).add(frozenset({a, b}))
    return agree, conflict


# --- the regex peer ---------------------------------------------------------------------

_NUMBER_WORD = re.compile(r"(?<![\w.$])\$?(\d[\d,]*(?:\.\d+)?)\s+([A-Za-z]+)")


def regex_pairs(texts: Sequence[str], gold: Sequence[Span]) -> tuple[set[Pair], set[Pair]]:
    found = []
    for a, text in enumerate(texts):
        for m in _NUMBER_WORD.finditer(text):
            value = float(m.group(1).replace(",", "").rstrip(".") or 0)
            word = m.group(2).lower().rstrip("s")
            found.append((_match((a, m.start(1), m.end(1)), gold), value, word))
    agree, conflict = set(), set()
    for (sa, va, wa), (sb, vb, wb) in combinations(found, 2):
        if sa[0] == sb[0] or wa != wb:
            continue
        (agree if va == vb else conflict).add(frozenset({sa, sb}))
    return agree, conflict


# --- dates ------------------------------------------------------------------------------


def date_scores(
    cluster: dict, articles: Sequence[Article], maps: Sequence[Passage], depth: str
) -> tuple[int, int, int, int, int]:
    """(right, total, right among resolvable, resolvable, guesses where gold is undated)."""
    story = annotate(articles, depth=depth)
    found = []
    for when in story.whens:
        span = maps[when.article].span(when.start, when.end)
        if span is not None:
            found.append((span, when.date))
    return _score_dates(cluster["dates"], found)


def _score_dates(
    gold: Sequence[dict], found: Sequence[tuple[Span, str | None]]
) -> tuple[int, int, int, int, int]:
    right = resolvable = right_resolvable = guesses = 0
    for item in gold:
        span = _span(item)
        dates = [d for s, d in found if s[0] == span[0] and s[1] < span[2] and span[1] < s[2]]
        said = dates[0] if dates else None
        ok = said == item["date"]
        right += ok
        if item["date"]:
            resolvable += 1
            right_resolvable += ok
        elif said:
            guesses += 1
    return right, len(gold), right_resolvable, resolvable, guesses


def dateparser_found(texts: Sequence[str], published: Sequence[dt.date | None]) -> list:
    from dateparser.search import search_dates

    found = []
    for a, text in enumerate(texts):
        settings = {"RETURN_AS_TIMEZONE_AWARE": False}
        if published[a]:
            settings["RELATIVE_BASE"] = dt.datetime.combine(published[a], dt.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = search_dates(text, languages=["en"], settings=settings) or []
        cursor = 0
        for expression, value in hits:
            start = text.find(expression, cursor)
            if start < 0:
                continue
            cursor = start + len(expression)
            found.append(((a, start, cursor), value.date().isoformat()))
    return found


# --- aliases ----------------------------------------------------------------------------


def _form(text: str) -> str:
    return re.sub(r"^the\s+", "", text.casefold()).strip()


def gold_alias_pairs(cluster: dict, texts: Sequence[str]) -> tuple[set[str], set[frozenset[str]]]:
    forms, pairs = set(), set()
    for group in cluster["entities"]:
        names = {_form(texts[s["article"]][s["start"] : s["end"]]) for s in group}
        forms |= names
        pairs |= {frozenset(p) for p in combinations(sorted(names), 2)}
    return forms, pairs


def storyline_alias_pairs(brief: Brief, forms: set[str]) -> set[frozenset[str]]:
    pairs = set()
    for entity in brief.entities:
        names = {_form(brief.articles[s.article].text[s.start : s.end]) for s in entity.sources} | {
            _form(entity.name)
        }
        names &= forms
        pairs |= {frozenset(p) for p in combinations(sorted(names), 2)}
    return pairs


def similarity_alias_pairs(forms: set[str]) -> set[frozenset[str]]:
    return {
        frozenset((a, b))
        for a, b in combinations(sorted(forms), 2)
        if difflib.SequenceMatcher(None, a, b).ratio() >= 0.8
    }


# --- run --------------------------------------------------------------------------------


def run(
    depth: str = "fast",
    limit: int | None = None,
    check: Callable[[Brief], None] | None = None,
    out: Callable[[str], None] = print,
    repeats: int = REPEATS,
) -> dict:
    gold, clusters, stories = _gold_stories(limit)
    conflicts, agreements = Counts(), Counts()
    regex_conflicts, regex_agreements = Counts(), Counts()
    aliases, similar = Counts(), Counts()
    dates = [0, 0, 0, 0, 0]
    peer_dates = [0, 0, 0, 0, 0]
    t0 = time.perf_counter()
    warm_up(depth)
    startup = time.perf_counter() - t0
    times = _times(stories, depth, repeats) if repeats else {}
    for cluster, articles in zip(gold, stories, strict=True):
        texts = clusters[cluster["cluster"]]
        result = brief_articles(articles, words=WORDS, depth=depth)
        if check:
            check(result)
        # A passage left with no text after cleaning is not in the brief: map by id.
        index = {a.id: i for i, a in enumerate(articles)}
        maps = [Passage(a.text, texts[index[a.id]], index[a.id]) for a in result.articles]
        spans = [_span(f) for f in cluster["figures"]]
        gold_agree, gold_conflict = gold_pairs(cluster["figures"])
        agree, conflict = storyline_pairs(result, maps, spans)
        conflicts.add(conflict, gold_conflict)
        agreements.add(agree, gold_agree)
        r_agree, r_conflict = regex_pairs(texts, spans)
        regex_conflicts.add(r_conflict, gold_conflict)
        regex_agreements.add(r_agree, gold_agree)
        for i, value in enumerate(date_scores(cluster, result.articles, maps, depth)):
            dates[i] += value
        published = [_published(cluster, i) for i in range(len(texts))]
        for i, value in enumerate(
            _score_dates(cluster["dates"], dateparser_found(texts, published))
        ):
            peer_dates[i] += value
        forms, gold_alias = gold_alias_pairs(cluster, texts)
        aliases.add(storyline_alias_pairs(result, forms), gold_alias)
        similar.add(similarity_alias_pairs(forms), gold_alias)

    n = len(gold)
    out(f"\n{n} gold clusters, fact layer depth {depth!r}\n")
    out("| figures | P | R | hits/predicted/gold pairs |")
    out("|---|---|---|---|")
    out(f"| conflicts: storyline | {conflicts.row()} |")
    out(f"| conflicts: number + next word (regex) | {regex_conflicts.row()} |")
    out(f"| agreement: storyline | {agreements.row()} |")
    out(f"| agreement: number + next word (regex) | {regex_agreements.row()} |")
    out("\n| dates | right / all | right / resolvable | guessed where undated |")
    out("|---|---|---|---|")
    for name, d in (("storyline", dates), ("dateparser search_dates", peer_dates)):
        out(
            f"| {name} | {d[0]}/{d[1]} = {d[0] / max(d[1], 1):.3f} | "
            f"{d[2]}/{d[3]} = {d[2] / max(d[3], 1):.3f} | {d[4]} |"
        )
    out("\n| aliases | P | R | hits/predicted/gold pairs |")
    out("|---|---|---|---|")
    out(f"| storyline | {aliases.row()} |")
    out(f"| name similarity (difflib >= 0.8) | {similar.row()} |")
    out(f"\nseconds per cluster (best of {repeats}; loading the models once: {startup:.1f} s)")
    out("| timed as | brief without facts | fact layer adds | times the brief |")
    out("|---|---|---|---|")
    for way, (brief_s, facts_s) in times.items():
        out(f"| {way} | {brief_s:.3f} | {facts_s:.3f} | {facts_s / brief_s:.2f}x |")
    return {
        "conflicts": conflicts,
        "agreements": agreements,
        "dates": dates,
        "aliases": aliases,
        "times": times,
        "startup_seconds": startup,
    }


def _times(
    stories: list[list[Article]], depth: str, repeats: int
) -> dict[str, tuple[float, float]]:
    """(brief's seconds, seconds the fact layer adds) per cluster, timed two ways, each the
    best of ``repeats`` so a busy moment of the machine does not decide.

    "stream": every cluster once in turn in a fresh process (models loaded before the
    clock starts), as a stream of stories meets them; "repeated": each cluster again and
    again in one process, where the second run finds the regexes pysbd and quantulum3
    compile for its text in ``re``'s cache (pysbd alone compiles some 1,800 patterns over
    the gold set, more than the cache holds) and its figures already parsed.
    """
    stream = {d: min(_fresh_pass(d, len(stories)) for _ in range(repeats)) for d in ("off", depth)}
    plain = [min(_timed([s], "off") for _ in range(repeats)) for s in stories]
    layered = [min(_timed([s], depth) for _ in range(repeats)) for s in stories]
    n = len(stories)
    return {
        "stream": (stream["off"] / n, (stream[depth] - stream["off"]) / n),
        "repeated": (statistics.mean(plain), statistics.mean(layered) - statistics.mean(plain)),
    }


def _fresh_pass(depth: str, limit: int) -> float:
    command = [sys.executable, __file__, "--pass", depth, "--limit", str(limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def _gold_stories(limit: int | None) -> tuple[list[dict], list[list[str]], list[list[Article]]]:
    """The gold clusters, the passages of every longbench cluster, and each gold
    cluster's passages as articles."""
    gold = json.loads(GOLD.read_text())["clusters"][:limit]
    clusters = load()
    stories = []
    for cluster in gold:
        texts = clusters[cluster["cluster"]]
        assert len(texts) == len(cluster["sha1"]), "the data differs from the gold set's"
        stories.append([text_article(f"passage-{i}", t) for i, t in enumerate(texts)])
    return gold, clusters, stories


def _one_pass(depth: str, limit: int | None) -> float:
    _, _, stories = _gold_stories(limit)
    warm_up(depth)
    return _timed(stories, depth)


def _timed(stories: list[list[Article]], depth: str) -> float:
    start = time.perf_counter()
    for articles in stories:
        brief_articles(articles, words=WORDS, depth=depth)
    return time.perf_counter() - start


def _published(cluster: dict, article: int) -> dt.date | None:
    value = cluster["published"].get(str(article))
    return dt.date.fromisoformat(value) if value else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--depth", choices=("fast", "full"), default="fast")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--pass", dest="one_pass", choices=("off", "fast", "full"), help=SUPPRESS)
    args = parser.parse_args()
    if args.one_pass:  # one timed pass over the clusters, for _fresh_pass
        print(_one_pass(args.one_pass, args.limit))
        return 0
    run(args.depth, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
