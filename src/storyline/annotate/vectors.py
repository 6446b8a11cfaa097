"""Sentence vectors: TF-IDF over the story's own sentences.

Chosen by measurement (benchmarks/vectors_compare.py, table in benchmarks/README.md): on
150 multinews-plus-val clusters the summary selector scores slightly higher ROUGE with
TF-IDF than with MiniLM embeddings, at a twelfth of the time and without torch in memory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.lexicon import CJK_CHARACTERS, CJK_RUN, character_pairs, stop_words

_WORD = re.compile(rf"(?u)[^\W{CJK_CHARACTERS}]{{2,}}|[{CJK_CHARACTERS}]+")


def sentence_vectors(texts: Sequence[str]) -> csr_matrix:
    """Rows are L2-normalised, so a dot product is a cosine similarity. Chinese and
    Japanese sentences count their character pairs as words (they have no spaces)."""
    if not texts:
        return csr_matrix((0, 0))
    chinese = any(CJK_RUN.search(text) for text in texts)
    vectorizer = TfidfVectorizer(
        lowercase=True,
        stop_words=sorted(stop_words()),
        sublinear_tf=True,
        token_pattern=None if chinese else r"(?u)\b\w\w+\b",
        tokenizer=_words if chinese else None,
    )
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # only stop words: no vocabulary
        return csr_matrix((len(texts), 1))


def _words(text: str) -> list[str]:
    return [
        pair
        for word in _WORD.findall(text)
        for pair in (character_pairs(word) if CJK_RUN.match(word) else (word,))
    ]
