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


# Two Chinese outlets' reports of one flood (no spaces between words, no capitals).
CHINESE = (
    "马来西亚首相安华周二视察吉隆坡水灾灾区。雪兰莪州多个地区仍然淹水，数千名居民被疏散。"
    "安华表示，政府将拨款五亿令吉援助灾民。气象部门预计本周仍有大雨。",
    "首相安华周二前往吉隆坡水灾灾区视察。雪兰莪州多个地区仍然淹水，数千名居民已被疏散。"
    "安华说，政府将拨款五亿令吉援助受灾民众。当局呼吁居民远离河岸。",
)


def test_a_chinese_story_is_split_summarised_and_credited_to_both_outlets() -> None:
    brief = brief_of(*CHINESE)
    assert [a.lang for a in brief.articles] == ["zh", "zh"] and brief.unread == ("zh",)
    texts = [s.text for s in brief.summary]
    assert all(t.endswith("。") and t.count("。") == 1 for t in texts)  # one sentence each
    both = [s for s in brief.summary if {x.article for x in s.sources} == {0, 1}]
    assert len(both) >= 2  # the same facts in other words are credited to both
    assert sum("视察" in t for t in texts) == 1  # the visit is told once
    assert_faithful_and_linked(brief)
