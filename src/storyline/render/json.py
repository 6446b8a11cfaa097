"""The JSON contract other tools rely on (documented in README.md, checked by tests).

``sources[].article`` is the index into ``articles``, so
``articles[article]["text"][start:end]`` is the source span.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from storyline.model import Article, Brief, Coverage, Fact, FirstReport, History, Source


def as_dict(brief: Brief, *, paths: bool = True) -> dict[str, Any]:
    """``paths``: as for ``article_json``."""
    return {
        "summary": "\n".join(s.text for s in brief.summary),
        "snippets_only": brief.snippets_only,
        "unread_languages": list(brief.unread),
        "sentences": [
            {"text": s.text, "sources": _sources(s.sources)}
            | {"disputes": [_fact(f) for f in s.disputes]}
            for s in brief.summary
        ],
        "articles": [article_json(a, paths=paths) for a in brief.articles],
        "facts": [_fact(f) for f in brief.facts],
        "entities": [
            {"name": e.name, "label": e.label, "aliases": list(e.aliases)}
            | {"sources": _sources(e.sources)}
            for e in brief.entities
        ],
        "timeline": [
            {"date": e.date, "inferred": e.inferred, "text": e.text}
            | {"expressions": list(e.expressions)}
            | {"sources": _sources(e.sources)}
            for e in brief.timeline
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "sources": _sources(q.sources)}
            for q in brief.quotes
        ],
        "coverage": [_coverage(c) for c in brief.coverage],
        "problems": [
            {"path": p.path, "reason": p.reason, "partial": p.partial} for p in brief.problems
        ],
    }


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "about": fact.about,
        "status": fact.status,
        "values": [
            {"text": c.text, "group": c.group, "sources": _sources(c.sources)} for c in fact.claims
        ],
        "sources": _sources(s for c in fact.claims for s in c.sources),
    }


def _coverage(coverage: Coverage) -> dict[str, Any]:
    return {
        "outlet": coverage.outlet,
        "articles": list(coverage.articles),
        "only": list(coverage.only),
        "missing": list(coverage.missing),
    }


def _sources(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [_source(s) for s in sources]


def _source(source: Source) -> dict[str, Any]:
    return {
        "article": source.article,
        "outlet": source.outlet,
        "start": source.start,
        "end": source.end,
    }


def article_json(article: Article, *, paths: bool = True) -> dict[str, Any]:
    """``paths``: say where the input was read. Every rendering of a brief or an article
    takes this one switch: the command line shows the file, the web service never does
    (its visitors should not learn the server's file names)."""
    found = {
        "id": article.id,
        "outlet": article.outlet,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "body": article.body.value,
        "lang": article.lang or "und",
        "text": article.text,
    }
    if not paths:
        del found["path"]
    return found


def render_json(brief: Brief) -> str:
    return json.dumps(as_dict(brief), ensure_ascii=False, indent=2) + "\n"


def history_dict(history: History) -> dict[str, Any]:
    """What a story gained since a time; ``source.article`` indexes the brief's
    ``articles``, as everywhere in the contract."""
    return {
        "since": _utc(history.since),
        "new_articles": list(history.new_articles),
        "new_outlets": list(history.new_outlets),
        "changes": [
            {"kind": c.kind.value, "about": c.about, "before": c.before, "after": c.after}
            | {"first": _first(c.first), "behind": list(c.behind)}
            for c in history.changes
        ],
        "first_reports": [_first(f) for f in history.firsts],
    }


def _first(report: FirstReport) -> dict[str, Any]:
    return {"about": report.about, "value": report.value, "at": _utc(report.at)} | {
        "source": _source(report.source)
    }


def _utc(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds") + "Z"
