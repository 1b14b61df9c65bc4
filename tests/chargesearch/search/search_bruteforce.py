"""Independent brute force for the atlas count convention (tests only).

Loops over one sorted triple per species with itertools (no power-sum join), prunes with the
linear conditions of SPEC section 2 written out separately, and checks every candidate with
:func:`chargesearch.anomaly.anomaly_sums`; gcd and sign are handled here directly.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations_with_replacement
from math import gcd

from chargesearch.anomaly import anomaly_sums


def brute_force_atlas(qmax: int, nu_r: int) -> set[tuple[int, ...]]:
    vals = range(-qmax, qmax + 1)
    trip = [tuple(sorted(t, reverse=True)) for t in combinations_with_replacement(vals, 3)]
    nus = [tuple(sorted(t, reverse=True)) for t in combinations_with_replacement(vals, nu_r)]
    out: set[tuple[int, ...]] = set()
    for Q in trip:
        for L in trip:
            if 3 * sum(Q) + sum(L) != 0:  # SU(2)^2 U(1)'
                continue
            for U in trip:
                for D in trip:
                    if 2 * sum(Q) - sum(U) - sum(D) != 0:  # SU(3)^2 U(1)'
                        continue
                    for E in trip:
                        if sum(Q) + 3 * sum(L) - 8 * sum(U) - 2 * sum(D) - 6 * sum(E) != 0:
                            continue
                        grav = 6 * sum(Q) + 2 * sum(L) - 3 * sum(U) - 3 * sum(D) - sum(E)
                        for N in nus:
                            if sum(N) != grav:  # gauge-gravity, written out independently
                                continue
                            names = {}
                            for sp, t in zip("QUDLE", (Q, U, D, L, E), strict=False):
                                for i, x in enumerate(t, 1):
                                    names[f"F_{sp}{i}"] = Fraction(x)
                            for i, x in enumerate(N, 1):
                                names[f"F_nu{i}"] = Fraction(x)
                            if any(v != 0 for v in anomaly_sums(names).values()):
                                continue
                            vec = Q + U + D + L + E + N
                            if gcd(*vec) != 1:
                                continue
                            neg = tuple(
                                x
                                for t in (Q, U, D, L, E, N)
                                for x in sorted((-y for y in t), reverse=True)
                            )
                            out.add(max(vec, neg))
    return out
