"""Exact and near-duplicate detection over everything stored so far.

Exact copies share the fingerprint of their normalised words. Near copies (a wire story
with a different headline, a trimmed or lightly edited re-post) share most word
shingles: MinHash LSH finds candidates without comparing against every article, and the
estimated Jaccard similarity decides.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

from storyline.group.features import NUM_PERM, minhash_of
from storyline.model import CopyKind, Duplicate, Features

NEAR = 0.7


class DuplicateIndex:
    def __init__(self, threshold: float = NEAR) -> None:
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        self._outlet: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._values: dict[str, np.ndarray] = {}
        self._fingerprint: dict[str, str] = {}

    def find(self, features: Features, outlet: str) -> Duplicate | None:
        original = self._exact.get(features.fingerprint)
        if original is not None:
            return Duplicate(original, CopyKind.EXACT, 1.0)
        sketch = minhash_of(features.minhash)
        best: tuple[float, str] | None = None
        for key in self._lsh.query(sketch):
            similarity = float(np.mean(sketch.hashvalues == self._values[key]))
            if similarity >= self.threshold and (best is None or (similarity, key) > best):
                best = (similarity, key)
        if best is None:
            return None
        kind = CopyKind.NEAR if self._outlet[best[1]] == outlet else CopyKind.WIRE
        return Duplicate(best[1], kind, round(best[0], 4))

    def add(self, article: str, features: Features, outlet: str) -> None:
        """Index an original (copies are never indexed, so every copy links to an original)."""
        self._exact.setdefault(features.fingerprint, article)
        self._fingerprint[article] = features.fingerprint
        self._outlet[article] = outlet
        sketch = minhash_of(features.minhash)
        self._values[article] = sketch.hashvalues
        self._lsh.insert(article, sketch, check_duplication=False)

    def remove(self, article: str) -> None:
        """Forget an original whose story left the stream's index (a copy, never indexed,
        is ignored): a later copy of it is then stored as an original."""
        fingerprint = self._fingerprint.pop(article, None)
        if fingerprint is None:
            return
        if self._exact.get(fingerprint) == article:
            del self._exact[fingerprint]
        del self._outlet[article], self._values[article]
        self._lsh.remove(article)
