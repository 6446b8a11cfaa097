"""Two names of one entity (synthesize/entities.py): aliases across sources, a title
read as a role, and people under other spellings, initials and surnames."""

from __future__ import annotations

import pytest

from helpers import assert_faithful, brief_of
from storyline.model import Brief


def test_seeds_names_unify(seeds_brief: Brief) -> None:
    names = {e.name: set(e.aliases) for e in seeds_brief.entities}
    assert "Daesh" in names["Islamic State"]
    assert "Raqqah" in names["Raqqa"]
    assert {"Putin", "Russian president"} <= names["Vladimir Putin"]


def test_aliases_across_sources() -> None:
    """At full depth every sentence is read, so every name is there to unify."""
    result = brief_of(
        "French President François Hollande said the Islamic State (IS) group planned "
        "the attacks from Raqqa, where 20 fighters were killed.",
        "Hollande said Daesh fighters in Raqqah were hit by 20 strikes. The French president "
        "spoke in Paris.",
        depth="full",
    )
    assert_faithful(result)
    names = {e.name: set(e.aliases) for e in result.entities}
    assert {"IS", "Daesh"} <= names["Islamic State"]
    assert "Raqqah" in names["Raqqa"]
    assert {"Hollande", "French president"} <= names["François Hollande"]


def test_one_list_of_titles_gives_roles() -> None:
    """The titles stripped from a name and those read as a role were two lists that had
    drifted: "Sheriff" was stripped but never a role, "Chancellor" a role but never
    stripped (the stripping: tests/annotate/test_entities.py)."""
    result = brief_of(
        "County Sheriff Dana Okafor closed the coast road near Velden on Friday after the storm.",
        "The county sheriff said the coast road would reopen on Monday, once the debris was "
        "cleared.",
        depth="full",
    )
    names = {e.name: set(e.aliases) for e in result.entities}
    assert names["Dana Okafor"] == {"county sheriff"}


def test_people_are_unified_across_spellings_initials_and_surnames() -> None:
    result = brief_of(
        "Deposed president Mohamed Morsi met EU envoy Catherine Ashton, the European Union "
        "(EU) said. Ashton met Susana D. Gonzalez for two hours.",
        "Ashton said Mohammed Mursi was well. Susana Gonzalez, 27, and Joseph VanWert, 65, "
        "were charged.",
        "Joseph Van Wert, 65, was held. Mursi has been detained since July 3.",
        depth="full",
    )
    assert_faithful(result)
    together = [{e.name, *e.aliases} for e in result.entities]
    assert any({"Mohamed Morsi", "Mohammed Mursi"} <= names for names in together)
    assert any({"Susana D. Gonzalez", "Susana Gonzalez"} <= names for names in together)
    assert any({"Joseph VanWert", "Joseph Van Wert"} <= names for names in together)
    assert not any({"Catherine Ashton", "Mohamed Morsi"} <= names for names in together)


def test_a_word_that_opens_the_sentence_is_not_part_of_the_name() -> None:
    """spaCy reads "However Quell" as one name at a sentence's start; it is Quell, and
    Quell is Mara Quell."""
    result = brief_of(
        "Councillor Mara Quell opened the harbour on Monday with 200 guests.",
        "However Quell said 200 homes flooded on Monday.",
        depth="full",
    )
    names = {e.name: set(e.aliases) for e in result.entities}
    assert names == {"Mara Quell": {"Quell"}}


def test_a_surname_is_the_person_nearly_all_its_longer_names_are() -> None:
    """ "Reyne" is Tomas Reyne when he is named four times and his sister once; when both
    are named as often, it is neither."""
    sister_once = brief_of(
        "Tomas Reyne led the crew on Monday. Tomas Reyne said 40 homes were hit. Tomas Reyne "
        "left at 6. Tomas Reyne returned at 9. His sister Lena Reyne stayed.",
        "Reyne said on Monday that 40 homes were hit.",
        depth="full",
    )
    assert {e.name: set(e.aliases) for e in sister_once.entities}["Tomas Reyne"] == {"Reyne"}
    as_often = brief_of(
        "Tomas Reyne led the crew on Monday. Tomas Reyne said 40 homes were hit. Lena Reyne "
        "left at 6. Lena Reyne returned at 9.",
        "Reyne said on Monday that 40 homes were hit.",
        depth="full",
    )
    assert all("Reyne" not in e.aliases for e in as_often.entities)


def _unified(text: str, names: list[tuple[str, str]]) -> list[set[str]]:
    """The entities of one article whose mentions are ``names`` (text, label), each at
    its first place in ``text`` (write each first on its own): the unifying rules alone,
    whatever spaCy reads."""
    from dataclasses import replace

    from helpers import annotated
    from storyline.model import Mention
    from storyline.synthesize.entities import unify

    mentions = [
        Mention(0, 0, text.index(name), text.index(name) + len(name), name, label)
        for name, label in names
    ]
    entities, _ = unify(replace(annotated(text), mentions=tuple(mentions)))
    return [{e.name, *e.aliases} for e in entities]


