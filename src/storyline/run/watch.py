"""Watch: follow sources and keep the store current, one pass at a time.

A pass asks every due source what it lists (a feed's entries, a sitemap's pages, a home
page's feeds: ``fetch/``), keeps the pages no pass has dealt with, fetches them (hosts in
parallel, each host one request at a time), cleans and fingerprints them, and hands them
to the ingest path (``Ingester``), which commits them every few pages together with the
marks saying they are done. A watch killed at any moment loses only what it fetched
since its last commit, and the next one asks for nothing it stored. Where a page cannot
be had, or holds no article (a video, a paywall, a page its script builds), the feed's
own text for it is stored instead, and says so in its path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from storyline.defaults import WATCH_EVERY
from storyline.errors import Reason, StorylineError, describe, one_line
from storyline.fetch.client import Failure, Fetched, Fetcher, Manners
from storyline.fetch.listing import feeds_on, kind_of, sitemap
from storyline.fetch.urls import canonical, clean, host
from storyline.ingest.decode import decode
from storyline.ingest.feed import Feed, FeedEntry, entry_article, read_feed
from storyline.ingest.html import html_article
from storyline.model import Article, Problem, SourceKind
from storyline.run.arenas import give_back, share_arenas
from storyline.run.bundles import Ready, prepare_articles
from storyline.run.ingest import Ingester
from storyline.store import Done, Source, Store

SITE_EVERY = 24 * 3600.0  # seconds between two looks for feeds on a home page
MIN_BACKOFF = 60.0  # seconds that backing off doubles, however often sources are asked
MAX_BACKOFF = 24 * 3600.0  # the longest a failing source is left alone
MAX_NEW = 200  # pages taken from one source in a pass; the rest wait for the next
NESTED = 3  # sitemaps followed from a sitemap index: its newest
COMMIT_PAGES = 32  # pages committed at once
COMMIT_SECONDS = 5.0  # the longest a fetched page waits for its commit
# Fetched pages waiting for the committing thread, which cleans them: the fetching
# threads outrun it, and a pass that lists thousands of pages (a watch's first, or
# sources back after a pause) queued them all. A replay's memory stepped up by 80 MB
# in one such pass and stayed there.
QUEUED = 4 * COMMIT_PAGES

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Listed:
    """A page a source lists that no pass has dealt with yet."""

    key: str  # fetch/urls.canonical: one article, one key
    link: str  # where to fetch it
    source: str
    title: str | None = None
    published: dt.date | None = None
    feed: Feed | None = None  # the feed listing it, and its entry: the fallback text
    entry: FeedEntry | None = None


@dataclass(frozen=True)
class Looked:
    """What asking a source gave: its new state, what it lists, the sources it names."""

    source: Source
    listed: tuple[Listed, ...] = ()
    more: tuple[str, ...] = ()
    unchanged: bool = False  # answered "nothing new" to a conditional request


@dataclass(frozen=True)
class Took:
    """What the worker that fetched a listed page made of it: the page as an article,
    or, where it cannot be had, its feed's text (``own`` False), or why neither."""

    item: Article | Problem
    own: bool = True  # the page itself, not its feed's text
    final: bool = True  # False: nothing to keep yet, asked for again in a later pass


@dataclass(frozen=True)
class Kept:
    """A page taken, cleaned and fingerprinted (``run/bundles.py``): its article and any
    warning about it, or why there is none."""

    items: tuple[Ready, ...]
    own: bool

    @property
    def article(self) -> Article | None:
        return next((item[0] for item in self.items if not isinstance(item, Problem)), None)


@dataclass
class PassReport:
    """What one pass did, for its progress line."""

    number: int
    sources: int = 0  # asked
    unchanged: int = 0  # answered "nothing new" (conditional GET)
    failed: list[Problem] = field(default_factory=list)  # sources that could not be read
    found: int = 0  # sources found through others (feeds on home pages, sitemaps)
    new: int = 0  # pages listed that no pass had dealt with
    fetched: int = 0  # of those, pages had
    feed_text: int = 0  # of those, stored from their feed's text
    stored: int = 0
    copies: int = 0
    new_stories: int = 0  # the rest of ``stored`` went to stories already there: updates
    problems: list[Problem] = field(default_factory=list)  # pages given up on
    seconds: float = 0.0
    next_due: dt.datetime | None = None


@dataclass
class Watch:
    """What a watch runs with; ``stop`` ends it after the current step, committed."""

    store: Store
    every: float = WATCH_EVERY * 60  # seconds between two asks of one source
    manners: Manners = field(default_factory=Manners)
    workers: int = 8  # hosts fetched at once
    stop: threading.Event = field(default_factory=threading.Event)


