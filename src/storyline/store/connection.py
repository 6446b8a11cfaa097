"""How the store reaches its database, and what it says when it cannot.

SQLite by default, PostgreSQL for server deployments, same code: this module turns a
``--db`` value into an engine on a schema brought up to date. A PostgreSQL server that goes
away (a restart) is waited for, so a long ingest outlives it; every other database failure
ends the command with one line naming the store and the reason.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Self, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from storyline.errors import StorylineError

DEFAULT_DB = "storyline.db"
BUSY_TIMEOUT = 30  # seconds a SQLite write waits for another writer's lock
RECONNECT = 30  # seconds a PostgreSQL server that went away is waited for (a restart)
_PAUSE = 0.5  # seconds between tries to reach it again
_MIGRATIONS = Path(__file__).with_name("migrations")

P = ParamSpec("P")
T = TypeVar("T")


def database_url(given: str | Path | None = None) -> str:
    """``--db`` value, else ``STORYLINE_DB``, else ``storyline.db``; a plain path is SQLite."""
    value = str(given or os.environ.get("STORYLINE_DB") or DEFAULT_DB)
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


class Database:
    """An open store's connection side: its URL, its SQLite file if it has one, and the
    engine; and the patience and the one-line messages every query runs with."""

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
                _migrate(connection)
        except (SQLAlchemyError, OSError) as e:
            raise self._failed("open", e) from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def patiently(self, what: str, work: Callable[[], T]) -> T:
        """``work()``, tried again while a PostgreSQL server is away, for up to ``RECONNECT``
        seconds; ``what`` completes the message "cannot … the store" of any failure it does
        not outlive. ``work`` must be safe to repeat: a failed transaction has rolled back."""
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

    def _read(
        self, query: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``query(connection, ...)`` on a connection of its own, ``patiently``."""

        def once() -> T:
            with self.engine.connect() as c:
                return query(c, *args, **kwargs)

        return self.patiently("read", once)

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


def _migrate(connection: Connection) -> None:
    """The schema brought to the newest migration (``migrations/versions``)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


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
