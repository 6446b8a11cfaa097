"""Fixtures only: the seeds beside the clone, a real PostgreSQL server and a fresh store of
each kind, and the briefs several test modules read. Plain helpers, the server's
``Postgres`` class included (tests/store/ starts and stops it), are in helpers.py.

Where a test lives. tests/ mirrors src/storyline/: a test goes in the folder of the
module whose decision it checks, whichever way it reaches that decision (a function call,
the CLI in process, or the real command in a child process), and its file is named for
what it checks (tests/ingest/test_warc.py, tests/group/test_stories.py). So:

- a reader's articles and problems: tests/ingest/; boilerplate: tests/clean/; what is
  found in a sentence: tests/annotate/; what the brief says of it: tests/synthesize/; the
  brief as text: tests/render/;
- how the store reads, searches, writes a batch and meets a failing disk or server:
  tests/store/; copies and stories: tests/group/;
- the order of the stages, the limits, batches, replay and resuming, a `kill -9` of
  `storyline ingest` included: tests/run/ (what it checks is run/ingest.py's commits,
  not the CLI's parsing); the engines' map and the Dask cluster: tests/engine/;
- what the CLI itself decides (arguments, output, exit codes, one-line errors, its
  silence about libraries' log lines): tests/cli/; the API, the pages and the pages in
  a browser: tests/serve/.

Top-level files are about the whole project: its layout and docs, its dependencies,
the example stories, the quality gates over real data (test_benchmarks.py), and the
properties of the whole command under hostile or oversized input (test_fuzz.py,
test_bounds.py).

Each test checks one scenario: the same check over several inputs is parametrized, and
setup several tests share is a fixture (here, or in a folder's own conftest.py).

Every test module is in a package (an ``__init__.py`` in each folder), so two files may
share a name in different folders; pyproject.toml puts tests/ on the path, so
``import helpers`` (and ``import fuzzing``) works from every folder. No test module
imports another test module.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import QUIET, SEEDS, STORIES, Postgres, example_briefs, new_database
from sites import Site
from storyline import brief
from storyline.model import Brief


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/data/seeds is not beside the clone")
    return SEEDS


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """One server for the test session, stopped at the end. As root (CI), it runs as
    Debian's ``postgres`` user: the server refuses root."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail(
            "PostgreSQL is not installed: `make test` installs it (scripts/ensure-postgres)"
        )
    # not under pytest's tmp tree: that is private to root, and the server runs as postgres
    base = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", "storyline", "-A", "trust"], **QUIET)
    server = Postgres(
        url=f"postgresql://storyline@127.0.0.1:{port}",
        command=(*prefix, pg_ctl),
        data=data,
        options=f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
        log=base / "log",
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server(postgres: Postgres) -> str:
    return postgres.url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.slow)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store of each kind: every store test runs against both."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return new_database(request.getfixturevalue("postgres_server"))


@pytest.fixture(scope="session")
def all_briefs() -> list[Brief]:
    """A brief of each example story and of the seeds, at three lengths each."""
    return example_briefs()


@pytest.fixture(scope="session")
def harbour_bridge() -> Brief:
    """The brief of the harbour-bridge example story, at the default length and depth."""
    return brief([STORIES[1]])


@pytest.fixture(scope="session")
def seeds_brief(seeds: Path) -> Brief:
    """The brief of the two seed reports, at the default length and depth."""
    return brief([seeds])


@pytest.fixture
def web() -> Iterator[Callable[[], Site]]:
    """``web()`` starts one more local site (a host of its own, tests/sites.py); all are
    shut when the test ends."""
    started: list[Site] = []

    def start() -> Site:
        site = Site()
        started.append(site)
        return site

    yield start
    for site in started:
        site.close()
