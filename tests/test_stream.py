"""Stories over a stream: readers for crawls and feeds, the store, copies, grouping,
idempotent and resumable ingest, and the commands over it."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, write
from corpus import write_stream
from storyline.cli import app
from storyline.errors import StorylineError
from storyline.group.stories import StoryIndex
from storyline.ingest import read_paths
from storyline.model import Article, Features, Problem
from storyline.run.ingest import ingest
from storyline.store import Store, connection

PAGE = (
    "<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>{title}</h1><p>{body}</p></article><footer>All rights reserved</footer>"
    "</body></html>"
)
BODY = (
    "The city council of Marrow approved the new tram line on Monday after a debate that "
    "lasted most of the night, the mayor Ilse Brandt said. Construction is due to start in "
    "spring and the first trams should run within three years."
)


def warc_record(uri: str, html: str | bytes, status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".encode() + (
        html.encode() if isinstance(html, str) else html
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nWARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2026-03-11T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def pages(n: int) -> list[bytes]:
    return [
        warc_record(f"https://news.example/{i}", PAGE.format(title=f"Tram {i}", body=BODY))
        for i in range(n)
    ]


def split(items: list) -> tuple[list[Article], list[Problem]]:
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_pages_read_and_a_broken_record_costs_only_itself(
    tmp_path: Path, compressed: bool
) -> None:
    records = pages(4)
    records[1] = records[1].replace(b"WARC-Type", b"\x00\x01garbage", 1)[:60] + b"\r\n\r\n"
    records.append(warc_record("https://news.example/gone", PAGE, status="404 Not Found"))
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    path = write(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), data)
    articles, problems = split(list(read_paths([path])))
    assert [a.url for a in articles] == [f"https://news.example/{i}" for i in (0, 2, 3)]
    assert all(a.kind == "html" and a.seen is not None for a in articles)
    reasons = {p.path.rsplit(":", 1)[1]: p.reason for p in problems}
    assert "broken WARC record" in reasons["record 2"]
    assert "HTTP status" in reasons["record 5"]


@pytest.mark.parametrize("compressed", [False, True])
def test_each_of_several_broken_records_costs_only_itself(tmp_path: Path, compressed: bool) -> None:
    records = pages(7)
    for broken in (1, 4):  # a second break, after reading has resumed mid-file
        records[broken] = (
            records[broken].replace(b"WARC-Type", b"\x00\x01garbage", 1)[:60] + b"\r\n\r\n"
        )
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    path = write(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), data)
    articles, problems = split(list(read_paths([path])))
    assert [a.url for a in articles] == [f"https://news.example/{i}" for i in (0, 2, 3, 5, 6)]
    assert len(problems) == 2


def test_rss_and_atom_entries_become_articles(tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Marrow Post</title>
      <item><title>Tram approved</title><link>https://marrow.example/tram</link>
      <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>{BODY}</description></item>
      <item><title>No body</title><link>https://marrow.example/empty</link></item>
    </channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>Tram Times</title>
      <entry><title>Trams</title><link href="https://trams.example/a"/>
      <updated>2024-03-06T08:00:00Z</updated>
      <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""
    write(tmp_path / "a.rss", rss)
    write(tmp_path / "b.atom", atom)
    write(tmp_path / "c.xml", "<html>not a feed")
    articles, problems = split(list(read_paths([tmp_path])))
    assert [(a.outlet, a.title, str(a.published)) for a in articles] == [
        ("Marrow Post", "Tram approved", "2024-03-05"),
        ("Tram Times", "Trams", "2024-03-06"),
    ]
    assert sorted(p.path.rsplit("/", 1)[1] for p in problems) == ["a.rss:entry 2", "c.xml"]


def rows(store: Store) -> dict[str, object]:
    """Everything the store decided, without timestamps."""
    stories = {}
    for row in store.stories():
        _, members = store.story(row.id)  # type: ignore[misc]
        stories[row.id] = (row.headline, sorted((m.id, m.duplicate) for m in members))
    return {"counts": store.count(), "stories": stories}


def test_examples_become_three_stories_and_reingest_changes_nothing(store_url: str) -> None:
    with Store(store_url) as store:
        first = ingest([EXAMPLES], store)
        before = rows(store)
        again = ingest([EXAMPLES], store)
        assert rows(store) == before
    assert (first.stored, first.new_stories, first.problems) == (9, 3, [])
    assert (again.stored, again.already) == (0, 9)
    assert before["counts"] == {"articles": 9, "copies": 0, "stories": 3}
    for _, members in before["stories"].values():
        assert len(members) == 3


def test_copies_are_linked_to_their_original(tmp_path: Path, store_url: str) -> None:
    story = EXAMPLES / "harbour-bridge"
    text = next(story.glob("*.txt")).read_text(encoding="utf-8")
    copies = tmp_path / "copies"
    write(copies / "same.jsonl", json.dumps({"outlet": "Echo Daily", "text": text}) + "\n")
    edited = text.replace("city officials said", "officials told reporters") + "\nMore soon."
    write(copies / "edited.jsonl", json.dumps({"outlet": "Wire Relay", "text": edited}) + "\n")
    with Store(store_url) as store:
        ingest([story], store)
        report = ingest([copies], store)
        assert (report.stored, report.copies) == (2, 2)
        (row,) = store.stories()
        _, members = store.story(row.id)  # type: ignore[misc]
        kinds = {m.outlet: m.duplicate.kind for m in members if m.duplicate}
        assert kinds == {"Echo Daily": "exact", "Wire Relay": "wire"}
        assert len(store.articles_of(row.id)) == 3  # a brief reads the originals only


def features(*terms: str, when: str | None = None) -> Features:
    day = dt.date.fromisoformat(when) if when else None
    return Features(tuple((t, 1) for t in terms), "-", b"", day)


def test_time_window_keeps_apart_what_is_far_apart_in_time() -> None:
    index = StoryIndex()
    a = index.place("a", features("quake", "tamber", "rescue", when="2026-01-01"))
    b = index.place("b", features("quake", "tamber", "rescue", when="2026-01-05"))
    c = index.place("c", features("quake", "tamber", "rescue", when="2026-03-01"))
    assert a.story == b.story != c.story


def test_a_bridge_article_merges_two_stories() -> None:
    index = StoryIndex(merge=0.3)
    one = index.place("1", features("alpha", "beta", "gamma"))
    two = index.place("2", features("delta", "epsilon", "zeta"))
    assert one.story != two.story
    bridge = index.place("3", features("alpha", "beta", "gamma", "delta", "epsilon", "zeta"))
    assert bridge.merged == (two.story,) and bridge.story == one.story
    assert index.story_of["2"] == one.story


def test_replay_rebuilds_the_same_decisions(tmp_path: Path, store_url: str) -> None:
    corpus = tmp_path / "stream"
    write_stream(corpus, 30)
    files = sorted(corpus.iterdir())
    with Store(tmp_path / "whole.db") as whole:
        ingest(files, whole)
        expected = rows(whole)
    with Store(store_url) as parts:
        ingest(files[:2], parts)
    with Store(store_url) as parts:  # a new process: state rebuilt by replay
        ingest(files, parts)
        assert rows(parts) == expected
    assert expected["counts"]["stories"] == 30  # type: ignore[index]


def test_kill_9_loses_nothing_reported_and_rerun_completes(tmp_path: Path, store_url: str) -> None:
    corpus = tmp_path / "stream"
    total = write_stream(corpus, 60)
    reference = str(tmp_path / "reference.db")
    run_ingest(corpus, reference)
    for stop_after in (1, 3, 6):
        # a fresh store each time: a new database of the same kind
        db = store_url if stop_after == 1 else fresh_like(store_url, tmp_path, stop_after)
        reported = run_ingest(corpus, db, kill_after=stop_after)
        with Store(db) as store:
            assert store.count()["articles"] >= reported > 0
        run_ingest(corpus, db)
        with Store(db) as store, Store(reference) as ref:
            assert rows(store) == rows(ref)
            assert store.count()["articles"] == total


def fresh_like(url: str, tmp_path: Path, n: int) -> str:
    if "://" not in url:
        return str(tmp_path / f"killed-{n}.db")
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}_{n}")
    return f"{url}_{n}"


def run_ingest(corpus: Path, db: str, kill_after: int | None = None) -> int:
    """Run the real command; with ``kill_after``, SIGKILL it after that many commits.
    Returns the last count of stored articles it reported."""
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", db]
    reported = commits = 0
    with subprocess.Popen(
        [*command, "--batch", "10"], stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("storyline: committed"):
                reported = int(line.split()[2])
                commits += 1
                if kill_after is not None and commits >= kill_after:
                    process.send_signal(signal.SIGKILL)
                    break
        process.wait(timeout=120)
    if kill_after is None:
        assert process.returncode == 0
    return reported


def test_cli_ingest_stories_story_and_brief(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 9 articles" in result.stderr
    listing = runner.invoke(app, ["stories", "--db", db, "--json"])
    stories = [json.loads(line) for line in listing.stdout.splitlines()]
    assert len(stories) == 3 and all(len(s["outlets"]) == 3 for s in stories)
    recent = runner.invoke(app, ["stories", "--db", db, "--json", "--since", "2026-05-01"])
    assert len(recent.stdout.splitlines()) == 2
    bridge = next(s for s in stories if "Port Aldren" in s["headline"])
    shown = runner.invoke(app, ["story", str(bridge["id"]), "--db", db])
    assert shown.exit_code == 0 and "Metro Wire" in shown.stdout
    brief = runner.invoke(app, ["brief", "--story", str(bridge["id"]), "--db", db, "-f", "json"])
    data = json.loads(brief.stdout)
    assert data["sentences"] and len(data["articles"]) == 3
    for sentence in data["sentences"]:
        for src in sentence["sources"]:
            assert data["articles"][src["article"]]["text"][src["start"] : src["end"]]


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "e.db")
    no_store = runner.invoke(app, ["stories", "--db", db])
    assert no_store.exit_code == 2 and "no store at" in no_store.stderr
    assert not Path(db).exists()
    runner.invoke(app, ["ingest", str(EXAMPLES / "chip-plant"), "--db", db])
    missing = runner.invoke(app, ["story", "42", "--db", db])
    assert missing.exit_code == 2 and missing.stderr.strip() == "storyline: error: no story 42"
    bad_date = runner.invoke(app, ["stories", "--db", db, "--since", "yesterday"])
    assert bad_date.exit_code == 2 and "--since expects a date" in bad_date.stderr
    nothing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", db])
    assert nothing.exit_code == 2 and "no such file" in nothing.stderr
    write(tmp_path / "ro" / "x.db", b"not a database at all, just bytes" * 100)
    broken = runner.invoke(app, ["stories", "--db", str(tmp_path / "ro" / "x.db")])
    assert broken.exit_code == 2 and "cannot open the store" in broken.stderr
    assert "Traceback" not in broken.output


def test_a_warc_header_that_breaks_warcio_itself_is_a_reported_record(tmp_path: Path) -> None:
    """Found by fuzzing: warcio raised AttributeError on this header."""
    path = write(tmp_path / "odd.warc", b"WARC/1.0\nWARC-Type:response")
    articles, problems = split(list(read_paths([path])))
    assert not articles and problems and "broken WARC record" in problems[0].reason


def test_unparseable_html_is_reported_by_storyline_alone(tmp_path: Path) -> None:
    """Only storyline speaks on stderr: no library log line reaches the user."""
    write(tmp_path / "in" / "junk.html", b"<>")  # trafilatura logs an error on it
    write(tmp_path / "in" / "good.txt", BODY)
    done = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "brief", str(tmp_path / "in"), "--facts", "off"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("storyline: skipped") for line in lines), lines


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


def test_a_store_locked_by_another_writer_is_waited_for_or_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "locked.db"
    with Store(db):
        pass  # created
    holder = _hold_write_lock(db, 2)
    with Store(db) as store:  # the lock is released within the wait: the run finishes
        report = ingest([EXAMPLES], store)
    holder.join()
    assert report.stored == 9
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


@pytest.mark.slow
def test_twenty_kills_at_random_moments_lose_nothing_reported(tmp_path: Path) -> None:
    """`kill -9` at 20 random moments of one ingest (seeded): after each, the store holds
    at least what was reported and is whole; the run finally completes exactly once."""
    import random

    corpus = tmp_path / "stream"
    total = write_stream(corpus, 50)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        ingest([corpus], store)
    db = str(tmp_path / "killed.db")
    rng = random.Random(20)
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", db]
    for _ in range(20):
        reported = 0
        with subprocess.Popen(
            [*command, "--batch", "5"], stderr=subprocess.PIPE, text=True
        ) as process:
            assert process.stderr is not None
            killer = threading.Timer(rng.uniform(1.0, 4.0), process.kill)
            killer.start()
            for line in process.stderr:
                if line.startswith("storyline: committed"):
                    reported = int(line.split()[2])
            killer.cancel()
            process.wait(timeout=60)
        with Store(db) as store:
            counts = store.count()
            assert counts["articles"] >= reported
            assert (
                sum(len(members) for _, members in rows(store)["stories"].values())
                == (counts["articles"])
            )  # every stored article is in exactly one story: nothing half-written
    run_ingest(corpus, db)
    with Store(db) as store, Store(reference) as ref:
        assert rows(store) == rows(ref)
        assert store.count()["articles"] == total
