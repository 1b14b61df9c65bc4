"""The charge-parametric beta kernel (rgcheck/kernel.py) against the exact beta functions.

The kernel groups the two-loop betas of a field content into slots (output coupling, coupling
monomial) whose coefficients are polynomials in the U(1)' charges; a charge set enters only
as its coefficient row (docs/rgcheck-running.md, "Kernel and integrator"). Here:

* the kernel's betas equal the exactly substituted polynomials of ``rgcheck.betas(charges)``
  evaluated by hand with Fractions (BM1-BM4 of SPEC section 7 / Table 3 and random rational
  charge sets, with and without nu_R) to 1e-12 of the size of the terms;
* the numpy and numba backends agree (1e-12); a (K, N) coefficient table equals separate
  evaluations per charge set;
* the coefficient row is exact: ``exact_coefficients`` equals sympy's substitution of the
  charges into ``symbolic_betas`` for charges with large denominators, and the float row is
  that value correctly rounded up to a few ulp;
* one kernel (one compiled module) serves every charge set of a field content.

Float tolerance: the kernel evaluates sums of ~10^2 products in double precision, so its
error is a few 1e-16 of sum_k |c_k m_k(x)| (the "scale" below); 1e-12 of that is generous
but still far below any physics effect (a wrong rational coefficient changes a beta by
O(1e-3) of the scale or more).
"""

from __future__ import annotations

import math
import random
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import rgcheck
from rgcheck.api import parse_charges
from rgcheck.benchmarks import benchmark
from rgcheck.kernel import LOOP_FACTOR
from rgcheck.model import BASE_KEYS, Structure
from rgcheck.running import paper_kernel

BMS = ("BM1", "BM2", "BM3", "BM4")
REL = 1e-12  # of the term scale, see the module docstring


def random_charges(seed: int, nu: bool, denominators: tuple[int, ...] = (2, 3, 5, 7, 12)) -> dict:
    """A random rational charge set that keeps yt, yb and y gauge invariant (SPEC section 1:
    F_U3 = F_Q3 + F_H, F_D3 = F_Q3 - F_H, F_S = 0); F_H != 0 to exercise Higgs charges."""
    rng = random.Random(seed)

    def q() -> Fraction:
        return Fraction(rng.randint(-9, 9), rng.choice(denominators))

    ch = {k: q() for k in BASE_KEYS}
    if nu:
        ch.update({f"F_nu{i}": q() for i in (1, 2, 3)})
    ch["F_H"] = Fraction(rng.choice((-1, 1)) * rng.randint(1, 9), rng.choice(denominators))
    ch["F_U3"] = ch["F_Q3"] + ch["F_H"]
    ch["F_D3"] = ch["F_Q3"] - ch["F_H"]
    ch.update(F_psi=q(), F_S=Fraction(0), F_phi=q())
    return ch


# Large coprime denominators: exact rational arithmetic is needed to get the coefficients
# right (a float charge would already be rounded).
BIG = (1_000_003, 999_983, 65_537, 7_919 * 104_729)

CHARGE_SETS = {
    **{bm: benchmark(bm) for bm in BMS},
    "random_nu": random_charges(1, nu=True),
    "random_no_nu": random_charges(2, nu=False),
}


def dyadic_point(rng: random.Random, names: tuple[str, ...]) -> dict[str, Fraction]:
    """A point whose coordinates are exact binary floats in [-4, 4] (so Fraction == float)."""
    return {n: Fraction(rng.randint(-(2**20), 2**20), 2**18) for n in names}


def exact_betas(system: rgcheck.BetaSystem, point: dict[str, Fraction]) -> tuple[dict, dict]:
    """Betas and their term scales sum |term| from the exact substituted polynomials, by hand."""
    value: dict[str, float] = dict.fromkeys(system.names, 0.0)
    scale: dict[str, float] = dict.fromkeys(system.names, 0.0)
    for loop in range(1, system.loops + 1):
        polys = system.polynomials(loop=loop)
        for c in system.names:
            total = Fraction(0)
            size = Fraction(0)
            for mono, coef in polys[c].items():
                term = coef
                for v in mono:
                    term *= point[v]
                total += term
                size += abs(term)
            value[c] += float(total) * LOOP_FACTOR**loop
            scale[c] += float(size) * LOOP_FACTOR**loop
    return value, scale


