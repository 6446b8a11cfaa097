"""A date expression resolved to a calendar date (annotate/temporal.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.annotate.temporal import resolve

BASE = dt.date(2017, 11, 21)


@pytest.mark.parametrize(
    ("expression", "base", "options", "expected"),
    [
        ("This June, 2013", BASE, {}, "2013-06"),
        ("the spring of 2017", BASE, {}, "2017"),
        ("mid-November", BASE, {}, "2017-11"),
        ("Nov. 29", BASE, {"future": True}, "2017-11-29"),
        ("in September", dt.date(2026, 3, 10), {}, "2025-09"),  # the last September
        ("Tuesday", None, {}, None),  # no base, no guess
    ],
)
def test_dates_inside_longer_expressions_resolve(
    expression: str, base: dt.date | None, options: dict[str, bool], expected: str | None
) -> None:
    assert resolve(expression, base, **options) == expected
