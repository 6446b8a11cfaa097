"""Markdown for a terminal or a notes file: the summary with outlet tags, then sources."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import Brief, Fact, History, Source, SummarySentence
from storyline.render.formats import INFERRED, SNIPPETS_ONLY, body_note, unread_note


def _tags(sentence: SummarySentence) -> str:
    outlets = dict.fromkeys(s.outlet for s in sentence.sources)
    return " ".join(f"[{o}]" for o in outlets)


def render_markdown(brief: Brief) -> str:
    title = next((a.title for a in brief.articles if a.title), None) or "Brief"
    lines = [f"# {_escape(title)}", ""]
    if brief.snippets_only:
        lines += [f"_{SNIPPETS_ONLY}_", ""]
    if brief.unread:
        lines += [f"_{unread_note(brief.unread)}_", ""]
    lines += ["## Summary", ""]
    lines += [f"- {_escape(s.text)} {_tags(s)}{_disputes(s)}" for s in brief.summary]
    if not brief.summary:
        lines.append("_No sentence of the sources fits the word budget._")
    lines += _facts(brief) + _entities(brief) + _timeline(brief) + _quotes(brief)
    lines += _coverage(brief)
    lines += ["", "## Sources", ""]
    for i, a in enumerate(brief.articles):
        details = ", ".join(
            x
            for x in (
                a.published and a.published.isoformat(),
                a.url or a.path,
                a.lang and f"lang {a.lang}",
                body_note(a),
            )
            if x
        )
        heading = f" — {_escape(a.title)}" if a.title else ""
        lines.append(f"{i + 1}. **{_escape(a.outlet)}**{heading} ({details})")
    if brief.problems:
        lines += ["", "## Inputs skipped or cut short", ""]
        lines += [f"- `{p.path}`: {p.reason}" for p in brief.problems]
    return "\n".join(lines) + "\n"


def _outlets(sources: Iterable[Source]) -> str:
    return " ".join(f"[{_escape(o)}]" for o in dict.fromkeys(s.outlet for s in sources))


def _facts(brief: Brief) -> list[str]:
    rows = []
    for fact in brief.facts:
        about = fact.about if len(fact.about) <= 90 else fact.about[:87] + "…"
        rows.append(f"| {fact.status} | {_escape(about)} | {_values(fact)} |")
    return _section("Facts", ["| status | what | values |", "|---|---|---|", *rows] if rows else [])


def _values(fact: Fact) -> str:
    """Wordings of one value joined by "/", the sides of a conflict by "vs"; a loose
    figure that fits every side last."""
    sides: dict[int, list[str]] = {}
    for claim in fact.claims:
        sides.setdefault(claim.group, []).append(f"{_escape(claim.text)} {_outlets(claim.sources)}")
    fits_all = sides.pop(-1, [])
    text = " **vs** ".join(" / ".join(words) for words in sides.values())
    return text + (f" (fits every side: {' / '.join(fits_all)})" if fits_all else "")


def _disputes(sentence: SummarySentence) -> str:
    """The other side of each conflicting figure the sentence states, with its outlets."""
    return "".join(
        f" _Sources differ on {_escape(f.about)}: {_values(f)}._" for f in sentence.disputes
    )


def _section(title: str, lines: list[str]) -> list[str]:
    """A heading and its lines; nothing at all for an empty section."""
    return ["", f"## {title}", "", *lines] if lines else []


def _entities(brief: Brief) -> list[str]:
    lines = []
    for e in brief.entities:
        aka = f" (also: {', '.join(_escape(a) for a in e.aliases)})" if e.aliases else ""
        lines.append(f"- **{_escape(e.name)}** {e.label.lower()}{aka} {_outlets(e.sources)}")
    return _section("Entities", lines)


def _timeline(brief: Brief) -> list[str]:
    lines = []
    for event in brief.timeline:
        when = event.date or f"undated ({_escape(', '.join(event.expressions))})"
        if event.inferred:
            when += f" ({INFERRED})"
        lines.append(f"- **{when}** {_escape(event.text)} {_outlets(event.sources)}")
    return _section("Timeline", lines)


def _quotes(brief: Brief) -> list[str]:
    lines = []
    for quote in brief.quotes:
        who = _escape(quote.speaker) if quote.speaker else "unattributed"
        lines.append(f"- “{_escape(quote.text)}” — {who} {_outlets(quote.sources)}")
    return _section("Quotes", lines)


def _coverage(brief: Brief) -> list[str]:
    lines = []
    for c in brief.coverage:
        lines.append(f"- **{_escape(c.outlet)}** ({len(c.articles)} article(s))")
        lines += [f"  - only here: {_escape(text)}" for text in c.only]
        lines += [f"  - not here: {_escape(text)}" for text in c.missing]
    return _section("Coverage", lines)


def _escape(text: str) -> str:
    """Article text is untrusted: keep it from turning into Markdown links, images or HTML."""
    for char in "\\`*_[]<>#!|":
        text = text.replace(char, "\\" + char)
    return text


def render_history(history: History, brief: Brief) -> str:
    """What a story gained since a time: new articles and outlets, each fact's value
    first reported since (and what it replaced, and who still gives the older one), and
    who reported each value first."""
    since = f"{history.since:%Y-%m-%d %H:%M} UTC"
    lines = [f"## Since {since}", ""]
    new = [brief.articles[i] for i in history.new_articles]
    titles = "".join(f"; {a.outlet}: {a.title or a.id}" for a in new)
    lines.append(_escape(f"- {len(new)} new articles{titles}"))
    if history.new_outlets:
        lines.append(_escape(f"- new outlets: {', '.join(history.new_outlets)}"))
    for change in history.changes:
        value = f"{change.before} → {change.after}" if change.before else f"{change.after} (new)"
        first = f"{change.first.source.outlet} at {change.first.at:%Y-%m-%d %H:%M}"
        behind = f"; still an older value: {', '.join(change.behind)}" if change.behind else ""
        lines.append(_escape(f"- {change.about}: {value}, first reported by {first}{behind}"))
    if not history.changes:
        lines.append("- no fact changed")
    lines += ["", "### Who reported each value first", ""]
    lines += [
        _escape(f"- {f.about}: {f.value} — {f.source.outlet}, {f.at:%Y-%m-%d %H:%M}")
        for f in history.firsts
    ]
    return "\n".join(lines) + "\n"
