"""Canonical form of a solution: each solution is reported exactly once.

Definition (documented in docs/search.md). Given the search variables in canonical name order
(F_Q1..F_E3, F_nu1..F_nuN, then F_H, F_S, ... where constrained) and the symmetry group of the
problem (:mod:`chargesearch.search.symmetry`):

1. scale the charges to integers with gcd 1 (clear denominators, divide by the gcd) -- the
   conditions are homogeneous, so this fixes the overall normalisation;
2. take the lexicographically largest vector in the orbit of the group. For a block factor
   (Sym(G) acting on the generations G of species S) this means: the generation columns
   (F_{s,g})_{s in S} are sorted in descending lexicographic order -- for a single species
   simply a descending sort, e.g. F_Q = (2, 0, -1); if the sign flip is a symmetry, the larger of
   the canonical forms of v and -v is chosen.

The map is idempotent and constant on orbits (tests: hypothesis).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import permutations
from math import gcd, lcm

import numpy as np

from chargesearch.search.symmetry import SymmetryGroup


def integer_form(values: Sequence[Fraction | int]) -> tuple[int, ...]:
    """Scale to coprime integers (the zero vector stays zero); the sign is kept."""
    fr = [Fraction(v) for v in values]
    den = lcm(*(x.denominator for x in fr)) if fr else 1
    ints = [int(x * den) for x in fr]
    g = gcd(*ints) if ints else 0
    return tuple(ints) if g == 0 else tuple(i // g for i in ints)


def _lex_greater(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise ``a >lex b`` for 2-d integer arrays of equal shape."""
    if a.shape[1] == 0:
        return np.zeros(a.shape[0], dtype=bool)
    diff = a != b
    first = np.argmax(diff, axis=1)
    rows = np.arange(a.shape[0])
    has = diff[rows, first]
    return has & (a[rows, first] > b[rows, first])


def _canonical_perm(arr: np.ndarray, group: SymmetryGroup) -> np.ndarray:
    out = arr.copy()
    pos = {v: i for i, v in enumerate(group.variables)}
    for factor in group.factors:
        coords = sorted(pos[f"F_{s}{g}"] for s in factor.species for g in factor.generations)
        best = out[:, coords].copy()
        base = out.copy()
        for perm in permutations(factor.generations):
            cand = base.copy()
            for s in factor.species:
                for g, p in zip(factor.generations, perm, strict=False):
                    cand[:, pos[f"F_{s}{g}"]] = base[:, pos[f"F_{s}{p}"]]
            sub = cand[:, coords]
            better = _lex_greater(sub, best)
            best[better] = sub[better]
        out[:, coords] = best
    return out


def canonical_array(arr: np.ndarray, group: SymmetryGroup) -> np.ndarray:
    """Canonical forms of the rows of an integer array (columns = ``group.variables``).

    Rows are assumed to be already integer with gcd 1 (see :func:`integer_form`).
    """
    arr = np.asarray(arr, dtype=np.int64)
    if arr.ndim != 2:
        raise ValueError("expected a 2-d array")
    out = _canonical_perm(arr, group)
    if group.sign_flip:
        neg = _canonical_perm(-arr, group)
        better = _lex_greater(neg, out)
        out[better] = neg[better]
    return out


def canonical(values: Sequence[Fraction | int], group: SymmetryGroup) -> tuple[int, ...]:
    """Canonical integer form of one solution (values in ``group.variables`` order)."""
    ints = integer_form(values)
    row = canonical_array(np.array([ints], dtype=np.int64), group)[0]
    return tuple(int(x) for x in row)


def orbit(values: Sequence[int], group: SymmetryGroup) -> set[tuple[int, ...]]:
    """All images of an integer vector under the group (for tests and blocking clauses)."""
    pos = {v: i for i, v in enumerate(group.variables)}
    out: set[tuple[int, ...]] = set()
    signs = (1, -1) if group.sign_flip else (1,)
    for mapping in group.elements():
        img = list(values)
        for src, dst in mapping.items():
            img[pos[dst]] = values[pos[src]]
        for s in signs:
            out.add(tuple(s * x for x in img))
    return out
