"""Markdown for a terminal or a notes file: the summary with outlet tags, then sources."""

from __future__ import annotations

from storyline.model import Brief, SummarySentence


def _tags(sentence: SummarySentence) -> str:
    outlets = dict.fromkeys(s.outlet for s in sentence.sources)
    return " ".join(f"[{o}]" for o in outlets)


def render_markdown(brief: Brief) -> str:
    title = next((a.title for a in brief.articles if a.title), None) or "Brief"
    lines = [f"# {_escape(title)}", "", "## Summary", ""]
    lines += [f"- {_escape(s.text)} {_tags(s)}" for s in brief.summary]
    if not brief.summary:
        lines.append("_No sentence of the sources fits the word budget._")
    lines += ["", "## Sources", ""]
    for i, a in enumerate(brief.articles):
        details = ", ".join(
            x for x in (a.published and a.published.isoformat(), a.url or a.path) if x
        )
        heading = f" — {_escape(a.title)}" if a.title else ""
        lines.append(f"{i + 1}. **{_escape(a.outlet)}**{heading} ({details})")
    if brief.problems:
        lines += ["", "## Inputs not used", ""]
        lines += [f"- `{p.path}`: {p.reason}" for p in brief.problems]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """Article text is untrusted: keep it from turning into Markdown links, images or HTML."""
    for char in "\\`*_[]<>#!|":
        text = text.replace(char, "\\" + char)
    return text
