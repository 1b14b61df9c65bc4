"""Charge model: construction, mapping protocol, normalisation (hypothesis properties)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargesearch.charges import ChargeAssignment, all_charge_names
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
