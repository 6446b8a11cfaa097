"""What several test modules share: plain constants and functions, no fixtures (those are
in conftest.py). Every test module imports what it needs from here (`import helpers` works
everywhere: pyproject.toml puts tests/ on the path), never from another test module.

- where things are: the clone, the example stories, the real seeds beside the clone, and
  a PostgreSQL server the tests may stop and start (conftest.py's fixture makes it);
- input written for the tests: a synthetic stream of many stories, WARC records of pages,
  an article that tries to run script, a brief with hostile text in every section;
- what came out: a reader's articles and problems, everything a store decided, a brief of
  a few texts and its facts of one status;
- the checks every brief must pass (faithful spans, links that land) and that a store is
  whole;
- the server's token; an engine's map over a few numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline import brief
from storyline.annotate import annotate
from storyline.engine import make_engine
from storyline.ingest import read_paths, text_article
from storyline.model import (
    Annotated,
    Article,
    Brief,
    Claim,
    Coverage,
    Entity,
    Event,
    Fact,
    Markup,
    Problem,
    Quote,
    Source,
    SummarySentence,
)
from storyline.render import render_html
from storyline.run.brief import brief_articles
from storyline.run.ingest import ingest
from storyline.store import Store

# --- where things are -----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"
STORIES = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def new_database(server: str) -> str:
    """The URL of a new, empty database on the PostgreSQL ``server``."""
    import psycopg

    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


@dataclass(frozen=True)
class Postgres:
    """A real PostgreSQL server on 127.0.0.1 that a test may stop and start again."""

    url: str
    command: tuple[str, ...]  # pg_ctl, as the user the server runs as
    data: Path
    options: str
    log: Path

    def start(self) -> None:
        subprocess.run(
            [
                *self.command,
                "-D",
                str(self.data),
                "-o",
                self.options,
                "-l",
                str(self.log),
                "-w",
                "start",
            ],
            **QUIET,
        )

    def stop(self) -> None:
        """As a crash or `systemctl restart` would: connections are cut, not finished."""
        subprocess.run([*self.command, "-D", str(self.data), "-m", "immediate", "stop"], **QUIET)


QUIET: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}


# --- a synthetic stream ---------------------------------------------------------------------
# Many small stories, each told by several outlets in different words around the same
# names, plus copies. Generated, so that tests can ask for any size without copying
# anyone's text.

SYLLABLES = [
    "ka",
    "lo",
    "mer",
    "vi",
    "dun",
    "sa",
    "tor",
    "el",
    "ri",
    "bo",
    "nak",
    "ul",
    "pe",
    "zan",
]
KINDS = ["fire", "strike", "flood", "vote", "bridge", "festival", "outage", "storm", "trial"]
OUTLETS = ["Coast Courier", "Daily Lantern", "Metro Wire", "Valley Voice", "North Star"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def story_texts(k: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(outlet, title, body) for the reports of story ``k``: its own place, people and
    figure, told three ways."""
    place, person, firm = name(rng), f"{name(rng)} {name(rng)}", name(rng) + " Works"
    kind = KINDS[k % len(KINDS)]
    figure = 10 + k * 3
    tellings = [
        (
            f"{kind.title()} in {place} leaves {figure} hurt",
            f"A {kind} in {place} on Monday left {figure} people hurt, {person} said.\n\n"
            f"The {firm} site in {place} was closed while {person} and his team checked it.",
        ),
        (
            f"{place} counts the cost of the {kind}",
            f"{person} told reporters that {figure} were hurt when the {kind} hit {place}.\n\n"
            f"Work at {firm} stopped for the day and {place} schools sent children home.",
        ),
        (
            f"{firm} shut after {place} {kind}",
            f"{firm} shut its gates in {place} after the {kind}, which hurt {figure} people.\n\n"
            f"{person} promised a review of how {place} handled the {kind}.",
        ),
    ]
    outlets = rng.sample(OUTLETS, 3)
    return [(outlet, title, body) for outlet, (title, body) in zip(outlets, tellings, strict=True)]


