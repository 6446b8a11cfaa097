"""The plain data passed between stages.

Every stage takes and returns these frozen dataclasses, so a stage can run in-process,
in a worker process or on a cluster without sharing state with the stage before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


class Depth(StrEnum):
    """How much of each article the fact layer reads (annotate/nlp.py says what each costs):
    nothing, the words around numbers, dates and quoted speech, or every sentence."""

    OFF = "off"
    FAST = "fast"
    FULL = "full"


class Markup(StrEnum):
    """What an article's ``raw`` is, so the right cleaner reads it."""

    TEXT = "text"
    HTML = "html"


class Body(StrEnum):
    """How much of a report we hold: the article itself, only the outlet's own short
    description (a feed snippet the cleaner would not call an article), or only its
    headline. Many feeds carry nothing more, and a headline still tells which event an
    outlet covered."""

    FULL = "full"
    SNIPPET = "snippet"
    HEADLINE = "headline"


class SourceKind(StrEnum):
    """What a watched address turned out to be: a feed lists articles, a sitemap lists
    pages (and maybe more sitemaps), a site's home page points at its feeds."""

    FEED = "feed"
    SITEMAP = "sitemap"
    SITE = "site"


class Order(StrEnum):
    """How a story list is ordered: by rank (how recently and how widely covered,
    ``group/rank.py``), or by activity (the story that last gained an article first:
    what a watch's reader follows)."""

    RANK = "rank"
    ACTIVITY = "activity"


class Approx(StrEnum):
    """What a figure's qualifier claims about the true value ("at least 129")."""

    EXACT = "exact"
    AT_LEAST = "at least"
    MORE_THAN = "more than"
    AT_MOST = "at most"
    LESS_THAN = "less than"
    NEARLY = "nearly"
    ABOUT = "about"
    # "a man was killed", "two of the victims": so many, of however many there were; it
    # never contradicts a larger count
    INDEFINITE = "indefinite"


class FactKind(StrEnum):
    FIGURE = "figure"
    DATE = "date"


class Status(StrEnum):
    """How a fact's sources relate: several give one value (agreed), one source gives it
    and none contradicts (complementary), or they give different values (conflicting)."""

    AGREED = "agreed"
    COMPLEMENTARY = "complementary"
    CONFLICTING = "conflicting"


class CopyKind(StrEnum):
    """A stored copy: the same text (exact), an edit by the same outlet (near), or
    another outlet's run of the same wire story (wire)."""

    EXACT = "exact"
    NEAR = "near"
    WIRE = "wire"


@dataclass(frozen=True)
class Problem:
    """An input we could not use (or used only in part), with the reason the user sees."""

    path: str
    reason: str
    partial: bool = False  # the input was still used in part (its beginning, say)


@dataclass(frozen=True)
class Article:
    """One report. ``text`` is the cleaned body; every span in a brief indexes into it."""

    id: str
    path: str
    outlet: str
    kind: Markup
    raw: str
    text: str = ""
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    seen: dt.date | None = None  # when a crawler fetched it (WARC-Date); a fallback for time
    body: Body = Body.FULL
    # Read from a feed entry or a dump record, whose text may be the outlet's short
    # description rather than a page: only such text is kept as a snippet when the
    # cleaner finds no article in it (a page's leftovers are navigation, not news).
    listed: bool = False
    lang: str = ""  # ISO 639-1 code (clean/language.py); "und" if it cannot be told


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article, located by character offsets into ``Article.text``."""

    article: int  # index into the list of articles of the brief
    index: int  # position of the sentence within its article
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name the NER found: ``articles[article].text[start:end] == text``."""

    article: int
    sentence: int  # index into ``Annotated.sentences``
    start: int
    end: int
    text: str
    label: str  # spaCy's: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...


@dataclass(frozen=True)
class Figure:
    """A number of something: ``text`` is the span as written ("at least 129")."""

    article: int
    sentence: int
    start: int
    end: int
    text: str
    value: float  # in ``unit``'s base unit when the unit is known (km → metre)
    unit: str  # "" for plain counts, else a unit or currency name
    approx: Approx
    noun: str  # lemma of what is counted ("people"), "" when nothing follows
    verb: str  # lemma of the nearest action ("kill"), "" when none
    about: str  # the two as written: "people killed"
    spread: float = 0.0  # half the width of a range ("20-30 feet" is 25 ± 5 feet)
    anchor: str = ""  # a name right next to it: "Isinya" in "Isinya, 20 miles from Nairobi"
    scale: float = 1.0  # base units per unit as written (1,609.344 for "6 miles")


