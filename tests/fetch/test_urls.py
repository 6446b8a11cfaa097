"""One article, one key: the addresses a feed, its AMP edition and its mobile site give
for one page fold into one; what is not an http(s) page has none."""

from __future__ import annotations

import pytest

from storyline.fetch.urls import canonical, clean, host

ONE_PAGE = [
    "https://www.example.com/news/flood-42",
    "https://example.com/news/flood-42?utm_source=rss&utm_medium=feed",
    "https://amp.example.com/news/flood-42",
    "https://m.example.com/news/flood-42#comments",
    "https://example.com/news/flood-42/amp",
    "https://example.com/news/flood-42?output=amp",
    "HTTPS://EXAMPLE.COM:443/news/flood-42?fbclid=abc",
]


@pytest.mark.parametrize("address", ONE_PAGE)
def test_editions_and_tracking_fold_into_one_key(address: str) -> None:
    assert canonical(address) == "https://example.com/news/flood-42"


def test_an_amp_html_file_is_its_page() -> None:
    assert canonical("https://example.com/a/story.amp.html") == "https://example.com/a/story.html"


def test_query_parameters_that_name_the_article_are_kept() -> None:
    assert canonical("https://example.com/read.php?story=9&utm_campaign=x") == (
        "https://example.com/read.php?story=9"
    )


def test_relative_links_resolve_against_their_feed() -> None:
    assert clean("/world/7", "https://news.example.org/feed.xml") == (
        "https://news.example.org/world/7"
    )


@pytest.mark.parametrize(
    "address",
    ["mailto:desk@example.com", "javascript:void(0)", "ftp://example.com/a", "http://[::1"],
)
def test_what_is_not_an_http_page_has_no_key(address: str) -> None:
    assert canonical(address) is None
    assert clean(address) is None


def test_a_two_label_host_keeps_its_first_label() -> None:
    assert canonical("https://m.com/x") == "https://m.com/x"


def test_politeness_counts_per_host_and_port() -> None:
    assert host("http://127.0.0.1:8001/a") != host("http://127.0.0.1:8002/a")