def write_stream(folder: Path, stories: int, seed: int = 7) -> int:
    """One JSONL file per outlet-day; returns the number of articles written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for k in range(stories):
        day = f"2026-03-{1 + k % 28:02d}"
        for outlet, title, body in story_texts(k, rng):
            lines.append(
                json.dumps({"outlet": outlet, "title": title, "text": body, "published": day})
            )
    for i in range(0, len(lines), 20):
        (folder / f"part-{i // 20:03d}.jsonl").write_text("\n".join(lines[i : i + 20]) + "\n")
    return len(lines)


# --- input for the readers ------------------------------------------------------------------

# One paragraph of a report (the stream's tests, the WARC pages, the store's faults).
BODY = (
    "The city council of Marrow approved the new tram line on Monday after a debate that "
    "lasted most of the night, the mayor Ilse Brandt said. Construction is due to start in "
    "spring and the first trams should run within three years."
)
# Two paragraphs of a report (the readers' tests).
TRAM = (
    "The city council approved the new tram line on Monday after a debate that lasted "
    "most of the night, officials said.\n\nConstruction is due to start next spring."
)
PAGE = (
    "<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>{title}</h1><p>{body}</p></article><footer>All rights reserved</footer>"
    "</body></html>"
)
# An article whose text and metadata try to run script in a page (each sets window.pwned).
HOSTILE = {
    "text": "Storm <script>window.pwned = 1; alert('x')</script> cut power to 900 homes in "
    'Brask on Monday, <img src=x onerror="window.pwned = 2"> the utility said.',
    "title": "<img src=x onerror=window.pwned=3> Brask storm",
    "outlet": "Brask <b>Daily</b>",
    "url": "javascript:window.pwned=4",
}


def warc_record(uri: str, html: str | bytes, status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".encode() + (
        html.encode() if isinstance(html, str) else html
    )
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nWARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2026-03-11T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def pages(n: int) -> list[bytes]:
    """``n`` WARC records, each a page of ``BODY`` at https://news.example/<i>."""
    return [
        warc_record(f"https://news.example/{i}", PAGE.format(title=f"Tram {i}", body=BODY))
        for i in range(n)
    ]


def read(*paths: Path) -> tuple[list[Article], list[Problem]]:
    """What the readers make of ``paths``: the articles, and the problems."""
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


# --- what a store decided -------------------------------------------------------------------


def rows(store: Store) -> dict[str, Any]:
    """Everything the store decided, without timestamps."""
    stories = {}
    for row in store.stories():
        _, members = store.story(row.id)  # type: ignore[misc]
        stories[row.id] = (row.headline, sorted((m.id, m.duplicate) for m in members))
    return {"counts": store.count(), "stories": stories}


def assert_whole(store: Store) -> None:
    """Nothing half-written: every stored article is in exactly one live story."""
    counts = store.count()
    members = sum(len(m) for _, m in rows(store)["stories"].values())
    assert members == counts["articles"]
    if store.file is not None:
        with closing(sqlite3.connect(store.file)) as c:
            assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# --- briefs ---------------------------------------------------------------------------------


def example_briefs() -> list[Brief]:
    """A brief of each example story and of the seeds, at three lengths each."""
    inputs = [[story] for story in STORIES]
    if SEEDS.is_dir():
        inputs.append([SEEDS])
    return [brief(paths, words=w) for paths in inputs for w in (60, 150, 400)]


def annotated(*texts: str, published: dt.date | None = None) -> Annotated:
    """The default-depth annotation of ``texts``, each an article whose clean text it is."""
    articles = [
        Article(f"a{i}", f"a{i}", "x", Markup.TEXT, "", text, published=published)
        for i, text in enumerate(texts)
    ]
    return annotate(articles)


def brief_of(*texts: str, published: dt.date | None = None, depth: str = "fast") -> Brief:
    """The brief of ``texts``, each an article of its own outlet."""
    articles = [
        text_article(f"outlet{i}.txt", text, outlet=f"Outlet {i}", published=published)
        for i, text in enumerate(texts)
    ]
    return brief_articles(articles, words=100, depth=depth)


def claims(result: Brief, status: str) -> list[set[str]]:
    """The claims' texts of each fact of ``status`` ("agreed", "conflicting"...)."""
    return [{c.text for c in f.claims} for f in result.facts if f.status == status]


