"""Figures across sources: which report the same thing, and whether they agree.

This alignment is ours: no library compares claims across documents. Two figures are of
the same thing when they count the same noun ("people"), or are sums of the same thing
("costs"), or measure in the same physical unit; small counts (but those of one harm:
"one person killed" and "killing one person", "four shot" and "four wounded"), different
actions and open ranges also need alike sentences, and one value under two nouns ("52
cheerleaders", "52 pompom pushers") needs very alike ones, unless it is one victim told
of anyone and of someone ("one person was killed", "a man was killed"). Values are
compared as ranges, so an approximation that fits an exact figure ("nearly 130" and
"129", "more than 100" and "129") agrees with it, a rounded figure fits the precise one
("$8 billion", "$8.2 billion"), and units are on one scale (annotate/figures.py), so "10
km" and "6 miles" agree.

Two groups of figures conflict only when they come from different articles, share the
noun (or, for sums and measures, an action or a name next to them: "Isinya, 20 miles" /
"Isinya town, 12 miles away") and stand in alike sentences, or when they are the only
measures in one unit of two sentences that agree on another measure (a suspect's height,
then weight), or when each is the only count of its noun in its article and the two are
within a factor of two ("28 bodies recovered", "32 bodies retrieved"; a length, a
weight or a share of no counted thing in alike sentences: "a 31-foot boat"), or when they are
two ages of one named person, or the only ages two articles give, of the same kind of
unnamed person ("a 16-year-old boy", "the 15-year-old boy"), or one named person's and
one that recalls that person ("Ms. Graswald, 44", "the 35-year-old"): a disagreement a
reader is shown must be one. A count of a
part ("four others", "two in critical condition", or a count agreeing with one of them)
is compared only with parts, a small count echoed with "the" ("the three teens") with
nothing, and a count ten times another is of another scope (``SCOPE_FACTOR``). So are
those who did it ("two people started shooting", "accosted by six men"), those someone
has ("Tina had five children") and those who were there ("there were two adults in the
home") compared only with their like, never with the victims; and counts of shots with
nothing: each shooter, witness and scene has its own ("fired the first four shots",
"heard 20 shots"), and none is the incident's.

"at least N" is read as the figure itself, not as a bound: news tolls are written that way
and "at least 129" against "at least 132" is the disagreement a reader must see. "at least
one" is the exception: it says there were some, and counts nothing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from storyline.lexicon import IN_CONDITION, ONE_PERSON, OUTCOME, surname
from storyline.model import Annotated, Approx, Claim, Fact, FactKind, Figure, Source, Status
from storyline.synthesize.disjoint import DisjointSets
from storyline.synthesize.similarity import Likeness
from storyline.synthesize.source import source_of

CONVERTED = 0.05  # for figures whose units were converted ("6 miles" is 9.66 km)
SMALL = 10  # below this a count of a noun is too common to align on the noun alone
SOLE_FACTOR = 2.0  # the most two sole counts of one noun differ by and are one thing
SCOPE_FACTOR = 10.0  # a count this many times another is of another scope ("in Chicago,
# 39 people were shot over the weekend" beside one shooting's "at least three")
SAME_CONTEXT = 0.2  # sentence cosine above which two figures speak of the same event
SAME_ACTION_CONTEXT = 0.1  # enough when the figures also count the same action
LIKE_SENTENCES = 0.35  # cosine at which one value under two nouns is one fact
FITS_ALL = -1  # Claim.group of a figure that agrees with every value of a conflict
ABOUT = 0.02  # "about 3,200" is rounded to the hundred, not loose: 3,500 is another figure
ROUNDED = 0.1  # the most a plain round figure strays from the count: "10 weeks" is not 14
_ANYONE = frozenset({"people", "victim"})  # a count of anyone ("killing one", "one person")
_AGED = re.compile(r"\b(?:year|month|week|day)s?[- ]old\b", re.IGNORECASE)  # someone
# A person's age from its number on: "16-year-old boy", "11 year old boy", "2-month-old"
_PERSON_AGE = re.compile(
    r"[\w.]*?([-\s])(?:year|month)s?([-\s])old\b(?:\s+([a-z]+))?", re.IGNORECASE
)
SHOTS = frozenset({"shot", "round", "bullet", "gunshot"})  # never compared: module docstring


# Base units of the physical measures pint converts to (annotate/figures.py).
_SI_UNITS = frozenset({"meter", "second", "kilogram", "meter ** 2", "meter ** 3", "kelvin"})


People = dict[int, list[tuple[int, str]]]  # by sentence: (end offset, surname)
# What a count counts beside the victims or things it may seem to (_roles).
Role = Literal["part", "echo", "doer", "held", "present"]


@dataclass(frozen=True)
class _Range:
    low: float
    high: float


def align(story: Annotated) -> tuple[Fact, ...]:
    like = Likeness(story)
    figures = [f for f in story.figures if f.noun or f.unit]
    groups: list[list[Figure]] = []
    # Only groups with the figure's unit and its noun, or its unit and value, can take it
    # (_agree): indexing them keeps a story of hundreds of articles from going quadratic.
    by_noun: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_value: dict[tuple[str, float], list[int]] = defaultdict(list)
    for figure in figures:
        noun_key, value_key = (figure.unit, figure.noun.split(" ")[0]), (figure.unit, figure.value)
        candidates = sorted(set(by_noun[noun_key]) | set(by_value[value_key]))
        for g in candidates:
            if all(_agree(figure, other, like) for other in groups[g]):
                groups[g].append(figure)
                break
        else:
            g = len(groups)
            groups.append([figure])
        if g not in by_noun[noun_key]:
            by_noun[noun_key].append(g)
        if g not in by_value[value_key]:
            by_value[value_key].append(g)
    conflicts = _conflicting(groups, like, _people(story), _roles(story, figures), _sole(figures))
    namesakes = _namesakes(story)
    conflicts += _ages_of_one_person(groups, namesakes)
    conflicts += _ages_of_one_unnamed(groups, story)
    conflicts += _ages_named_and_recalled(groups, story, namesakes)
    facts = []
    for members in _merge(groups, conflicts):
        facts.append(_fact(story, [groups[g] for g in members], conflicting=len(members) > 1))
    order = {Status.CONFLICTING: 0, Status.AGREED: 1, Status.COMPLEMENTARY: 2}
    facts.sort(
        key=lambda f: (order[f.status], -len({s.article for c in f.claims for s in c.sources}))
    )
    return tuple(facts)


def _agree(a: Figure, b: Figure, like: Likeness) -> bool:
    if a.unit != b.unit or not _overlap(a, b) or _apart(a, b):
        return False
    if a.article == b.article and a.sentence != b.sentence:
        return False  # one article repeating a number is not two sources for it
    if not _same_noun(a, b):  # "52 cheerleaders" / "52 pompom pushers": only in like sentences
        if _one_victim(a, b):
            return True
        # "a man was killed" and "a woman was killed" are two people
        indefinite = Approx.INDEFINITE in (a.approx, b.approx)
        return (
            a.value == b.value and not indefinite and like(a.sentence, b.sentence) >= LIKE_SENTENCES
        )
    open_ended = _open(a) or _open(b)
    specific = a.value >= SMALL or a.unit not in ("", "percent")  # "9 m" is not "two"
    harm = _one_harm(a, b)  # "two killed", "four shot" / "four wounded"
    specific = specific or harm
    # A physical measure says what it is of by its unit: "30km from the park" and "20 miles
    # from Nairobi" agree whatever verbs stand near them.
    related = a.verb == b.verb or not a.verb or not b.verb or _same_anchor(a, b)
    related = related or harm or _physical(a.unit)
    if specific and not open_ended and related:
        return True
    return like(a.sentence, b.sentence) >= SAME_CONTEXT


def _conflicting(
    groups: list[list[Figure]],
    like: Likeness,
    people: People,
    roles: dict[int, Role],
    sole: set[int],
) -> list[tuple[int, int]]:
    """Pairs of groups that give different values for the same thing in other articles."""
    same_thing: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        same_thing[(group[0].noun, group[0].unit)].append(i)
    pairs = []
    for (noun, _), members in same_thing.items():
        if _is_age(noun):
            continue  # an age is compared only as one person's (_ages_of_one_person)
        if noun.split(" ")[0] in SHOTS:
            continue  # see the module's docstring
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if _contradict(groups[i], groups[j], like, people, roles, sole):
                    pairs.append((i, j))
    return sorted(set(pairs) | _same_subject(groups))


def _ages_of_one_person(groups: list[list[Figure]], namesakes: set[str]) -> list[tuple[int, int]]:
    """Two ages of one person conflict whatever the sentences around them say; an age is
    one person's when the name stands right beside it ("Ana Ruiz, 9,", "a 9-year-old Ana
    Ruiz") and no one else in the story bears that surname. An age near a name is not
    enough: "Holmes, who found her mother, 64," is two people, one of them unnamed."""
    named: dict[str, list[int]] = defaultdict(list)  # surname: groups holding a named age
    for g, group in enumerate(groups):
        for name in {f.noun.split(" ")[-1] for f in group if f.anchor}:
            if _is_age(group[0].noun) and name not in namesakes:
                named[name].append(g)
    pairs = []
    for members in named.values():
        for i, j in combinations(members, 2):
            gi, gj = groups[i], groups[j]
            if {f.article for f in gi} & {f.article for f in gj}:
                continue
            if any(
                x.anchor and y.anchor and _one_name(x.anchor, y.anchor) and not _overlap(x, y)
                for x in gi
                for y in gj
            ):
                pairs.append((i, j))
    return pairs


def _ages_of_one_unnamed(groups: list[list[Figure]], story: Annotated) -> list[tuple[int, int]]:
    """Two articles that each give one age, of no one named, and no other age, tell the
    age of the one person they are about: "a 16-year-old boy shot himself" and "the
    15-year-old boy's death" conflict. The two must be the same kind of person where
    both say ("boy" and "boy"; "a 4-year-old child" is not "a 21-year-old man"), and an
    age must be written as a person's ("16-year-old", "an 11 year old boy"): a car
    "about four years old" is no one's."""
    alone = {a for a, (_, nouns) in _ages(groups).items() if nouns == {"age"}}
    who = {
        g: {_aged_whom(story, f) for f in group}
        for g, group in enumerate(groups)
        if group[0].noun == "age" and all(f.article in alone for f in group)
    }
    return [
        (i, j)
        for i, j in combinations(who, 2)
        if groups[i][0].value != groups[j][0].value and _one_kind(who[i], who[j])
    ]


