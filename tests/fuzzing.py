"""Hostile and broken input for every reader and for the whole brief and ingest paths.

Shared by tests/test_fuzz.py (a bounded profile in `make test`) and scripts/fuzz.py
(`make fuzz`: at least 10,000 cases, with counts and the slowest case). The property,
for every case: no exception other than a one-line ``StorylineError`` when nothing at
all is usable, no hang, every bad item reported with its path (and record or line) and
a reason, and the good article written beside the bad input still read.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from storyline import StorylineError, brief
from storyline.ingest import read_paths
from storyline.model import Article, Problem
from storyline.run.ingest import ingest
from storyline.store import Store

GOOD = (
    "The harbour authority in Velm closed the north pier on Monday after storm waves "
    "damaged its supports, the port director Anna Holm said. Repairs are expected to take "
    "three weeks and ferries will use the south quay meanwhile."
)
SUFFIXES = [".txt", ".html", ".htm", ".jsonl", ".warc", ".rss", ".atom", ".xml"]

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
_junk_bytes = st.binary(max_size=1500)
_encoded = st.tuples(
    _text, st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"])
).map(lambda te: te[0].encode(te[1], errors="replace"))
_controls = st.text(
    alphabet=st.sampled_from(["\x00", "\x01", "\x1b", "\ufeff", "\r", "\u202e", "a", " "]),
    max_size=200,
).map(str.encode)


def _nested_html(depth: int, attribute: int) -> bytes:
    return (
        "<html><body>" + "<div>" * depth + f'<p title="{"x" * attribute}">{GOOD}' + "</body>"
    ).encode()


_html = st.one_of(
    st.builds(_nested_html, st.integers(0, 10_000), st.integers(0, 200_000)),
    _text.map(lambda t: f"<html><head><title>{t}</head><body><p>{t}<p><b>{t}".encode()),
)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | _text,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
_jsonl = st.lists(
    st.one_of(
        st.dictionaries(
            st.sampled_from(["text", "html", "title", "url", "outlet", "published"]),
            _json_values,
            max_size=6,
        ).map(lambda d: json.dumps(d, default=str).encode()),
        _junk_bytes.map(lambda b: b.replace(b"\n", b" ")),
        st.just(b'{"text": "unterminated'),
    ),
    max_size=6,
).map(lambda lines: b"\n".join(lines))
_warc = st.one_of(
    _junk_bytes.map(lambda b: b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n" + b),
    st.binary(max_size=300).map(lambda b: b"WARC/1.0\r\n" + b),
)
_feed = st.one_of(
    _text.map(
        lambda t: (
            f'<?xml version="1.0"?><rss><channel><item><title>{t}</title><description>{t}'.encode()
        )
    ),
    _text.map(lambda t: f"<feed><entry><content>{t}</content></entry>".encode()),
)


@st.composite
def hostile_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes): any reader's input, broken in one of many ways."""
    suffix = draw(st.sampled_from(SUFFIXES))
    data = draw(
        st.one_of(_junk_bytes, _encoded, _controls, _html, _jsonl, _warc, _feed, st.just(b""))
    )
    if draw(st.booleans()):
        packed = gzip.compress(data)
        data = packed[: draw(st.integers(0, len(packed)))]  # possibly truncated
        suffix += ".gz"
    return f"input{suffix}", data


def check_reading(name: str, data: bytes) -> None:
    """Read a folder holding the hostile file and one good article."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / name).write_bytes(data)
        (folder / "good.txt").write_text(GOOD)
        items = list(read_paths([folder]))
    problems = [i for i in items if isinstance(i, Problem)]
    for p in problems:
        assert p.path and p.reason, p
    assert any(isinstance(i, Article) and i.raw == GOOD for i in items), "the good file"


def check_brief(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            result = brief([path], words=60)
        except StorylineError as e:
            assert "\n" not in str(e) and str(e)
            return
        for p in result.problems:
            assert p.path and p.reason


def check_ingest(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / name).write_bytes(data)
        (folder / "good.txt").write_text(GOOD)
        with Store(Path(tmp) / "s.db") as store:
            report = ingest([folder], store)
            again = ingest([folder], store)
            assert store.count()["articles"] == report.stored >= 1
        assert again.stored == 0  # nothing stored twice
        for p in report.problems:
            assert p.path and p.reason
