"""A quote and its speaker (annotate/quotes.py), at every fact depth."""

from __future__ import annotations

import pytest

from helpers import brief_of


@pytest.mark.parametrize("depth", ["fast", "full"])
def test_a_warned_quote_has_its_speaker_at_every_depth(depth: str) -> None:
    """The fast depth reads around the same verbs of saying the quote finder looks for:
    it once knew only "said", "told" and a few more, so "warned" left the speaker unread."""
    words = "We will rebuild the harbour wall before winter"
    result = brief_of(f"“{words},” Mayor Tomas Reyne warned.", depth=depth)
    assert [q.speaker for q in result.quotes] == ["Tomas Reyne"]
    assert words in result.quotes[0].text
