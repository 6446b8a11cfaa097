"""storyline: many noisy news reports about one event in, one attributed brief out.

>>> from storyline import brief
>>> result = brief(["examples/harbour-bridge"])      # doctest: +SKIP
>>> as_dict(result)["summary"]                         # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storyline.errors import StorylineError
from storyline.model import Article, Brief, Depth, Problem, Source, SummarySentence

if TYPE_CHECKING:
    from storyline.render.json import as_dict
    from storyline.run.brief import brief, brief_articles

_LAZY = {
    "brief": "storyline.run.brief",
    "brief_articles": "storyline.run.brief",
    "as_dict": "storyline.render.json",
}


def __getattr__(name: str) -> Any:
    """The brief's functions load the NLP stack; a command that only lists stories
    should not pay for it by importing the package."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


__all__ = [
    "Article",
    "Brief",
    "Depth",
    "Problem",
    "Source",
    "StorylineError",
    "SummarySentence",
    "as_dict",
    "brief",
    "brief_articles",
]
