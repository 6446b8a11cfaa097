"""How many of the stream's articles used each term: the document frequencies IDF reads.

A stream that runs for months meets new words every day (names, places, typos, other
scripts), so a table keyed by the words themselves only grows. The counts are kept in a
fixed array instead, each term in the slot its CRC-32 names. Two terms that share a
slot add up; with millions of slots that happens between rare words, whose weights it
barely moves (a rare word's IDF is log(n/2) rather than log(n)), and a frequent word
is counted too often for a rare one to matter. CRC-32 and not ``hash()``: Python
salts string hashes per process, and a replay must count in the same slots as the run
it rebuilds.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable

SLOTS = 1 << 22  # 16 MB of counts


class Frequencies:
    def __init__(self, slots: int = SLOTS) -> None:
        self._mask = slots - 1
        assert slots & self._mask == 0, "a power of two, so that a mask picks the slot"
        self._counts = array("I", bytes(4 * slots))

    def __getitem__(self, term: str) -> int:
        return self._counts[zlib.crc32(term.encode("utf-8", "surrogatepass")) & self._mask]

    def update(self, terms: Iterable[str]) -> None:
        """Count one article's distinct terms."""
        counts, mask = self._counts, self._mask
        for term in terms:
            counts[zlib.crc32(term.encode("utf-8", "surrogatepass")) & mask] += 1
