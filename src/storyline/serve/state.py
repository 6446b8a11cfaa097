"""What every request handler shares: the store, the write path and the brief cache,
kept on the app as one typed object rather than loose attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from fastapi import HTTPException, Request

from storyline.model import Brief, Depth
from storyline.run.brief import brief_stored
from storyline.run.cache import BriefCache
from storyline.run.ingest import Ingester
from storyline.store import Member, Store, StoryRow


@dataclass
class State:
    store: Store
    token: str
    depth: Depth
    ingester: Ingester
    briefs: BriefCache = field(default_factory=BriefCache)

    def story(self, story: int, words: int) -> tuple[StoryRow, list[Member], Brief]:
        """A story (the one it was merged into, if it was), its members and its brief;
        404 when there is no such story."""
        found = self.store.story(story)
        if found is None:
            raise HTTPException(404, f"no story {story}")
        row, members = found
        brief = brief_stored(self.store, row.id, words=words, depth=self.depth, cache=self.briefs)
        return row, members, brief


def state(request: Request) -> State:
    return cast(State, request.app.state.storyline)
