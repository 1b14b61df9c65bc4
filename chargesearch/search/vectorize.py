"""Exact vectorised evaluation of formulas on integer numpy columns.

Used to verify every solution the fast enumerators emit against the constraint formulas and to
apply user constraints as filters. Coefficients are integerised by a positive factor (same
sign, same zeros); values are int64 and the bounds keep them far from overflow.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import lcm

import numpy as np

from chargesearch.expressions import RELATION_OPS as _OPS
from chargesearch.expressions import And, Formula, Not, Or, Poly, Relation


def eval_poly(poly: Poly, cols: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """Integer values of ``poly`` times the lcm of its denominators."""
    den = lcm(*(c.denominator for c in poly.terms.values())) if poly.terms else 1
    total = np.zeros(n, dtype=np.int64)
    for mono, c in poly.terms.items():
        term = np.full(n, int(c * den), dtype=np.int64)
        for v, p in mono:
            term = term * cols[v].astype(np.int64) ** p
        total += term
    return total


def eval_formula(f: Formula, cols: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """Boolean array: does each row satisfy ``f``?"""
    if isinstance(f, Relation):
        return np.asarray(_OPS[f.op](eval_poly(f.poly, cols, n), 0))
    if isinstance(f, And):
        out = np.ones(n, dtype=bool)
        for x in f.items:
            out &= eval_formula(x, cols, n)
        return out
    if isinstance(f, Or):
        out = np.zeros(n, dtype=bool)
        for x in f.items:
            out |= eval_formula(x, cols, n)
        return out
    if isinstance(f, Not):
        return ~eval_formula(f.item, cols, n)
    raise TypeError(f"unknown formula {f!r}")


def columns(rows: np.ndarray, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    return {name: rows[:, i] for i, name in enumerate(names)}
