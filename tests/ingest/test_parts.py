"""A large input cut in parts for parallel reading (ingest/parts.py): a JSONL file by
line, a WARC file by record, each read exactly once."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import pages
from storyline.ingest.files import read_file
from storyline.ingest.parts import Part, parts, read_part
from storyline.model import Article, Problem

pytestmark = pytest.mark.slow


def ids(items: Iterator[Article | Problem]) -> list[str]:
    return [i.id for i in items if isinstance(i, Article)]


@pytest.mark.parametrize("split", [1_000, 2_345, 10_000])
def test_a_large_jsonl_file_is_cut_by_line_and_each_line_read_once(
    tmp_path: Path, split: int
) -> None:
    records = [json.dumps({"text": f"Report {i}: " + "words " * (i % 40)}) for i in range(150)]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(records) + "\n")
    cut = [p for p in parts([big], split=split) if isinstance(p, Part)]
    assert len(cut) > 1
    assert [i for p in cut for i in ids(read_part(p))] == ids(read_file(big))


@pytest.mark.parametrize("compressed", [False, True])
def test_a_large_warc_file_is_cut_by_record_and_each_record_read_once(
    tmp_path: Path, compressed: bool
) -> None:
    records = pages(40)
    warc = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    warc.write_bytes(data)
    cut = [p for p in parts([warc], split=len(data) // 7) if isinstance(p, Part)]
    assert len(cut) >= 7
    whole = ids(read_file(warc))
    assert len(whole) == 40
    assert [i for p in cut for i in ids(read_part(p))] == whole
