"""The REST API over the store (serve/api.py, serve/app.py): every endpoint, pagination,
search, the write path with its token, clear 4xx errors on bad requests, and another
writer beside the server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from helpers import AUTH
from storyline.run.ingest import ingest
from storyline.serve import create_app
from storyline.store import Store

NEW = {
    "text": "Flood barriers on the river Olm held overnight as the water reached 6.1 metres, "
    "the highest level in forty years, the regional water board said on Tuesday.",
    "outlet": "Olm Courier",
    "title": "Olm flood barriers hold",
    "published": "2026-03-03",
}


def test_list_pages_through_every_story(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 2}).json()
    assert first["total"] >= 3 and len(first["items"]) == 2 and first["next_offset"] == 2
    rest = client.get("/api/stories", params={"limit": 2, "offset": 2}).json()
    ids = [s["id"] for s in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == first["total"]
    story = first["items"][0]
    assert {"headline", "outlets", "articles", "first_seen", "last_seen"} <= set(story)


def test_search_finds_the_story_by_its_words(client: TestClient) -> None:
    found = client.get("/api/stories", params={"q": "footbridge harbour"}).json()
    assert found["total"] == 1
    assert "footbridge" in found["items"][0]["headline"].casefold()  # the bridge story


def test_search_without_a_match_finds_nothing(client: TestClient) -> None:
    assert client.get("/api/stories", params={"q": "zzqxv"}).json()["total"] == 0


def test_search_syntax_in_a_query_is_just_words(client: TestClient) -> None:
    """FTS syntax in a visitor's query is just words, never an error."""
    assert client.get("/api/stories", params={"q": 'harbour" OR NEAR('}).status_code == 200


def test_a_story_comes_with_its_brief_in_the_cli_contract(client: TestClient) -> None:
    (item,) = client.get("/api/stories", params={"q": "footbridge"}).json()["items"]
    story = client.get(f"/api/stories/{item['id']}").json()
    assert story["id"] == item["id"] and story["members"]
    brief = story["brief"]
    # the server's file names stay private
    assert "path" not in story["members"][0] and "path" not in brief["articles"][0]
    assert {"summary", "sentences", "articles", "facts", "timeline", "coverage"} <= set(brief)
    source = brief["sentences"][0]["sources"][0]
    text = brief["articles"][source["article"]]["text"]
    assert brief["sentences"][0]["text"][:30] in text[source["start"] : source["end"]]
    assert any(f["status"] == "conflicting" for f in brief["facts"])


