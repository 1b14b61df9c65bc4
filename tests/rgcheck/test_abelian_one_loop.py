"""One-loop abelian 2x2 system (g1, g14, g4) computed by hand for BM1 and BM3.

By hand (Fonseca-Malinsky-Staub 2013, eq. (2.9); Luo-Xiao 2003): with charge vectors
Q_f = (Y_f, F_f) and B_ab = 2/3 sum_{Weyl} Q_a Q_b + 1/3 sum_{complex scalars} Q_a Q_b,
16 pi^2 dG/dt = G G^T B G for the coupling matrix G (rows: charges Y, F; columns: bosons).
In the upper-triangular convention G = [[g1, g14], [0, g4]] the rotation freedom gives
dg1 = g1 Pi_11, dg4 = g4 Pi_22, dg14 = g14 Pi_22 + 2 g1 Pi_12, Pi = G^T B G.
The field list below is typed in independently of rgcheck.model. Exact agreement required.
"""

from __future__ import annotations

from fractions import Fraction as Fr

import pytest
import sympy as sp

from rgcheck import betas
from rgcheck.benchmarks import benchmark

g1, g4, g14 = sp.symbols("g1 g4 g14", real=True)


def field_list(ch: dict) -> tuple[list, list]:
    """(multiplicity, Y, F) for Weyl fermions and complex scalars of Table 1 (defaults (5),
    (6): N_f = 3 singlet psi)."""
    weyl = []
    for i in (1, 2, 3):
        weyl += [
            (6, Fr(1, 6), ch[f"F_Q{i}"]),
            (3, Fr(-2, 3), -ch[f"F_U{i}"]),
            (3, Fr(1, 3), -ch[f"F_D{i}"]),
            (2, Fr(-1, 2), ch[f"F_L{i}"]),
            (1, Fr(1), -ch[f"F_E{i}"]),
        ]
        if f"F_nu{i}" in ch:
            weyl.append((1, Fr(0), -ch[f"F_nu{i}"]))
    weyl += [(3, Fr(0), ch["F_psi"]), (3, Fr(0), -ch["F_psi"])]
    scal = [(2, Fr(1, 2), ch["F_H"]), (9, Fr(0), ch["F_S"]), (1, Fr(0), ch["F_phi"])]
    return weyl, scal


@pytest.mark.parametrize("bm", ["BM1", "BM3"])
def test_abelian_one_loop_by_hand(bm):
    ch = benchmark(bm)
    weyl, scal = field_list(ch)
    B = sp.zeros(2, 2)
    for fields, k in ((weyl, sp.Rational(2, 3)), (scal, sp.Rational(1, 3))):
        for n, Y, F in fields:
            q = sp.Matrix(
                [sp.Rational(Y.numerator, Y.denominator), sp.Rational(F.numerator, F.denominator)]
            )
            B += k * n * (q * q.T)
    G = sp.Matrix([[g1, g14], [0, g4]])
    Pi = G.T * B * G
    exp = {
        "g1": sp.expand(g1 * Pi[0, 0]),
        "g4": sp.expand(g4 * Pi[1, 1]),
        "g14": sp.expand(g14 * Pi[1, 1] + 2 * g1 * Pi[0, 1]),
    }
    system = betas(ch, loops=1)
    ex = system.expressions(loop=1)
    sym = system.symbols()
    for c, e in exp.items():
        got = sp.expand(ex[c].subs({sym["g1"]: g1, sym["g4"]: g4, sym["g14"]: g14}))
        assert sp.expand(got - e) == 0, (bm, c, sp.expand(got - e))


def test_bm3_numbers():
    """Spot values for BM3 worked out on paper: b_44 = 977/192, b_11 = 41/6,
    b_14 = 2/3 sum Y F + 1/3 ... = -4/3 (coefficient of g14 g4^2 is 2 b_14 = -8/3)."""
    ex = betas(benchmark("BM3"), loops=1).expressions(loop=1)
    s = {str(x): x for x in ex["g4"].free_symbols}
    p = sp.Poly(ex["g4"], s["g4"], s["g14"])
    assert p.coeff_monomial(s["g4"] ** 3) == sp.Rational(977, 192)
    assert p.coeff_monomial(s["g4"] ** 2 * s["g14"]) == sp.Rational(-8, 3)
    assert p.coeff_monomial(s["g4"] * s["g14"] ** 2) == sp.Rational(41, 6)
