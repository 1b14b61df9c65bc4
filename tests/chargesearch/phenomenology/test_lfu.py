"""R_K, R_K* at leading order (Hiller-Schmaltz, the paper's ref. [99]) and lepton-flavoured
Wilson coefficients (34) for e, mu, tau."""

from __future__ import annotations

from fractions import Fraction

import pytest

from chargesearch.benchmarks import benchmark
from chargesearch.charges import ChargeAssignment
from chargesearch.matching import (
    FlavouredWilson,
    Lepton,
    WilsonCoefficients,
    flavoured_wilson,
    match_alpha4,
)
from chargesearch.phenomenology.lfu import r_k, r_k_star, rk_star_over_rk
from chargesearch.scenarios import scenario

ZERO = WilsonCoefficients(0.0, 0.0)


def _mu_only(w: WilsonCoefficients) -> FlavouredWilson:
    return FlavouredWilson(ZERO, w, ZERO)


def test_sm_limit_is_exactly_one():
    """No new physics: R_K = R_K* = 1 (the formula has no SM offset)."""
    assert r_k(_mu_only(ZERO)) == 1.0 and r_k_star(_mu_only(ZERO)) == 1.0


def test_zero_charges_give_zero_wilson_coefficients():
    zero = ChargeAssignment.from_mapping({f"F_{s}{i}": 0 for s in "QUDLE" for i in (1, 2, 3)})
    fw = flavoured_wilson(zero, 1.0, 5.0)
    assert all(v == 0 for v in fw.vector())
    assert r_k(fw) == 1.0


def test_bm1_predicts_rk_near_0p8():
    """BM1 (Table 3, C9 = -0.83, C10 = 0): R_K = 1 + 0.24 C9 = 0.80 at LO [99]."""
    bm = benchmark("BM1")
    fw = match_alpha4(bm.charges, scenario("C9"), bm.mu0_TeV).flavoured
    assert r_k(fw) == pytest.approx(1 - 0.24 * 0.83, abs=1e-9)
    assert r_k_star(fw) == pytest.approx(r_k(fw), abs=1e-12)  # no C' -> R_K* = R_K [99]


def test_ratio_reproduces_eq_71():
    """R_K*/R_K = 1 - 0.48 p (C9' - C10') at leading order, eq. (71), p = 0.86."""
    w = _mu_only(WilsonCoefficients(-0.02, 0.01, 0.03, -0.01))
    linear = r_k_star(w) - r_k(w)
    assert linear == pytest.approx(-0.48 * 0.86 * (0.03 + 0.01), rel=1e-12)
    assert rk_star_over_rk(w.mu) == pytest.approx(1 - 0.48 * 0.86 * 0.04, rel=1e-12)


def test_electron_coefficients_cancel_in_the_ratio():
    """Lepton-universal new physics (C9^e = C9^mu) leaves R_K = 1."""
    w = WilsonCoefficients(-0.8, 0.1)
    assert r_k(FlavouredWilson(w, w, ZERO)) == pytest.approx(1.0, abs=1e-15)


def test_flavoured_coefficients_follow_eq_34_per_generation():
    """C9^l, C10^l are proportional to F_Ei +- F_Li: BM2 (F_L = 0 1 0, F_E = 0 0 1) has
    C9^tau = C10^tau = C9^mu, C10^mu = -C9^mu and no electron coupling."""
    fw = match_alpha4(benchmark("BM2").charges, scenario("C9=-C10"), 5.0).flavoured
    assert fw[Lepton.E] == ZERO
    assert fw.tau.C9 == pytest.approx(fw.mu.C9) and fw.tau.C10 == pytest.approx(fw.mu.C9)
    assert fw.mu.C10 == pytest.approx(-fw.mu.C9)


def test_electron_couplings_enter_when_8_is_off():
    """A charge set with F_L1 = F_E1 != 0 gets C9^e = C9^mu (F_L1 = F_L2, F_E1 = F_E2)."""
    base = dict(benchmark("BM1").charges.items())
    base.update(F_L1=Fraction(-9, 10), F_E1=Fraction(-9, 10), F_L2=Fraction(-9, 10),
                F_E2=Fraction(-9, 10))
    fw = flavoured_wilson(ChargeAssignment.from_mapping(base), 1.0, 5.0)
    assert fw.e.C9 == pytest.approx(fw.mu.C9) and fw.e.C9 != 0
