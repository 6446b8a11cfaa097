"""docs/reliability.md names the test behind each promise: each must exist."""

from __future__ import annotations

import re

from helpers import ROOT


def named_tests(page: str) -> set[tuple[str, str]]:
    """(file, test) for each `tests/x/test_y.py::test_z` on the page, and for each
    `::test_z` after it, which names a test of the same file."""
    named: set[tuple[str, str]] = set()
    current = ""
    for path, test in re.findall(r"`((?:[\w.-]+/)*[\w.-]+\.py)?::(test_\w+)`", page):
        current = path or current
        named.add((current, test))
    return named


def test_every_test_the_reliability_page_names_exists() -> None:
    page = (ROOT / "docs" / "reliability.md").read_text()
    named = named_tests(page)
    assert len(named) >= 30
    for path, test in sorted(named):
        file = ROOT / path
        assert path.startswith("tests/") and file.is_file(), f"no test file {path}"
        assert f"def {test}(" in file.read_text(), f"{path} has no {test}"
    files = set(re.findall(r"`(tests/[\w/.-]+\.py)", page))  # named without a test too
    assert [f for f in sorted(files) if not (ROOT / f).is_file()] == []


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
