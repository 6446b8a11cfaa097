"""The plain data passed between stages.

Every stage takes and returns these frozen dataclasses, so a stage can run in-process,
in a worker process or on a cluster without sharing state with the stage before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """An input we could not use (or used only in part), with the reason the user sees."""

    path: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One report. ``text`` is the cleaned body; every span in a brief indexes into it."""

    id: str
    path: str
    outlet: str
    kind: str  # "text" or "html": which cleaner applies to ``raw``
    raw: str
    text: str = ""
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    seen: dt.date | None = None  # when a crawler fetched it (WARC-Date); a fallback for time


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article, located by character offsets into ``Article.text``."""

    article: int  # index into the list of articles of the brief
    index: int  # position of the sentence within its article
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Annotated:
    """The articles of one story with their sentences and one vector per sentence."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    vectors: object  # a row-normalised matrix (numpy or scipy sparse), one row per sentence


@dataclass(frozen=True)
class Source:
    """Where a piece of the brief comes from: ``articles[article].text[start:end]``."""

    article: int
    outlet: str
    start: int
    end: int


@dataclass(frozen=True)
class SummarySentence:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Brief:
    summary: tuple[SummarySentence, ...]
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Features:
    """What grouping needs of an article, computed once from its clean text.

    ``terms`` counts the content words of the headline and lead (the event is told there)
    plus ``@name`` terms for capitalised names; ``fingerprint`` identifies the exact text,
    ``minhash`` its word shingles, for near-duplicates and wire copies."""

    terms: tuple[tuple[str, int], ...]
    fingerprint: str
    minhash: bytes
    when: dt.date | None  # published, else crawled: the story's time window uses it


@dataclass(frozen=True)
class Duplicate:
    """A copy kept as a link to the article first stored with that content."""

    original: str  # article id
    kind: str  # "exact" (same text), "near" (same outlet, edited) or "wire" (other outlet)
    similarity: float


@dataclass(frozen=True)
class Placement:
    """Where an incoming article went: a story, possibly as a copy, possibly merging stories."""

    article: str
    story: int
    duplicate: Duplicate | None = None
    merged: tuple[int, ...] = ()  # stories folded into ``story`` because this article bridged them
    created: bool = False  # ``story`` was started by this article
