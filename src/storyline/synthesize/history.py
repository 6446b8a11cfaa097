"""What a story gained since a time: the articles stored after it, and the values of its
facts first reported after it — new, or replacing what was reported until then — with
the outlet that gave each first and the outlets still giving an older one.

A fact arrives with the first article that states it, so a story's history needs no
bookkeeping beyond each article's storing time: it is read off one brief of the story
as it is now, and is the same however often it is asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline.model import Brief, Change, Claim, Fact, FirstReport, History

LOOSE = -1  # synthesize/facts.py: a loose figure that fits every value of a conflict


def history(brief: Brief, stored: Sequence[dt.datetime], since: dt.datetime) -> History:
    """``stored[i]``: when ``brief.articles[i]`` was stored."""
    new = tuple(i for i, at in enumerate(stored) if at > since)
    before = {brief.articles[i].outlet for i, at in enumerate(stored) if at <= since}
    outlets = dict.fromkeys(brief.articles[i].outlet for i in new)
    new_outlets = tuple(o for o in outlets if o not in before)
    firsts: list[FirstReport] = []
    changes: list[Change] = []
    for fact in brief.facts:
        values = _values(fact, stored)
        firsts.extend(first for first, _ in values)
        changes.extend(_changes(fact, values, since))
    firsts.sort(key=lambda f: f.at)
    return History(since, new, new_outlets, tuple(changes), tuple(firsts))


def _values(fact: Fact, stored: Sequence[dt.datetime]) -> list[tuple[FirstReport, set[str]]]:
    """Each value of the fact (claims of one group agree), its first report and the
    outlets giving it, in order of arrival."""
    groups: dict[int, list[Claim]] = {}
    for n, claim in enumerate(fact.claims):
        groups.setdefault(claim.group if claim.group != LOOSE else -1 - n, []).append(claim)
    values = []
    for claims in groups.values():
        sources = [s for c in claims for s in c.sources]
        first = min(sources, key=lambda s: (stored[s.article], s.article))
        text = next(c.text for c in claims if first in c.sources)
        report = FirstReport(fact.about, text, first, stored[first.article])
        values.append((report, {s.outlet for s in sources}))
    return sorted(values, key=lambda v: (v[0].at, v[0].source.article))


def _changes(
    fact: Fact, values: list[tuple[FirstReport, set[str]]], since: dt.datetime
) -> list[Change]:
    """Values first reported after ``since``: each replaces the latest one before it.
    Only the newest can leave outlets behind."""
    changes = []
    latest_before = next((r.value for r, _ in reversed(values) if r.at <= since), None)
    newest_outlets = values[-1][1]
    for n, (report, _) in enumerate(values):
        if report.at <= since:
            continue
        behind: tuple[str, ...] = ()
        if n == len(values) - 1:
            older = {o for _, others in values[:-1] for o in others}
            behind = tuple(sorted(older - newest_outlets))
        changes.append(Change(fact.kind, fact.about, latest_before, report.value, report, behind))
        latest_before = report.value
    return changes
