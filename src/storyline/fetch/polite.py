"""Politeness per host: one request at a time, a pause between two, and robots.txt.

The pause is counted from the end of one request to the start of the next, and a host
may ask for a longer one (robots.txt ``Crawl-delay``, an HTTP 429's ``Retry-After``).
robots.txt is read with the standard library's parser and kept for a day; as RFC 9309
says, a missing one (4xx) allows everything and an unreachable one (5xx, no answer)
forbids everything until it is asked for again.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more is read as this
ROBOTS_KEPT = 24 * 3600.0  # seconds a host's robots.txt is trusted
ROBOTS_UNREACHABLE_KEPT = 600.0  # seconds before an unreachable one is asked for again


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    free_at: float = 0.0  # monotonic time of the next allowed request
    pause: float = 0.0  # the host's own Crawl-delay


class Gate:
    """Hands out turns: ``with gate.turn(host): request()``. Threads fetching different
    hosts do not wait for each other."""

    def __init__(self, delay: float, stop: threading.Event | None = None) -> None:
        self.delay = delay
        self.stop = stop or threading.Event()
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(host, _Host())

    @contextmanager
    def turn(self, host: str) -> Iterator[bool]:
        """Yields False when the wait was cut short by a stop: the caller must not send."""
        state = self._host(host)
        with state.lock:
            wait = state.free_at - time.monotonic()
            stopped = wait > 0 and self.stop.wait(wait)
            try:
                yield not stopped and not self.stop.is_set()
            finally:
                pause = max(self.delay, state.pause)
                state.free_at = max(state.free_at, time.monotonic() + pause)

    def hold(self, host: str, seconds: float) -> None:
        """The host asked us to wait (a 429 or 503 with Retry-After)."""
        state = self._host(host)
        state.free_at = max(state.free_at, time.monotonic() + seconds)

    def forget(self) -> None:
        """Drop the hosts free to be asked again with no pause of their own, so a
        months-long watch over changing hosts stays small. Only between passes: a turn
        being handed out meanwhile could be handed out twice."""
        now = time.monotonic()
        with self._lock:
            self._hosts = {
                h: s
                for h, s in self._hosts.items()
                if s.free_at > now or s.pause or s.lock.locked()
            }

    def slow_down(self, host: str, seconds: float) -> None:
        """The host's own pause (Crawl-delay), from its last request on."""
        state = self._host(host)
        state.pause = min(seconds, MAX_CRAWL_DELAY)
        state.free_at = max(state.free_at, time.monotonic() + state.pause)


Answer = tuple[int, str] | str  # (status, text) of robots.txt, or why it could not be asked


@dataclass
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None  # None: nothing is forbidden
    unread: str | None  # why it could not be read: everything is forbidden until ``until``
    until: float


class Robots:
    """``allowed(url)`` asks ``read(robots_url)`` (a polite fetch) once per host a day.
    It answers None while the host's robots.txt cannot be read: not a verdict on the
    page, so the page is asked for again later."""

    def __init__(self, agent: str, read: Callable[[str], Answer], gate: Gate) -> None:
        self.agent, self.read, self.gate = agent, read, gate
        self._rules: dict[str, _Rules] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool | None:
        rules = self._rules_of(url)
        if rules.unread is not None:
            return None
        return rules.parser is None or rules.parser.can_fetch(self.agent, url)

    def unread(self, url: str) -> str:
        """Why the robots.txt of ``url``'s host could not be read, when it could not."""
        return self._rules_of(url).unread or ""

    def _rules_of(self, url: str) -> _Rules:
        parts = urlsplit(url)
        return self._for(f"{parts.scheme}://{parts.netloc}", parts.netloc.lower())

    def _for(self, origin: str, host: str) -> _Rules:
        with self._lock:
            rules = self._rules.get(host)
        if rules is not None and rules.until > time.monotonic():
            return rules
        rules = self._learn(origin, host)
        with self._lock:
            self._rules[host] = rules
        return rules

    def _learn(self, origin: str, host: str) -> _Rules:
        answer = self.read(f"{origin}/robots.txt")
        now = time.monotonic()
        if isinstance(answer, str) or answer[0] >= 500:
            why = answer if isinstance(answer, str) else f"HTTP {answer[0]}"
            return _Rules(None, unread=why, until=now + ROBOTS_UNREACHABLE_KEPT)
        status, text = answer
        if status >= 400:
            return _Rules(None, unread=None, until=now + ROBOTS_KEPT)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.agent)
        if delay:
            self.gate.slow_down(host, float(delay))
        return _Rules(parser, unread=None, until=now + ROBOTS_KEPT)

    def forget(self, now: float | None = None) -> None:
        """Drop expired rules, so a months-long watch over changing hosts stays small."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._rules = {h: r for h, r in self._rules.items() if r.until > now}
