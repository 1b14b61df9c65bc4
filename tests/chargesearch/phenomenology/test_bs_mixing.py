"""Bs mixing (41) and Appendix C against Table 6 and eqs. (97), (71)."""

from __future__ import annotations

import pytest

from chargesearch.matching import WilsonCoefficients, match_alpha4
from chargesearch.phenomenology.bs_mixing import bs_mixing, delta_ms_ratio
from chargesearch.phenomenology.lfu import rk_star_over_rk
from chargesearch.scenarios import scenario

# Table 6: r_Bs quoted to two decimals
TABLE6_RBS = {"BM1": 0.35, "BM2": 0.86, "BM3": 0.60, "BM4": 0.70}


def test_r_bs_reproduces_table6(bm):
    g4 = match_alpha4(bm.charges, scenario(bm.scenario), bm.mu0_TeV).g4
    assert bs_mixing(bm.charges, g4, bm.mu0_TeV).r_Bs == pytest.approx(
        TABLE6_RBS[bm.name], abs=0.01
    )


def test_right_handed_current_cancels_delta_ms():
    # eqs. (98)-(101): g_R = g_L / X_s makes the bracket g_L^2/X_s^2, i.e. almost no effect
    g_left = 0.02
    plain = delta_ms_ratio(g_left, 0.0, 5.0)
    cancelled = delta_ms_ratio(g_left, g_left / 10.0, 5.0)
    assert plain == pytest.approx(1 + 200 * g_left**2)
    assert cancelled == pytest.approx(1 + 200 * g_left**2 / 100)


def test_rk_star_over_rk_eq71():
    # eq. (71) with p = 0.86: C9' - C10' = -0.1 gives 1 + 0.048 * 0.86
    w = WilsonCoefficients(-0.8, 0.2, -0.08, 0.02)
    assert rk_star_over_rk(w) == pytest.approx(1 + 0.48 * 0.86 * 0.1)
