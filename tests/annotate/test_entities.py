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


def test_a_name_far_from_any_figure_is_found_at_the_default_depth() -> None:
    """spaCy reads only the words around figures and dates at the default depth; the name
    finder (annotate/name_finder.py) reads the capitalised words everywhere else."""
    from helpers import annotated

    text = "Ada Brisk thanked the volunteers of Varnley. Nobody from the Orlen Trust came."
    found = {(m.text, m.label) for m in annotated(text).mentions}
    assert {("Ada Brisk", "PERSON"), ("Varnley", "GPE")} <= found
    assert "Nobody" not in {name for name, _ in found}


def test_a_headline_in_title_case_names_only_its_names() -> None:
    """In "Varnley Woman Killed In Crash" every word is capitalised: a word the article
    (or news at large) writes in lower case is in no name."""
    from helpers import annotated

    text = "Varnley Woman Killed In Crash\nA woman was killed when her car left the road."
    assert [m.text for m in annotated(text).mentions] == ["Varnley"]


def test_a_role_the_finder_reads_is_no_name() -> None:
    """ "County Sheriff" is capitalised like a name, and is the title of one."""
    from helpers import annotated

    text = "The County Sheriff thanked Dana Okafor for her help."
    assert [m.text for m in annotated(text).mentions] == ["Dana Okafor"]


def test_a_found_name_inside_a_longer_recognised_one_is_left_to_it() -> None:
    """The finder's "Gulf" in "the Gulf of Varn", a name the recogniser read in another
    article, is dropped (synthesize/entities.py finds the whole name there); a finder
    name holding a recognised one ("Sandby Harbour Rovers" round "Sandby Harbour") stays."""
    from storyline.annotate.entities import added
    from storyline.model import Mention

    texts = {
        0: "Ships crossed the Gulf of Varn near Sandby Harbour.",
        1: "In the Gulf of Varn, Sandby Harbour Rovers won.",
    }
    read = [
        Mention(0, 0, 14, 30, "the Gulf of Varn", "LOC"),
        Mention(0, 0, 36, 50, "Sandby Harbour", "GPE"),
    ]
    found = [
        Mention(1, 1, 7, 11, "Gulf", "LOC"),
        Mention(1, 1, 21, 42, "Sandby Harbour Rovers", "ORG"),
    ]
    for m in [*read, *found]:
        assert texts[m.article][m.start : m.end] == m.text
    kept = added(read, found, texts)
    assert [m.text for m in kept if m.article == 1] == ["Sandby Harbour Rovers"]


def test_a_name_cut_by_the_edge_of_what_spacy_read_is_found_whole() -> None:
    """spaCy reads eight words either side of "two": from "Maren"; the finder's "Ilse
    Maren" holds its name, and stands."""
    from helpers import annotated

    text = '"It cracked," said Ilse Maren, a teacher who was crossing with her two children.'
    assert [m.text for m in annotated(text).mentions if m.label == "PERSON"] == ["Ilse Maren"]


def test_a_word_the_story_writes_in_lower_case_is_no_name_alone() -> None:
    """ "Hospital" after "St Ria's" (tagged apart from it) is no place of its own where
    the story also writes "the hospital"."""
    from helpers import annotated

    found = annotated(
        "The injured were taken to St Ria's Hospital.", "A spokesperson for the hospital spoke."
    )
    assert "Hospital" not in {m.text for m in found.mentions}
