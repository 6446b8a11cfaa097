"""Every request is polite and bounded, and a failure is an answer, not an exception:
each hostile case a real server can produce, served by a local one."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable

from sites import Route, Site
from storyline.errors import Reason
from storyline.fetch.client import Failure, Fetched, Fetcher, Manners

Web = Callable[[], Site]
QUICK = Manners(delay=0.0, timeout=2.0, retries=2, backoff=0.05, max_bytes=200_000)


def fetch(url: str, manners: Manners = QUICK, **conditional: str) -> Fetched | Failure:
    fetcher = Fetcher(manners)
    try:
        return fetcher.get(url, **conditional)
    finally:
        fetcher.close()


def test_a_page_is_fetched_with_a_user_agent_naming_the_project(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(b"<html><body>hello</body></html>")
    got = fetch(site.url("/a"))
    assert isinstance(got, Fetched)
    assert got.body == b"<html><body>hello</body></html>"
    assert site.hits[-1].headers["User-Agent"].startswith("storyline/")


def test_a_missing_page_is_a_lasting_failure_and_not_retried(web: Web) -> None:
    site = web()
    got = fetch(site.url("/gone"))
    assert isinstance(got, Failure)
    assert got.lasting and got.status == 404
    assert site.paths().count("/gone") == 1


def test_server_errors_are_retried_with_backoff(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(b"oops", status=500, times=2, then=Route(b"<p>fine</p>"))
    got = fetch(site.url("/a"))
    assert isinstance(got, Fetched)
    assert site.paths().count("/a") == 3


def test_retries_are_bounded(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(b"oops", status=503)
    got = fetch(site.url("/a"))
    assert isinstance(got, Failure) and not got.lasting
    assert site.paths().count("/a") == QUICK.retries + 1


def test_a_429_is_answered_after_its_retry_after(web: Web) -> None:
    site = web()
    busy = Route(b"slow down", status=429, headers={"Retry-After": "1"})
    site.routes["/a"] = Route(busy.body, 429, busy.headers, times=1, then=Route(b"<p>ok</p>"))
    got = fetch(site.url("/a"))
    assert isinstance(got, Fetched)
    first, second = [h for h in site.hits if h.path == "/a"]
    assert second.start - first.end >= 0.95


def test_a_long_retry_after_is_not_waited_for_in_place(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(b"later", status=503, headers={"Retry-After": "3600"})
    started = time.monotonic()
    got = fetch(site.url("/a"))
    assert isinstance(got, Failure) and got.retry_after == 3600
    assert time.monotonic() - started < 1.5
    assert site.paths().count("/a") == 1


def test_a_redirect_loop_is_cut(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    got = fetch(site.url("/a"))
    assert isinstance(got, Failure) and got.reason == Reason.REDIRECTS
    assert len([p for p in site.paths() if p in ("/a", "/b")]) == QUICK.max_redirects + 1


def test_a_redirect_is_followed_and_its_address_kept(web: Web) -> None:
    site = web()
    site.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Route(b"<p>moved</p>")
    got = fetch(site.url("/old"))
    assert isinstance(got, Fetched) and got.url == site.url("/new")


def test_a_redirect_off_the_web_is_refused(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    got = fetch(site.url("/a"))
    assert isinstance(got, Failure) and got.reason.startswith(Reason.NOT_HTTP)


def test_a_huge_body_is_cut_at_the_cap(web: Web) -> None:
    site = web()
    site.routes["/big"] = Route(b"x" * (QUICK.max_bytes + 1))
    got = fetch(site.url("/big"))
    assert isinstance(got, Failure) and got.reason == Reason.TOO_LARGE


def test_a_huge_body_without_a_length_is_cut_at_the_cap(web: Web) -> None:
    site = web()
    body = b"y" * (QUICK.max_bytes * 3)
    site.routes["/big"] = Route(body, sized=False)
    got = fetch(site.url("/big"))
    assert isinstance(got, Failure) and got.reason == Reason.TOO_LARGE


def test_a_gzip_bomb_stops_at_the_cap(web: Web) -> None:
    site = web()
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < QUICK.max_bytes
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    site.routes["/bomb"] = Route(bomb, headers=headers)
    got = fetch(site.url("/bomb"))
    assert isinstance(got, Failure) and got.reason == Reason.TOO_LARGE


def test_a_gzipped_page_is_inflated(web: Web) -> None:
    site = web()
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    site.routes["/z"] = Route(gzip.compress(b"<p>small</p>"), headers=headers)
    got = fetch(site.url("/z"))
    assert isinstance(got, Fetched) and got.body == b"<p>small</p>"


def test_a_wrong_content_type_is_refused(web: Web) -> None:
    site = web()
    site.routes["/img"] = Route(b"\x89PNG....", headers={"Content-Type": "image/png"})
    got = fetch(site.url("/img"))
    assert isinstance(got, Failure) and got.reason.startswith(Reason.WRONG_TYPE) and got.lasting


def test_a_slow_answer_times_out(web: Web) -> None:
    site = web()
    site.routes["/slow"] = Route(b"<p>late</p>", delay=1.5)
    manners = Manners(delay=0.0, timeout=0.5, retries=0)
    got = fetch(site.url("/slow"), manners)
    assert isinstance(got, Failure) and got.reason == Reason.TIMEOUT and not got.lasting


def test_a_conditional_request_that_finds_nothing_new_is_a_304(web: Web) -> None:
    site = web()
    site.routes["/feed"] = Route(b"<rss/>", etag='"v1"')
    first = fetch(site.url("/feed"))
    assert isinstance(first, Fetched) and first.etag == '"v1"'
    again = fetch(site.url("/feed"), etag='"v1"')
    assert isinstance(again, Fetched) and again.status == 304
    assert site.hits[-1].headers["If-None-Match"] == '"v1"'


def test_robots_txt_is_honoured(web: Web) -> None:
    site = web()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private\n")
    site.routes["/private/a"] = Route(b"<p>secret</p>")
    got = fetch(site.url("/private/a"))
    assert isinstance(got, Failure) and got.reason == Reason.ROBOTS and got.lasting
    assert "/private/a" not in site.paths()


def test_a_redirected_robots_txt_is_followed(web: Web) -> None:
    site = web()
    site.routes["/robots.txt"] = Route(status=301, headers={"Location": "/rules/robots.txt"})
    site.routes["/rules/robots.txt"] = Route(b"User-agent: *\nDisallow: /private\n")
    site.routes["/private/a"] = Route(b"<p>secret</p>")
    site.routes["/open"] = Route(b"<p>open</p>")
    got = fetch(site.url("/private/a"))
    assert isinstance(got, Failure) and got.reason == Reason.ROBOTS
    assert isinstance(fetch(site.url("/open")), Fetched)
    assert "/private/a" not in site.paths()


def test_a_robots_txt_redirected_in_a_loop_counts_as_none(web: Web) -> None:
    site = web()
    site.routes["/robots.txt"] = Route(status=302, headers={"Location": "/robots.txt"})
    site.routes["/a"] = Route(b"<p>open</p>")
    assert isinstance(fetch(site.url("/a")), Fetched)
    assert site.paths().count("/robots.txt") == QUICK.max_redirects + 1


def test_a_site_without_robots_txt_may_be_read(web: Web) -> None:
    site = web()
    site.routes["/a"] = Route(b"<p>open</p>")
    assert isinstance(fetch(site.url("/a")), Fetched)
    assert site.paths()[0] == "/robots.txt"


def test_an_unreachable_robots_txt_forbids_everything_for_now(web: Web) -> None:
    site = web()
    site.routes["/robots.txt"] = Route(b"down", status=503)
    site.routes["/a"] = Route(b"<p>open</p>")
    got = fetch(site.url("/a"))
    assert isinstance(got, Failure) and not got.lasting
    assert got.reason == f"{Reason.ROBOTS_UNREAD.value}: HTTP 503"
    assert "/a" not in site.paths()


def test_one_host_is_asked_one_request_at_a_time_with_a_pause(web: Web) -> None:
    site = web()
    for i in range(4):
        site.routes[f"/{i}"] = Route(b"<p>x</p>")
    fetcher = Fetcher(Manners(delay=0.2, timeout=2.0))
    try:
        for i in range(4):
            assert isinstance(fetcher.get(site.url(f"/{i}")), Fetched)
    finally:
        fetcher.close()
    assert len(site.hits) == 5  # robots.txt and the four pages
    assert site.violations(0.2) == 0


def test_a_crawl_delay_slows_a_host_down(web: Web) -> None:
    site = web()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 1\n")
    site.routes["/a"] = Route(b"<p>x</p>")
    site.routes["/b"] = Route(b"<p>y</p>")
    fetcher = Fetcher(Manners(delay=0.0, timeout=2.0))
    try:
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/b"))
    finally:
        fetcher.close()
    assert site.violations(1.0) == 0


def test_an_unreachable_host_is_a_transient_failure(web: Web) -> None:
    site = web()
    url = site.url("/a")
    site.close()
    got = fetch(url, Manners(delay=0.0, timeout=1.0, retries=0))
    assert isinstance(got, Failure) and not got.lasting
    assert got.reason.startswith(f"{Reason.ROBOTS_UNREAD.value}: {Reason.UNREACHABLE.value}")


def test_hosts_done_with_are_let_go_between_passes(web: Web) -> None:
    sites = [web() for _ in range(3)]
    for site in sites:
        site.routes["/a"] = Route(b"<p>x</p>")
    fetcher = Fetcher(Manners(delay=0.05, timeout=2.0))
    try:
        for site in sites:
            fetcher.get(site.url("/a"))
        time.sleep(0.1)
        fetcher.forget()
        assert fetcher.gate._hosts == {}
        assert len(fetcher.robots._rules) == 3  # robots.txt is trusted for a day
    finally:
        fetcher.close()
