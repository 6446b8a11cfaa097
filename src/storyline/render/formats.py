"""The output formats, apart from their renderers so that naming one loads no template,
and the words every renderer shares."""

from enum import StrEnum
from typing import Protocol

from storyline.model import Body

# An event dated only by articles with no date of their own, against their story's day.
INFERRED = "inferred: its sources are undated, read against the story's day"

SNIPPETS_ONLY = (
    "Made only of feed snippets and headlines: no outlet's full article was read, so the "
    "summary and the tables hold only what those few lines say."
)


class _Held(Protocol):
    @property
    def body(self) -> Body: ...


def body_note(item: _Held) -> str:
    """How a source (an article, a story's member) is marked when it is less than an
    article ("" for an article)."""
    return {Body.FULL: "", Body.SNIPPET: "feed snippet", Body.HEADLINE: "headline only"}[item.body]


class Format(StrEnum):
    MD = "md"
    JSON = "json"
    HTML = "html"


def unread_note(languages: tuple[str, ...]) -> str:
    """What the brief says when some articles' facts were not read ("" when all were)."""
    if not languages:
        return ""
    named = ", ".join(languages)
    return (
        f"Names, figures, dates and quotes were not read in the articles in {named}: "
        "storyline has no model for that language, so the tables hold only what the "
        "other articles say. The summary and the coverage include every article."
    )