@dataclass(frozen=True)
class When:
    """A date expression, resolved against its article's publication date when it can be."""

    article: int
    sentence: int
    start: int
    end: int
    text: str
    date: str | None  # ISO at its precision: "2015-11-17", "2015-11", "2015"; None if unknown
    # Resolved against its story's day, its own article being undated: a guess the brief
    # marks, and that never makes a date conflict.
    inferred: bool = False


@dataclass(frozen=True)
class Quotation:
    """Words in quotation marks, with the speaker named around them when there is one."""

    article: int
    sentence: int
    start: int  # the quoted words, without the marks
    end: int
    text: str
    speaker: Mention | None


@dataclass(frozen=True)
class Annotated:
    """The articles of one story with their sentences, one vector per sentence, and what
    the NLP found in them (empty when the fact layer is off)."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    vectors: csr_matrix  # one L2-normalised row per sentence (annotate/vectors.py)
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    whens: tuple[When, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    # Articles (indices) in a language the fact layer has no model for: their names,
    # figures, dates and quotes were not read, and the brief says so.
    unread: tuple[int, ...] = ()


@dataclass(frozen=True)
class Source:
    """Where a piece of the brief comes from: ``articles[article].text[start:end]``."""

    article: int
    outlet: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """One value of a fact as some sources state it."""

    text: str  # as written in the first source, e.g. "at least 129"
    sources: tuple[Source, ...]
    group: int = 0  # claims with the same group agree; a conflict is between groups;
    # -1: a loose figure ("about $973,000") that fits every value of the conflict


@dataclass(frozen=True)
class Fact:
    """A figure or date across sources, and how its sources relate."""

    kind: FactKind
    about: str  # what the value is of: "people killed", "meet"
    status: Status
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    sources: tuple[Source, ...]
    # conflicting facts one side of which this sentence states: a reader of the summary
    # is told the other side too, with its sources
    disputes: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place under one canonical name, with every alias seen."""

    name: str
    label: str
    aliases: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Event:
    """A dated (or explicitly undated) sentence of the timeline."""

    date: str | None  # None: the sources date it in a way we could not resolve
    text: str  # the sentence as the first source words it
    expressions: tuple[str, ...]  # how each source dates it ("on Tuesday", "November 17")
    sources: tuple[Source, ...]
    inferred: bool = False  # dated only by undated articles, against their story's day


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None  # the canonical entity name
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Coverage:
    """What one outlet reported that no other source did, and what it left out."""

    outlet: str
    articles: tuple[int, ...]
    only: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    summary: tuple[SummarySentence, ...]
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    facts: tuple[Fact, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    # Languages of articles whose names, figures, dates and quotes were not read (no
    # model for them): the tables hold only what the other articles say.
    unread: tuple[str, ...] = ()

    @property
    def snippets_only(self) -> bool:
        """No source is a full article (only feed snippets and headlines): every renderer
        says so, so thin tables are not read as sources agreeing on little."""
        return bool(self.articles) and all(a.body is not Body.FULL for a in self.articles)


@dataclass(frozen=True)
class FirstReport:
    """Who first gave one value of a fact, and when it was stored."""

    about: str  # the fact's: "people killed"
    value: str  # the claim as first written: "at least 129"
    source: Source
    at: dt.datetime


@dataclass(frozen=True)
class Change:
    """A value of a fact first reported after a time: new (``before`` None) or
    replacing the value reported until then."""

    kind: FactKind
    about: str
    before: str | None
    after: str
    first: FirstReport
    behind: tuple[str, ...]  # outlets still giving an older value only


@dataclass(frozen=True)
class History:
    """What a story gained since a time (``synthesize/history.py``)."""

    since: dt.datetime
    new_articles: tuple[int, ...]  # indexes into ``Brief.articles``, in storing order
    new_outlets: tuple[str, ...]  # outlets whose first article came after ``since``
    changes: tuple[Change, ...]
    firsts: tuple[FirstReport, ...]  # every value of every fact, who gave it first


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
    lang: str = ""  # a report in another language than a story's shares little but names


@dataclass(frozen=True)
class Duplicate:
    """A copy kept as a link to the article first stored with that content."""

    original: str  # article id
    kind: CopyKind
    similarity: float


@dataclass(frozen=True)
class Placement:
    """Where an incoming article went: a story, possibly as a copy, possibly merging stories."""

    article: str
    story: int
    duplicate: Duplicate | None = None
    merged: tuple[int, ...] = ()  # stories folded into ``story`` because this article bridged them
    created: bool = False  # ``story`` was started by this article
    thread: int = 0  # the thread of ``story``: related stories share one
