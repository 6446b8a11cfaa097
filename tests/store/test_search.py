"""The read queries and the two dialects of search (store/read.py, store/search.py), run
against SQLite and a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import EXAMPLES
from storyline.run.ingest import ingest
from storyline.store import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A store of each kind holding the example stories."""
    with Store(store_url) as store:
        ingest([EXAMPLES], store)
        yield store


@pytest.mark.slow
def test_search_works_in_postgresql(store: Store) -> None:
    rows, total = store.page(10, query="footbridge harbour")
    assert total == 1 and "footbridge" in (rows[0].headline or "").casefold()


@pytest.mark.slow
def test_search_without_a_match_finds_nothing(store: Store) -> None:
    assert store.page(10, query="zzqxv") == ([], 0)


@pytest.mark.slow
def test_search_syntax_in_a_query_is_just_words(store: Store) -> None:
    assert store.page(10, query='harbour" (')[1] >= 1


@pytest.mark.slow
def test_a_page_holds_at_most_its_size_and_counts_them_all(store: Store) -> None:
    page, total = store.page(2)
    assert len(page) == 2 and total >= 3
