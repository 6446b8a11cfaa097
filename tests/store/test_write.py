"""The one write of a batch (store/store.py's ``write``, store/write.py): a batch the server
committed just before the connection broke is found on the second try, not stored twice."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from helpers import EXAMPLES, assert_whole, new_database
from storyline.run.ingest import ingest
from storyline.store import Store


@pytest.mark.slow
def test_a_batch_committed_as_the_connection_broke_is_stored_once(postgres_server: str) -> None:
    """The server may commit a batch and go away before saying so: the second try finds
    the batch stored and does not write it again."""
    with Store(new_database(postgres_server)) as store:
        write_once = store._write
        calls = []

        def commit_then_break(*args: object) -> None:
            calls.append(args)
            write_once(*args)  # type: ignore[arg-type]
            if len(calls) == 1:
                cut = Exception("server closed the connection unexpectedly")
                raise OperationalError("COMMIT", {}, cut, connection_invalidated=True)

        store._write = commit_then_break  # type: ignore[method-assign]
        report = ingest([EXAMPLES], store)
        assert len(calls) == 1  # the second try wrote nothing: the batch was there
        assert report.stored == store.count()["articles"] == 9
        assert_whole(store)