def _ages(groups: list[list[Figure]]) -> dict[int, tuple[set[float], set[str]]]:
    """The articles that give one age value, each with the nouns it is told under ("age"
    when of no one named, "age brown"): an article giving two ages may speak of either
    of two people, so only these are read as one person's."""
    values: dict[int, set[float]] = defaultdict(set)
    nouns: dict[int, set[str]] = defaultdict(set)
    for group in groups:
        for f in group:
            if _is_age(f.noun):
                values[f.article].add(f.value)
                nouns[f.article].add(f.noun)
    return {a: (v, nouns[a]) for a, v in values.items() if len(v) == 1}


def _is_age(noun: str) -> bool:
    return noun.split(" ")[0] == "age"


_RECALLED = re.compile(r"\b(?:the|his|her|their|\w+['’]s)\s+$", re.IGNORECASE)


def _ages_named_and_recalled(
    groups: list[list[Figure]], story: Annotated, namesakes: set[str]
) -> list[tuple[int, int]]:
    """An article whose only age is a named person's ("Ms. Graswald, 44,") and another
    whose only age recalls someone it has named ("the 35-year-old", "the chain's
    30-year-old owner"), that person's name among them, tell one person's age: they
    conflict when they differ. "Paula Holmes said a 64-year-old woman had been shot"
    brings in someone new ("a"), so it is no one's named age."""
    alone = {a for a, (_, nouns) in _ages(groups).items() if len(nouns) == 1}
    side: dict[int, str] = {}  # group: the name its age is told of, "" when recalled
    for g, group in enumerate(groups):
        nouns = {f.noun for f in group}
        if len(nouns) != 1 or not all(f.article in alone for f in group):
            continue
        (noun,) = nouns
        if _is_age(noun) and noun != "age":
            side[g] = noun.split(" ")[-1]
        elif noun == "age" and any(_recalled(story, f) for f in group):
            side[g] = ""
    pairs = []
    for i, j in combinations(side, 2):
        name = side[i] or side[j]
        if bool(side[i]) == bool(side[j]) or name in namesakes:
            continue
        recalled = groups[j] if side[i] else groups[i]
        texts = [story.articles[f.article].text for f in recalled]
        told = all(re.search(rf"\b{re.escape(name)}\b", t, re.IGNORECASE) for t in texts)
        if told and groups[i][0].value != groups[j][0].value:
            pairs.append((i, j))
    return pairs


