"""Choosing the summary sentences (synthesize/summary.py): each is exactly a span of its
source, the summary keeps to its word budget, and what most outlets report leads."""

from __future__ import annotations

import pytest

from helpers import STORIES
from storyline import brief, brief_articles
from storyline.ingest import text_article
from storyline.model import Brief
from storyline.synthesize.overlap import Wording, _longest_run
from storyline.synthesize.summary import lead_first


def test_each_summary_sentence_is_exactly_its_first_source_span(all_briefs: list[Brief]) -> None:
    for result in all_briefs:
        assert result.summary
        for sentence in result.summary:
            texts = [result.articles[s.article].text[s.start : s.end] for s in sentence.sources]
            assert sentence.text in texts


@pytest.mark.parametrize("words_budget", [30, 80, 150])
def test_summary_respects_the_word_budget(words_budget: int) -> None:
    result = brief([STORIES[0]], words=words_budget)
    assert sum(len(s.text.split()) for s in result.summary) <= words_budget


def test_what_most_outlets_report_leads() -> None:
    """Chosen in reading order; the sentence credited to the most outlets moves first, the
    rest keep their order, and a tie keeps the reading order's lead."""
    assert lead_first([4, 9, 2, 7], [1, 2, 3, 1]) == [2, 4, 9, 7]
    assert lead_first([4, 9, 2], [2, 2, 1]) == [4, 9, 2]
    assert lead_first([], []) == []


def test_the_seeds_summary_leads_with_what_both_outlets_report(seeds_brief: Brief) -> None:
    assert {s.outlet for s in seeds_brief.summary[0].sources} == {"France24", "NewsLineToday"}


def test_a_reworded_phrase_is_a_run_with_one_word_skipped() -> None:
    said = Wording.of("Putin ordered the Russian navy in the Mediterranean to establish contact")
    other = Wording.of("Putin ordered the Russian navy to establish contact")
    assert _longest_run(said.sequence, other.sequence) == 6
    assert _longest_run(said.sequence, tuple(reversed(other.sequence))) == 1


_MAYOR = (
    "The mayor of Lorvik on Monday ordered the harbour police in the old town to open talks "
    "with the striking dock workers and settle the dispute before the winter ferries begin "
    "their service across the bay.\n\nThe strike has kept cargo ships waiting outside the "
    "harbour for nine days, and local shops say shelves are emptying. Union leaders said they "
    "would meet the police chief on Wednesday morning at the town hall."
)
_REWORDED = (
    "In a statement late on Monday, the mayor ordered the harbour police to open talks with "
    "the dock workers, whose walkout has left the fish market without deliveries.\n\n"
    "Fishermen from the northern villages have started selling their catch directly from "
    "their boats at the pier. The council will publish the terms of any agreement on its "
    "website, a spokeswoman said."
)


def test_a_fact_two_outlets_word_differently_is_told_once() -> None:
    """The two mayor sentences share too few words for the cosine cut (0.39 < 0.4), but one
    reports the other: only one is in the summary, though the budget fits both."""
    articles = [
        text_article("a.txt", _MAYOR, outlet="Daily A"),
        text_article("b.txt", _REWORDED, outlet="Daily B"),
    ]
    result = brief_articles(articles, words=400, depth="off")
    assert len(result.summary) == 5
    assert sum("ordered the harbour police" in s.text for s in result.summary) == 1


def test_a_caption_is_never_a_summary_sentence() -> None:
    """The chip-plant example keeps a photo caption as a line of its text."""
    result = brief([p for p in STORIES if p.name == "chip-plant"])
    text = result.articles[0].text + "".join(a.text for a in result.articles[1:])
    assert "Photo: The former shipyard site" in text
    assert not [s.text for s in result.summary if s.text.startswith("Photo:")]


def test_a_wire_photo_caption_is_never_a_summary_sentence() -> None:
    caption = "FILE - In this March 2 file photo, dock workers stand beside the idle cranes."
    text = (
        f"{caption}\n\nDock workers in Lorvik walked off the job on Monday, leaving cargo "
        "ships waiting in the bay. The mayor ordered the harbour police to open talks with "
        "the striking workers, officials said."
    )
    result = brief_articles([text_article("a.txt", text, outlet="Daily A")], words=60, depth="off")
    assert result.summary
    assert caption not in [s.text for s in result.summary]
