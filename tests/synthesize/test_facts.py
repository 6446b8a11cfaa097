"""Two figures of one fact, and whether they conflict (synthesize/facts.py): the examples'
and the seeds' disagreements, approximations and units, and the figures that must never
conflict (of different things, of different people, equal values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import STORIES, assert_faithful, brief_of, claims
from storyline import brief
from storyline.model import Brief

# The figure each example story's outlets disagree on (tests/synthesize/test_attribution.py
# has the same, as digits).
CONFLICTS = {
    "harbour-bridge": {"fourteen", "seventeen"},
    "valley-flood": {"about 3,200", "some 3,500"},
    "chip-plant": {"1,500", "1,200"},
}


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.name)
def test_each_examples_disagreement_is_one_conflicting_fact(path: Path) -> None:
    result = brief([path])
    (conflict,) = claims(result, "conflicting")
    assert CONFLICTS[path.name] <= {text.casefold() for text in conflict}
    assert_faithful(result)


def test_seeds_tolls_conflict(seeds_brief: Brief) -> None:
    assert_faithful(seeds_brief)
    assert {"at least 129", "at least 132"} in claims(seeds_brief, "conflicting")


def test_an_approximation_that_fits_an_exact_figure_agrees() -> None:
    result = brief_of(
        "Nearly 130 people were killed in the attacks on the capital's concert hall.",
        "In all, 129 people were killed in the attacks on the concert hall in the capital.",
        "More than 100 people were killed in the attacks on the capital's concert hall.",
    )
    assert claims(result, "agreed") == [{"Nearly 130", "129", "More than 100"}]
    assert not claims(result, "conflicting")


def test_units_are_compared_on_one_scale() -> None:
    result = brief_of(
        "The traffic jam stretched 10 km along the coast road on Sunday.",
        "The traffic jam stretched 6 miles along the coast road on Sunday.",
    )
    assert claims(result, "agreed") == [{"10 km", "6 miles"}]


def test_different_values_of_different_things_do_not_conflict() -> None:
    result = brief_of(
        "Firefighters rescued 12 people from the burning tower block in the city centre.",
        "The city council approved 40 new parking spaces near the harbour for the summer.",
    )
    assert not claims(result, "conflicting")
    assert all(f.status == "complementary" for f in result.facts)


def test_two_exact_sums_of_the_same_costs_conflict_and_a_rounded_one_fits_both() -> None:
    result = brief_of(
        "The venture firm is seeking about $973,000 in legal costs from its former partner.",
        "The venture firm said the trial cost it $972,815 in witness fees and legal costs.",
        "The venture firm filed papers seeking $972,814 in legal costs from its former partner.",
    )
    (fact,) = [f for f in result.facts if f.status == "conflicting"]
    groups = {c.text: c.group for c in fact.claims}
    assert groups["$972,815"] != groups["$972,814"]
    assert groups["about $973,000"] == -1  # fits every side
    assert_faithful(result)


def test_measures_in_one_unit_are_compared_as_written() -> None:
    same_unit = brief_of(
        "The suspect is described as 5 feet tall and 130 pounds, the sheriff's office said.",
        "The suspect is described as 5 feet tall and about 120 pounds, deputies said.",
    )
    assert not [
        f
        for f in same_unit.facts
        if {"130", "about 120"} <= {c.text for c in f.claims} and f.status == "agreed"
    ]


def test_measures_across_units_are_compared_loosely() -> None:
    across = brief_of(
        "The lion was found in the town of Isinya, 30 km from the park, on Wednesday.",
        "Rangers surrounded the lion in the town of Isinya, 20 miles from Nairobi.",
    )
    assert {"30 km", "20 miles"} in claims(across, "agreed")


DESCRIPTION = "Police say the woman, 5-foot-8 and 130 pounds, robbed six jewellery stores."


def test_sentences_agreeing_on_one_measure_describe_one_subject() -> None:
    """Two outlets give the same height of a suspect with different weights and different
    verbs: the weights are of the same person, so they conflict; with different heights
    the outlets may describe two people, and nothing is claimed (the next test)."""
    same_height = brief_of(DESCRIPTION, "She stands about 5 feet 8 and weighs about 120 pounds.")
    (conflict,) = claims(same_height, "conflicting")
    assert conflict == {"130 pounds", "about 120 pounds"}


@pytest.mark.parametrize(
    "other",
    [
        "She stands about 6 feet 1 and weighs about 120 pounds.",
        "She stands about 5 feet 8 and weighs about 130 pounds.",
    ],
    ids=["another height", "the same weight"],
)
def test_a_description_of_another_height_or_the_same_weight_does_not_conflict(
    other: str,
) -> None:
    assert not claims(brief_of(DESCRIPTION, other), "conflicting")


@pytest.mark.parametrize(
    "texts",
    [
        (
            "Three civilians have been killed since the offensive began in July.",
            "Officials confirmed on Monday that three civilians were killed by rockets near the "
            "border town, and the army vowed to respond.",
        ),
        (
            "Ann Hunt, 23, of Rowland, was charged with two counts of arson at the church.",
            "Ben Caulder, 19, of Fairmont, was charged with six counts of arson at the church.",
        ),
    ],
    ids=["equal values", "different people"],
)
def test_equal_values_and_different_people_never_conflict(texts: tuple[str, str]) -> None:
    assert not claims(brief_of(*texts), "conflicting")


@pytest.mark.parametrize(
    "texts",
    [
        (
            "Police said five people were shot outside the bar on Friday night.",
            "Police said two people were killed outside the bar on Friday night.",
        ),
        (
            "Police said five people were shot outside the bar on Friday night.",
            "One man died and four others were wounded outside the bar on Friday night.",
        ),
        (
            "Police said six people were shot at the party on Saturday.",
            "Police said two more people were shot at the party on Saturday.",
        ),
        (
            "Police said four people were wounded in the shooting at the bar on Friday.",
            "Police said one person is in critical condition after the shooting at the bar "
            "on Friday.",
        ),
        (
            "After the man died at the bar on Friday, two men are in critical condition, "
            "police said.",
            "Police said the shooting at the bar on Friday left one man dead.",
        ),
        (
            "Police said the shooting near the park on Thursday night sent five people to "
            "the hospital.",
            "Police said five people were shot near the park on Thursday night.",
            "Police said the shooting near the park on Thursday night killed one person.",
        ),
        (
            "Police said two people started shooting at the party on Saturday night.",
            "Police said six people were shot at the party on Saturday night.",
        ),
        (
            "Police said two men were wounded in the shooting near the park on Friday.",
            "Police said a woman was accosted by six men near the park on Friday.",
        ),
        (
            "Police said the woman killed at the house on Friday had five children.",
            "Police said three children were in the house on Friday during the shooting.",
        ),
        (
            "Police said there were two adults and six children in the house during the "
            "shooting on Sunday.",
            "Police said five adults were wounded by children with guns in the state last "
            "year, as in the shooting on Sunday.",
        ),
    ],
    ids=[
        "another outcome",
        "a part: others",
        "a part: more",
        "a part: in a condition",
        "hurt",
        "another outcome, told by an agreeing count",
        "the doers: who started it",
        "the doers: by whom",
        "the held: someone's children",
        "the present: who was in the house",
    ],
)
def test_counts_of_other_outcomes_or_of_a_part_never_conflict(texts: tuple[str, ...]) -> None:
    """Different outcomes for the same victims, and a part against the whole (Gun Violence
    Archive flags read by hand: benchmarks/gold/conflicts.json)."""
    assert not claims(brief_of(*texts), "conflicting")


def test_a_count_ten_times_another_is_of_another_scope() -> None:
    """One shooting's victims and a city's weekend of shootings are two counts."""
    result = brief_of(
        "Police said at least three people were shot near the park on Monday night.",
        "Police said 39 people were shot across the city on Monday night.",
    )
    assert not claims(result, "conflicting")


def test_a_count_echoed_with_the_contradicts_nothing() -> None:
    """ "the three teens" names a group its article set up (those involved, not those
    charged); the article's own count is what is compared."""
    result = brief_of(
        "Two teens are charged in the shooting of the boy at the park on Friday, police said.",
        "Police said the three teens were involved in the shooting of the boy at the park "
        "on Friday.",
    )
    assert not claims(result, "conflicting")


