"""Summary quality and speed on the 200 real Multi-News clusters of LongBench.

    python benchmarks/summary_quality.py [--limit N] [--words 260]

Every method gets the same raw passages and the same budget: sentences are taken in the
method's order and the one crossing the budget is cut there. ROUGE-1/2/Lsum F1 with
stemming (rouge-score). Peers: lead (round-robin first sentences), sumy LexRank, TextRank
and LSA with a pysbd-based tokenizer (sumy's default one needs NLTK data that cannot be
downloaded here). Seconds per cluster include sentence splitting for every method.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from storyline.annotate import annotate
from storyline.annotate.sentences import spans
from storyline.clean import clean, usable
from storyline.defaults import MAX_ARTICLES
from storyline.ingest import text_article
from storyline.model import Annotated, Article, Brief, Depth
from storyline.run.brief import brief_articles
from storyline.synthesize import DEFAULT, summarize

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared/data/summarization/multinews-longbench/multi_news.jsonl"
)
PLUS_VAL = DATA.parents[1] / "multinews-plus-val/val.jsonl.gz"
TUNING = 1000  # plus-val's first lines: where the selector is tuned (tune_summary.py)
HELD_BACK = 500
CENTROID = replace(DEFAULT, scorer="centroid")
_PASSAGE = re.compile(r"Passage \d+:\n")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def load(path: Path, limit: int | None) -> list[tuple[list[str], str]]:
    clusters = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            context = row["context"].replace("NEWLINE_CHAR", "\n")
            passages = [p.strip() for p in _PASSAGE.split(context) if p.strip()]
            clusters.append((passages, row["answers"][0]))
    return clusters[:limit]


def held_back(seed: int = 0) -> list[int]:
    """Line numbers of the plus-val clusters no tuning or training reads: 500 of those
    past the tuning lines, chosen by a fixed seed (train_selector.py leaves them out)."""
    with gzip.open(PLUS_VAL, "rt", encoding="utf-8") as f:
        lines = list(range(TUNING, sum(1 for _ in f)))
    random.Random(seed).shuffle(lines)
    return sorted(lines[:HELD_BACK])


def load_plus_val(lines: Sequence[int]) -> list[tuple[list[str], str]]:
    wanted, found = set(lines), {}
    with gzip.open(PLUS_VAL, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n in wanted:
                row = json.loads(line)
                found[n] = ([d for d in row["raw_document"] if d.strip()], row["summary"])
    return [found[n] for n in lines]


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in spans(text)]


def cut(sentences: Sequence[str], budget: int) -> list[str]:
    out, used = [], 0
    for sentence in sentences:
        words = sentence.split()
        if used + len(words) >= budget:
            out.append(" ".join(words[: budget - used]))
            break
        out.append(sentence)
        used += len(words)
    return [s for s in out if s]


METRICS = ("rouge1", "rouge2", "rougeLsum")


def rouge_f1(
    scorer: rouge_scorer.RougeScorer, reference: str, summary: Sequence[str]
) -> list[float]:
    """F1 x 100 for each of METRICS, one sentence per line (as ROUGE-Lsum needs)."""
    got = scorer.score("\n".join(sentences_of(reference)), "\n".join(summary))
    return [100 * got[m].fmeasure for m in METRICS]


def storyline(passages: list[str], budget: int) -> list[str]:
    return [s.text for s in _brief(passages, budget).summary]


def centroid_scorer(passages: list[str], budget: int) -> list[str]:
    """storyline before its learned scorer: the same path (``brief_articles`` at depth
    off reads no facts), sentences scored by centroid similarity and position."""
    story = prepare(passages)
    return [s.text for s in summarize(story, budget, weights=CENTROID)] if story.sentences else []


def prepare(passages: list[str]) -> Annotated:
    """What ``brief_articles(..., depth="off")`` annotates: the first MAX_ARTICLES
    articles, cleaned, the usable ones."""
    ready = [a for a in usable(clean(_articles(passages)[:MAX_ARTICLES])) if isinstance(a, Article)]
    return annotate(ready, depth=Depth.OFF)


def _brief(passages: list[str], budget: int) -> Brief:
    return brief_articles(_articles(passages), words=budget, depth="off")


def _articles(passages: list[str]) -> list[Article]:
    return [text_article(f"passage-{i}", p, outlet=f"passage {i}") for i, p in enumerate(passages)]


def balance(clusters: Sequence[tuple[list[str], str]], budget: int) -> dict[str, float]:
    """How the summary spreads over its outlets: the share of its sentences taken from the
    outlet it takes most from, and the share credited to two outlets or more (clusters
    with two articles or more)."""
    top, shared = [], []
    for passages, _ in clusters:
        summary = _brief(passages, budget).summary
        if len(passages) < 2 or not summary:
            continue
        taken = Counter(s.sources[0].article for s in summary)
        top.append(max(taken.values()) / len(summary))
        shared.append(sum(len({x.article for x in s.sources}) >= 2 for s in summary) / len(summary))
    return {"top_outlet_share": statistics.mean(top), "credited_to_two": statistics.mean(shared)}


def bootstrap(
    ours: Sequence[float], theirs: Sequence[float], draws: int = 2000
) -> tuple[float, float]:
    """95 % interval of the mean per-cluster gain, resampling clusters (fixed seed)."""
    gains = np.asarray(ours) - np.asarray(theirs)
    rng = np.random.default_rng(0)
    means = gains[rng.integers(0, len(gains), size=(draws, len(gains)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def lead(passages: list[str], budget: int) -> list[str]:
    per = [sentences_of(p) for p in passages]
    order = [
        per[a][i]
        for i in range(max(map(len, per), default=0))
        for a in range(len(per))
        if i < len(per[a])
    ]
    return order


class PysbdTokenizer:
    """sumy's tokenizer interface over pysbd and a regex, so nothing needs NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return sentences_of(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return _WORDS.findall(sentence)


