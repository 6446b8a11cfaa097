"""Article text quality on the 181 pages of the article-extraction benchmark, two tasks:

* ``html``: the page as fetched, to article text;
* ``text``: the page already scraped to plain text (``html-text``, one block per line:
  the seeds' case, where the HTML that tells body from boilerplate is gone).

Scored as the benchmark's own evaluation does (its evaluate.py): 4-word shingles of the
extracted text against the ground-truth body, true/false positives and negatives
normalised per page, precision and recall averaged over pages, F1 of the two averages.
storyline's text is what a brief of that one file reads (``Article.text`` after
cleaning), next to the peers on the same pages, with ablations: each step of storyline's
path switched off in turn, so every step shows what it buys on this data.

The scraped-text cleaner learns from these pages (``benchmarks/train_lines.py``), so its
row here is scored by cross-validation: each page's text comes from a model that did not
see that page (five folds by page). The shipped model, trained on all pages, would score
higher here than it should; the row labelled "(shipped model)" shows by how much.

    python benchmarks/extraction_quality.py [--task html|text|both] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared/data/extraction/article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class Page:
    key: str
    html: str
    truth: str


def pages(limit: int | None = None) -> list[Page]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    found = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
        found.append(Page(key, raw.decode("utf-8", "replace"), truth[key].get("articleBody", "")))
    return found


def visible_text(html: str) -> str:
    """The page as a scraper leaves it: all visible text, one block per line."""
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


# --- scoring (the benchmark's method, written here) --------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))
    ) - Counter({(): 1})


def counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised so a long page weighs as much as a short one."""
    true, pred = shingles(truth), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(results: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) as the benchmark computes them."""
    precision = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in results if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in results if tp + fn > 0
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


# --- the systems --------------------------------------------------------------------------

Extractor = Callable[[Page], str]


def storyline_html(page: Page) -> str:
    from storyline.clean import clean, usable
    from storyline.ingest.html import html_article

    return _cleaned(usable(clean([html_article(f"{page.key}.html", page.html)])))


def storyline_text(page: Page) -> str:
    from storyline.clean import clean, usable
    from storyline.ingest import text_article

    return _cleaned(usable(clean([text_article(f"{page.key}.txt", visible_text(page.html))])))


def _cleaned(items: Iterator[object]) -> str:
    from storyline.model import Article

    return "\n\n".join(item.text for item in items if isinstance(item, Article))


def trafilatura_default(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html) or ""


def trafilatura_precision(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, favor_precision=True, include_comments=False) or ""


def readability(page: Page) -> str:
    import html_text
    from readability import Document

    return str(html_text.extract_text(Document(page.html).summary(html_partial=True)))


def justext_html(page: Page) -> str:
    import justext

    found = justext.justext(page.html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in found if not p.is_boilerplate)


def all_visible(page: Page) -> str:
    return visible_text(page.html)


def justext_lines(page: Page) -> str:
    """jusText on the scraped text, each line a paragraph."""
    import html

    import justext

    lines = visible_text(page.html).splitlines()
    markup = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    found = justext.justext(f"<html><body>{markup}</body></html>", justext.get_stoplist("English"))
    return "\n".join(p.text for p in found if not p.is_boilerplate)


def trafilatura_lines(page: Page) -> str:
    import html

    import trafilatura

    lines = visible_text(page.html).splitlines()
    markup = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return trafilatura.extract(f"<html><body>{markup}</body></html>") or ""


HTML_PEERS: dict[str, Extractor] = {
    "trafilatura (default)": trafilatura_default,
    "trafilatura (precision)": trafilatura_precision,
    "readability-lxml": readability,
    "jusText": justext_html,
    "all visible text": all_visible,
}
TEXT_PEERS: dict[str, Extractor] = {
    "jusText on the lines": justext_lines,
    "trafilatura on the lines": trafilatura_lines,
    "all visible text": all_visible,
}


@dataclass(frozen=True)
class Row:
    name: str
    precision: float
    recall: float
    f1: float
    seconds: float  # per page


def run(name: str, extract: Extractor, found: Sequence[Page]) -> Row:
    results = []
    start = time.perf_counter()
    for page in found:
        results.append(counts(page.truth, extract(page)))
    seconds = (time.perf_counter() - start) / len(found)
    return Row(name, *score(results), seconds)


@contextmanager
def switched(module: str, name: str, value: object) -> Iterator[None]:
    """``module.name`` set to ``value`` for the duration: one step of storyline off."""
    target = importlib.import_module(module)
    kept = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, kept)


def without(step: tuple[str, str, object], extract: Extractor) -> Extractor:
    def off(page: Page) -> str:
        with switched(*step):
            return extract(page)

    return off


HTML_STEPS = {
    "without the readability check": ("storyline.clean.html", "_missed", lambda *a: False),
    "without tables": ("storyline.clean.html", "TABLES", False),
    "without dropping the headline": ("storyline.clean", "_without_title", lambda t, _: t),
}
TEXT_STEPS = {
    "without the sentence rule beside the model": ("storyline.clean.text", "MODEL_WEIGHT", 1.0),
    "with only the sentence rule (no model)": ("storyline.clean.text", "MODEL_WEIGHT", 0.0),
    "without smoothing by neighbours": ("storyline.clean.text", "_smoothed", lambda c: c),
    "without trimming the edges": ("storyline.clean.text", "_trimmed", lambda kept, *_: kept),
}


def table(title: str, rows: Sequence[Row]) -> str:
    lines = [
        f"\n{title}\n",
        "| system | precision | recall | F1 | ms/page |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} | "
            f"{r.seconds * 1000:.0f} |"
        )
    return "\n".join(lines)


def html_rows(found: Sequence[Page]) -> list[Row]:
    rows = [run("**storyline**", storyline_html, found)]
    rows += [run(name, fn, found) for name, fn in HTML_PEERS.items()]
    rows += [
        run(f"storyline {name}", without(step, storyline_html), found)
        for name, step in HTML_STEPS.items()
    ]
    return rows


def text_rows(found: Sequence[Page]) -> list[Row]:
    """storyline's rows are cross-validated (the module's docstring says why)."""
    from train_lines import cross_validated, dataset, fold_models

    texts, features, marks = dataset(found)
    models = fold_models(len(found), features, marks)

    def validated(name: str, step: tuple[str, str, object] | None = None) -> Row:
        start = time.perf_counter()
        with switched(*step) if step else nullcontext():
            cleaned = cross_validated(texts, models)
        seconds = (time.perf_counter() - start) / len(found)
        return Row(
            name, *score([counts(p.truth, t) for p, t in zip(found, cleaned, strict=True)]), seconds
        )

    rows = [validated("**storyline** (cross-validated)")]
    rows.append(
        run("storyline (shipped model: it learned from these pages)", storyline_text, found)
    )
    rows += [run(name, fn, found) for name, fn in TEXT_PEERS.items()]
    rows += [validated(f"storyline {name}", step) for name, step in TEXT_STEPS.items()]
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="the first N pages only")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    found = pages(args.limit)
    print(f"{len(found)} pages of {DATA.name}")
    if args.task in ("html", "both"):
        print(table("HTML page to article text", html_rows(found)))
    if args.task in ("text", "both"):
        print(
            table("Scraped text (html-text, one block per line) to article text", text_rows(found))
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