def test_a_count_agreeing_with_a_part_is_that_part() -> None:
    """ "two people were killed at the car wash" agrees with "killed two more people"
    there: both count a part of the four the gunman killed."""
    result = brief_of(
        "Police said two people were killed at the car wash on Main Street on Wednesday.",
        "Police said the gunman drove to the car wash on Main Street and killed two more "
        "people on Wednesday.",
        "Police said the gunman killed four people on Main Street on Wednesday.",
    )
    assert not claims(result, "conflicting")


def test_at_least_one_counts_nothing() -> None:
    """ "at least one suspect" says there were suspects; "at least three" counts them."""
    result = brief_of(
        "Detectives are searching for at least three suspects in the shooting, police said.",
        "Police said they were still searching for at least one suspect late on Saturday.",
    )
    assert not claims(result, "conflicting")


def test_the_same_outcome_counted_differently_conflicts() -> None:
    result = brief_of(
        "Police said five people were shot outside the bar on Friday night.",
        "Police said four people were shot outside the bar on Friday night.",
    )
    assert claims(result, "conflicting") == [{"five", "four"}]


def test_the_doers_counted_differently_conflict() -> None:
    """Those who did it are compared with each other, only not with their victims."""
    result = brief_of(
        "Police said two men opened fire at the party on Saturday night.",
        "Police said three men opened fire at the party on Saturday night.",
    )
    assert claims(result, "conflicting") == [{"two", "three"}]


