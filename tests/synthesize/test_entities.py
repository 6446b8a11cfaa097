"""Two names of one entity (synthesize/entities.py): aliases across sources, a title
read as a role, and people under other spellings, initials and surnames."""

from __future__ import annotations

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
