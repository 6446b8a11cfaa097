"""storyline: many noisy news reports about one event in, one attributed brief out.

>>> from storyline import brief
>>> result = brief(["examples/paris-bridge"])        # doctest: +SKIP
>>> as_dict(result)["summary"]                         # doctest: +SKIP
"""

from storyline.errors import StorylineError
from storyline.model import Article, Brief, Problem, Source, SummarySentence
from storyline.pipeline import brief, brief_articles
from storyline.render.json import as_dict

__all__ = [
    "Article",
    "Brief",
    "Problem",
    "Source",
    "StorylineError",
    "SummarySentence",
    "as_dict",
    "brief",
    "brief_articles",
]