def test_counts_of_shots_never_conflict() -> None:
    """Each shooter, witness and scene has its count of shots ("fired the first four
    shots", "heard 20 shots"): none is the incident's, and a reader shown two is misled
    more often than not (Gun Violence Archive flags read by hand)."""
    result = brief_of(
        "Police said the gunman fired 27 shots on Daggett Street on Friday night.",
        "Police said the gunman fired 31 shots on Daggett Street on Friday night.",
    )
    assert not claims(result, "conflicting")


def test_an_age_is_exact() -> None:
    """A "50" may be a count rounded to the ten, never an age: a 45-year-old and a
    50-year-old are two people, not one age in two roundings."""
    result = brief_of(
        "A 45-year-old man was arrested at the scene on Sunday, police said.",
        "A 50-year-old man was arrested at the scene on Sunday, police said.",
    )
    assert {"45", "50"} not in claims(result, "agreed")


def test_the_dead_and_the_wounded_of_one_sentence_are_two_facts() -> None:
    """A death toll told beside "more than a dozen" wounded is not that open figure's
    value: when another outlet gives another toll, the tolls conflict."""
    result = brief_of(
        "Gunmen opened fire on a wedding party on Saturday, killing 19 people and wounding "
        "more than a dozen others, police said.",
        "Gunmen opened fire on a wedding party on Saturday, killing 14 people and wounding "
        "more than a dozen, police said.",
    )
    assert {"19", "14"} in claims(result, "conflicting")


def test_a_round_figure_strays_little_from_the_count() -> None:
    """ "10 weeks" is rounded to the ten at most, not anything from 5 to 15: an outlet
    writing 15 disagrees."""
    result = brief_of(
        "The activist was jailed for 10 weeks for driving, the court in the capital said.",
        "The activist was jailed for 15 weeks for driving, her lawyer in the capital said.",
    )
    assert {"10 weeks", "15 weeks"} in claims(result, "conflicting")


def test_two_ages_of_one_named_person_conflict_in_any_sentences() -> None:
    """A name right beside an age says whose it is; the sentences around need not be
    alike, and "Jr." is no surname."""
    result = brief_of(
        "A county jury sentenced Bobby Gene Martin Jr., 76, to two life sentences on Wednesday.",
        "Bobby Martin, 64, pleaded not guilty at his arraignment last spring, prosecutors said.",
    )
    assert {"76", "64"} in claims(result, "conflicting")


def test_an_age_in_apposition_to_a_name_is_that_persons() -> None:
    result = brief_of(
        "John Smith, 29, was killed on Saturday in the south of the country, officials said.",
        "Friends said John Smith, a 25-year-old aid worker, loved the villages he served.",
    )
    assert {"29", "25"} in claims(result, "conflicting")


