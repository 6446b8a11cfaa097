"""Shared fixtures: the example corpus, the real seeds beside the clone, a temp dir of inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"
STORIES = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/data/seeds is not beside the clone")
    return SEEDS


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path
