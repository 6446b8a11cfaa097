"""A watch over a replay of real feeds: the RSS captures of 113 outlets (July–December
2023) served live from this machine, each outlet as its own host (one port each), its
feed revealing its items as a compressed clock passes their place in the capture, and
each item's page served at the link the feed gives. `storyline watch` follows the 113
feeds into a fresh store, politely (one request at a time per host, ``--delay`` apart,
counted by the servers).

Prints throughput end to end, RSS over time (and saves it as a plot), fetches per host
per minute, politeness violations counted by the servers, and, with ``--compare``, how
alike the watch's stories are to those of `storyline ingest` over the same items
(B-cubed F1 of one against the other). With ``--gold``, the items replayed are instead
the 1,848 items of 7-8 October 2023 labelled into events (stream_grouping.py's gold), in
order of publication, and the watch's stories and ingest's are both scored against the
labels.

    python benchmarks/watch_replay.py [--items 437202] [--rate 90] [--delay 0.05] \
        [--db postgresql://...] [--plot rss.png] [--compare | --gold]

``--rate`` is how many items a second the clock reveals (all outlets together): set it
above the watch's pace to measure the pace (an item that falls off its feed before the
watch asks is lost, and counted).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import lzma
import multiprocessing as mp
import os
import re
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import stream_grouping
from storyline.fetch.client import Manners
from storyline.run.ingest import ingest
from storyline.run.watch import PassReport, Watch, watch
from storyline.store import Member, Store

DATA = Path(__file__).resolve().parents[2] / "shared/data/streams/rss2023-jul-dec.jsonl.xz"
FEED_SIZE = 100  # entries a feed shows: its newest
SAMPLE = 5.0  # seconds between two RSS samples


def load(limit: int) -> list[dict[str, str]]:
    with lzma.open(DATA, "rt", encoding="utf-8") as f:
        return [served(json.loads(line)) for line in itertools.islice(f, limit)]


def served(item: dict[str, str]) -> dict[str, str]:
    """What the servers show of a captured item."""
    return {k: item.get(k) or "" for k in ("outlet", "title", "text", "published")}


def gold_items() -> list[tuple[int, dict[str, str]]]:
    """The demo week's items labelled into events (stream_grouping.py's gold), in order of
    publication, with their line numbers."""
    return stream_grouping.items(set(stream_grouping.gold()))


def against_gold(db: str, found: list[tuple[int, dict[str, str]]]) -> None:
    """The watch's stories and `ingest`'s of the same items, scored against the events
    gold alike: an item a system did not store is a story of its own."""
    labels = stream_grouping.gold()
    watched = {}  # served item (its index in the page's address) -> story
    for member, story in members(db):
        item = re.search(r"/item/(\d+)\.html", member.url or "")
        if item:
            watched[int(item.group(1))] = story
    watch_pred = [watched.get(i, -(i + 1)) for i in range(len(found))]
    start = time.monotonic()
    ingest_pred, stored, _ = stream_grouping.storyline_stories(found)
    seconds = time.monotonic() - start
    truth = [labels[n] for n, _ in found]
    print(f"\ngrouping against the events gold ({len(found):,} items of 7-8 October 2023):\n")
    print(stream_grouping.HEADER)
    print(stream_grouping.row(f"watch ({len(watched):,} stored)", watch_pred, truth, 0.0))
    print(stream_grouping.row(f"ingest ({stored:,} stored)", ingest_pred, truth, seconds))


# --- the servers (a process of their own) ----------------------------------------------------


@dataclass
class Outlet:
    """One outlet's host: its items (global index, in capture order) and its requests."""

    name: str
    indexes: list[int]
    hits: list[tuple[float, float]] = field(default_factory=list)  # (start, end) per request
    lock: threading.Lock = field(default_factory=threading.Lock)


