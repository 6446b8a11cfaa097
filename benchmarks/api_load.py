"""API load: requests per second and p50/p99 latency of `storyline serve` for the list,
story and search endpoints at concurrency 1, 16 and 64, over a store of the
multinews-plus-val documents (≥ 10,000 articles), on 127.0.0.1.

The server runs as a user would start it (one uvicorn process, SQLite); the load comes
from one asyncio client process on the same 2-core machine, so client and server share
the cores. Each cell is bounded by a request count and a time limit. A story's brief is
computed on its first view and then kept: "story" is measured on 50 stories already
viewed once, and the first views are timed on their own. The peer is datasette serving
the same SQLite file (its table page and an FTS5 query), when it is installed.

    python benchmarks/api_load.py [--db PATH] [--requests 400] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sqlalchemy import select

from ingest_throughput import DATA, write_input
from storyline.run.ingest import ingest
from storyline.store import Store
from storyline.store.schema import articles

CONCURRENCY = (1, 16, 64)
MIN_ARTICLES = 10_000
STORIES = 50  # stories the story endpoint cycles through


@dataclass(frozen=True)
class Cell:
    name: str
    concurrency: int
    requests: int
    seconds: float
    errors: int
    latencies: tuple[float, ...]

    def row(self) -> str:
        ms = sorted(x * 1000 for x in self.latencies) or [0.0]
        p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
        return (
            f"| {self.name} | {self.concurrency} | {self.requests} | "
            f"{self.requests / self.seconds:,.0f} | {statistics.median(ms):.1f} | {p99:.1f} | "
            f"{self.errors} |"
        )


def build_store(db: Path) -> int:
    if db.exists():
        with Store(db) as store:
            count = store.count()["articles"]
        if count >= MIN_ARTICLES:
            return count
        db.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_input(folder, None)
        print(f"building the store at {db} (about a minute) ...", file=sys.stderr)
        with Store(db) as store:
            ingest([folder], store)
            return store.count()["articles"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], url: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    # The log goes to a file: a pipe nobody reads fills up and stalls a server that logs
    # every request.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the server runs
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"{command[0]} exited: {log.read().decode()[-500:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit(f"{command[0]} did not start")


async def load(
    base: str, name: str, paths: Callable[[int], str], concurrency: int, limit: int, seconds: float
) -> Cell:
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal issued, errors
            while issued < limit and time.monotonic() < deadline:
                path = paths(issued)
                issued += 1
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += not ok

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return Cell(name, concurrency, len(latencies), elapsed, errors, tuple(latencies))


def search_words(db: Path, n: int = 40) -> list[str]:
    """Words of middling frequency in the stored text: queries that hit a few to a few
    hundred stories (the most frequent words would hit nearly all)."""
    with Store(db) as store, store.engine.connect() as c:
        texts = c.scalars(select(articles.c.text).order_by(articles.c.seq).limit(500))
        words = Counter(w.lower() for t in texts for w in re.findall(r"[A-Za-z]{6,}", t))
    ranked = [w for w, _ in words.most_common(50 + n)]
    return ranked[50:] or ranked


def run(db: Path, requests: int, seconds: float) -> list[Cell]:
    articles = build_store(db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    storyline = Path(sys.executable).with_name("storyline")
    server = start(
        [str(storyline), "serve", "--db", str(db), "--port", str(port)], base + "/api/stories"
    )
    cells: list[Cell] = []
    try:
        with Store(db) as store:
            stories, total = store.page(200)
        ids = [s.id for s in stories]
        words = search_words(db)
        first_views = asyncio.run(
            load(
                base,
                "story, first view (brief computed)",
                lambda i: f"/api/stories/{ids[i]}",
                1,
                STORIES,
                seconds * 3,
            )
        )
        rng = random.Random(0)
        pages = max(1, min(total // 20, 100))
        targets = {
            "list": lambda i: f"/api/stories?limit=20&offset={20 * rng.randrange(pages)}",
            "story (brief kept)": lambda i: f"/api/stories/{ids[rng.randrange(STORIES)]}",
            "search": lambda i: f"/api/stories?q={words[rng.randrange(len(words))]}&limit=20",
        }
        for name, paths in targets.items():
            for c in CONCURRENCY:
                cells.append(asyncio.run(load(base, name, paths, c, requests, seconds)))
        cells.insert(0, first_views)
    finally:
        server.terminate()
        server.wait(10)
    print(f"\n{articles:,} articles, {total:,} stories; storyline serve (1 process, SQLite)\n")
    print("| endpoint | concurrency | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for cell in cells:
        print(cell.row())
    peer = peer_datasette(db, words, total, requests, seconds)
    if peer:
        print("\nPeer: datasette on the same SQLite file (1 process)\n")
        print("| endpoint | concurrency | requests | req/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|")
        for cell in peer:
            print(cell.row())
    return cells


def peer_datasette(db: Path, words: list[str], total: int, requests: int, seconds: float):
    """datasette's SQL API on the same file: a page of 20 stories and the FTS5 query the
    store runs. The nearest thing a team would stand up over the file without storyline;
    it answers with rows only (no outlets, counts or briefs)."""
    datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    if not Path(datasette).exists():
        print("\n(datasette not installed: pip install -e '.[bench]' for the peer)")
        return []
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    name = db.stem
    env = dict(os.environ)
    server = start(
        [datasette, "serve", str(db), "-p", str(port), "--setting", "sql_time_limit_ms", "5000"],
        f"{base}/{name}.json",
        env,
    )
    rng = random.Random(0)
    pages = max(1, min(total // 20, 100))
    list_sql = (
        "select * from stories where merged_into is null "
        "order by last_seen desc, id limit 20 offset :offset"
    )
    search_sql = (
        "with hit as materialized (select rowid seq, bm25(articles_fts) score "
        "from articles_fts where articles_fts match :q) "
        "select m.story_id, min(hit.score) s from hit join articles a on a.seq = hit.seq "
        "join memberships m on m.article_id = a.id group by m.story_id order by s limit 20"
    )
    targets = {
        "list (SQL page)": lambda i: httpx.URL(
            f"/{name}.json",
            params={"sql": list_sql, "offset": str(20 * rng.randrange(pages))},
        ).raw_path.decode(),
        "search (FTS5 SQL)": lambda i: httpx.URL(
            f"/{name}.json", params={"sql": search_sql, "q": words[rng.randrange(len(words))]}
        ).raw_path.decode(),
    }
    cells = []
    try:
        for label, paths in targets.items():
            for c in CONCURRENCY:
                cells.append(asyncio.run(load(base, label, paths, c, requests, seconds)))
    finally:
        server.terminate()
        server.wait(10)
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="store to reuse or build")
    parser.add_argument("--requests", type=int, default=400, help="requests per cell at most")
    parser.add_argument("--seconds", type=float, default=20, help="seconds per cell at most")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"missing {DATA}", file=sys.stderr)
        return 2
    db = args.db or Path(tempfile.gettempdir()) / "storyline-api-load.db"
    cells = run(db, args.requests, args.seconds)
    return 1 if any(c.errors for c in cells) else 0


if __name__ == "__main__":
    sys.exit(main())
