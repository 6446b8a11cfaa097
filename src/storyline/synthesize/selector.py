"""What each sentence offers a summary, and the learned model that weighs it.

The model (gradient-boosted trees, `benchmarks/train_selector.py`) was fitted on
multinews-plus-val sentences labelled by a greedy ROUGE oracle against each cluster's human
summary. Those clusters are cut to about 450 words and the stories briefed in use run to
thousands, so every feature is free of the story's size: a position relative to its
article, a similarity, a rank, a ratio. Counts of words or sentences would teach the model
what a short cluster looks like.

Why centrality is balanced over articles: a story's centre is what the sources say
together, not what its longest article says. Why support: a fact reported by several
outlets is the story's more often than one only one outlet tells.
"""

from __future__ import annotations

import re

import numpy as np

from storyline.learned import chances, load
from storyline.lexicon import QUOTED_SPAN, SAYING
from storyline.model import Annotated

MODEL = "selector_model.joblib"
SUPPORTED = 0.2  # a sentence this similar to one of another article reports its content

FEATURES = (
    "rel_index",
    "inv_sqrt_index",
    "article_share",
    "central",
    "central_rel",
    "central_rank",
    "support_mean",
    "support_max",
    "support_count",
    "sim_first",
    "chars_per_word",
    "caps_ratio",
    "quotations",
    "saying",
    "centroid_score",
    "centroid_rank",
)

# A capitalised word that does not open a sentence: mostly names, a cue of content.
_INNER_CAPITAL = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]*")


def similarity_matrix(story: Annotated) -> np.ndarray:
    vectors = story.vectors
    product = vectors @ vectors.T
    return np.asarray(product.todense() if hasattr(product, "todense") else product)


def centrality(story: Annotated) -> np.ndarray:
    """Each sentence's similarity to the story's centroid, every article weighted alike."""
    articles = np.array([s.article for s in story.sentences])
    centroid = np.zeros(story.vectors.shape[1])
    for a in range(len(story.articles)):
        rows = story.vectors[articles == a]
        if rows.shape[0]:
            centroid += np.asarray(rows.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    return np.asarray(story.vectors @ (centroid / norm if norm else centroid)).ravel()


def position(story: Annotated) -> np.ndarray:
    """News puts the core facts first: 1 for an article's first sentence, falling slowly."""
    return np.array([1.0 / np.sqrt(1 + s.index) for s in story.sentences])


def best_elsewhere(story: Annotated, sim: np.ndarray) -> np.ndarray:
    """Each sentence's best similarity in each other article (0 in its own)."""
    articles = np.array([s.article for s in story.sentences], dtype=int)
    best = np.zeros((len(articles), len(story.articles)))
    for a in range(len(story.articles)):
        columns = articles == a
        if columns.any():
            best[:, a] = sim[:, columns].max(axis=1)
    best[np.arange(len(articles)), articles] = 0.0
    return best


def support(story: Annotated, sim: np.ndarray) -> np.ndarray:
    """Mean over the other articles of the best match there: how widely a sentence's
    content is reported."""
    return _mean_elsewhere(best_elsewhere(story, sim))


def _mean_elsewhere(best: np.ndarray) -> np.ndarray:
    n = best.shape[1]  # articles
    if n < 2:
        return np.zeros(best.shape[0])
    mean: np.ndarray = best.sum(axis=1) / (n - 1)
    return mean


def learned(story: Annotated, sim: np.ndarray) -> np.ndarray:
    """The model's chance that each sentence is one a person summarising would take."""
    return chances(load("storyline.synthesize", MODEL), features(story, sim))


def features(story: Annotated, sim: np.ndarray) -> np.ndarray:
    """One row per sentence, one column per name in FEATURES."""
    sentences = story.sentences
    if not sentences:
        return np.zeros((0, len(FEATURES)))
    articles = np.array([s.article for s in sentences])
    words = np.array([max(len(s.text.split()), 1) for s in sentences], dtype=float)
    sizes = np.bincount(articles, minlength=len(story.articles)).astype(float)
    article_words = np.bincount(articles, weights=words, minlength=len(story.articles))
    central, first = centrality(story), position(story)
    best = best_elsewhere(story, sim)
    score = central + first  # the centroid scorer's default weights, as the model was fitted
    columns = {
        "rel_index": np.array([s.index for s in sentences]) / sizes[articles],
        "inv_sqrt_index": first,
        "article_share": article_words[articles] / words.sum(),
        "central": central,
        "central_rel": central / max(central.max(), 1e-9),
        "central_rank": _rank(central),
        "support_mean": _mean_elsewhere(best),
        "support_max": best.max(axis=1),
        "support_count": (best >= SUPPORTED).sum(axis=1).astype(float),
        "sim_first": sim[np.arange(len(sentences)), _article_openings(articles)],
        "chars_per_word": np.array([len(s.text) for s in sentences]) / words,
        "caps_ratio": np.array([len(_INNER_CAPITAL.findall(s.text)) for s in sentences]) / words,
        "quotations": np.array([len(QUOTED_SPAN.findall(s.text)) for s in sentences], float),
        "saying": np.array([SAYING.search(s.text) is not None for s in sentences], float),
        "centroid_score": score,
        "centroid_rank": _rank(score),
    }
    return np.column_stack([columns[name] for name in FEATURES])


def _article_openings(articles: np.ndarray) -> np.ndarray:
    """For each sentence, the row of its article's first sentence."""
    first: dict[int, int] = {}
    for row, a in enumerate(articles):
        first.setdefault(int(a), row)
    return np.array([first[int(a)] for a in articles])


def _rank(values: np.ndarray) -> np.ndarray:
    """0 for the best, 1 for the worst."""
    if len(values) < 2:
        return np.zeros(len(values))
    rank = np.empty(len(values))
    rank[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return rank / (len(values) - 1)