def watch(
    ctx: Watch,
    urls: Sequence[str] = (),
    *,
    once: bool = False,
    on_pass: Callable[[PassReport], None] | None = None,
) -> int:
    """Adds ``urls`` to the watched sources, then runs passes until ``ctx.stop`` (or one,
    with ``once``); returns how many passes ran."""
    if urls:
        ctx.store.add_sources(urls)
    if not ctx.store.sources():
        raise StorylineError(
            "no sources to watch: name a file of feed, sitemap or site addresses, "
            "or add them with `storyline sources add URL`"
        )
    share_arenas()  # before the fetching threads start
    fetcher = Fetcher(ctx.manners, stop=ctx.stop)
    ingester = Ingester(ctx.store)
    passes = 0
    try:
        while not ctx.stop.is_set():
            passes += 1
            report = one_pass(ctx, fetcher, ingester, passes)
            give_back()  # what the pass's sweep freed
            if on_pass is not None:
                on_pass(report)
            if once:
                break
            ctx.stop.wait(_until(report.next_due))
    finally:
        fetcher.close()
    return passes


def _until(due: dt.datetime | None) -> float:
    if due is None:
        return 60.0
    return max(1.0, (due - _now()).total_seconds())


def one_pass(ctx: Watch, fetcher: Fetcher, ingester: Ingester, number: int) -> PassReport:
    """Asks the due sources, then fetches and stores the new pages they list."""
    start, now = time.monotonic(), _now()
    report = PassReport(number)
    fetcher.forget()
    due = [s for s in ctx.store.sources() if s.due_at is None or s.due_at <= now]
    ask = partial(look, fetcher, now=now, every=ctx.every)
    looked = [got for _, got in by_host(due, attrgetter("url"), ask, ctx) if got is not None]
    todo, states = _new_pages(ctx.store, looked, report)
    left = _fetch_pages(ctx, fetcher, ingester, todo, report)
    for source in states:
        if source.url in left:  # asked again in full next time, not "nothing new"
            source = dataclasses.replace(source, etag=None, modified=None)
        ctx.store.save_source(source)
    report.seconds = time.monotonic() - start
    dues = [s.due_at for s in ctx.store.sources() if s.due_at is not None]
    report.next_due = min(dues, default=None)
    return report


