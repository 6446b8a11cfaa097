"""Cosine of two sentences of a story, from the vectors annotate made."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from storyline.model import Annotated


class Likeness:
    """Cosine of two sentences (indexes into ``story.sentences``; rows are L2-normalised).

    Each row is read once into a dict: a scipy product per pair costs about 0.3 ms, which
    made the fact layer quadratic in practice on stories of hundreds of articles."""

    def __init__(self, story: Annotated) -> None:
        self.vectors = story.vectors
        self.rows: dict[int, dict[int, float]] = {}

    def __call__(self, a: int, b: int) -> float:
        ra, rb = self._row(a), self._row(b)
        if len(ra) > len(rb):
            ra, rb = rb, ra
        return float(sum(value * rb.get(column, 0.0) for column, value in ra.items()))

    def _row(self, i: int) -> dict[int, float]:
        row = self.rows.get(i)
        if row is None:
            vectors = self.vectors
            if isinstance(vectors, csr_matrix):
                lo, hi = vectors.indptr[i], vectors.indptr[i + 1]
                columns, values = vectors.indices[lo:hi].tolist(), vectors.data[lo:hi].tolist()
                row = dict(zip(columns, values, strict=True))
            else:
                dense = np.asarray(vectors[i]).ravel()
                row = {int(c): float(dense[c]) for c in np.flatnonzero(dense)}
            self.rows[i] = row
        return row
