"""The code's own rules, checked so they stay true: stages never reach into the store,
the CLI, the server or the orchestration layer; no long function without a reason; and
the commands that need no NLP never load it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS

SRC = ROOT / "src" / "storyline"
STAGES = ("fetch", "ingest", "clean", "annotate", "group", "synthesize", "render", "engine")
OUTER = ("storyline.store", "storyline.cli", "storyline.serve", "storyline.run")
MAX_LINES = 40
LONG = "Long because"  # a function over MAX_LINES says why in its docstring
HEAVY = ("spacy", "torch", "thinc", "quantulum3")


def modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_store_cli_server_or_orchestration(stage: str) -> None:
    wrong = {
        f"{path.relative_to(SRC)}: {name}"
        for path in modules(SRC / stage)
        for name in imported(path)
        if name.startswith(OUTER)
    }
    assert not wrong


def test_no_function_is_long_without_saying_why() -> None:
    long = []
    for path in modules(SRC):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES and LONG not in (ast.get_docstring(node) or ""):
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({lines})")
    assert not long


def loaded_after(code: str) -> set[str]:
    """The heavy libraries loaded by running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(done.stdout.split())


def test_the_cli_loads_no_nlp_until_a_command_needs_it() -> None:
    code = "import storyline, storyline.cli, storyline.serve, storyline.store"
    assert loaded_after(code) == set()


def test_a_brief_without_facts_loads_no_nlp_model() -> None:
    code = f"from storyline.run.brief import brief\nbrief([{str(SEEDS)!r}], depth='off')"
    assert loaded_after(code) == set()


def test_a_brief_with_facts_does_load_it() -> None:
    """The probe above would pass vacuously if it could not see a loaded model."""
    code = f"from storyline.run.brief import brief\nbrief([{str(SEEDS)!r}])"
    assert {"spacy", "quantulum3"} <= loaded_after(code)
