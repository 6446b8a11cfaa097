"""Entity mentions from spaCy's NER, kept only where they are names of people,
organisations or places (the three kinds a brief unifies across sources)."""

from __future__ import annotations

import re

from storyline.annotate.nlp import Parsed
from storyline.lexicon import titles_pattern
from storyline.model import Mention

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
MAX_CHARS = 60  # longer "names" are the NER running over a headline or a list
# A title at the start of a person's name: a form of address ("Dr.", "Sen") or one of the
# titles storyline.lexicon shares with the roles of synthesize/entities.py ("Mayor").
_ADDRESS = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Sgt|Col|Capt|Prof)\.?"
_TITLE_PREFIX = re.compile(rf"^(?:{_ADDRESS}|{titles_pattern()})\s+(?=[A-Z])")


def without_title(name: str) -> str:
    return _TITLE_PREFIX.sub("", name)


def mentions(piece: Parsed) -> list[Mention]:
    found = []
    for ent in piece.doc.ents:
        text = ent.text.strip(" '\"“”‘’.,;:")
        if ent.label_ == "PERSON":  # "Mayor Tomas Reyne" is Tomas Reyne
            text = without_title(text)
        if ent.label_ not in LABELS or not text or len(text) > MAX_CHARS:
            continue
        if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
            continue  # names are capitalised; "he" or "10" tagged as a name is noise
        start = piece.start + ent.start_char + ent.text.find(text)
        found.append(
            Mention(piece.article, piece.sentence, start, start + len(text), text, ent.label_)
        )
    return found
