"""The store failing in the middle of a run (store/connection.py): a file locked by
another writer, a read-only file, a full disk, a PostgreSQL server restarted or gone for
good. Each run finishes or stops with one line naming the store and the reason; what it
reported committed is there, nothing is half-written, and a re-run completes the work
exactly once (compared with an uninterrupted run)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import BODY, EXAMPLES, Postgres, assert_whole, new_database, rows, write, write_stream
from storyline.errors import StorylineError
from storyline.run.ingest import IngestReport, ingest
from storyline.store import Store, connection

# Root writes to read-only files through this capability; without it, it is refused as any
# user is (CI runs as root).
AS_A_USER = ["setpriv", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []


def cli(*args: str, max_file_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real command; with ``max_file_bytes``, no file it writes may grow past that,
    as on a full disk (a write past it fails)."""
    limit = ["prlimit", f"--fsize={max_file_bytes}", "--"] if max_file_bytes else []
    return subprocess.run(
        [*limit, *AS_A_USER, sys.executable, "-m", "storyline.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("storyline: error:")]
    assert len(errors) == 1, stderr
    return errors[0]


def _hold_write_lock(db: Path, seconds: float) -> threading.Thread:
    """Another writer: an open write transaction on the SQLite file for ``seconds``."""
    ready = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(db, timeout=30)
        connection.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        connection.rollback()
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    return thread


def test_a_store_locked_by_another_writer_is_waited_for(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    with Store(db):
        pass  # created
    holder = _hold_write_lock(db, 2)
    with Store(db) as store:  # the lock is released within the wait: the run finishes
        report = ingest([EXAMPLES], store)
    holder.join()
    assert report.stored == 9


def test_a_store_locked_past_the_wait_is_reported_and_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "locked.db"
    with Store(db) as store:
        ingest([EXAMPLES], store)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT", 1)
    other = write(tmp_path / "more" / "a.txt", BODY)
    holder = _hold_write_lock(db, 6)
    try:
        with Store(db) as store, pytest.raises(StorylineError, match="database is locked"):
            ingest([other], store)
    finally:
        holder.join()
    with Store(db) as store:  # nothing half-written; a re-run completes
        assert store.count()["articles"] == 9
        assert ingest([other], store).stored == 1
        assert store.count()["articles"] == 10


@pytest.fixture(scope="module")
def stream(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A corpus of 180 articles and what an uninterrupted run stores from it."""
    folder = tmp_path_factory.mktemp("faults")
    corpus = folder / "stream"
    assert write_stream(corpus, 60) == 180
    with Store(folder / "reference.db") as store:
        ingest([corpus], store)
        return corpus, rows(store)


@pytest.mark.slow
def test_a_read_only_store_is_read_but_not_written_and_says_which_file(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with Store(db) as store:
        ingest([EXAMPLES], store)
    more = write(tmp_path / "more" / "a.txt", BODY)
    db.chmod(0o444)
    refused = cli("ingest", str(more), "--db", str(db))
    assert refused.returncode == 2
    line = error_line(refused.stderr)
    assert "attempt to write a readonly database" in line and "not writable:" in line
    listed = cli("stories", "--db", str(db))  # reading needs no write
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3
    shown = cli("story", "1", "--db", str(db))
    assert shown.returncode == 0 and "Halden" in shown.stdout
    # SQLite gave its shared-memory file the database's mode: the user is told, by name
    db.chmod(0o644)
    refused = cli("ingest", str(more), "--db", str(db))
    assert refused.returncode == 2
    assert error_line(refused.stderr).endswith(f"(not writable: {db}-shm)")
    Path(f"{db}-shm").chmod(0o644)
    assert cli("ingest", str(more), "--db", str(db)).returncode == 0
    with Store(db) as store:
        assert store.count()["articles"] == 10
        assert_whole(store)


@pytest.mark.slow
def test_a_full_disk_stops_the_ingest_with_what_was_committed_kept(
    tmp_path: Path, stream: tuple[Path, dict[str, object]]
) -> None:
    corpus, expected = stream
    db = tmp_path / "full.db"
    stopped = cli("ingest", str(corpus), "--db", str(db), "--batch", "10", max_file_bytes=300_000)
    assert stopped.returncode == 2
    line = error_line(stopped.stderr)
    assert "cannot write to the store" in line and "(a full disk or a file size limit?)" in line
    committed = [x for x in stopped.stderr.splitlines() if x.startswith("storyline: committed")]
    reported = int(committed[-1].split()[2])
    assert line.endswith(
        f"the {reported} articles committed before it are kept, re-run to continue"
    )
    with Store(db) as store:
        assert 0 < reported <= store.count()["articles"] < 180
        assert_whole(store)
    assert cli("ingest", str(corpus), "--db", str(db)).returncode == 0
    with Store(db) as store:
        assert rows(store) == expected


class Outages:
    """Stops the server after the given commits of an ingest (the first free commit at or
    after each). With ``back_after``, it is started again that many seconds later, in the
    background, so the ingest meets it gone in the middle of a query; without, it stays
    down and is stopped before the next batch."""

    def __init__(self, server: Postgres, at: list[int], back_after: float | None) -> None:
        self.server, self.at, self.back_after = server, sorted(at), back_after
        self.stored = self.commits = 0
        self.met: list[int] = []  # the commits after which the server went away
        self.threads: list[threading.Thread] = []

    def __call__(self, report: IngestReport) -> None:
        if report.stored == self.stored:
            return  # a progress tick without a commit
        self.stored = report.stored
        self.commits += 1
        if not self.at or self.commits < self.at[0] or any(t.is_alive() for t in self.threads):
            return
        self.at.pop(0)
        self.met.append(self.commits)
        if self.back_after is None:
            self.server.stop()
            return
        thread = threading.Thread(target=self.restart)
        thread.start()
        self.threads.append(thread)

    def restart(self) -> None:
        assert self.back_after is not None
        self.server.stop()
        threading.Event().wait(self.back_after)
        self.server.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join()


def counting_waits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the store found the server gone (and waited)."""
    waits: list[int] = []
    went_away = Store._went_away

    def counted(self: Store, error: Exception) -> bool:
        gone = went_away(self, error)  # type: ignore[arg-type]
        waits.extend([1] if gone else [])
        return gone

    monkeypatch.setattr(Store, "_went_away", counted)
    return waits


@pytest.mark.slow
def test_a_postgres_restart_mid_ingest_is_waited_for(
    postgres: Postgres, stream: tuple[Path, dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, expected = stream
    url = new_database(postgres.url)
    waits = counting_waits(monkeypatch)
    outages = Outages(postgres, at=[2, 6, 10], back_after=1.0)
    try:
        with Store(url) as store:
            report = ingest([corpus], store, on_progress=outages, batch=10)
    finally:
        outages.join()
    assert len(outages.met) == 3 and outages.met[-1] < outages.commits  # each during the run
    assert waits  # and the run met the server gone
    assert report.stored == 180
    with Store(url) as store:
        assert rows(store) == expected
        assert_whole(store)


@pytest.mark.slow
def test_a_server_gone_for_good_stops_the_ingest_and_a_rerun_completes(
    postgres: Postgres, stream: tuple[Path, dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, expected = stream
    url = new_database(postgres.url)
    monkeypatch.setattr(connection, "RECONNECT", 2)
    outages = Outages(postgres, at=[3], back_after=None)
    try:
        with Store(url) as store, pytest.raises(StorylineError) as stopped:
            ingest([corpus], store, on_progress=outages, batch=10)
    finally:
        postgres.start()
    assert "the server did not come back in 2 s" in str(stopped.value)
    assert str(stopped.value).endswith(
        "the 30 articles committed before it are kept, re-run to continue"
    )
    with Store(url) as store:
        assert store.count()["articles"] == 30
        assert_whole(store)
        ingest([corpus], store)
        assert rows(store) == expected
