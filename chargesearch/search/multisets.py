"""Species multisets: the charges of one species up to permutations of its generations.

A species with ``k`` generations (3 for Q, U, D, L, E; ``nu_r`` for the right-handed
neutrinos) and charges bounded by ``|F| <= qmax`` is represented by its sorted charge tuple
(descending, the canonical order of :mod:`chargesearch.search.canonical`). The anomaly
conditions (15) depend on a species only through its power sums ``s1, s2, s3`` (SPEC section 2),
which is what the exact enumerator joins on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations_with_replacement
from math import gcd

import numpy as np


@dataclass(frozen=True)
class MultisetTable:
    """All multisets of size ``k`` from ``[-qmax, qmax]``, sorted descending.

    Rows are in lexicographically *descending* order of the tuples, so a smaller index means a
    lexicographically larger tuple. ``by_sum[s]`` lists the row indices with ``s1 == s``.
    """

    k: int
    qmax: int
    values: np.ndarray  # (n, k) int64
    s1: np.ndarray
    s2: np.ndarray
    s3: np.ndarray
    gcds: np.ndarray  # gcd of the entries (0 for the all-zero multiset)
    neg: np.ndarray  # index of the negated multiset
    by_sum: dict[int, np.ndarray] = field(repr=False)

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def with_sum(self, s: int) -> np.ndarray:
        """Indices of the multisets whose entries add up to ``s`` (possibly empty)."""
        return self.by_sum.get(int(s), _EMPTY)


_EMPTY = np.zeros(0, dtype=np.int64)


@lru_cache(maxsize=16)
def multiset_table(k: int, qmax: int) -> MultisetTable:
    """Build (and cache) the table of size-``k`` multisets with entries in ``[-qmax, qmax]``."""
    rows = list(combinations_with_replacement(range(qmax, -qmax - 1, -1), k))
    values = np.array(rows, dtype=np.int64).reshape(len(rows), k)
    s1 = values.sum(axis=1)
    s2 = (values**2).sum(axis=1)
    s3 = (values**3).sum(axis=1)
    gcds = np.array([gcd(*row) if k else 0 for row in rows], dtype=np.int64)
    index = {row: i for i, row in enumerate(rows)}
    neg = np.array([index[tuple(sorted((-x for x in row), reverse=True))] for row in rows])
    order = np.argsort(s1, kind="stable")
    by_sum: dict[int, np.ndarray] = {}
    if len(rows):
        sums_sorted = s1[order]
        bounds = np.flatnonzero(np.diff(sums_sorted)) + 1
        for chunk in np.split(order, bounds):
            by_sum[int(s1[chunk[0]])] = np.sort(chunk)
    for arr in (values, s1, s2, s3, gcds, neg):
        arr.setflags(write=False)
    return MultisetTable(k, qmax, values, s1, s2, s3, gcds, neg.astype(np.int64), by_sum)
