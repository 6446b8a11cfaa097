"""The order of an ingest (run/ingest.py): the example stories grouped, the same input
stored once, and the state of a new process rebuilt by replay to the same decisions."""

from __future__ import annotations

from pathlib import Path

from helpers import EXAMPLES, rows, write_stream
from storyline.run.ingest import ingest
from storyline.store import Store


def test_examples_become_three_stories_and_reingest_changes_nothing(store_url: str) -> None:
    with Store(store_url) as store:
        first = ingest([EXAMPLES], store)
        before = rows(store)
        again = ingest([EXAMPLES], store)
        assert rows(store) == before
    assert (first.stored, first.new_stories, first.problems) == (9, 3, [])
    assert (again.stored, again.already) == (0, 9)
    assert before["counts"] == {"articles": 9, "copies": 0, "stories": 3}
    for _, members in before["stories"].values():
        assert len(members) == 3


def test_replay_rebuilds_the_same_decisions(tmp_path: Path, store_url: str) -> None:
    corpus = tmp_path / "stream"
    write_stream(corpus, 30)
    files = sorted(corpus.iterdir())
    with Store(tmp_path / "whole.db") as whole:
        ingest(files, whole)
        expected = rows(whole)
    with Store(store_url) as parts:
        ingest(files[:2], parts)
    with Store(store_url) as parts:  # a new process: state rebuilt by replay
        ingest(files, parts)
        assert rows(parts) == expected
    assert expected["counts"]["stories"] == 30
