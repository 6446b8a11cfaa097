"""Which language an article is in, and the stop words its lines are weighed with.

py3langid ships its model inside the package (no download) and names 97 languages by
their ISO 639-1 code; jusText (trafilatura's own boilerplate remover, installed with it)
ships stop lists for 100 languages under English names, which Babel's language names
connect to the codes. English keeps the lists the line model was trained with
(``lexicon``); a language jusText has no list for (Chinese, Japanese, Korean among them)
has none, and the cleaner reads it by its sentence ends instead (clean/text.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from storyline.lexicon import common_words, plain

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

UNDETERMINED = "und"  # ISO 639-2's code for a language that cannot be told
SAMPLE_CHARS = 2000  # the opening is enough to tell a language, and keeps this cheap
MIN_LETTERS = 3  # fewer letters than this tell no language
MIN_CONFIDENCE = 0.5  # py3langid's probability; below it the language is undetermined
# English prose is dense in its function words: on the demo week's feed items of eight
# words or more, 99% of the English ones have at least 20% words of ``common_words``, no
# Polish one above 17% (benchmarks/README.md). A text this dense is English without
# asking py3langid, whose model costs 0.4 s and 100 MB to load and 25-170 µs a text: a
# stream in English runs as fast and as small as before languages were told.
ENGLISH_DENSITY = 0.25
ENGLISH_WORDS = 8  # fewer words than this say too little for the density to tell
_LETTERS = re.compile(r"[^\W\d_]+")
_WRITTEN_CHINESE = frozenset({"zh", "wuu", "yue"})


def detect(text: str, *, declared: str | None = None) -> str:
    """The ISO 639-1 code of ``text``'s language: the one its source declares (a feed's
    or a record's ``lang``, reduced to its primary subtag), else py3langid's guess."""
    if declared and declared.strip():
        return declared.strip().split("-")[0].split("_")[0].lower()
    sample = text[:SAMPLE_CHARS]
    if next(islice((c for c in sample if c.isalpha()), MIN_LETTERS - 1, None), None) is None:
        return UNDETERMINED  # (the letters are counted only until there are enough)
    words = [w.lower() for w in _LETTERS.findall(sample)]
    common = common_words()
    if len(words) >= ENGLISH_WORDS and sum(
        map(common.__contains__, words)
    ) >= ENGLISH_DENSITY * len(words):
        return "en"
    ranked = _identifier().rank(sample)
    code, confidence = ranked[0]
    if code in _WRITTEN_CHINESE:
        # Written news is standard Chinese whatever the spoken variety py3langid leans
        # to on a few characters (Wu, Cantonese): their chances are one language's.
        code = "zh"
        confidence = sum(p for c, p in ranked if c in _WRITTEN_CHINESE)
    return str(code) if confidence >= MIN_CONFIDENCE else UNDETERMINED


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=128)
def stop_list(code: str) -> frozenset[str] | None:
    """jusText's stop words of the language (lower case), or None if it has none."""
    import justext
    from babel import Locale, UnknownLocaleError

    if code == UNDETERMINED:
        return None
    try:
        name = Locale.parse(code).get_language_name("en") or ""
    except (ValueError, UnknownLocaleError):
        return None
    wanted = plain(name)
    for listed in justext.get_stoplists():
        if plain(listed.replace("_", " ")) == wanted:
            return frozenset(w.lower() for w in justext.get_stoplist(listed))
    return None


def weighing(code: str) -> frozenset[str] | None:
    """The stop words a text's lines are weighed with: None for English and for an
    undetermined language (the lexicon's lists, which the line model knows best), an
    empty set for a language jusText has no list for."""
    if code in ("en", UNDETERMINED):
        return None
    return stop_list(code) or frozenset()
