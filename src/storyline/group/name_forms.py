"""A name as the English stream writes it, from a report in another language, so that the
reports of one event in two languages share the names that identify it.

Two things keep a Polish or a Malay report's names from an English one's. Inflection:
Polish declines names ("atak Hamasu na Izrael", "premier Izraela", "w Afganistanie"), so
the same name takes five forms; a dictionary lemmatizer (simplemma, whose word lists ship
inside its package) gives each its lemma. And exonyms: countries and cities have names of
their own in each language (Izrael, Niemcy, Kair; Jepun, Singapura); the Unicode CLDR
tables shipped inside Babel give them in both languages, so a lemma that is a country's or
a city's name there becomes the English one. What neither knows (most people's names)
is kept as its lemma, without diacritics, as English outlets often write foreign names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from storyline.lexicon import plain

ENGLISH = "en"
# Languages that decline names ("Izraela", "Izraelowi"; Finnish "Israelin"), whose names
# are read as their lemmas. Others write a name one way (French, Spanish, Malay), and a
# dictionary costs ~50 MB a language: a few English reports taken for Italian or Galician
# would load theirs for nothing.
DECLINING = frozenset(
    {"pl", "cs", "sk", "sl", "hbs", "ru", "uk", "lt", "lv", "fi", "et", "hu", "el"}
)
LONGEST = 3  # words in the longest place name matched (Stany Zjednoczone, Korea Północna)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def english_words(words: Sequence[str], lang: str) -> list[str]:
    """The words of a run of capitalised words, as English names them: a country or a
    city by its English name, any other word by its lemma, without diacritics."""
    if lang == ENGLISH:
        return [plain(word) for word in words]
    keys = [_lemma(word, lang) for word in words]
    places = _places(lang)
    out: list[str] = []
    at = 0
    while at < len(keys):
        for width in range(min(LONGEST, len(keys) - at), 0, -1):
            english = places.get(tuple(keys[at : at + width]))
            if english:
                out.extend(english)
                at += width
                break
        else:
            out.append(keys[at])
            at += 1
    return out


@lru_cache(maxsize=65_536)
def _lemma(word: str, lang: str) -> str:
    if lang not in DECLINING:
        return plain(word)
    return plain(_lemmatizer().get_lemma(word, lang) or word)


@lru_cache(maxsize=1)
def _lemmatizer():  # type: ignore[no-untyped-def]
    """Dictionary lookup only: simplemma's rules would cut an unknown name ("Bidena" is
    Biden's genitive, but its rules do not know that). The stream-backed dictionaries
    cost ~50 MB a language instead of ~350 MB as a Python dict, at ~20 µs a lookup."""
    from simplemma.strategies import DictionaryLookupStrategy
    from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

    return DictionaryLookupStrategy(LOW_MEMORY_DICTIONARY_FACTORY)


@lru_cache(maxsize=32)
def _places(lang: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The language's names of countries and cities (as lemmas) to the English ones."""
    from babel import Locale, UnknownLocaleError

    try:
        there, english = Locale.parse(lang), Locale.parse(ENGLISH)
    except (ValueError, UnknownLocaleError):
        return {}
    pairs = [(there.territories.get(code), name) for code, name in english.territories.items()]
    pairs += [(_city(zone, there), _city(zone, english)) for zone in _zones()]
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for theirs, ours in pairs:
        if not theirs or not ours or "(" in theirs:
            continue
        key = tuple(_lemma(word, lang) for word in _WORD.findall(theirs))
        value = tuple(plain(word) for word in _WORD.findall(ours))
        if key and value and key != value and len(key) <= LONGEST:
            table.setdefault(key, value)
    return table


def _city(zone: str, locale: object) -> str | None:
    from babel.dates import get_timezone_location

    try:
        return str(get_timezone_location(zone, locale=locale, return_city=True))  # type: ignore[arg-type]
    except (LookupError, ValueError):
        return None


def _zones() -> Iterable[str]:
    """The time zones Babel itself knows, each named after a city (its exemplar city)."""
    from babel.core import get_global

    return sorted(get_global("zone_territories"))
