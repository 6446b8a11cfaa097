"""One self-contained HTML file (inline CSS, no script, no external fetch): clicking an
outlet tag jumps to and highlights the exact span in that article (CSS ``:target``).
Everything from the articles is escaped by Jinja's autoescape."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.model import Article, Brief


@dataclass(frozen=True)
class Piece:
    text: str
    anchor: str | None  # id of a highlighted source span, None for plain text


def _pieces(article: Article, index: int, brief: Brief) -> list[Piece]:
    """The article text cut at the source spans the summary points into."""
    marks = sorted(
        {(s.start, s.end) for sent in brief.summary for s in sent.sources if s.article == index}
    )
    pieces, cursor = [], 0
    for start, end in marks:
        if start < cursor:  # overlapping spans: the first one wins
            continue
        pieces.append(Piece(article.text[cursor:start], None))
        pieces.append(Piece(article.text[start:end], f"a{index}-{start}-{end}"))
        cursor = end
    pieces.append(Piece(article.text[cursor:], None))
    return pieces


def render_html(brief: Brief) -> str:
    env = Environment(
        loader=PackageLoader("storyline", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    title = next((a.title for a in brief.articles if a.title), None) or "Brief"
    articles = [(i, a, _pieces(a, i, brief)) for i, a in enumerate(brief.articles)]
    return env.get_template("brief.html.j2").render(title=title, brief=brief, articles=articles)