def serve(
    source: Callable[[], list[dict[str, str]]], rate: float, conn: mp.connection.Connection
) -> None:
    """Loads the items, starts a server per outlet, sends their ports and the number of
    items, serves until told to stop, then sends each host's request times. The items
    live in this process only, so the watch's memory is the watch's."""
    # A handler thread that has written its answer may wait a whole switch interval (5 ms
    # by default) for the interpreter before it can note the time, and the watch's pause
    # then looks that much shorter (three of 451,685 requests, each 6 ms short, in one
    # replay): the servers' clock must be finer than the margins it checks.
    sys.setswitchinterval(0.0005)
    items = source()
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_outlet[item["outlet"]].append(i)
    start = time.monotonic()
    outlets = [Outlet(name, indexes) for name, indexes in sorted(by_outlet.items())]
    servers = []
    for outlet in outlets:
        handler = partial(Handler, outlet, items, start, rate)
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ports = [(o.name, s.server_address[1]) for o, s in zip(outlets, servers, strict=True)]
    conn.send((ports, len(items)))
    conn.recv()  # stop
    for server in servers:
        server.shutdown()
    conn.send({o.name: o.hits for o in outlets})


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that closed a kept-alive connection is not an error here."""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(
        self, outlet: Outlet, items: list[dict[str, str]], start: float, rate: float, *args: object
    ) -> None:
        self.outlet, self.items, self.start, self.rate = outlet, items, start, rate
        super().__init__(*args)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        began = time.monotonic()
        path = self.path.split("?")[0]
        if path == "/feed.xml":
            self.feed()
        elif path.startswith("/item/"):
            self.page(int(path.removeprefix("/item/").removesuffix(".html")))
        else:
            self.send(404, b"not here", "text/plain")
        ended = time.monotonic()  # before the lock: waiting for it is not the answer's time
        with self.outlet.lock:
            self.outlet.hits.append((began, ended))

    def feed(self) -> None:
        revealed = int((time.monotonic() - self.start) * self.rate)
        shown = bisect.bisect_left(self.outlet.indexes, revealed)
        tag = f'"{shown}"'
        if self.headers.get("If-None-Match") == tag:
            self.send(304, b"", "application/rss+xml", tag)
            return
        entries = "".join(
            self.entry(i) for i in reversed(self.outlet.indexes[max(0, shown - FEED_SIZE) : shown])
        )
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(self.outlet.name)}</title>{entries}</channel></rss>"
        ).encode()
        self.send(200, body, "application/rss+xml", tag)

    def entry(self, i: int) -> str:
        item = self.items[i]
        link = f"http://{self.headers['Host']}/item/{i}.html?utm_source=rss"
        return (
            f"<item><link>{escape(link)}</link><title>{escape(item['title'])}</title>"
            f"<description>{escape(item['text'])}</description>"
            f"<pubDate>{_rfc822(item['published'])}</pubDate></item>"
        )

    def page(self, i: int) -> None:
        item = self.items[i]
        body = (
            f"<html><head><title>{escape(item['title'])}</title>"
            f'<meta property="og:site_name" content="{escape(item["outlet"])}">'
            f'<meta property="article:published_time" content="{item["published"]}">'
            f"</head><body><nav>Home | World | Sport</nav><article><h1>{escape(item['title'])}</h1>"
            f"<p>{escape(item['text'])}</p></article><footer>© {escape(item['outlet'])}</footer>"
            "</body></html>"
        ).encode()
        self.send(200, body, "text/html; charset=utf-8")

    def send(self, status: int, body: bytes, kind: str, tag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if tag:
            self.send_header("ETag", tag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def _rfc822(published: str) -> str:
    from datetime import datetime

    try:
        return formatdate(datetime.fromisoformat(published.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return ""


# --- the watch (this process) ----------------------------------------------------------------


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_watch(
    ports: list[tuple[str, int]], db: str, delay: float, items: int, patience: float
) -> tuple[float, list[tuple[float, int, float]], list[PassReport]]:
    """Watches until every item is stored or nothing new came for ``patience`` seconds;
    returns the seconds taken, (seconds, stored, RSS MB) samples and the passes."""
    urls = [f"http://127.0.0.1:{port}/feed.xml" for _, port in ports]
    manners = Manners(delay=delay, timeout=30.0)
    passes: list[PassReport] = []
    samples: list[tuple[float, int, float]] = []
    with Store(db) as store:
        ctx = Watch(store, every=0.0, manners=manners, workers=16)
        thread = threading.Thread(
            target=watch, args=(ctx, urls), kwargs={"on_pass": passes.append}, daemon=True
        )
        start = time.monotonic()
        thread.start()
        last_change, last_count = start, -1
        while True:
            time.sleep(SAMPLE)
            stored = sum(p.stored for p in passes)
            samples.append((time.monotonic() - start, stored, rss_mb()))
            if len(samples) % 12 == 0:
                seconds, _, mb = samples[-1]
                print(f"  {seconds:7.0f} s  {stored:>8,} stored  {mb:6.0f} MB", flush=True)
            if stored != last_count:
                last_change, last_count = time.monotonic(), stored
            if stored >= items or time.monotonic() - last_change > patience:
                break
        ctx.stop.set()
        thread.join()
    return last_change - start, samples, passes


def politeness(
    hits: dict[str, list[tuple[float, float]]], delay: float
) -> tuple[list[str], int, float]:
    """Requests that overlapped or came sooner than ``delay`` after the previous answer
    (by the servers' clock), each described; the most requests one host got in one
    minute; and the mean requests per host per minute."""
    violations: list[str] = []
    minutes: Counter[tuple[str, int]] = Counter()
    first = min((t[0][0] for t in hits.values() if t), default=0.0)
    last = max((t[-1][1] for t in hits.values() if t), default=0.0)
    for host, times in hits.items():
        times.sort()
        violations += [
            f"{host} at {b[0] - first:.1f} s: {b[0] - a[1]:+.3f} s after an answer of "
            f"{a[1] - a[0]:.3f} s"
            for a, b in itertools.pairwise(times)
            if b[0] - a[1] < delay - 0.005
        ]
        minutes.update((host, int((start - first) // 60)) for start, _ in times)
    busiest = max(minutes.values(), default=0)
    span = max(1.0, (last - first) / 60)
    mean = sum(len(t) for t in hits.values()) / max(1, len(hits)) / span
    return violations, busiest, mean


def b3(reference: dict[str, int], other: dict[str, int]) -> float:
    """B-cubed F1 of ``other`` against ``reference`` over the keys both hold."""
    keys = sorted(set(reference) & set(other))
    ref_groups: dict[int, set[str]] = defaultdict(set)
    got_groups: dict[int, set[str]] = defaultdict(set)
    for k in keys:
        ref_groups[reference[k]].add(k)
        got_groups[other[k]].add(k)
    precision = recall = 0.0
    for k in keys:
        both = len(ref_groups[reference[k]] & got_groups[other[k]])
        precision += both / len(got_groups[other[k]])
        recall += both / len(ref_groups[reference[k]])
    p, r = precision / len(keys), recall / len(keys)
    return 2 * p * r / (p + r) if p + r else 0.0


def grouping(db: str) -> dict[str, int]:
    """Each stored article's story, keyed by its headline and outlet (the same item has
    the same pair whether it came through the watch or a file)."""
    return {f"{m.outlet}\0{m.title}": story for m, story in members(db)}


def members(db: str) -> Iterator[tuple[Member, int]]:
    with Store(db) as store:
        for row in store.stories():
            story = store.story(row.id)
            for member in story[1] if story else []:
                yield member, row.id


def ingested(items: list[dict[str, str]], folder: Path) -> str:
    path = folder / "items.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    db = str(folder / "ingest.db")
    with Store(db) as store:
        ingest([path], store)
    return db


def plot(samples: list[tuple[float, int, float]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot([s[1] for s in samples], [s[2] for s in samples])
    ax.set_xlabel("articles stored")
    ax.set_ylabel("RSS (MB)")
    ax.set_title("storyline watch: memory over a replay of real feeds")
    ax.set_ylim(bottom=0)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def report(
    items: int, elapsed: float, samples: list[tuple[float, int, float]], passes: list[PassReport]
) -> None:
    stored = sum(p.stored for p in passes)
    skipped = sum(len(p.problems) for p in passes)
    print(f"\n{items:,} items served, {len(passes)} passes: stored {stored:,} "
          f"({sum(p.copies for p in passes):,} copies), {sum(p.feed_text for p in passes):,} "
          f"from feed text, {skipped:,} skipped; {items - stored - skipped:,} never seen "
          "(off their feed before it was asked again, or the same page twice)")  # fmt: skip
    new = sum(p.new_stories for p in passes)
    print(f"updates found: {stored - new:,} articles joined a story already stored "
          f"({new:,} started one)")  # fmt: skip
    print("\n| articles | seconds | articles/hour | RSS at 50,000 | peak RSS | peak / at 50,000 |")
    print("|---|---|---|---|---|---|")
    at = next((mb for _, n, mb in samples if n >= 50_000), samples[0][2] if samples else 0.0)
    peak = max((mb for *_, mb in samples), default=0.0)
    print(f"| {stored:,} | {elapsed:.0f} | {stored / elapsed * 3600:,.0f} | {at:.0f} MB "
          f"| {peak:.0f} MB | {peak / at if at else 0:.2f} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=437_202)
    parser.add_argument("--rate", type=float, default=90.0, help="items revealed a second")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds between requests")
    parser.add_argument("--db", default=None, help="PostgreSQL URL [default: a SQLite file]")
    parser.add_argument("--plot", type=Path, default=Path("watch-rss.png"))
    parser.add_argument("--compare", action="store_true", help="also ingest the items as files")
    parser.add_argument(
        "--gold",
        action="store_true",
        help="replay the demo week's items labelled into events instead, and score the "
        "watch's stories and ingest's against the labels",
    )
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"missing {DATA}", file=sys.stderr)
        return 2
    found = gold_items() if args.gold else []
    source = (lambda: [served(r) for _, r in found]) if args.gold else partial(load, args.items)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "watch.db")
        here, there = mp.Pipe()
        server = mp.get_context("fork").Process(target=serve, args=(source, args.rate, there))
        server.start()
        ports, served_count = here.recv()
        patience = max(60.0, 3 * FEED_SIZE / max(1.0, args.rate / len(ports)))
        elapsed, samples, passes = run_watch(ports, db, args.delay, served_count, patience)
        here.send("stop")
        hits = here.recv()
        server.join()
        report(served_count, elapsed, samples, passes)
        violations, busiest, mean = politeness(hits, args.delay)
        requests = sum(len(h) for h in hits.values())
        print(f"\n{requests:,} requests to {len(hits)} hosts; politeness violations counted "
              f"by the servers: {len(violations)}; requests per host per minute: {mean:.0f} "
              f"on average, {busiest} at most in any one minute (the pause allows "
              f"{60 / args.delay:.0f})")  # fmt: skip
        for violation in violations[:10]:
            print(f"  too soon: {violation}")
        plot(samples, args.plot)
        print(f"RSS over the replay: {args.plot}")
        if args.gold:
            against_gold(db, found)
        if args.compare:
            reference = grouping(ingested(load(args.items), Path(tmp)))
            print(f"grouping: B-cubed F1 of the watch's stories against `ingest`'s on the same "
                  f"items: {b3(reference, grouping(db)):.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
