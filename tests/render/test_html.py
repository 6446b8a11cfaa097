"""The brief as HTML (render/html.py): everything from an article escaped, nothing
fetched from elsewhere, the stylesheet the web pages link inlined, and every section with
links that land."""

from __future__ import annotations

import re

from helpers import evil_brief
from storyline.model import Brief
from storyline.render import render_html
from storyline.render.html import sections_css


def test_html_escapes_everything_from_articles() -> None:
    html = render_html(evil_brief())
    assert "<script>" not in html and "<img" not in html and "<b>Outlet" not in html
    assert "<svg" not in html and "<math" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert 'id="a0-0-' in html and 'href="#a0-0-' in html


def test_html_is_self_contained() -> None:
    html = render_html(evil_brief())
    assert "http" not in html.replace("http-equiv", "")


def test_html_inlines_the_stylesheet_the_web_pages_link() -> None:
    """One file styles the brief's sections on both pages (serve/app.py serves it); it is
    ours, so it goes in as written: its quotes stay quotes."""
    assert 'content: "' in sections_css()
    assert sections_css() in render_html(evil_brief())


def test_html_has_every_section(harbour_bridge: Brief) -> None:
    html = render_html(harbour_bridge)
    assert 'class="conflicting"' in html and "<h2>Timeline</h2>" in html
    assert '<strong class="vs">vs</strong>' in html
    ids = set(re.findall(r'id="(a\d+-\d+-\d+)"', html))
    assert set(re.findall(r'href="#(a\d+-\d+-\d+)"', html)) <= ids  # every link lands