def _recalled(story: Annotated, figure: Figure) -> bool:
    """An age written as a person's after "the" or a possessive: someone told of before."""
    text = story.articles[figure.article].text
    before = text[max(0, figure.start - 30) : figure.start]
    return _aged_whom(story, figure) is not None and bool(_RECALLED.search(before))


def _aged_whom(story: Annotated, figure: Figure) -> str | None:
    """The kind of person an age is told of ("boy"), "" for a person of no kind named ("a
    17-year-old was shot"), or None when it is not written as a person's age."""
    found = _PERSON_AGE.match(story.articles[figure.article].text, figure.start)
    if not found:
        return None
    word = (found.group(3) or "").lower()
    if word in ONE_PERSON:
        return word
    return "" if found.group(1) == found.group(2) == "-" else None


def _one_kind(a: set[str | None], b: set[str | None]) -> bool:
    """Both ages written as a person's, each of one kind at most, the same where both
    tell it."""
    if None in a or None in b:
        return False
    kinds = a - {""}, b - {""}
    return all(len(k) <= 1 for k in kinds) and (not all(kinds) or kinds[0] == kinds[1])


def _one_name(a: str, b: str) -> bool:
    """ "martin" and "bobby gene martin" may name one person; "ana ruiz" and "eva ruiz" not."""
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a


