"""Bytes to text (ingest/decode.py): legacy and mixed encodings, and any bytes at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import read, write
from storyline.ingest.decode import decode


@pytest.mark.parametrize(
    ("name", "data", "kept"),
    [
        (
            "latin.txt",
            "Le maire a annoncé la décision à Besançon, après un vote serré au conseil.".encode(
                "latin-1"
            ),
            ["Besançon"],
        ),
        (
            "mixed.txt",
            "Caf\u00e9 owners said \u201cyes\u201d.\n".encode()
            + "Na\u00efve r\u00e9sum\u00e9 line.\n".encode("cp1252"),
            ["“yes”", "résumé"],
        ),
    ],
    ids=["latin-1", "utf-8 and cp1252 mixed"],
)
def test_latin1_and_mixed_encodings_decode(
    tmp_path: Path, name: str, data: bytes, kept: list[str]
) -> None:
    write(tmp_path / name, data)
    articles, problems = read(tmp_path)
    assert problems == []
    texts = {Path(a.path).name: a.raw for a in articles}
    for words in kept:
        assert words in texts[name]


@given(st.binary(max_size=2000))
def test_decode_never_crashes(data: bytes) -> None:
    result = decode(data)
    assert isinstance(result, str) or result.value
