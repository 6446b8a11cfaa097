"""The brief as Markdown (render/markdown.py): markup escaped, every section there."""

from __future__ import annotations

from helpers import evil_brief
from storyline.model import Brief
from storyline.render import render_markdown


def test_markdown_escapes_markup() -> None:
    md = render_markdown(evil_brief())
    assert "<script>" not in md and "\\<script\\>" in md


def test_markdown_has_every_section(harbour_bridge: Brief) -> None:
    md = render_markdown(harbour_bridge)
    for heading in ("## Facts", "## Entities", "## Timeline", "## Quotes", "## Coverage"):
        assert heading in md
    assert "Fourteen [Aldren Gazette]" in md and "**vs** Seventeen [Coastline Daily]" in md
    assert "- **Tomas Reyne** person (also: Reyne)" in md  # a title is not part of the name
