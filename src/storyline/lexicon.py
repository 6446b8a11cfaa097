"""Word lists that more than one stage reads, each written once.

Two copies of a list drift apart: the fast fact depth read around fewer verbs of saying
than the quote finder looked for, so at ``fast`` a quote ending "…," the mayor warned" had
no speaker. A list that two stages must agree on lives here; a stage that needs a
different list says so beside the shared one.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Verbs of saying: a quote has a speaker when one stands near it (annotate/quotes.py), so
# the fast depth reads the words around them in a sentence with a quote (annotate/nlp.py).
SAYING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|wrote|writes|stated|explained|"
    r"according to|read the statement|announced|declared|insisted|warned|noted)\b",
    re.IGNORECASE,
)

# Titles written before a person's name ("Mayor Tomas Reyne", "French President François
# Hollande", "Secretary of State John Kerry"): annotate/entities.py strips them from the
# name, synthesize/entities.py reads them as the role that names the person elsewhere.
TITLES = (
    "President",
    "Prime Minister",
    "Minister",
    "Chancellor",
    "Secretary",
    "Governor",
    "Mayor",
    "Senator",
    "Judge",
    "Chief",
    "Director",
    "CEO",
    "Spokesman",
    "Spokeswoman",
    "Commander",
    "Ambassador",
    "Officer",
    "Detective",
    "Sheriff",
    "King",
    "Queen",
    "Pope",
    "Prince",
    "Princess",
    "Sir",
    "Lord",
    "Lady",
)


def titles_pattern() -> str:
    """Any of ``TITLES`` with what it is of ("Minister of Defence"), longest first so
    "Prime Minister" is not read as "Prime" and "Minister"."""
    names = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    return rf"(?:{names})(?: of [A-Z]\w+)?"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English function words ("the", "of", "whereas"), scikit-learn's list: what two
    sentences share once these are set aside is what they say (synthesize/overlap.py), and
    TF-IDF weighs only the rest (annotate/vectors.py). Imported when first asked for:
    scikit-learn takes a second to load."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """jusText's English stop list, which differs from ``stop_words`` on purpose: besides
    function words it holds the commonest words of English text ("said", "people", "year",
    "government"). The cleaner's stop-word density is jusText's own measure, read with
    its list (clean/lines.py); the grouping's event terms (group/features.py) leave these
    words out too: they name no event in particular."""
    import justext

    return frozenset(justext.get_stoplist("English"))
