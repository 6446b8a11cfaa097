"""Names found in a sentence (annotate/entities.py): a title is not part of a name."""

from __future__ import annotations

import pytest

from storyline.annotate.entities import without_title


@pytest.mark.parametrize(
    ("written", "name"),
    [("Chancellor Mara Velden", "Mara Velden"), ("Secretary of State Ana Ruiz", "Ana Ruiz")],
)
def test_one_list_of_titles_strips_names(written: str, name: str) -> None:
    """The titles stripped from a name and those read as a role were two lists that had
    drifted: "Sheriff" was stripped but never a role, "Chancellor" a role but never
    stripped (the roles: tests/synthesize/test_entities.py)."""
    assert without_title(written) == name


def test_a_name_is_typed_as_most_of_its_mentions_in_one_article() -> None:
    from storyline.annotate.entities import consistent
    from storyline.model import Mention

    found = [
        Mention(0, 0, 0, 5, "Raqqa", "GPE"),
        Mention(0, 1, 20, 25, "Raqqa", "ORG"),
        Mention(0, 2, 40, 45, "Raqqa", "GPE"),
        Mention(1, 3, 0, 5, "Raqqa", "ORG"),  # another article: its own reading
        Mention(0, 4, 60, 66, "Halden", "GPE"),
        Mention(0, 5, 80, 86, "Halden", "ORG"),  # a tie: each keeps its own
    ]
    assert [m.label for m in consistent(found)] == ["GPE", "GPE", "GPE", "ORG", "GPE", "ORG"]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # spaCy: ORG. A surname alone, after the full name in the same article.
        ("Councillor Mara Quell spoke on Monday. Quell said the harbour would reopen in 2027.",
         "Quell", "PERSON"),
        # spaCy: ORG. "the town of ..." names a place.
        ("Officials in the town of Varnley said 12 homes flooded on Tuesday.", "Varnley", "GPE"),
        # spaCy: ORG. A name with an age after it is a person's.
        ("Tobin Ashgrove, 54, was elected on Monday.", "Tobin Ashgrove", "PERSON"),
    ],
)  # fmt: skip
def test_the_type_model_corrects_what_spacy_reads_from_too_few_words(
    text: str, name: str, label: str
) -> None:
    """annotate/entity_types.py: what spaCy called each of these names is wrong, and the
    model that sees the article (the full name it is part of, "the town of", the age)
    types it right."""
    from helpers import annotated

    assert {m.label for m in annotated(text).mentions if m.text == name} == {label}


def test_a_place_spacy_called_a_facility_stays_one_and_a_retyped_place_is_a_gpe() -> None:
    from storyline.annotate.entity_types import retyped
    from storyline.model import Mention

    text = "The ferry sailed from Harwick Pier to Osslo."
    pier = Mention(0, 0, 22, 33, "Harwick Pier", "FAC")
    port = Mention(0, 0, 37, 42, "Osslo", "ORG")
    assert [m.label for m in retyped([pier, port], text)] == ["FAC", "GPE"]
