"""A store made before threads and languages (schema revision 0002) opens with the
current code: migrated in place, its stories ranked and each its own thread, its
articles full ones of an undetermined language, and the stream goes on from it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from storyline.group.rank import rank
from storyline.run.ingest import ingest
from storyline.store import Store
from storyline.store.connection import _MIGRATIONS


def old_store(path: Path) -> None:
    """Revision 0002 with one story of two outlets' articles, written as that code did."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        config.attributes["connection"] = c
        command.upgrade(config, "0002")
        c.execute(text(
            "INSERT INTO stories (id, headline, first_seen, last_seen, updated_at) "
            "VALUES (4, 'Tram line approved', '2026-05-04', '2026-05-05', '2026-05-05')"
        ))  # fmt: skip
        for seq, outlet in enumerate(("Marrow Post", "Tram Times"), start=1):
            c.execute(
                text(
                    "INSERT INTO articles (id, seq, path, outlet, kind, title, day, raw_hash, "
                    "fingerprint, text, terms, minhash, stored_at) VALUES (:id, :seq, 'in', "
                    ":outlet, 'text', 'Tram line approved', '2026-05-05', 'h', :id, "
                    "'The council approved the tram line.', :terms, :minhash, '2026-05-05')"
                ),
                {"id": f"a{seq}", "seq": seq, "outlet": outlet, "minhash": bytes(512),
                 "terms": json.dumps([["tram", 1], ["council", 1]])},
            )  # fmt: skip
            c.execute(text(f"INSERT INTO memberships VALUES ('a{seq}', 4)"))
    engine.dispose()


def test_an_old_store_is_migrated_and_read(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_store(path)
    with Store(path) as store:
        (row,) = store.stories()
        assert (row.id, row.thread, row.in_thread, row.languages) == (4, 4, 1, ("und",))
        _, members = store.story(4)  # type: ignore[misc]
        assert {(m.body, m.lang) for m in members} == {("full", "und")}
        assert store.thread(4) == [row]
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as c:
        stored = c.execute(text("SELECT outlets, rank FROM stories WHERE id = 4")).one()
    engine.dispose()
    assert stored == (2, rank(dt.date(2026, 5, 5), 2))
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"title": "Tram line approved", "outlet": "Echo Daily"}) + "\n")
    with Store(path) as store:
        assert ingest([more], store).stored == 1
        assert sum(r.articles for r in store.stories()) == 3
