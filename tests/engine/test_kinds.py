"""Choosing an engine: by its kind or its plain name, and a clear error for any other."""

from __future__ import annotations

import pytest

from storyline.engine import EngineKind, make_engine
from storyline.errors import StorylineError


@pytest.mark.parametrize("kind", [EngineKind.LOCAL, "local"])
def test_an_engine_is_chosen_by_kind_or_name(kind: str) -> None:
    engine = make_engine(kind)  # type: ignore[arg-type]
    try:
        assert list(engine.map(str.upper, ["a", "b"], name=str)) == ["A", "B"]
    finally:
        engine.close()


def test_an_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(StorylineError, match="must be one of local, processes, dask"):
        make_engine("gpu")  # type: ignore[arg-type]
