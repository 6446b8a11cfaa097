"""A brief of reports in several languages (annotate/__init__.py, annotate/nlp.py): the
fact layer reads only the languages its model knows, says which it did not read, and
every article still counts for the summary and the coverage. The reports are written
here for the test."""

from __future__ import annotations

from helpers import assert_faithful_and_linked, brief_of
from storyline.render import render_json, render_markdown

ENGLISH = (
    "The city council approved the harbour tram line on Wednesday. The line will cost "
    "120 million zloty, Mayor Anna Kowalska said. The first trams are due in 2028."
)
POLISH = (
    "Rada miasta zatwierdziła w środę budowę linii tramwajowej do portu. Koszt inwestycji "
    "wyniesie 120 milionów złotych, powiedziała prezydent Anna Kowalska. Pierwsze "
    "tramwaje pojadą w 2028 roku."
)


def test_a_language_without_a_model_is_named_and_its_facts_left_unread() -> None:
    brief = brief_of(ENGLISH, POLISH)
    assert [a.lang for a in brief.articles] == ["en", "pl"]
    assert brief.unread == ("pl",)
    read = [s.article for f in brief.facts for s in f.sources]
    read += [s.article for e in brief.timeline for s in e.sources]
    read += [s.article for q in brief.quotes for s in q.sources]
    assert read and set(read) == {0}  # a name read in English may still be found verbatim
    assert {c.outlet for c in brief.coverage} == {"Outlet 0", "Outlet 1"}
    assert_faithful_and_linked(brief)
    assert "not read in the articles in pl" in render_markdown(brief)
    assert '"unread_languages": [\n    "pl"\n  ]' in render_json(brief)


def test_a_brief_in_english_alone_reads_everything() -> None:
    brief = brief_of(ENGLISH)
    assert brief.unread == () and brief.entities
    assert "not read" not in render_markdown(brief)
