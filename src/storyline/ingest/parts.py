"""Inputs cut into partitions that workers read on their own: a file, or a byte range of
a large plain JSONL file (lines that begin in the range) or WARC file, gzipped per
record or not (records that begin in it). A gzipped JSONL file is one stream and cannot
be cut without reading it, so it stays whole.

The cut depends only on the input, never on the engine or the number of workers, so
every engine reads, cleans and decides exactly the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storyline.errors import Reason, describe
from storyline.ingest import jsonl
from storyline.ingest.files import (
    MAX_DOCUMENT_BYTES,
    InputKind,
    expand,
    kind_of,
    lines,
    read_file,
)
from storyline.ingest.warc import warc_articles
from storyline.model import Article, Problem

SPLIT = 32 << 20  # at most, bytes per partition of a large JSONL or WARC file
MIN_SPLIT = 128 << 10  # at least: a piece is worth a trip to a worker (~0.2 s of work)
PIECES = 32  # an input under 1 GB is cut in about this many pieces, so workers share it


@dataclass(frozen=True)
class Part:
    path: str
    start: int = 0
    end: int = -1  # -1: the whole file

    @property
    def name(self) -> str:
        if self.end < 0:
            return self.path
        return f"{self.path} (bytes {self.start:,}-{self.end:,})"


Sized = tuple[Path, int]


def sizes(paths: Iterable[str | Path]) -> list[Sized | Problem]:
    """Every input file with its size, in input order (the cut needs the total first)."""
    found: list[Sized | Problem] = []
    for item in expand(paths):
        if isinstance(item, Problem):
            found.append(item)
            continue
        try:
            found.append((item, item.stat().st_size))
        except OSError as e:
            found.append(Problem(str(item), describe(Reason.UNREADABLE, e.strerror or str(e))))
    return found


def split_for(found: Iterable[Sized | Problem]) -> int:
    """Bytes per piece: a small input in about ``PIECES`` pieces rather than one, so two
    workers share even a single file; a large one in pieces of ``SPLIT``."""
    total = sum(item[1] for item in found if not isinstance(item, Problem))
    return min(SPLIT, max(MIN_SPLIT, total // PIECES))


def cut(found: Iterable[Sized | Problem], split: int) -> Iterator[Part | Problem]:
    for item in found:
        if isinstance(item, Problem):
            yield item
            continue
        path, size = item
        if size > split and _splittable(path):
            for start in range(0, size, split):
                yield Part(str(path), start, min(size, start + split))
        else:
            yield Part(str(path))


def parts(paths: Iterable[str | Path], *, split: int | None = None) -> Iterator[Part | Problem]:
    found = sizes(paths)
    yield from cut(found, split or split_for(found))


def _splittable(path: Path) -> bool:
    kind = kind_of(path)
    return kind is InputKind.WARC or (kind is InputKind.JSONL and path.suffix.lower() != ".gz")


def read_part(part: Part) -> Iterator[Article | Problem]:
    path = Path(part.path)
    if part.end < 0:
        yield from read_file(path)
        return
    try:
        with path.open("rb") as f:
            if kind_of(path) is InputKind.WARC:
                yield from warc_articles(
                    part.name, f, MAX_DOCUMENT_BYTES, start=part.start, end=part.end
                )
            else:
                found = _lines_in(f, part)
                yield from jsonl.jsonl_articles(part.name, found, report_empty=not part.start)
    except OSError as e:
        yield Problem(part.name, describe(Reason.UNREADABLE, e.strerror or str(e)))


def _lines_in(f: BinaryIO, part: Part) -> Iterator[bytes]:
    """The lines that begin in the part's range (the last may run past its end)."""
    if part.start:
        # The rest of a line that began before the range, skipped in bounded steps: a
        # 1 GB line must not be loaded, nor read again by every part it runs through.
        f.seek(part.start - 1)
        while not (rest := f.readline(1 << 20)).endswith(b"\n"):
            if not rest or f.tell() >= part.end:
                return  # no line begins in this range
    source = lines(f)
    while f.tell() < part.end:
        line = next(source, None)
        if line is None:
            return
        yield line
