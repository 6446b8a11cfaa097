"""A figure read as one measure or amount (annotate/figures.py), seen in the facts of a
brief of two reports that give it in different forms."""

from __future__ import annotations

from helpers import annotated, assert_faithful, brief_of, claims


def counted(*sentences: str) -> list[tuple[str, str, str]]:
    """(text, counted noun, action) of each figure the default depth reads in the sentences."""
    return [(f.text, f.noun, f.verb) for f in annotated(*sentences).figures]


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


def test_one_person_told_by_their_fate_is_a_count_outlets_agree_on() -> None:
    """Single victims are written "a man was killed", never "one": outlets agreed on no
    count at all for them. "shot and killed" reports the killing."""
    result = brief_of(
        "A man was shot and killed outside a bakery on Elm Street late Saturday, police said.",
        "Police said a man was killed in a shooting outside an Elm Street bakery on Saturday.",
    )
    (fact,) = [f for f in result.facts if "A man" in {c.text for c in f.claims}]
    assert fact.status == "agreed" and fact.about == "man killed"
    assert len(fact.claims[0].sources) == 2
    assert_faithful(result)


def test_one_person_named_by_place_or_by_age_alone_is_counted() -> None:
    """ "An 8-year-old Port Orange boy is dead": names of places may stand before the
    person; "a 16-year-old killed Friday": an age may stand for the person."""
    result = brief_of(
        "An 8-year-old Port Orange boy is dead after a shooting at his home, police said.",
        "Neighbors of a 16-year-old killed Friday say the shooting was an accident.",
        "A Belleair Elementary School student died on Thursday after the shooting.",
    )
    found = {c.text: f.about for f in result.facts for c in f.claims}
    assert found.get("A Belleair Elementary School student") == "student died"
    assert found.get("An 8-year-old Port Orange boy") == "boy dead"
    assert found.get("a 16-year-old") == "16-year-old killed"
    assert_faithful(result)


def test_one_person_never_contradicts_a_larger_toll() -> None:
    """ "A man was killed" says nothing of the others who were."""
    result = brief_of(
        "A man was killed when gunfire broke out at the county fair on Sunday, police said.",
        "Three men were killed when gunfire broke out at the county fair on Sunday, police said.",
    )
    assert not claims(result, "conflicting")
    assert any("A man" in c for c in claims(result, "complementary"))


def test_someone_s_relative_is_not_the_person_counted() -> None:
    result = brief_of("A woman's son was killed in the crash on Route 9 on Friday, troopers said.")
    assert not [f for f in result.facts if "A woman" in {c.text for c in f.claims}]


def test_a_count_of_whom_a_shooting_killed_needs_no_noun() -> None:
    result = brief_of(
        "Police said that at the store on Monday the gunman killed one and wounded two.",
        "At the store on Monday, the gunman killed one and wounded two.",
    )
    assert {"one"} in claims(result, "agreed") and {"two"} in claims(result, "agreed")


def test_the_one_who_did_it_is_not_counted_with_those_it_was_done_to() -> None:
    result = brief_of("A gunman killed a man outside the bar on Friday night, police said.")
    found = {c.text: f.about for f in result.facts for c in f.claims}
    assert found.get("a man") == "killed man" and "A gunman" not in found


def test_the_dead_are_counted_however_their_death_is_told() -> None:
    result = brief_of(
        "The crash on Route 9 left two people dead on Sunday morning, troopers said.",
        "Two died in the crash on Route 9 on Sunday morning, troopers said.",
        "Troopers said two people were killed in the crash on Route 9 on Sunday morning.",
    )
    (fact,) = [f for f in result.facts if "two" in {c.text.lower() for c in f.claims}]
    assert fact.status == "agreed" and fact.about == "people dead"
    assert len({s.article for c in fact.claims for s in c.sources}) == 3


def test_a_number_in_a_name_or_glued_to_a_word_is_no_count() -> None:
    found = counted(
        "Two men were found dead and two others were wounded after a shooting by the river "
        "in Three Rivers.",
        "Three men have been indicted by a one-man grand jury, prosecutors said.",
    )
    assert ("Three", "man", "indict") in found and ("Two", "man", "kill") in found
    assert not {text for text, _, _ in found} & {"Three Rivers", "one"}
    assert len(found) == 3


def test_an_emergency_number_or_a_number_of_dimensions_is_no_count() -> None:
    found = counted(
        "The neighbour called 911 at once, and the 911 dispatcher sent two cruisers.",
        "The museum bought a 3D printer and a 3-D scanner, and shows 12 films in 2D.",
        "Some 911 people signed the letter.",
    )
    assert [text for text, _, _ in found] == ["two", "12", "Some 911"]


def test_an_age_in_months_is_an_age_compared_in_years() -> None:
    """ "an 18-month-old" is a year and a half old, and its text keeps its unit: an age of
    "18" would read as eighteen years."""
    (age,) = [f for f in annotated("Police found the 18-month-old safe.").figures]
    assert (age.text, age.noun, age.value) == ("18-month-old", "age", 1.5)
    result = brief_of(
        "The 10-month-old boy died after swallowing a detergent pod, police said.",
        "A 7-month-old boy died on Monday after he swallowed a laundry pod.",
    )
    assert {"10-month-old", "7-month-old"} in claims(result, "conflicting")


