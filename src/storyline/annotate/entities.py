"""Entity mentions from spaCy's NER, kept only where they are names of people,
organisations or places (the three kinds a brief unifies across sources)."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.model import Mention, Sentence

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
MAX_CHARS = 60  # longer "names" are the NER running over a headline or a list


def mentions(sentence: Sentence, index: int, doc: Doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        text = ent.text.strip(" '\"“”‘’.,;:")
        if ent.label_ not in LABELS or not text or len(text) > MAX_CHARS:
            continue
        if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
            continue  # names are capitalised; "he" or "10" tagged as a name is noise
        start = sentence.start + ent.start_char + ent.text.find(text)
        found.append(Mention(sentence.article, index, start, start + len(text), text, ent.label_))
    return found
