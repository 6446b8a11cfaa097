"""The small learned models storyline ships (the scraped-text line classifier, the quote
speaker ranker, the entity type model, the name finder): loaded once from the package, and
run on the calling thread."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier as Classifier


@cache
def load(package: str, name: str) -> Classifier:
    """A model saved with joblib beside the code that reads it (its training script is
    in benchmarks/)."""
    import joblib

    with resources.files(package).joinpath(name).open("rb") as f:
        loaded: Classifier = joblib.load(f)
    return loaded


def chances(model: Classifier, rows: np.ndarray) -> np.ndarray:
    """The model's probability of the positive class for each row, on this thread alone:
    the trees are evaluated in OpenMP threads that spin while they wait, and beside other
    work (the other engine worker, the tests) one call took 0.2 s instead of 4 ms."""
    if not len(rows):
        return np.zeros(0)
    with _threads().limit(limits=1, user_api="openmp"):
        found: np.ndarray = model.predict_proba(rows)[:, 1]
    return found


def scores(model: Any, rows: Any) -> np.ndarray:
    """A linear model's score of each class for each (sparse) row: scikit-learn's own
    product reads the weights through a transposed view, which scipy copies whole on every
    call (megabytes, more than the rest of the call costs)."""
    weights, bias = _weights(model, rows.dtype)
    found: np.ndarray = np.asarray(rows @ weights) + bias
    return found


@cache
def _weights(model: Any, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
    return np.ascontiguousarray(model.coef_.T, dtype=dtype), model.intercept_.astype(dtype)


@lru_cache(maxsize=1)
def _threads() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # finds the loaded libraries once, not on every call
