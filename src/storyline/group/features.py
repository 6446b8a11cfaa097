"""Article to ``Features``: the words that identify its event, and its copy fingerprints.

Only the headline and the lead are counted: news puts the event (who, what, where) there,
while later paragraphs drift to background that many unrelated stories share. Chinese,
Japanese and Korean runs have no spaces, so they are cut into character pairs; the
Chinese names among them count as well in the English words for them
(group/chinese_names.py), which is what a Chinese and an English report of one event share.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from functools import cache
from itertools import islice

import numpy as np
from datasketch import MinHash

from storyline.group.chinese_names import english_names
from storyline.group.name_forms import english_words
from storyline.lexicon import CJK_CHARACTERS, CJK_RUN, character_pairs, common_words
from storyline.model import Article, Body, Features

LEAD_WORDS = 200
SHINGLE = 4
NUM_PERM = 64
_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_WORDS = re.compile(rf"[{CJK_CHARACTERS}]{{1,2}}|[^\s{CJK_CHARACTERS}]+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*[a-z0-9][\w'’-]*|\b[A-Z]{2,}[0-9]*\b")


def features(article: Article) -> Features:
    text = _normalise(article.text)
    title = _normalise(article.title or "")
    lead = _lead(text)
    counts: Counter[str] = Counter()
    for part, times in ((title, 2), (lead, 1)):
        for term in _terms(part):
            counts[term] += times
        runs = CJK_RUN.findall(part)
        for name in _names(CJK_RUN.sub(" ", part) if runs else part, article.lang):
            counts["@" + name] += times
        for run in runs:
            for english in english_names(run):
                for word in english:
                    counts[word] += times
                    counts["@" + word] += times
    # A snippet or a bare headline is identified by its headline as well: without it,
    # every headline-only item would be an exact copy of every other (no body words).
    told = text if article.body is Body.FULL else f"{title}\n{text}"
    words = [w.casefold() for w in _TOKEN.findall(told)]
    return Features(
        terms=tuple(sorted(counts.items())),
        fingerprint=hashlib.sha1(" ".join(words).encode("utf-8", "replace")).hexdigest(),
        minhash=_minhash(words),
        when=article.published or article.seen,
        lang=article.lang,
    )


def _lead(text: str) -> str:
    """The first ``LEAD_WORDS`` words, two characters of Chinese or Japanese counting as
    one word (they have no spaces: a whole article would otherwise be its lead)."""
    if CJK_RUN.search(text) is None:
        return " ".join(text.split()[:LEAD_WORDS])
    ends = [word.end() for word in islice(_WORDS.finditer(text), LEAD_WORDS)]
    return " ".join(text[: ends[-1] if ends else 0].split())


def minhash_of(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return MinHash(hashvalues=values, permutations=_permutations(), scheme="affine64")


@cache
def _permutations() -> np.ndarray:
    """The hash permutations every sketch shares (datasketch's seed): datasketch draws
    them again for each new sketch, which cost more than all the rest of fingerprinting a
    short article."""
    found: np.ndarray = MinHash(num_perm=NUM_PERM, scheme="affine64").permutations
    found.setflags(write=False)  # shared by every sketch
    return found


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _terms(text: str) -> list[str]:
    stop = common_words()
    if CJK_RUN.search(text) is None:  # most text: no run to cut, and one search, not two a word
        words = (token.casefold().strip(".") for token in _TOKEN.findall(text))
        return [word for word in words if len(word) > 1 and word not in stop]
    out = []
    for token in _TOKEN.findall(text):
        for piece in CJK_RUN.split(token):
            word = piece.casefold().strip(".")
            if len(word) > 1 and word not in stop:
                out.append(word)
        for run in CJK_RUN.findall(token):
            out.extend(character_pairs(run))
    return out


def _names(text: str, lang: str) -> list[str]:
    """Capitalised words not opening a sentence, and acronyms: a cheap stand-in for NER
    that keeps grouping at thousands of articles a second (spaCy runs at ~4 k words/s).
    Words one space apart are read as one name, so that a country's name of two words
    in another language is put in English as one (name_forms.py)."""
    stop = common_words()
    found = []
    for line in text.splitlines():
        run: list[str] = []
        end = -2
        for match in _NAME.finditer(line.strip()):
            if match.start() != end + 1 and run:
                found.extend(english_words(run, lang))
                run = []
            if match.group(0).casefold() not in stop:
                run.append(match.group(0))
                end = match.end()
        found.extend(english_words(run, lang))
    return found


def _minhash(words: list[str]) -> bytes:
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    sketch = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine64")
    sketch.update_batch([s.encode("utf-8", "replace") for s in shingles])
    packed: bytes = sketch.hashvalues.astype("<u8").tobytes()
    return packed
