"""Which outlets a summary sentence is credited to (synthesize/attribution.py): every
credited span says the same thing, one fact from several outlets is one sentence credited
to all of them, and outlets that disagree on a figure are never credited for each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import STORIES
from storyline import brief
from storyline.model import Brief

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


def test_every_attributed_span_says_the_same_thing(all_briefs: list[Brief]) -> None:
    """Checked independently of the attribution code: plain word overlap and equal digits."""
    for result in all_briefs:
        for sentence in result.summary:
            own = words(sentence.text)
            for source in sentence.sources:
                span = result.articles[source.article].text[source.start : source.end]
                other = words(span)
                assert len(own & other) / len(own | other) >= 0.4, (sentence.text, span)
                assert figures(sentence.text) == figures(span), (sentence.text, span)
                assert source.outlet == result.articles[source.article].outlet


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
