"""`storyline brief` over files (cli.py): each format, bad input reported on stderr while
the good is used, one line and exit code 2 when nothing is usable or the output cannot
be written, and nothing but storyline's own lines on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from helpers import BODY, STORIES, write
from storyline.cli import app

runner = CliRunner()


def test_markdown_by_default() -> None:
    result = runner.invoke(app, ["brief", str(STORIES[0])])
    assert result.exit_code == 0, result.output
    assert "## Summary" in result.stdout and "## Sources" in result.stdout


def test_json_with_word_budget() -> None:
    result = runner.invoke(app, ["brief", str(STORIES[0]), "--format", "json", "--words", "40"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert sum(len(s["text"].split()) for s in data["sentences"]) <= 40


def test_html_to_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = runner.invoke(
        app, ["brief", *map(str, STORIES[0].iterdir()), "-f", "html", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert out.read_text().startswith("<!doctype html>")


def test_bad_input_is_reported_on_stderr_and_good_input_used(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.jsonl", "{nope\n")
    result = runner.invoke(app, ["brief", str(STORIES[0]), str(bad)])
    assert result.exit_code == 0
    assert f"storyline: skipped {bad}:1: malformed JSON" in result.stderr
    assert "## Summary" in result.stdout


def test_no_usable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    result = runner.invoke(app, ["brief", str(empty)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no usable article" in result.stderr
    assert "Traceback" not in result.output


def test_unwritable_out_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["brief", str(STORIES[0]), "-o", str(tmp_path / "no" / "dir" / "x.md")]
    )
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_unparseable_html_is_reported_by_storyline_alone(tmp_path: Path) -> None:
    """Only storyline speaks on stderr: no library log line reaches the user."""
    write(tmp_path / "in" / "junk.html", b"<>")  # trafilatura logs an error on it
    write(tmp_path / "in" / "good.txt", BODY)
    done = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "brief", str(tmp_path / "in"), "--facts", "off"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("storyline: skipped") for line in lines), lines
