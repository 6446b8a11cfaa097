"""Every request storyline makes: polite (polite.py), bounded, and never raising.

httpx sends the requests; redirects are followed here, one hop at a time, so that each
hop waits its host's turn, is checked against robots.txt and must stay http(s).
Compressed bodies are inflated here too, with zlib's output limit, so a gzip bomb stops
at the size cap instead of filling memory. A failure is a value (``Failure``) that says
whether trying again later can help.
"""

from __future__ import annotations

import email.utils
import threading
import time
import zlib
from dataclasses import dataclass
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.defaults import HOST_DELAY
from storyline.errors import Reason, describe, one_line
from storyline.fetch.polite import Answer, Gate, Robots
from storyline.fetch.urls import host

AGENT = "storyline"  # the name robots.txt rules are matched against
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})
_TEXT_TYPES = ("text/", "application/xml", "application/xhtml", "application/rss", "+xml")


@dataclass(frozen=True)
class Manners:
    """How storyline behaves towards the servers it reads; the defaults are polite."""

    delay: float = HOST_DELAY  # seconds between two requests to one host
    timeout: float = 30.0  # seconds for a whole response
    max_bytes: int = 5_000_000  # of a body, compressed or inflated
    max_redirects: int = 5
    retries: int = 2  # of a transient failure, in place
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_wait: float = 60.0  # the longest Retry-After waited for in place
    agent: str = f"{AGENT}/{version('storyline')} (news brief builder; polite watcher)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when a conditional request found nothing new
    body: bytes
    content_type: str
    etag: str | None
    modified: str | None  # Last-Modified, as the server wrote it


@dataclass(frozen=True)
class Failure:
    url: str
    reason: str
    lasting: bool = False  # trying again will not help (404, robots.txt, too large)
    retry_after: float | None = None  # seconds the server asked for
    status: int | None = None  # the HTTP status, when there was an answer


Result = Fetched | Failure


class Fetcher:
    """One per watch; thread-safe. ``stop`` cuts every wait short."""

    def __init__(
        self,
        manners: Manners | None = None,
        *,
        stop: threading.Event | None = None,
    ) -> None:
        self.manners = manners or Manners()
        self.stop = stop or threading.Event()
        self.gate = Gate(self.manners.delay, self.stop)
        self.robots = Robots(AGENT, self._robots_txt, self.gate)
        self.client = httpx.Client(
            headers={"User-Agent": self.manners.agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.manners.timeout, connect=min(10.0, self.manners.timeout)),
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def forget(self) -> None:
        """Let go of what is kept per host and is no longer needed (between passes)."""
        self.gate.forget()
        self.robots.forget()

    def get(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Result:
        """GET with the conditional headers given, retried in place while the failure is
        transient and the wait short."""
        headers = {"If-None-Match": etag} if etag else {}
        if modified:
            headers["If-Modified-Since"] = modified
        result: Result = Failure(url, "not tried")
        for attempt in range(self.manners.retries + 1):
            result = self._follow(url, headers)
            if isinstance(result, Fetched) or result.lasting or attempt == self.manners.retries:
                break
            wait = self.manners.backoff * 2**attempt
            if result.retry_after is not None:
                if result.retry_after > self.manners.max_wait:
                    break
                wait = max(wait, result.retry_after)
            if self.stop.wait(wait):
                break
        return result

    def _follow(self, url: str, headers: dict[str, str]) -> Result:
        for _ in range(self.manners.max_redirects + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                return Failure(url, describe(Reason.NOT_HTTP, url[:100]), lasting=True)
            allowed = self.robots.allowed(url)
            if allowed is None:
                return Failure(url, describe(Reason.ROBOTS_UNREAD, self.robots.unread(url)))
            if not allowed:
                return Failure(url, Reason.ROBOTS.value, lasting=True)
            step = self._turn(url, headers)
            if not isinstance(step, str):
                return step
            url = urljoin(url, step)
        return Failure(url, Reason.REDIRECTS.value, lasting=True)

    def _turn(self, url: str, headers: dict[str, str]) -> Result | str:
        """One request in its host's turn: the result, or where a redirect points."""
        with self.gate.turn(host(url)) as go:
            if not go:
                return Failure(url, Reason.STOPPED.value)
            result = self._request(url, headers)
        if isinstance(result, Failure) and result.retry_after:
            self.gate.hold(host(url), min(result.retry_after, self.manners.max_wait))
        return result

    def _request(self, url: str, headers: dict[str, str]) -> Result | str:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response)
        except httpx.TimeoutException:
            return Failure(url, Reason.TIMEOUT.value)
        except (httpx.HTTPError, zlib.error, ValueError) as e:
            return Failure(url, describe(Reason.UNREACHABLE, one_line(e)))

    def _answer(self, url: str, response: httpx.Response) -> Result | str:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            return location or Failure(url, describe(Reason.HTTP_STATUS, f"{status}, no Location"))
        if status == 304:
            return self._fetched(url, response, b"")
        if not 200 <= status < 300:
            return Failure(
                url,
                describe(Reason.HTTP_STATUS, str(status)),
                lasting=status not in _TRANSIENT,
                retry_after=_retry_after(response.headers.get("retry-after")),
                status=status,
            )
        kind = response.headers.get("content-type", "").lower()
        if kind and not any(t in kind for t in _TEXT_TYPES):
            return Failure(url, describe(Reason.WRONG_TYPE, kind.split(";")[0]), lasting=True)
        body = self._body(response)
        if body is None:
            return Failure(url, Reason.TOO_LARGE.value, lasting=True)
        return self._fetched(url, response, body)

    def _body(self, response: httpx.Response) -> bytes | None:
        """The inflated body, or None past the size cap or the time limit."""
        cap, deadline = self.manners.max_bytes, time.monotonic() + self.manners.timeout
        if int(response.headers.get("content-length") or 0) > cap:
            return None
        coding = response.headers.get("content-encoding", "").lower()
        inflate = zlib.decompressobj(47) if coding in ("gzip", "x-gzip", "deflate") else None
        body, raw = bytearray(), 0
        for chunk in response.iter_raw():
            raw += len(chunk)
            if inflate is not None:
                chunk = inflate.decompress(chunk, cap + 1 - len(body))
            body += chunk
            if raw > cap or len(body) > cap or time.monotonic() > deadline:
                return None
        if inflate is not None:
            body += inflate.flush()
        return bytes(body) if len(body) <= cap else None

    @staticmethod
    def _fetched(url: str, response: httpx.Response, body: bytes) -> Fetched:
        return Fetched(
            url=url,
            status=response.status_code,
            body=body,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            modified=response.headers.get("last-modified"),
        )

    def _robots_txt(self, url: str) -> Answer:
        """RFC 9309: redirects are followed (to another host too, each hop in its host's
        turn); a robots.txt past the redirect cap, or off the web, counts as none."""
        for _ in range(self.manners.max_redirects + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                return 404, ""
            with self.gate.turn(host(url)) as go:
                if not go:
                    return Reason.STOPPED.value
                result = self._request(url, {})
            if not isinstance(result, str):
                break
            url = urljoin(url, result)
        else:
            return 404, ""
        if isinstance(result, Fetched):
            return result.status, result.body.decode("utf-8", "replace")
        return result.reason if result.status is None else (result.status, "")


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, given as seconds or as an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
