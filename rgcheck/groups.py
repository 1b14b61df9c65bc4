"""Gauge-group data: SU(N) fundamental generators (Gell-Mann / Pauli, Tr t^A t^B = delta/2),
quadratic Casimirs of the adjoint, and representation matrices for '1', 'N', 'Nb'."""

from __future__ import annotations

from functools import cache

import numpy as np


@cache
def su_n_fundamental(n: int) -> np.ndarray:
    """Generators t^A (A = 1..N^2-1) of SU(N) in the fundamental, shape (N^2-1, N, N)."""
    gens = []
    for j in range(n):
        for k in range(j + 1, n):
            m = np.zeros((n, n), complex)
            m[j, k] = m[k, j] = 0.5
            gens.append(m)
            m = np.zeros((n, n), complex)
            m[j, k] = -0.5j
            m[k, j] = 0.5j
            gens.append(m)
    for l in range(1, n):
        d = np.zeros(n)
        d[:l] = 1.0
        d[l] = -l
        gens.append(np.diag(d).astype(complex) / np.sqrt(2 * l * (l + 1)))
    return np.array(gens)


def adjoint_casimir(n: int) -> int:
    """C_2(G) of SU(N)."""
    return n


def rep_matrices(n: int, rep: str) -> np.ndarray:
    """Hermitian generators of SU(n) in rep '1', 'n' (fundamental) or 'nb' (antifundamental).

    Returned shape (n^2-1, d, d). The antifundamental uses -t^*."""
    t = su_n_fundamental(n)
    if rep == "1":
        return np.zeros((n * n - 1, 1, 1), complex)
    if rep == str(n):
        return t
    if rep == f"{n}b":
        return -np.conj(t)
    raise ValueError(f"unsupported SU({n}) representation {rep!r} (use '1', '{n}', '{n}b')")


def rep_dim(n: int, rep: str) -> int:
    return 1 if rep == "1" else n


def conj_rep(n: int, rep: str) -> str:
    if rep == "1":
        return "1"
    if rep == str(n):
        return f"{n}b"
    if rep == f"{n}b":
        return str(n)
    raise ValueError(rep)