def test_an_article_and_an_outlets_coverage(client: TestClient) -> None:
    (item,) = client.get("/api/stories", params={"q": "footbridge"}).json()["items"]
    member = client.get(f"/api/stories/{item['id']}").json()["members"][0]
    article = client.get(f"/api/articles/{member['id']}").json()
    assert article["story"] == item["id"] and article["text"]
    coverage = client.get(f"/api/outlets/{article['outlet']}").json()
    assert item["id"] in [s["id"] for s in coverage["items"]]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/stories/987654", 404),
        ("/api/stories/abc", 422),
        ("/api/articles/0000000000000000", 404),
        ("/api/outlets/No Such Outlet", 404),
        ("/api/stories?limit=0", 422),
        ("/api/stories?limit=1000", 422),
        ("/api/stories?offset=-1", 422),
        ("/api/stories?q=" + "x" * 300, 422),
        ("/api/nothing-here", 404),
    ],
)
def test_bad_reads_get_clear_errors(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and error["message"]


def test_writes_need_the_token(client: TestClient) -> None:
    missing = client.post("/api/articles", json={"articles": [NEW]})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"


def test_a_write_with_a_wrong_token_is_forbidden(client: TestClient) -> None:
    body = {"articles": [NEW]}
    wrong = client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


def test_posted_articles_take_the_ingest_path(client: TestClient) -> None:
    before = client.get("/api/stories").json()["total"]
    posted = client.post("/api/articles", json={"articles": [NEW]}, headers=AUTH)
    assert posted.status_code == 201
    result = posted.json()
    assert result["stored"] == 1 and result["new_stories"] == 1
    story = result["articles"][0]["story"]
    assert client.get("/api/stories").json()["total"] == before + 1
    assert (
        client.get("/api/stories", params={"q": "Olm barriers"}).json()["items"][0]["id"] == story
    )
    again = client.post("/api/articles", json={"articles": [NEW]}, headers=AUTH).json()
    assert again["stored"] == 0 and again["already"] == 1
    assert again["articles"][0]["story"] == story  # re-posting changes nothing


FRENCH = {
    "text": "Les digues de l'Olm ont tenu cette nuit alors que l'eau atteignait 6,1 mètres, "
    "le niveau le plus haut depuis quarante ans, a indiqué mardi l'agence de l'eau.",
    "outlet": "Le Courrier de l'Olm",
    "title": "Les digues de l'Olm tiennent",
    "published": "2026-03-03",
}


def test_a_posted_reports_language_is_shown_by_the_api_and_the_page(client: TestClient) -> None:
    posted = client.post("/api/articles", json={"articles": [FRENCH]}, headers=AUTH).json()
    story = posted["articles"][0]["story"]
    shown = client.get(f"/api/stories/{story}").json()
    assert "fr" in shown["languages"]
    assert any(a["lang"] == "fr" for a in shown["brief"]["articles"])
    page = client.get(f"/stories/{story}").text
    assert '<span class="languages">' in page and "fr" in page.split('class="languages">')[1][:20]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[]", 422),
        (b'{"articles": []}', 422),
        (b'{"articles": [{"text": 42}]}', 422),
        (b'{"articles": "many"}', 422),
        (b"x" * 300_000, 413),
    ],
)
def test_bad_writes_get_clear_errors(client: TestClient, body: bytes, status: int) -> None:
    headers = AUTH | {"Content-Type": "application/json"}
    response = client.post("/api/articles", content=body, headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_an_article_without_text_is_reported_not_stored(client: TestClient) -> None:
    result = client.post(
        "/api/articles", json={"articles": [{"outlet": "x"}, NEW | {"title": "x"}]}, headers=AUTH
    ).json()
    assert "problem" in result["articles"][0]
    assert result["articles"][1]["story"] is not None


def test_an_article_with_only_a_headline_is_stored(client: TestClient) -> None:
    result = client.post(
        "/api/articles", json={"articles": [{"title": "Tram line approved"}]}, headers=AUTH
    ).json()
    assert "problem" not in result["articles"][0]
    assert result["articles"][0]["story"] is not None


def test_a_streamed_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b" " * 10_000

    headers = AUTH | {"Content-Type": "application/json"}
    response = client.post("/api/articles", content=chunks(), headers=headers)
    assert response.status_code == 413


def test_writes_are_off_without_a_token(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "s.db", token="")) as c:
        response = c.post("/api/articles", json={"articles": [NEW]}, headers=AUTH)
    assert response.status_code == 403
    assert "STORYLINE_TOKEN" in response.json()["error"]["message"]


def test_the_api_is_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story}", "/api/articles"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()


def test_an_ingest_running_beside_the_server_is_seen_and_writes_do_not_clash(
    client: TestClient, tmp_path: Path
) -> None:
    """Another writer (a `storyline ingest` process) adds stories while the server runs:
    the list shows them, and the server's own writes rebuild their state first."""
    db = client.app.state.storyline.store.url  # type: ignore[attr-defined]
    other = tmp_path / "other.jsonl"
    other.write_text(
        json.dumps(
            {
                "text": "The Karst valley railway reopened on Friday after a landslide closed "
                "it for eleven days, the operator said.",
                "outlet": "Karst Post",
                "title": "Karst valley railway reopens",
            }
        )
        + "\n"
    )
    before = client.get("/api/stories").json()["total"]
    with Store(db) as store:
        ingest([other], store)
    assert client.get("/api/stories").json()["total"] == before + 1
    assert client.get("/api/stories", params={"q": "Karst railway"}).json()["total"] == 1
    posted = client.post(
        "/api/articles",
        json={
            "articles": [
                NEW
                | {
                    "title": "Olm level falls",
                    "text": NEW["text"] + " The level fell on Wednesday.",
                }
            ]
        },
        headers=AUTH,
    )
    assert posted.status_code == 201 and posted.json()["stored"] == 1
