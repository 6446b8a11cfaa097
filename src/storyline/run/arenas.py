"""Fewer malloc arenas for a process that runs for months with many threads, and the
memory it freed given back after each pass.

glibc gives each thread that allocates under contention an arena of its own (up to eight
per core), and an arena keeps the memory freed in it for its thread to reuse: a watch's
sixteen fetching threads each read pages of every size, and each arena held its own
high-water mark. Capped at two arenas, a replay of real feeds held 100 MB less at 50,000
articles (701 against 803 MB, at the same pace: benchmarks/README.md). Memory freed
(stories leaving the index after a burst of late articles brought them back) stays with
the process until ``malloc_trim`` hands its unused pages back to the system. Elsewhere
(musl, macOS, Windows) nothing is changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

ARENAS = 2
_M_ARENA_MAX = -8  # glibc's malloc.h


def share_arenas(count: int = ARENAS) -> bool:
    """Whether the cap was set (only glibc has it). Arenas made before stay."""
    libc = _glibc()
    return libc is not None and bool(libc.mallopt(_M_ARENA_MAX, count))


def give_back() -> bool:
    """Whether glibc returned freed pages to the system (all arenas, not only the top of
    the heap)."""
    libc = _glibc()
    return libc is not None and bool(libc.malloc_trim(0))


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    return _libc()


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library, when it is glibc (only glibc has both calls)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
