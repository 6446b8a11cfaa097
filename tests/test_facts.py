"""The fact layer: figures aligned across sources, aliases unified, dates resolved,
quotes gathered, coverage per outlet, and every item pointing at text that holds it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import faithful
from conftest import STORIES
from storyline import StorylineError, as_dict, brief
from storyline.ingest import text_article
from storyline.model import Brief
from storyline.render import render_html, render_markdown
from storyline.run.brief import brief_articles

# The figure each example story's outlets disagree on (tests/test_brief.py has the same).
CONFLICTS = {
    "harbour-bridge": {"fourteen", "seventeen"},
    "valley-flood": {"about 3,200", "some 3,500"},
    "chip-plant": {"1,500", "1,200"},
}


def story(*texts: str, published: dt.date | None = None, depth: str = "fast") -> Brief:
    articles = [
        text_article(f"outlet{i}.txt", text, outlet=f"Outlet {i}", published=published)
        for i, text in enumerate(texts)
    ]
    return brief_articles(articles, words=100, depth=depth)


def figures(result: Brief, status: str) -> list[set[str]]:
    return [{c.text for c in f.claims} for f in result.facts if f.status == status]


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.name)
def test_each_examples_disagreement_is_one_conflicting_fact(path: Path) -> None:
    result = brief([path])
    (conflict,) = figures(result, "conflicting")
    assert CONFLICTS[path.name] <= {text.casefold() for text in conflict}
    faithful.check(result)


def test_seeds_tolls_conflict_and_names_unify(seeds: Path) -> None:
    result = brief([seeds])
    faithful.check(result)
    assert {"at least 129", "at least 132"} in figures(result, "conflicting")
    names = {e.name: set(e.aliases) for e in result.entities}
    assert "Daesh" in names["Islamic State"]
    assert "Raqqah" in names["Raqqa"]
    assert {"Putin", "Russian president"} <= names["Vladimir Putin"]
    dated = {(e.date, s.outlet) for e in result.timeline for s in e.sources}
    assert ("2015-11-17", "NewsLineToday") in dated  # "on Tuesday" in an 18 Nov 2015 report


def test_an_approximation_that_fits_an_exact_figure_agrees() -> None:
    result = story(
        "Nearly 130 people were killed in the attacks on the capital's concert hall.",
        "In all, 129 people were killed in the attacks on the concert hall in the capital.",
        "More than 100 people were killed in the attacks on the capital's concert hall.",
    )
    assert figures(result, "agreed") == [{"Nearly 130", "129", "More than 100"}]
    assert not figures(result, "conflicting")


def test_units_are_compared_on_one_scale() -> None:
    result = story(
        "The traffic jam stretched 10 km along the coast road on Sunday.",
        "The traffic jam stretched 6 miles along the coast road on Sunday.",
    )
    assert figures(result, "agreed") == [{"10 km", "6 miles"}]


def test_different_values_of_different_things_do_not_conflict() -> None:
    result = story(
        "Firefighters rescued 12 people from the burning tower block in the city centre.",
        "The city council approved 40 new parking spaces near the harbour for the summer.",
    )
    assert not figures(result, "conflicting")
    assert all(f.status == "complementary" for f in result.facts)


def test_relative_dates_resolve_against_each_articles_own_day() -> None:
    monday = story(
        "Ministers met in Brussels on Tuesday to agree on the budget plan.",
        published=dt.date(2015, 11, 18),
    )
    assert [e.date for e in monday.timeline] == ["2015-11-17"]
    undated = story("Ministers met in Brussels on Tuesday to agree on the budget plan.")
    assert [(e.date, e.expressions) for e in undated.timeline] == [(None, ("Tuesday",))]


def test_aliases_across_sources() -> None:
    """At full depth every sentence is read, so every name is there to unify."""
    result = story(
        "French President François Hollande said the Islamic State (IS) group planned "
        "the attacks from Raqqa, where 20 fighters were killed.",
        "Hollande said Daesh fighters in Raqqah were hit by 20 strikes. The French president "
        "spoke in Paris.",
        depth="full",
    )
    faithful.check(result)
    names = {e.name: set(e.aliases) for e in result.entities}
    assert {"IS", "Daesh"} <= names["Islamic State"]
    assert "Raqqah" in names["Raqqa"]
    assert {"Hollande", "French president"} <= names["François Hollande"]


def test_one_list_of_titles_strips_names_and_gives_roles() -> None:
    """The titles stripped from a name and those read as a role were two lists that had
    drifted: "Sheriff" was stripped but never a role, "Chancellor" a role but never
    stripped."""
    from storyline.annotate.entities import without_title

    assert without_title("Chancellor Mara Velden") == "Mara Velden"
    assert without_title("Secretary of State Ana Ruiz") == "Ana Ruiz"
    result = story(
        "County Sheriff Dana Okafor closed the coast road near Velden on Friday after the storm.",
        "The county sheriff said the coast road would reopen on Monday, once the debris was "
        "cleared.",
        depth="full",
    )
    names = {e.name: set(e.aliases) for e in result.entities}
    assert names["Dana Okafor"] == {"county sheriff"}


def test_one_quote_carried_by_two_outlets_is_one_row_with_its_speaker() -> None:
    words = "We will rebuild the bridge before the winter comes"
    result = story(
        f'"{words}," Mayor Tomas Reyne told reporters on Wednesday.',
        f'Tomas Reyne said: "{words}." He gave no date for the work.',
    )
    faithful.check(result)
    assert [(q.speaker, len(q.sources)) for q in result.quotes] == [("Tomas Reyne", 2)]
    assert words in result.quotes[0].text


@pytest.mark.parametrize("depth", ["fast", "full"])
def test_a_warned_quote_has_its_speaker_at_every_depth(depth: str) -> None:
    """The fast depth reads around the same verbs of saying the quote finder looks for:
    it once knew only "said", "told" and a few more, so "warned" left the speaker unread."""
    words = "We will rebuild the harbour wall before winter"
    result = story(f"“{words},” Mayor Tomas Reyne warned.", depth=depth)
    assert [q.speaker for q in result.quotes] == ["Tomas Reyne"]
    assert words in result.quotes[0].text


def test_coverage_says_what_each_outlet_alone_reported() -> None:
    result = brief([STORIES[1]])  # harbour-bridge
    by_outlet = {c.outlet: c for c in result.coverage}
    assert set(by_outlet) == {a.outlet for a in result.articles}
    only = {text for c in result.coverage for text in c.only}
    missing = {text for c in result.coverage for text in c.missing}
    assert only and only <= missing  # what one outlet alone had, the others left out


def test_text_with_nothing_to_find_gives_empty_sections() -> None:
    result = story(
        "and so it goes on and on, as it always has, for all of us here and there.\n"
        "nobody knows where it goes or why it goes, and nobody asks about it any more.\n"
        "we walk along the water and we talk about the weather and the tides as ever."
    )
    assert (result.facts, result.entities, result.timeline, result.quotes) == ((), (), (), ())
    data = as_dict(result)
    assert data["facts"] == data["entities"] == data["timeline"] == data["quotes"] == []


def test_the_fact_layer_can_be_switched_off() -> None:
    result = brief([STORIES[0]], depth="off")
    assert result.summary and not result.facts and not result.entities
    with pytest.raises(StorylineError, match="fact depth"):
        brief([STORIES[0]], depth="deep")


def test_every_format_has_the_sections() -> None:
    result = brief([STORIES[1]])
    md = render_markdown(result)
    for heading in ("## Facts", "## Entities", "## Timeline", "## Quotes", "## Coverage"):
        assert heading in md
    assert "Fourteen [Aldren Gazette]" in md and "**vs** Seventeen [Coastline Daily]" in md
    assert "- **Tomas Reyne** person (also: Reyne)" in md  # a title is not part of the name
    html = render_html(result)
    assert 'class="conflicting"' in html and "<h2>Timeline</h2>" in html
    assert '<strong class="vs">vs</strong>' in html
    ids = set(re.findall(r'id="(a\d+-\d+-\d+)"', html))
    assert set(re.findall(r'href="#(a\d+-\d+-\d+)"', html)) <= ids  # every link lands
    data = as_dict(result)
    for key in ("facts", "entities", "timeline", "quotes", "coverage"):
        assert data[key]
    for fact in data["facts"]:
        for s in fact["sources"]:
            assert data["articles"][s["article"]]["text"][s["start"] : s["end"]]


def test_dates_inside_longer_expressions_resolve() -> None:
    from storyline.annotate.temporal import resolve

    base = dt.date(2017, 11, 21)
    assert resolve("This June, 2013", base) == "2013-06"
    assert resolve("the spring of 2017", base) == "2017"
    assert resolve("mid-November", base) == "2017-11"
    assert resolve("Nov. 29", base, future=True) == "2017-11-29"
    assert resolve("in September", dt.date(2026, 3, 10)) == "2025-09"  # the last September
    assert resolve("Tuesday", None) is None  # no base, no guess


def test_a_posted_line_gives_the_publication_date() -> None:
    from storyline.ingest.published import dateline

    line = "Victim's father speaks Posted: Wednesday, June 27, 2012 1:32 PM EDT Updated: later"
    assert dateline(line) == dt.date(2012, 6, 27)


def test_people_are_unified_across_spellings_initials_and_surnames() -> None:
    result = story(
        "Deposed president Mohamed Morsi met EU envoy Catherine Ashton, the European Union "
        "(EU) said. Ashton met Susana D. Gonzalez for two hours.",
        "Ashton said Mohammed Mursi was well. Susana Gonzalez, 27, and Joseph VanWert, 65, "
        "were charged.",
        "Joseph Van Wert, 65, was held. Mursi has been detained since July 3.",
        depth="full",
    )
    faithful.check(result)
    together = [{e.name, *e.aliases} for e in result.entities]
    assert any({"Mohamed Morsi", "Mohammed Mursi"} <= names for names in together)
    assert any({"Susana D. Gonzalez", "Susana Gonzalez"} <= names for names in together)
    assert any({"Joseph VanWert", "Joseph Van Wert"} <= names for names in together)
    assert not any({"Catherine Ashton", "Mohamed Morsi"} <= names for names in together)


def test_two_exact_sums_of_the_same_costs_conflict_and_a_rounded_one_fits_both() -> None:
    result = story(
        "The venture firm is seeking about $973,000 in legal costs from its former partner.",
        "The venture firm said the trial cost it $972,815 in witness fees and legal costs.",
        "The venture firm filed papers seeking $972,814 in legal costs from its former partner.",
    )
    (fact,) = [f for f in result.facts if f.status == "conflicting"]
    groups = {c.text: c.group for c in fact.claims}
    assert groups["$972,815"] != groups["$972,814"]
    assert groups["about $973,000"] == -1  # fits every side
    faithful.check(result)


def test_measures_in_one_unit_are_compared_as_written_and_across_units_loosely() -> None:
    same_unit = story(
        "The suspect is described as 5 feet tall and 130 pounds, the sheriff's office said.",
        "The suspect is described as 5 feet tall and about 120 pounds, deputies said.",
    )
    assert not [
        f
        for f in same_unit.facts
        if {"130", "about 120"} <= {c.text for c in f.claims} and f.status == "agreed"
    ]
    across = story(
        "The lion was found in the town of Isinya, 30 km from the park, on Wednesday.",
        "Rangers surrounded the lion in the town of Isinya, 20 miles from Nairobi.",
    )
    assert {"30 km", "20 miles"} in figures(across, "agreed")


def test_a_height_in_feet_and_inches_is_one_measure() -> None:
    result = story(
        "The missing climber is 6-foot-2 and was last seen near the ridge, rangers said.",
        "Rangers said the climber, who is 6 feet 2 inches tall, was last seen near the ridge.",
    )
    assert {"6-foot-2", "6 feet 2 inches"} in figures(result, "agreed")
    (fact,) = [f for f in result.facts if "6-foot-2" in {c.text for c in f.claims}]
    faithful.check(result)
    assert fact.status == "agreed"


def test_sentences_agreeing_on_one_measure_describe_one_subject() -> None:
    """Two outlets give the same height of a suspect with different weights and different
    verbs: the weights are of the same person, so they conflict; with different heights
    the outlets may describe two people, and nothing is claimed."""
    description = "Police say the woman, 5-foot-8 and 130 pounds, robbed six jewellery stores."
    same_height = story(description, "She stands about 5 feet 8 and weighs about 120 pounds.")
    (conflict,) = figures(same_height, "conflicting")
    assert conflict == {"130 pounds", "about 120 pounds"}
    other_height = story(description, "She stands about 6 feet 1 and weighs about 120 pounds.")
    assert not figures(other_height, "conflicting")
    same_weight = story(description, "She stands about 5 feet 8 and weighs about 130 pounds.")
    assert not figures(same_weight, "conflicting")


def test_equal_values_and_different_people_never_conflict() -> None:
    equal = story(
        "Three civilians have been killed since the offensive began in July.",
        "Officials confirmed on Monday that three civilians were killed by rockets near the "
        "border town, and the army vowed to respond.",
    )
    assert not figures(equal, "conflicting")
    people = story(
        "Ann Hunt, 23, of Rowland, was charged with two counts of arson at the church.",
        "Ben Caulder, 19, of Fairmont, was charged with six counts of arson at the church.",
    )
    assert not figures(people, "conflicting")


def test_a_hyphenated_scale_word_is_one_amount() -> None:
    result = story(
        "His net worth was recently estimated to be $4.77-billion by a business magazine.",
        "His net worth was recently estimated by a business magazine at $4.77 billion.",
    )
    assert {"$4.77-billion", "$4.77 billion"} in figures(result, "agreed")
