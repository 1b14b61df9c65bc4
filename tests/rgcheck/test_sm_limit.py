"""SM limit of the derived two-loop RGEs against the published SM results.

Source: D. Buttazzo, G. Degrassi, P.P. Giardino, G.F. Giudice, F. Sala, A. Salvio,
A. Strumia, "Investigating the near-criticality of the Higgs boson", JHEP 12 (2013) 089,
arXiv:1307.3536, appendix A (g1 = g_Y not GUT normalised, V = lambda (H^+H - v^2/2)^2,
-L = yt Q H~ U); the same expressions are in Luo & Xiao, PRL 90 (2003) 011601 and
Machacek-Vaughn I-III (gauge b_ij). Exact rational agreement is required (tolerance 0).
"""

from __future__ import annotations

import sympy as sp

from tests.rgcheck.rg_helpers import SYM, default_system, restrict

g1, g2, g3, yt, lam = (SYM[k] for k in ("g1", "g2", "g3", "yt", "lam"))
BSM_ZERO = {"g4", "g14", "yb", "y", "s", "u", "v", "delta", "deltatilde", "w"}

EXPECTED_1 = {
    # MV / Buttazzo eq. (A.1)
    "g1": sp.Rational(41, 6) * g1**3,
    "g2": -sp.Rational(19, 6) * g2**3,
    "g3": -7 * g3**3,
    "yt": yt
    * (
        sp.Rational(9, 2) * yt**2
        - sp.Rational(17, 12) * g1**2
        - sp.Rational(9, 4) * g2**2
        - 8 * g3**2
    ),
    "lam": 24 * lam**2
    - 6 * yt**4
    + 12 * lam * yt**2
    - 3 * lam * (3 * g2**2 + g1**2)
    + sp.Rational(3, 8) * (2 * g2**4 + (g2**2 + g1**2) ** 2),
}

EXPECTED_2 = {
    "g1": g1**3
    * (
        sp.Rational(199, 18) * g1**2
        + sp.Rational(9, 2) * g2**2
        + sp.Rational(44, 3) * g3**2
        - sp.Rational(17, 6) * yt**2
    ),
    "g2": g2**3
    * (
        sp.Rational(3, 2) * g1**2
        + sp.Rational(35, 6) * g2**2
        + 12 * g3**2
        - sp.Rational(3, 2) * yt**2
    ),
    "g3": g3**3 * (sp.Rational(11, 6) * g1**2 + sp.Rational(9, 2) * g2**2 - 26 * g3**2 - 2 * yt**2),
    "yt": yt
    * (
        -12 * yt**4
        + yt**2
        * (sp.Rational(131, 16) * g1**2 + sp.Rational(225, 16) * g2**2 + 36 * g3**2 - 12 * lam)
        + sp.Rational(1187, 216) * g1**4
        - sp.Rational(3, 4) * g1**2 * g2**2
        + sp.Rational(19, 9) * g1**2 * g3**2
        - sp.Rational(23, 4) * g2**4
        + 9 * g2**2 * g3**2
        - 108 * g3**4
        + 6 * lam**2
    ),
    "lam": sp.Rational(1, 48)
    * (915 * g2**6 - 289 * g2**4 * g1**2 - 559 * g2**2 * g1**4 - 379 * g1**6)
    + 30 * yt**6
    - yt**4 * (sp.Rational(8, 3) * g1**2 + 32 * g3**2 + 3 * lam)
    + lam
    * (
        -sp.Rational(73, 8) * g2**4
        + sp.Rational(39, 4) * g2**2 * g1**2
        + sp.Rational(629, 24) * g1**4
        + 108 * g2**2 * lam
        + 36 * g1**2 * lam
        - 312 * lam**2
    )
    + yt**2
    * (
        -sp.Rational(9, 4) * g2**4
        + sp.Rational(21, 2) * g2**2 * g1**2
        - sp.Rational(19, 4) * g1**4
        + lam * (sp.Rational(45, 2) * g2**2 + sp.Rational(85, 6) * g1**2 + 80 * g3**2 - 144 * lam)
    ),
}


def test_sm_one_loop():
    system = default_system()
    polys = system.polynomials(1)
    for c, exp in EXPECTED_1.items():
        got = restrict(polys[c], BSM_ZERO)
        assert sp.expand(got - exp) == 0, (c, sp.expand(got - exp))


def test_sm_two_loop():
    system = default_system()
    polys = system.polynomials(2)
    for c, exp in EXPECTED_2.items():
        got = restrict(polys[c], BSM_ZERO)
        assert sp.expand(got - exp) == 0, (c, sp.expand(got - exp))


def test_sm_limit_bsm_betas_vanish():
    """With all BSM couplings and g4, g14 zero, the BSM couplings do not run (one loop) —
    they are not generated (technical naturalness of the zero-coupling surface)."""
    system = default_system()
    for loop in (1, 2):
        polys = system.polynomials(loop)
        for c in ("g4", "g14", "y", "u", "v", "delta", "deltatilde", "w"):
            assert restrict(polys[c], BSM_ZERO) == 0, (c, loop)
