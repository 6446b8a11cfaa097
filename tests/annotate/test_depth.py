"""How much the fact layer reads (annotate/__init__.py, annotate/nlp.py): off, or one of
the known depths."""

from __future__ import annotations

import pytest

from helpers import STORIES
from storyline import StorylineError, brief


def test_the_fact_layer_can_be_switched_off() -> None:
    result = brief([STORIES[0]], depth="off")
    assert result.summary and not result.facts and not result.entities


def test_an_unknown_fact_depth_is_an_error() -> None:
    with pytest.raises(StorylineError, match="fact depth"):
        brief([STORIES[0]], depth="deep")
