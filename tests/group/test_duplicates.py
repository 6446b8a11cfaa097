"""A copy of a stored article (group/duplicates.py): linked to its original with its
kind, in SQLite and PostgreSQL, and left out of the story's brief."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import EXAMPLES, write
from storyline.run.ingest import ingest
from storyline.store import Store


def test_copies_are_linked_to_their_original(tmp_path: Path, store_url: str) -> None:
    story = EXAMPLES / "harbour-bridge"
    text = next(story.glob("*.txt")).read_text(encoding="utf-8")
    copies = tmp_path / "copies"
    write(copies / "same.jsonl", json.dumps({"outlet": "Echo Daily", "text": text}) + "\n")
    edited = text.replace("city officials said", "officials told reporters") + "\nMore soon."
    write(copies / "edited.jsonl", json.dumps({"outlet": "Wire Relay", "text": edited}) + "\n")
    with Store(store_url) as store:
        ingest([story], store)
        report = ingest([copies], store)
        assert (report.stored, report.copies) == (2, 2)
        (row,) = store.stories()
        _, members = store.story(row.id)  # type: ignore[misc]
        kinds = {m.outlet: m.duplicate.kind for m in members if m.duplicate}
        assert kinds == {"Echo Daily": "exact", "Wire Relay": "wire"}
        assert len(store.articles_of(row.id)) == 3  # a brief reads the originals only
