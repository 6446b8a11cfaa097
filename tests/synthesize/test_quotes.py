"""Quotes gathered across sources (synthesize/quotes.py)."""

from __future__ import annotations

from helpers import assert_faithful, brief_of


def test_one_quote_carried_by_two_outlets_is_one_row_with_its_speaker() -> None:
    words = "We will rebuild the bridge before the winter comes"
    result = brief_of(
        f'"{words}," Mayor Tomas Reyne told reporters on Wednesday.',
        f'Tomas Reyne said: "{words}." He gave no date for the work.',
    )
    assert_faithful(result)
    assert [(q.speaker, len(q.sources)) for q in result.quotes] == [("Tomas Reyne", 2)]
    assert words in result.quotes[0].text
