"""Clean articles to sentences with spans and one vector per sentence."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.annotate.sentences import split_sentences
from storyline.annotate.vectors import sentence_vectors
from storyline.model import Annotated, Article


def annotate(articles: Sequence[Article]) -> Annotated:
    sentences = tuple(s for i, a in enumerate(articles) for s in split_sentences(a, i))
    return Annotated(tuple(articles), sentences, sentence_vectors([s.text for s in sentences]))


__all__ = ["annotate"]
