"""What a story gained since a time, through the API (``?since=``) and on its web page:
a store filled in two steps, its toll revised by the second report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from helpers import store_in_two_steps
from storyline.serve import create_app


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    db, between = store_in_two_steps(tmp_path_factory.mktemp("history"))
    with TestClient(create_app(db)) as client:
        yield client, between.isoformat() + "Z"


def test_the_api_says_what_changed_since(served: tuple[TestClient, str]) -> None:
    client, between = served
    data = client.get("/api/stories/1", params={"since": between}).json()
    (change,) = [c for c in data["since"]["changes"] if c["about"] == "killed people"]
    assert (change["before"], change["after"]) == ("12", "15")
    assert change["first"]["source"]["outlet"] == "Daily Lantern"
    assert change["behind"] == ["Coast Courier"]
    assert data["since"]["new_outlets"] == ["Daily Lantern"]
    assert [m["stored_at"] is not None for m in data["members"]] == [True, True]


def test_the_api_reads_a_time_in_its_own_zone(served: tuple[TestClient, str]) -> None:
    client, between = served
    moment = dt.datetime.fromisoformat(between.removesuffix("Z")).replace(tzinfo=dt.UTC)
    east = moment.astimezone(dt.timezone(dt.timedelta(hours=5))).isoformat()
    data = client.get("/api/stories/1", params={"since": east}).json()
    assert data["since"]["new_outlets"] == ["Daily Lantern"]


def test_without_since_there_is_no_history(served: tuple[TestClient, str]) -> None:
    client, _ = served
    assert "since" not in client.get("/api/stories/1").json()


def test_a_since_that_is_not_a_time_is_a_422(served: tuple[TestClient, str]) -> None:
    client, _ = served
    assert client.get("/api/stories/1", params={"since": "soon"}).status_code == 422


def test_the_story_page_opens_with_what_is_new(served: tuple[TestClient, str]) -> None:
    client, between = served
    page = client.get("/stories/1", params={"since": between}).text
    assert "New since" in page
    assert "killed people: 12 → <strong>15</strong>" in page
    assert "still an older value: Coast Courier" in page


def test_the_list_by_activity_since_a_time_and_by_outlet(served: tuple[TestClient, str]) -> None:
    client, between = served
    by_activity = client.get("/api/stories", params={"order": "activity"}).json()
    assert by_activity["total"] == 1
    assert client.get("/api/stories", params={"since": between}).json()["total"] == 1
    later = "2999-01-01T00:00:00Z"
    assert client.get("/api/stories", params={"since": later}).json()["total"] == 0
    assert client.get("/api/stories", params={"outlet": "Coast Courier"}).json()["total"] == 1
    assert client.get("/api/stories", params={"outlet": "Nobody"}).json()["total"] == 0
    assert client.get("/api/stories", params={"order": "size"}).status_code == 422


def test_the_web_list_filters_as_the_api_does(served: tuple[TestClient, str]) -> None:
    client, between = served
    page = client.get("/", params={"order": "activity", "since": "1d", "outlet": "Coast Courier"})
    assert page.status_code == 200
    assert page.text.count('class="story"') == 1
    assert '<option value="activity" selected>' in page.text
    assert '<option value="1d" selected>' in page.text
    assert 'value="Coast Courier"' in page.text
    assert client.get("/", params={"outlet": "Nobody"}).text.count('class="story"') == 0
    later = client.get("/", params={"since": "2999-01-01T00:00"})
    assert later.text.count('class="story"') == 0
    assert "since 2999-01-01T00:00" in later.text  # a time not among the spans is still shown
    assert client.get("/", params={"since": between}).text.count('class="story"') == 1


def test_a_web_list_since_that_is_not_a_time_is_a_422(served: tuple[TestClient, str]) -> None:
    client, _ = served
    page = client.get("/", params={"since": "soon"})
    assert page.status_code == 422
    assert "expects a date" in page.text


def test_the_web_list_pages_keep_its_filters() -> None:
    from storyline.serve.pages import _listing

    shown = {"order": "activity", "since": "6h", "outlet": "Coast Courier"}
    page = _listing("Stories", [], 60, page=2, base="/", shown=shown).body.decode()
    kept = "order=activity&amp;since=6h&amp;outlet=Coast+Courier&amp;page="
    assert f'href="/?{kept}1"' in page and f'href="/?{kept}3"' in page
