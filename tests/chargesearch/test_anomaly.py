"""Anomaly conditions (15): known solutions, perturbations, homogeneity (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from chargesearch.anomaly import ANOMALY_NAMES, anomaly_polynomials, anomaly_sums, is_anomaly_free
from tests.chargesearch.strategies import assignments

DEGREE = dict(zip(ANOMALY_NAMES, (1, 1, 1, 1, 2, 3), strict=True))


def test_hypercharge_is_anomaly_free(hypercharge):
    # SPEC section 2: hypercharge itself solves (15)
    assert is_anomaly_free(hypercharge)
    assert is_anomaly_free(replace(hypercharge, nu=()))


def test_b_minus_l_with_nu_r_is_anomaly_free(b_minus_l):
    # SPEC section 2: B - L with three nu_R solves (15) ...
    assert is_anomaly_free(b_minus_l)
    # ... and fails gauge-gravity and U1'^3 without them
    sums = anomaly_sums(replace(b_minus_l, nu=()))
    assert sums["gauge-gravity"] == -3 and sums["U1'^3"] == -3


def test_perturbed_assignment_fails(hypercharge):
    bad = replace(hypercharge, L=(Fraction(-1, 2), Fraction(-1, 2), Fraction(1, 2)))
    sums = anomaly_sums(bad)
    assert sums["SU2^2 U1'"] == 1 and not is_anomaly_free(bad)


def test_benchmarks_are_anomaly_free(bm):
    # Table 3 / Sect. 3.3: all four benchmarks satisfy (15)
    assert is_anomaly_free(bm.charges)


@given(assignments(), st.fractions(min_value=-4, max_value=4, max_denominator=7))
def test_sums_scale_with_their_degree(c, k):
    scaled = anomaly_sums(c.scaled(k))
    for name, value in anomaly_sums(c).items():
        assert scaled[name] == k ** DEGREE[name] * value


@given(assignments())
def test_polynomials_agree_with_direct_sums(c):
    polys = anomaly_polynomials(c.nu_r)
    direct = anomaly_sums(c)
    for name, poly in polys.items():
        assert poly.evaluate(dict(c)) == direct[name]
