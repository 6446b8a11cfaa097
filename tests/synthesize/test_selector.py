"""The summary's learned sentence scorer (synthesize/selector.py): the model shipped in
the package reads the features the code computes, it takes what people summarising
take first, and the centroid scorer stays available as its fallback."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storyline.annotate import annotate
from storyline.clean import clean, usable
from storyline.ingest import text_article
from storyline.learned import load
from storyline.model import Annotated, Article, Depth
from storyline.synthesize import DEFAULT, summarize
from storyline.synthesize.selector import (
    FEATURES,
    MODEL,
    centrality,
    features,
    position,
    similarity_matrix,
)
from storyline.synthesize.summary import scores

CENTROID = replace(DEFAULT, scorer="centroid")

# Three outlets on one harbour strike: each opens with the strike, then tells the
# mayor's order (which all three report) and a detail of its own, in either order.
_OPENINGS = (
    "Dock workers in Lorvik walked off the job on Monday, leaving cargo ships waiting in the bay.",
    "A strike by Lorvik's dock workers entered its first day on Monday as ships queued "
    "outside the harbour.",
    "Lorvik's harbour fell silent on Monday when its dock workers went on strike over pay.",
)
_ORDER = (
    "The mayor ordered the harbour police to open talks with the striking dock workers.",
    "The mayor has ordered the harbour police to hold talks with the dock workers on strike.",
    "Harbour police were ordered by the mayor to open talks with the striking workers.",
)
_OWN = (
    "A bakery near the old fish market said it would stay open late this week anyway.",
    "The town's football club moved its Saturday training to the northern pitch.",
    "Tourists photographed the empty cranes from the ferry terminal's upper deck.",
)


def _story(order_first: bool = False) -> Annotated:
    texts = [
        " ".join((opening, own, order) if not order_first else (opening, order, own))
        for opening, order, own in zip(_OPENINGS, _ORDER, _OWN, strict=True)
    ]
    raw = [text_article(f"a{i}", t, outlet=f"Outlet {i}") for i, t in enumerate(texts)]
    return annotate([a for a in usable(clean(raw)) if isinstance(a, Article)], depth=Depth.OFF)


def test_the_shipped_model_reads_the_features_the_code_computes() -> None:
    assert load("storyline.synthesize", MODEL).n_features_in_ == len(FEATURES)
    story = _story()
    rows = features(story, similarity_matrix(story))
    assert rows.shape == (len(story.sentences), len(FEATURES))
    assert np.isfinite(rows).all()


def test_the_learned_scorer_is_the_default_and_the_centroid_one_its_fallback() -> None:
    story = _story()
    sim = similarity_matrix(story)
    learned = scores(story, sim, DEFAULT)
    assert ((learned > 0) & (learned < 1)).all()
    assert np.allclose(scores(story, sim, CENTROID), centrality(story) + position(story))
    assert summarize(story, 40, weights=CENTROID)


@pytest.mark.parametrize("order_first", [False, True])
def test_each_report_opening_outranks_the_rest_of_its_report(order_first: bool) -> None:
    """News puts the core facts first, and the human summaries the model learned from
    take most from the openings."""
    story = _story(order_first)
    learned = scores(story, similarity_matrix(story), DEFAULT)
    for a in range(len(story.articles)):
        rows = [i for i, s in enumerate(story.sentences) if s.article == a]
        assert learned[rows[0]] > learned[rows[1:]].max()
