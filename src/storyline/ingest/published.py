"""Publication dates: parse what metadata declares, or find a dateline near the top of text.

Only short lines are looked at, because a date inside a body sentence is usually the date
of an event, not of publication.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

_DATE = re.compile(
    r"\b(\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{4})\b"
)
_STAMP = re.compile(
    r"\b(?:Posted|Published)(?: on)?:?\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    + _DATE.pattern.removeprefix(r"\b")
)
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value (ISO string, '18/11/2015', 'Nov 18, 2015', epoch...)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(text[:64], settings=_SETTINGS)
    return parsed.date() if parsed else None


def dateline(text: str, *, lines_to_scan: int = 25) -> dt.date | None:
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines[:lines_to_scan]:
        stamped = _STAMP.search(line)  # "Posted: Wednesday, June 27, 2012" in a long line
        if stamped and (found := parse_date(stamped.group(1))):
            return found
    for line in lines[:lines_to_scan] + lines[-10:]:
        if len(line.split()) > 12:
            continue
        match = _DATE.search(line)
        if match:
            found = parse_date(match.group(1))
            if found:
                return found
    return None
