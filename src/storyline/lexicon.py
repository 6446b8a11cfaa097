"""Word lists that more than one stage reads, each written once.

Two copies of a list drift apart: the fast fact depth read around fewer verbs of saying
than the quote finder looked for, so at ``fast`` a quote ending "…," the mayor warned" had
no speaker. A list that two stages must agree on lives here; a stage that needs a
different list says so beside the shared one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from dateutil.easter import easter

# Verbs of saying: the name a quote's speaker is ranked by the one it stands subject of
# (annotate/speakers.py); the quotes benchmark's regular-expression peer reads the same.
# Each in every form ("notes", "noted", "noting"): on PolNeAR's training articles half the
# direct quotes whose speaker we missed stood by a verb or a form the list lacked
# ("Bozell explains", "Rubio also bemoaned", "replied Sanders", "Trump pledged").
_SAYING_STEMS = (
    "add", "admit", "argue", "ask", "boast", "charge", "claim", "comment", "complain",
    "concede", "conclude", "confirm", "contend", "continue", "declare", "deny", "describe",
    "emphasize", "explain", "insist", "interject", "joke", "lament", "laud", "note",
    "observe", "plead", "pledge", "predict", "promise", "quip", "recall", "remark",
    "repeat", "reply", "report", "respond", "state", "stress", "suggest", "testify", "tweet",
    "urge", "vow", "warn", "bemoan", "announce", "acknowledge", "write", "tell", "say",
)  # fmt: skip
_IRREGULAR = ("said", "says", "told", "tells", "wrote", "writes", "written", "according to",
              "read the statement", "went on", "goes on", "pointed out", "points out")  # fmt: skip


def _forms(stem: str) -> str:
    """The stem and its -s, -ed, -ing forms (a final e or y as English spells them)."""
    if stem.endswith("e"):
        return rf"{stem}[sd]?|{stem[:-1]}ing"
    if stem.endswith("y") and stem[-2] not in "aeiou":
        return rf"{stem}|{stem[:-1]}(?:ies|ied)|{stem}ing"
    return rf"{stem}(?:s|ed|ing)?"


# French verbs of saying, as their -er stems take -e, -ent, -é, -ait; and the rest as
# written. Stems whose forms are English words ("lance", "assure") are left out.
_DIRE_STEMS = (
    "déclar", "affirm", "ajout", "expliqu", "estim", "soulign", "précis", "indiqu", "confi",
    "racont", "insist", "annonc", "témoign", "dénonc", "fustig", "tweet",
)  # fmt: skip
_DIRE = ("dit", "disait", "écrit", "poursuit", "poursuivi", "avertit", "averti", "répond",
         "répondu", "reconnaît", "reconnu", "rappelle", "rappelé", "martèle", "martelé",
         "s'exclame", "selon", "d'après")  # fmt: skip

SAYING = re.compile(
    r"\b(?:"
    + "|".join(
        [
            *_IRREGULAR,
            *map(_forms, _SAYING_STEMS),
            *_DIRE,
            *(rf"{stem}(?:e|ent|ée?s?|ait|aient)" for stem in _DIRE_STEMS),
        ]
    )
    + r")\b",
    re.IGNORECASE,
)

# The marks a quotation opens with: the quote finder (annotate/quotes.py) reads what is
# between them, the fast depth reads whole the sentence before one (annotate/nlp.py), and
# the cleaner keeps a short line that introduces one (clean/text.py).
# Each language's marks, the opening ones with those that close them: English "…" and
# “…”, French «…», Polish „…”, German „…“, Chinese and Japanese 「…」 and 『…』.
_QUOTE_MARKS = (('"“', '"”'), ("«", "»"), ("„", "”“"), ("「", "」"), ("『", "』"))
OPENING_QUOTES = tuple(mark for opening, _ in _QUOTE_MARKS for mark in opening)


def quotations(words: str = "*", within: str = "") -> re.Pattern[str]:
    """Words between a pair of quotation marks, marks included: ``words`` is how many
    characters may stand between them, none of them a mark nor one of ``within``."""
    pairs = (
        rf"[{opening}][^{opening}{closing}{within}]{words}[{closing}]"
        for opening, closing in _QUOTE_MARKS
    )
    return re.compile("|".join(pairs))


# What a sentence says in someone's words ("will" inside is the speaker's tense,
# annotate/temporal.py; the fast depth reads the rest of the sentence for the speaker,
# annotate/nlp.py).
QUOTED_SPAN = quotations()

# Titles written before a person's name ("Mayor Tomas Reyne", "French President François
# Hollande", "Secretary of State John Kerry"): annotate/entities.py strips them from the
# name, synthesize/entities.py reads them as the role that names the person elsewhere.
TITLES = (
    "President",
    "Prime Minister",
    "Minister",
    "Chancellor",
    "Secretary",
    "Governor",
    "Mayor",
    "Senator",
    "Councillor",
    "Councilor",
    "Councilman",
    "Councilwoman",
    "Representative",
    "Judge",
    "Chief",
    "Director",
    "CEO",
    "Spokesman",
    "Spokeswoman",
    "Commander",
    "Ambassador",
    "Officer",
    "Detective",
    "Sheriff",
    "King",
    "Queen",
    "Pope",
    "Prince",
    "Princess",
    "Sir",
    "Lord",
    "Lady",
)


def titles_pattern() -> str:
    """Any of ``TITLES`` with what it is of ("Minister of Defence"), longest first so
    "Prime Minister" is not read as "Prime" and "Minister"."""
    names = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    return rf"(?:{names})(?: of [A-Z]\w+)?"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English function words ("the", "of", "whereas"), scikit-learn's list: what two
    sentences share once these are set aside is what they say (synthesize/overlap.py), and
    TF-IDF weighs only the rest (annotate/vectors.py). Imported when first asked for:
    scikit-learn takes a second to load."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """jusText's English stop list, which differs from ``stop_words`` on purpose: besides
    function words it holds the commonest words of English text ("said", "people", "year",
    "government"). The cleaner's stop-word density is jusText's own measure, read with
    its list (clean/lines.py); the grouping's event terms (group/features.py) leave these
    words out too: they name no event in particular."""
    import justext

    return frozenset(justext.get_stoplist("English"))


# Words that open a sentence but never a name: spaCy's recogniser takes the capitalised
# word before a name at a sentence's start into it ("Although Gupta", "In Dr Benjamin",
# "Maybe President Obama"), and annotate/entities.py leaves them out.
_NEVER_OPEN_A_NAME = (
    "although though but and or so yet when while whereas after before if unless as since "
    "because however meanwhile then also still even now here there where why how what who "
    "whom whose whether unlike like with without for from in on at by of to into onto "
    "despite during under until upon via among between against amid maybe perhaps instead"
)
NEVER_OPEN_A_NAME = frozenset(_NEVER_OPEN_A_NAME.split())
# What follows a surname and is not one: "Kamau Thomas Jr." is a Thomas.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(name: str) -> str:
    """A person's surname in lower case, the word that stands for the name in news."""
    words = name.lower().replace("’", "'").removesuffix("'s").replace(",", " ").split()
    while len(words) > 1 and words[-1].rstrip(".") in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


