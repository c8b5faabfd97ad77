"""Items joined pair by pair into groups (union-find), for the two places that group by evidence about
pairs: the near-duplicate texts of one story (``same_story``) and the spellings of one name
(``checks.consistency``)."""

from __future__ import annotations

from typing import Hashable, Iterable


class DisjointSets:
    """Union-find with path halving. ``groups()`` lists each group in the order its items were added, and
    the groups in the order of their first item, so that the grouping never depends on which way two
    groups were joined."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {item: item for item in items}

    def find(self, item: Hashable) -> Hashable:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def joined(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)

    def join(self, a: Hashable, b: Hashable) -> None:
        self.parent[self.find(b)] = self.find(a)

    def groups(self) -> list[list]:
        found: dict = {}
        for item in self.parent:
            found.setdefault(self.find(item), []).append(item)
        return list(found.values())
