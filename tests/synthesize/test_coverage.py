"""What each outlet alone reported or left out (synthesize/coverage.py)."""

from __future__ import annotations

from storyline.model import Brief


def test_coverage_says_what_each_outlet_alone_reported(harbour_bridge: Brief) -> None:
    result = harbour_bridge
    by_outlet = {c.outlet: c for c in result.coverage}
    assert set(by_outlet) == {a.outlet for a in result.articles}
    only = {text for c in result.coverage for text in c.only}
    missing = {text for c in result.coverage for text in c.missing}
    assert only and only <= missing  # what one outlet alone had, the others left out
