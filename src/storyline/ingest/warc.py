"""WARC archives (plain or per-record gzip): each HTML response is one page to read.

warcio stops at the first broken record; crawls are large and one bad record must not
cost the rest of the file, so after a failure we look for the next record boundary
ourselves and start a fresh iterator there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from storyline.errors import Reason, describe
from storyline.ingest.decode import decode
from storyline.ingest.html import html_article
from storyline.ingest.published import parse_date
from storyline.model import Article, Problem

_PAGE_TYPES = ("response", "resource")
_MARKERS = (b"WARC/1.", b"\x1f\x8b\x08")  # a record header, or a gzip member holding one
_SCAN = 1 << 20
# A record this large is a video or a compression bomb, not a news page; it is skipped by
# looking for the next record rather than read (a bomb's gzip member inflates to all of it).
MAX_RECORD_BYTES = 100_000_000


def warc_articles(
    path: str, f: BinaryIO, limit: int, *, start: int = 0, end: int | None = None
) -> Iterator[Article | Problem]:
    """Articles from the HTML pages of ``f``; ``limit`` caps the bytes read per page.
    With ``start``/``end`` (a partition of a large file, ingest/parts.py): the records
    that begin at or after ``start`` and before ``end``."""
    offset = record_start(f, start) if start else 0
    number, resyncing = 0, False
    while offset >= 0 and (end is None or offset < end):
        f.seek(offset)
        records = ArchiveIterator(f, check_digests=False)
        try:
            for record in records:
                if end is not None and records.offset >= end:
                    return  # the next partition's
                length = record.rec_headers.get_header("Content-Length", "").strip()
                if not length.isdigit():
                    # warcio would read such a record to the end of the file, silently
                    raise _Broken("record header has no Content-Length")
                number += 1
                resyncing = False
                if int(length) > MAX_RECORD_BYTES:
                    # warcio would read (and inflate) all of it to reach the next record
                    raise _TooLarge(f"{int(length):,} bytes, limit {MAX_RECORD_BYTES:,}")
                yield from _page(f"{path}:record {number}", record, limit)
            return
        except _TooLarge as e:
            yield Problem(f"{path}:record {number}", describe(Reason.RECORD_TOO_LARGE, str(e)))
            resyncing = True
            offset = _next_marker(f, records.offset + 1)
        except Exception as e:  # warcio fails on garbage in many ways (AttributeError too)
            if not resyncing:
                number += 1
                yield Problem(f"{path}:record {number}", describe(Reason.BAD_RECORD, _short(e)))
            resyncing = True
            # ``records.offset`` is where the failing record began, in the file (warcio
            # counts from where its iterator started reading, which is ``offset``).
            offset = _next_marker(f, records.offset + 1)


class _Broken(Exception):
    pass


class _TooLarge(Exception):
    pass


def _page(where: str, record: object, limit: int) -> Iterator[Article | Problem]:
    if record.rec_type not in _PAGE_TYPES:  # type: ignore[attr-defined]
        return
    headers = record.http_headers  # type: ignore[attr-defined]
    content_type = (
        headers.get_header("Content-Type")
        if headers is not None
        else record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    ) or ""
    if "html" not in content_type.lower():
        return  # images, scripts, style sheets: not articles, nothing to report
    if headers is not None:
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            yield Problem(where, describe(Reason.HTTP_STATUS, status))
            return
    body = record.content_stream().read(limit + 1)  # type: ignore[attr-defined]
    if len(body) > limit:
        body = body[:limit]
        yield Problem(where, describe(Reason.CAPPED, f"limit {limit:,} bytes"), partial=True)
    if not body.strip():
        yield Problem(where, describe(Reason.EMPTY))
        return
    text = decode(body)
    if isinstance(text, Reason):
        yield Problem(where, describe(text))
        return
    rec = record.rec_headers  # type: ignore[attr-defined]
    yield html_article(
        where,
        text,
        url=rec.get_header("WARC-Target-URI"),
        seen=parse_date(rec.get_header("WARC-Date")),
    )


def _next_marker(f: BinaryIO, start: int) -> int:
    """Offset of the next thing that looks like the start of a record, or -1."""
    position = start
    while True:
        f.seek(position)
        chunk = f.read(_SCAN + 8)
        if not chunk:
            return -1
        hits = [i for i in (chunk.find(m) for m in _MARKERS) if i >= 0]
        if hits:
            return position + min(hits)
        if len(chunk) <= 8:
            return -1
        position += len(chunk) - 8


def record_start(f: BinaryIO, position: int) -> int:
    """Offset of the first record that begins at or after ``position`` (-1: none): a
    marker that really opens a record header, not the same bytes inside a page."""
    while (candidate := _next_marker(f, position)) >= 0:
        f.seek(candidate)
        try:
            next(iter(ArchiveIterator(f, check_digests=False)))
            return candidate
        except Exception:  # StopIteration, or any of warcio's ways to fail on garbage
            position = candidate + 1
    return -1


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__
