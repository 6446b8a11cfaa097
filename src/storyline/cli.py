"""`storyline ...`: thin wrappers over the library. Data goes to stdout, problems and
progress to stderr; a domain error is one line and exit code 2, never a traceback."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from storyline.errors import StorylineError
from storyline.pipeline import DEFAULT_WORDS, brief
from storyline.render import RENDERERS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn many noisy news reports about one event into one attributed brief.",
)


class Format(StrEnum):
    md = "md"
    json = "json"
    html = "html"


@app.callback()
def main() -> None:
    """storyline: many noisy reports in, one trustworthy brief out."""


@app.command("brief")
def brief_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or directories (.txt, .html, .htm, .jsonl, each optionally .gz)."
        ),
    ],
    words: Annotated[
        int, typer.Option("--words", "-w", min=1, help="Word budget of the summary.")
    ] = DEFAULT_WORDS,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.md,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Brief every input as a report of one story."""
    try:
        result = brief(paths, words=words)
    except StorylineError as e:
        fail(str(e))
    for problem in result.problems:
        print(f"storyline: skipped {problem.path}: {problem.reason}", file=sys.stderr)
    text = RENDERERS[format.value](result)
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"cannot write {out}: {e.strerror or e}")
    print(f"storyline: wrote {out}", file=sys.stderr)


def fail(message: str) -> None:
    print(f"storyline: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


if __name__ == "__main__":
    app()
