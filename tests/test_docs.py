"""docs/reliability.md names the test behind each promise: each must exist."""

from __future__ import annotations

import re

from conftest import ROOT


def test_every_test_the_reliability_page_names_exists() -> None:
    page = (ROOT / "docs" / "reliability.md").read_text()
    named = set(re.findall(r"(test_\w+)\.py::(test_\w+)", page))
    named |= {
        (module, test)
        for module, rest in re.findall(r"(test_\w+)\.py::test_\w+((?:`, `::test_\w+)+)", page)
        for test in re.findall(r"::(test_\w+)", rest)
    }
    assert len(named) >= 30
    for module, test in sorted(named):
        source = (ROOT / "tests" / f"{module}.py").read_text()
        assert f"def {test}(" in source, f"{module}.py has no {test}"
