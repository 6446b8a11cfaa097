"""Figures in French text.

The French pipeline finds names only (no numbers, no dates), and quantulum3 reads English
units, so the numbers are found as French writes them ("1 200", "3,5", "au moins 129",
"2 millions d'euros", "15 %"), and what they count comes from the pipeline's word
classes and lemmas. The counted nouns and actions news reports most are put in the
English words the English reader gives ("129 morts" is 129 people killed), so a French
and an English report of one event compare. Durations are not read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.annotate.figures import figure_at
from storyline.annotate.nlp import Parsed
from storyline.lexicon import surname
from storyline.model import Approx, Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A number: thousands grouped by a space or a dot, a decimal comma.
_NUMBER = re.compile(
    r"(?<![\w,.])(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,(\d+))?(?![\d\w])"
    r"|\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|"
    r"quarante|cinquante|cent|mille|une? dizaine|une? vingtaine|une? centaine|des centaines|"
    r"des milliers|des dizaines)\b",
    re.IGNORECASE,
)
_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "cent": 100, "mille": 1000,
}  # fmt: skip
# Round words: "une dizaine de blessés" is about ten.
_ROUND = {"dizaine": 10, "vingtaine": 20, "centaine": 100}
_SCALE = re.compile(r"\s*(millions?|milliards?|mille)\b", re.IGNORECASE)
_SCALES = {"million": 1e6, "milliard": 1e9, "mille": 1e3}
# Qualifier words → what they claim of the true value; longest first.
_APPROX = (
    ("pas moins de", Approx.AT_LEAST),
    ("au moins", Approx.AT_LEAST),
    ("plus de", Approx.MORE_THAN),
    ("au-delà de", Approx.MORE_THAN),
    ("jusqu'à", Approx.AT_MOST),
    ("au plus", Approx.AT_MOST),
    ("moins de", Approx.LESS_THAN),
    ("près de", Approx.NEARLY),
    ("presque", Approx.NEARLY),
    ("quasiment", Approx.NEARLY),
    ("environ", Approx.ABOUT),
    ("quelque", Approx.ABOUT),
    ("quelques", Approx.ABOUT),
)
# Units after a number (after "de"/"d'" when scaled: "2 millions d'euros"), as the English
# reader names them, with base units per written unit.
_UNITS = {
    "%": ("percent", 1.0),
    "pour cent": ("percent", 1.0),
    "euros": ("euro", 1.0),
    "euro": ("euro", 1.0),
    "€": ("euro", 1.0),
    "dollars": ("dollar", 1.0),
    "$": ("dollar", 1.0),
    "km": ("meter", 1000.0),
    "kilomètres": ("meter", 1000.0),
    "mètres": ("meter", 1.0),
}
_UNIT = re.compile(
    r"\s*(?:d['’]|de\s+)?(" + "|".join(re.escape(u) for u in _UNITS) + r")(?!\w)", re.IGNORECASE
)
# What a number is not a count in: a date ("17 novembre"), a time ("21 h 30"), an address.
_NOT_COUNT = re.compile(
    r"\s*(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|h\b|heures?\b|h\d|ans?\b|années?\b|rue\b|avenue\b|boulevard\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_AGE_BEFORE = re.compile(r"(?:âgée?s?\s+de|,)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*ans\b", re.IGNORECASE)
# The counted nouns and actions that news reports most, as the English reader names them.
_NOUNS = {
    "personne": ("people", ""),
    "mort": ("people", "kill"),
    "victime": ("victim", ""),
    "blessé": ("people", "injure"),
    "habitant": ("people", ""),
    "enfant": ("child", ""),
    "soldat": ("soldier", ""),
    "policier": ("officer", ""),
    "otage": ("hostage", ""),
    "réfugié": ("refugee", ""),
    "migrant": ("migrant", ""),
    "avion": ("plane", ""),
    "maison": ("home", ""),
}
_VERBS = {
    "tuer": "kill",
    "mourir": "kill",
    "décéder": "kill",
    "périr": "kill",
    "blesser": "injure",
    "arrêter": "arrest",
    "interpeller": "arrest",
    "évacuer": "evacuate",
}
_CLAUSE_END = frozenset({",", ".", ";", ":", "(", ")", "«", "»", "et", "mais", "qui", "que"})


def figures(piece: Parsed) -> list[Figure]:
    doc, found = piece.doc, []
    for match in _NUMBER.finditer(doc.text):
        figure = _age(piece, match) or _count(piece, match)
        if figure is not None:
            found.append(figure)
    return found


def _count(piece: Parsed, match: re.Match[str]) -> Figure | None:
    text = piece.doc.text
    value, end = _value(match, text)
    if value is None or _NOT_COUNT.match(text, match.end()):
        return None
    if _YEAR.fullmatch(match.group()) or (match.start() and text[match.start() - 1] in "/-"):
        return None  # a year, or part of a date or a code
    unit, scale = "", 1.0
    measured = _UNIT.match(text, end)
    if measured is not None:
        unit, scale = _UNITS[measured.group(1).lower()]
        end = measured.end()
    start, approx = _qualified(text, match.start())
    if match.group(3) and match.group(3).lower().startswith(("une", "un ", "des")):
        approx = Approx.ABOUT if approx is Approx.EXACT else approx
    noun, verb, about = ("", "", "") if unit else _about(piece.doc, match.start(), end)
    if not unit and not noun:
        return None  # a bare number ("le 13", "page 2") says nothing a brief can compare
    return figure_at(
        piece,
        start,
        end,
        value=value * scale,
        unit=unit,
        approx=approx,
        noun=noun,
        verb=verb,
        about=about,
        scale=scale,
    )


def _value(match: re.Match[str], text: str) -> tuple[float | None, int]:
    """The number's value with its scale word ("2 millions"), and where it ends."""
    end = match.end()
    if match.group(3):
        words = match.group(3).lower().split()
        value = _ROUND.get(words[-1]) or _WORDS.get(words[-1])
        if value is None:  # "des centaines": no number to compare
            return None, end
        number = float(value)
    else:
        digits = re.sub(r"[ \u00a0\u202f.]", "", match.group(1))
        number = float(f"{digits}.{match.group(2)}" if match.group(2) else digits)
    scaled = _SCALE.match(text, end)
    if scaled is not None:
        number *= _SCALES[scaled.group(1).lower().rstrip("s")]
        end = scaled.end()
    return number, end


