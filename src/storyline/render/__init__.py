"""A brief to Markdown, JSON or a self-contained HTML page."""

from collections.abc import Callable

from storyline.model import Brief
from storyline.render.formats import Format
from storyline.render.html import render_html
from storyline.render.json import as_dict, render_json
from storyline.render.markdown import render_markdown

RENDERERS: dict[Format, Callable[[Brief], str]] = {
    Format.MD: render_markdown,
    Format.JSON: render_json,
    Format.HTML: render_html,
}

__all__ = ["RENDERERS", "Format", "as_dict", "render_html", "render_json", "render_markdown"]
