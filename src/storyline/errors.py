"""Every reason a user can be shown for rejecting an input, in one place.

Readers report problems as data (``Problem``) rather than raising, so one bad file never
stops a run; ``StorylineError`` is only for conditions that end the whole command.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    EMPTY = "empty file"
    BINARY = "binary content, not text"
    UNDECODABLE = "could not detect a text encoding"
    TRUNCATED_GZIP = "truncated or corrupt gzip stream"
    UNSUPPORTED = (
        "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, .rss, .atom, .xml,"
        " optionally .gz)"
    )
    NOT_FOUND = "no such file or directory"
    NOT_REGULAR = "not a regular file (a device, FIFO or socket), not read"
    UNREADABLE = "cannot read file"
    BAD_JSON = "malformed JSON"
    NOT_OBJECT = "JSON line is not an object"
    NO_BODY = "no 'text' or 'html' field"
    EMPTY_BODY = "blank 'text' or 'html' field (empty or only whitespace)"
    LINE_TOO_LONG = "line longer than the limit, skipped"
    CAPPED = "file larger than the limit, only its beginning was read"
    BOMB = "gzip stream expands like a compression bomb"
    RECORD_TOO_LARGE = "record larger than the limit, skipped"
    NO_ARTICLE_TEXT = "no article text found after cleaning"
    TEXT_CUT = "article text longer than the limit, only its beginning is used"
    BAD_RECORD = "broken WARC record, skipped to the next one"
    HTTP_STATUS = "page was not fetched successfully (HTTP status)"
    NOT_A_FEED = "not an RSS or Atom feed"
    TOO_MANY = "more articles than the limit, the rest were not used"
    FAILED = "could not be processed, skipped"
    # fetching (fetch/client.py)
    NOT_HTTP = "not an http(s) address"
    ROBOTS = "disallowed by the site's robots.txt"
    ROBOTS_UNREAD = "the site's robots.txt could not be read (asked again later)"
    REDIRECTS = "too many redirects"
    TIMEOUT = "no complete answer within the time limit"
    UNREACHABLE = "could not be reached"
    WRONG_TYPE = "not a page or a feed (content type)"
    TOO_LARGE = "response larger than the limit"
    STOPPED = "not fetched: the watch was stopped"
    NOT_A_SOURCE = "neither a feed, a sitemap nor a page with a feed"


def describe(reason: Reason, detail: str = "") -> str:
    return f"{reason.value}: {detail}" if detail else reason.value


def one_line(error: BaseException, *, limit: int = 300) -> str:
    """An exception as a user reads it in one line: its type and its own words."""
    text = " ".join(str(error).split())[:limit]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class StorylineError(Exception):
    """A condition that ends the command (e.g. no usable article at all)."""