def _namesakes(story: Annotated) -> set[str]:
    """The surnames (lower case) that two people of the story bear: two given names
    before them ("Ana Ruiz", "Eva Ruiz")."""
    given: dict[str, set[str]] = defaultdict(set)
    for mention in story.mentions:
        words = mention.text.lower().split()
        if mention.label == "PERSON" and len(words) >= 2:
            given[surname(mention.text)].add(words[0])
    return {name for name, firsts in given.items() if len(firsts) > 1}


def _same_subject(groups: list[list[Figure]]) -> set[tuple[int, int]]:
    """Measures of one subject: two articles' sentences that agree on one measure ("5
    feet 8") describe the same person or thing, so their only other measures in a unit
    ("130 pounds" / "about 120 pounds") are of it too, whatever the verbs."""
    group_of = {id(f): g for g, group in enumerate(groups) for f in group}
    in_sentence: dict[int, list[Figure]] = defaultdict(list)
    for group in groups:
        for figure in group:
            in_sentence[figure.sentence].append(figure)
    pairs = set()
    for g, group in enumerate(groups):
        if not _physical(group[0].unit):
            continue
        for x, y in combinations(group, 2):
            if x.article == y.article:
                continue
            for unit in {f.unit for f in in_sentence[x.sentence] if _physical(f.unit)}:
                others = [
                    [f for f in in_sentence[s.sentence] if f.unit == unit and group_of[id(f)] != g]
                    for s in (x, y)
                ]
                if len(others[0]) != 1 or len(others[1]) != 1:
                    continue
                i, j = sorted(group_of[id(f[0])] for f in others)
                shared = {f.article for f in groups[i]} & {f.article for f in groups[j]}
                if i != j and not shared and not _overlap(others[0][0], others[1][0]):
                    pairs.add((i, j))
    return pairs


