"""Entity mentions from spaCy's NER, kept only where they are names of people,
organisations or places (the three kinds a brief unifies across sources)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from storyline.annotate.nlp import Parsed
from storyline.lexicon import NEVER_OPEN_A_NAME, titles_pattern
from storyline.model import Mention

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# The French pipeline's labels as the English one's: its places are mostly countries and
# cities, and its MISC (events, works, nationalities) is none of the three.
_FRENCH_LABELS = {"PER": "PERSON", "LOC": "GPE"}
# A French article the recogniser keeps in a place's name ("la France", "l'Élysée").
_ARTICLE = re.compile(r"^(?:la|le|les|l['’])\s*(?=[A-ZÀ-Ý])")
MAX_CHARS = 60  # longer "names" are the NER running over a headline or a list
# A title at the start of a person's name: a form of address ("Dr.", "Sen") or one of the
# titles storyline.lexicon shares with the roles of synthesize/entities.py ("Mayor").
_ADDRESS = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Sgt|Col|Capt|Prof)\.?"
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
    found = []
    for ent in piece.doc.ents:
        text = ent.text.strip(" '\"“”‘’.,;:«»")
        label = ent.label_
        if piece.lang == "fr":
            label = _FRENCH_LABELS.get(label, label)
            text = _ARTICLE.sub("", text)
        else:
            text = without_opener(text)
        if label in LABELS and _titled(text):  # "Councillor Ada Brisk", tagged ORG
            label = "PERSON"
        if label == "PERSON":  # "Mayor Tomas Reyne" is Tomas Reyne
            text = without_title(text)
        if label not in LABELS or not text or len(text) > MAX_CHARS:
            continue
        if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
            continue  # names are capitalised; "he" or "10" tagged as a name is noise
        start = piece.start + ent.start_char + ent.text.find(text)
        found.append(Mention(piece.article, piece.sentence, start, start + len(text), text, label))
    return found


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
