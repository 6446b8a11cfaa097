"""The parallel half of ingest: read a bundle of the input, clean it, fingerprint it.

A bundle is a part of a large file alone, or several small files together (so a corpus
of many tiny files does not cost a scheduler round trip per file). Everything here
depends on the bundle alone, so any engine may run it anywhere; what depends on order
(placing articles in stories, writing the store) stays in run/ingest.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import clean, usable
from storyline.group.features import features
from storyline.ingest.parts import Part, cut, read_part, sizes, split_for
from storyline.model import Article, Features, Problem

CLEAN_CHUNK = 64  # articles cleaned at once: the line classifier's cost is mostly per call
FILES_PER_PIECE = 64


@dataclass(frozen=True)
class Bundle:
    parts: tuple[Part, ...]

    @property
    def name(self) -> str:
        more = len(self.parts) - 1
        return self.parts[0].name + (f" (and {more} more files)" if more else "")


Ready = tuple[Article, Features] | Problem  # an article cleaned and fingerprinted, or why not


@dataclass(frozen=True)
class Prepared:
    items: tuple[Ready, ...]
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, in the worker


def bundles(paths: Iterable[str | Path], *, split: int | None = None) -> Iterator[Bundle | Problem]:
    """The work in input order: a part of a large file alone, small files in groups of
    up to ``FILES_PER_PIECE`` or ``split`` bytes."""
    found = sizes(paths)
    split = split or split_for(found)
    known = {str(item[0]): item[1] for item in found if not isinstance(item, Problem)}
    group: list[Part] = []
    size = 0
    for part in cut(found, split):
        if isinstance(part, Problem):
            yield part
            continue
        length = part.end - part.start if part.end >= 0 else known[part.path]
        if group and (len(group) >= FILES_PER_PIECE or size + length > split):
            yield Bundle(tuple(group))
            group, size = [], 0
        group.append(part)
        size += length
    if group:
        yield Bundle(tuple(group))


def spent(seconds: dict[str, float], stage: str, since: float) -> float:
    """Adds the time since ``since`` to ``stage``; returns now, the next stage's start."""
    now = time.perf_counter()
    seconds[stage] = seconds.get(stage, 0.0) + now - since
    return now


def prepare_bundle(bundle: Bundle) -> Prepared:
    prepared = _Preparing()
    for part in bundle.parts:
        prepared.take(read_part(part))
    return prepared.done()


def prepare_articles(source: Iterable[Article | Problem]) -> Prepared:
    """The same for articles already read (the web service's POST)."""
    prepared = _Preparing()
    prepared.take(source)
    return prepared.done()


class _Preparing:
    def __init__(self) -> None:
        self.items: list[Ready] = []
        self.seconds: dict[str, float] = {}
        self.chunk: list[Article] = []  # read, not yet cleaned: across files of the bundle

    def spent(self, stage: str, since: float) -> float:
        return spent(self.seconds, stage, since)

    def take(self, source: Iterable[Article | Problem]) -> None:
        """One file's articles, cleaned ``CLEAN_CHUNK`` at a time with those of the files
        before it (an article's text depends on it alone, and a corpus of one-note files
        would otherwise call the classifier once per note)."""
        start = time.perf_counter()
        for item in source:
            if isinstance(item, Problem):
                self.items.append(item)
                continue
            self.chunk.append(item)
            if len(self.chunk) >= CLEAN_CHUNK:
                start = self._finish(self.spent("read", start))
        self.spent("read", start)

    def _finish(self, start: float) -> float:
        if not self.chunk:
            return start
        cleaned = list(usable(clean(self.chunk)))
        self.chunk = []
        start = self.spent("clean", start)
        for item in cleaned:
            self.items.append(item if isinstance(item, Problem) else (item, features(item)))
        return self.spent("fingerprint", start)

    def done(self) -> Prepared:
        self._finish(time.perf_counter())
        return Prepared(tuple(self.items), self.seconds)
