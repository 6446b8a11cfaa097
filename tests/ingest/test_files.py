"""Which reader reads a file, and why a file is not used (ingest/files.py): every kind
read, each bad file reported with its path and a reason, special files never opened, and
a huge document read to its limit."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from helpers import TRAM, read, write
from storyline.errors import Reason
from storyline.model import Problem


def test_text_html_jsonl_and_gzip_all_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", TRAM)
    write(
        tmp_path / "b.html",
        f"<html><head><title>Tram</title></head><body><p>{TRAM}</p></body></html>",
    )
    write(tmp_path / "c.jsonl", json.dumps({"text": TRAM, "outlet": "Tram Times"}) + "\n")
    write(tmp_path / "sub" / "d.txt.gz", gzip.compress(TRAM.encode()))
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.kind for a in articles] == ["text", "html", "text", "text"]
    assert all(a.raw for a in articles)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.html", b"   \n\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
        ("cut.txt.gz", gzip.compress(TRAM.encode())[:-12], "truncated or corrupt gzip"),
        ("fake.txt.gz", b"this is not gzip at all", "truncated or corrupt gzip"),
    ],
)
def test_bad_files_are_reported_with_path_and_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    write(tmp_path / "good.txt", TRAM)
    bad = write(tmp_path / name, data)
    articles, problems = read(tmp_path)
    assert [Path(a.path).name for a in articles if a.path.endswith("good.txt")] == ["good.txt"]
    assert any(p.path == str(bad) and reason in p.reason for p in problems), problems


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    _, problems = read(tmp_path / "nope.txt")
    assert problems[0].reason == "no such file or directory"


@pytest.mark.parametrize("given", ["in a folder", "by name"])
@pytest.mark.parametrize("special", ["fifo", "link to /dev/zero"])
def test_a_special_file_is_reported_as_one_and_never_read(
    tmp_path: Path, special: str, given: str
) -> None:
    """A FIFO waits for a writer and /dev/zero never ends, so neither is opened; in a
    directory it was once skipped without a word, named it was "no such file"."""
    from storyline.ingest.parts import parts

    good = write(tmp_path / "good.txt", TRAM)
    odd = tmp_path / "odd.txt"
    if special == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    expected = [(str(odd), Reason.NOT_REGULAR.value)]
    inputs = [tmp_path] if given == "in a folder" else [good, odd]
    articles, problems = read(*inputs)
    assert [a.path for a in articles] == [str(good)]
    assert [(p.path, p.reason) for p in problems] == expected
    cut = list(parts(inputs))
    assert [(p.path, p.reason) for p in cut if isinstance(p, Problem)] == expected


def test_huge_document_is_capped_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    from storyline.ingest import files

    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 300)
    path = write(tmp_path / "long.txt", TRAM * 20)
    (article,), (problem,) = read(path)
    assert len(article.raw) == 300
    assert problem.reason.startswith("file larger than the limit")
