"""Sentence vectors: TF-IDF over the story's own sentences.

Chosen by measurement (benchmarks/vectors_compare.py, table in benchmarks/README.md): on
150 multinews-plus-val clusters the summary selector scores slightly higher ROUGE with
TF-IDF than with MiniLM embeddings, at a twelfth of the time and without torch in memory.
"""

from __future__ import annotations

from collections.abc import Sequence

from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.lexicon import stop_words


def sentence_vectors(texts: Sequence[str]) -> csr_matrix:
    """Rows are L2-normalised, so a dot product is a cosine similarity."""
    if not texts:
        return csr_matrix((0, 0))
    vectorizer = TfidfVectorizer(
        lowercase=True,
        stop_words=sorted(stop_words()),
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w\w+\b",
    )
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # only stop words: no vocabulary
        return csr_matrix((len(texts), 1))
