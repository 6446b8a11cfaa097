"""The input cut into bundles of work for the engines (run/bundles.py)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import TRAM, write


def test_a_small_input_is_cut_in_pieces_that_workers_can_share(tmp_path: Path) -> None:
    """Two 1 MB dumps used to be one piece of work, so a second worker sat idle; the
    cut depends on the input's size alone (the same on every engine)."""
    from storyline.ingest.parts import MIN_SPLIT, Part
    from storyline.run.bundles import Bundle, bundles

    line = json.dumps({"text": TRAM}) + "\n"
    for name in ("a.jsonl", "b.jsonl"):
        write(tmp_path / name, line * (1_000_000 // len(line)))
    found = list(bundles([tmp_path]))
    assert all(isinstance(p, Bundle) for p in found)
    cut: list[Part] = [part for piece in found for part in piece.parts]  # type: ignore[union-attr]
    assert len(cut) >= 14
    assert all(p.end - p.start <= MIN_SPLIT for p in cut)
    assert sum(p.end - p.start for p in cut) == 2 * (1_000_000 // len(line)) * len(line)