def kernel_and_row(charges: dict, loops: int = 2):
    vals, structure = parse_charges(charges)
    kernel = paper_kernel(structure, loops)
    return kernel, kernel.coefficients(vals)


def term_scale(kernel, X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """sum_k |c_k| |m_k(x)|: the kernel evaluated at |x| with |c| (every term positive)."""
    return kernel.evaluate(np.abs(X), np.abs(C))


@pytest.mark.parametrize("loops", [1, 2])
@pytest.mark.parametrize("name", list(CHARGE_SETS))
def test_kernel_matches_exact_substituted_betas(name, loops):
    charges = CHARGE_SETS[name]
    system = rgcheck.betas(charges, loops=loops)
    kernel, row = kernel_and_row(charges, loops)
    assert kernel.names == system.names
    rng = random.Random(f"{name}-{loops}")
    points = [dyadic_point(rng, kernel.names) for _ in range(4)]
    X = np.array([[float(p[n]) for p in points] for n in kernel.names])
    B = kernel.evaluate(X, row)
    for j, p in enumerate(points):
        want, scale = exact_betas(system, p)
        for i, c in enumerate(kernel.names):
            assert abs(B[i, j] - want[c]) <= REL * scale[c], (c, B[i, j], want[c])
    # the test is not vacuous: the betas are far from zero at these points
    assert np.all(np.abs(B).max(axis=1)[[kernel.names.index(c) for c in ("g4", "lam")]] > 1e-3)


@pytest.mark.parametrize("name", list(CHARGE_SETS))
def test_numpy_and_numba_backends_agree(name):
    kernel, row = kernel_and_row(CHARGE_SETS[name])
    rng = np.random.default_rng(7)
    X = rng.uniform(-3.0, 3.0, size=(len(kernel.names), 64))
    a = kernel.evaluate(X, row, backend="numpy")
    b = kernel.evaluate(X, row, backend="numba")
    assert a.shape == b.shape == X.shape
    assert np.all(np.abs(a - b) <= REL * term_scale(kernel, X, row))


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_coefficient_table_per_point_equals_separate_evaluations(backend):
    sets = [CHARGE_SETS[k] for k in ("BM2", "BM3", "BM4", "random_nu")]
    vals = [parse_charges(ch) for ch in sets]
    assert len({st for _, st in vals}) == 1  # one field content (3 nu_R)
    kernel = paper_kernel(vals[0][1])
    table = kernel.coefficient_table([v for v, _ in vals])
    assert table.shape == (len(sets), kernel.n_slots)
    rng = np.random.default_rng(11)
    N = 40
    X = rng.uniform(-2.0, 2.0, size=(len(kernel.names), N))
    idx = rng.integers(0, len(sets), size=N)
    idx[: len(sets)] = np.arange(len(sets))  # every set used
    C = np.ascontiguousarray(table[idx].T)  # (K, N): the coefficient row of each point
    mixed = kernel.evaluate(X, C, backend=backend)
    for s in range(len(sets)):
        sel = idx == s
        alone = kernel.evaluate(X[:, sel], table[s], backend=backend)
        np.testing.assert_allclose(mixed[:, sel], alone, rtol=1e-15, atol=0)
    # different charge sets really give different betas (the mixing is not trivial)
    assert not np.allclose(kernel.evaluate(X, table[0]), kernel.evaluate(X, table[1]))


def _sympy_slot_coefficients(structure: Structure, charges: dict[str, Fraction], loop: int):
    """{(output index, exponent tuple): sympy Rational} from symbolic_betas with the charges
    substituted exactly by sympy (an independent path from kernel.exact_coefficients)."""
    system = rgcheck.symbolic_betas(structure)
    exprs = system.expressions(loop=loop)
    csyms = [sp.Symbol(n, real=True) for n in system.names]
    out = {}
    for i, name in enumerate(system.names):
        expr = exprs[name]
        subs = {
            s: sp.Rational(charges[s.name].numerator, charges[s.name].denominator)
            for s in expr.free_symbols
            if s.name.startswith("F_")
        }
        poly = sp.Poly(sp.expand(expr.xreplace(subs)), *csyms)
        for exps, coef in poly.terms():
            if coef != 0:
                out[(i, tuple(exps))] = coef
    return system.names, out


@pytest.mark.parametrize("nu", [True, False])
def test_exact_coefficients_match_sympy_for_large_denominators(nu):
    charges = random_charges(3, nu=nu, denominators=BIG)
    vals, structure = parse_charges(charges)
    kernel = paper_kernel(structure)
    exact = kernel.exact_coefficients(vals)
    row = kernel.coefficients(vals)
    assert len(exact) == len(row) == kernel.n_slots
    needs_exact = 0
    for loop in (1, 2):
        names, ref = _sympy_slot_coefficients(structure, vals, loop)
        assert names == kernel.names
        ours = {}
        for k, (i, exps) in enumerate(kernel.slots):
            value = exact[k].get(loop, Fraction(0))
            assert isinstance(value, Fraction)
            if value != 0:
                ours[(i, exps)] = value
                needs_exact += Fraction(float(value)) != value
        # same monomials, same exact rationals
        assert set(ours) == set(ref)
        for key, value in ours.items():
            r = ref[key]
            assert (value.numerator, value.denominator) == (int(r.p), int(r.q)), key
    assert needs_exact > 0  # the large denominators are not representable as floats
    # the float row: sum_n (16 pi^2)^-n P_kn(F), correct to a few ulp of its terms
    pi = sp.pi
    for k in range(kernel.n_slots):
        terms = [
            sp.Rational(v.numerator, v.denominator) / (16 * pi**2) ** loop
            for loop, v in exact[k].items()
        ]
        want = float(sp.N(sp.Add(*terms), 30))
        size = float(sp.N(sp.Add(*[abs(t) for t in terms]), 30))
        assert abs(row[k] - want) <= 1e-14 * size, k


def test_exact_coefficients_need_every_charge():
    kernel, _ = kernel_and_row(benchmark("BM2"))
    vals, _ = parse_charges(benchmark("BM2"))
    del vals["F_psi"]
    with pytest.raises(rgcheck.RGInputError) as err:
        kernel.exact_coefficients(vals)
    assert err.value.field == "charges"


def test_one_kernel_serves_every_charge_set_of_a_field_content():
    systems = {bm: rgcheck.betas(benchmark(bm)) for bm in ("BM2", "BM3", "BM4")}
    kernels = [s.kernel() for s in systems.values()]
    assert all(k is kernels[0] for k in kernels)
    assert kernels[0] is paper_kernel(Structure(nu=(1, 2, 3)))
    assert len({k.key for k in kernels}) == 1
    module = kernels[0].compiled()
    loaded = {m for m in sys.modules if m.startswith("rgcheck_kernel_")}
    rows = [s.coefficients() for s in systems.values()]
    assert not np.array_equal(rows[0], rows[1])
    X = np.full((len(kernels[0].names), 3), 0.5)
    for s in systems.values():  # compiled evaluation with each charge set: no new module
        s.evaluate_array(X, backend="numba")
        assert s.kernel().compiled() is module
    assert {m for m in sys.modules if m.startswith("rgcheck_kernel_")} == loaded
    # a different field content (BM1: no nu_R) has its own kernel; the compiled module is
    # keyed by the generated source, which the nu_R change only through coefficient values,
    # so the two share one compile exactly when their slot structures coincide
    bm1 = rgcheck.betas(benchmark("BM1")).kernel()
    assert bm1 is not kernels[0]
    assert bm1.key != kernels[0].key
    assert (bm1.compiled() is module) == (bm1.source() == kernels[0].source())


def test_backend_name_is_checked():
    kernel, row = kernel_and_row(benchmark("BM3"))
    with pytest.raises(rgcheck.RGInputError) as err:
        kernel.evaluate(np.ones((len(kernel.names), 1)), row, backend="cuda")
    assert err.value.field == "backend"


def test_loop_factor_is_one_over_16_pi_squared():
    # eq. (46): alpha = X^2/(4 pi)^2; betas carry (16 pi^2)^-n at n loops
    assert LOOP_FACTOR == pytest.approx(1 / (16 * math.pi**2), rel=1e-15)
