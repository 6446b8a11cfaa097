"""Walk the paths a user gave and hand each file to the reader for its kind.

Every file either yields articles or a ``Problem`` naming the file and the reason, so one
broken file never hides the good ones beside it.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from storyline.errors import Reason, describe
from storyline.ingest import jsonl
from storyline.ingest.article import text_article
from storyline.ingest.decode import decode
from storyline.ingest.feed import feed_articles
from storyline.ingest.html import html_article
from storyline.ingest.warc import warc_articles
from storyline.model import Article, Problem

MAX_DOCUMENT_BYTES = 10_000_000
# A gzip stream that has grown past BOMB_AFTER bytes at more than BOMB_RATIO times its
# compressed size is a compression bomb: deflate comes near 1,000:1 only on long runs of
# one byte, while text, even repeated text, stays under about 150:1.
BOMB_RATIO = 500
BOMB_AFTER = 64 << 20


class InputKind(StrEnum):
    """What a file holds, from its name: which reader reads it."""

    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    WARC = "warc"
    FEED = "feed"


KINDS = {
    ".txt": InputKind.TEXT,
    ".html": InputKind.HTML,
    ".htm": InputKind.HTML,
    ".jsonl": InputKind.JSONL,
    ".warc": InputKind.WARC,
    ".rss": InputKind.FEED,
    ".atom": InputKind.FEED,
    ".xml": InputKind.FEED,
}


def kind_of(path: Path) -> InputKind | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files in a stable order: directories recursively, hidden files skipped. Anything
    else that is not read is a ``Problem`` saying why, found in a directory or named."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield _regular(path)
            continue
        for child in sorted(path.rglob("*")):
            hidden = any(p.startswith(".") for p in child.relative_to(path).parts)
            if not hidden and not child.is_dir():
                yield _regular(child)


def _regular(path: Path) -> Path | Problem:
    """The path of a regular file (or a link to one). A FIFO, a socket or a device is
    never opened: reading /dev/zero never ends, a FIFO waits for a writer."""
    if path.is_file():
        return path
    if path.exists():
        return Problem(str(path), describe(Reason.NOT_REGULAR))
    return Problem(str(path), describe(Reason.NOT_FOUND))


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[Article | Problem]:
    kind = kind_of(path)
    name = str(path)
    if kind is None:
        yield Problem(name, describe(Reason.UNSUPPORTED))
    elif kind is InputKind.JSONL:
        yield from _read_jsonl(path)
    elif kind is InputKind.WARC:
        yield from _read_warc(path)
    else:
        yield from _read_document(path, kind)


def _read_document(path: Path, kind: InputKind) -> Iterator[Article | Problem]:
    name = str(path)
    try:
        data, broken = _read_bytes(path, MAX_DOCUMENT_BYTES + 1)
    except OSError as e:
        yield Problem(name, describe(Reason.UNREADABLE, e.strerror or str(e)))
        return
    if broken:
        yield Problem(
            name,
            describe(Reason.TRUNCATED_GZIP, f"used the first {len(data):,} bytes"),
            partial=bool(data.strip()),
        )
    if len(data) > MAX_DOCUMENT_BYTES:
        data = data[:MAX_DOCUMENT_BYTES]
        yield Problem(
            name, describe(Reason.CAPPED, f"limit {MAX_DOCUMENT_BYTES:,} bytes"), partial=True
        )
    if not data.strip():
        if not broken:
            yield Problem(name, describe(Reason.EMPTY))
        return
    if kind is InputKind.FEED:
        yield from feed_articles(name, data)
        return
    text = decode(data)
    if isinstance(text, Reason):
        yield Problem(name, describe(text))
        return
    yield (html_article if kind is InputKind.HTML else text_article)(name, text)


def _read_warc(path: Path) -> Iterator[Article | Problem]:
    """warcio reads per-record gzip itself, so the file is opened as it is."""
    try:
        with path.open("rb") as f:
            yield from warc_articles(str(path), f, MAX_DOCUMENT_BYTES)
    except OSError as e:
        yield Problem(str(path), describe(Reason.UNREADABLE, e.strerror or str(e)))


def _read_bytes(path: Path, limit: int) -> tuple[bytes, bool]:
    """The file's bytes (decompressed), and whether a gzip stream ended early or was corrupt."""
    if path.suffix.lower() != ".gz":
        with path.open("rb") as f:
            return f.read(limit), False
    chunks: list[bytes] = []
    size = 0
    try:
        with gzip.open(path, "rb") as f:
            while size < limit and (chunk := f.read(min(1 << 20, limit - size))):
                chunks.append(chunk)
                size += len(chunk)
    except (EOFError, gzip.BadGzipFile, zlib.error):
        return b"".join(chunks), True
    return b"".join(chunks), False


def _read_jsonl(path: Path) -> Iterator[Article | Problem]:
    name = str(path)
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as f:
            yield from jsonl.jsonl_articles(name, lines(f))
    except OSError as e:
        yield Problem(name, describe(Reason.UNREADABLE, e.strerror or str(e)))
    except _Truncated:
        yield Problem(
            name, describe(Reason.TRUNCATED_GZIP, "lines before the break were used"), partial=True
        )
    except _Bomb as e:
        yield Problem(name, describe(Reason.BOMB, str(e)), partial=True)


class _Truncated(Exception):
    pass


class _Bomb(Exception):
    pass


class Readable(Protocol):
    """A binary file or a gzip stream over one."""

    def readline(self, size: int = -1, /) -> bytes: ...
    def tell(self) -> int: ...


def lines(f: Readable) -> Iterator[bytes]:
    """Lines of at most MAX_LINE_BYTES + 1 bytes: an endless line is skipped, not loaded;
    a gzip stream that turns out to be a compression bomb is left after ``BOMB_AFTER``
    bytes rather than inflated to the end."""
    limit = jsonl.MAX_LINE_BYTES
    compressed = getattr(f, "fileobj", None)  # a gzip stream's own file
    try:
        while line := f.readline(limit + 1):
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    _check_ratio(f, compressed)
            _check_ratio(f, compressed)
            yield line
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise _Truncated from e


def _check_ratio(f: Readable, compressed: Readable | None) -> None:
    if compressed is None or (size := f.tell()) < BOMB_AFTER:
        return
    if size > BOMB_RATIO * max(1, compressed.tell()):
        raise _Bomb(f"over {BOMB_RATIO}:1 after {size >> 20:,} MB; the rest was skipped")
