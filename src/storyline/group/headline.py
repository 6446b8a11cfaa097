"""Which title a story goes by: a rule of the news, not of the database that stores it.

The store calls this each time a batch changes a story, so the rule lives in one place and
can change without touching SQL.
"""

from __future__ import annotations

from collections.abc import Sequence


def headline(titles: Sequence[str | None]) -> str | None:
    """The headline of a story, from its originals' titles in storing order (None for an
    article without one): the first title there is. The first report is the one the story
    grew from, so its title names the event the others were grouped with, and it stays put
    as later reports join; copies are left out by the caller, as they add nothing of their
    own."""
    return next((title for title in titles if title is not None), None)
