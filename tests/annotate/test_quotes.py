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


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb of saying in any of its forms, with a word between it and the name
        ("Councillor Ada Brisk also bemoaned the delays, calling them “a disgrace to the "
         "whole city of Port Aldren.”", "Ada Brisk"),
        ("“We will reopen the footbridge by the spring,” replied Mayor Tomas Reyne.",
         "Tomas Reyne"),
        ("Ada Brisk tweeted that the plan was “a step in the right direction for Port Aldren.”",
         "Ada Brisk"),
        # the name doing the saying, not the one spoken about, nearer the quote
        ("Councillor Ada Brisk said Tomas Reyne was “far too slow to act on the footbridge.”",
         "Ada Brisk"),
        # the subject of a verb of saying, whatever spaCy calls it (here a place)
        ("Georgia said, “We will rebuild the harbour wall before the winter.”", "Georgia"),
        # not the listener after "told", and past a description between commas
        ("“We were wrong to wait for the inspectors,” Ada Brisk, the council's deputy "
         "leader, told Tomas Reyne on Monday.", "Ada Brisk"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("depth", ["fast", "full"])
def test_the_speaker_is_who_does_the_saying(text: str, speaker: str, depth: str) -> None:
    result = brief_of(text, depth=depth)
    assert [q.speaker for q in result.quotes] == [speaker]