# "the" before a name is no part of it: "the Gulf of Aden" is found as "Gulf of Aden"
# (annotate/entities.py) and keyed so (synthesize/entities.py).
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


# Chinese, Japanese and Korean write no spaces between words. A run of their characters
# is read as its overlapping pairs of characters, the unit search engines index such text
# by (the grouping's terms, the sentence vectors, the summary's word overlap), and two
# characters count as one word (a lead's length, a summary's budget).
CJK_CHARACTERS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"  # a class's body
CJK_RUN = re.compile(rf"[{CJK_CHARACTERS}]+")


def character_pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(max(1, len(run) - 1))]


def word_count(text: str) -> int:
    if CJK_RUN.search(text) is None:
        return len(text.split())
    runs = sum((len(run) + 1) // 2 for run in CJK_RUN.findall(text))
    return runs + len(CJK_RUN.sub(" ", text).split())


# What happened to the people a figure counts, by the lemma of its verb: "14 killed" and
# "14 slain" are one measure; "5 shot", "1 killed" and "4 wounded" are three measures of
# the same victims, which never contradict one another (synthesize/facts.py). Other verbs
# say too little ("including", "believed") to tell measures apart.
_OUTCOMES = {
    "died": "kill slay murder die perish execute",
    "injured": "injure wound hurt hospitalize hospitalise maim",
    "shot": "shoot",
    "arrested": "arrest detain apprehend charge",
}
OUTCOME = {verb: kind for kind, verbs in _OUTCOMES.items() for verb in verbs.split()}
# The same outcomes as written, and "dead": a sentence without one tells no one's fate.
OUTCOME_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|sla(?:y|in)|murder(?:s|ed)?|d(?:ie[sd]?|ying|ead)|perish(?:ed)?|"
    r"executed|injur(?:es|ed|ing|y|ies)|wound(?:s|ed|ing)?|hurt|hospitali[sz]ed|maimed|"
    r"shot|shoot(?:s|ing)?|arrest(?:s|ed)?|detain(?:s|ed)?|apprehended|charged)\b",
    re.IGNORECASE,
)
# "two men are in critical condition", "one remains in serious but stable condition": some
# of the hurt, whatever verb stands elsewhere in the sentence ("One man has died and two
# men are in critical condition"). annotate/figures.py reads them as hurt (the adjective
# standing for the verb), synthesize/facts.py as a part of the hurt, never their total.
CONDITIONS = frozenset({"critical", "serious", "stable", "fair", "grave", "good"})
_CONDITION = "|".join(sorted(CONDITIONS))
IN_CONDITION = re.compile(
    r"\s+(?:(?:is|are|was|were|remains?|remained|listed|still|now)\s+)*in\s+"
    rf"(?:(?:{_CONDITION})\s+(?:but|and|to)\s+)?({_CONDITION})\s+condition\b",
    re.IGNORECASE,
)
# Nouns for one person, which news uses for a single victim or suspect it does not name:
# "a man was killed", "a 27-year-old woman died", "police arrested a teenager".
_ONE_PERSON = (
    "man woman boy girl person teen teenager child toddler baby infant victim student "
    "driver passenger pedestrian motorist officer deputy trooper suspect gunman"
)
ONE_PERSON = frozenset(_ONE_PERSON.split())
# "a man", "a 27-year-old police officer", "an 8-year-old Port Orange boy", and "a
# 13-year-old" standing alone for the person.
ONE_PERSON_CUE = re.compile(
    rf"\b(?:an?|one)\s+(?:[\w-]+\s+){{0,4}}(?:{_ONE_PERSON.replace(' ', '|')})\b"
    r"|\ban?\s+\w+-year-old\b",
    re.IGNORECASE,
)


