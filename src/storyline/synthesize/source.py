"""The one way a brief's item points at its text: a span of one article, credited to that
article's outlet (``Source``)."""

from __future__ import annotations

from storyline.model import Annotated, Source


def source_of(story: Annotated, article: int, start: int, end: int) -> Source:
    """``story.articles[article].text[start:end]``."""
    return Source(article, story.articles[article].outlet, start, end)
