"""Exact enumeration for the ``paper`` preset (SPEC section 1 defaults, (40)).

With (19) F_H = 0 and (17) the quark charges are F_U = F_D = F_Q; (7) gives F_Q1 = F_Q2 =: q,
write t = F_Q3 and A = s1(Q) = 2q + t; (8) gives F_L1 = F_E1 = 0. The anomaly conditions (15)
then reduce to (SPEC section 2, with U = D = Q):

    SU(2)^2 U(1)':  F_L2 + F_L3 = -3A          U(1)_Y^2 U(1)':  F_E2 + F_E3 = -3A
    gravity:        s1(nu) = -3A                U(1)_Y U(1)'^2:  F_E2^2 + F_E3^2 = F_L2^2 + F_L3^2
    U(1)'^3:        s3(nu) = F_L2^3 + F_L3^3    (SU(3)^2 U(1)' holds identically)

so {F_E2, F_E3} = {F_L2, F_L3} as multisets, and nu is any multiset with the given s1, s3
(looked up in a hash table). The Wilson-sign pattern (40) selects t > q with
F_L2 >= F_E2 >= 0 or the mirror. F_S = 0 by (5); F_psi and F_phi are free (F_phi != 0,
!= +-2 F_nu_i always satisfiable). Each emitted row is verified exactly against every search
constraint (vectorised), and only canonical rows are kept, so each solution appears once.
Chunks are the values of A.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from chargesearch.search.multisets import multiset_table


@lru_cache(maxsize=8)
def _nu_lookup(qmax: int, nu_r: int) -> dict[tuple[int, int], np.ndarray]:
    table = multiset_table(nu_r, qmax)
    order = np.lexsort((table.s3, table.s1))
    s1, s3 = table.s1[order], table.s3[order]
    cuts = np.flatnonzero((np.diff(s1) != 0) | (np.diff(s3) != 0)) + 1
    out: dict[tuple[int, int], np.ndarray] = {}
    for group in np.split(order, cuts):
        if len(group):
            out[(int(table.s1[group[0]]), int(table.s3[group[0]]))] = np.sort(group)
    return out


def chunk_values(qmax: int) -> list[int]:
    """The chunk parameters: A = 2 F_Q1 + F_Q3 with all charges bounded."""
    return list(range(-3 * qmax, 3 * qmax + 1))


def raw_rows(qmax: int, nu_r: int, a: int) -> np.ndarray:
    """All solutions with s1(Q) = A (nu sorted descending), columns
    Q1..3, U1..3, D1..3, L1..3, E1..3, nu1..N, H, S."""
    if abs(3 * a) > 2 * qmax:
        return np.zeros((0, 15 + nu_r + 2), dtype=np.int64)
    table = multiset_table(nu_r, qmax)
    lookup = _nu_lookup(qmax, nu_r)
    q = np.arange(-qmax, qmax + 1, dtype=np.int64)
    t = a - 2 * q
    ok = np.abs(t) <= qmax
    q, t = q[ok], t[ok]
    lepton_rows = []
    for l2 in range(-qmax, qmax + 1):
        l3 = -3 * a - l2
        if abs(l3) > qmax:
            continue
        nus = lookup.get((-3 * a, l2**3 + l3**3))
        if nus is None or not len(nus):
            continue
        for e2, e3 in {(l2, l3), (l3, l2)}:
            # Wilson sign (40): with t > q need l2 >= e2 >= 0; with t < q need l2 <= e2 <= 0
            for nu in nus:
                lepton_rows.append((l2, l3, e2, e3, *table.values[nu]))
    if not lepton_rows or not len(q):
        return np.zeros((0, 15 + nu_r + 2), dtype=np.int64)
    lep = np.array(lepton_rows, dtype=np.int64)
    nq, nl = len(q), len(lep)
    qq = np.repeat(q, nl)
    tt = np.repeat(t, nl)
    ll = np.tile(lep, (nq, 1))
    l2_col, e2_col = ll[:, 0], ll[:, 2]
    sign_ok = (((tt > qq) & (l2_col >= e2_col) & (e2_col >= 0))
               | ((tt < qq) & (l2_col <= e2_col) & (e2_col <= 0)))
    qq, tt, ll = qq[sign_ok], tt[sign_ok], ll[sign_ok]
    n = len(qq)
    zero = np.zeros(n, dtype=np.int64)
    quark = [qq, qq, tt]
    cols = quark * 3 + [zero, ll[:, 0], ll[:, 1], zero, ll[:, 2], ll[:, 3]]
    cols += [ll[:, 4 + i] for i in range(nu_r)] + [zero, zero]
    return np.stack(cols, axis=1) if n else np.zeros((0, 15 + nu_r + 2), dtype=np.int64)
