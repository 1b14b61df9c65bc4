"""Charge model: construction, mapping protocol, normalisation (hypothesis properties)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargesearch.charges import (
    CHARGE_LIMIT,
    ChargeAssignment,
    all_charge_names,
    check_bounded,
    parse_fraction,
)
from chargesearch.errors import InputError
from tests.chargesearch.strategies import assignments


def test_mapping_names_follow_vocabulary(bm):
    names = list(bm.charges)
    assert names[:3] == ["F_Q1", "F_Q2", "F_Q3"]
    assert names[-4:] == ["F_H", "F_psi", "F_S", "F_phi"]
    assert tuple(names) == all_charge_names(bm.charges.nu_r)
    assert all(isinstance(v, Fraction) for v in bm.charges.values())


def test_bm1_has_no_right_handed_neutrinos():
    from chargesearch.benchmarks import benchmark

    # Sect. 3.3: right-handed neutrinos are omitted in BM1
    assert benchmark("BM1").charges.nu_r == 0
    assert "F_nu1" not in benchmark("BM1").charges


def test_defaults_are_paper_eqs_5_6(bm):
    # eqs. (5), (6): N_f = 3, Y_psi = 0, r2 = r3 = 1, F_S = 0
    c = bm.charges
    assert (c.N_f, c.Y_psi, c.r2, c.r3, c.S) == (3, 0, 1, 1, 0)


@given(assignments())
def test_normalisation_is_idempotent(c):
    n = c.normalised()
    assert n.normalised() == n


@given(assignments(), st.fractions(min_value=-7, max_value=7, max_denominator=9).filter(bool))
def test_normalisation_removes_overall_scale(c, factor):
    assert c.scaled(factor).normalised() == c.normalised()


@given(assignments())
def test_normalised_largest_fermion_charge_is_one(c):
    fermions = [abs(x) for x in c.normalised().fermion_charges]
    if any(fermions):
        assert max(fermions) == 1


def test_wrong_generation_count_is_refused():
    with pytest.raises(InputError, match="F_Q"):
        ChargeAssignment(Q=(1, 2), U=(0, 0, 0), D=(0, 0, 0), L=(0, 0, 0), E=(0, 0, 0))


def test_float_charges_are_refused():
    with pytest.raises(InputError, match="F_Q1"):
        ChargeAssignment(Q=(0.1, 0, 0), U=(0, 0, 0), D=(0, 0, 0), L=(0, 0, 0), E=(0, 0, 0))


def test_table_layout_matches_table3(bm):
    header, row = bm.charges.table().splitlines()
    assert header.split(" | ")[0] == "F_Qi"
    assert len(row.split(" | ")) == 9


@pytest.mark.parametrize(
    "value",
    [1.5e308, float("nan"), float("inf"), 0.1, "1e999999999", "nan", "inf", "1/0", "1" * 65, True],
)
def test_inexact_or_unbounded_numbers_are_refused_quickly(value):
    """Reason (issue 9): floats are inexact, 1.5e308 is not a charge, and the exponent form
    "1e999999999" would make Fraction() compute a 10**9-digit integer (a hang)."""
    with pytest.raises(InputError, match="F_Q1") as err:
        parse_fraction(value, "F_Q1")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("text, value", [("-9/10", Fraction(-9, 10)), (" 0.25 ", Fraction(1, 4)),
                                         ("+3", Fraction(3)), (2.0, Fraction(2))])
def test_exact_forms_are_accepted(text, value):
    assert parse_fraction(text, "F_Q1") == value


def test_charge_limit_is_documented_bound():
    """Reason: file charges are bounded (|numerator|, denominator < 10**12)."""
    assert check_bounded(Fraction(CHARGE_LIMIT - 1, 7), "F_Q1") == Fraction(CHARGE_LIMIT - 1, 7)
    for bad in (Fraction(CHARGE_LIMIT), Fraction(1, CHARGE_LIMIT), Fraction(-(10**5000))):
        with pytest.raises(InputError, match="10\\^12") as err:
            check_bounded(bad, "F_Q1")
        assert len(str(err.value)) < 200


def test_unknown_key_with_newline_stays_one_line():
    with pytest.raises(InputError) as err:
        ChargeAssignment.from_mapping({"F_X\nF_Y": 1})
    assert "\n" not in str(err.value)
