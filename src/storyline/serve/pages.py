"""The web pages: story list with search, a story with its brief, an outlet's stories.
Server-rendered; the one script (static/story.js) only highlights source spans."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from storyline.defaults import DEFAULT_WORDS, RELATED_SHOWN
from storyline.model import Order
from storyline.moments import moment
from storyline.render.html import brief_context, environment
from storyline.run.brief import history_of
from storyline.serve.state import state
from storyline.store.rows import Filter, StoryRow

router = APIRouter(include_in_schema=False)
PER_PAGE = 25
# The spans the list's form offers for "active in the last ...".
SPANS = {"1h": "hour", "6h": "6 hours", "1d": "day", "7d": "week"}


@lru_cache(maxsize=1)
def templates() -> Environment:
    env = environment(PackageLoader("storyline", "serve/templates"))
    env.filters["web_link"] = web_link
    return env


def web_link(url: str | None) -> str | None:
    """Only http(s) addresses become links: a ``javascript:`` URL in an article's
    metadata must not."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def _render(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context))


def _listing(
    heading: str,
    rows: list[StoryRow],
    total: int,
    *,
    page: int,
    base: str,
    q: str = "",
    pages: int | None = None,
    shown: dict[str, str | None] | None = None,
) -> HTMLResponse:
    """One page of a list of stories: all of them, a search's, an outlet's, a thread's
    (``pages``: how many, if not ``PER_PAGE`` stories each; ``shown``: the filters of
    the list of all, which its form shows and its page links keep)."""
    pages = pages or max(1, -(-total // PER_PAGE))
    kept = {k: v for k, v in ({"q": q or None} | (shown or {})).items() if v}
    return _render(
        "list.html.j2", heading=heading, rows=rows, total=total, page=page, pages=pages, q=q,
        base=base, shown=shown, spans=SPANS, orders=list(Order), kept=urlencode(kept),
    )  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    order: Order = Order.RANK,
    since: Annotated[str | None, Query(max_length=40)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    """The live stories, filtered as the API's list is: by activity since a time (a
    span ago, as the form offers, or an ISO time) and by outlet. A search ignores them."""
    query = q.strip() if q and q.strip() else None
    since = since.strip() if since and since.strip() else None
    outlet = outlet.strip() if outlet and outlet.strip() else None
    try:
        active = moment(since) if since else None
    except ValueError as e:
        raise HTTPException(422, f"since {e}") from None
    chosen = Filter(active_since=active, outlet=outlet, order=order)
    offset = (page - 1) * PER_PAGE
    rows, total = state(request).store.page(PER_PAGE, offset=offset, query=query, chosen=chosen)
    heading = f"Stories matching “{query}”" if query else "Stories"
    shown = {"order": order.value, "since": since, "outlet": outlet} if not query else {}
    return _listing(heading, rows, total, page=page, base="/", q=query or "", shown=shown)


@router.get("/outlets/{outlet}", response_class=HTMLResponse)
def outlet_page(
    request: Request,
    outlet: Annotated[str, Path(max_length=200)],
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    rows, total = state(request).store.outlet_page(outlet, PER_PAGE, offset=(page - 1) * PER_PAGE)
    if not total:
        raise HTTPException(404, f"no articles from the outlet {outlet!r}")
    base = f"/outlets/{quote(outlet, safe='')}"
    return _listing(f"Stories reported by {outlet}", rows, total, page=page, base=base)


@router.get("/threads/{thread}", response_class=HTMLResponse)
def thread_page(request: Request, thread: int) -> HTMLResponse:
    """Every story of a thread on one page: a thread is a week's strands, not a feed."""
    rows = state(request).store.thread(thread)
    if not rows:
        raise HTTPException(404, f"no thread {thread}")
    heading = f"Thread: {rows[0].headline or '(no headline)'}"
    return _listing(heading, rows, len(rows), page=1, base=f"/threads/{thread}", pages=1)


@router.get("/stories/{story}", response_class=HTMLResponse)
def story_page(request: Request, story: int, since: dt.datetime | None = None) -> HTMLResponse:
    """With ``?since=`` (an ISO time), the page opens with what is new since then."""
    row, members, brief = state(request).story(story, DEFAULT_WORDS)
    related = state(request).store.thread(row.thread) if row.in_thread > 1 else []
    context = brief_context(brief, paths=False)
    context["title"] = row.headline or context["title"]
    related = [r for r in related if r.id != row.id][:RELATED_SHOWN]
    news = history_of(brief, members, since) if since is not None else None
    return _render("story.html.j2", row=row, members=members, related=related, news=news, **context)
