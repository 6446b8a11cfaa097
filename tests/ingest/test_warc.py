"""The WARC reader (ingest/warc.py): pages read from a crawl, plain or gzipped, and each
broken record, however many, costing only itself."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from helpers import PAGE, pages, read, warc_record, write


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_pages_read_and_a_broken_record_costs_only_itself(
    tmp_path: Path, compressed: bool
) -> None:
    records = pages(4)
    records[1] = records[1].replace(b"WARC-Type", b"\x00\x01garbage", 1)[:60] + b"\r\n\r\n"
    records.append(warc_record("https://news.example/gone", PAGE, status="404 Not Found"))
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    path = write(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), data)
    articles, problems = read(path)
    assert [a.url for a in articles] == [f"https://news.example/{i}" for i in (0, 2, 3)]
    assert all(a.kind == "html" and a.seen is not None for a in articles)
    reasons = {p.path.rsplit(":", 1)[1]: p.reason for p in problems}
    assert "broken WARC record" in reasons["record 2"]
    assert "HTTP status" in reasons["record 5"]


@pytest.mark.parametrize("compressed", [False, True])
def test_each_of_several_broken_records_costs_only_itself(tmp_path: Path, compressed: bool) -> None:
    records = pages(7)
    for broken in (1, 4):  # a second break, after reading has resumed mid-file
        records[broken] = (
            records[broken].replace(b"WARC-Type", b"\x00\x01garbage", 1)[:60] + b"\r\n\r\n"
        )
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    path = write(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), data)
    articles, problems = read(path)
    assert [a.url for a in articles] == [f"https://news.example/{i}" for i in (0, 2, 3, 5, 6)]
    assert len(problems) == 2


def test_a_warc_header_that_breaks_warcio_itself_is_a_reported_record(tmp_path: Path) -> None:
    """Found by fuzzing: warcio raised AttributeError on this header."""
    path = write(tmp_path / "odd.warc", b"WARC/1.0\nWARC-Type:response")
    articles, problems = read(path)
    assert not articles and problems and "broken WARC record" in problems[0].reason
