"""The web pages (serve/pages.py, serve/templates/, serve/app.py): what an article brings
is escaped and no script but our own runs, no file name of the server is shown, errors
are pages, the stylesheet is the HTML brief's, and no request reaches a file outside the
static folder."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from helpers import AUTH, EXAMPLES, HOSTILE


@pytest.fixture(scope="module")
def hostile(client: TestClient) -> int:
    """The story of an article that tries to run script, posted through the API."""
    story = client.post("/api/articles", json={"articles": [HOSTILE]}, headers=AUTH).json()
    return story["articles"][0]["story"]


def test_a_story_page_shows_no_file_name(client: TestClient) -> None:
    """The server's file names stay private (the API's story: tests/serve/test_api.py)."""
    (item,) = client.get("/api/stories", params={"q": "footbridge"}).json()["items"]
    page = client.get(f"/stories/{item['id']}").text
    assert str(EXAMPLES) not in page and "aldren-gazette.txt" not in page


def test_pages_are_escaped(client: TestClient, hostile: int) -> None:
    page = client.get(f"/stories/{hostile}")
    assert page.status_code == 200
    assert "<script>window" not in page.text and "&lt;script&gt;window" in page.text
    assert "<img src=x" not in page.text and 'href="javascript:' not in page.text


def test_script_is_only_our_own(client: TestClient, hostile: int) -> None:
    page = client.get(f"/stories/{hostile}")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_list_escapes_a_hostile_title(client: TestClient, hostile: int) -> None:
    listed = client.get("/", params={"q": "Brask"})
    assert "&lt;img src=x onerror=window.pwned=3&gt;" in listed.text


def test_page_errors_are_pages(client: TestClient) -> None:
    response = client.get("/stories/987654")
    assert response.status_code == 404 and "<h1>404</h1>" in response.text


def test_pages_link_the_stylesheet_the_html_brief_inlines(client: TestClient) -> None:
    from storyline.render.html import sections_css

    assert '<link rel="stylesheet" href="/static/brief.css">' in client.get("/").text
    served = client.get("/static/brief.css")
    assert served.status_code == 200 and served.text == sections_css()
    assert client.get("/static/..%2fhtml.py").status_code == 404  # only the stylesheet's folder


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static//etc/passwd",
        "/outlets/..%2f..%2fetc%2fpasswd",
    ],
)
def test_no_request_reaches_a_file_outside_the_static_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "[project]" not in response.text and "root:" not in response.text