def sumy_method(cls: type) -> Callable[[list[str], int], list[str]]:
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(passages: list[str], budget: int) -> list[str]:
        doc = PlaintextParser.from_string("\n\n".join(passages), PysbdTokenizer()).document
        if not doc.sentences:
            return []

        def until_budget(infos: list) -> list:
            taken, used = [], 0
            for info in infos:
                taken.append(info)
                used += len(str(info.sentence).split())
                if used >= budget:
                    break
            return taken

        return [str(s) for s in summarizer(doc, until_budget)]

    return run


METHODS: dict[str, Callable[[list[str], int], list[str]]] = {
    "storyline": storyline,
    "storyline, centroid scorer": centroid_scorer,
    "lead (round-robin)": lead,
    "sumy LexRank": sumy_method(LexRankSummarizer),
    "sumy TextRank": sumy_method(TextRankSummarizer),
    "sumy LSA": sumy_method(LsaSummarizer),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--words", type=int, default=260)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--plus-val", action="store_true", help="the 500 held-back plus-val clusters instead"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"data not found: {args.data} (shared/ must sit beside the clone)", file=sys.stderr)
        return 2
    if args.plus_val:
        clusters = load_plus_val(held_back()[: args.limit])
        title = f"held-back {PLUS_VAL.parent.name}"
    else:
        clusters = load(args.data, args.limit)
        title = args.data.name
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    t0 = time.perf_counter()
    storyline(["Warm-up text so that model and library loading is not timed per cluster."] * 2, 10)
    load_seconds = time.perf_counter() - t0
    results = {}
    per_cluster: dict[str, list[list[float]]] = {}
    for name, method in METHODS.items():
        rows = []
        seconds = 0.0
        for passages, reference in clusters:
            start = time.perf_counter()
            summary = cut(method(passages, args.words), args.words)
            seconds += time.perf_counter() - start
            rows.append(rouge_f1(scorer, reference, summary))
        per_cluster[name] = rows
        results[name] = {
            m: statistics.mean(col) for m, col in zip(METRICS, zip(*rows, strict=True), strict=True)
        }
        results[name]["s_per_cluster"] = seconds / len(clusters)
        print(f"  {name}: done", file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{len(clusters)} clusters of {title}, budget {args.words} words\n")
    print("| method | R-1 | R-2 | R-Lsum | s/cluster |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        figures = [f"{r[k]:.2f}" for k in ("rouge1", "rouge2", "rougeLsum")]
        print(f"| {name} | {' | '.join(figures)} | {r['s_per_cluster']:.3f} |")
    print("\nstoryline's gain, mean per cluster with its 95 % paired bootstrap interval:\n")
    print("| against | R-1 | R-2 | R-Lsum |")
    print("|---|---|---|---|")
    gains = {}
    for name in METHODS:
        if name == "storyline":
            continue
        cells = []
        for k, metric in enumerate(METRICS):
            ours = [row[k] for row in per_cluster["storyline"]]
            theirs = [row[k] for row in per_cluster[name]]
            low, high = bootstrap(ours, theirs)
            gain = statistics.mean(ours) - statistics.mean(theirs)
            gains.setdefault(name, {})[metric] = [gain, low, high]
            cells.append(f"{gain:+.2f} [{low:+.2f}, {high:+.2f}]")
        print(f"| {name} | {' | '.join(cells)} |")
    spread = balance(clusters, args.words)
    print(
        f"\nstoryline's summaries: {spread['top_outlet_share']:.0%} of the sentences from the "
        f"outlet each takes most from; {spread['credited_to_two']:.0%} credited to two "
        "outlets or more (clusters of two articles or more)"
    )
    print(f"\nstoryline start-up (imports, first call): {load_seconds:.2f} s")
    print(f"peak RSS of the run: {peak_mb:.0f} MB")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"results": results, "gains": gains, "balance": spread}
                | {"load_seconds": load_seconds, "peak_rss_mb": peak_mb},
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