def test_an_age_near_a_name_or_of_a_namesake_is_not_that_persons() -> None:
    """An age only near a name may be another person's ("a 64-year-old woman"), and an
    age beside a surname two people of the story bear may be either's."""
    near = brief_of(
        "Paula Holmes said a 64-year-old woman had been shot in the doorway of the house.",
        "Paula Holmes, 48, was at home when the shots were fired into the house.",
    )
    namesakes = brief_of(
        "Police said Michael Brown, 19, was hurt when the shots were fired, his aunt Lisa "
        "Brown said.",
        "Officers said Mr. Brown, 34, was hurt when the shots were fired on Main Street.",
    )
    assert not claims(near, "conflicting") and not claims(namesakes, "conflicting")


def test_the_only_ages_two_articles_give_of_one_kind_of_person_conflict() -> None:
    """Each article tells one unnamed boy's age and no other: they are his, told two
    ways, though the sentences share few words."""
    result = brief_of(
        "Witnesses said a 16-year-old boy shot himself in the head inside a house on Wallace "
        "Avenue on Tuesday.",
        "The county coroner ruled the 15-year-old boy's death a homicide on Thursday.",
    )
    assert {"16", "15"} in claims(result, "conflicting")


def test_ages_of_other_people_or_of_things_do_not_conflict() -> None:
    """A child grazed and a man arrested are two people; a car's age is no one's; and an
    article that gives two ages may speak of either person."""
    kinds = brief_of(
        "The shots missed and grazed two passersby, including a 4-year-old child.",
        "A 21-year-old man who drew police gunfire on the Strip is taking a plea deal.",
    )
    things = brief_of(
        "A 17-year-old was shot in the shoulder near the parade route on Saturday night.",
        "Her sedan was only about four years old with 73,000 miles on it, the driver said.",
    )
    two = brief_of(
        "A 16-year-old boy and a 40-year-old man were shot outside the store on Tuesday.",
        "The 15-year-old boy died in hospital on Thursday, the coroner said.",
    )
    for result in (kinds, things, two):
        assert not claims(result, "conflicting")


def test_a_named_age_and_an_age_that_recalls_the_named_person_conflict() -> None:
    """Each article gives one age: one beside the name, one recalling the person it
    named before ("the 35-year-old"). They are hers, told two ways."""
    result = brief_of(
        "Police named the driver as Karen Walsh, 44, of Dover on Monday.",
        "Karen Walsh was driving home from work when the truck hit her car. The 35-year-old "
        "was taken to hospital.",
    )
    assert {"44", "35"} in claims(result, "conflicting")


def test_an_age_that_recalls_someone_else_or_sits_beside_another_does_not() -> None:
    """The recalling article must name the person, and recall someone ("a 35-year-old"
    brings in someone new); and an article giving two ages may recall either of two
    people."""
    new = brief_of(
        "Police named the driver as Karen Walsh, 44, of Dover on Monday.",
        "Karen Walsh was driving home from work when the truck hit her car. A 35-year-old "
        "was taken to hospital.",
    )
    unnamed = brief_of(
        "Police named the driver as Karen Walsh, 44, of Dover on Monday.",
        "A truck hit a car on Route 9 on Monday. The 35-year-old driver was taken to hospital.",
    )
    two = brief_of(
        "Police named the driver as Karen Walsh, 44, of Dover on Monday.",
        "Karen Walsh was driving home when a truck driven by a 61-year-old man hit her car. "
        "The 35-year-old was taken to hospital.",
    )
    for result in (new, unnamed, two):
        assert not claims(result, "conflicting")


def test_two_articles_only_counts_of_one_thing_conflict_whatever_their_verbs() -> None:
    """Each article counts bodies once: the two counts are of the same bodies, though the
    sentences share few words."""
    result = brief_of(
        "Investigators recovered 28 bodies from the grave near the town, officials said.",
        "Forensic teams in the state capital are working to identify 32 bodies retrieved "
        "from a pit.",
    )
    assert {"28", "32"} in claims(result, "conflicting")