def _physical(unit: str) -> bool:
    """A measure that says by its unit what it is of (clock-free: a duration or a sum
    needs its action, annotate/figures.py)."""
    return unit in _SI_UNITS and unit != "second"


def _contradict(
    gi: list[Figure],
    gj: list[Figure],
    like: Likeness,
    people: People,
    roles: dict[int, Role],
    sole: set[int],
) -> bool:
    if {f.article for f in gi} & {f.article for f in gj}:
        return False  # an article giving both values: two things, or an update it tells
    if _told_apart(gi, gj):
        return False
    # A group one of whose figures counts a part ("killed two more men") is a part.
    part_i, part_j = (any(roles.get(id(f)) == "part" for f in g) for g in (gi, gj))
    # Only pairs whose values cannot both hold show a disagreement, and not when the two
    # figures are of different people ("Hunt was charged with one count", "Caulder with
    # six counts").
    pairs = [
        (x, y)
        for x in gi
        for y in gj
        if not _overlap(x, y)
        and Approx.INDEFINITE not in (x.approx, y.approx)  # "a man was killed": one of them
        and _one_measure(x, y)
        and _one_scope(x, y)
        and part_i == part_j
        and _told_alike(roles.get(id(x)), roles.get(id(y)))
        and not _different_people(x, y, people)
    ]
    if not pairs:
        return False
    if any(_both_sole(x, y, sole, like) for x, y in pairs):
        return True
    linked = any(_same_action(x, y) or _same_anchor(x, y) for x, y in pairs)
    if not gi[0].noun and not linked:
        return False  # sums, lengths, durations: too many things have one to compare
        # without the same action ("fell 30 ft", "tumbled 150 m") or place
    needed = SAME_ACTION_CONTEXT if linked else SAME_CONTEXT
    return max(like(x.sentence, y.sentence) for x, y in pairs) >= needed


def _both_sole(x: Figure, y: Figure, sole: set[int], like: Likeness) -> bool:
    """Two articles' only counts of a noun, near each other (``_sole``); a measure of no
    counted thing in alike sentences only."""
    if id(x) not in sole or id(y) not in sole or not _near(x, y):
        return False
    return bool(x.noun) or like(x.sentence, y.sentence) >= SAME_ACTION_CONTEXT


def _told_apart(gi: list[Figure], gj: list[Figure]) -> bool:
    """Whether the two groups' figures tell different outcomes, though some tell none:
    "sent five people to hospital", agreeing with "five were shot", is a count of the
    shot, whatever "one person was killed" says (``_one_measure``)."""
    told = [{OUTCOME[f.verb] for f in group if f.verb in OUTCOME} for group in (gi, gj)]
    return all(told) and not told[0] & told[1]


def _near(a: Figure, b: Figure, factor: float = SOLE_FACTOR) -> bool:
    """Values within a factor of two: outlets that disagree on a count of one thing ("129",
    "132"; "3,200", "3,500") stay near it; "8,000 stores" and "50 stores" are two scopes."""
    low, high = sorted((a.value, b.value))
    return high <= low * factor


def _one_scope(a: Figure, b: Figure) -> bool:
    """Whether two counts of people or things may count the same ones: not when one is
    ``SCOPE_FACTOR`` times the other (a sum or a measure may be misreported by a digit)."""
    if a.unit or b.unit or min(a.value, b.value) <= 0:
        return True
    return _near(a, b, SCOPE_FACTOR)


