"""The placing of one article, given what was placed before it: copies link to their
original (duplicates.py), everything else joins or starts a story (stories.py)."""

from __future__ import annotations

import datetime as dt

from storyline.group.duplicates import DuplicateIndex
from storyline.group.stories import StoryIndex
from storyline.model import Article, Duplicate, Features, Placement


class Grouper:
    """The order-dependent part of the stream, kept in memory and rebuilt by replay."""

    def __init__(self) -> None:
        self.duplicates = DuplicateIndex()
        self.stories = StoryIndex()

    def place(self, article: Article, found: Features) -> Placement:
        """A ``late`` article (dated back where stories have left the index) is placed
        after the caller has revived the stories that could take it."""
        duplicate = self.duplicates.find(found, article.outlet)
        placement = self.stories.place(article.id, found, duplicate=duplicate)
        if duplicate is None:
            self.duplicates.add(article.id, found, article.outlet)
        self._tick(found.when)
        return placement

    def late(self, when: dt.date | None) -> bool:
        return self.stories.late(when)

    def _tick(self, when: dt.date | None) -> None:
        for article in self.stories.tick(when):
            self.duplicates.remove(article)

    def restore(
        self,
        article: str,
        outlet: str,
        story: int,
        found: Features,
        duplicate: Duplicate | None,
        *,
        thread: int | None = None,
        revived: bool = False,
    ) -> None:
        """Replay a stored placement, in storing order. ``revived``: a member of a story
        that left the index, brought back for a late article; it was counted when first
        placed, so it is not counted again."""
        kept = None if duplicate else found
        if revived:
            self.stories.revive(article, story, kept, thread=thread)
        else:
            self.stories.restore(article, story, kept, thread=thread)
        if duplicate is None:
            self.duplicates.add(article, found, outlet)
        if not revived:
            self._tick(found.when)
