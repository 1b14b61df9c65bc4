"""Pure-quartic sector against an independent numeric computation.

Independent implementation (plain numpy, full real-component tensors, explicit average over
the 24 index permutations) of the general one- and two-loop scalar formulas of
Machacek-Vaughn III (Nucl. Phys. B249 (1985) 70) / Jack-Osborn for V = lambda_abcd phi^4/4!:
  beta^(1) = Sym[3 l_abef l_efcd],
  beta^(2) = Sym[1/3 l_aefg l_efgh l_hbcd - 6 l_abef l_cegh l_dfgh],
projected onto the quartic invariants by least squares, compared with the derived
polynomials at random points (relative tolerance 1e-9). Plus the O(N) results
beta_g = (N+8)/3 g^2 - (3N+14)/3 g^3 for V = g (phi.phi)^2/4! (Kleinert-Schulte-Frohlinde,
eq. (11.34)): (H^+H)^2 is O(4), (phi^+phi)^2 O(2), (tr S^+S)^2 O(2 N_f^2) = O(18).
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy as sp

from rgcheck.model import paper_model
from rgcheck.tensors import build_index, quartic_tensor
from tests.rgcheck.rg_helpers import SYM, default_system, restrict

QUARTICS = ("lam", "s", "u", "v", "delta", "deltatilde", "w")
NONQ = {"g1", "g2", "g3", "g4", "g14", "yt", "yb", "y"}
PERMS = list(itertools.permutations(range(4)))


def sym(a: np.ndarray) -> np.ndarray:
    return sum(np.transpose(a, p) for p in PERMS) / 24.0


def independent_betas(lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    b1 = sym(3 * np.einsum("abef,efcd->abcd", lam, lam))
    t1 = np.einsum("aefg,efgh,hbcd->abcd", lam, lam, lam, optimize=True)
    t2 = np.einsum("abef,cegh,dfgh->abcd", lam, lam, lam, optimize=True)
    b2 = sym(t1 / 3.0 - 6.0 * t2)
    return b1, b2


def test_pure_quartic_against_independent_numeric():
    model = paper_model()
    idx = build_index(model)
    _, basis = quartic_tensor(model, idx)
    names = list(basis)
    A = np.array([basis[k].ravel() for k in names]).T
    system = default_system()
    rng = np.random.default_rng(7)
    for _ in range(2):
        vals = {k: rng.uniform(-0.5, 0.5) for k in QUARTICS}
        lam = sum(vals[k] * basis[k] for k in names)
        for loop, b in zip((1, 2), independent_betas(lam), strict=True):
            coef, _res, *_ = np.linalg.lstsq(A, b.ravel(), rcond=None)
            assert np.abs(A @ coef - b.ravel()).max() < 1e-9 * np.abs(b).max()  # closes
            polys = system.polynomials(loop)
            for k, c in zip(names, coef, strict=True):
                expr = restrict(polys[k], NONQ)
                got = float(expr.subs({SYM[q]: vals[q] for q in QUARTICS}))
                assert abs(got - c) < 1e-9 * max(1.0, abs(c)), (loop, k, got, c)


def test_O_N_two_loop():
    system = default_system()
    p2 = system.polynomials(2)
    p1 = system.polynomials(1)
    for c, N in (("lam", 4), ("s", 2), ("v", 18)):
        # V = c (X^+X)^2 = g/4! (x.x)^2 with g = 6c
        x = SYM[c]
        e1 = sp.Rational(N + 8, 3) * 36 * x**2 / 6
        e2 = -sp.Rational(3 * N + 14, 3) * 216 * x**3 / 6
        others = set(QUARTICS) - {c}
        got1 = restrict(p1[c], NONQ | others)
        got2 = restrict(p2[c], NONQ | others)
        assert sp.expand(got1 - e1) == 0, (c, got1)
        assert sp.expand(got2 - e2) == 0, (c, got2)