def _sole(figures: Sequence[Figure]) -> set[int]:
    """The figures (by ``id``) that are the only count of their noun in their article,
    though it may repeat them, and that are specific (ten or more; exact, "about" or "at
    least", never open-ended): two articles' only counts of "bodies" are counts of the
    same bodies whatever else their sentences say ("28 bodies recovered", "32 bodies
    retrieved"). News counts people many ways in one report (killed, wounded, arrested),
    so their counts are seldom sole. A length, a weight, an area or a share of no counted
    thing is sole when it is its article's only one in that unit, whatever its size ("a
    31-foot boat", "a 32-foot boat"; debt "rose 4%", "6 percent higher"); ``_both_sole``
    asks its sentences to be alike too, as a suspect's height and the distance a gunman
    fired from are both in feet."""
    values: dict[tuple[int, str, str], set[float]] = defaultdict(set)
    for figure in figures:
        values[(figure.article, figure.noun, figure.unit)].add(figure.value)
    return {
        id(f)
        for f in figures
        if (
            (f.noun and not _is_age(f.noun) and f.value >= SMALL)
            or (not f.noun and (_physical(f.unit) or f.unit == "percent"))
        )
        and f.approx in (Approx.EXACT, Approx.ABOUT, Approx.AT_LEAST)
        and len(values[(f.article, f.noun, f.unit)]) == 1
    }


_PART_AFTER = re.compile(r"\s+(?:other|others|more)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:other|another|remaining)\s+$", re.IGNORECASE)
_ECHO_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DOER_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)  # "accosted by six men"
# "two people started shooting", "three men opened fire": the noun, then the deed (never
# a form of "be" between: "two were started on" is done to them)
_DOER_AFTER = re.compile(
    r"(?:\s+(?!(?:is|are|was|were|been|be|being)\b)[\w-]+){0,2}?\s+(?:started|began|opened)\b",
    re.IGNORECASE,
)
_HELD_BEFORE = re.compile(r"\b(?:had|has)\s+$", re.IGNORECASE)  # "Tina had five children"
_PRESENT_BEFORE = re.compile(r"\bthere\s+(?:is|are|was|were)\s+$", re.IGNORECASE)


def _roles(story: Annotated, figures: Sequence[Figure]) -> dict[int, Role]:
    """The figures (by ``id``) that count a part of a whole ("two others were wounded",
    "four more", "the other eight", "one person is in critical condition"), those that
    echo a count the article gave before ("the three teens", "the three died"), those
    who did the deed ("two people started shooting"), those someone has ("had five
    children") and those who were there ("there were two adults and six children in the
    home"). A part never contradicts a total: "five people were shot" and "one was
    killed and four others were hurt" agree. An echo contradicts nothing: its article's
    own count stands for it, and the group it names is the article's (those charged,
    those involved, the dead without an unborn child). The doers, the held and the
    present are others than the victims a count beside them tells of."""
    roles: dict[int, Role] = {}
    for figure in figures:
        text = story.articles[figure.article].text
        after, before = (
            text[figure.end : figure.end + 80],
            text[max(0, figure.start - 12) : figure.start],
        )
        if _PART_AFTER.match(after) or _PART_BEFORE.search(before) or _in_condition(after):
            roles[id(figure)] = "part"
        elif _ECHO_BEFORE.search(before) and figure.value < SMALL and not figure.unit:
            roles[id(figure)] = "echo"
        elif figure.unit:
            continue  # "by 12 percent", "had $5,000": a sum or a measure is no one
        elif _DOER_BEFORE.search(before) or _DOER_AFTER.match(after):
            roles[id(figure)] = "doer"
        elif _HELD_BEFORE.search(before):
            roles[id(figure)] = "held"
        elif _PRESENT_BEFORE.search(before) and figure.verb not in OUTCOME:
            roles[id(figure)] = "present"  # not "there were five people dead"
    return roles


def _told_alike(a: Role | None, b: Role | None) -> bool:
    """Whether two counts may count the same ones by their roles (``_roles``): doers with
    doers, the held with the held, the present with the present, the rest with the rest
    (parts are told apart by group, in ``_contradict``), echoes with nothing."""
    if "echo" in (a, b):
        return False
    return _whose(a) == _whose(b)