def by_host(
    items: Sequence[T], link: Callable[[T], str], work: Callable[[T], R], ctx: Watch
) -> Iterator[tuple[T, R | None]]:
    """``work`` over ``items``: hosts in parallel, each host's items in turn (the gate
    keeps them polite anyway; grouping keeps workers from queueing on one host). Yields
    results as they come (``QUEUED`` at most wait), and ``(item, None)`` ticks while
    waiting, so the caller can commit on time. A stop lets hosts finish their item."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(host(link(item)), []).append(item)
    results: queue.Queue[tuple[T, R] | None] = queue.Queue(maxsize=QUEUED)
    abandoned = threading.Event()  # the caller went away: nobody takes results any more
    put = partial(_put, results, abandoned)

    def run(group: list[T]) -> None:
        try:
            for item in group:
                if ctx.stop.is_set() or abandoned.is_set():
                    break
                put((item, work(item)))
        finally:
            put(None)

    with ThreadPoolExecutor(max_workers=ctx.workers, thread_name_prefix="watch") as pool:
        for group in groups.values():
            pool.submit(run, group)
        left = len(groups)
        try:
            while left:
                try:
                    got = results.get(timeout=COMMIT_SECONDS / 5)
                except queue.Empty:
                    yield items[0], None
                    continue
                if got is None:
                    left -= 1
                else:
                    yield got
        finally:
            abandoned.set()  # else a worker waiting on a full queue is never joined


def _put(results: queue.Queue[T], abandoned: threading.Event, got: T) -> None:
    """Waits for room in ``results``, unless nobody will take from it any more."""
    while not abandoned.is_set():
        with contextlib.suppress(queue.Full):
            results.put(got, timeout=COMMIT_SECONDS / 5)
            return


# --- asking a source ---------------------------------------------------------------------


def look(fetcher: Fetcher, source: Source, *, now: dt.datetime, every: float) -> Looked:
    """Never raises: a source that cannot be read is a failed ``Looked``."""
    try:
        result = fetcher.get(source.url, etag=source.etag, modified=source.modified)
        if isinstance(result, Failure):
            return Looked(_failed(source, result.reason, now, every, result.retry_after))
        if result.status == 304:
            return Looked(_fresh(source, result, now, every, source.kind), unchanged=True)
        return _listing(source, result, now, every)
    except Exception as e:  # one broken source never stops the others
        return Looked(_failed(source, describe(Reason.FAILED, one_line(e)), now, every))


def _listing(source: Source, got: Fetched, now: dt.datetime, every: float) -> Looked:
    kind = kind_of(got.body, got.content_type)
    fresh = _fresh(source, got, now, every, kind)
    if kind is SourceKind.FEED:
        feed = read_feed(got.body)
        if isinstance(feed, str):
            return Looked(_failed(source, describe(Reason.NOT_A_FEED, feed), now, every))
        return Looked(fresh, tuple(_entries(feed, got.url, source.url)))
    if kind is SourceKind.SITEMAP:
        pages, nested = sitemap(got.url, got.body)
        listed = (_listed(p.url, got.url, source.url, p.title, p.published) for p in pages)
        newest = sorted(nested, key=lambda p: p.published or dt.date.min, reverse=True)
        more = tuple(p.url for p in newest[:NESTED])
        return Looked(fresh, tuple(x for x in listed if x is not None), more)
    if kind is SourceKind.SITE:
        text = decode(got.body)
        found = feeds_on(got.url, text) if isinstance(text, str) else []
        if found:
            return Looked(fresh, more=tuple(found))
    return Looked(_failed(source, Reason.NOT_A_SOURCE.value, now, every))


def _entries(feed: Feed, base: str, source: str) -> Iterator[Listed]:
    for entry in feed.entries:
        listed = _listed(entry.link or "", base, source, entry.title, entry.published)
        if listed is not None:
            yield dataclasses.replace(listed, feed=feed, entry=entry)


def _listed(
    link: str, base: str, source: str, title: str | None, published: dt.date | None
) -> Listed | None:
    key, address = canonical(link, base), clean(link, base)
    if key is None or address is None:
        return None
    return Listed(key, address, source, title, published)


def _fresh(
    source: Source, got: Fetched, now: dt.datetime, every: float, kind: SourceKind | None
) -> Source:
    wait = SITE_EVERY if kind is SourceKind.SITE else every
    return dataclasses.replace(
        source,
        kind=kind,
        checked_at=now,
        fetched_at=now,
        due_at=now + dt.timedelta(seconds=wait),
        etag=got.etag if got.status != 304 else got.etag or source.etag,
        modified=got.modified if got.status != 304 else got.modified or source.modified,
        failures=0,
        error=None,
    )


def _failed(
    source: Source, reason: str, now: dt.datetime, every: float, asked: float | None = None
) -> Source:
    """Backed off: twice as long after each failure in a row, at most a day, and no
    sooner than the server asked."""
    failures = source.failures + 1
    wait = max(asked or 0.0, min(max(every, MIN_BACKOFF) * 2**failures, MAX_BACKOFF))
    return dataclasses.replace(
        source,
        checked_at=now,
        due_at=now + dt.timedelta(seconds=wait),
        failures=failures,
        error=reason,
    )


def _new_pages(
    store: Store, looked: Sequence[Looked], report: PassReport
) -> tuple[list[Listed], list[Source]]:
    """The pages no pass has dealt with, once each, at most ``MAX_NEW`` a source, and
    each source's new state (saved once its pages are dealt with); adds the sources
    they named."""
    report.sources = len(looked)
    known = store.known_pages([x.key for got in looked for x in got.listed])
    todo: list[Listed] = []
    states: list[Source] = []
    for got in looked:
        fresh: list[Listed] = []
        for listed in got.listed:  # one of each key, its first
            if listed.key not in known:
                known.add(listed.key)
                fresh.append(listed)
        todo.extend(fresh[:MAX_NEW])
        source = dataclasses.replace(got.source, found=got.source.found + len(fresh[:MAX_NEW]))
        if len(fresh) > MAX_NEW:  # the rest next pass
            source = dataclasses.replace(source, etag=None, modified=None)
        states.append(source)
        if got.more:
            report.found += len(store.add_sources(got.more, origin=source.url))
        if source.error is not None:
            report.failed.append(Problem(source.url, source.error))
        report.unchanged += got.unchanged
    report.new = len(todo)
    return todo, states


# --- fetching the pages ------------------------------------------------------------------


def _fetch_pages(
    ctx: Watch, fetcher: Fetcher, ingester: Ingester, todo: Sequence[Listed], report: PassReport
) -> set[str]:
    """Fetched pages are committed every ``COMMIT_PAGES`` or ``COMMIT_SECONDS``, each
    with its mark, so a kill loses at most that much fetching. Returns the sources with
    pages left for a later pass (a stop, a transient failure)."""
    today = _now().date()
    items: list[Ready] = []
    done: list[Done] = []
    last = time.monotonic()
    left = {x.key: x.source for x in todo}
    for listed, took in by_host(todo, attrgetter("link"), partial(take, fetcher, today), ctx):
        if took is not None and took.final:
            left.pop(listed.key, None)
            kept = keep(listed, took, today)
            items.extend(kept.items)
            done.append(_done(listed, kept))
            report.fetched += kept.own
            report.feed_text += kept.article is not None and not kept.own
        if len(done) >= COMMIT_PAGES or (done and time.monotonic() - last > COMMIT_SECONDS):
            _commit(ingester, items, done, report)
            items, done, last = [], [], time.monotonic()
    _commit(ingester, items, done, report)
    return set(left.values())


def _done(listed: Listed, kept: Kept) -> Done:
    if kept.article is not None:
        return Done(listed.key, listed.source, article_id=kept.article.id)
    problem = next(i.reason for i in kept.items if isinstance(i, Problem))
    return Done(listed.key, listed.source, problem=problem)


def _commit(ingester: Ingester, items: list[Ready], done: list[Done], report: PassReport) -> None:
    if not done:
        return
    got = ingester.add_prepared(items, done)
    report.stored += got.stored
    report.copies += got.copies
    report.new_stories += got.new_stories
    report.problems.extend(got.problems)


def take(fetcher: Fetcher, today: dt.date, listed: Listed) -> Took:
    """The page as an article; where it cannot be had, its feed's text (a listed
    article whose path says so); where there is none, why. Never raises."""
    try:
        got = fetcher.get(listed.link)
        text: str | Reason = Reason.STOPPED
        if isinstance(got, Fetched):
            text = decode(got.body)
            if isinstance(text, str):
                return Took(_page(listed, got, text, today))
        reason = got.reason if isinstance(got, Failure) else text
        lasting = isinstance(got, Fetched) or got.lasting
    except Exception as e:  # one broken page never stops the others
        reason, lasting = describe(Reason.FAILED, one_line(e)), True
    if reason == Reason.STOPPED:
        return Took(Problem(listed.link, reason), final=False)
    fallback = _feed_text(listed, reason, today)
    if fallback is None:
        return Took(Problem(listed.link, str(reason)), final=lasting)
    return Took(fallback, own=False, final=not isinstance(fallback, Problem) or lasting)


def keep(listed: Listed, took: Took, today: dt.date) -> Kept:
    """The page cleaned and fingerprinted; one with no article text in it (a video, a
    paywall, a page its script builds) gives way to its feed's text. In the thread that
    commits, not the fetching ones: cleaning is Python work, and there it only queued
    for the interpreter's lock and slowed every fetch (a replay ran at half its pace)."""
    if isinstance(took.item, Problem):
        return Kept((took.item,), took.own)
    items = _prepared(took.item)
    if not took.own or any(not isinstance(i, Problem) for i in items):
        return Kept(items, took.own)
    reason = next(i.reason for i in items if isinstance(i, Problem))
    fallback = _feed_text(listed, reason, today)
    if fallback is None:
        return Kept(items, own=True)
    if isinstance(fallback, Problem):
        return Kept((fallback,), own=False)
    return Kept(_prepared(fallback), own=False)


