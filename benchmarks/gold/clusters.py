"""The gold set's clusters: which ones, and their passages exactly as the spans index them.

A passage is LongBench's ``Passage N:`` block with ``NEWLINE_CHAR`` turned back into a
newline and outer whitespace stripped (the same reading as benchmarks/summary_quality.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = (
    Path(__file__).resolve().parents[3]
    / "shared/data/summarization/multinews-longbench/multi_news.jsonl"
)
_PASSAGE = re.compile(r"Passage \d+:\n")
MAX_CHARS = 8000  # clusters an annotator can read whole
COUNT = 30


def passages(row: dict) -> list[str]:
    context = row["context"].replace("NEWLINE_CHAR", "\n")
    return [p.strip() for p in _PASSAGE.split(context) if p.strip()]


def load(path: Path = DATA) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [passages(json.loads(line)) for line in f]


def chosen(clusters: list[list[str]]) -> list[int]:
    """The first COUNT clusters in file order with two or more passages and at most
    MAX_CHARS characters of context: chosen by size alone, before looking at content."""
    picked = []
    for i, texts in enumerate(clusters):
        if len(texts) >= 2 and sum(len(t) for t in texts) <= MAX_CHARS:
            picked.append(i)
    return picked[:COUNT]