def test_a_persons_name_inside_a_longer_one_is_that_person() -> None:
    """Words the recogniser took in before a name or after it (a headline in capitals)
    leave one person; a longer name that begins with one name and ends with another
    joins neither; the place a person is "of" is not their surname."""
    text = (
        "Velden. Santa Rosa. Ada Brisk spoke. Comedian Ada Brisk spoke; Ada Brisk Wins Seat. "
        "Ada Brisk Santa Rosa. Ada Brisk of Velden."
    )
    found = _unified(
        text,
        [("Comedian Ada Brisk", "PERSON"), ("Ada Brisk", "PERSON"),
         ("Ada Brisk Wins Seat", "PERSON"), ("Ada Brisk Santa Rosa", "PERSON"),
         ("Santa Rosa", "PERSON"), ("Ada Brisk of Velden", "PERSON"), ("Velden", "GPE")],
    )  # fmt: skip
    assert {"Comedian Ada Brisk", "Ada Brisk", "Ada Brisk Wins Seat"} <= next(
        names for names in found if "Ada Brisk" in names
    )
    assert not any({"Ada Brisk", "Santa Rosa"} <= names for names in found)
    assert not any({"Ada Brisk", "Velden"} <= names for names in found)


def test_a_persons_name_ending_a_name_of_another_kind_is_that_person() -> None:
    """ "Comedian Ada Brisk" typed an organisation from its first word is still Ada Brisk;
    the organisation a person's name begins is named after them, not them."""
    text = "Comedian Ada Brisk spoke. Ada Brisk spoke. The Ada Brisk Trust paid."
    found = _unified(
        text,
        [("Comedian Ada Brisk", "ORG"), ("Ada Brisk", "PERSON"), ("Ada Brisk Trust", "ORG")],
    )
    assert {"Comedian Ada Brisk", "Ada Brisk"} in found
    assert {"Ada Brisk Trust"} in found


def test_a_place_is_no_part_of_a_persons_name() -> None:
    """ "Varnland", a place in its mentions, is not the first word of "Varnland Wildlfe
    Servce", a misspelt agency read as a person."""
    text = "Varnland. Varnland. Varnland Wildlfe Servce."
    found = _unified(text, [("Varnland", "GPE"), ("Varnland Wildlfe Servce", "PERSON")])
    assert not any({"Varnland", "Varnland Wildlfe Servce"} <= names for names in found)


def test_a_place_word_written_short_is_the_word() -> None:
    """ "Mt Varn" is Mount Varn (and "Ft Orley" Fort Orley); "St" is left alone, being
    Saint or Street."""
    text = "Mt Varn. Mount Varn. Ft Orley. Fort Orley. St Ria. Street Ria."
    names = [(n, "GPE") for n in ("Mt Varn", "Mount Varn", "Ft Orley", "Fort Orley")]
    found = _unified(text, [*names, ("St Ria", "GPE"), ("Street Ria", "GPE")])
    assert {"Mt Varn", "Mount Varn"} <= next(n for n in found if "Mount Varn" in n)
    assert {"Ft Orley", "Fort Orley"} <= next(n for n in found if "Fort Orley" in n)
    assert not any({"St Ria", "Street Ria"} <= n for n in found)


@pytest.mark.parametrize(("short", "joined"), [("SR", True), ("Sr", False)])
def test_initials_are_written_in_capitals(short: str, joined: bool) -> None:
    """ "SR" may be Santa Rosa; "Sr" after a name is not."""
    text = f"The Santa Rosa office. Mark Velden {short} left."
    found = _unified(text, [("Santa Rosa", "GPE"), (short, "ORG")])
    assert ({"Santa Rosa", short} in found) is joined


def test_a_surname_found_again_takes_no_opening_word_for_a_given_name() -> None:
    """At the fast depth the second article's sentence is not read; "Quell" is found
    again there (a known surname), and the capitalised word before it, "Although", is no
    given name."""
    result = brief_of(
        "Councillor Mara Quell opened the harbour on Monday with 200 guests.",
        "Although Quell had doubts, the harbour opened.",
    )
    assert {e.name: set(e.aliases) for e in result.entities} == {"Mara Quell": {"Quell"}}


def test_a_one_word_organisation_is_the_one_longer_organisation_it_ends() -> None:
    """ "Colts" is the Indianapolis Colts, though a headline's "Colts Coach Ada Brisk"
    was read as a person's name beginning with it."""
    text = "Colts. Indianapolis Colts. Colts Coach Ada Brisk."
    found = _unified(
        text,
        [("Colts", "ORG"), ("Indianapolis Colts", "ORG"), ("Colts Coach Ada Brisk", "PERSON")],
    )
    assert {"Indianapolis Colts", "Colts"} in found
