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
