"""Faithfulness of every brief: spans are exact, attributions say the same thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SEEDS, STORIES, write
from storyline import StorylineError, as_dict, brief
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


def briefs() -> list[Brief]:
    inputs = [[story] for story in STORIES]
    if SEEDS.is_dir():
        inputs.append([SEEDS])
    return [brief(paths, words=w) for paths in inputs for w in (60, 150, 400)]


@pytest.fixture(scope="module")
def all_briefs() -> list[Brief]:
    return briefs()


def test_examples_cover_three_stories_three_outlets_three_formats() -> None:
    assert len(STORIES) >= 3
    for story in STORIES:
        result = brief([story])
        assert len({a.outlet for a in result.articles}) >= 3, story
        assert {p.suffix for p in story.iterdir()} >= {".txt", ".html", ".jsonl"}, story


def test_each_summary_sentence_is_exactly_its_first_source_span(all_briefs: list[Brief]) -> None:
    for result in all_briefs:
        assert result.summary
        for sentence in result.summary:
            texts = [result.articles[s.article].text[s.start : s.end] for s in sentence.sources]
            assert sentence.text in texts


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


def test_summary_respects_the_word_budget() -> None:
    for words_budget in (30, 80, 150):
        result = brief([STORIES[0]], words=words_budget)
        assert sum(len(s.text.split()) for s in result.summary) <= words_budget


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


def test_json_contract(all_briefs: list[Brief]) -> None:
    data = as_dict(all_briefs[0])
    assert set(data) == {
        "summary",
        "sentences",
        "articles",
        "problems",
        "facts",
        "entities",
        "timeline",
        "quotes",
        "coverage",
    }
    assert data["summary"] == "\n".join(s["text"] for s in data["sentences"])
    assert set(data["sentences"][0]) == {"text", "sources"}
    assert set(data["sentences"][0]["sources"][0]) == {"article", "outlet", "start", "end"}
    assert set(data["articles"][0]) == {"id", "outlet", "path", "url", "title", "published", "text"}
    for sentence in data["sentences"]:
        for s in sentence["sources"]:
            assert data["articles"][s["article"]]["text"][s["start"] : s["end"]]


def test_good_inputs_survive_bad_ones(tmp_path: Path) -> None:
    write(tmp_path / "broken.jsonl", "{oops\n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02" * 100)
    result = brief([STORIES[0], tmp_path])
    assert result.summary
    assert {p.path for p in result.problems} == {
        f"{tmp_path}/broken.jsonl:1",
        f"{tmp_path}/binary.txt",
    }


def test_no_usable_input_raises_a_domain_error(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    with pytest.raises(StorylineError, match="no usable article"):
        brief([tmp_path])


def test_same_input_same_brief() -> None:
    assert as_dict(brief([STORIES[1]])) == as_dict(brief([STORIES[1]]))
