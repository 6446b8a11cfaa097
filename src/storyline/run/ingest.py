"""Ingest: files in, stories out, one committed batch at a time.

The order of work: bundles of the input are read, cleaned (in chunks, the line classifier
being called once per chunk) and fingerprinted on the engine (bundles.py);
here, in input order, what the store already holds is skipped, each article is placed
(copy of / joins / starts / merges a story), and every ``batch`` articles are committed.
Grouping state lives in memory and is rebuilt from the store on start, so a killed run
re-run continues where the last commit left it, with the same decisions.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from storyline.defaults import BATCH
from storyline.engine import Engine, Failed
from storyline.engine.local import LocalEngine
from storyline.errors import Reason, StorylineError, describe
from storyline.group.grouper import Grouper
from storyline.group.stories import REVIVE, REVIVE_MEMBERS
from storyline.model import Article, Features, Placement, Problem
from storyline.run.bundles import Bundle, Ready, bundles, prepare_articles, prepare_bundle, spent
from storyline.store import Done, Entry, Store, Stored


@dataclass
class IngestReport:
    """What a run did, so that nothing disappears silently."""

    files: int = 0
    files_done: int = 0
    stored: int = 0  # new articles committed, copies included
    copies: int = 0
    already: int = 0  # held by the store before this run (or given twice)
    new_stories: int = 0
    merged: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time spent per stage
    placed: dict[str, int] = field(default_factory=dict)  # article id -> story, when asked

    def spent(self, stage: str, since: float) -> float:
        return spent(self.seconds, stage, since)


Progress = Callable[[IngestReport], None]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    on_progress: Progress | None = None,
    batch: int = BATCH,
    engine: Engine | None = None,
) -> IngestReport:
    """``engine`` reads, cleans and fingerprints bundles of the input (bundles.py) in
    parallel; this process takes their results in input order, places each article and
    commits, so the stories are the same whichever engine ran."""
    report = IngestReport()
    work = _work(paths, report)
    start = time.perf_counter()
    grouper, seq = _restore(store)
    report.spent("restore", start)
    run = _Run(store, grouper, seq, report, on_progress, batch)
    engine = engine or LocalEngine()
    results = engine.map(prepare_bundle, work, name=attrgetter("name"))
    try:
        for bundle, result in zip(work, results, strict=True):
            if isinstance(result, Failed):
                failed = describe(Reason.FAILED, result.reason)
                report.problems.append(Problem(result.name, failed))
            else:
                for stage, seconds in result.seconds.items():
                    report.seconds[stage] = report.seconds.get(stage, 0.0) + seconds
                run.take(result.items)
            report.files_done += _files(bundle)
            run.tick()
        run.flush()
    except StorylineError as e:
        if not report.stored:
            raise
        raise StorylineError(
            f"{e}; the {report.stored} articles committed before it are kept, re-run to continue"
        ) from e
    return report


def _work(paths: Iterable[str | Path], report: IngestReport) -> list[Bundle]:
    """The input's bundles, its unreadable parts reported and its files counted."""
    work: list[Bundle] = []
    for item in bundles(paths):
        if isinstance(item, Problem):
            report.problems.append(item)
        else:
            work.append(item)
    report.files = sum(_files(b) for b in work)
    return work


def _files(bundle: Bundle) -> int:
    """Files begun in the bundle: a large file cut in parts counts once, at its first."""
    return sum(part.start == 0 for part in bundle.parts)


