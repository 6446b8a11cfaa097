"""Fewer malloc arenas for a process that runs for months with many threads.

glibc gives each thread that allocates under contention an arena of its own (up to eight
per core), and an arena keeps the memory freed in it for its thread to reuse: a watch's
sixteen fetching threads each read pages of every size, and each arena held its own
high-water mark. Capped at two arenas, a replay of real feeds held 100 MB less at 50,000
articles (701 against 803 MB, at the same pace: benchmarks/README.md). Elsewhere (musl,
macOS, Windows) nothing is changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

ARENAS = 2
_M_ARENA_MAX = -8  # glibc's malloc.h


def share_arenas(count: int = ARENAS) -> bool:
    """Whether the cap was set (only glibc has it). Arenas made before stay."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_ARENA_MAX, count))
