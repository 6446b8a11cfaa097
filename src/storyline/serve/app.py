"""The web service: one FastAPI app serving the JSON API (``/api``, documented at
``/docs``) and the server-rendered pages over the same store.

Article text and metadata are untrusted. Pages escape everything (Jinja autoescape) and
the Content-Security-Policy allows only this server's own script and styles, so even an
escaping mistake could not run injected script; request bodies are capped; writes need
the token; nothing from a request is used as a file path.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.annotate import warm_up
from storyline.defaults import DEFAULT_DEPTH
from storyline.errors import StorylineError
from storyline.model import Depth
from storyline.run.ingest import Ingester
from storyline.serve.api import router as api_router
from storyline.serve.pages import router as page_router
from storyline.serve.pages import templates
from storyline.serve.state import State
from storyline.store import Store

MAX_BODY = 5_000_000  # bytes of one request body
STATIC = Path(__file__).with_name("static")
_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The API docs page starts Swagger UI with an inline script; it shows no article text.
_DOCS_POLICY = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over the limit of {limit:,} bytes")


class _Guard:
    """Caps request bodies (declared or streamed) and sets the security headers on
    every response."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _plain_error(
                send, 413, f"the request body is over the limit of {self.limit:,} bytes"
            )
            return
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        docs = scope["path"].startswith(("/docs", "/redoc"))

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                policy = _DOCS_POLICY if docs else _PAGE_POLICY
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, capped, secured)


async def _plain_error(send: Send, status: int, message: str) -> None:
    body = JSONResponse({"error": {"status": status, "message": message}}, status).body
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    db: str | Path | None = None,
    *,
    token: str | None = None,
    depth: Depth = DEFAULT_DEPTH,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The app over the store at ``db`` (``--db`` / ``STORYLINE_DB`` / storyline.db).
    ``token`` (else ``STORYLINE_TOKEN``) guards writes; without one, writes are refused."""
    store = Store(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The fact layer's models (seconds to load) load beside the server, not before
        # it: the list and search answer at once, and a brief asked for in the first
        # seconds waits only for what is left of the loading.
        threading.Thread(target=warm_up, args=(depth,), name="warm-up", daemon=True).start()
        yield
        store.close()

    app = FastAPIOffline(
        title="storyline",
        summary="Stories from many news reports: briefs with sources, facts, timeline.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.storyline = State(
        store=store,
        token=token if token is not None else os.environ.get("STORYLINE_TOKEN", ""),
        depth=Depth(depth),
        ingester=Ingester(store),
    )
    _wire(app, max_body)
    return app


def _wire(app: FastAPI, max_body: int) -> None:
    """Routes, static files, one error shape for every failure, and the guard."""
    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", _static(), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StorylineError, _store_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(_Guard, limit=max_body)


def _static() -> StaticFiles:
    """The pages' own files, and the brief's stylesheet read from the package: the very
    file the standalone HTML brief inlines (render/html.py)."""
    return StaticFiles(directory=STATIC, packages=[("storyline", "render/static")])


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith(("/stories/", "/outlets/"))


def _error(request: Request, status: int, message: str, **extra: Any) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if not _wants_html(request):
        body = {"error": {"status": status, "message": message, **extra}}
        return JSONResponse(jsonable_encoder(body), status, headers=headers)
    page = templates().get_template("error.html.j2").render(status=status, message=message)
    return HTMLResponse(page, status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return _error(request, exc.status_code, str(exc.detail))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"where": ".".join(str(part) for part in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in exc.errors()
    ]
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return _error(request, 400, "the request body is not valid JSON", problems=problems)
    return _error(request, 422, "the request does not fit the API", problems=problems)


async def _store_error(request: Request, exc: Exception) -> Response:
    return _error(request, 503, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    return _error(request, 500, "internal error; the server log has the details")
