"""The fact layer's sections together (synthesize/): empty, not missing, when a text has
nothing to find."""

from __future__ import annotations

from helpers import brief_of
from storyline import as_dict


def test_text_with_nothing_to_find_gives_empty_sections() -> None:
    result = brief_of(
        "and so it goes on and on, as it always has, for all of us here and there.\n"
        "nobody knows where it goes or why it goes, and nobody asks about it any more.\n"
        "we walk along the water and we talk about the weather and the tides as ever."
    )
    assert (result.facts, result.entities, result.timeline, result.quotes) == ((), (), (), ())
    data = as_dict(result)
    assert data["facts"] == data["entities"] == data["timeline"] == data["quotes"] == []
