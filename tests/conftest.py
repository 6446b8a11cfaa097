"""Shared fixtures: the example corpus, the real seeds beside the clone, a temp dir of inputs."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"
STORIES = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
# An article whose text and metadata try to run script in a page (each sets window.pwned).
HOSTILE = {
    "text": "Storm <script>window.pwned = 1; alert('x')</script> cut power to 900 homes in "
    'Brask on Monday, <img src=x onerror="window.pwned = 2"> the utility said.',
    "title": "<img src=x onerror=window.pwned=3> Brask storm",
    "outlet": "Brask <b>Daily</b>",
    "url": "javascript:window.pwned=4",
}


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/data/seeds is not beside the clone")
    return SEEDS


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@dataclass(frozen=True)
class Postgres:
    """A real PostgreSQL server on 127.0.0.1 that a test may stop and start again."""

    url: str
    command: tuple[str, ...]  # pg_ctl, as the user the server runs as
    data: Path
    options: str
    log: Path

    def start(self) -> None:
        subprocess.run(
            [
                *self.command,
                "-D",
                str(self.data),
                "-o",
                self.options,
                "-l",
                str(self.log),
                "-w",
                "start",
            ],
            **_QUIET,
        )

    def stop(self) -> None:
        """As a crash or `systemctl restart` would: connections are cut, not finished."""
        subprocess.run([*self.command, "-D", str(self.data), "-m", "immediate", "stop"], **_QUIET)


_QUIET: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}


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
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", "storyline", "-A", "trust"], **_QUIET)
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


def new_database(server: str) -> str:
    """The URL of a new, empty database on ``server``."""
    import psycopg

    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
