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