def test_years_of_age_are_an_age_not_a_length_of_time() -> None:
    assert counted("The boy, 12 years of age, was hurt in the crash.") == [("12", "age", "")]


def test_a_death_told_by_an_adverb_or_an_adjective_is_a_killing() -> None:
    """ "three fatally", "fatally shot", "are dead": counts of the dead, never compared with
    counts of the shot."""
    found = counted(
        "Five men were shot, three fatally, at the home on Albany Avenue, police said.",
        "Three men were fatally shot at the home on Albany Avenue, police said.",
        "Police said two men are dead after the shooting at the home on Albany Avenue.",
    )
    assert found == [
        ("Five", "man", "shoot"),
        ("three", "people", "kill"),
        ("Three", "man", "kill"),
        ("two", "man", "kill"),
    ]


def test_those_in_a_condition_are_hurt_whatever_verb_stands_before() -> None:
    """ "two men are in critical condition" counts the hurt, not the dead of the clause
    before it."""
    found = counted(
        "One man has died and two men are in critical condition after a fight at the bar.",
        "Police said three people remain in serious but stable condition on Sunday.",
    )
    assert found == [
        ("One", "man", "kill"),
        ("two", "man", "injure"),
        ("three", "people", "injure"),
    ]


def test_those_arrested_are_not_counted_with_their_victims() -> None:
    result = brief_of(
        "A man has been arrested and charged in a shooting that left one man dead on Main "
        "Street, police said."
    )
    for fact in result.facts:
        assert {c.text for c in fact.claims} != {"A man", "one"}


def test_a_share_of_a_whole_never_contradicts_the_whole() -> None:
    result = brief_of(
        "Police said one of the men shot on Sunday at the store died in hospital.",
        "Five men were shot at the store on Sunday, police said on Monday.",
    )
    assert not claims(result, "conflicting")


def test_others_are_a_part_and_agree_with_no_whole() -> None:
    """ "three other people" are some of the dead, not the three victims named: from the
    Gun Violence Archive, where "four others" against "three other people" was flagged."""
    result = brief_of(
        "Police said three victims named on Saturday and four others were killed in Velden.",
        "Police said the gunman killed three other people in Velden on Thursday.",
    )
    assert not claims(result, "agreed") and not claims(result, "conflicting")


def test_and_before_a_verb_ends_what_a_number_counts() -> None:
    found = counted("At the store on Monday the gunman killed one and wounded two at the door.")
    assert found == [("one", "people", "kill"), ("two", "people", "injure")]


def test_a_bare_number_counts_people_only_next_to_what_befell_them() -> None:
    found = counted(
        "Two died and three were hurt, police said.",
        "He shot five people in a crowd of a thousand with a deputy nearby, police said.",
    )
    assert ("Two", "people", "kill") in found and ("three", "people", "injure") in found
    assert not [f for f in found if f[0] == "a thousand" and f[1] == "people"]


def test_a_share_in_percent_is_the_figure_itself() -> None:
    """ "71 % of people" gives the whole share, not one part of a count."""
    result = brief_of(
        "In the survey, 71 % of people in open relationships said they were satisfied.",
        "In the survey, 92 % of people in open relationships said they were satisfied.",
    )
    assert {"71 %", "92 %"} in claims(result, "conflicting")


def test_to_wound_is_to_injure_not_to_wind() -> None:
    """ "wound five others" is the verb of injuring (its dictionary reads the past of
    "wind"), so it agrees with "wounded five others"."""
    result = brief_of(
        "An ex-convict shot and killed one person and went on to wound five others in Mesa.",
        "A gunman killed one person and wounded five others Wednesday across the city.",
    )
    (fact,) = [f for f in result.facts if "five" in {c.text for c in f.claims}]
    assert fact.status == "agreed"


def test_an_age_after_a_name_ending_a_caption_is_an_age() -> None:
    """ "Mark Delgado, 34" closing a photo caption: spaCy reads the 34 as a number there (a
    date when a comma follows), and it is his age, not a count of anything."""
    result = brief_of(
        "Image 1 of 4 Caption Close Mark Delgado, 34 Mark Delgado, 34 Photo: Courtesy of the "
        "sheriff's office Image 2 of 4 A boy was shot at the store on Monday.",
        "Police said Mark Delgado, 34, was indicted in the fatal shooting of the boy.",
    )
    assert {"34"} in claims(result, "agreed")
    wider = brief_of(  # a number no age is, in the same place, is read as before
        "Image 1 of 4 Caption Close Mark Delgado, 1,250 Photo: Courtesy of the sheriff's "
        "office Image 2 of 4 A boy was shot at the store on Monday.",
        "Police said Mark Delgado, 34, was indicted in the fatal shooting of the boy.",
    )
    assert not claims(wider, "agreed")
