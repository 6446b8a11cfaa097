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
from enum import StrEnum
from typing import Protocol, TypeVar

from storyline.errors import StorylineError

T = TypeVar("T")
R = TypeVar("R")


class EngineKind(StrEnum):
    LOCAL = "local"
    PROCESSES = "processes"
    DASK = "dask"


@dataclass(frozen=True)
class Failed:
    """An item the engine could not finish: it raised, or its worker died again when the
    item was run on its own (a death among others may be another item's doing)."""

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


def make_engine(
    kind: EngineKind, *, workers: int | None = None, scheduler: str | None = None
) -> Engine:
    try:
        kind = EngineKind(kind)  # a caller's plain "dask" is welcome too
    except ValueError:
        known = ", ".join(EngineKind)
        raise StorylineError(f"the engine must be one of {known}, not {kind!r}") from None
    if kind is EngineKind.LOCAL:
        from storyline.engine.local import LocalEngine

        return LocalEngine()
    if kind is EngineKind.PROCESSES:
        from storyline.engine.processes import ProcessEngine

        return ProcessEngine(workers)
    from storyline.engine.cluster import DaskEngine

    return DaskEngine(workers, scheduler)


__all__ = ["Engine", "EngineKind", "Failed", "make_engine"]
