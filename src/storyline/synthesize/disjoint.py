"""Disjoint sets (union-find): the names that are one entity (entities.py), the groups of
figures that are one fact (facts.py)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Each item starts in a set of its own; ``union`` joins two sets."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {}
        for item in items:
            self.find(item)

    def find(self, item: T) -> T:
        """The item that stands for ``item``'s set (an unseen item is a set of its own)."""
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]  # halve the path
            item = self.parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def sets(self) -> list[list[T]]:
        """Every set, its members in the order they were first seen; sets in the order of
        their first members."""
        found: dict[T, list[T]] = {}
        for item in self.parent:
            found.setdefault(self.find(item), []).append(item)
        return list(found.values())
