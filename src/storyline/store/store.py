"""The story store: SQLite by default, PostgreSQL for server deployments, same code.

``Store`` is the one class the rest of the code talks to the store through. It holds the
connection (``connection.py``) and runs the write (``write.py``) and the reads (``read.py``)
on it, each tried again while a PostgreSQL server is away; the SQL lives in those modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from storyline.model import Article
from storyline.store import read, sources, write
from storyline.store.connection import Database
from storyline.store.rows import Done, Entry, Filter, Member, Source, Stored, StoryRow

T = TypeVar("T")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store(Database):
    """Open with ``Store(url=None, create=True)`` (``database_url`` says which database),
    use as a context manager or ``close()``. Every failure is one ``StorylineError`` line."""

    # --- what the stream reads -------------------------------------------------------

    def known(self, ids: Sequence[str]) -> set[str]:
        return self._read(read.known, ids)

    def counters(self) -> tuple[int, int]:
        """(next storing sequence number, next free story id)."""
        return self._read(read.counters)

    def replay(self) -> Iterator[Stored]:
        """Every stored article in storing order. Not tried again (what was yielded cannot
        be taken back): a failure ends it."""
        try:
            with self.engine.connect() as c:
                yield from read.replay(c)
        except DBAPIError as e:
            raise self._failed("read", e) from e

    def revivable(
        self, day: dt.date, before: int, present: Collection[int], limit: int, members: int
    ) -> list[Stored]:
        """What brings back the stories a late article could join (``read.revivable``)."""
        return self._read(read.revivable, day, before, present, limit, members)

    # --- the one write -------------------------------------------------------------------

    def write(
        self,
        entries: Sequence[Entry],
        merges: Sequence[tuple[int, int]] = (),
        done: Sequence[Done] = (),
    ) -> None:
        """Store a batch and its effect on stories atomically. ``merges`` lists
        (absorbed, survivor) in the order they happened; ``done`` marks the watched
        pages the batch deals with, in the same transaction. A server that went away may have
        committed the batch before the connection broke: it is looked for before a second
        try, so it is stored once (found in part, another writer stored some of it, and
        the second try fails on the duplicates rather than drop the rest)."""
        tries = 0

        def once() -> None:
            nonlocal tries
            tries += 1
            if tries > 1:
                ids, urls = [e.article.id for e in entries], [d.url for d in done]
                if self.known(ids) == set(ids) and self.known_pages(urls) == set(urls):
                    return
            self._write(entries, merges, done)

        self.patiently("write to", once)

    def _write(
        self, entries: Sequence[Entry], merges: Sequence[tuple[int, int]], done: Sequence[Done]
    ) -> None:
        with self.engine.begin() as c:
            write.batch(c, entries, merges, done)

    # --- a watch's sources and pages ----------------------------------------------------

    def sources(self) -> list[Source]:
        """The watched sources, in the order they were added."""
        return self._read(sources.listed)

    def add_sources(self, urls: Sequence[str], origin: str | None = None) -> list[str]:
        """Watch ``urls`` (``origin``: the site they were found on); returns the new ones."""
        now = _now()
        return self.patiently("write to", lambda: self._in(sources.add, urls, origin, now))

    def remove_sources(self, urls: Sequence[str]) -> list[str]:
        """Stop watching ``urls`` and the feeds found on them; returns those that were."""
        return self.patiently("write to", lambda: self._in(sources.remove, urls))

    def save_source(self, source: Source) -> None:
        self.patiently("write to", lambda: self._in(sources.save, source))

    def known_pages(self, urls: Sequence[str]) -> set[str]:
        """The pages among ``urls`` (canonical) a watch has already dealt with."""
        return self._read(sources.known, urls)

    def _in(self, work: Callable[..., T], *args: object) -> T:
        """``work(connection, *args)`` in one transaction."""
        with self.engine.begin() as c:
            return work(c, *args)

    # --- what users read -------------------------------------------------------------------

    def stories(self, since: dt.date | None = None, chosen: Filter | None = None) -> list[StoryRow]:
        """The live stories (last seen on or after ``since``), by rank (``group/rank.py``);
        or those ``chosen`` picks, in its order."""
        return self._read(read.live_stories, chosen or Filter(since=since))

    def resolve(self, story: int) -> int | None:
        """The live story an id refers to now (stories merge), or None if there is none."""
        return self._read(read.resolve, story)

    def story(self, story: int) -> tuple[StoryRow, list[Member]] | None:
        """The live story an id refers to, and its members in storing order."""
        return self._read(read.story, story)

    def articles_of(self, story: int) -> list[Article]:
        """The originals of a story (copies add nothing), cleaned, in storing order."""
        return self._read(read.articles_of, story)

    def page(
        self,
        limit: int,
        *,
        offset: int = 0,
        query: str | None = None,
        chosen: Filter | None = None,
    ) -> tuple[list[StoryRow], int]:
        """One page of live stories by rank (or as ``chosen`` picks them), or of those
        whose articles match ``query`` (best match first), and how many there are in all."""
        return self._read(read.page, limit, offset, query, chosen or Filter())

    def outlet_page(
        self, outlet: str, limit: int, *, offset: int = 0
    ) -> tuple[list[StoryRow], int]:
        """The stories an outlet reported, its latest first, and how many there are."""
        return self._read(read.outlet_page, outlet, limit, offset)

    def thread(self, thread: int) -> list[StoryRow]:
        """The live stories of a thread, by rank."""
        return self._read(read.thread, thread)

    def article(self, article: str) -> tuple[Article, int] | None:
        """A stored article (cleaned text) and the live story it belongs to."""
        return self._read(read.article, article)

    def count(self) -> dict[str, int]:
        """How many articles, copies and live stories the store holds."""
        return self._read(read.count)
