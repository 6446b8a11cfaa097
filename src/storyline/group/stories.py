"""Online story grouping: each new article joins the most similar live story or starts one.

A story is the sum of its articles' TF-IDF vectors (its heaviest terms: ``STORY_TERMS``)
plus the dates it spans. An article joins the best story whose cosine similarity reaches
``threshold``, whose time window (first day - ``window`` to last day + ``window``) holds
the article's date, and whose members it resembles on average (``cohesion``); nothing is
re-clustered. The average is what keeps a story at the grain of one event: the cosine to
a summed vector is relative to how loose the story already is (for n members of mean
pairwise similarity s it is about the mean similarity over the square root of s), so a
story that has begun to chain topics attracts ever more of them, and "Kenya seeks railway
money from China" ends up holding a week of US–China news.

When an article reaches two stories that are themselves similar,
it is the bridge that shows they are one event, and they are merged into the older one,
on the same evidence a join needs. An article in a language none of a story's members is
in shares little with them but names (features.py puts Chinese ones in English words):
its names are always looked up, and when it reaches a story on them it is checked
against the members on them too.

Stories related but not one event (a war's strands, a party conference's speeches) share
a thread: a new story takes the thread of the best story it reached at the looser
``related`` level, else starts its own. The thread is set once, so a thread id never
changes under a story already shown.

IDF comes from the stream itself (document frequencies of what came before, in a table
of fixed size: frequencies.py), and every decision depends only on the articles placed
before it, in order, so replaying the stored articles in their stored order rebuilds
exactly the state a run ended with.

A stream runs for months, so the index keeps only what a new article can still reach:
every ``SWEEP`` placements, the stories whose last day is more than two windows behind
the stream's day (the median date of the recent articles, so that articles dated ahead
do not empty the index) leave it, unless touched in the last ``GRACE`` placements; those
the day cannot judge (undated, or dated ahead of it) leave when long untouched. A story
that goes on for months stays, but its members placed long ago (``KEEP_MEMBERS``) leave
its list of members, and their copy fingerprints go with them. An article dated so far
back that a story that left could take it is ``late``: the caller brings those stories
back from the store first (``revive``), once per day between two sweeps, each with its
latest members, up to a budget of stories per sweep. Sweeps fall on placement counts
and dates, not on the clock, so replay sweeps alike.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from itertools import islice

from storyline.group.frequencies import Frequencies
from storyline.model import Duplicate, Features, Placement

THRESHOLD = 0.25
MERGE = 0.4
COHESION = 0.12  # mean cosine to a story's members; see the module's docstring
RELATED = 0.15  # a new story's thread: the stories it reached at this level
# Cosine over names alone: reports in other languages share little else. Across
# languages it is lower: on the hand-labelled Polish reports of a real day (Polish names
# put as English writes them, name_forms.py), 0.4 put 19 with the English reports of
# their event and 8 wrongly, 0.5 12 and 9 (benchmarks/README.md).
NAMES = 0.5
NAMES_ACROSS = 0.4
MIN_SHARED_NAMES = 2
UNTOLD = frozenset({"", "und"})  # no language known: compared as in the story's own
WINDOW = dt.timedelta(days=7)
TOP_TERMS = 64
PROBE_TERMS = 20
# And its names, whatever their weight: a report in another language reaches a story by
# its names alone, and its own words, new to the stream, outweigh them.
PROBE_NAMES = 8
MAX_CANDIDATES = 64
# Stories read per probe term, the most recently extended first. A term most stories
# share ("said", "Monday") says little about which one an article belongs to, and
# reading all of its stories made every article cost more than the one before: a
# stream of 100,000 short notes slowed to a crawl.
MAX_POSTINGS = 256
SWEEP = 1_000  # placements between two sweeps of stories that can no longer be reached
GRACE = 10_000  # placements a story stays after its last article, whatever its dates
# Placements a story the stream's day cannot judge stays: undated, or dated more than a
# window ahead of the day (a misdated page, a crawler's date on a page replayed later).
# Judged by its dates, such a story would never leave.
KEEP_UNJUDGED = 50_000
REVIVE = 500  # stories brought back for one late article: the best ranked of its days
# A revived story comes back with its latest members only, and a sweep's revivals stop
# at a budget of stories. A burst of late articles (a site's archive re-published, a
# feed that lists two months back) reaches a new day with nearly every article, and each
# brought back its days' stories with all their members: six months' replay stepped up
# by two thirds of its memory in 3,500 articles. Past the budget, a late article is
# placed among the stories already in the index until the next sweep.
REVIVE_MEMBERS = 32
REVIVE_BUDGET = 1_500
# Placements an article stays findable by id (for its copies) in its story. A story that
# goes on for months (a war, a daily feature) stays in the index, and without this it
# kept every member it ever had: memory grew with the story, not with the stream's pace.
# Its vector keeps them all; a copy of an article older than this is placed as an
# original, by its likeness to the stories.
KEEP_MEMBERS = 30_000
# The stream's day: the median date of the last SWEEP placements. Not their latest:
# articles dated ahead (a scheduled event, a crawler's own date on an undated page
# replayed long after) would carry the day off, and every article after them would be
# "late" and bring stories back for nothing.
DAY_QUANTILE = 0.5
# A story's vector keeps its heaviest terms: those its members share. Each member brings
# words no other member has, and a story that went on for weeks held thousands of them
# (8,000 after 240,000 articles of the replay), so the index grew faster than the stream.
# Trimmed back to STORY_TERMS each time it passes half as many again (so that trimming
# costs little per member), the index's terms stay flat over the replay's first 240,000
# articles (784,000 at 60,000, 810,000 at 240,000; untrimmed 900,000 and 1.23 million),
# and the gold figures hold or gain (benchmarks/README.md).
STORY_TERMS = 300


def _heaviest(term: tuple[str, float]) -> tuple[float, str]:
    return term[1], term[0]


@dataclass
class _Story:
    id: int
    weights: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    names2: float = 0.0  # the part of ``norm2`` that ``@name`` terms make up
    thread: int = 0
    members: list[str] = field(default_factory=list)  # those placed lately (KEEP_MEMBERS)
    count: int = 0  # members whose vectors are in ``weights`` (copies add none)
    first: dt.date | None = None
    last: dt.date | None = None
    touched: int = 0  # the placement that last changed it
    langs: frozenset[str] = frozenset()  # its members' languages

    def take(self, vector: dict[str, float], features: Features) -> None:
        """A member's words, date and language (its id is the index's to record)."""
        self.add(vector)
        self.count += 1
        self.extend(features.when)
        if features.lang not in self.langs:
            self.langs |= {features.lang}

    def foreign(self, lang: str) -> bool:
        """Whether an article in ``lang`` is in a language none of the members is in."""
        return lang not in self.langs and lang not in UNTOLD and not self.langs <= UNTOLD

    def add(self, vector: dict[str, float]) -> None:
        for term, weight in vector.items():
            old = self.weights.get(term, 0.0)
            self.weights[term] = old + weight
            change = (old + weight) ** 2 - old**2
            self.norm2 += change
            if term[0] == "@":
                self.names2 += change

    def extend(self, when: dt.date | None) -> None:
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)

    def admits(self, when: dt.date | None, window: dt.timedelta) -> bool:
        if when is None or self.first is None or self.last is None:
            return True
        return self.first - window <= when <= self.last + window


class StoryIndex:
    def __init__(
        self,
        threshold: float = THRESHOLD,
        merge: float = MERGE,
        window: dt.timedelta = WINDOW,
        cohesion: float = COHESION,
        related: float = RELATED,
    ) -> None:
        self.threshold = threshold
        self.merge = merge
        self.window = window
        self.cohesion = cohesion
        self.related = related
        self.df = Frequencies()
        self.documents = 0
        self.stories: dict[int, _Story] = {}
        self.story_of: dict[str, int] = {}
        self._joined: deque[tuple[int, str]] = deque()  # (placement, member), oldest first
        # Per term, its stories in the order they last gained it (a dict keeps order).
        self._postings: defaultdict[str, dict[int, None]] = defaultdict(dict)
        self._next_id = 1
        self.placed = 0  # placements and restores, copies included: what sweeps count
        self.day: dt.date | None = None  # the stream's day, as of the last sweep
        self._recent: list[dt.date] = []  # dates of the placements since the last sweep
        self.revived: set[dt.date] = set()  # days whose stories came back since then
        self.brought = 0  # stories brought back since then

    def place(
        self, article: str, features: Features, *, duplicate: Duplicate | None = None
    ) -> Placement:
        """Decide and record where ``article`` belongs. A copy goes where its original is."""
        if duplicate is not None:
            story = self.story_of[duplicate.original]
            self._join(story, article)
            self.stories[story].touched = self.placed
            return Placement(article, story, duplicate, thread=self.stories[story].thread)
        vector = self.vector(features)
        scored = self._scored(vector, features.when, features.lang)
        reached = [s for score, s, alike in scored if score >= self.threshold and alike]
        created = not reached
        if reached:
            target = reached[0]
        else:
            near = [s for score, s, _ in scored if score >= self.related]
            target = self._new_story(self.stories[near[0]].thread if near else None)
        self._add(target, article, vector, features)
        # With the article in it, is the story now one with another it also reached?
        bridged = [sid for sid in reached[1:] if self._joins(target, sid)]
        merged: tuple[int, ...] = ()
        if bridged:
            survivor = min([target, *bridged])
            merged = tuple(sorted(sid for sid in [target, *bridged] if sid != survivor))
            for sid in merged:
                self._merge(survivor, sid)
            target = survivor
        return Placement(article, target, None, merged, created, self.stories[target].thread)

    def reserve(self, next_id: int) -> None:
        """Never hand out an id below ``next_id`` (ids of merged-away stories stay taken)."""
        self._next_id = max(self._next_id, next_id)

    def restore(
        self, article: str, story: int, features: Features | None, *, thread: int | None = None
    ) -> None:
        """Replay a stored placement (``features`` is None for a copy; ``thread`` is the
        story's, None in a store older than threads)."""
        self.reserve(story + 1)
        if story not in self.stories:
            self.stories[story] = _Story(story, thread=thread or story)
        if features is None:
            self._join(story, article)
            self.stories[story].touched = self.placed
            return
        self._add(story, article, self.vector(features), features)

    def revive(
        self, article: str, story: int, features: Features | None, *, thread: int | None = None
    ) -> None:
        """Bring back a stored member of a story that left the index (``features`` None
        for a copy). Unlike ``restore``, the stream's counts are not changed: the
        article was counted when it was first placed."""
        if story not in self.stories:
            self.stories[story] = _Story(story, thread=thread or story)
            self.brought += 1
        target = self.stories[story]
        self._join(story, article)
        if features is not None:
            vector = self.vector(features)
            target.take(vector, features)
            self._post(story, vector)
            self._trim(story)

    def late(self, when: dt.date | None) -> bool:
        """Whether a story that left the index could take an article of this date, and
        its stories have not been brought back since the last sweep (they stay until the
        next one: asking the store again would find nothing new), within the sweep's
        budget (``REVIVE_BUDGET``)."""
        if when is None or self.day is None or when >= self.day - self.window:
            return False
        if when in self.revived or self.brought >= REVIVE_BUDGET:
            return False
        self.revived.add(when)
        return True

    def tick(self, when: dt.date | None) -> list[str]:
        """Count one placement; on a sweep, the articles that leave the index (members of
        the stories that leave, and members placed long ago): the caller's to forget
        elsewhere."""
        self.placed += 1
        if when is not None:
            self._recent.append(when)
        if self.placed % SWEEP:
            return []
        if self._recent:
            self._recent.sort()
            self.day = self._recent[int(DAY_QUANTILE * (len(self._recent) - 1))]
            self._recent = []
        self.revived = set()
        self.brought = 0
        gone = [sid for sid, story in self.stories.items() if self._gone(story)]
        left = [article for sid in gone for article in self._evict(sid).members]
        return left + self._forget_old_members()

    def _gone(self, story: _Story) -> bool:
        if self.placed - story.touched < GRACE:
            return False
        ahead = (
            self.day is not None and story.last is not None and story.last > self.day + self.window
        )
        if story.last is None or ahead:
            return self.placed - story.touched >= KEEP_UNJUDGED
        return self.day is not None and story.last < self.day - 2 * self.window

    def _evict(self, sid: int) -> _Story:
        story = self.stories.pop(sid)
        for term in story.weights:
            postings = self._postings.get(term)
            if postings is not None:
                postings.pop(sid, None)
                if not postings:
                    del self._postings[term]
        for article in story.members:
            if self.story_of.get(article) == sid:
                del self.story_of[article]
        return story

    def vector(self, features: Features) -> dict[str, float]:
        """Sublinear TF times the IDF of the stream so far, L2-normalised, top terms only."""
        n = self.documents
        weights = {
            term: (1.0 + math.log(count)) * (math.log((1 + n) / (1 + self.df[term])) + 1.0)
            for term, count in features.terms
        }
        if len(weights) > TOP_TERMS:
            weights = dict(
                heapq.nlargest(TOP_TERMS, weights.items(), key=lambda kv: (kv[1], kv[0]))
            )
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    def _scored(
        self, vector: dict[str, float], when: dt.date | None, lang: str = ""
    ) -> list[tuple[float, int, bool]]:
        """(score, story, whether the article passes its cohesion check), best first."""
        probes = dict(heapq.nlargest(PROBE_TERMS, vector.items(), key=_heaviest))
        names = [(t, w) for t, w in vector.items() if t[0] == "@"]
        probes.update(heapq.nlargest(PROBE_NAMES, names, key=_heaviest))
        hits: defaultdict[int, float] = defaultdict(float)
        for term, weight in probes.items():
            for sid in islice(reversed(self._postings.get(term, {})), MAX_POSTINGS):
                hits[sid] += weight
        candidates = heapq.nsmallest(MAX_CANDIDATES, hits, key=lambda sid: (-hits[sid], sid))
        scored = []
        names2 = sum(w * w for t, w in vector.items() if t[0] == "@")
        for sid in candidates:
            story = self.stories[sid]
            if not story.admits(when, self.window):
                continue
            score, dot, named = self._score(vector, names2, story, lang)
            scored.append((score, sid, named or self._cohesive(dot, story)))
        scored.sort(key=lambda found: (-found[0], found[1]))
        return scored

    def _score(
        self, vector: dict[str, float], names2: float, story: _Story, lang: str = ""
    ) -> tuple[float, float, bool]:
        """Cosine to the story, or, if higher, cosine over the names both mention (when
        they share at least two): the same people and places in the same days are the
        same event even when one report is in Malay and the other in English. And the
        dot product with the story's sum, which the cohesion check reads, and whether the
        article reached the story across languages by names, which stand in for that
        check (the words of two languages are not alike on average). ``names2``: the
        article's squared weight of names. Only the terms both have are read (the set
        operation walks the smaller side), and ``fsum`` makes the sum the same in any
        order: this is the innermost loop of ingest."""
        weights = story.weights
        shared = vector.keys() & weights.keys()
        dot = math.fsum(vector[term] * weights[term] for term in shared)
        score = dot / math.sqrt(story.norm2)
        named = [term for term in shared if term[0] == "@"]
        if len(named) >= MIN_SHARED_NAMES:
            names = math.fsum(vector[term] * weights[term] for term in named)
            foreign = story.foreign(lang)
            level = NAMES_ACROSS if foreign else NAMES
            by_names = names / math.sqrt(names2 * story.names2)
            if by_names >= level and by_names * self.threshold / level > score:
                return by_names * self.threshold / level, dot, foreign
        return score, dot, False

    def _cohesive(self, dot: float, story: _Story) -> bool:
        """The cohesion check: the article is, on average, like the story's members (the
        mean cosine to them is the dot product with their sum over their number)."""
        return story.count < 2 or dot / story.count >= self.cohesion

    def _joins(self, a: int, b: int) -> bool:
        """Two stories are one when their sums are similar and their members are, on
        average, as alike as a join asks."""
        first, second = sorted((self.stories[a], self.stories[b]), key=lambda s: len(s.weights))
        dot = sum(w * second.weights.get(t, 0.0) for t, w in first.weights.items())
        similar = dot / math.sqrt(first.norm2 * second.norm2) >= self.merge
        return similar and dot / max(1, first.count * second.count) >= self.cohesion

    def _new_story(self, thread: int | None) -> int:
        sid = self._next_id
        self._next_id += 1
        self.stories[sid] = _Story(sid, thread=thread or sid)
        return sid

    def _add(self, sid: int, article: str, vector: dict[str, float], features: Features) -> None:
        story = self.stories[sid]
        story.take(vector, features)
        self._join(sid, article)
        story.touched = self.placed
        self._post(sid, vector)
        self._trim(sid)
        self.df.update(term for term, _ in features.terms)
        self.documents += 1

    def _join(self, sid: int, article: str) -> None:
        self.stories[sid].members.append(article)
        self.story_of[article] = sid
        self._joined.append((self.placed, article))

    def _forget_old_members(self) -> list[str]:
        """Members placed more than ``KEEP_MEMBERS`` ago leave their story's list (an
        article that left with its story, or was brought back since, has nothing or a
        newer entry to lose: it goes a little early, as old as it is)."""
        aged: defaultdict[int, set[str]] = defaultdict(set)
        while self._joined and self._joined[0][0] < self.placed - KEEP_MEMBERS:
            _, article = self._joined.popleft()
            sid = self.story_of.pop(article, None)
            if sid is not None:
                aged[sid].add(article)
        for sid, articles in aged.items():
            story = self.stories[sid]
            story.members = [m for m in story.members if m not in articles]
        return [article for articles in aged.values() for article in articles]

    def _trim(self, sid: int) -> None:
        story = self.stories[sid]
        if len(story.weights) <= STORY_TERMS * 3 // 2:
            return
        kept = heapq.nlargest(STORY_TERMS, story.weights.items(), key=_heaviest)
        dropped = story.weights.keys() - dict(kept).keys()
        for term in sorted(dropped):
            weight = story.weights.pop(term)
            story.norm2 -= weight * weight
            if term[0] == "@":
                story.names2 -= weight * weight
            postings = self._postings.get(term)
            if postings is not None:
                postings.pop(sid, None)
                if not postings:
                    del self._postings[term]

    def _post(self, sid: int, vector: dict[str, float]) -> None:
        for term in vector:
            postings = self._postings[term]
            postings.pop(sid, None)
            postings[sid] = None

    def _merge(self, into: int, other: int) -> None:
        absorbed = self.stories.pop(other)
        story = self.stories[into]
        story.add(absorbed.weights)
        story.touched = self.placed
        story.count += absorbed.count
        story.extend(absorbed.first)
        story.extend(absorbed.last)
        story.langs |= absorbed.langs
        for term in absorbed.weights:
            postings = self._postings[term]
            postings.pop(other, None)
            postings.pop(into, None)
            postings[into] = None
        for article in absorbed.members:
            self.story_of[article] = into
        story.members.extend(absorbed.members)
        self._trim(into)