def test_two_articles_only_measures_of_a_length_in_alike_sentences_conflict() -> None:
    """Each article gives one length, of no counted thing, and the sentences speak of the
    same: the same boat, told two ways."""
    result = brief_of(
        "The two had set out in a 31-foot aluminum boat, leaving Point Judith late on "
        "Sunday for a fishing trip.",
        "They departed from Point Judith on Sunday in a 32-foot fishing boat, the Coast "
        "Guard said.",
    )
    assert {"31-foot", "32-foot"} in claims(result, "conflicting")


def test_lengths_in_unlike_sentences_or_beside_other_lengths_do_not() -> None:
    """A suspect's height and the distance a gunman fired from are two things; and an
    article giving two lengths may speak of either."""
    unlike = brief_of(
        "The suspect is described as a thin man, about 6 feet tall, in a gray hoodie.",
        "Prosecutors said the gunman fired at the fleeing crowd from 5 feet away.",
    )
    two = brief_of(
        "The two had set out in a 31-foot aluminum boat, leaving Point Judith late on "
        "Sunday, and towed a 12-foot dinghy.",
        "They departed from Point Judith on Sunday in a 32-foot fishing boat, the Coast "
        "Guard said.",
    )
    assert not claims(unlike, "conflicting") and not claims(two, "conflicting")


def test_two_articles_only_percentages_in_alike_sentences_conflict() -> None:
    """Each article gives one share, of no counted thing, in sentences that speak of the
    same rise; a share in an unlike sentence, or beside another share, is another."""
    result = brief_of(
        "The average student debt of a graduate rose 4% over the year before, the "
        "institute's annual report said.",
        "Graduates left with an average student debt 6 percent higher than the year before, "
        "according to the report.",
    )
    unlike = brief_of(
        "The average student debt of a graduate rose 4% over the year before, the "
        "institute's annual report said.",
        "The mayor's approval stood at 6 percent in the poll.",
    )
    assert {"4%", "6 percent"} in claims(result, "conflicting")
    assert not claims(unlike, "conflicting")


def test_counts_of_two_scopes_or_beside_other_counts_are_not_one_thing() -> None:
    far = brief_of(
        "The chain expects its juices to be sold in about 8,000 stores across the country.",
        "It would be disappointing not to have 50 stores in Colombia within years, he said.",
    )
    several = brief_of(
        "Rescuers recovered 28 bodies on Monday and 40 bodies on Tuesday from the river.",
        "Forensic teams in the state capital are working to identify 32 bodies retrieved "
        "from a pit.",
    )
    assert not claims(far, "conflicting") and not claims(several, "conflicting")


def test_two_small_counts_of_one_outcome_agree_in_unlike_sentences() -> None:
    """ "One person was killed" and "killing one person": the same deed and the same toll
    are one fact, however the sentences around them differ."""
    result = brief_of(
        "One person was killed when gunfire erupted outside the bar early on Sunday.",
        "Police are searching for the gunman who opened fire on the crowd, killing one person.",
    )
    assert any({"One"} <= c or {"one"} <= c for c in claims(result, "agreed"))


def test_the_shot_and_the_wounded_of_one_count_agree_in_unlike_sentences() -> None:
    """ "four people were shot" and "four people were wounded" are the same victims: the
    registry counts the shot who lived as injured, and reports say either."""
    result = brief_of(
        "Four people were shot when gunfire erupted outside the bar early on Sunday.",
        "Police are searching for the gunman after four people were wounded in the attack.",
    )
    assert claims(result, "agreed") == [{"Four"}]  # one wording, both articles


def test_one_victim_told_of_anyone_and_of_someone_agrees() -> None:
    """ "one person was killed" and "a man was killed" are one death; "a man" and "a woman"
    killed are two."""
    result = brief_of(
        "One person was killed when gunfire erupted outside the bar early on Sunday.",
        "Police said a man was killed in the shooting at the bar and the gunman fled.",
    )
    assert claims(result, "agreed") == [{"One", "a man"}]
    two = brief_of(
        "Police said a woman was killed in the shooting at the bar and the gunman fled.",
        "Police said a man was killed in the shooting at the bar and the gunman fled.",
    )
    assert not claims(two, "agreed")
