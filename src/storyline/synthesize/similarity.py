"""Cosine of two sentences of a story, from the vectors annotate made."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotated


def cosine(story: Annotated, a: int, b: int) -> float:
    """``a`` and ``b`` index ``story.sentences``; rows are L2-normalised."""
    value = story.vectors[a] @ story.vectors[b].T  # type: ignore[index]
    return float(value.toarray()[0, 0] if hasattr(value, "toarray") else np.asarray(value).item())