def _whose(role: Role | None) -> Role | None:
    return role if role in ("doer", "held", "present") else None


def _in_condition(after: str) -> bool:
    """ "two (men) are in critical condition": at most two words between the number and
    the condition."""
    condition = IN_CONDITION.search(after)
    return condition is not None and len(after[: condition.start()].split()) <= 2


def _one_measure(a: Figure, b: Figure) -> bool:
    """Whether two counts of the same noun can measure the same thing: "5 people shot" and
    "1 person killed" count different outcomes for the same victims, never a disagreement.
    Counts whose verbs name no outcome may be either."""
    kinds = OUTCOME.get(a.verb), OUTCOME.get(b.verb)
    return None in kinds or kinds[0] == kinds[1]


def _one_harm(a: Figure, b: Figure) -> bool:
    """Whether two small counts tell one harm: the same outcome ("two killed"), or the
    shot and the wounded ("four people were shot", "four were wounded"), whom reports and
    the registry count alike when none died. Only for agreeing: the shot may include the
    dead, so "four shot" never contradicts "three wounded" (``_one_measure``)."""
    kinds = {OUTCOME.get(a.verb), OUTCOME.get(b.verb)}
    return (a.verb == b.verb and a.verb in OUTCOME) or kinds == {"shot", "injured"}


def _one_victim(a: Figure, b: Figure) -> bool:
    """ "one person was killed" and "a man was killed": one victim of one outcome, told once
    of anyone and once of someone. Two people told apart ("a man", "a woman") stay two.
    Local news names its single victims this way, and the registry's one-killed count was
    agreed in 19 of 139 incidents without this, 23 with it (benchmarks/README.md)."""
    kind = OUTCOME.get(a.verb)
    if kind is None or kind != OUTCOME.get(b.verb) or a.value != 1 or b.value != 1:
        return False
    people = all(f.noun in ONE_PERSON | _ANYONE for f in (a, b))
    return people and _anyone(a) != _anyone(b)


def _anyone(figure: Figure) -> bool:
    """A count of people told of no one in particular: "one person", "killing one", but
    not "a 16-year-old", whose age tells someone."""
    return figure.noun in _ANYONE and not _AGED.search(figure.text)


def _apart(a: Figure, b: Figure) -> bool:
    """Counts of the dead and of the wounded are never one fact, whatever their values:
    "killing 19 people and wounding more than a dozen" (the shot are either); nor are
    those arrested and their victims ("a man was arrested in a shooting that left one man
    dead")."""
    kinds = {OUTCOME.get(a.verb), OUTCOME.get(b.verb)}
    return kinds == {"died", "injured"} or ("arrested" in kinds and len(kinds - {None}) == 2)


def _different_people(a: Figure, b: Figure, people: People) -> bool:
    """Whether the people named before each figure in its sentence (its subject, mostly:
    "Hunt, 23, was charged with one count") are all different."""
    named_a = {name for end, name in people.get(a.sentence, ()) if end <= a.start}
    named_b = {name for end, name in people.get(b.sentence, ()) if end <= b.start}
    return bool(named_a and named_b and not named_a & named_b)


def _people(story: Annotated) -> People:
    """(end, surname) of the people each sentence names; a surname stands for the name."""
    named: People = defaultdict(list)
    for mention in story.mentions:
        if mention.label == "PERSON":
            named[mention.sentence].append((mention.end, surname(mention.text)))
    return named


def _same_noun(a: Figure, b: Figure) -> bool:
    """Equal nouns; an age of no one in particular goes with anyone's ("age" / "age
    mohawk")."""
    if a.noun == b.noun:
        return True
    return _is_age(a.noun) and _is_age(b.noun) and "age" in (a.noun, b.noun)


def _same_action(a: Figure, b: Figure) -> bool:
    return bool(a.verb) and a.verb == b.verb


def _same_anchor(a: Figure, b: Figure) -> bool:
    return bool(a.anchor) and a.anchor == b.anchor


