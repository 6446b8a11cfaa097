from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import write
from storyline.errors import Reason
from storyline.ingest import read_paths
from storyline.ingest.decode import decode
from storyline.ingest.outlet import infer_outlet
from storyline.model import Article, Problem

BODY = (
    "The city council approved the new tram line on Monday after a debate that lasted "
    "most of the night, officials said.\n\nConstruction is due to start next spring."
)


def read(*paths: Path) -> tuple[list[Article], list[Problem]]:
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


def test_text_html_jsonl_and_gzip_all_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(
        tmp_path / "b.html",
        f"<html><head><title>Tram</title></head><body><p>{BODY}</p></body></html>",
    )
    write(tmp_path / "c.jsonl", json.dumps({"text": BODY, "outlet": "Tram Times"}) + "\n")
    write(tmp_path / "sub" / "d.txt.gz", gzip.compress(BODY.encode()))
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.kind for a in articles] == ["text", "html", "text", "text"]
    assert all(a.raw for a in articles)


def test_jsonl_metadata_is_kept(tmp_path: Path) -> None:
    record = {
        "html": f"<p>{BODY}</p>",
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


def test_latin1_and_mixed_encodings_decode(tmp_path: Path) -> None:
    latin = "Le maire a annoncé la décision à Besançon, après un vote serré au conseil."
    write(tmp_path / "latin.txt", latin.encode("latin-1"))
    mixed = (
        "Caf\u00e9 owners said \u201cyes\u201d.\n".encode()
        + "Na\u00efve r\u00e9sum\u00e9 line.\n".encode("cp1252")
    )
    write(tmp_path / "mixed.txt", mixed)
    articles, problems = read(tmp_path)
    assert problems == []
    texts = {Path(a.path).name: a.raw for a in articles}
    assert "Besançon" in texts["latin.txt"]
    assert "“yes”" in texts["mixed.txt"] and "résumé" in texts["mixed.txt"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.html", b"   \n\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
        ("cut.txt.gz", gzip.compress(BODY.encode())[:-12], "truncated or corrupt gzip"),
        ("fake.txt.gz", b"this is not gzip at all", "truncated or corrupt gzip"),
    ],
)
def test_bad_files_are_reported_with_path_and_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path / "good.txt", BODY)
    bad = write(tmp_path / name, data)
    articles, problems = read(tmp_path)
    assert [Path(a.path).name for a in articles if a.path.endswith("good.txt")] == ["good.txt"]
    assert any(p.path == str(bad) and reason in p.reason for p in problems), problems


def test_malformed_jsonl_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": BODY + " Again."}),
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
    data = "\n".join(json.dumps({"text": f"{BODY} Line {i}."}) for i in range(200)).encode()
    path = write(tmp_path / "dump.jsonl.gz", gzip.compress(data)[:-40])
    articles, problems = read(path)
    assert len(articles) > 100
    assert [p.reason.split(":")[0] for p in problems] == ["truncated or corrupt gzip stream"]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    _, problems = read(tmp_path / "nope.txt")
    assert problems[0].reason == "no such file or directory"


@pytest.mark.parametrize("special", ["fifo", "link to /dev/zero"])
def test_a_special_file_is_reported_as_one_and_never_read(tmp_path: Path, special: str) -> None:
    """A FIFO waits for a writer and /dev/zero never ends, so neither is opened; in a
    directory it was once skipped without a word, named it was "no such file"."""
    from storyline.ingest.parts import parts

    good = write(tmp_path / "good.txt", BODY)
    odd = tmp_path / "odd.txt"
    if special == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    expected = [(str(odd), Reason.NOT_REGULAR.value)]
    for inputs in ([tmp_path], [good, odd]):
        articles, problems = read(*inputs)
        assert [a.path for a in articles] == [str(good)]
        assert [(p.path, p.reason) for p in problems] == expected
        cut = list(parts(inputs))
        assert [(p.path, p.reason) for p in cut if isinstance(p, Problem)] == expected


@pytest.mark.parametrize(
    "record", [{"text": ""}, {"text": " \n\t "}, {"html": "  "}, {"text": "", "html": "\n"}]
)
def test_a_blank_body_is_reported_as_blank_not_missing(
    tmp_path: Path, record: dict[str, str]
) -> None:
    path = write(tmp_path / "dump.jsonl", json.dumps(record | {"title": "Tram line"}) + "\n")
    articles, problems = read(path)
    assert articles == []
    assert [(p.path, p.reason) for p in problems] == [(f"{path}:1", Reason.EMPTY_BODY.value)]


@pytest.mark.parametrize(
    ("text", "url", "declared", "expected"),
    [
        ("Body text.", "https://www.theguardian.com/world/x", "Guardian website", "The Guardian"),
        ("Body text.", "https://news.example.org/x", "Example News", "Example News"),
        ("Body text.", "https://news.example.org/x", None, "news.example.org"),
        ("Body. - See more at: Daily Planet    Gallery", None, None, "Daily Planet"),
        ("FRANCE24's editor said so. Photo: AFP", None, None, "France24"),
        ("Nothing to go on here.", None, None, "story-01"),
    ],
)
def test_outlet_inference(text: str, url: str | None, declared: str | None, expected: str) -> None:
    assert infer_outlet("dir/story-01.txt", text, url=url, declared=declared) == expected


def test_seed_metadata(seeds: Path) -> None:
    articles, _ = read(seeds)
    assert [a.outlet for a in articles] == ["France24", "NewsLineToday"]
    assert articles[1].published == dt.date(2015, 11, 18)
    assert articles[0].title == "France, Russia, US seek to tighten noose around IS group"


@given(st.binary(max_size=2000))
def test_decode_never_crashes(data: bytes) -> None:
    result = decode(data)
    assert isinstance(result, str) or result.value


def test_huge_document_is_capped_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    from storyline.ingest import files

    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 300)
    path = write(tmp_path / "long.txt", BODY * 20)
    (article,), (problem,) = read(path)
    assert len(article.raw) == 300
    assert problem.reason.startswith("file larger than the limit")


def test_overlong_jsonl_line_is_skipped_and_the_next_read(tmp_path: Path, monkeypatch) -> None:
    from storyline.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 500)
    lines = [json.dumps({"text": BODY * 50}), json.dumps({"text": BODY})]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    articles, problems = read(path)
    assert [a.raw for a in articles] == [BODY]
    assert problems[0].path == f"{path}:1" and "longer than the limit" in problems[0].reason


def test_a_small_input_is_cut_in_pieces_that_workers_can_share(tmp_path: Path) -> None:
    """Two 1 MB dumps used to be one piece of work, so a second worker sat idle; the
    cut depends on the input's size alone (the same on every engine)."""
    from storyline.ingest.parts import MIN_SPLIT, Part
    from storyline.run.bundles import Bundle, bundles

    line = json.dumps({"text": BODY}) + "\n"
    for name in ("a.jsonl", "b.jsonl"):
        write(tmp_path / name, line * (1_000_000 // len(line)))
    found = list(bundles([tmp_path]))
    assert all(isinstance(p, Bundle) for p in found)
    cut: list[Part] = [part for piece in found for part in piece.parts]  # type: ignore[union-attr]
    assert len(cut) >= 14
    assert all(p.end - p.start <= MIN_SPLIT for p in cut)
    assert sum(p.end - p.start for p in cut) == 2 * (1_000_000 // len(line)) * len(line)
