"""Sentences with exact character spans into ``Article.text``.

pysbd is fed one paragraph at a time: it is right on abbreviations and quotes, but given a
whole document it can join sentences across paragraph breaks. Spans are found by searching
the paragraph from a cursor rather than trusting pysbd's own offsets, so
``text[start:end] == sentence`` holds by construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pysbd

from storyline.model import Article, Sentence

_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def spans(text: str) -> Iterator[tuple[int, int]]:
    for para in _PARAGRAPH.finditer(text):
        cursor = para.start()
        for piece in _segmenter().segment(para.group()):
            piece = piece.strip()
            if not piece:
                continue
            start = text.find(piece, cursor, para.end())
            if start < 0:
                continue
            cursor = start + len(piece)
            yield start, cursor


def split_sentences(article: Article, index: int) -> list[Sentence]:
    return [
        Sentence(article=index, index=i, start=s, end=e, text=article.text[s:e])
        for i, (s, e) in enumerate(spans(article.text))
    ]
