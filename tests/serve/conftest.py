"""The server's fixture: one app over a store of the example stories per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from helpers import EXAMPLES, TOKEN
from storyline.run.ingest import ingest
from storyline.serve import create_app
from storyline.store import Store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("serve") / "store.db"
    with Store(db) as store:
        ingest([EXAMPLES], store)
    with TestClient(create_app(db, token=TOKEN, max_body=200_000)) as c:
        yield c
