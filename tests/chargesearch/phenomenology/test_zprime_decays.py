"""Z' widths (60)-(65) and branching fractions of Table 5."""

from __future__ import annotations

import math

import pytest

from chargesearch.matching import match_alpha4
from chargesearch.phenomenology.zprime_decays import (
    fermion_width_factor,
    scalar_width_factor,
    zprime_decays,
)
from chargesearch.scenarios import scenario

# eqs. (62)-(65): Gamma_tot / M_Z' with psi open, two decimals
WIDTHS = {"BM1": 0.43, "BM2": 0.14, "BM3": 0.73, "BM4": 0.43}
# Table 5 (percent), integer-quoted entries: tolerance 1 point
TABLE5_MAJOR = {
    "BM1": {"mu": 15, "tau": 15, "nu": 15, "psi": 54},
    "BM2": {"jets": 14, "mu": 9, "tau": 9, "nu": 18, "psi": 46},
    "BM3": {"jets": 5, "mu": 4, "tau": 4, "nu": 8, "psi": 79},
    "BM4": {"mu": 3, "tau": 11, "nu": 14, "psi": 72},
}


def _decays(bm):
    alpha4 = match_alpha4(bm.charges, scenario(bm.scenario), bm.mu0_TeV).alpha4
    return zprime_decays(bm.charges, alpha4)


def test_total_width(bm):
    assert _decays(bm).width_over_mass == pytest.approx(WIDTHS[bm.name], abs=0.005)


def test_branching_fractions_table5(bm):
    br = _decays(bm).branching_percent()
    for group, value in TABLE5_MAJOR[bm.name].items():
        assert br[group] == pytest.approx(value, abs=1.0), group
    assert br["e"] == 0 and br["h"] == 0  # (8), (19)
    assert sum(br.values()) == pytest.approx(100.0)


def test_massless_limit_and_threshold():
    # (60): m -> 0 gives F_L^2 + F_R^2; closed below threshold; vector coupling at m = M/4
    assert fermion_width_factor(0.3, 0.4) == pytest.approx(0.25)
    assert fermion_width_factor(1, 1, 0.5) == 0
    x = 1 / 16
    assert fermion_width_factor(1, 1, 0.25) == pytest.approx(math.sqrt(1 - 4 * x) * (2 + 4 * x))
    assert scalar_width_factor(1.0, 0.25) == pytest.approx((1 - 4 * x) ** 1.5)


def test_heavy_psi_closes_the_invisible_channel(bm):
    # closing Z' -> psi psi (m_psi > M/2) scales the other BRs by 1 / (1 - B_psi)
    alpha4 = match_alpha4(bm.charges, scenario(bm.scenario), bm.mu0_TeV).alpha4
    mass = 1000 * bm.mu0_TeV
    open_ = zprime_decays(bm.charges, alpha4)
    closed = zprime_decays(bm.charges, alpha4, mass, {"psi": 0.6 * mass})
    growth = closed.branching_percent()["mu"] / open_.branching_percent()["mu"]
    assert growth == pytest.approx(1 / (1 - open_.branching_percent()["psi"] / 100), rel=1e-12)
    # Table 5 caption: "roughly a factor of 2" for BM1, 2 (BM3, BM4 quoted as 4 and 5, but
    # Table 5's own B_psi = 79%, 72% give 4.7 and 3.6: see docs/findings.md)
    if bm.name in {"BM1", "BM2"}:
        assert growth == pytest.approx(2, rel=0.1)


def test_top_mass_suppression_eq60():
    # (60) for a vector-like coupling (F_L = F_R): sqrt(1 - 4x)(1 + 2x), x = m_t^2 / M^2
    from chargesearch.benchmarks import benchmark
    from chargesearch.constants import constant
    from chargesearch.summary import summarise

    bm1 = benchmark("BM1")
    massless = summarise(bm1.charges, scenario("C9"), 5.0).decays.partial["t"]
    massive = summarise(bm1.charges, scenario("C9"), 5.0, with_masses=True).decays.partial["t"]
    x = (constant("masses")["t"] / 5000.0) ** 2
    assert massive / massless == pytest.approx(math.sqrt(1 - 4 * x) * (1 + 2 * x), rel=1e-12)
