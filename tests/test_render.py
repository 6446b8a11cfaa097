from __future__ import annotations

from storyline.model import (
    Article,
    Brief,
    Claim,
    Coverage,
    Entity,
    Event,
    Fact,
    Quote,
    Source,
    SummarySentence,
)
from storyline.render import render_html, render_json, render_markdown
from storyline.render.html import sections_css

EVIL = (
    'Officials said <script>alert(1)</script> and <img src=x onerror="alert(2)"> were found, '
    '<svg onload=alert(4)></svg> <math><mi xlink:href="javascript:alert(5)">x</mi></math>.'
)


def evil_brief() -> Brief:
    """Article-derived text in every section of the brief."""
    article = Article(
        "id1",
        "x.txt",
        "<b>Outlet</b>",
        "text",
        EVIL,
        text=EVIL,
        title="<i>T</i>",
        url="javascript:alert(3)",
    )
    whole = (Source(0, article.outlet, 0, len(EVIL)),)
    part = (Source(0, article.outlet, 15, 39),)
    return Brief(
        (SummarySentence(EVIL, whole),),
        (article,),
        facts=(Fact("figure", EVIL, "conflicting", (Claim(EVIL, part), Claim("<b>1</b>", part))),),
        entities=(Entity(EVIL, "ORG", (EVIL,), part),),
        timeline=(Event(None, EVIL, (EVIL,), whole), Event("2015-11-17", EVIL, (EVIL,), whole)),
        quotes=(Quote(EVIL, EVIL, part),),
        coverage=(Coverage(EVIL, (0,), (EVIL,), (EVIL,)),),
    )


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


def test_markdown_escapes_markup() -> None:
    md = render_markdown(evil_brief())
    assert "<script>" not in md and "\\<script\\>" in md


def test_json_round_trips_text_exactly() -> None:
    import json

    data = json.loads(render_json(evil_brief()))
    assert data["sentences"][0]["text"] == EVIL
