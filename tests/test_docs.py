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


def test_every_link_of_the_architecture_page_points_at_a_file() -> None:
    page = ROOT / "docs" / "architecture.md"
    links = re.findall(r"\]\(([^)#]+)\)", page.read_text())
    assert len(links) >= 40
    missing = [link for link in links if not (page.parent / link).exists()]
    assert not missing


def test_the_architecture_page_names_every_package() -> None:
    """A new package gets a line on the page, or the page falls out of date unseen."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    packages = [
        p.name for p in (ROOT / "src" / "storyline").iterdir() if (p / "__init__.py").exists()
    ]
    assert [p for p in packages if f"{p}/" not in text] == []
