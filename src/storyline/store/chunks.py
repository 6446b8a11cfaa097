"""Long id lists in pieces, for the reads and the write that select by ``IN (...)``.

Every database caps the parameters of one statement (SQLite at 32766, PostgreSQL at 65535),
and a batch or a page of stories can name more ids than one statement takes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

CHUNK = 500  # ids per IN (...) list: well under every database's parameter limit

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
