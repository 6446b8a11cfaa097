"""A brief to Markdown, JSON or a self-contained HTML page."""

from storyline.render.html import render_html
from storyline.render.json import as_dict, render_json
from storyline.render.markdown import render_markdown

RENDERERS = {"md": render_markdown, "json": render_json, "html": render_html}

__all__ = ["RENDERERS", "as_dict", "render_html", "render_json", "render_markdown"]
