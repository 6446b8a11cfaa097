"""Figures: spaCy finds the number spans, quantulum3 reads their value and unit, pint
puts units on one scale, so "10 km" and "6 miles" compare.

What is counted and by what action ("129 people killed") comes from the parts of speech
around the span: the parser would say it more exactly but costs as much again as the rest
of the pipeline (annotate/nlp.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from storyline.model import Figure, Sentence

LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})

# Qualifier words → what they claim about the true value. Order matters: longest first.
_APPROX = (
    ("at least", "at least"),
    ("no fewer than", "at least"),
    ("no less than", "at least"),
    ("more than", "more than"),
    ("over", "more than"),
    ("upwards of", "more than"),
    ("at most", "at most"),
    ("up to", "at most"),
    ("as many as", "at most"),
    ("no more than", "at most"),
    ("fewer than", "less than"),
    ("less than", "less than"),
    ("under", "less than"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
)
_PLAIN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Counted nouns that name the same thing ("350 others injured" after "129 people killed").
_SAME_NOUN = {"person": "people", "other": "people", "individual": "people", "resident": "people"}
# Actions news tells in several words; the fact is the same whichever is used.
_SAME_VERB = {
    "hurt": "injure",
    "wound": "injure",
    "die": "kill",
    "perish": "kill",
    "detain": "arrest",
}
_CLAUSE_END = frozenset({"PUNCT", "CCONJ", "SCONJ", "ADP"})
_SKIP_BEFORE_NOUN = frozenset({"ADJ", "NUM", "PUNCT", "ADV", "DET", "CCONJ", "ADP", "PROPN"})


def figures(sentence: Sentence, index: int, doc: Doc) -> list[Figure]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        approx, number = _split_qualifier(ent, doc)
        parsed = _value(number, ent.label_)
        if parsed is None:
            continue
        value, unit = parsed
        if not unit and _YEAR.fullmatch(number) and "," not in number:
            continue  # a year read as a count
        start = sentence.start + ent.start_char
        end = sentence.start + ent.end_char
        text = sentence.text[ent.start_char : ent.end_char]
        if approx and ent.start_char >= len(approx[0]) + 1:
            before = sentence.text[: ent.start_char].rstrip()
            if before.lower().endswith(approx[0]):  # the qualifier sat just outside the span
                start = sentence.start + len(before) - len(approx[0])
                text = sentence.text[start - sentence.start : ent.end_char]
        found.append(
            Figure(
                sentence.article,
                index,
                start,
                end,
                text,
                value,
                unit,
                approx[1] if approx else "exact",
                *_about(ent, doc, measured=bool(unit) and unit != "percent"),
            )
        )
    return found


def _split_qualifier(ent: Span, doc: Doc) -> tuple[tuple[str, str] | None, str]:
    """The qualifier (inside the span, or just before it) and the rest of the span."""
    text = ent.text
    lowered = text.lower()
    for words, meaning in _APPROX:
        if lowered.startswith(words + " "):
            return (words, meaning), text[len(words) + 1 :]
    before = doc.text[: ent.start_char].rstrip().lower()
    for words, meaning in _APPROX:
        if before.endswith(" " + words) or before == words:
            return (words, meaning), text
    return None, text


@lru_cache(maxsize=4096)
def _value(number: str, label: str) -> tuple[float, str] | None:
    """(value on the unit's base scale, unit name); None when the span holds no number."""
    number = number.strip()
    if label == "CARDINAL" and _PLAIN_NUMBER.fullmatch(number):
        return float(number.replace(",", "")), ""
    quantities = _parser().parse(number)
    if not quantities:
        return None
    q = quantities[0]
    unit = q.unit.name
    if unit in ("dimensionless", "dozen", "percentage"):
        return q.value * (12 if unit == "dozen" else 1), "percent" if unit == "percentage" else ""
    return _base(q.value, unit)


def _base(value: float, unit: str) -> tuple[float, str]:
    try:
        quantity = _units().Quantity(value, unit).to_base_units()
    except Exception:  # pint does not know currencies and some compound names: keep as is
        return value, unit
    return float(quantity.magnitude), str(quantity.units)


def _about(ent: Span, doc: Doc, measured: bool) -> tuple[str, str, str]:
    """(counted noun's lemma, action's lemma, both as written). A measure's unit says what
    it is, so the word after it ("two metres shortly") is not a counted noun."""
    noun, verb = None if measured else _counted(ent, doc), _action(ent, doc)
    lemma = noun.lemma_.lower() if noun else ""
    action = verb.lemma_.lower() if verb else ""
    written = " ".join(t.text for t in sorted((t for t in (noun, verb) if t), key=lambda t: t.i))
    return _SAME_NOUN.get(lemma, lemma), _SAME_VERB.get(action, action), written


def _counted(ent: Span, doc: Doc) -> Token | None:
    """The head of the noun phrase after the number: the last noun of "fighter jets",
    "long-range bombers"."""
    noun = None
    for token in doc[ent.end : ent.end + 6]:
        if token.pos_ == "NOUN":
            noun = token
        elif (noun is not None and token.text != "-") or token.pos_ not in _SKIP_BEFORE_NOUN:
            break
    return noun


def _action(ent: Span, doc: Doc) -> Token | None:
    """The verb of the figure's clause: after the counted noun ("132 people were killed"),
    else before the number ("killed 129 people"), else the nearest in the sentence."""
    for token in doc[ent.end : ent.end + 8]:
        if _is_verb(token):
            return token
        if token.pos_ in _CLAUSE_END and token.text != "-":
            break
    for token in reversed(doc[max(ent.start - 6, 0) : ent.start]):
        if _is_verb(token):
            return token
        if token.pos_ in _CLAUSE_END and token.text != "-":
            break
    verbs = [t for t in doc if _is_verb(t)]
    if not verbs:
        return None
    return min(verbs, key=lambda t: min(abs(t.i - ent.start), abs(t.i - (ent.end - 1))))


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") and token.pos_ != "AUX"


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from quantulum3 import classifier

    classifier.USE_CLF = False  # its bundled classifier does not unpickle with current sklearn
    from quantulum3 import parser

    return parser


@lru_cache(maxsize=1)
def _units():  # type: ignore[no-untyped-def]
    import pint

    return pint.UnitRegistry()