def _feed_text(listed: Listed, reason: str, today: dt.date) -> Article | Problem | None:
    """The feed's own text for a page, a listed article whose path says why it stands in
    for the page; None where no feed lists the page."""
    if listed.entry is None or listed.feed is None:
        return None
    where = f"{listed.link} (feed text: {reason})"
    try:
        return entry_article(where, listed.entry, listed.feed, url=listed.link, seen=today)
    except Exception as e:  # as in ``take``
        return Problem(where, describe(Reason.FAILED, one_line(e)))


def _prepared(article: Article) -> tuple[Ready, ...]:
    try:
        return prepare_articles([article]).items
    except Exception as e:  # one broken page never stops the others
        return (Problem(article.path, describe(Reason.FAILED, one_line(e))),)


def _page(listed: Listed, got: Fetched, text: str, today: dt.date) -> Article:
    feed = listed.feed
    return html_article(
        listed.link,
        text,
        url=clean(got.url) or listed.link,
        title=listed.title,
        outlet=feed.outlet if feed else None,
        published=listed.published,
        seen=today,
        lang=feed.lang if feed else None,
    )


def read_list(path: Path) -> tuple[list[str], list[Problem]]:
    """A file of sources: one address a line; blank lines and ``#`` comments skipped."""
    urls: list[str] = []
    problems: list[Problem] = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        address = clean(line)
        if address is None:
            problems.append(Problem(f"{path}:{number}", describe(Reason.NOT_HTTP, line[:100])))
        else:
            urls.append(address)
    return urls, problems


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
