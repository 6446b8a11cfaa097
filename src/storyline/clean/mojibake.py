"""Text that went through UTF-8 read as Windows-1250 or -1252 somewhere upstream, mended.

A feed that decodes its own UTF-8 as a legacy code page shows "ó" as "Ăł" (1250) or "Ã³"
(1252): of the real demo week's 249 Gazeta.pl items, 214 read "atakĂłw", "KrakĂłw". The
rest of such a text is right (its "ę" and "ń" came through), so ftfy, which re-decodes a
text as a whole, leaves it be. Here each pair of characters that a code page made of one
UTF-8 letter's two bytes is put back, where the letter it makes is a Latin letter.
"""

from __future__ import annotations

import re
from functools import partial

ENCODINGS = ("cp1250", "cp1252")
# The letters of European languages in UTF-8 (U+00C0–U+017F: lead bytes C3–C5): what is
# mended. A pair making anything else (a Syriac letter from "Ü“") is two real characters.
LATIN = range(0xC0, 0x180)


def _pairs(encoding: str) -> re.Pattern[str]:
    """A lead byte of a two-byte UTF-8 Latin letter and a continuation byte (80–BF), as
    the code page shows them."""

    def shown(first: int, last: int) -> str:
        return re.escape(bytes(range(first, last + 1)).decode(encoding, errors="ignore"))

    return re.compile(f"[{shown(0xC3, 0xC5)}][{shown(0x80, 0xBF)}]")


_PAIRS = {encoding: _pairs(encoding) for encoding in ENCODINGS}


def mend(*texts: str) -> tuple[str, ...]:
    """The texts of one article (its headline and its text), mended together. Two pairs
    or more are taken for mangled; one only if its first character is nowhere else (a
    Romanian "ĂŞ" in a text with other capital "Ă" is two letters)."""
    for encoding, pairs in _PAIRS.items():
        found = [match.group(0) for text in texts for match in pairs.finditer(text)]
        if not found:
            continue
        if len(found) == 1 and sum(text.count(found[0][0]) for text in texts) > 1:
            continue
        letter = partial(_letter, encoding=encoding)
        texts = tuple(pairs.sub(letter, text) for text in texts)
    return texts


def _letter(match: re.Match[str], encoding: str) -> str:
    pair = match.group(0)
    try:
        letter = pair.encode(encoding).decode("utf-8")
    except UnicodeError:
        return pair
    return letter if letter.isalpha() and ord(letter) in LATIN else pair
