"""The summary benchmark stays runnable, and storyline stays ahead of its peers on real
clusters (a quality gate: deterministic, so a drop means a change made it worse)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED_DATA

LONGBENCH = SHARED_DATA / "summarization/multinews-longbench/multi_news.jsonl"


@pytest.mark.slow
def test_storyline_beats_every_peer_on_the_first_40_clusters(tmp_path: Path) -> None:
    if not LONGBENCH.exists():
        pytest.skip("shared data not beside the clone")
    out = tmp_path / "figures.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/summary_quality.py"),
            "--limit",
            "40",
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    results = json.loads(out.read_text())["results"]
    ours = results.pop("storyline")
    for peer, figures in results.items():
        for metric in ("rouge1", "rouge2", "rougeLsum"):
            assert ours[metric] > figures[metric], (peer, metric)
