"""`storyline ...`: thin wrappers over the orchestration layer (``storyline.run``). Data
goes to stdout, problems and progress to stderr; a domain error is one line and exit code
2, never a traceback.

Each command imports what it runs when it runs: `--help`, `stories` and `story` must not
pay seconds for the NLP models that only a brief needs."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from storyline.defaults import BATCH, DEFAULT_DEPTH, DEFAULT_WORDS, HOST_DELAY, WATCH_EVERY
from storyline.engine import EngineKind
from storyline.errors import StorylineError
from storyline.model import Depth, Order, Problem
from storyline.render.formats import Format

if TYPE_CHECKING:
    from storyline.engine import Engine, Failed
    from storyline.model import Brief, History
    from storyline.run.ingest import IngestReport
    from storyline.run.watch import PassReport
    from storyline.store import Store
    from storyline.store.rows import Filter, Member, StoryRow

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn many noisy news reports about one event into one attributed brief.",
)


@app.callback()
def main() -> None:
    """storyline: many noisy reports in, one trustworthy brief out."""
    # storyline reports every skipped input itself, with its path and reason; library
    # log lines (trafilatura's "parsed tree length: 0" on a broken page) are noise on a
    # terminal. A root handler set here also keeps quantulum3, which calls
    # logging.basicConfig on every parse, from installing one that prints them.
    logging.basicConfig(level=logging.CRITICAL)


EngineOption = Annotated[
    EngineKind,
    typer.Option(
        "--engine",
        help="Where the parallel work runs: this process, a local process pool, or a Dask cluster.",
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://host:8786); without "
        "it, --engine dask starts a local cluster.",
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Worker processes (processes, local Dask cluster) [default: the number of cores]",
    ),
]

Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql://user@host/db URL "
        "[default: $STORYLINE_DB, else storyline.db]",
    ),
]
BRIEFS = Path("briefs")
THREAD_SHOWN = 3  # a thread's stories listed under its first; the rest are counted
_KINDS = ".txt, .html, .htm, .jsonl, .warc, .rss, .atom, .xml, each optionally .gz"
Inputs = Annotated[
    list[Path] | None,
    typer.Argument(
        help=f"Files or directories ({_KINDS}), briefed as one story.", show_default=False
    ),
]
Words = Annotated[int, typer.Option("--words", "-w", min=1, help="Word budget of a summary.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
Facts = Annotated[
    Depth,
    typer.Option(
        "--facts",
        help="Facts, entities, timeline, quotes and coverage: off; fast (the words "
        "around numbers, dates and quoted speech); full (every sentence: more names, "
        "nearly three times the time of fast).",
    ),
]


@app.command("brief")
def brief_command(
    paths: Inputs = None,
    story: Annotated[
        int | None, typer.Option("--story", "-s", help="Brief a stored story instead.")
    ] = None,
    db: Db = None,
    words: Words = DEFAULT_WORDS,
    format: FormatOption = Format.MD,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    facts: Facts = DEFAULT_DEPTH,
) -> None:
    """Brief the given inputs as reports of one story, or a stored story (--story)."""
    from storyline.render import RENDERERS
    from storyline.run.brief import brief, brief_stored
    from storyline.store import Store

    if bool(paths) == (story is not None):
        fail("give either input paths or --story ID, not both and not neither")
    try:
        if story is not None:
            with Store(db, create=False) as store:
                result = brief_stored(store, story, words=words, depth=facts)
        else:
            result = brief(paths or [], words=words, depth=facts)
    except StorylineError as e:
        fail(str(e))
    tell(result.problems)
    emit(RENDERERS[format](result), out)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help=f"Files or directories ({_KINDS}).")],
    db: Db = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Commit every N articles.")] = BATCH,
    engine: EngineOption = EngineKind.LOCAL,
    scheduler: Scheduler = None,
    workers: Workers = None,
) -> None:
    """Store articles, link copies to their originals and group them into stories.

    Re-running on the same input changes nothing; a run that was stopped continues.
    With --engine processes or dask, reading, cleaning and fingerprinting run in parallel;
    the stories are the same as with the default in-process engine."""
    from storyline.run.ingest import ingest
    from storyline.store import Store

    try:
        with (
            Store(db) as store,
            _engine(engine, workers, scheduler) as runner,
            progress_display() as show,
        ):
            report = ingest(paths, store, on_progress=show, batch=batch, engine=runner)
    except StorylineError as e:
        fail(str(e))
    except KeyboardInterrupt:
        print(
            "storyline: interrupted; what was reported stored is kept, re-run to continue",
            file=sys.stderr,
        )
        raise typer.Exit(130) from None
    _summarize_ingest(report)


def _summarize_ingest(report: IngestReport) -> None:
    tell(report.problems)
    print(
        f"storyline: stored {report.stored} articles ({report.copies} copies), "
        f"{report.new_stories} new stories, {report.merged} merged; "
        f"{report.already} already stored; {skipped(report.problems)}",
        file=sys.stderr,
    )
    if report.stored == 0 and report.already == 0 and report.problems:
        raise typer.Exit(2)


@app.command("brief-all")
def brief_all_command(
    db: Db = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the briefs.")] = BRIEFS,
    format: FormatOption = Format.MD,
    words: Words = DEFAULT_WORDS,
    facts: Facts = DEFAULT_DEPTH,
    engine: EngineOption = EngineKind.LOCAL,
    scheduler: Scheduler = None,
    workers: Workers = None,
) -> None:
    """A brief of every stored story, one file per story in OUT (story-ID.md/json/html).

    Stories are briefed in parallel on the chosen engine; a story that fails is
    reported and the rest are written."""
    from storyline.run.brief_all import brief_all
    from storyline.store import Store

    try:
        with (
            Store(db, create=False) as store,
            _engine(engine, workers, scheduler) as runner,
            _progress("briefs", store.count()["stories"]) as step,
        ):

            def done(failed: Failed | None) -> None:
                if failed is not None:
                    print(f"storyline: skipped {failed.name}: {failed.reason}", file=sys.stderr)
                step()

            report = brief_all(
                store, out, words=words, depth=facts, format=format, engine=runner, on_story=done
            )
    except (StorylineError, OSError) as e:
        fail(str(e))
    print(
        f"storyline: wrote {report.written} briefs to {out}; {report.failed} failed",
        file=sys.stderr,
    )
    if report.failed and not report.written:
        raise typer.Exit(2)


@app.command("stories")
def stories_command(
    db: Db = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="A date (2026-11-23): stories with an article dated then or later; a time "
            "(2026-11-30T09:00, or 6h, 2d ago; UTC): stories that gained an article since.",
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only stories this outlet reported.")
    ] = None,
    order: Annotated[
        Order,
        typer.Option("--order", help="By rank, or by activity (the latest to change first)."),
    ] = Order.RANK,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    thread: Annotated[
        int | None, typer.Option("--thread", help="Only the stories of this thread, all of them.")
    ] = None,
) -> None:
    """List stored stories by rank (how recently and how widely covered), each thread's
    next stories indented under its first (up to three; `--thread ID` lists them all)."""
    from storyline.store import Store

    try:
        chosen = _filter(since, outlet, order)
        with Store(db, create=False) as store:
            rows = store.thread(thread) if thread is not None else store.stories(chosen=chosen)
    except StorylineError as e:
        fail(str(e))
    if thread is not None and not rows:
        fail(f"no thread {thread}")
    _print_stories(rows, as_json, everything=thread is not None or order is Order.ACTIVITY)


def _filter(since: str | None, outlet: str | None, order: Order) -> Filter:
    """``since`` is a date (of the articles) or a time (of their arrival)."""
    from storyline.store import Filter

    if since is None or len(since.strip()) == 10:
        return Filter(since=_date(since) if since else None, outlet=outlet, order=order)
    return Filter(active_since=_moment(since), outlet=outlet, order=order)


def _print_stories(rows: Sequence[StoryRow], as_json: bool, *, everything: bool) -> None:
    """``everything``: each story on its own line, none folded under its thread."""
    from storyline.store.views import by_thread, story_json

    if as_json:
        for row in rows:
            print(json.dumps(story_json(row), ensure_ascii=False))
        return
    if everything:
        for row in rows:
            print(_story_line(row, ""))
        return
    for stories in by_thread(rows):
        for i, row in enumerate(stories[: THREAD_SHOWN + 1]):
            print(_story_line(row, "  ↳ " if i else ""))
        if len(stories) > THREAD_SHOWN + 1:
            more = len(stories) - THREAD_SHOWN - 1
            hint = f"storyline stories --thread {stories[0].thread}"
            print(f"{'':>6}  {'':<23}  {'':>4}    … {more} more in this thread: {hint}")


def _story_line(row: StoryRow, mark: str) -> str:
    span = _span(row.first_seen, row.last_seen)
    outlets = ", ".join(row.outlets)
    return (
        f"{row.id:>6}  {span:<23}  {row.articles:>4}  {mark}"
        f"{row.headline or '(no headline)'}  [{outlets}]"
    )


@app.command("story")
def story_command(
    story: Annotated[int, typer.Argument(help="Story id (from `storyline stories`).")],
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Also what is new since this time (2026-11-30T09:00, 2026-11-30, or 6h, "
            "2d ago; UTC): new articles and outlets, new or changed facts, who said each first.",
        ),
    ] = None,
    facts: Facts = DEFAULT_DEPTH,
) -> None:
    """A stored story: its articles (when each arrived), duplicates and wire copies."""
    from storyline.store import Store

    try:
        moment = _moment(since) if since else None
        with Store(db, create=False) as store:
            found = store.story(story)
            if found is None:
                fail(f"no story {story}")
            changes = _changes(store, found[0].id, moment, facts) if moment else None
    except StorylineError as e:
        fail(str(e))
    if as_json:
        _story_json(*found, changes)
        return
    _story_text(story, *found)
    if changes is not None:
        from storyline.render.markdown import render_history

        print()
        print(render_history(changes[1], changes[0]), end="")


def _changes(store: Store, story: int, since: dt.datetime, depth: Depth) -> tuple[Brief, History]:
    from storyline.run.brief import story_history

    return story_history(store, story, since, depth=depth)


def _story_json(
    row: StoryRow, members: list[Member], changes: tuple[Brief, History] | None
) -> None:
    from storyline.store.views import member_json, story_json

    data = story_json(row) | {"articles": [member_json(m) for m in members]}
    if changes is not None:
        from storyline.render.json import as_dict, history_dict

        data |= {"since": history_dict(changes[1]), "brief": as_dict(changes[0])}
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _story_text(asked: int, row: StoryRow, members: list[Member]) -> None:
    from storyline.render.formats import body_note

    if row.id != asked:
        print(f"(story {asked} was merged into story {row.id})")
    print(f"story {row.id}: {row.headline or '(no headline)'}")
    print(
        f"{_span(row.first_seen, row.last_seen)} · {row.articles} articles "
        f"({row.copies} copies) · {', '.join(row.outlets)} · {', '.join(row.languages)}"
    )
    for m in members:
        copy = (
            f"  {m.duplicate.kind} copy of {m.duplicate.original} ({m.duplicate.similarity:.2f})"
            if m.duplicate
            else ""
        )
        note = f" ({body_note(m)})" if body_note(m) else ""
        print(f"  {m.id}  {m.day}  {m.lang}  {m.outlet}: {m.title or m.path}{note}{copy}")


sources_app = typer.Typer(
    no_args_is_help=True, help="The sources `storyline watch` follows, kept in the store."
)
app.add_typer(sources_app, name="sources")
Addresses = Annotated[
    list[str], typer.Argument(help="Feed, sitemap or site home page addresses (http/https).")
]


@sources_app.command("add")
def sources_add(urls: Addresses, db: Db = None) -> None:
    """Watch these addresses (a site's home page: the feeds it names are found)."""
    from storyline.fetch.urls import clean
    from storyline.store import Store

    good = [u for u in (clean(x) for x in urls) if u]
    for bad in (x for x in urls if clean(x) is None):
        print(f"storyline: skipped {bad}: not an http(s) address", file=sys.stderr)
    try:
        with Store(db) as store:
            added = store.add_sources(good)
    except StorylineError as e:
        fail(str(e))
    print(
        f"storyline: {len(added)} added, {len(good) - len(added)} already watched", file=sys.stderr
    )
    if not good:
        raise typer.Exit(2)


@sources_app.command("list")
def sources_list(
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """Each source: its kind, pages found, last fetch, next one, and its last failure."""
    from storyline.store import Store
    from storyline.store.views import source_json

    try:
        with Store(db, create=False) as store:
            rows = store.sources()
    except StorylineError as e:
        fail(str(e))
    for row in rows:
        if as_json:
            print(json.dumps(source_json(row), ensure_ascii=False))
            continue
        when = f"{row.fetched_at:%Y-%m-%d %H:%M}" if row.fetched_at else "never fetched"
        due = f"next {row.due_at:%Y-%m-%d %H:%M}" if row.due_at else "due now"
        failing = f"  failing ({row.failures}): {row.error}" if row.error else ""
        kind = row.kind or "?"
        print(f"{kind:<8} {row.found:>6}  {when:<16}  {due:<21}  {row.url}{failing}")


@sources_app.command("remove")
def sources_remove(urls: Addresses, db: Db = None) -> None:
    """Stop watching these addresses (and the feeds found on them). What they brought
    stays stored."""
    from storyline.fetch.urls import clean
    from storyline.store import Store

    try:
        with Store(db, create=False) as store:
            gone = store.remove_sources([clean(u) or u for u in urls])
    except StorylineError as e:
        fail(str(e))
    print(f"storyline: {len(gone)} removed, {len(urls) - len(gone)} not watched", file=sys.stderr)


@app.command("watch")
def watch_command(
    file: Annotated[
        Path | None,
        typer.Argument(help="A file of addresses, one a line (added to the store's sources)."),
    ] = None,
    db: Db = None,
    once: Annotated[
        bool, typer.Option("--once", help="One pass over the due sources, then exit.")
    ] = False,
    every: Annotated[
        float, typer.Option("--every", min=0.0, help="Minutes between two fetches of one source.")
    ] = WATCH_EVERY,
    delay: Annotated[
        float, typer.Option("--delay", min=0.0, help="Seconds between two requests to one host.")
    ] = HOST_DELAY,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Hosts fetched at once.")] = 8,
) -> None:
    """Follow feeds, sitemaps and sites, and keep the store current until stopped.

    Polite: robots.txt is honoured, one request at a time per host, conditional requests.
    Ctrl-C or SIGTERM stops it after committing what it fetched; run it again to go on."""
    import dataclasses

    from storyline.fetch.client import Manners
    from storyline.run.watch import Watch, watch
    from storyline.store import Store

    urls = _sources_file(file) if file is not None else []
    manners = dataclasses.replace(Manners(), delay=delay)
    try:
        with Store(db) as store, _stopping() as stop:
            ctx = Watch(store, every=every * 60, manners=manners, workers=workers, stop=stop)
            watch(ctx, urls, once=once, on_pass=_pass_line)
    except StorylineError as e:
        fail(str(e))


def _sources_file(file: Path) -> list[str]:
    from storyline.run.watch import read_list

    try:
        urls, problems = read_list(file)
    except OSError as e:
        fail(f"cannot read {file}: {e.strerror or e}")
    tell(problems)
    return urls


@contextmanager
def _stopping() -> Iterator[threading.Event]:
    """An event set by the first SIGINT or SIGTERM; a second SIGINT interrupts at once."""
    import signal

    stop = threading.Event()

    def handle(signum: int, _frame: object) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        print("storyline: stopping after what is being fetched is committed", file=sys.stderr)
        stop.set()

    old = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, previous in old.items():
            signal.signal(sig, previous)


def _pass_line(report: PassReport) -> None:
    tell(report.failed)
    tell(report.problems)
    following = f"; next due {report.next_due:%H:%M:%S} UTC" if report.next_due else ""
    print(
        f"storyline: pass {report.number}: {report.sources} sources asked "
        f"({report.unchanged} unchanged, {len(report.failed)} failing, {report.found} found); "
        f"{report.new} new pages, {report.fetched} fetched, {report.feed_text} from feed text; "
        f"stored {report.stored} ({report.copies} copies, {report.new_stories} new stories), "
        f"{len(report.problems)} skipped "
        f"in {report.seconds:.0f} s{following}",
        file=sys.stderr,
        flush=True,
    )


@app.command("serve")
def serve_command(
    db: Db = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    facts: Annotated[
        Depth, typer.Option("--facts", help="How much the fact layer reads (see `brief`).")
    ] = DEFAULT_DEPTH,
) -> None:
    """The web page and the REST API (docs at /docs) over the story store.

    `storyline ingest` may keep filling the store meanwhile. Writes (POST /api/articles)
    need STORYLINE_TOKEN set here and sent as `Authorization: Bearer <token>`."""
    import uvicorn

    from storyline.serve import create_app

    try:
        application = create_app(db, depth=facts)
    except StorylineError as e:
        fail(str(e))
    print(
        f"storyline: serving {application.state.storyline.store.url} on http://{host}:{port}/",
        file=sys.stderr,
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _span(first: dt.date | None, last: dt.date | None) -> str:
    if first is None:
        return "-"
    return str(first) if first == last or last is None else f"{first} – {last}"


def _moment(text: str) -> dt.datetime:
    from storyline.moments import moment

    try:
        return moment(text)
    except ValueError as e:
        raise StorylineError(f"--since {e}") from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StorylineError(f"--since expects a date like 2026-11-23, not {text!r}") from None


@contextmanager
def _engine(kind: EngineKind, workers: int | None, scheduler: str | None) -> Iterator[Engine]:
    from storyline.engine import make_engine

    if scheduler and kind is not EngineKind.DASK:
        raise StorylineError("--scheduler is for --engine dask")
    runner = make_engine(kind, workers=workers or os.cpu_count(), scheduler=scheduler)
    try:
        yield runner
    finally:
        runner.close()


@contextmanager
def _progress(what: str, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal; a line every 100 otherwise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not sys.stderr.isatty():
        done = 0

        def line() -> None:
            nonlocal done
            done += 1
            if done % 100 == 0 or done == total:
                print(f"storyline: {done}/{total} {what}", file=sys.stderr)

        yield line
        return
    with Progress(
        TextColumn(what),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)


@contextmanager
def progress_display() -> Iterator[Callable[[IngestReport], None]]:
    """A progress bar on a terminal; one line per committed batch otherwise (logs, CI)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not sys.stderr.isatty():
        last = [0]

        def line(report: IngestReport) -> None:
            if report.stored != last[0]:
                last[0] = report.stored
                print(
                    f"storyline: committed {report.stored} articles "
                    f"({report.files_done}/{report.files} files)",
                    file=sys.stderr,
                    flush=True,
                )

        yield line
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[counts]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=None, counts="")

        def update(report: IngestReport) -> None:
            bar.update(
                task,
                total=report.files,
                completed=report.files_done,
                counts=f"{report.stored} stored, {report.copies} copies, "
                f"{report.already} already, {skipped(report.problems)}",
            )

        yield update


def tell(problems: Iterable[Problem]) -> None:
    """One line per problem: "cut short" when the input was still used in part."""
    for problem in problems:
        verb = "cut short" if problem.partial else "skipped"
        print(f"storyline: {verb} {problem.path}: {problem.reason}", file=sys.stderr)


def skipped(problems: Sequence[Problem]) -> str:
    cut = sum(p.partial for p in problems)
    return f"{len(problems) - cut} skipped" + (f", {cut} cut short" if cut else "")


def emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"cannot write {out}: {e.strerror or e}")
    print(f"storyline: wrote {out}", file=sys.stderr)


def fail(message: str) -> NoReturn:
    print(f"storyline: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


if __name__ == "__main__":
    app()
