"""Choosing the summary sentences (synthesize/summary.py): each is exactly a span of its
source, and the summary keeps to its word budget."""

from __future__ import annotations

import pytest

from helpers import STORIES
from storyline import brief
from storyline.model import Brief


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
