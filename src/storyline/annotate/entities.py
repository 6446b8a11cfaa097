"""Entity mentions from spaCy's NER, kept only where they are names of people,
organisations or places (the three kinds a brief unifies across sources)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import replace
from itertools import groupby

from storyline.annotate.name_finder import lower_words
from storyline.annotate.name_finder import names as find_names
from storyline.annotate.nlp import Parsed
from storyline.lexicon import LEADING_THE, NEVER_OPEN_A_NAME, titles_pattern
from storyline.model import Mention, Sentence

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# The French pipeline's labels as the English one's: its places are mostly countries and
# cities, and its MISC (events, works, nationalities) is none of the three.
_FRENCH_LABELS = {"PER": "PERSON", "LOC": "GPE"}
# A French article the recogniser keeps in a place's name ("la France", "l'Élysée").
_ARTICLE = re.compile(r"^(?:la|le|les|l['’])\s*(?=[A-ZÀ-Ý])")
# The finder's kinds as the recogniser's labels; its MISC is none of the three.
_AS_SPACY = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
MAX_CHARS = 60  # longer "names" are the NER running over a headline or a list
# A title at the start of a person's name: a form of address ("Dr.", "Sen") or one of the
# titles storyline.lexicon shares with the roles of synthesize/entities.py ("Mayor").
_ADDRESS = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Sgt|Col|Capt|Prof)\.?"
# A name that ends in a title is a role: the finder reads the capitals, not the words.
_ROLE = re.compile(rf"(?<!\S)(?:{_ADDRESS}|{titles_pattern()})$")
_TITLE_PREFIX = re.compile(rf"^(?:{_ADDRESS}|{titles_pattern()})\s+(?=[A-Z])")


def without_title(name: str) -> str:
    return _TITLE_PREFIX.sub("", name)


def without_opener(text: str) -> str:
    """The name without the sentence's first word the recogniser took into it ("Although
    Gupta" is Gupta)."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in NEVER_OPEN_A_NAME else text


def _titled(text: str) -> bool:
    """A title before one to three capitalised words is a person's name, whatever spaCy
    called it ("Councillor Ada Brisk" came out an organisation)."""
    rest = without_title(text)
    words = rest.split()
    return rest != text and 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def mentions(piece: Parsed) -> list[Mention]:
    found = (
        mention(
            piece.article, piece.sentence, piece.start + e.start_char, e.text, e.label_, piece.lang
        )
        for e in piece.doc.ents
    )
    return [m for m in found if m is not None]


def mention(
    article: int, sentence: int, at: int, raw: str, label: str, lang: str
) -> Mention | None:
    """A recognised name at offset ``at`` of its article, as a brief unifies it (its
    quotes, a title or a sentence's opener taken off); None when it is none of the three
    kinds or no name at all."""
    text = raw.strip(" '\"“”‘’.,;:«»")
    if lang == "fr":
        label = _FRENCH_LABELS.get(label, label)
        text = _ARTICLE.sub("", text)
    else:
        text = without_opener(text)
    if label in LABELS and _titled(text):  # "Councillor Ada Brisk", tagged ORG
        label = "PERSON"
    if label == "PERSON":  # "Mayor Tomas Reyne" is Tomas Reyne
        text = without_title(text)
    if label not in LABELS or not text or len(text) > MAX_CHARS:
        return None
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return None  # names are capitalised; "he" or "10" tagged as a name is noise
    start = at + raw.find(text)
    return Mention(article, sentence, start, start + len(text), text, label)


def found_names(sentences: Sequence[Sentence], texts: Mapping[int, str]) -> list[Mention]:
    """The names annotate/name_finder.py finds in the sentences of the articles whose
    text ``texts`` holds (by article index)."""
    out = []
    lowered = {a: lower_words(text) for a, text in texts.items()}
    story = frozenset().union(*lowered.values())
    for a, group in groupby(enumerate(sentences), key=lambda pair: pair[1].article):
        if a not in texts:
            continue
        own = list(group)
        found = find_names([s.text for _, s in own], lowered[a], story)
        for (i, s), names in zip(own, found, strict=True):
            for n in names:
                raw = s.text[n.start : n.end]
                if _ROLE.search(raw):
                    continue  # "Mayor", "County Sheriff": a role, its holder named apart
                if m := mention(a, i, s.start + n.start, raw, _AS_SPACY[n.kind], "en"):
                    out.append(m)
    return out


def added(
    read: Sequence[Mention],
    found: Sequence[Mention],
    texts: Mapping[int, str],
    edges: Set[tuple[int, int]] = frozenset(),
) -> list[Mention]:
    """The recogniser's names, and the finder's that overlap none of them nor stand
    inside a longer name the recogniser read anywhere in the story ("Gulf" and "Aden" in
    "the Gulf of Aden", which synthesize/entities.py then finds whole), in text order
    within each article. Where the recogniser's name begins or ends at an edge of what it
    read (``edges``: article, offset) and the finder's holds it, the finder's stands: "said
    Ilse Maren, a teacher ... her two children" read from "Maren"."""
    read = [m for m in read if not _cut(m, found, edges)]
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in read:
        taken[m.article].append((m.start, m.end))
    longer = sorted(
        {LEADING_THE.sub("", m.text) for m in read if " " in m.text}, key=len, reverse=True
    )
    around: dict[int, list[tuple[int, int]]] = defaultdict(list)
    if longer:
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, longer)) + r")(?![\w-])")
        for a in {m.article for m in found}:
            around[a] = [match.span() for match in pattern.finditer(texts[a])]
    new = [
        m
        for m in found
        if not any(s < m.end and m.start < e for s, e in taken[m.article])
        and not any(s <= m.start and m.end <= e for s, e in around[m.article])
    ]
    return sorted([*read, *new], key=lambda m: (m.article, m.start))


def _cut(m: Mention, found: Sequence[Mention], edges: Set[tuple[int, int]]) -> bool:
    if (m.article, m.start) not in edges and (m.article, m.end) not in edges:
        return False
    return any(
        f.article == m.article and f.start <= m.start and m.end <= f.end and f.text != m.text
        for f in found
    )


def consistent(found: Sequence[Mention]) -> list[Mention]:
    """Each name typed as most of its mentions in its article are: spaCy reads a name
    sentence by sentence and calls "Raqqa" a place in one and an organisation in the
    next; one article means one thing by one name. Ties keep each mention's own type."""
    votes: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for m in found:
        votes[(m.article, m.text)][m.label] += 1
    out = []
    for m in found:
        (top, n), *rest = votes[(m.article, m.text)].most_common()
        out.append(replace(m, label=top) if not rest or n > rest[0][1] else m)
    return out
