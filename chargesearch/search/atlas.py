"""Exact enumeration of the anomaly-free atlas: all integer solutions of (15) with |F| <= qmax.

Method (SPEC section 2, the "Hint" of issue #3). Every species enters the six anomaly
conditions (15) only through its power sums ``s1, s2, s3``; so a solution is a choice of one
multiset per species (Q, U, D, L, E, nu), which is also the canonical order of a solution under
the generation permutations of the atlas (each species separately). Writing ``a = s1(Q)`` and
``b = s1(U)``, the four linear conditions fix every other linear sum:

    s1(L) = -3a,   s1(D) = 2a - b,   s1(E) = -2a - b,   s1(nu) = b - 4a,

and the two remaining conditions split into a "left" part (Q, L, U) and a "right" part
(D, E, nu):

    U(1)_Y U(1)'^2:  s2D + s2E             =  s2L + 2 s2U - s2Q
    U(1)'^3:         3 s3D + s3E + s3nu    =  6 s3Q + 2 s3L - 3 s3U.

For each ``(a, b)`` the two sides are built as numpy products of the (small) multiset lists with
the required sums and joined on the key (left-hand sides vs right-hand sides) by sorting and
binary search: a meet-in-the-middle hash join instead of a loop over 18 charges. The matches are
then filtered exactly: gcd of all charges equal to 1 (this also drops the zero assignment) and
canonical sign (the solution is kept iff it is lexicographically >= the sorted form of its
negative, in the name order F_Q1..F_nu3). All arithmetic is int64 on small integers and exact.

The unit of work is a :class:`AtlasChunk` ``(a, b_lo, b_hi)``: chunks are independent, which is
what :mod:`chargesearch.search.batch` distributes and resumes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from chargesearch.search.multisets import MultisetTable, multiset_table

SPECIES_ORDER: tuple[str, ...] = ("Q", "U", "D", "L", "E", "nu")
_K2 = np.int64(1) << np.int64(32)


@dataclass(frozen=True)
class AtlasChunk:
    """All solutions with ``s1(Q) == a`` and ``b_lo <= s1(U) <= b_hi``."""

    a: int
    b_lo: int
    b_hi: int

    @property
    def key(self) -> str:
        return f"a{self.a:+d}_b{self.b_lo:+d}_{self.b_hi:+d}"


def tables(qmax: int, nu_r: int) -> tuple[MultisetTable, MultisetTable]:
    """Multiset tables for the three-generation species and for the nu_R species."""
    return multiset_table(3, qmax), multiset_table(nu_r, qmax)


def pair_cost(qmax: int, nu_r: int, a: int, b: int) -> int:
    """Number of left plus right candidate tuples for ``(a, b)`` (the work of one join)."""
    t3, tn = tables(qmax, nu_r)
    n = lambda t, s: len(t.with_sum(s))  # noqa: E731
    left = n(t3, a) * n(t3, -3 * a) * n(t3, b)
    right = n(t3, 2 * a - b) * n(t3, -2 * a - b) * n(tn, b - 4 * a)
    return left + right if left and right else 0


def work_estimate(qmax: int, nu_r: int) -> int:
    """Total number of candidate tuples the enumerator will build (its work unit)."""
    return sum(
        pair_cost(qmax, nu_r, a, b)
        for a in range(-qmax, qmax + 1)
        for b in range(-3 * qmax, 3 * qmax + 1)
    )


def estimate_without_tables(qmax: int, nu_r: int) -> float:
    """Cheap asymptotic estimate of :func:`work_estimate` (no tables), for refusing huge runs.

    The number of triples with a given sum is ~ (2q+1)^2 * 3/4 / ... ; empirically the total
    work grows like ``c * qmax^(8 + nu_r... )``; we use the exact count for qmax <= 40 and a
    power-law extrapolation beyond.
    """
    if qmax <= 40:
        return float(work_estimate(qmax, nu_r))
    base = work_estimate(40, nu_r)
    return float(base) * (qmax / 40) ** 9


def chunks(qmax: int, nu_r: int, target: int = 64) -> list[AtlasChunk]:
    """Split the problem into about ``target`` chunks of similar work, deterministically."""
    pairs = [
        (a, b, pair_cost(qmax, nu_r, a, b))
        for a in range(-qmax, qmax + 1)
        for b in range(-3 * qmax, 3 * qmax + 1)
    ]
    total = sum(c for _, _, c in pairs) or 1
    per_chunk = max(total / max(target, 1), 1.0)
    out: list[AtlasChunk] = []
    for a in range(-qmax, qmax + 1):
        row = [(b, c) for aa, b, c in pairs if aa == a and c]
        if not row:
            continue
        start, acc = row[0][0], 0
        for idx, (b, c) in enumerate(row):
            acc += c
            last = idx == len(row) - 1
            if acc >= per_chunk or last:
                out.append(AtlasChunk(a, start, b))
                if not last:
                    start, acc = row[idx + 1][0], 0
    return out


def chunk_cost(qmax: int, nu_r: int, chunk: AtlasChunk) -> int:
    return sum(pair_cost(qmax, nu_r, chunk.a, b) for b in range(chunk.b_lo, chunk.b_hi + 1))


def _product3(ia: np.ndarray, ib: np.ndarray, ic: np.ndarray) -> tuple[np.ndarray, ...]:
    """Cartesian product of three index arrays, flattened (a-major)."""
    na, nb, nc = len(ia), len(ib), len(ic)
    x = np.repeat(ia, nb * nc)
    y = np.tile(np.repeat(ib, nc), na)
    z = np.tile(ic, na * nb)
    return x, y, z


def _lex_less_equal(left: list[np.ndarray], right: list[np.ndarray]) -> np.ndarray:
    """Row-wise lexicographic ``left <= right`` for lists of equal-length integer columns."""
    result = np.ones(len(left[0]), dtype=bool)
    undecided = np.ones(len(left[0]), dtype=bool)
    for lcol, rcol in zip(left, right, strict=False):
        less = lcol < rcol
        greater = lcol > rcol
        result[undecided & greater] = False
        undecided &= ~(less | greater)
    return result


def solve_pair(t3: MultisetTable, tn: MultisetTable, a: int, b: int) -> np.ndarray:
    """Canonical solutions with ``s1(Q) = a`` and ``s1(U) = b``.

    Returns an ``(m, 6)`` int64 array of multiset indices in the order Q, U, D, L, E, nu.
    """
    iq, il, iu = t3.with_sum(a), t3.with_sum(-3 * a), t3.with_sum(b)
    idd, ie, inu = t3.with_sum(2 * a - b), t3.with_sum(-2 * a - b), tn.with_sum(b - 4 * a)
    if not (len(iq) and len(il) and len(iu) and len(idd) and len(ie) and len(inu)):
        return np.zeros((0, 6), dtype=np.int64)
    # left: Q x L x U  -> key (s2L + 2 s2U - s2Q, 6 s3Q + 2 s3L - 3 s3U)
    lq, ll, lu = _product3(iq, il, iu)
    left2 = t3.s2[ll] + 2 * t3.s2[lu] - t3.s2[lq]
    left3 = 6 * t3.s3[lq] + 2 * t3.s3[ll] - 3 * t3.s3[lu]
    # right: D x E x nu -> key (s2D + s2E, 3 s3D + s3E + s3nu)
    rd, re, rn = _product3(idd, ie, inu)
    right2 = t3.s2[rd] + t3.s2[re]
    right3 = 3 * t3.s3[rd] + t3.s3[re] + tn.s3[rn]
    left_key = left2 * _K2 + left3
    right_key = right2 * _K2 + right3
    order = np.argsort(right_key, kind="stable")
    sorted_keys = right_key[order]
    lo = np.searchsorted(sorted_keys, left_key, side="left")
    hi = np.searchsorted(sorted_keys, left_key, side="right")
    counts = hi - lo
    total = int(counts.sum())
    if total == 0:
        return np.zeros((0, 6), dtype=np.int64)
    hit = counts > 0
    counts_h, lo_h = counts[hit], lo[hit]
    li = np.repeat(np.flatnonzero(hit), counts_h)
    starts = np.repeat(lo_h - (np.cumsum(counts_h) - counts_h), counts_h)
    ri = order[starts + np.arange(total)]
    q, lep, u = lq[li], ll[li], lu[li]
    d, e, n = rd[ri], re[ri], rn[ri]
    # exact filters: gcd 1 (drops the zero assignment), canonical sign
    g = np.gcd(np.gcd(np.gcd(t3.gcds[q], t3.gcds[u]), np.gcd(t3.gcds[d], t3.gcds[lep])),
               np.gcd(t3.gcds[e], tn.gcds[n]))
    cols = [q, u, d, lep, e, n]
    negs = [t3.neg[q], t3.neg[u], t3.neg[d], t3.neg[lep], t3.neg[e], tn.neg[n]]
    # smaller index = lexicographically larger tuple: keep v >=lex (-v)  <=>  idx(v) <=lex idx(-v)
    keep = (g == 1) & _lex_less_equal(cols, negs)
    return np.stack([c[keep] for c in cols], axis=1)


def solve_chunk(qmax: int, nu_r: int, chunk: AtlasChunk) -> Iterator[np.ndarray]:
    """Yield arrays of canonical solutions (multiset indices) for one chunk."""
    t3, tn = tables(qmax, nu_r)
    for b in range(chunk.b_lo, chunk.b_hi + 1):
        sols = solve_pair(t3, tn, chunk.a, b)
        if len(sols):
            yield sols


def expand(qmax: int, nu_r: int, index_rows: np.ndarray) -> np.ndarray:
    """Charges (int8/int16 columns F_Q1..F_nuN) from multiset-index rows."""
    t3, tn = tables(qmax, nu_r)
    parts = [t3.values[index_rows[:, i]] for i in range(5)]
    parts.append(tn.values[index_rows[:, 5]])
    dtype = np.int8 if qmax <= 127 else np.int16
    return np.concatenate(parts, axis=1).astype(dtype)


def count(qmax: int, nu_r: int) -> int:
    """Number of canonical atlas solutions (serial; see batch for the parallel runner)."""
    total = 0
    for ch in chunks(qmax, nu_r, target=1):
        for sols in solve_chunk(qmax, nu_r, ch):
            total += len(sols)
    return total
