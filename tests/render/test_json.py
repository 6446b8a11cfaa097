"""The brief as JSON, the contract (render/json.py): its keys, text kept exactly, and
every section there with spans that hold their text."""

from __future__ import annotations

import json

from helpers import EVIL, evil_brief
from storyline import as_dict
from storyline.model import Brief
from storyline.render import render_json


def test_json_round_trips_text_exactly() -> None:
    data = json.loads(render_json(evil_brief()))
    assert data["sentences"][0]["text"] == EVIL


def test_json_contract(all_briefs: list[Brief]) -> None:
    data = as_dict(all_briefs[0])
    assert set(data) == {
        "summary",
        "snippets_only",
        "unread_languages",
        "sentences",
        "articles",
        "problems",
        "facts",
        "entities",
        "timeline",
        "quotes",
        "coverage",
    }
    assert data["summary"] == "\n".join(s["text"] for s in data["sentences"])
    assert set(data["sentences"][0]) == {"text", "sources", "disputes"}
    assert set(data["sentences"][0]["sources"][0]) == {"article", "outlet", "start", "end"}
    assert set(data["articles"][0]) == {
        "id",
        "outlet",
        "path",
        "url",
        "title",
        "published",
        "body",
        "lang",
        "text",
    }
    assert data["snippets_only"] is False and data["unread_languages"] == []
    assert {a["body"] for a in data["articles"]} == {"full"}
    assert {a["lang"] for a in data["articles"]} == {"en"}
    for sentence in data["sentences"]:
        for s in sentence["sources"]:
            assert data["articles"][s["article"]]["text"][s["start"] : s["end"]]


def test_json_has_every_section(harbour_bridge: Brief) -> None:
    data = as_dict(harbour_bridge)
    for key in ("facts", "entities", "timeline", "quotes", "coverage"):
        assert data[key]
    for fact in data["facts"]:
        for s in fact["sources"]:
            assert data["articles"][s["article"]]["text"][s["start"] : s["end"]]
