"""Where the parallel stages run: in this process (``local``, the default), a local
process pool (``processes``) or a Dask cluster (``dask``). One small interface: map a
function over items, get each result (or why it failed) back in input order.

Stage code never imports an engine; the CLI picks one at the edge and hands it the stage
functions. Functions and items must pickle (module-level functions, frozen dataclasses),
and a stage's models load once per worker because they sit behind ``lru_cache`` in the
stage modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from storyline.errors import StorylineError

T = TypeVar("T")
R = TypeVar("R")
ENGINES = ("local", "processes", "dask")


@dataclass(frozen=True)
class Failed:
    """An item the engine could not finish (it raised, or its worker died twice)."""

    name: str
    reason: str


class Engine(Protocol):
    workers: int

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], name: Callable[[T], str]
    ) -> Iterator[R | Failed]:
        """``fn`` over ``items``, results in input order; at most a few items per worker
        are in flight, so a long input never sits in memory whole."""
        ...

    def close(self) -> None: ...


def make_engine(kind: str, workers: int | None = None, scheduler: str | None = None) -> Engine:
    if kind == "local":
        from storyline.engine.local import LocalEngine

        return LocalEngine()
    if kind == "processes":
        from storyline.engine.processes import ProcessEngine

        return ProcessEngine(workers)
    if kind == "dask":
        from storyline.engine.cluster import DaskEngine

        return DaskEngine(workers, scheduler)
    raise StorylineError(f"the engine must be one of {', '.join(ENGINES)}, not {kind!r}")


def describe(error: BaseException) -> str:
    text = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


__all__ = ["ENGINES", "Engine", "Failed", "describe", "make_engine"]
