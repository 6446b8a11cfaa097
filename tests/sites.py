"""A local web for the watch tests: each ``Site`` is one host (its own port on
127.0.0.1) serving routes the test sets, and counting every request it answers, so a
test can check politeness from the server's side. Feeds are built from the real RSS
captures and pages are the real article pages under ``../shared/data/``.

Shared like helpers.py (``import sites``); tests never import each other.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from helpers import SHARED_DATA

PAGES = SHARED_DATA / "extraction" / "article-extraction-benchmark" / "html"
DEMO_WEEK = SHARED_DATA / "streams" / "rss2023-demo-week.jsonl.gz"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0  # seconds before answering
    etag: str | None = None  # a matching If-None-Match gets 304
    sized: bool = True  # False: no Content-Length, the body ends when the connection does
    times: int = 0  # answers left before ``then`` takes over (0: always this one)
    then: Route | None = None


@dataclass
class Hit:
    """A request, recorded when it arrives (so a client that got its answer always finds
    it counted), its ``end`` when the answer is written."""

    path: str
    start: float  # monotonic
    headers: dict[str, str]
    end: float = float("inf")


class Site:
    """``site.routes[path] = Route(...)``; ``site.url(path)``; ``site.hits``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        serve = partial(self.server.serve_forever, poll_interval=0.02)
        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.origin + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def violations(self, delay: float) -> int:
        """Requests that overlapped another or came less than ``delay`` after the
        previous answer (a little slack for the clock's grain)."""
        with self.lock:
            hits = sorted(self.hits, key=lambda h: h.start)
        return sum(b.start - a.end < delay - 0.01 for a, b in itertools.pairwise(hits))

    def answer(self, path: str) -> Route | None:
        with self.lock:
            route = self.routes.get(path) or self.routes.get(path.split("?")[0])
            if route is not None and route.then is not None:
                route.times -= 1
                if route.times <= 0:
                    self.routes[path.split("?")[0]] = route.then
            return route


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (what the tests make it do) is not an error here."""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            hit = Hit(self.path, time.monotonic(), dict(self.headers))
            with site.lock:
                site.hits.append(hit)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(site.answer(self.path))
            hit.end = time.monotonic()

        def _send(self, route: Route | None) -> None:
            if route is None:
                route = Route(b"not here", status=404)
            time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.sized:
                self.send_header("Content-Length", str(len(route.body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


def real_pages(n: int) -> list[bytes]:
    """``n`` real article pages (HTML)."""
    files = sorted(PAGES.glob("*.html.gz"))[:n]
    return [gzip.decompress(f.read_bytes()) for f in files]


def real_items(n: int, outlet: str = "The Guardian") -> list[dict[str, str]]:
    """The first ``n`` real feed items of an outlet in the demo week."""
    found: list[dict[str, str]] = []
    with gzip.open(DEMO_WEEK, "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if item["outlet"] == outlet and item["text"]:
                found.append(item)
                if len(found) == n:
                    break
    return found


def rss(title: str, entries: list[tuple[str, str, str]], lang: str = "en") -> bytes:
    """An RSS 2.0 feed of (link, title, description) entries."""
    items = "".join(
        f"<item><link>{escape(link)}</link><title>{escape(head)}</title>"
        f"<description>{escape(text)}</description>"
        f"<pubDate>Sat, 07 Oct 2023 10:00:00 GMT</pubDate></item>"
        for link, head, text in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><language>{lang}</language>{items}</channel></rss>"
    ).encode()


def news_site(site: Site, n: int, outlet: str = "The Guardian") -> list[str]:
    """Fills ``site`` with a feed at /feed.xml of ``n`` real items, each linking (with a
    tracking parameter) to a real page; returns the pages' paths."""
    items, pages = real_items(n, outlet), real_pages(n)
    paths = [f"/news/{i}.html" for i in range(n)]
    entries = [
        (site.url(p) + "?utm_source=rss", it["title"], it["text"])
        for p, it in zip(paths, items, strict=True)
    ]
    site.routes["/feed.xml"] = Route(
        rss(outlet, entries), headers={"Content-Type": "application/rss+xml"}, etag='"v1"'
    )
    for path, page in zip(paths, pages, strict=True):
        site.routes[path] = Route(page)
    return paths