# The label of a caption or a media slot ("Photo: the site from the air", "Video: ..."):
# what follows describes a picture, not the story, and is never a summary sentence.
# A wire photo's caption opens with "FILE -" ("FILE - In this 2015 file photo, …").
CAPTION = re.compile(
    r"(?:file\s+)?(?:photo|image|picture|video|caption|graphic|gallery)s?\s*:|file\s*[-–—]+\s",
    re.I,
)


# Letters that are no accented letter in Unicode (no decomposition), as a reader without
# them writes them: "Łódź" is "lodz", "Ørsted" "orsted".
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae"})


def plain(text: str) -> str:
    """Case-folded and without diacritics: "Świątek" and "Swiatek" alike, as outlets of
    other languages (and English ones, often) write a name."""
    if text.isascii():  # most words: nothing to take off (ingest reads every name here)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _nth(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    """The year's ``n``-th such weekday of the month (Monday 0); the last for ``n`` -1."""

    def day(year: int) -> dt.date:
        if n > 0:
            first = dt.date(year, month, 1)
            return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)

    return day


def _election_day(year: int) -> dt.date:
    """The Tuesday after the first Monday of November."""
    return _nth(11, 0, 1)(year) + dt.timedelta(days=1)


# Holidays news dates events by, which dateparser does not know ("Thanksgiving Day", "last
# Christmas"), each with its day in a given year: the feasts and the United States' days
# English-language news names most (its Thanksgiving, not Canada's; no "Labour Day" or
# "Independence Day", which differ from country to country). A pattern (lower case) to the
# rule; the longer name of two that begin alike comes first.
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    r"christmas eve": lambda year: dt.date(year, 12, 24),
    r"christmas(?: day)?": lambda year: dt.date(year, 12, 25),
    r"new year'?s eve": lambda year: dt.date(year, 12, 31),
    r"new year'?s day": lambda year: dt.date(year, 1, 1),
    r"(?:the )?fourth of july": lambda year: dt.date(year, 7, 4),
    r"halloween": lambda year: dt.date(year, 10, 31),
    r"valentine'?s day": lambda year: dt.date(year, 2, 14),
    r"veterans'? day": lambda year: dt.date(year, 11, 11),
    r"thanksgiving(?: day)?": _nth(11, 3, 4),
    r"election day": _election_day,
    r"memorial day": _nth(5, 0, -1),
    r"(?:martin luther king(?: jr\.?)?|mlk) day": _nth(1, 0, 3),
    r"presidents'? day": _nth(2, 0, 3),
    r"good friday": lambda year: easter(year) - dt.timedelta(days=2),
    r"easter(?: sunday)?": easter,
}
HOLIDAY = re.compile(rf"\b(?:{'|'.join(HOLIDAYS)})(?!\w)", re.IGNORECASE)
