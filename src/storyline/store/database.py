"""The story store: SQLite by default, PostgreSQL for server deployments, same code.

Every write of the stream goes through ``Store.write`` in one transaction, so a run killed
at any moment leaves the store as it was after the last batch it reported, and the
stream's in-memory state can always be rebuilt from the store by replay. A PostgreSQL
server that goes away (a restart) is waited for, so a long ingest outlives it; every other
database failure ends the command with one line naming the store and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    Engine,
    Row,
    create_engine,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from storyline.errors import StorylineError
from storyline.model import Article, Duplicate, Features
from storyline.store.schema import PG_DOCUMENT, articles, duplicates, memberships, stories

DEFAULT_DB = "storyline.db"
_MIGRATIONS = Path(__file__).with_name("migrations")
_CHUNK = 500  # ids per IN (...) list: well under every database's parameter limit
BUSY_TIMEOUT = 30  # seconds a SQLite write waits for another writer's lock
RECONNECT = 30  # seconds a PostgreSQL server that went away is waited for (a restart)
_PAUSE = 0.5  # seconds between tries to reach it again
_COPY = (duplicates.c.original_id, duplicates.c.kind, duplicates.c.similarity)


def database_url(given: str | Path | None = None) -> str:
    """``--db`` value, else ``STORYLINE_DB``, else ``storyline.db``; a plain path is SQLite."""
    value = str(given or os.environ.get("STORYLINE_DB") or DEFAULT_DB)
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


@dataclass(frozen=True)
class Entry:
    """One article of a batch, as the stream decided it."""

    article: Article
    features: Features
    story: int
    seq: int
    duplicate: Duplicate | None = None


@dataclass(frozen=True)
class Stored:
    """A stored article as replay needs it, in storing order."""

    id: str
    outlet: str
    story: int
    features: Features
    duplicate: Duplicate | None


@dataclass(frozen=True)
class StoryRow:
    id: int
    headline: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: int
    copies: int
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Member:
    id: str
    outlet: str
    title: str | None
    url: str | None
    path: str
    day: dt.date | None
    duplicate: Duplicate | None


P = ParamSpec("P")
T = TypeVar("T")


def _patient(
    what: str,
) -> Callable[[Callable[Concatenate[Store, P], T]], Callable[Concatenate[Store, P], T]]:
    """A store method that outlives a PostgreSQL restart; ``what`` completes the message
    "cannot … the store" of any failure it does not outlive."""

    def wrap(method: Callable[Concatenate[Store, P], T]) -> Callable[Concatenate[Store, P], T]:
        @wraps(method)
        def run(self: Store, *args: P.args, **kwargs: P.kwargs) -> T:
            return self.patiently(what, lambda: method(self, *args, **kwargs))

        return run

    return wrap


class Store:
    def __init__(self, url: str | Path | None = None, create: bool = True) -> None:
        """``create=False`` is for commands that only read: a mistyped file name should be
        an error, not a new empty store."""
        self.url = database_url(url)
        sqlite_file = self.url.split("///", 1)[-1] if self.url.startswith("sqlite") else ""
        self.file = Path(sqlite_file) if sqlite_file not in ("", ":memory:") else None
        if not create and self.file and not self.file.exists():
            raise StorylineError(f"no store at {sqlite_file} (run `storyline ingest` first)")
        try:
            self.engine = _engine(self.url)
            with self.engine.begin() as connection:
                config = Config()
                config.set_main_option("script_location", str(_MIGRATIONS))
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except (SQLAlchemyError, OSError) as e:
            raise self._failed("open", e) from e

    def close(self) -> None:
        self.engine.dispose()

    def patiently(self, what: str, work: Callable[[], T]) -> T:
        """``work()``, tried again while a PostgreSQL server is away, for up to ``RECONNECT``
        seconds. ``work`` must be safe to repeat: a failed transaction has rolled back."""
        deadline: float | None = None
        while True:
            try:
                return work()
            except DBAPIError as e:
                if not self._went_away(e):
                    raise self._failed(what, e) from e
                deadline = deadline or time.monotonic() + RECONNECT
                if time.monotonic() >= deadline:
                    raise self._failed(
                        what, e, f"the server did not come back in {RECONNECT} s"
                    ) from e
                time.sleep(_PAUSE)

    def _failed(self, what: str, error: BaseException, why: str = "") -> StorylineError:
        reason = _reason(error, self.file)
        return StorylineError(
            f"cannot {what} the store {_safe(self.url)}: {f'{why} ({reason})' if why else reason}"
        )

    def _went_away(self, error: DBAPIError) -> bool:
        """A server can restart and come back; a SQLite file cannot, and its lock is
        already waited for (``BUSY_TIMEOUT``)."""
        if self.engine.dialect.name == "sqlite":
            return False
        return error.connection_invalidated or isinstance(error, OperationalError)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- what the stream reads -------------------------------------------------------

    @_patient("read")
    def known(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self.engine.connect() as c:
            for chunk in _chunks(list(ids)):
                found.update(c.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        return found

    @_patient("read")
    def counters(self) -> tuple[int, int]:
        """(next storing sequence number, next free story id)."""
        with self.engine.connect() as c:
            seq = c.scalar(select(func.max(articles.c.seq))) or 0
            story = c.scalar(select(func.max(stories.c.id))) or 0
        return seq + 1, story + 1

    def replay(self) -> Iterator[Stored]:
        """Not tried again (what was yielded cannot be taken back): a failure ends it."""
        try:
            yield from self._replay()
        except DBAPIError as e:
            raise self._failed("read", e) from e

    def _replay(self) -> Iterator[Stored]:
        query = (
            select(
                articles.c.id,
                articles.c.outlet,
                articles.c.terms,
                articles.c.fingerprint,
                articles.c.minhash,
                articles.c.published,
                articles.c.seen,
                memberships.c.story_id,
                *_COPY,
            )
            .join(memberships, memberships.c.article_id == articles.c.id)
            .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
            .order_by(articles.c.seq)
        )
        with self.engine.connect() as c:
            for row in c.execution_options(yield_per=2000).execute(query):
                found = Features(
                    terms=tuple((t, n) for t, n in json.loads(row.terms)),
                    fingerprint=row.fingerprint,
                    minhash=bytes(row.minhash),
                    when=row.published or row.seen,
                )
                yield Stored(row.id, row.outlet, row.story_id, found, _copy(row))

    # --- the one write -------------------------------------------------------------------

    def write(self, entries: Sequence[Entry], merges: Sequence[tuple[int, int]] = ()) -> None:
        """Store a batch and its effect on stories atomically. ``merges`` lists
        (absorbed, survivor) in the order they happened. A server that went away may have
        committed the batch before the connection broke: it is looked for before a second
        try, so it is stored once (found in part, another writer stored some of it, and
        the second try fails on the duplicates rather than drop the rest)."""
        tries = 0

        def once() -> None:
            nonlocal tries
            tries += 1
            if tries > 1:
                ids = [e.article.id for e in entries]
                if self.known(ids) == set(ids):
                    return
            self._write(entries, merges)

        self.patiently("write to", once)

    def _write(self, entries: Sequence[Entry], merges: Sequence[tuple[int, int]]) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        touched = {e.story for e in entries}
        referenced = touched | {s for pair in merges for s in pair}
        with self.engine.begin() as c:
            c.execute(articles.insert(), [_article_row(e, now) for e in entries])
            existing: set[int] = set()
            for chunk in _chunks(sorted(referenced)):
                existing.update(c.scalars(select(stories.c.id).where(stories.c.id.in_(chunk))))
            new = sorted(referenced - existing)
            if new:
                c.execute(stories.insert(), [{"id": s, "updated_at": now} for s in new])
            for absorbed, survivor in merges:
                c.execute(
                    update(memberships)
                    .where(memberships.c.story_id == absorbed)
                    .values(story_id=survivor)
                )
                c.execute(
                    update(stories)
                    .where((stories.c.id == absorbed) | (stories.c.merged_into == absorbed))
                    .values(merged_into=survivor, updated_at=now)
                )
            c.execute(
                memberships.insert(),
                [{"article_id": e.article.id, "story_id": e.story} for e in entries],
            )
            copies = [e for e in entries if e.duplicate]
            if copies:
                c.execute(duplicates.insert(), [_duplicate_row(e) for e in copies])
            _refresh(c, sorted(touched | {s for _, s in merges}), now)

    # --- what users read -------------------------------------------------------------------

    @_patient("read")
    def stories(self, since: dt.date | None = None) -> list[StoryRow]:
        query = select(stories).where(stories.c.merged_into.is_(None))
        if since is not None:
            query = query.where(stories.c.last_seen >= since)
        with self.engine.connect() as c:
            rows = list(c.execute(query.order_by(stories.c.last_seen.desc(), stories.c.id)))
            members = _members_by_story(c, [r.id for r in rows])
        return [_story_row(r, members.get(r.id, [])) for r in rows]

    @_patient("read")
    def resolve(self, story: int) -> int | None:
        """The live story an id refers to now (stories merge), or None if there is none."""
        with self.engine.connect() as c:
            for _ in range(1000):
                row = c.execute(select(stories).where(stories.c.id == story)).first()
                if row is None:
                    return None
                if row.merged_into is None:
                    return story
                story = row.merged_into
        return None

    @_patient("read")
    def story(self, story: int) -> tuple[StoryRow, list[Member]] | None:
        live = self.resolve(story)
        if live is None:
            return None
        with self.engine.connect() as c:
            row = c.execute(select(stories).where(stories.c.id == live)).one()
            members = _members_by_story(c, [live]).get(live, [])
        return _story_row(row, members), members

    @_patient("read")
    def articles_of(self, story: int) -> list[Article]:
        """The originals of a story (copies add nothing), cleaned, in storing order."""
        live = self.resolve(story)
        if live is None:
            return []
        query = (
            select(articles)
            .join(memberships, memberships.c.article_id == articles.c.id)
            .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
            .where(memberships.c.story_id == live, duplicates.c.article_id.is_(None))
            .order_by(articles.c.seq)
        )
        with self.engine.connect() as c:
            return [_article(r) for r in c.execute(query)]

    @_patient("read")
    def page(
        self, limit: int, offset: int = 0, query: str | None = None
    ) -> tuple[list[StoryRow], int]:
        """One page of live stories, most recent first, or of those whose articles match
        ``query`` (best match first), and how many there are in all. The search is the
        database's own: SQLite FTS5, PostgreSQL full text (migrations/versions/0002)."""
        with self.engine.connect() as c:
            if query is None:
                live = stories.c.merged_into.is_(None)
                total = c.scalar(select(func.count()).select_from(stories).where(live)) or 0
                ids = list(
                    c.scalars(
                        select(stories.c.id)
                        .where(live)
                        .order_by(stories.c.last_seen.desc().nulls_last(), stories.c.id)
                        .limit(limit)
                        .offset(offset)
                    )
                )
            else:
                ids, total = _search(c, query, limit, offset)
            return self._rows(c, ids), total

    @_patient("read")
    def outlet_page(self, outlet: str, limit: int, offset: int = 0) -> tuple[list[StoryRow], int]:
        """The stories an outlet reported, its latest first."""
        matched = (
            select(memberships.c.story_id, func.max(articles.c.seq).label("latest"))
            .join(articles, articles.c.id == memberships.c.article_id)
            .where(articles.c.outlet == outlet)
            .group_by(memberships.c.story_id)
            .subquery()
        )
        with self.engine.connect() as c:
            total = c.scalar(select(func.count()).select_from(matched)) or 0
            ids = list(
                c.scalars(
                    select(matched.c.story_id)
                    .order_by(matched.c.latest.desc())
                    .limit(limit)
                    .offset(offset)
                )
            )
            return self._rows(c, ids), total

    @_patient("read")
    def article(self, article: str) -> tuple[Article, int] | None:
        """A stored article (cleaned text) and the live story it belongs to."""
        query = (
            select(articles, memberships.c.story_id)
            .join(memberships, memberships.c.article_id == articles.c.id)
            .where(articles.c.id == article)
        )
        with self.engine.connect() as c:
            row = c.execute(query).first()
        if row is None:
            return None
        return _article(row), row.story_id

    def _rows(self, c: Connection, ids: Sequence[int]) -> list[StoryRow]:
        found = {
            r.id: r
            for chunk in _chunks(ids)
            for r in c.execute(select(stories).where(stories.c.id.in_(chunk)))
        }
        members = _members_by_story(c, ids)
        return [_story_row(found[i], members.get(i, [])) for i in ids if i in found]

    @_patient("read")
    def count(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return {
                "articles": c.scalar(select(func.count()).select_from(articles)) or 0,
                "copies": c.scalar(select(func.count()).select_from(duplicates)) or 0,
                "stories": c.scalar(
                    select(func.count()).select_from(stories).where(stories.c.merged_into.is_(None))
                )
                or 0,
            }


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

        @event.listens_for(engine, "connect")
        def _pragmas(connection: sqlite3.Connection, _record: object) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable across kill -9 in WAL mode
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _article_row(e: Entry, now: dt.datetime) -> dict[str, object]:
    a = e.article
    return {
        "id": a.id,
        "seq": e.seq,
        "path": a.path,
        "outlet": a.outlet,
        "kind": a.kind,
        "url": a.url,
        "title": a.title,
        "published": a.published,
        "seen": a.seen,
        "day": a.published or a.seen,
        "raw_hash": _raw_hash(a.raw),
        "fingerprint": e.features.fingerprint,
        "text": a.text,
        "terms": json.dumps(e.features.terms, ensure_ascii=False),
        "minhash": e.features.minhash,
        "stored_at": now,
    }


def _raw_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _duplicate_row(e: Entry) -> dict[str, object]:
    assert e.duplicate is not None
    return {
        "article_id": e.article.id,
        "original_id": e.duplicate.original,
        "kind": e.duplicate.kind,
        "similarity": e.duplicate.similarity,
    }


def _refresh(c: Connection, ids: Sequence[int], now: dt.datetime) -> None:
    """Headline (the first titled original) and time span of the stories a batch touched."""
    for chunk in _chunks(list(ids)):
        spans = c.execute(
            select(
                memberships.c.story_id,
                func.min(articles.c.day),
                func.max(articles.c.day),
                func.min(articles.c.stored_at),
                func.max(articles.c.stored_at),
            )
            .join(articles, articles.c.id == memberships.c.article_id)
            .where(memberships.c.story_id.in_(chunk))
            .group_by(memberships.c.story_id)
        )
        # dated articles decide the span; a story with none falls back to when it was stored
        span = {
            sid: (first, last) if first else (_day(stored_first), _day(stored_last))
            for sid, first, last, stored_first, stored_last in spans
        }
        titles = c.execute(
            select(memberships.c.story_id, articles.c.title)
            .join(articles, articles.c.id == memberships.c.article_id)
            .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
            .where(
                memberships.c.story_id.in_(chunk),
                articles.c.title.is_not(None),
                duplicates.c.article_id.is_(None),
            )
            .order_by(memberships.c.story_id, articles.c.seq)
        )
        headline: dict[int, str] = {}
        for sid, title in titles:
            headline.setdefault(sid, title)
        for sid in chunk:
            if sid not in span:
                continue
            first, last = span[sid]
            c.execute(
                update(stories)
                .where(stories.c.id == sid)
                .values(
                    headline=headline.get(sid),
                    first_seen=first,
                    last_seen=last,
                    updated_at=now,
                )
            )


def _article(r: Row) -> Article:
    return Article(
        id=r.id,
        path=r.path,
        outlet=r.outlet,
        kind=r.kind,
        raw="",
        text=r.text,
        url=r.url,
        title=r.title,
        published=r.published,
        seen=r.seen,
    )


_WORDS = re.compile(r"\w+")


def _search(c: Connection, query: str, limit: int, offset: int) -> tuple[list[int], int]:
    """Ids of the live stories whose articles match every word of ``query``, best first.
    Stories merge by moving memberships, so every membership names a live story."""
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if c.dialect.name == "sqlite":
        words = _WORDS.findall(query)
        if not words:
            return [], 0
        # Each word quoted: FTS5's own syntax (NEAR, column:, quotes) is not for visitors.
        params["q"] = " ".join('"' + w.replace('"', "") + '"' for w in words)
        found = (  # bm25 is defined on the match alone: materialized before any join
            "WITH hit AS MATERIALIZED (SELECT rowid AS seq, bm25(articles_fts) AS score "
            "FROM articles_fts WHERE articles_fts MATCH :q), "
            "found AS (SELECT m.story_id AS story, min(hit.score) AS score FROM hit "
            "JOIN articles a ON a.seq = hit.seq JOIN memberships m ON m.article_id = a.id "
            "GROUP BY m.story_id)"
        )
        order = "score, story"
    else:
        if not _WORDS.search(query):
            return [], 0
        params["q"] = query
        found = (
            f"WITH found AS (SELECT m.story_id AS story, max(ts_rank({PG_DOCUMENT}, q)) AS score "
            "FROM articles a JOIN memberships m ON m.article_id = a.id, "
            "websearch_to_tsquery('english', :q) q "
            f"WHERE {PG_DOCUMENT} @@ q GROUP BY m.story_id)"
        )
        order = "score DESC, story"
    total = c.scalar(text(f"{found} SELECT count(*) FROM found"), params) or 0
    page = c.scalars(
        text(f"{found} SELECT story FROM found ORDER BY {order} LIMIT :limit OFFSET :offset"),
        params,
    )
    return list(page), total


def _copy(row: Row) -> Duplicate | None:
    """The copy link of a row selected with ``_COPY`` (outer-joined: None for originals)."""
    original = row.original_id
    return Duplicate(original, row.kind, row.similarity) if original else None


def _day(value: dt.datetime | str | None) -> dt.date | None:
    if isinstance(value, str):  # SQLite hands aggregates of DateTime back as text
        value = dt.datetime.fromisoformat(value)
    return value.date() if value else None


def _members_by_story(c: Connection, ids: Sequence[int]) -> dict[int, list[Member]]:
    found: dict[int, list[Member]] = {}
    for chunk in _chunks(list(ids)):
        rows = c.execute(
            select(
                memberships.c.story_id,
                articles.c.id,
                articles.c.outlet,
                articles.c.title,
                articles.c.url,
                articles.c.path,
                articles.c.day,
                *_COPY,
            )
            .join(articles, articles.c.id == memberships.c.article_id)
            .outerjoin(duplicates, duplicates.c.article_id == articles.c.id)
            .where(memberships.c.story_id.in_(chunk))
            .order_by(memberships.c.story_id, articles.c.seq)
        )
        for r in rows:
            found.setdefault(r.story_id, []).append(
                Member(r.id, r.outlet, r.title, r.url, r.path, r.day, _copy(r))
            )
    return found


def _story_row(row: Row, members: Sequence[Member]) -> StoryRow:
    outlets = tuple(dict.fromkeys(m.outlet for m in members))
    copies = sum(1 for m in members if m.duplicate)
    return StoryRow(
        row.id,
        row.headline,
        row.first_seen,
        row.last_seen,
        len(members),
        copies,
        outlets,
    )


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url


def _reason(error: BaseException, file: Path | None = None) -> str:
    """The database's own words, and for SQLite's two vaguest ones what to look at: its
    read-only error names no file, and a failed write (a full disk, a file size limit)
    reads as "disk I/O error"."""
    original = getattr(error, "orig", None) or error
    reason = " ".join(str(original).split())[:200]
    code = getattr(original, "sqlite_errorname", "")
    if code.startswith("SQLITE_READONLY") and file is not None:
        siblings = [file, Path(f"{file}-wal"), Path(f"{file}-shm")]
        stuck = [p for p in siblings if p.exists() and not _writable(p)]
        if not _writable(file.parent):
            stuck.append(file.parent)
        if stuck:
            reason += f" (not writable: {', '.join(map(str, stuck))})"
    elif code in ("SQLITE_FULL", "SQLITE_IOERR_WRITE"):
        reason += " (a full disk or a file size limit?)"
    return reason


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