def _merge(groups: list[list[Figure]], pairs: list[tuple[int, int]]) -> list[list[int]]:
    merged = DisjointSets(range(len(groups)))
    for i, j in pairs:
        merged.union(i, j)
    return merged.sets()


def _fact(story: Annotated, groups: Sequence[list[Figure]], conflicting: bool) -> Fact:
    # Each wording once, with its sources, in the value group it agrees with.
    by_text: dict[tuple[int, str], tuple[str, list[Source]]] = {}
    everyone = [f for group in groups for f in group]
    for g, group in enumerate(groups):
        for figure in group:
            # In a conflict, a loose figure that fits every value ("about $973,000" beside
            # $972,815 and $972,814) sides with no one: it is in group FITS_ALL.
            fits_all = conflicting and all(_overlap(figure, other) for other in everyone)
            key = (FITS_ALL if fits_all else g, figure.text.casefold())
            _, sources = by_text.setdefault(key, (figure.text, []))
            sources.append(source_of(story, figure.article, figure.start, figure.end))
    claims = tuple(Claim(text, tuple(sources), g) for (g, _), (text, sources) in by_text.items())
    articles = {f.article for group in groups for f in group}
    status = (
        Status.CONFLICTING
        if conflicting
        else Status.AGREED
        if len(articles) > 1
        else Status.COMPLEMENTARY
    )
    about = next((f.about for g in groups for f in g if f.about), groups[0][0].noun)
    return Fact(FactKind.FIGURE, about, status, claims)


def _range(figure: Figure, converted: bool = False) -> _Range:
    v = figure.value
    # A figure stands for what rounds to it, in the unit it was written in: "1.5 million"
    # for 1,450,000 to 1,550,000, "130 pounds" for 129.5 to 130.5 pounds. Compared with a
    # figure written in another unit ("6 miles" and "10 km") it gets the slack of a
    # conversion as well.
    # An age is written exactly: a 50-year-old is not 45 rounded to the ten.
    step = 1.0 if _is_age(figure.noun) else _rounding(v / figure.scale)
    half = step / 2 * figure.scale
    if step > 1:  # trailing zeros: "100" is within a tenth of it, not anything from 50 to 150
        half = min(half, v * ROUNDED)
    if converted:
        half = max(half, v * CONVERTED)
    half = max(half, figure.spread)
    match figure.approx:
        case "about":
            half = max(half, v * ABOUT)
            return _Range(v - half, v + half)
        case "nearly":
            return _Range(v * 0.85, v + half)
        case "more than":
            return _Range(v, math.inf)
        case "at least" if _open(figure):
            return _Range(v, math.inf)
        case "at most" | "less than":
            return _Range(0.0, v + half)
        case _:  # "exact" and "at least" (see the module's docstring)
            return _Range(v - half, v + half)


def _open(figure: Figure) -> bool:
    """A bound and no count: "more than 100", "fewer than 10", and "at least one", which
    says only that there were some ("searching for at least one suspect"), where "at
    least three" is a count (see the module's docstring)."""
    if figure.approx is Approx.AT_LEAST:
        return figure.value <= 1
    return figure.approx in (Approx.MORE_THAN, Approx.AT_MOST, Approx.LESS_THAN)


def _rounding(value: float) -> float:
    """10 for 130, 100 for 3,200: the step a figure was rounded to (1 for 129; a tenth of
    the last digit for 2.4)."""
    if value <= 0:
        return 0.0
    if value != int(value):
        decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
        return 10.0**-decimals
    step, number = 1, int(value)
    while number % 10 == 0:
        step, number = step * 10, number // 10
    return float(step)


def _overlap(a: Figure, b: Figure) -> bool:
    """Ranges that share more than an end: $972,814 and $972,815 only touch at .5."""
    converted = a.scale != b.scale
    ra, rb = _range(a, converted), _range(b, converted)
    return a.value == b.value or (ra.low < rb.high and rb.low < ra.high)
