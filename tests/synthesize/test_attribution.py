"""Which outlets a summary sentence is credited to (synthesize/attribution.py, with
synthesize/overlap.py's judgement): every credited span reports the sentence, one fact
from several outlets is one sentence credited to all of them even when they word it
differently, and outlets that disagree on a figure are never credited for each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import STORIES
from storyline import brief
from storyline.model import Brief
from storyline.render import render_markdown
from storyline.synthesize.overlap import Wording, reports

_WORD = re.compile(r"[^\W_]+")
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "and",
    "or",
    "for",
    "at",
    "by",
    "with",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "it",
    "its",
    "that",
    "this",
    "as",
    "be",
    "from",
}


_NUMBERS_1_TO_20 = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {word: str(i) for i, word in enumerate(_NUMBERS_1_TO_20.split(), start=1)}


def figures(text: str) -> list[str]:
    found = re.findall(r"\d[\d,.]*\d|\d|[A-Za-z]+", text)
    return sorted(
        _NUMBER_WORDS.get(t.lower(), t).replace(",", "")
        for t in found
        if t[0].isdigit() or t.lower() in _NUMBER_WORDS
    )


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def phrases(text: str, n: int = 3) -> set[tuple[str, ...]]:
    tokens = [w.lower() for w in _WORD.findall(text)]
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def test_every_attributed_span_reports_the_sentence(all_briefs: list[Brief]) -> None:
    """Checked independently of the attribution code: the credited span holds every figure
    of the sentence, a third of its words and a phrase of three (a rewording keeps its
    core)."""
    for result in all_briefs:
        for sentence in result.summary:
            own = words(sentence.text)
            for source in sentence.sources:
                span = result.articles[source.article].text[source.start : source.end]
                assert len(own & words(span)) / len(own) >= 1 / 3, (sentence.text, span)
                assert phrases(sentence.text) & phrases(span), (sentence.text, span)
                assert set(figures(sentence.text)) <= set(figures(span)), (sentence.text, span)
                assert source.outlet == result.articles[source.article].outlet


def test_a_reworded_report_is_credited_with_its_own_sentence(seeds_brief: Brief) -> None:
    """Both seed outlets report that Putin ordered the navy to work with the French: one
    summary sentence, credited to both, each with its own wording."""
    both = [s for s in seeds_brief.summary if len({x.outlet for x in s.sources}) == 2]
    assert both
    for sentence in both:
        spans = {seeds_brief.articles[x.article].text[x.start : x.end] for x in sentence.sources}
        assert len(spans) == 2 and sentence.text in spans


def test_the_seeds_tell_the_navy_order_once(seeds_brief: Brief) -> None:
    told = [s for s in seeds_brief.summary if "ordered the Russian navy" in s.text]
    assert len(told) == 1


def test_the_same_fact_from_several_outlets_appears_once_with_all_of_them() -> None:
    result = brief([STORIES[0]], words=400)
    assert any(len({s.outlet for s in sentence.sources}) >= 3 for sentence in result.summary)
    texts = [s.text for s in result.summary]
    assert len(texts) == len(set(texts))


CONFLICTS = {
    "harbour-bridge": ("14", "17"),
    "valley-flood": ("3200", "3500"),
    "chip-plant": ("1200", "1500"),
}


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_conflicting_figures_are_never_attributed_to_each_other(story: Path) -> None:
    """Each example story has outlets that disagree on one figure."""
    one, other = CONFLICTS[story.name]
    result = brief([story], words=400)
    for sentence in result.summary:
        for source in sentence.sources:
            span = figures(result.articles[source.article].text[source.start : source.end])
            assert not ({one, other} <= set(figures(sentence.text)) | set(span))


@pytest.mark.parametrize(
    ("said", "other", "credited"),
    [
        # a rewording around the same core phrase, one word skipped on each side
        (
            "Putin on Tuesday ordered the Russian navy in the Mediterranean to establish "
            "contact with its French counterparts and work with them as allies.",
            "Following the call, Putin ordered the Russian navy to establish contact with "
            "a French naval group led by an aircraft carrier.",
            True,
        ),
        # the same claim with another figure, or with none
        (
            "At least 129 people were killed in the attacks in Paris.",
            "At least 132 people were killed in the attacks in Paris.",
            False,
        ),
        (
            "At least 129 people were killed in the attacks in Paris.",
            "People were killed in the attacks in Paris.",
            False,
        ),
        # the other sentence gives the figure and more
        (
            "Ten jets struck targets in Raqqa.",
            "Ten jets struck targets in Raqqa on Sunday, the 10th raid this month.",
            True,
        ),
        # the same people and place, another claim
        (
            "Putin met Hollande in Moscow to discuss the strikes.",
            "Hollande will fly to Washington to meet Obama about the strikes.",
            False,
        ),
    ],
)
def test_reports(said: str, other: str, credited: bool) -> None:
    assert reports(Wording.of(said), Wording.of(other)) is credited


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_the_summary_names_both_sides_of_the_key_conflict(story: Path) -> None:
    """Each side of the figure the example's outlets disagree on is in the summary, with
    its outlets: in a sentence stating one side, as that sentence's dispute."""
    one, other = CONFLICTS[story.name]
    result = brief([story])
    disputes = [f for s in result.summary for f in s.disputes]
    assert disputes
    for fact in disputes:
        assert {c.group for c in fact.claims} >= {0, 1}
        for claim in fact.claims:
            for source in claim.sources:
                assert result.articles[source.article].text[source.start : source.end]
    values = {figure for f in disputes for c in f.claims for figure in figures(c.text)}
    assert {one, other} <= values


def test_the_seeds_summary_tells_the_death_toll_both_ways(seeds_brief: Brief) -> None:
    (fact,) = [f for s in seeds_brief.summary for f in s.disputes]
    sides = {c.text: {s.outlet for s in c.sources} for c in fact.claims}
    assert sides == {"at least 129": {"France24"}, "at least 132": {"NewsLineToday"}}
    assert "Sources differ on killed people: at least 129 [France24] **vs** at least 132" in (
        render_markdown(seeds_brief)
    )
