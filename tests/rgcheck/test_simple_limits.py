"""Known simple limits of the general formulas.

* pure lambda phi^4, V = lambda phi^4 / 4!: 16 pi^2 beta = 3 lambda^2, (16 pi^2)^2 beta^(2) =
  -17/3 lambda^3 (Kleinert & Schulte-Frohlinde, "Critical properties of phi^4 theories",
  ch. 11; Machacek-Vaughn III).
* a U(1) with one charged Weyl pair (a Dirac fermion of charge q; QED):
  16 pi^2 beta_g = 4/3 q^2 g^3, (16 pi^2)^2 beta_g^(2) = 4 q^4 g^5
  (beta(e) = e^3/(12 pi^2) + e^5/(64 pi^4); e.g. Gorishny-Kataev-Larin-Surguladze 1991).
Tolerance: exact rationals (1e-12 for the float tensor check).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from rgcheck.derive import derive
from rgcheck.general_formulas import Composites, Tensors, quartic_beta
from rgcheck.model import Model, Weyl, lf
from rgcheck.polytensor import PolyTensor
from rgcheck.tensors import NG


def _single_scalar_tensors() -> Tensors:
    return Tensors(
        T=PolyTensor((NG, 1, 1)),
        Ta=PolyTensor((NG, 1, 1)),
        Ts=PolyTensor((NG, 1, 1)),
        C2G=PolyTensor((NG, NG)),
        y=PolyTensor((1, 1, 1)),
        lam=PolyTensor((1, 1, 1, 1), {("lam",): np.ones((1, 1, 1, 1))}),
    )


def test_pure_phi4_one_and_two_loop():
    t = _single_scalar_tensors()
    b1 = quartic_beta(t, Composites(t, 1), 1)
    b2 = quartic_beta(t, Composites(t, 2), 2)
    assert set(b1.terms) == {("lam", "lam")}
    assert abs(b1.terms[("lam", "lam")][0, 0, 0, 0] - 3.0) < 1e-12
    assert set(b2.terms) == {("lam", "lam", "lam")}
    assert abs(b2.terms[("lam", "lam", "lam")][0, 0, 0, 0] + 17.0 / 3.0) < 1e-12


def test_u1_with_one_weyl_pair():
    q = Fraction(3, 2)
    model = Model(
        weyls=(
            Weyl("e", "1", "1", Fraction(0), lf(("F_e", 1))),
            Weyl("ec", "1", "1", Fraction(0), lf(("F_e", -1))),
        ),
        scalars=(),
        yukawas=(),
        quartics=(),
        charge_keys=("F_e",),
        name="qed",
    )
    res = derive(model, loops=2)["betas"]["g4"]
    from rgcheck.polynomial import substitute_values

    b1 = substitute_values(res[1], {"F_e": q})
    b2 = substitute_values(res[2], {"F_e": q})
    assert b1 == {("g4", "g4", "g4"): Fraction(4, 3) * q**2}
    assert b2 == {("g4",) * 5: 4 * q**4}
