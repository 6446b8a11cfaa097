"""Sentences with exact character spans into ``Article.text``.

pysbd is fed one paragraph at a time: it is right on abbreviations and quotes, but given a
whole document it can join sentences across paragraph breaks. Spans are found by searching
the paragraph from a cursor rather than trusting pysbd's own offsets, so
``text[start:end] == sentence`` holds by construction. Each article is split by the rules
of its language where pysbd has them (23 languages, Polish, French and Chinese among them),
else by the English ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pysbd

from storyline.model import Article, Sentence

_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=32)
def _segmenter(lang: str) -> pysbd.Segmenter:
    from pysbd.languages import LANGUAGE_CODES

    return pysbd.Segmenter(language=lang if lang in LANGUAGE_CODES else "en", clean=False)


def spans(text: str, lang: str = "en") -> Iterator[tuple[int, int]]:
    segmenter = _segmenter(lang)
    for para in _PARAGRAPH.finditer(text):
        cursor = para.start()
        for piece in segmenter.segment(para.group()):
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
        for i, (s, e) in enumerate(spans(article.text, article.lang))
    ]
