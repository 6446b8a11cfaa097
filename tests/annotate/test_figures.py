"""A figure read as one measure or amount (annotate/figures.py), seen in the facts of a
brief of two reports that give it in different forms."""

from __future__ import annotations

from helpers import assert_faithful, brief_of, claims


def test_a_height_in_feet_and_inches_is_one_measure() -> None:
    result = brief_of(
        "The missing climber is 6-foot-2 and was last seen near the ridge, rangers said.",
        "Rangers said the climber, who is 6 feet 2 inches tall, was last seen near the ridge.",
    )
    assert {"6-foot-2", "6 feet 2 inches"} in claims(result, "agreed")
    (fact,) = [f for f in result.facts if "6-foot-2" in {c.text for c in f.claims}]
    assert_faithful(result)
    assert fact.status == "agreed"


def test_a_hyphenated_scale_word_is_one_amount() -> None:
    result = brief_of(
        "His net worth was recently estimated to be $4.77-billion by a business magazine.",
        "His net worth was recently estimated by a business magazine at $4.77 billion.",
    )
    assert {"$4.77-billion", "$4.77 billion"} in claims(result, "agreed")


def test_a_stretch_that_places_an_event_is_no_figure() -> None:
    brief = brief_of("Speaking four days after the attacks, the mayor thanked the crews.")
    assert not [f for f in brief.facts if "four days" in {c.text for c in f.claims}]
    lasted = brief_of("The strike lasted four days and closed 12 schools, the union said.")
    assert any("four days" in {c.text for c in f.claims} for f in lasted.facts)


def test_have_that_owns_something_is_the_figures_verb() -> None:
    """ "have" is no auxiliary when a noun follows it: the fact was once labelled with a
    verb from another clause ("arrives jets")."""
    brief = brief_of(
        "He added that once the carrier arrives the navy will have a total of 36 fighter "
        "jets in the region."
    )
    (fact,) = [f for f in brief.facts if "36" in {c.text for c in f.claims}]
    assert fact.about == "have jets"
