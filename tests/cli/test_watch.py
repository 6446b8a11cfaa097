"""`storyline watch` and `storyline sources` as a user runs them, against local sites
(tests/sites.py): a pass's progress line, the sources kept in the store, one-line
errors, and a watch stopped by SIGTERM or killed with `kill -9` mid-pass that loses
nothing committed and, run again, fetches nothing twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import assert_whole
from sites import Site, news_site
from storyline.cli import app
from storyline.fetch.urls import canonical
from storyline.store import Store

runner = CliRunner()
Web = Callable[[], Site]


def sources_file(tmp_path: Path, *urls: str) -> Path:
    listed = tmp_path / "sources.txt"
    listed.write_text("# watched\n" + "\n".join(urls) + "\n")
    return listed


def test_watch_once_stores_the_new_pages_and_says_so(web: Web, tmp_path: Path) -> None:
    site = web()
    news_site(site, 3)
    db = str(tmp_path / "w.db")
    listed = sources_file(tmp_path, site.url("/feed.xml"), "not a url")
    result = runner.invoke(app, ["watch", str(listed), "--once", "--db", db, "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert f"skipped {listed}:3: not an http(s) address" in result.stderr
    assert "pass 1: 1 sources asked" in result.stderr
    assert "3 new pages, 3 fetched" in result.stderr
    stories = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert len(stories.stdout.splitlines()) == 3


def test_sources_are_added_listed_and_removed(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    feeds = ["https://example.com/feed.xml", "https://example.org/"]
    added = runner.invoke(app, ["sources", "add", *feeds, "mailto:x@example.com", "--db", db])
    assert added.exit_code == 0
    assert "skipped mailto:x@example.com: not an http(s) address" in added.stderr
    assert "2 added, 0 already watched" in added.stderr
    again = runner.invoke(app, ["sources", "add", feeds[0], "--db", db])
    assert "0 added, 1 already watched" in again.stderr
    listing = runner.invoke(app, ["sources", "list", "--db", db, "--json"])
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert [r["url"] for r in rows] == feeds
    assert rows[0]["kind"] is None and rows[0]["due_at"] is None
    removed = runner.invoke(app, ["sources", "remove", feeds[1], "--db", db])
    assert "1 removed, 0 not watched" in removed.stderr
    table = runner.invoke(app, ["sources", "list", "--db", db])
    assert "never fetched" in table.stdout and feeds[1] not in table.stdout


def test_a_failing_source_shows_in_the_list(web: Web, tmp_path: Path) -> None:
    site = web()
    db = str(tmp_path / "f.db")
    runner.invoke(app, ["watch", str(sources_file(tmp_path, site.url("/gone.xml"))), "--once",
                        "--db", db, "--delay", "0"])  # fmt: skip
    table = runner.invoke(app, ["sources", "list", "--db", db])
    assert "failing (1): page was not fetched successfully (HTTP status): 404" in table.stdout


def test_a_watch_without_sources_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["watch", "--once", "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 2
    assert result.stderr.startswith("storyline: error: no sources to watch")


def test_an_unreadable_sources_file_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["watch", str(tmp_path / "missing.txt"), "--once"])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "missing.txt" in result.stderr


# --- a real process, stopped and killed ----------------------------------------------------


def slow_site(web: Web, pages: int) -> tuple[Site, list[str]]:
    """A feed of ``pages`` real pages, each answered in 0.25 s: a pass of about 10 s."""
    site = web()
    paths = news_site(site, pages)
    for path in paths:
        site.routes[path].delay = 0.25
    return site, paths


def start_watch(listed: Path, db: str, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "storyline.cli", "watch", str(listed), "--db", db]
    return subprocess.Popen(
        [*command, "--delay", "0", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def marked(db: str) -> set[str]:
    """The pages the store says are done (read while the watch may be writing)."""
    with sqlite3.connect(db, timeout=30) as c:
        try:
            return {row[0] for row in c.execute("SELECT url FROM pages")}
        except sqlite3.OperationalError:  # not created yet
            return set()


def wait_for_a_commit(db: str, process: subprocess.Popen[str]) -> set[str]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        done = marked(db) if Path(db).exists() else set()
        if done:
            return done
        time.sleep(0.05)
    raise AssertionError("the watch committed nothing")


@pytest.mark.slow
def test_kill_9_mid_pass_loses_nothing_committed_and_fetches_nothing_twice(
    web: Web, tmp_path: Path
) -> None:
    site, paths = slow_site(web, 40)
    db = str(tmp_path / "k.db")
    listed = sources_file(tmp_path, site.url("/feed.xml"))
    with start_watch(listed, db, "--once") as process:
        committed = wait_for_a_commit(db, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    with Store(db) as store:
        assert store.count()["articles"] >= len(committed) > 0
        assert_whole(store)
    assert (
        subprocess.run(
            [sys.executable, "-m", "storyline.cli", "watch", "--once", "--db", db, "--delay", "0"],
            capture_output=True,
            timeout=120,
        ).returncode
        == 0
    )
    hits = Counter(p for p in site.paths() if p.startswith("/news/"))
    keys = {canonical(site.url(p)): p for p in paths}
    assert all(hits[keys[key]] == 1 for key in committed)  # nothing committed asked again
    assert set(hits) == set(paths)
    with Store(db) as store:
        assert store.count()["articles"] == len(paths)
        assert_whole(store)


@pytest.mark.slow
def test_sigterm_stops_a_watch_after_committing_what_it_fetched(web: Web, tmp_path: Path) -> None:
    site, paths = slow_site(web, 40)
    db = str(tmp_path / "t.db")
    process = start_watch(sources_file(tmp_path, site.url("/feed.xml")), db)
    time.sleep(4)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "stopping after what is being fetched is committed" in stderr
    fetched = [p for p in site.paths() if p.startswith("/news/")]
    with Store(db) as store:
        assert 0 < store.count()["articles"] == len(fetched) < len(paths)
        assert_whole(store)
