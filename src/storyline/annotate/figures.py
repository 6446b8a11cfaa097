"""Figures: spaCy finds the number spans, quantulum3 reads their value and unit, pint
puts units on one scale, so "10 km" and "6 miles" compare.

What is counted and by what action ("129 people killed") comes from the parts of speech
around the span: the parser would say it more exactly but costs as much again as the rest
of the pipeline (annotate/nlp.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from storyline.annotate.nlp import Parsed, is_noun, is_verb, lemma
from storyline.lexicon import (
    CONDITIONS,
    IN_CONDITION,
    ONE_PERSON,
    ONE_PERSON_CUE,
    OUTCOME,
    OUTCOME_WORDS,
    surname,
)
from storyline.model import Approx, Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# A number as read: (value on its unit's base scale, unit name, half-width of a range such
# as "20-30 feet", base units per written unit).
Reading = tuple[float, str, float, float]

# Qualifier words → what they claim about the true value. Order matters: longest first.
_APPROX = (
    ("at least", Approx.AT_LEAST),
    ("no fewer than", Approx.AT_LEAST),
    ("no less than", Approx.AT_LEAST),
    ("more than", Approx.MORE_THAN),
    ("over", Approx.MORE_THAN),
    ("upwards of", Approx.MORE_THAN),
    ("at most", Approx.AT_MOST),
    ("up to", Approx.AT_MOST),
    ("as many as", Approx.AT_MOST),
    ("no more than", Approx.AT_MOST),
    ("fewer than", Approx.LESS_THAN),
    ("less than", Approx.LESS_THAN),
    ("under", Approx.LESS_THAN),
    ("nearly", Approx.NEARLY),
    ("almost", Approx.NEARLY),
    ("about", Approx.ABOUT),
    ("around", Approx.ABOUT),
    ("roughly", Approx.ABOUT),
    ("approximately", Approx.ABOUT),
    ("some", Approx.ABOUT),
    ("an estimated", Approx.ABOUT),
    ("estimated", Approx.ABOUT),
)
_CURRENCY = "$£€¥"
_ANCHORS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON"})
_NOT_COUNTS = frozenset({"block"})  # "the 3100 block of West Fullerton" is an address
_EMERGENCY = frozenset({"911", "999"})  # "called 911", "a 911 dispatcher": a phone number
_DIMENSIONS = re.compile(r"\d+-?D\b", re.IGNORECASE)  # "3D printers", "a 3-D film", "2D:4D"
_AGE = re.compile(r"(\d+|[a-z]+)[- ](year|month|week)s?(?:[- ]old| of age)", re.IGNORECASE)
_PER_YEAR = {"year": 1.0, "month": 12.0, "week": 52.0}  # an age is compared in years
# A stretch followed by these places an event in time rather than saying how long
# something lasted: "Speaking four days after the attacks", "two weeks before the vote".
_PLACED_BY = frozenset({"after", "before", "ago", "later", "earlier", "since", "into"})
_DURATION = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?)\b", re.IGNORECASE)
_PLACING = re.compile(
    r"\b(?:ago|later|earlier|past|last|next|first|coming|this|that|each|every)\b",
    re.IGNORECASE,
)
_DURATION_START = re.compile(r"^(?:for|the|a|an|about|some)\s+", re.IGNORECASE)
_NUMBER_START = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
]
_SMALL_WORD = "|".join(rf"{word}\b" for word in _SMALL)
_FEET_INCHES = re.compile(  # feet of a height, then inches
    rf"([1-8]\b|{_SMALL_WORD})(?:-foot-|-foot |[ -]feet[ -]|[ -]ft\.? ?|[’'] ?)"
    rf"(\d{{1,2}}\b|{_SMALL_WORD})"
    r"(?:[ -]?(?:inches\b|inch\b|in\.)|[\"”])?",
    re.IGNORECASE,
)
_SCALE_HYPHEN = re.compile(r"(?<=\d)-(?=(?:thousand|million|billion|trillion)\b)", re.I)
FOOT, INCH = 0.3048, 0.0254  # metres; a height in feet and inches is a person's
_PLAIN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# What makes a count some of those counted: "two of the victims", "two other victims",
# "four others" (``Approx.INDEFINITE``).
_PART = re.compile(r"\s+(?:of\s|others?\b)", re.IGNORECASE)
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
# Penn tags: what ends a clause, and what may stand between a number and its noun.
_CLAUSE_END = frozenset({",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "CC", "IN"})
# "was shot", "had been killed", "got hurt": the person before the verb underwent it;
# "died" is undergone whatever stands before it.
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"})
_UNDERGONE = frozenset({"die", "perish"})
_HAVING = frozenset({"has", "have", "had"})
_DEATH = frozenset({"dead", "fatally"})  # words that tell a death without a verb
# "a 27-year-old police officer", "an 8-year-old Port Orange boy"
_MODIFIERS = frozenset({"JJ", "HYPH", "CD", "NN", "NNP", "VBN", "RB"})
_BEFORE_NOUN = frozenset(
    {"JJ", "JJR", "JJS", "CD", "HYPH", ",", "RB", "DT", "CC", "IN", "NNP", "NNPS", "VBN", "VBG"}
)


def needs_tags(doc: Doc) -> bool:
    """Whether ``figures`` will read word classes in ``doc``: only a count, amount or
    measure, or a length of time that can be a fact, looks for its noun and verb."""
    return _fate_told(doc.text) or any(
        ent.label_ in LABELS
        or (ent.label_ == "DATE" and _DURATION.search(ent.text) and not _PLACING.search(ent.text))
        for ent in doc.ents
    )


def figures(piece: Parsed) -> list[Figure]:
    doc = piece.doc
    found = []
    for ent in doc.ents:
        if ent.label_ in LABELS:
            figure = (_age(piece, ent) if _after_a_name(ent) else None) or _count(piece, ent)
        elif ent.label_ == "DATE":
            figure = _age(piece, ent) or _duration(piece, ent)
        else:
            continue
        if figure is not None:
            found.append(figure)
    if _fate_told(doc.text):
        found += _one_person(piece)
    return found


def _after_a_name(ent: Span) -> bool:
    """ "Frank Gomez, 28" ending a caption, where spaCy reads the age as a number (with a
    comma after it, "Frank Gomez, 28, was charged", it reads a date): a plain number
    under 120 right after a name and its comma, and no lower-case word after it ("Smith,
    28 others" counts others)."""
    doc = ent.doc
    if ent.label_ != "CARDINAL" or not ent.text.isdigit():
        return False  # "1,250" or "2.5" is no age
    after = doc[ent.end] if ent.end < len(doc) else None
    return _after_name_comma(ent) and int(ent.text) < 120 and (after is None or not after.is_lower)


def _after_name_comma(ent: Span) -> bool:
    """ "Lizandra Cosme, 32": a person's name and a comma right before the number."""
    doc = ent.doc
    return (
        ent.start >= 2
        and doc[ent.start - 1].text == ","
        and doc[ent.start - 2].ent_type_ == "PERSON"
    )


def _fate_told(text: str) -> bool:
    """Whether a sentence may count one person by what happened to them."""
    return bool(ONE_PERSON_CUE.search(text) and OUTCOME_WORDS.search(text))


def _one_person(piece: Parsed) -> list[Figure]:
    """ "A man was killed", "police arrested a 17-year-old boy": one person, counted by
    what happened to them. Most single victims are written so, never as "one", and
    outlets agree on them as on any count; but "a man was killed" does not say no one
    else was, so it never contradicts a larger toll (``Approx.INDEFINITE``)."""
    doc = piece.doc
    found = []
    for token in doc:
        person = _person_after(token) if token.lower_ in ("a", "an") else None
        fate = _fate(doc[token.i : person.i + 1]) if person is not None else None
        if person is None or fate is None:
            continue
        age = _an_age(person)
        noun = "people" if age else lemma(person)
        who = doc[person.i - 4 : person.i + 1].text if age else person.text  # "13-year-old"
        found.append(
            figure_at(
                piece,
                token.idx,
                person.idx + len(person),
                value=1.0,
                unit="",
                approx=Approx.INDEFINITE,
                noun=_SAME_NOUN.get(noun, noun),
                verb=_outcome(fate),
                about=f"{who} {fate.text}" if person.i < fate.i else f"{fate.text} {who}",
            )
        )
    return found


def _person_after(article: Token) -> Token | None:
    """The person an article opens: "a man", "an unidentified 27-year-old woman", "a
    13-year-old" (the age's last word standing for the person), but not "a woman's
    son"."""
    doc = article.doc
    for token in doc[article.i + 1 : article.i + 9]:
        if token.tag_ == "NN" and token.lower_ in ONE_PERSON:
            possessed = token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS"
            return None if possessed else token
        after = doc[token.i + 1].tag_ if token.i + 1 < len(doc) else ""
        if _an_age(token) and (after not in _MODIFIERS or after == "VBN"):
            return token  # "a 13-year-old in the house", "a 16-year-old killed Friday"
        if token.tag_ not in _MODIFIERS:
            return None
    return None


def _an_age(token: Token) -> bool:
    """ "old" ending "13-year-old"."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 2].lower_ in ("year", "years")


def _fate(person: Span) -> Token | None:
    """What was done to the person: "dead" ("a man is dead", "left a teenager dead"), a
    verb they undergo ("was shot and killed", "died", "a boy killed Friday"), or one
    before them ("killed a man"); never the person's own deed ("a gunman killed")."""
    doc = person.doc
    dead = _dead_after(person[-1])
    if dead is not None:
        return dead
    for token in doc[person.end : person.end + 8]:
        if is_verb(token):
            undergone = lemma(token) in _UNDERGONE or any(
                t.lower_ in _PASSIVE for t in doc[max(token.i - 3, person.end) : token.i]
            )
            undergone = undergone or (token.tag_ == "VBN" and token.i == person.end)
            verb = _graver(token)
            return verb if undergone and _outcome(verb) else None
        if token.tag_ in _CLAUSE_END:
            break
    for token in reversed(doc[max(person.start - 6, 0) : person.start]):
        if is_verb(token):
            verb = _graver(token)
            return verb if _outcome(verb) else None
        if token.tag_ in _CLAUSE_END:
            break
    return None


def _outcome(token: Token) -> str:
    """The outcome (a lexicon.OUTCOME lemma) a word tells, or ""."""
    name = _verb_name(token)
    return name if name in OUTCOME else ""


def _verb_name(token: Token) -> str:
    """The lemma a figure's action is compared by: "hurt" is "injure"; "dead", "three
    fatally" and "fatally shot" are "kill"."""
    fatally = token.i > 0 and token.doc[token.i - 1].lower_ == "fatally"
    if token.lower_ in _DEATH or (fatally and lemma(token) == "shoot"):
        return _SAME_VERB["die"]
    after = token.doc[token.i + 1 : token.i + 2].text.lower()
    if token.lower_ in CONDITIONS and after == "condition":
        return _SAME_VERB["hurt"]
    name = lemma(token)
    return _SAME_VERB.get(name, name)


def _dead_after(token: Token) -> Token | None:
    """ "dead" said of what ``token`` ends: "two people dead", "a man is dead", "was found
    dead"; or the condition of the hurt: "two men are in critical condition" (its
    adjective)."""
    doc = token.doc
    condition = IN_CONDITION.match(doc.text, token.idx + len(token))
    if condition is not None:
        state = doc.char_span(*condition.span(1))
        return state[0] if state is not None else None
    for word in doc[token.i + 1 : token.i + 4]:
        if word.lower_ == "dead":
            return word
        if word.lower_ not in _PASSIVE | {"found", "pronounced"}:
            return None
    return None


def _count(piece: Parsed, ent: Span) -> Figure | None:
    """A number, amount or measure. spaCy sometimes leaves out what makes it an amount:
    a currency sign before it ("$" + 972,815) or a unit glued after it ("30" + "ft")."""
    doc = piece.doc
    approx, number = _split_qualifier(ent, doc)
    start, end, number, label = _widened(ent, doc, number)
    height = _FEET_INCHES.match(doc.text, ent.end_char - len(number))
    if label in ("CARDINAL", "QUANTITY") and height and _small(height[2]) < 12:
        parsed: Reading | None = _height(height)
        end = max(end, height.end())
    else:
        parsed = _value(number, label)
    if parsed is None:
        return None
    value, unit, spread, scale = parsed
    if _not_a_count(ent, number, unit):
        return None
    if approx and not doc.text[start:end].lower().startswith(approx[0]):
        start = doc.text[:start].rstrip().lower().rindex(approx[0])  # the qualifier before
    if approx is None and not unit and _PART.match(doc.text, end):
        approx = ("", Approx.INDEFINITE)  # "two of the victims", not "71 % of people"
    if label == "MONEY":
        noun, verb, about = _about_money(ent, doc)
    else:
        noun, verb, about = _about(ent, doc, measured=bool(unit) and unit != "percent")
    return figure_at(
        piece,
        start,
        end,
        value=value,
        unit=unit,
        approx=approx[1] if approx else Approx.EXACT,
        noun=noun,
        verb=verb,
        about=about,
        spread=spread,
        anchor=_anchor(ent, doc),
        scale=scale,
    )


def _not_a_count(ent: Span, number: str, unit: str) -> bool:
    """A year ("1998"), an address ("the 3100 block"), a name ("in Three Rivers"), a
    word's modifier ("a one-man grand jury", "a two-story home"), an emergency number or
    a number of dimensions read as a number."""
    doc = ent.doc
    year = bool(not unit and _YEAR.fullmatch(number) and "," not in number)
    if _DIMENSIONS.match(doc.text, ent.end_char - len(number)):
        return True
    if ent.end >= len(doc):
        return year or number in _EMERGENCY
    after = doc[ent.end]
    if not unit and number in _EMERGENCY and after.tag_ not in ("NNS", "NNPS"):
        return True
    glued = not doc[ent.end - 1].whitespace_ and after.text == "-" and ent.end + 1 < len(doc)
    named = number[:1].isupper() and ent.start > 0 and not doc[ent.start].is_sent_start
    return (
        year
        or after.lower_ in _NOT_COUNTS
        or (named and not number.isdigit() and after.tag_ in ("NNP", "NNPS") and after.is_title)
        or (not unit and glued and is_noun(doc[ent.end + 1]))
    )


def _height(height: re.Match[str]) -> Reading:
    """ "5-foot-8", "6 feet 2 inches": one measure, which quantulum3 reads as two."""
    return _small(height[1]) * FOOT + _small(height[2]) * INCH, "meter", 0.0, INCH


def _widened(ent: Span, doc: Doc, number: str) -> tuple[int, int, str, str]:
    """(start, end, number, label) with what spaCy left out of an amount: a currency
    sign before it, a short unit glued after it."""
    start, end, label = ent.start_char, ent.end_char, ent.label_
    if start and doc.text[start - 1] in _CURRENCY and number[:1] not in _CURRENCY:
        start, number, label = start - 1, doc.text[start - 1] + number, "MONEY"
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is None or doc[ent.end - 1].whitespace_ or not after.is_alpha:
        return start, end, number, label
    if label == "CARDINAL" and len(after) <= 3:
        measured = _value(f"{number} {after.text}", "QUANTITY")
        if measured is not None and measured[1] not in ("", "percent"):
            number, end, label = f"{number} {after.text}", after.idx + len(after), "QUANTITY"
    return start, end, number, label


def _age(piece: Parsed, ent: Span) -> Figure | None:
    """ "34-year-old", "aged 94", "at the age of 91", "17 years of age", "Lizandra Cosme,
    32,", and "an 18-month-old", whose text keeps its unit: an age, of the person named
    next to it when there is one."""
    doc = piece.doc
    match = _AGE.search(ent.text)
    start = ent.start_char + match.start(1) if match else None
    if match is None and _PLAIN_NUMBER.fullmatch(ent.text) and _after_name_comma(ent):
        start = ent.start_char
    if start is None:
        before = doc.text[: ent.start_char].lower().rstrip()
        if not (before.endswith(("aged", "age of")) and _PLAIN_NUMBER.match(ent.text)):
            return None
        start = ent.start_char
    told = _age_told(doc.text, start)
    if told is None:
        return None
    (years, end), scale = told, 1.0
    if match and match[2].lower() != "year":  # told to the month: "18" is 17.5 to 18.5 months
        scale = 1 / _PER_YEAR[match[2].lower()]
        years, end = years * scale, ent.start_char + match.end()
    person, beside = _person_near(ent, doc, before_name=match is not None)
    noun = f"age {person}" if person else "age"
    return figure_at(
        piece,
        start,
        end,
        value=years,
        unit="",
        approx=Approx.EXACT,
        noun=noun,
        verb="",
        about=noun,
        anchor=beside,
        scale=scale,
    )


def _age_told(text: str, start: int) -> tuple[float, int] | None:
    """The number in digits or words at ``start``, and where it ends."""
    number = _PLAIN_NUMBER.match(text, start)
    if number is not None:
        return float(number.group().replace(",", "")), number.end()
    word = _WORD.match(text, start)
    value = _value(word.group(), "CARDINAL") if word else None
    if word is None or value is None:
        return None
    return value[0], word.end()


def _duration(piece: Parsed, ent: Span) -> Figure | None:
    """How long something lasted ("sober for eight years", "a three-to-10-year sentence"),
    but not a stretch that only places an event ("two weeks later", "the past two years")."""
    if _PLACING.search(ent.text) or not _DURATION.search(ent.text):
        return None
    doc = piece.doc
    before = doc.text[: ent.start_char].lower().split()[-1:]
    after = doc.text[ent.end_char :].lower().split()[:1]
    if before and before[0] in ("in", "within", "after", "since"):
        return None
    if after and after[0].strip(",.") in _PLACED_BY:  # "four days after the attacks"
        return None
    parsed = _value(_DURATION_START.sub("", ent.text), "QUANTITY")
    if parsed is None or parsed[1] != "second":
        return None
    value, unit, spread, scale = parsed
    number = _NUMBER_START.search(ent.text)
    start = ent.start_char + (number.start() if number else 0)
    noun, verb, about = _about(ent, doc, measured=True)
    return figure_at(
        piece,
        start,
        ent.end_char,
        value=value,
        unit=unit,
        approx=Approx.EXACT,
        noun=noun,
        verb=verb,
        about=about or doc.text[start : ent.end_char],
        spread=spread,
        scale=scale,
    )


def _small(number: str) -> int:
    return int(number) if number.isdigit() else _SMALL.index(number.lower())


def figure_at(piece: Parsed, start: int, end: int, **fields: Any) -> Figure:
    """A figure at ``doc.text[start:end]`` of ``piece``, placed in its article."""
    return Figure(
        article=piece.article,
        sentence=piece.sentence,
        start=piece.start + start,
        end=piece.start + end,
        text=piece.doc.text[start:end],
        **fields,
    )


def _about_money(ent: Span, doc: Doc) -> tuple[str, str, str]:
    """A sum is of what follows "in": "$972,815 in witness fees, deposition and court
    reporter costs" and "$972,814 in legal costs" are both costs (the phrase's last noun)."""
    _, verb, about = _about(ent, doc, measured=True)
    tokens = doc[ent.end : ent.end + 12]
    if not len(tokens) or tokens[0].lower_ != "in":
        return "", verb, about
    noun = None
    for token in tokens[1:]:
        if is_noun(token):
            noun = token
        elif token.tag_ in ("IN", ".", ":", "VBD", "VBZ", "VBP", "MD", "WDT"):
            break
    if noun is None:
        return "", verb, about
    return lemma(noun), verb, f"{about} in {noun.text}".strip()


def _anchor(ent: Span, doc: Doc) -> str:
    """The name standing next to a figure ("Isinya, 20 miles from Nairobi"): what a
    distance or a sum without a counted noun is about."""
    names = [e for e in doc.ents if e.label_ in _ANCHORS]
    near = [e for e in names if e.end <= ent.start and ent.start - e.end <= 2]
    near += [e for e in names if e.start >= ent.end and e.start - ent.end <= 2]
    if not near:
        return ""
    nearest = min(near, key=lambda e: min(abs(e.start - ent.end), abs(ent.start - e.end)))
    return nearest.text.lower()


def _person_near(ent: Span, doc: Doc, before_name: bool = False) -> tuple[str, str]:
    """The person an age is of: the name right after "a 9-year-old" when there is one
    (``before_name``), else the nearest; as (surname, the whole name when it stands right
    beside the age: "a 9-year-old Ana Ruiz", "Ana Ruiz, 9,", "Ana Ruiz, a 9-year-old",
    else "")."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    if not people:
        return "", ""
    following = [e for e in people if 0 <= e.start - ent.end <= 1]
    if before_name and following:
        return surname(following[0].text), following[0].text.lower()
    nearest = min(people, key=lambda e: min(abs(e.start - ent.end), abs(ent.start - e.end)))
    between = [t.lower_ for t in doc[nearest.end : ent.start]]
    beside = between[:1] == [","] and between[1:] in ([], ["a"], ["an"], ["the"])
    return surname(nearest.text), nearest.text.lower() if beside else ""


def _split_qualifier(ent: Span, doc: Doc) -> tuple[tuple[str, Approx] | None, str]:
    """The qualifier (inside the span, or just before it) and the rest of the span."""
    text = ent.text
    lowered = text.lower()
    for words, meaning in _APPROX:
        if lowered.startswith(words + " "):
            return (words, meaning), text[len(words) + 1 :]
    before = doc.text[: ent.start_char].rstrip().lower()
    for words, meaning in _APPROX:
        if before.endswith(" " + words) or before == words:
            particle = ent.start >= 2 and doc[ent.start - 2].tag_.startswith("VB")
            if words == "over" and particle:
                continue  # "knocked over six stores": a verb's particle, not "more than"
            return (words, meaning), text
    return None, text


@lru_cache(maxsize=4096)
def _value(number: str, label: str) -> Reading | None:
    """(value on the unit's base scale, unit name, half-width of a range such as "20-30
    feet", base units per written unit); None when the span holds no number."""
    number = number.strip()
    if label == "CARDINAL" and _PLAIN_NUMBER.fullmatch(number):
        return float(number.replace(",", "")), "", 0.0, 1.0
    if label == "CARDINAL" and number.lower() == "one":
        return 1.0, "", 0.0, 1.0  # quantulum3 reads no number in "one"
    # "$4.77-billion" is one amount, which quantulum3 reads as the range 4.77 to a billion
    quantities = _parser().parse(_SCALE_HYPHEN.sub(" ", number))
    if not quantities:
        return None
    q = quantities[0]
    unit, spread = q.unit.name, float(q.uncertainty or 0.0)
    if unit in ("dimensionless", "dozen", "percentage"):
        scale = 12 if unit == "dozen" else 1
        return q.value * scale, "percent" if unit == "percentage" else "", spread * scale, 1.0
    return _base(q.value, unit, spread)


def _base(value: float, unit: str, spread: float) -> Reading:
    unit = unit.removesuffix("-mass")  # quantulum3's "pound-mass" is pint's "pound"
    try:
        base = _units().Quantity(1.0, unit).to_base_units()
    except Exception:  # pint does not know currencies and some compound names: keep as is
        return value, unit, spread, 1.0
    scale = float(base.magnitude)
    return value * scale, str(base.units), spread * scale, scale


def _about(ent: Span, doc: Doc, measured: bool) -> tuple[str, str, str]:
    """(counted noun's lemma, action's lemma, both as written). A measure's unit says what
    it is, so the word after it ("two metres shortly") is not a counted noun."""
    fatally = doc[ent.end] if ent.end < len(doc) and doc[ent.end].lower_ == "fatally" else None
    noun = None if measured or fatally else _counted(ent, doc)
    # "left two men dead", "two people are dead", "five were shot, three fatally"
    verb = (_dead_after(noun) if noun is not None else None) or fatally or _action(ent, doc)
    noun_lemma = lemma(noun) if noun else ""
    verb_lemma = _verb_name(verb) if verb else ""
    if not noun_lemma and not measured and verb_lemma in OUTCOME and _next_to(ent, verb):
        noun_lemma = "people"  # "killed one and wounded two", "two died": whom it killed
    written = " ".join(t.text for t in sorted((t for t in (noun, verb) if t), key=lambda t: t.i))
    return _SAME_NOUN.get(noun_lemma, noun_lemma), verb_lemma, written


def _next_to(ent: Span, verb: Token | None) -> bool:
    """Whether the verb acts on the number itself: "killed one", "two died", "three were
    hurt", not the nearest verb of another clause ("a crowd of a thousand")."""
    if verb is None:
        return False
    between = ent.doc[ent.end : verb.i]
    after = verb.i >= ent.end and all(t.lower_ in _PASSIVE | _HAVING for t in between)
    return verb.i == ent.start - 1 or (after and len(between) <= 2)


def _counted(ent: Span, doc: Doc) -> Token | None:
    """The head of the noun phrase after the number: the last noun of "fighter jets",
    "long-range bombers", "two of the victims"; none in "killed one and wounded two at the
    store", where "and" joins another clause and "at" places the deed."""
    noun = None
    for token in doc[ent.end : ent.end + 6]:
        joins = token.tag_ == "CC" and token.i + 1 < len(doc) and is_verb(doc[token.i + 1])
        places = token.tag_ == "IN" and token.lower_ != "of"
        if is_noun(token):
            noun = token
        elif (noun is not None and token.text != "-") or token.tag_ not in _BEFORE_NOUN:
            break
        if joins or places:
            break
    return noun


def _action(ent: Span, doc: Doc) -> Token | None:
    """The verb of the figure's clause: after the counted noun ("132 people were killed"),
    else before the number ("killed 129 people"), else the nearest in the window."""
    for token in doc[ent.end : ent.end + 8]:
        if is_verb(token):
            return _graver(token)
        if token.tag_ in _CLAUSE_END and token.text != "-":
            break
    for token in reversed(doc[max(ent.start - 6, 0) : ent.start]):
        if is_verb(token):
            return _graver(token)
        if token.tag_ in _CLAUSE_END and token.text != "-":
            break
    verbs = [t for t in doc if is_verb(t)]
    if not verbs:
        return None
    return min(verbs, key=lambda t: min(abs(t.i - ent.start), abs(t.i - (ent.end - 1))))


def _graver(verb: Token) -> Token:
    """ "were shot and killed", "was shot and wounded": the outcome the shooting had is the
    one reported."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].lower_ != "and" or lemma(verb) != "shoot":
        return verb
    then = doc[verb.i + 2]
    return then if is_verb(then) and OUTCOME.get(_verb_name(then)) in ("died", "injured") else verb


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
