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


BEFORE = (
    "The harbour board met on Monday evening to hear how the repairs to the old sea wall "
    "were going, and the news was not good for anyone in the room.\n\n"
    "Engineers told the board that two more sections of the wall had cracked since the "
    "storm in October, and that the stone for the work would not arrive before spring.\n\n"
)
AFTER = "\n\nThe board will meet again next month to decide how the work is to be paid for."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a paragraph that is all quote, introduced by the one above (which the cleaner
        # once dropped as furniture: a short line)
        ("Councillor Ada Brisk continued:\n\n“We cannot wait another winter for the wall "
         "to be mended, and the people of the lower town know it.”", "Ada Brisk"),
        ("As the Aldren Ledger reported on Monday,\n\n“The board has not met since the "
         "storm took the footbridge away, and nobody has asked why.”", "Aldren Ledger"),
        # named far from the verb of saying, which the fast depth once read only around
        ("Tomas Reyne, who drove from the coast to help the crews on the wall, says there "
         "is “a long road ahead for the whole town.”", "Tomas Reyne"),
        # spaCy may find no name in a short line, and the fast depth reads only pieces
        # of the text: a person's last name stands for the person named before
        ("“We were told the stones would hold for ten more years,” Tomas Reyne said.\n\n"
         "Reyne continued:\n\n“Nobody on this board will sign off on another delay.”",
         "Tomas Reyne"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("depth", ["fast", "full"])
def test_the_speaker_can_be_named_apart_from_the_quote(text: str, speaker: str, depth: str) -> None:
    result = brief_of(BEFORE + text + AFTER, depth=depth)
    assert {q.speaker for q in result.quotes} == {speaker}