class Ingester:
    """The same ingest path for articles that arrive one request at a time (the web
    service's POST): the grouping state stays in memory between calls and is rebuilt
    from the store whenever another writer (a running `storyline ingest`) has stored
    something since, so both decide with everything stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.grouper: Grouper | None = None
        self.seq = 0

    def add(self, items: Sequence[Article | Problem]) -> IngestReport:
        return self.add_prepared(prepare_articles(items).items)

    def add_prepared(self, items: Sequence[Ready], done: Sequence[Done] = ()) -> IngestReport:
        """Articles already cleaned and fingerprinted (a watch does it page by page, so
        that a page with no article text can give way to its feed's text); ``done``: the
        watched pages they came from, marked in the same commit as the last of them
        (``run/watch.py``)."""
        with self.lock:
            report = IngestReport()
            if self.grouper is None or self.store.counters()[0] != self.seq:
                self.grouper, self.seq = _restore(self.store)
            run = _Run(self.store, self.grouper, self.seq, report, None, BATCH, placed=True)
            try:
                run.take(items)
                run.flush(done)
            except BaseException:
                self.grouper = None  # decisions not stored: rebuild from the store next time
                raise
            self.seq = run.seq
            return report


def _restore(store: Store) -> tuple[Grouper, int]:
    grouper = Grouper()
    for stored in store.replay():
        if grouper.late(stored.features.when):
            _revive(store, grouper, stored.features.when, stored.seq)
        _put_back(grouper, stored)
    seq, next_story = store.counters()
    grouper.stories.reserve(next_story)
    return grouper, seq


def _revive(store: Store, grouper: Grouper, day: dt.date | None, before: int) -> None:
    """Bring back from the store the stories that left the grouping index but could take
    an article of ``day`` (group/stories.py: a stream's index holds only what is recent)."""
    if day is None:
        return
    present = set(grouper.stories.stories)
    for stored in store.revivable(day, before, present, REVIVE, REVIVE_MEMBERS):
        _put_back(grouper, stored, revived=True)


def _put_back(grouper: Grouper, stored: Stored, *, revived: bool = False) -> None:
    grouper.restore(
        stored.id,
        stored.outlet,
        stored.story,
        stored.features,
        stored.duplicate,
        thread=stored.thread,
        revived=revived,
    )


class _Run:
    def __init__(
        self,
        store: Store,
        grouper: Grouper,
        seq: int,
        report: IngestReport,
        on_progress: Progress | None,
        batch: int,
        placed: bool = False,
    ) -> None:
        self.store, self.grouper, self.seq = store, grouper, seq
        self.report, self.on_progress, self.batch = report, on_progress, batch
        self.placed = placed  # record each article's story in the report
        self.pending: list[tuple[Article, Features, Placement]] = []
        self.merges: list[tuple[int, int]] = []
        self.seen: set[str] = set()

    def take(self, items: Sequence[Ready]) -> None:
        start = time.perf_counter()
        fresh = [x[0].id for x in items if not isinstance(x, Problem) and x[0].id not in self.seen]
        known = self.store.known(fresh)
        start = self.report.spent("store", start)
        for item in items:
            if isinstance(item, Problem):
                self.report.problems.append(item)
                continue
            article, found = item
            if article.id in known or article.id in self.seen:
                self.report.already += 1
                continue
            self.seen.add(article.id)
            if self.grouper.late(found.when):
                _revive(self.store, self.grouper, found.when, self.seq + len(self.pending))
            placement = self.grouper.place(article, found)
            start = self.report.spent("group", start)
            self.report.new_stories += placement.created
            self.merges.extend((absorbed, placement.story) for absorbed in placement.merged)
            self.report.merged += len(placement.merged)
            self.pending.append((article, found, placement))
            if len(self.pending) >= self.batch:
                self.flush()
                start = time.perf_counter()

    def flush(self, done: Sequence[Done] = ()) -> None:
        if not self.pending and not done:
            return
        # Where each article is now (later merges of the batch moved some), read off the
        # placements: the index may already have let an old story go.
        survivor = dict(self.merges)
        threads: dict[int, int] = {}
        entries = []
        for article, found, placement in self.pending:
            story = placement.story
            threads.setdefault(story, placement.thread)
            while story in survivor:
                story = survivor[story]
            thread = threads.get(story, placement.thread)
            entries.append(Entry(article, found, story, self.seq, placement.duplicate, thread))
            self.seq += 1
        start = time.perf_counter()
        self.store.write(entries, self.merges, done)
        self.report.spent("store", start)
        self.report.stored += len(entries)
        if self.placed:
            self.report.placed.update((e.article.id, e.story) for e in entries)
        self.report.copies += sum(1 for e in entries if e.duplicate)
        self.pending, self.merges = [], []
        self.tick()

    def tick(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.report)
