"""The JSON API. Stories and articles come as the CLI prints them (``stories --json``,
``story --json``), a story's brief in the CLI's JSON contract (render/json.py)."""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from storyline.defaults import DEFAULT_WORDS, RELATED_SHOWN
from storyline.ingest.jsonl import record_article
from storyline.model import Article, Order, Problem
from storyline.moments import naive_utc
from storyline.render.json import article_json, as_dict, history_dict
from storyline.run.brief import history_of
from storyline.serve.state import state
from storyline.store import Filter, Store, StoryRow
from storyline.store.views import member_json, story_json

router = APIRouter(prefix="/api", tags=["api"])

MAX_ARTICLES = 100  # articles in one POST
Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Words = Annotated[int, Query(ge=1, le=2000, description="Summary word budget.")]
Since = Annotated[
    dt.datetime | None,
    Query(description="What is new since this time (ISO 8601; UTC unless it says otherwise)."),
]


class NewArticle(BaseModel):
    """One article: ``text`` (plain) or ``html`` (a whole page; boilerplate is removed)."""

    text: str | None = None
    html: str | None = None
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="A date, e.g. 2015-11-18.")
    lang: str | None = Field(None, max_length=35, description="Its language, e.g. pl or fr-CA.")


class NewArticles(BaseModel):
    articles: list[NewArticle] = Field(min_length=1, max_length=MAX_ARTICLES)


def store_of(request: Request) -> Store:
    return state(request).store


def writer(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer <STORYLINE_TOKEN>``."""
    expected = state(request).token
    if not expected:
        raise HTTPException(403, "writes are disabled: start the server with STORYLINE_TOKEN set")
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "this needs a token: Authorization: Bearer <token>")
    given = authorization.removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "the token is not the server's")


def page(rows: list[StoryRow], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": [story_json(r) for r in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
    }


@router.get("/stories", summary="List or search stories")
def list_stories(
    store: Annotated[Store, Depends(store_of)],
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Full-text search of the articles."),
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
    order: Annotated[
        Order, Query(description="By rank, or by activity (the latest to change first).")
    ] = Order.RANK,
    since: Annotated[
        dt.datetime | None, Query(description="Only stories that gained an article since.")
    ] = None,
    outlet: Annotated[
        str | None, Query(max_length=200, description="Only stories this outlet reported.")
    ] = None,
) -> dict[str, Any]:
    """Live stories by rank (how recently and how widely covered) or by activity, all or
    those active since a time or reported by an outlet; with ``q``, those whose articles
    match every word, best match first (the filters do not apply to a search)."""
    active = naive_utc(since) if since is not None else None
    chosen = Filter(active_since=active, outlet=outlet, order=order)
    rows, total = store.page(limit, offset=offset, query=q, chosen=chosen)
    return page(rows, total, limit, offset)


@router.get("/stories/{story}", summary="One story with its brief")
def get_story(
    story: int,
    request: Request,
    words: Words = DEFAULT_WORDS,
    since: Since = None,
) -> dict[str, Any]:
    """The story, its articles (with copies, and when each arrived) and its brief. A
    story merged into another answers with the one it became (``id`` differs from the
    one asked for). With ``since``, also what it gained since then."""
    row, members, brief = state(request).story(story, words)
    related = state(request).store.thread(row.thread) if row.in_thread > 1 else []
    found = story_json(row) | {
        "members": [member_json(m, paths=False) for m in members],
        "related": [story_json(r) for r in related if r.id != row.id][:RELATED_SHOWN],
        "brief": as_dict(brief, paths=False),
    }
    if since is not None:
        found["since"] = history_dict(history_of(brief, members, since))
    return found


@router.get("/threads/{thread}", summary="The stories of a thread")
def get_thread(thread: int, store: Annotated[Store, Depends(store_of)]) -> dict[str, Any]:
    """Related stories (a war's strands, a conference's speeches) by rank; the thread id
    is a story's ``thread``."""
    rows = store.thread(thread)
    if not rows:
        raise HTTPException(404, f"no thread {thread}")
    return {"id": thread, "stories": [story_json(r) for r in rows]}


@router.get("/articles/{article}", summary="One article")
def get_article(article: str, store: Annotated[Store, Depends(store_of)]) -> dict[str, Any]:
    if len(article) > 64:
        raise HTTPException(404, "no such article")
    found = store.article(article)
    if found is None:
        raise HTTPException(404, f"no article {article}")
    stored, story = found
    return article_json(stored, paths=False) | {"story": story}


@router.get("/outlets/{outlet}", summary="An outlet's coverage")
def outlet_coverage(
    outlet: Annotated[str, Path(max_length=200)],
    store: Annotated[Store, Depends(store_of)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The stories the outlet reported, its latest first."""
    rows, total = store.outlet_page(outlet, limit, offset=offset)
    if not total:
        raise HTTPException(404, f"no articles from the outlet {outlet!r}")
    return {"outlet": outlet} | page(rows, total, limit, offset)


@router.post(
    "/articles",
    status_code=201,
    summary="Add articles",
    dependencies=[Depends(writer)],
)
def post_articles(body: NewArticles, request: Request) -> dict[str, Any]:
    """The same ingest path as ``storyline ingest``: cleaned, de-duplicated (a copy is
    linked to its original) and placed in a story. Re-posting an article changes nothing."""
    items: list[Article | Problem] = [
        record_article(f"api:{i}", item.model_dump()) for i, item in enumerate(body.articles)
    ]
    report = state(request).ingester.add(items)
    store = state(request).store
    results = []
    for i, item in enumerate(items):
        if isinstance(item, Problem):
            results.append({"index": i, "problem": item.reason})
            continue
        story = report.placed.get(item.id)
        if story is None:
            known = store.article(item.id)
            story = known[1] if known else None
        reason = next((p.reason for p in report.problems if p.path == item.path), None)
        results.append(
            {"index": i, "id": item.id, "story": story} | ({"problem": reason} if reason else {})
        )
    return {
        "stored": report.stored,
        "copies": report.copies,
        "already": report.already,
        "new_stories": report.new_stories,
        "articles": results,
    }
