"""The story's dated events in order, and the date facts they imply.

An event is a sentence with a date expression. Sentences from different articles with
the same resolved date and alike in words are one event told by several sources; alike
sentences with different dates are a date conflict. Expressions we could not resolve
stay in the timeline with no date, after the dated ones, rather than being guessed. An
undated article's expressions are read against its story's day (annotate/__init__.py)
and marked inferred wherever they show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Annotated, Claim, Event, Fact, FactKind, Source, Status, When
from storyline.synthesize.similarity import Likeness
from storyline.synthesize.source import source_of

SAME_EVENT = 0.3  # cosine of two sentences told of one event on one date
SAME_STORY_DATE = 0.5  # cosine above which two sentences with different dates disagree


def timeline(story: Annotated) -> tuple[tuple[Event, ...], tuple[Fact, ...]]:
    like = Likeness(story)
    events: list[list[When]] = []
    on: dict[str | None, list[list[When]]] = defaultdict(list)  # the events of each date
    seen: set[tuple[int, str]] = set()
    for when in story.whens:
        key = (when.sentence, when.date or when.text)
        if key in seen:
            continue
        seen.add(key)
        for group in on[when.date]:
            if (
                when.article not in {w.article for w in group}
                and like(group[0].sentence, when.sentence) >= SAME_EVENT
            ):
                group.append(when)
                break
        else:
            events.append([when])
            on[when.date].append(events[-1])
    dated = sorted((g for g in events if g[0].date), key=lambda g: g[0].date or "")
    undated = [g for g in events if not g[0].date]
    ordered = tuple(_event(story, g) for g in dated + undated)
    return ordered, _date_facts(story, dated, like)


def _event(story: Annotated, group: Sequence[When]) -> Event:
    head = story.sentences[group[0].sentence]
    return Event(
        group[0].date,
        head.text,
        tuple(w.text for w in group),
        tuple(_sentence_source(story, w) for w in group),
        inferred=all(w.inferred for w in group),
    )


def _date_facts(story: Annotated, dated: list[list[When]], like: Likeness) -> tuple[Fact, ...]:
    """Date facts from the dates sources give; one an undated article's date was only
    inferred for is no fact (a copied paragraph's "Tuesday" read against two days would
    make a conflict no source made)."""
    dated = [g for g in dated if not all(w.inferred for w in g)]
    facts = []
    used: set[int] = set()
    # Two dates of one event disagree within a year ("Friday" / "Saturday", "April" /
    # "May"); comparing only those keeps long stories from comparing every pair.
    same_year: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(dated):
        same_year[(group[0].date or "")[:4]].append(i)
    for i, group in enumerate(dated):
        if i in used:
            continue
        rivals = [
            j
            for j in same_year[(group[0].date or "")[:4]]
            if j != i
            and j not in used
            and len(dated[j][0].date or "") == len(group[0].date or "")
            and dated[j][0].date != group[0].date
            and not {w.article for w in dated[j]} & {w.article for w in group}
            and like(group[0].sentence, dated[j][0].sentence) >= SAME_STORY_DATE
        ]
        used.update(rivals)
        members = [group] + [dated[j] for j in rivals]
        articles = {w.article for g in members for w in g}
        if len(articles) < 2:
            continue  # one source's date is in the timeline already
        status = Status.CONFLICTING if rivals else Status.AGREED
        claims = tuple(
            Claim(g[0].date or "", tuple(source_of(story, w.article, w.start, w.end) for w in g), n)
            for n, g in enumerate(members)
        )
        facts.append(Fact(FactKind.DATE, story.sentences[group[0].sentence].text, status, claims))
    return tuple(facts)


def _sentence_source(story: Annotated, when: When) -> Source:
    """The whole sentence the date expression stands in (the event as told)."""
    sentence = story.sentences[when.sentence]
    return source_of(story, when.article, sentence.start, sentence.end)