# Article-derived text that tries to become markup, for every section of a brief.
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


# --- the check every brief must pass --------------------------------------------------------
# Each fact, entity, quote and timeline item points at spans whose text holds it (used by
# the unit tests and the benchmark-cluster test).

_MARK = re.compile(r'<mark id="(a\d+-\d+-\d+)"')
_LINK = re.compile(r'href="#(a\d+-\d+-\d+)"')


def span(brief: Brief, source: Source) -> str:
    article = brief.articles[source.article]
    assert article.outlet == source.outlet
    assert 0 <= source.start < source.end <= len(article.text)
    return article.text[source.start : source.end]


def assert_faithful(brief: Brief) -> None:
    for fact in brief.facts:
        assert fact.status in ("agreed", "complementary", "conflicting")
        assert len({c.text for c in fact.claims}) == len(fact.claims)
        for claim in fact.claims:
            assert claim.sources
            if fact.kind == "figure":  # each source wrote the claim's words
                assert span(brief, claim.sources[0]) == claim.text
                for source in claim.sources:
                    assert span(brief, source).casefold() == claim.text.casefold()
            else:  # a date claim's sources are the expressions that gave that date
                for source in claim.sources:
                    assert span(brief, source)
    for entity in brief.entities:
        forms = {entity.name.casefold(), *(a.casefold() for a in entity.aliases)}
        for source in entity.sources:
            text = span(brief, source).casefold()
            assert text in forms or text.removeprefix("the ") in forms, (text, forms)
    for event in brief.timeline:
        assert span(brief, event.sources[0]) == event.text
        for source, expression in zip(event.sources, event.expressions, strict=True):
            assert expression in span(brief, source)
    for quote in brief.quotes:
        assert span(brief, quote.sources[0]) == quote.text
        for source in quote.sources:
            assert span(brief, source)


def assert_links_land(brief: Brief) -> None:
    """Every outlet tag in the HTML brief jumps to a marked span of its article."""
    html = render_html(brief)
    marks = set(_MARK.findall(html))
    assert set(_LINK.findall(html)) <= marks
    assert html.count("<mark ") == html.count("</mark>")


def assert_faithful_and_linked(brief: Brief) -> None:
    assert_faithful(brief)
    assert_links_land(brief)


# --- the server and the engines -------------------------------------------------------------

# One story told twice, its toll revised in between: a store's history (what changed
# since a time) is read off these two reports, stored one after the other.
TOLL_EARLY = {
    "outlet": "Coast Courier",
    "title": "Warehouse fire in Port Aldren kills 12",
    "published": "2026-03-03",
    "text": "A fire that tore through a harbour warehouse in Port Aldren on Tuesday killed 12 "
    "people, fire chief Mara Ostrova said. Crews fought the blaze at the warehouse for six "
    "hours before it was brought under control.",
}
TOLL_LATER = {
    "outlet": "Daily Lantern",
    "title": "Port Aldren warehouse fire toll rises to 15",
    "published": "2026-03-04",
    "text": "The harbour warehouse fire in Port Aldren on Tuesday killed 15 people, fire chief "
    "Mara Ostrova said on Wednesday. Crews fought the blaze at the warehouse for six hours.",
}


def store_in_two_steps(folder: Path) -> tuple[str, dt.datetime]:
    """A store holding TOLL_EARLY, then TOLL_LATER (ingested apart), and a time between."""
    db = str(folder / "toll.db")
    with Store(db) as store:
        ingest([write(folder / "early.jsonl", json.dumps(TOLL_EARLY) + "\n")], store)
        between = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        ingest([write(folder / "later.jsonl", json.dumps(TOLL_LATER) + "\n")], store)
    return db, between


TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def mapped(kind: str, fn: Callable[[int], Any], n: int) -> list[Any]:
    """``fn`` over ``range(n)`` on a fresh engine of two workers, which is then closed."""
    engine = make_engine(kind, workers=2)
    try:
        return list(engine.map(fn, range(n), name=lambda i: f"item {i}"))
    finally:
        engine.close()
