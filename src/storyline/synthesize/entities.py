"""One canonical entity per person, organisation or place across the sources.

No installed library aligns names across documents without a knowledge base to link to
(spaCy's entity linker needs one trained per domain), so the rules are ours, each
conservative, and each merge needs the text or a short list to support it:

* the same name once accents, case, "the", dots, a possessive and middle initials are set
  aside (Susana D. Gonzalez / Susana Gonzalez);
* the same spelling once a final "h", doubled letters and spaces are set aside (Raqqa /
  Raqqah, Van Wert / VanWert), for names of four letters or more;
* people's names alike letter by letter, word for word (Morsi / Mursi);
* initials, written in capitals: "IS" is "Islamic State", "ISIL" is "Islamic State of
  Iraq and the Levant";
* a person's name inside a longer one is that person (Comedian Ellen DeGeneres, a
  headline's "Lindsay Lohan Checks Into Rehab"), unless the longer one also holds another;
* one word is the longer name it begins or ends, when it is the only one or the one of
  nearly all mentions: a surname or first name (Hollande), an organisation's first or last
  word (Kleiner, Colts); a name is the one longer name it begins (Kleiner Perkins);
* a title the text gives a person ("French President Francois Hollande") names them
  elsewhere ("the French president");
* names listed together in ``data/aliases.tsv`` (Daesh / Islamic State).

Names the recogniser found are also looked for where it did not read or missed them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from storyline.annotate.entities import without_opener, without_title
from storyline.lexicon import LEADING_THE, plain, titles_pattern
from storyline.model import Annotated, Entity, Mention
from storyline.synthesize.disjoint import DisjointSets
from storyline.synthesize.source import source_of

_KIND = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
DOMINANT = 0.8  # the share of a word's longer names' mentions one of them needs
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "la", "le", "&"})
# Capitalised words right before a surname: "Ellen " in "Ellen Pao" (a title before them
# is left out: annotate.entities.without_title).
_GIVEN_NAME = re.compile(r"(?<![\w.])(?:[A-Z][a-z]+\.? ){1,2}$")
# Precompiled: pysbd and quantulum3 compile so many patterns that re's own cache of 512
# keeps being emptied, and these run once per mention.
_POSSESSIVE = re.compile(r"['’]s$")
# Words of place names written short, each with one reading ("St" is Saint or Street).
_SHORT_FOR = {"mt": "mount", "mtn": "mountain", "ft": "fort"}
_FINAL_H = re.compile(r"h\b")
_DOUBLED = re.compile(r"(\w)\1+")
_GAPS = re.compile(r"[\s-]+")
_PARENTHESISED = re.compile(r"\s*\(([A-Z]{2,6})\)")
# The role a text gives the person named next ("French President " before "François
# Hollande"): a title (storyline.lexicon, in either case) amid capitalised words.
_ROLE = re.compile(
    r"((?:[A-Z][\w-]*\s+){0,3}" + f"(?i:{titles_pattern()})" + r"(?:\s+[A-Z][\w-]*){0,2})\s+$"
)


def unify(story: Annotated) -> tuple[tuple[Entity, ...], dict[Mention, int]]:
    """The story's entities (most widely reported first) and each mention's entity."""
    roles = _role_mentions(story)
    mentions = list(story.mentions) + list(roles) + _unmarked(story)
    if not mentions:
        return (), {}
    keys = {m: _key(m.text) for m in mentions}
    distinct = sorted(set(keys.values()))
    groups = DisjointSets(distinct)
    _by_spelling(distinct, groups)
    _by_initials(distinct, groups, {keys[m] for m in mentions if _in_capitals(m.text)})
    _by_inner({keys[m] for m in mentions if m.label == "PERSON"}, distinct, groups)
    _by_part(mentions, keys, groups)
    _by_transliteration(mentions, keys, groups)
    _by_list(distinct, groups)
    for mention, person in roles.items():
        groups.union(keys[mention], person)
    members: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        members[groups.find(keys[mention])].append(mention)
    entities = []
    for group in members.values():
        named = [m for m in group if m not in roles]
        if named:
            entities.append((group, _entity(story, group, named)))
    entities.sort(key=lambda e: (-len({s.article for s in e[1].sources}), -len(e[1].sources)))
    index = {m: i for i, (group, _) in enumerate(entities) for m in group}
    return tuple(e for _, e in entities), index


def _entity(story: Annotated, group: list[Mention], named: list[Mention]) -> Entity:
    labels = Counter(_KIND.get(m.label, "PLACE") for m in named)
    forms = Counter(_surface(m.text) for m in named)
    canonical = _listed_name(forms) or max(
        forms, key=lambda f: (len(f.split()) <= 4, len(f.split()), forms[f], -len(f), f)
    )
    aliases = sorted({_surface(m.text) for m in group} - {canonical})
    sources = tuple(
        source_of(story, m.article, m.start, m.end)
        for m in sorted(group, key=lambda m: (m.article, m.start))
    )
    return Entity(canonical, labels.most_common(1)[0][0], tuple(aliases), sources)


def _unmarked(story: Annotated) -> list[Mention]:
    """Names the NER tagged somewhere, found again where it did not: in sentences it did
    not read (annotate/nlp.py) or missed. Also initials given in parentheses ("Islamic State
    (IS)") and the listed other names of a found entity of four letters or more."""
    names = _known_names(story)
    if not names:
        return []
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken = {(m.article, i) for m in story.mentions for i in range(m.start, m.end)}
    found = []
    for a, article in enumerate(story.articles):
        for match in pattern.finditer(article.text):
            if (a, match.start()) in taken or (a, match.end() - 1) in taken:
                continue
            name, start = match.group(1), match.start()
            label = names[name]
            if label == "PERSON" and " " not in name:  # "Ellen Pao" where only "Pao" was seen
                given = _GIVEN_NAME.search(article.text, max(start - 40, 0), start)
                if given and given.end() == start:
                    full = article.text[given.start() : match.end()]
                    start = match.end() - len(without_title(without_opener(full)))
            found.append(
                Mention(a, -1, start, match.end(), article.text[start : match.end()], label)
            )
    return found


def _known_names(story: Annotated) -> dict[str, str]:
    """Every name worth looking for again, with its label: as tagged, a person's surname,
    initials given in parentheses, and the listed other names of a tagged entity."""
    names: dict[str, str] = {}
    for m in story.mentions:
        names.setdefault(_surface(m.text), m.label)
        words = _surface(m.text).split()
        if m.label == "PERSON" and len(words) > 1 and len(words[-1]) >= 3:
            names.setdefault(words[-1], m.label)  # "Hollande" after "François Hollande"
        text = story.articles[m.article].text
        initials = _PARENTHESISED.match(text, m.end)
        if initials and initials.group(1) in _initials(_key(m.text)):
            names.setdefault(initials.group(1).strip(), m.label)
    listed = _listed()
    for name, label in list(names.items()):
        canonical = listed.get(_key(name))
        if canonical:
            for other, key in _listed_forms().get(canonical, ()):
                if len(key) >= 4:
                    names.setdefault(other, label)
    return {n: label for n, label in names.items() if len(n) >= 2}


def _role_mentions(story: Annotated) -> dict[Mention, str]:
    """ "the French president" wherever the text has called one person "French President",
    with the key of that person's name."""
    roles: dict[str, set[str]] = defaultdict(set)
    for m in story.mentions:
        if m.label != "PERSON":
            continue
        text = story.articles[m.article].text
        given = _ROLE.search(text[max(m.start - 60, 0) : m.start])
        if given:
            roles[given.group(1).lower()].add(_key(m.text))
    found = {}
    for role, people in roles.items():
        if len(people) != 1 or len(role.split()) < 2:
            continue  # "the president" alone could be anyone's
        pattern = re.compile(rf"\bthe {re.escape(role)}\b", re.IGNORECASE)
        (person,) = people
        for i, article in enumerate(story.articles):
            for match in pattern.finditer(article.text):
                start = match.start() + 4
                words = article.text[start : match.end()]
                found[Mention(i, -1, start, match.end(), words, "PERSON")] = person
    return found


def _key(name: str) -> str:
    name = plain(name)
    name = _POSSESSIVE.sub("", name).replace(".", "").replace("’", "'")
    name = LEADING_THE.sub("", name)
    words = [_SHORT_FOR.get(w, w) for w in name.split()]  # "Mt Cook" is "Mount Cook"
    if len(words) > 2:  # "Susana D. Gonzalez" is "Susana Gonzalez"
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def _surface(name: str) -> str:
    return LEADING_THE.sub("", name).strip()


def _spelling(key: str) -> str:
    """Raqqa / Raqqah, Van Wert / VanWert, ABC 7 / ABC7: the same once a final "h",
    doubled letters and spaces or hyphens are set aside."""
    key = _FINAL_H.sub("", key)
    key = _DOUBLED.sub(r"\1", key)
    return _GAPS.sub("", key)


def _by_spelling(keys: Iterable[str], groups: DisjointSets[str]) -> None:
    seen: dict[str, str] = {}
    for key in keys:
        if len(key) < 4:
            continue
        spelled = _spelling(key)
        if spelled in seen:
            groups.union(seen[spelled], key)
        else:
            seen[spelled] = key


def _in_capitals(name: str) -> bool:
    return name.replace(".", "").isupper()


def _initials(key: str) -> set[str]:
    """Upper-case initials of a multi-word name, with and without its "of", "the"."""
    words = key.split()
    if len(words) < 2:
        return set()
    content = "".join(w[0] for w in words if w not in _FUNCTION_WORDS)
    return {content.upper(), "".join(w[0] for w in words).upper()}


def _by_initials(keys: list[str], groups: DisjointSets[str], capitals: set[str]) -> None:
    """ "IS" is "Islamic State"; initials are written in capitals ("Sr" is no "Santa
    Rosa")."""
    short = {k for k in keys if " " not in k and 2 <= len(k) <= 6 and k in capitals}
    for key in keys:
        for initials in {i.lower() for i in _initials(key)} & short:
            groups.union(initials, key)


def _by_part(mentions: list[Mention], keys: dict[Mention, str], groups: DisjointSets[str]) -> None:
    """A one-word name is the longer name it begins or ends: a person's surname or
    first name ("Pao", "Ellen"), an organisation's first word ("Kleiner" for Kleiner
    Perkins); the one nearly all mentions of longer names with it are (``DOMINANT``), never
    when two share it (the Chapa family). Longer names already made one (``_by_inner``)
    count as one."""
    parts: dict[str, Counter[str]] = defaultdict(Counter)
    heads: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        words = keys[m].split()
        if len(words) < 2:
            continue
        if m.label == "PERSON" and _FUNCTION_WORDS.isdisjoint(words):  # "Olgin of Ingleside"
            parts[words[-1]][groups.find(keys[m])] += 1
            parts[words[0]][groups.find(keys[m])] += 1
        elif m.label == "ORG":
            heads[words[0]][keys[m]] += 1
            heads[words[-1]][keys[m]] += 1
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        kinds[keys[m]][_KIND.get(m.label, "PLACE")] += 1
    places = {key for key, kind in kinds.items() if kind.most_common(1)[0][0] == "PLACE"}
    for m in mentions:
        key = keys[m]
        if " " in key:
            continue
        if m.label == "ORG" and (org := _dominant(heads.get(key))) is not None:
            groups.union(key, org)  # an organisation's: not "Kenya" the country's
        elif key in places:
            continue  # "Kenya" the country is no "Kenya Wildflife Serive" read as a person
        elif (person := _dominant(parts.get(key))) is not None:  # any label: "Pao" an ORG
            groups.union(key, person)
    _by_prefix([keys[m] for m in mentions if m.label == "ORG"], groups)


def _dominant(names: Counter[str] | None) -> str | None:
    """The longer name a word stands for: the only one, or the one of nearly all the
    mentions ("Hugh Jackman" 13 times, "Having Jackman" once); none where two people
    share it."""
    if not names:
        return None
    (top, n), *rest = names.most_common()
    return top if n >= DOMINANT * (n + sum(c for _, c in rest)) else None


def _by_inner(people: set[str], keys: list[str], groups: DisjointSets[str]) -> None:
    """ "comedian ellen degeneres" and "lindsay lohan checks into rehab" are "ellen
    degeneres" and "lindsay lohan": a person's name of two words or more that begins or
    ends another person's (words the recogniser took in from the sentence or a headline in
    capitals, or a middle name), or ends a name of another kind (typed from its first
    word, "Comedian"; one it begins is named after them, "the Ellen DeGeneres Show"). Not
    a name that begins with one and ends with another: "mark felt santa rosa" joins
    nobody."""
    for long in keys:
        words = long.split()
        ends = [" ".join(words[-size:]) for size in range(2, len(words))]
        if long in people:
            ends += [" ".join(words[:size]) for size in range(2, len(words))]
        inner = {short for short in ends if short in people}
        if inner and all(a in b or b in a for a in inner for b in inner):
            for short in inner:
                groups.union(short, long)


def _by_prefix(orgs: list[str], groups: DisjointSets[str]) -> None:
    """ "Kleiner Perkins" is "Kleiner Perkins Caufield & Byers" when it begins no other."""
    distinct = sorted(set(orgs))
    for short in distinct:
        longer = [k for k in distinct if k != short and k.startswith(short + " ")]
        if len(short.split()) > 1 and len(longer) == 1:
            groups.union(short, longer[0])


def _by_transliteration(
    mentions: list[Mention], keys: dict[Mention, str], groups: DisjointSets[str]
) -> None:
    """Morsi / Mursi, Mohamed / Mohammed: people's names whose words are alike letter by
    letter (difflib ratio >= 0.8, same first letter, five letters or more)."""
    people = sorted({keys[m] for m in mentions if m.label == "PERSON"})
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            wa, wb = a.split(), b.split()
            if len(wa) == len(wb) and all(_alike(x, y) for x, y in zip(wa, wb, strict=True)):
                groups.union(a, b)


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    return a[0] == b[0] and min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.8


def _by_list(keys: Iterable[str], groups: DisjointSets[str]) -> None:
    listed = _listed()
    for key in keys:
        if key in listed:
            groups.union(key, _key(listed[key]))


def _listed_name(forms: Counter[str]) -> str | None:
    listed = _listed()
    for form in forms:
        if _key(form) in listed:
            return listed[_key(form)]
    return None


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``data/aliases.tsv``: (canonical name, every name it goes by, itself included)."""
    text = resources.files("storyline").joinpath("data/aliases.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, *others = line.split("\t")
            rows.append((canonical, (canonical, *others)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _listed() -> dict[str, str]:
    """Every listed name's key → its canonical name."""
    return {_key(name): canonical for canonical, names in _table() for name in names}


@lru_cache(maxsize=1)
def _listed_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Canonical name → every listed name with its key."""
    return {canonical: tuple((n, _key(n)) for n in names) for canonical, names in _table()}
