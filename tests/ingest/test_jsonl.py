"""The JSONL reader (ingest/jsonl.py): a record's metadata kept, each bad line reported
by its number while the rest is read, a truncated gzip stream read to its break, and an
overlong line skipped."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from helpers import TRAM, read, write
from storyline.errors import Reason
from storyline.model import Body


def test_jsonl_metadata_is_kept(tmp_path: Path) -> None:
    record = {
        "html": f"<p>{TRAM}</p>",
        "url": "https://www.bbc.co.uk/news/x",
        "title": "Tram line approved",
        "published": "2024-03-05T10:00:00Z",
    }
    (article,), _ = read(write(tmp_path / "x.jsonl", json.dumps(record)))
    assert (article.outlet, article.title, article.published, article.kind) == (
        "BBC",
        "Tram line approved",
        dt.date(2024, 3, 5),
        "html",
    )


def test_malformed_jsonl_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": TRAM}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"outlet": "no body, no title"}),
        json.dumps({"text": TRAM + " Again."}),
    ]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    articles, problems = read(path)
    assert len(articles) == 2
    assert [(p.path, p.reason.split(":")[0]) for p in problems] == [
        (f"{path}:2", "malformed JSON"),
        (f"{path}:3", "JSON line is not an object"),
        (f"{path}:4", "no 'text' or 'html' field"),
    ]


def test_truncated_gzip_jsonl_keeps_lines_before_the_break(tmp_path: Path) -> None:
    data = "\n".join(json.dumps({"text": f"{TRAM} Line {i}."}) for i in range(200)).encode()
    path = write(tmp_path / "dump.jsonl.gz", gzip.compress(data)[:-40])
    articles, problems = read(path)
    assert len(articles) > 100
    assert [p.reason.split(":")[0] for p in problems] == ["truncated or corrupt gzip stream"]


@pytest.mark.parametrize(
    "record", [{"text": ""}, {"text": " \n\t "}, {"html": "  "}, {"text": "", "html": "\n"}]
)
def test_a_blank_body_is_reported_as_blank_not_missing(
    tmp_path: Path, record: dict[str, str]
) -> None:
    path = write(tmp_path / "dump.jsonl", json.dumps(record | {"outlet": "Marrow Post"}) + "\n")
    articles, problems = read(path)
    assert articles == []
    assert [(p.path, p.reason) for p in problems] == [(f"{path}:1", Reason.EMPTY_BODY.value)]


@pytest.mark.parametrize("record", [{}, {"text": " \n "}, {"html": ""}])
def test_a_record_with_only_a_headline_is_a_headline_only_article(
    tmp_path: Path, record: dict[str, str]
) -> None:
    line = json.dumps(record | {"title": " Tram line\napproved ", "outlet": "Marrow Post"})
    articles, problems = read(write(tmp_path / "dump.jsonl", line + "\n"))
    assert problems == []
    assert [(a.title, a.outlet, a.text, a.body) for a in articles] == [
        ("Tram line approved", "Marrow Post", "", Body.HEADLINE)
    ]


def test_overlong_jsonl_line_is_skipped_and_the_next_read(tmp_path: Path, monkeypatch) -> None:
    from storyline.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 500)
    lines = [json.dumps({"text": TRAM * 50}), json.dumps({"text": TRAM})]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    articles, problems = read(path)
    assert [a.raw for a in articles] == [TRAM]
    assert problems[0].path == f"{path}:1" and "longer than the limit" in problems[0].reason
