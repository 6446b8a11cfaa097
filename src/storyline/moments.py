"""Times as people give them and as the store keeps them.

A person names a moment as an ISO date or time, in UTC unless it says otherwise, or as a
span ago ("6h", "2d"); the store keeps UTC without a zone. The command line and the web
page's story list read the same forms, so one place says what they are.
"""

from __future__ import annotations

import datetime as dt

AGO = {"m": 60, "h": 3600, "d": 86400}  # the units of a span ago
FORMS = "a date (2026-11-30), a time (2026-11-30T09:00) or a span ago (6h, 2d)"


def naive_utc(moment: dt.datetime) -> dt.datetime:
    """A time as the store keeps times: UTC without a zone. One with a zone is
    converted; one without is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def moment(text: str, *, now: dt.datetime | None = None) -> dt.datetime:
    """The moment ``text`` names, as the store keeps times; ValueError naming the forms
    it may take when it names none."""
    text = text.strip()
    if text[:-1].isdigit() and text[-1:] in AGO:
        now = now or dt.datetime.now(dt.UTC)
        return naive_utc(now) - dt.timedelta(seconds=int(text[:-1]) * AGO[text[-1]])
    try:
        return naive_utc(dt.datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(f"expects {FORMS}, not {text!r}") from None
