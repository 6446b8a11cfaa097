"""JSONL dumps, one article per line, streamed so a dump of any size runs in constant memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from storyline.errors import Reason, describe
from storyline.ingest.article import Given, headline_article, text_article
from storyline.ingest.decode import decode
from storyline.ingest.html import html_article
from storyline.ingest.published import parse_date
from storyline.model import Article, Problem

MAX_LINE_BYTES = 5_000_000


def jsonl_articles(
    path: str, lines: Iterable[bytes], *, report_empty: bool = True
) -> Iterator[Article | Problem]:
    empty = True
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if len(line) > MAX_LINE_BYTES:  # before the blank test: its first bytes may be blank
            empty = False
            yield Problem(where, describe(Reason.LINE_TOO_LONG, f"limit {MAX_LINE_BYTES:,} bytes"))
            continue
        if not line.strip():
            continue
        empty = False
        yield _record(where, line)
    if empty and report_empty:
        yield Problem(path, describe(Reason.EMPTY))


def _record(where: str, line: bytes) -> Article | Problem:
    text = decode(line)
    if isinstance(text, Reason):
        return Problem(where, describe(text))
    try:
        record = json.loads(text)
    except json.JSONDecodeError as e:
        return Problem(where, describe(Reason.BAD_JSON, e.msg))
    return record_article(where, record)


def record_article(where: str, record: object) -> Article | Problem:
    """One article from a JSON object: ``text`` or ``html``, and optional ``url``,
    ``title``, ``outlet``, ``published`` and ``lang`` (the JSONL dump's fields, and the
    web service's). A record with a title and no body is a headline-only item."""
    if not isinstance(record, dict):
        return Problem(where, describe(Reason.NOT_OBJECT))
    url, title, outlet = (_str(record.get(key)) for key in ("url", "title", "outlet"))
    given: Given = {
        "url": url,
        "title": title,
        "outlet": outlet,
        "published": parse_date(record.get("published")),
        "listed": True,
        "lang": _str(record.get("lang")),
    }
    body = _str(record.get("text"))
    if body and body.strip():
        return text_article(where, body, **given)
    html = _str(record.get("html"))
    if html and html.strip():
        return html_article(where, html, **given)
    if title and title.strip():
        return headline_article(where, **given)
    blank = body is not None or html is not None  # there, but nothing in it
    return Problem(where, describe(Reason.EMPTY_BODY if blank else Reason.NO_BODY))


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
