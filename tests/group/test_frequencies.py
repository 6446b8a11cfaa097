"""The stream's document frequencies: a fixed table, counted alike in every process."""

from __future__ import annotations

import os
import subprocess
import sys

from storyline.group.frequencies import Frequencies


def test_terms_are_counted_once_per_article() -> None:
    counts = Frequencies()
    counts.update(["harbour", "bridge"])
    counts.update(["harbour"])
    assert (counts["harbour"], counts["bridge"], counts["ferry"]) == (2, 1, 0)


def test_the_table_does_not_grow_with_the_vocabulary() -> None:
    counts = Frequencies(slots=1 << 10)
    size = counts._counts.buffer_info()[1]
    counts.update(f"word{i}" for i in range(100_000))
    assert counts._counts.buffer_info()[1] == size
    assert sum(counts._counts) == 100_000  # shared slots add up, nothing is lost


def test_every_process_counts_in_the_same_slots() -> None:
    """A replay in a new process must rebuild the run's counts (``hash()`` would not)."""
    script = (
        "from storyline.group.frequencies import Frequencies\n"
        "f = Frequencies(slots=1 << 8)\n"
        "f.update(['harbour', 'bridge', 'ferry', 'ålesund', '北京'])\n"
        "print([i for i, n in enumerate(f._counts) if n])"
    )

    def slots(seed: str) -> str:
        env = os.environ | {"PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True)
        return done.stdout.decode()

    assert slots("1") and slots("1") == slots("2") == slots("3")
