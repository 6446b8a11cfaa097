"""A watch over local sites (tests/sites.py) serving real feed items and real pages:
each pass stores what is new once, falls back to a feed's text where a page cannot be
had, follows home pages and sitemaps to what they list, keeps going past a broken
source, and a stopped watch goes on where it stopped without fetching anything twice."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sites import Route, Site, news_site, real_items, real_pages, rss
from storyline.errors import Reason
from storyline.fetch.client import Manners
from storyline.fetch.urls import canonical
from storyline.model import Article, SourceKind
from storyline.run import watch as watch_module
from storyline.run.watch import NESTED, PassReport, Watch, read_list, watch
from storyline.store import Store

Web = Callable[[], Site]
QUICK = Manners(delay=0.0, timeout=3.0, retries=1, backoff=0.05)


def run(store: Store, urls: list[str] | None = None, **options: object) -> PassReport:
    """One pass (``watch --once``) with sources due at once; its report."""
    reports: list[PassReport] = []
    ctx = Watch(store, every=0.0, manners=options.pop("manners", QUICK), workers=4)  # type: ignore[arg-type]
    for name, value in options.items():
        setattr(ctx, name, value)
    watch(ctx, urls or [], once=True, on_pass=reports.append)
    return reports[-1]


def page_hits(site: Site) -> list[str]:
    return [p for p in site.paths() if p.startswith("/news/")]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "watch.db")


def test_a_pass_stores_every_new_page(web: Web, store: Store) -> None:
    site = web()
    paths = news_site(site, 6)
    report = run(store, [site.url("/feed.xml")])
    assert (report.new, report.fetched, report.stored) == (6, 6, 6)
    assert store.count()["articles"] == 6
    assert store.known_pages([canonical(site.url(p)) or "" for p in paths]) == {
        canonical(site.url(p)) for p in paths
    }


def test_a_stored_page_keeps_its_address_without_tracking(web: Web, store: Store) -> None:
    site = web()
    news_site(site, 1)
    run(store, [site.url("/feed.xml")])
    (row,) = store.stories()
    found = store.story(row.id)
    assert found is not None
    assert found[1][0].url == site.url("/news/0.html")


def test_a_second_pass_fetches_nothing_again(web: Web, store: Store) -> None:
    site = web()
    news_site(site, 5)
    run(store, [site.url("/feed.xml")])
    report = run(store)
    assert (report.unchanged, report.new, report.stored) == (1, 0, 0)
    assert len(page_hits(site)) == 5
    assert site.hits[-1].headers.get("If-None-Match") == '"v1"'


def test_a_page_that_cannot_be_had_is_stored_from_its_feed_text(web: Web, store: Store) -> None:
    site = web()
    paths = news_site(site, 3)
    site.routes[paths[1]] = Route(b"gone", status=404)
    report = run(store, [site.url("/feed.xml")])
    assert (report.fetched, report.feed_text, report.stored) == (2, 1, 3)
    members = [m for row in store.stories() for m in (store.story(row.id) or (None, []))[1]]
    fallback = [m for m in members if "feed text" in m.path]
    assert len(fallback) == 1
    assert fallback[0].url == site.url(paths[1])
    assert "404" in fallback[0].path


def test_a_page_with_no_article_in_it_is_stored_from_its_feed_text(web: Web, store: Store) -> None:
    """A video page, a paywall, a page built by script: the feed still says what it is."""
    site = web()
    paths = news_site(site, 2)
    site.routes[paths[0]] = Route(
        b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        b"<div id='player'><script>play()</script></div><footer>(c) Outlet</footer></body></html>"
    )
    report = run(store, [site.url("/feed.xml")])
    assert (report.fetched, report.feed_text, report.stored) == (1, 1, 2)
    members = [m for row in store.stories() for m in (store.story(row.id) or (None, []))[1]]
    (fallback,) = [m for m in members if "feed text" in m.path]
    assert fallback.url == site.url(paths[0])
    assert Reason.NO_ARTICLE_TEXT.value in fallback.path
    stored = store.article(fallback.id)
    assert stored is not None and stored[0].text and "Home" not in stored[0].text
    assert store.known_pages([canonical(site.url(p)) or "" for p in paths]) == {
        canonical(site.url(p)) for p in paths
    }


def test_a_page_that_breaks_the_reading_is_reported_and_the_others_stored(
    web: Web, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = web()
    paths = news_site(site, 3)
    site.routes[paths[1]] = Route(b"gone", status=404)
    real = watch_module.prepare_articles

    def brittle(articles: list[Article]) -> object:
        if any("feed text" in a.path for a in articles):
            raise ValueError("a reader's bug")
        return real(articles)

    monkeypatch.setattr(watch_module, "prepare_articles", brittle)
    report = run(store, [site.url("/feed.xml")])
    assert report.stored == 2
    (problem,) = report.problems
    assert problem.reason.startswith(Reason.FAILED.value) and "a reader's bug" in problem.reason
    assert "feed text" in problem.path


def test_one_article_under_several_addresses_is_fetched_once(web: Web, store: Store) -> None:
    site = web()
    (item,) = real_items(1)
    site.routes["/news/7.html"] = Route(real_pages(1)[0])
    links = ["/news/7.html?utm_source=rss", "/news/7.html/amp", "/news/7.html?fbclid=x"]
    entries = [(site.url(link), item["title"], item["text"]) for link in links]
    site.routes["/feed.xml"] = Route(rss("Wire", entries))
    report = run(store, [site.url("/feed.xml")])
    assert report.new == 1
    assert page_hits(site) == ["/news/7.html"]  # fetched without its tracking


def test_a_feed_that_changes_gives_only_its_new_entries(web: Web, store: Store) -> None:
    site = web()
    news_site(site, 3)
    run(store, [site.url("/feed.xml")])
    news_site(site, 5)  # the same outlet's feed, two entries more
    site.routes["/feed.xml"].etag = '"v2"'
    report = run(store)
    assert (report.new, report.stored) == (2, 2)
    assert sorted(page_hits(site)) == sorted(f"/news/{i}.html" for i in range(5))


def test_a_broken_source_is_reported_backed_off_and_the_others_go_on(
    web: Web, store: Store
) -> None:
    good, gone = web(), web()
    news_site(good, 2)
    report = run(store, [gone.url("/feed.xml"), good.url("/feed.xml")])
    assert report.stored == 2
    assert [p.path for p in report.failed] == [gone.url("/feed.xml")]
    source = next(s for s in store.sources() if s.url == gone.url("/feed.xml"))
    assert source.failures == 1 and source.error and "404" in source.error
    assert source.due_at is not None and source.checked_at is not None
    assert source.due_at > source.checked_at


def test_a_source_that_disappears_is_reported_backed_off_and_the_others_go_on(
    web: Web, store: Store
) -> None:
    good, vanishing = web(), web()
    news_site(good, 2)
    news_site(vanishing, 2, outlet="BBC News")
    first = run(store, [good.url("/feed.xml"), vanishing.url("/feed.xml")])
    assert (first.stored, first.failed) == (4, [])
    vanishing.close()  # the host is gone: nothing answers on its port
    second = run(store)
    assert second.unchanged == 1  # the other source was still asked
    assert [p.path for p in second.failed] == [vanishing.url("/feed.xml")]
    source = next(s for s in store.sources() if s.url == vanishing.url("/feed.xml"))
    assert source.failures == 1 and source.error and Reason.UNREACHABLE.value in source.error
    assert source.due_at is not None and source.checked_at is not None
    assert source.due_at > source.checked_at
    assert store.count()["articles"] == 4  # what it gave before is kept


def test_a_feed_that_lists_nothing_yet_is_asked_again_at_once(web: Web, store: Store) -> None:
    site = web()
    site.routes["/feed.xml"] = Route(
        rss("The Guardian", []), headers={"Content-Type": "application/rss+xml"}, etag='"v0"'
    )
    first = run(store, [site.url("/feed.xml")])
    assert (first.failed, first.stored) == ([], 0)
    (source,) = store.sources()
    assert (source.failures, source.error) == (0, None)
    news_site(site, 3)  # the outlet's first entries
    assert run(store).stored == 3


def test_a_source_that_is_not_one_is_reported(web: Web, store: Store) -> None:
    site = web()
    site.routes["/notes.txt"] = Route(b"just some words", headers={"Content-Type": "text/plain"})
    report = run(store, [site.url("/notes.txt")])
    assert [p.reason for p in report.failed] == [Reason.NOT_A_SOURCE]


def test_a_home_page_leads_to_its_feed(web: Web, store: Store) -> None:
    site = web()
    news_site(site, 2)
    home = b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    site.routes["/"] = Route(home + b"</head><body>News</body></html>")
    first = run(store, [site.url("/")])
    assert first.found == 1
    feed = next(s for s in store.sources() if s.url == site.url("/feed.xml"))
    assert feed.origin == site.url("/")
    second = run(store)
    assert second.stored == 2
    site_source = next(s for s in store.sources() if s.url == site.url("/"))
    assert site_source.kind is SourceKind.SITE


def test_a_news_sitemap_lists_pages_with_their_titles(web: Web, store: Store) -> None:
    site = web()
    site.routes["/news/1.html"] = Route(real_pages(1)[0])
    site.routes["/sitemap.xml"] = Route(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>'
        + site.url("/news/1.html").encode()
        + b"</loc><news:news><news:publication_date>2023-10-07</news:publication_date>"
        b"<news:title>Harbour ferry returns</news:title></news:news></url></urlset>",
        headers={"Content-Type": "application/xml"},
    )
    report = run(store, [site.url("/sitemap.xml")])
    assert report.stored == 1
    (row,) = store.stories()
    assert row.headline == "Harbour ferry returns"
    assert str(row.first_seen) == "2023-10-07"


def test_a_sitemap_index_leads_to_its_newest_sitemaps(web: Web, store: Store) -> None:
    site = web()
    entries = "".join(
        f"<sitemap><loc>/s{day}.xml</loc><lastmod>2023-10-{day:02d}</lastmod></sitemap>"
        for day in range(1, 6)
    )
    site.routes["/index.xml"] = Route(
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>".encode(),
        headers={"Content-Type": "text/xml"},
    )
    report = run(store, [site.url("/index.xml")])
    assert report.found == NESTED
    found = {s.url for s in store.sources() if s.origin}
    assert found == {site.url(f"/s{day}.xml") for day in (5, 4, 3)}


def test_a_stopped_watch_goes_on_where_it_stopped(web: Web, store: Store) -> None:
    site = web()
    paths = news_site(site, 8)
    for path in paths:
        site.routes[path].delay = 0.15
    stop = threading.Event()
    threading.Timer(0.6, stop.set).start()
    first = run(store, [site.url("/feed.xml")], stop=stop)
    assert 0 < first.stored < 8
    assert store.count()["articles"] == first.stored
    second = run(store)
    assert first.stored + second.stored == 8
    assert sorted(page_hits(site)) == sorted(paths)


def test_hosts_are_fetched_in_parallel_and_each_politely(web: Web, store: Store) -> None:
    sites = [web(), web()]
    for site in sites:
        news_site(site, 4)
    manners = Manners(delay=0.25, timeout=3.0)
    report = run(store, [s.url("/feed.xml") for s in sites], manners=manners)
    assert report.stored == 8
    assert all(site.violations(0.25) == 0 for site in sites)
    # six requests a host (robots.txt, feed, four pages) at 0.25 s apart, hosts at once
    assert report.seconds < 2 * 6 * 0.25


def test_fetched_results_wait_in_a_bounded_queue(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_module, "QUEUED", 2)
    ctx = Watch(store, workers=4)
    done: list[str] = []
    urls = [f"https://host{i}.example/feed.xml" for i in range(40)]
    results = watch_module.by_host(urls, str, lambda url: done.append(url) or url, ctx)
    first = next(r for _, r in results if r is not None)
    time.sleep(0.3)  # the workers run ahead only as far as the queue lets them
    assert len(done) <= 1 + 2 + 4
    rest = [r for _, r in results if r is not None]
    assert sorted([first, *rest]) == sorted(urls)
    again = watch_module.by_host(urls, str, str, ctx)
    next(again)
    closing = threading.Thread(target=again.close)  # a caller that gives up early
    closing.start()
    closing.join(5.0)
    assert not closing.is_alive()


def test_a_list_of_sources_reports_its_bad_lines(tmp_path: Path) -> None:
    listed = tmp_path / "sources.txt"
    listed.write_text("# feeds\nhttps://example.com/feed.xml\n\nmailto:desk@example.com\n")
    urls, problems = read_list(listed)
    assert urls == ["https://example.com/feed.xml"]
    assert [p.path for p in problems] == [f"{listed}:4"]