def _qualified(text: str, start: int) -> tuple[int, Approx]:
    before = text[:start].rstrip().lower()
    for words, meaning in _APPROX:
        if before.endswith(words) and (
            len(before) == len(words) or not before[-len(words) - 1].isalpha()
        ):
            return len(before) - len(words), meaning
    return start, Approx.EXACT


def _age(piece: Parsed, match: re.Match[str]) -> Figure | None:
    """ "âgé de 45 ans", "Marie Dupont, 45 ans,": an age, of the person named nearest."""
    text = piece.doc.text
    if match.group(1) is None or match.group(2):
        return None
    after = _AGE_AFTER.match(text, match.end())
    if after is None or not _AGE_BEFORE.search(text[: match.start()]):
        return None
    people = [e for e in piece.doc.ents if e.label_ == "PER"]
    nearest = min(people, key=lambda e: abs(e.start_char - match.start()), default=None)
    noun = f"age {surname(nearest.text)}" if nearest is not None else "age"
    beside = nearest is not None and text[nearest.end_char : match.start()].strip() == ","
    return figure_at(
        piece,
        match.start(),
        match.end(),
        value=float(match.group(1)),
        unit="",
        approx=Approx.EXACT,
        noun=noun,
        verb="",
        about=noun,
        anchor=nearest.text.lower() if beside and nearest is not None else "",
    )


def _about(doc: Doc, start: int, end: int) -> tuple[str, str, str]:
    """(counted noun, action, both as written), in the English reader's words where
    ``_NOUNS`` and ``_VERBS`` know them, else the French lemma. A noun that says what
    happened ("morts", "blessés") says it better than the clause's verb ("a fait")."""
    tokens = [t for t in doc if t.idx >= end]
    noun = next(
        (t for t in tokens[:4] if t.pos_ == "NOUN"),
        None,
    )
    if noun is not None and any(t.pos_ in ("VERB", "PUNCT") for t in tokens[: tokens.index(noun)]):
        noun = None  # "dont 3 sont", "13, a dit": the noun is not what is counted
    verb = _action([t for t in doc if t.idx + len(t) <= start], tokens)
    noun_word, implied = (
        _NOUNS.get(noun.lemma_.lower(), (noun.lemma_.lower(), "")) if noun else ("", "")
    )
    verb_word = implied or (_VERBS.get(verb.lemma_.lower(), verb.lemma_.lower()) if verb else "")
    written = " ".join(t.text for t in sorted((t for t in (noun, verb) if t), key=lambda t: t.i))
    return noun_word, verb_word, written


def _action(before: list[Token], after: list[Token]) -> Token | None:
    """The verb of the number's clause: after it ("129 personnes ont été tuées"), else
    before it ("a fait 129 morts")."""
    for token in after[:8]:
        if token.pos_ == "VERB":
            return token
        if token.text.lower() in _CLAUSE_END:
            break
    for token in reversed(before[-6:]):
        if token.pos_ == "VERB":
            return token
        if token.text.lower() in _CLAUSE_END:
            break
    return None
