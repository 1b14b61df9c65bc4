"""Constraint catalogue: equation numbers, verdicts with reasons, Yukawa textures (16)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from chargesearch.constraints import PAPER_CONSTRAINTS, catalogue, check_all, select
from chargesearch.errors import InputError
from chargesearch.yukawa import allowed_textures, diagonal_flags


def test_every_constraint_carries_its_equation():
    for c in catalogue(3).values():
        assert c.equation.startswith("(") or c.equation.startswith("App.")


def test_benchmarks_satisfy_the_paper_set(bm):
    # Sect. 3.3: BM1-4 comply with (5)-(8), (10), (15), (17), (19), (40)
    verdicts = check_all(bm.charges, PAPER_CONSTRAINTS)
    assert all(v.satisfied for v in verdicts), [str(v) for v in verdicts if not v.satisfied]


def test_violation_is_reported_with_reason(bm):
    moved = replace(bm.charges, L=(Fraction(1), *bm.charges.L[1:]))
    verdict = catalogue(moved.nu_r)["electron"].check(moved)
    assert not verdict.satisfied
    assert "F_L1 = 0" in verdict.violations[0]


def test_wilson_sign_rejects_flipped_muon_charges(bm):
    # (40): flipping F_L2, F_E2 flips the sign of C9 and C10 -> pattern (39) violated
    flipped = replace(bm.charges, L=(bm.charges.L[0], -bm.charges.L[1], bm.charges.L[2]),
                      E=(bm.charges.E[0], -bm.charges.E[1], bm.charges.E[2]))
    assert not catalogue(flipped.nu_r)["wilson-sign"].check(flipped).satisfied


def test_no_majorana_catches_phi_equal_two_nu():
    from chargesearch.benchmarks import benchmark

    bm4 = benchmark("BM4").charges  # F_nu2 = 1/3
    bad = replace(bm4, phi=Fraction(2, 3))
    assert not catalogue(3)["no-majorana"].check(bad).satisfied


def test_representation_constraint():
    from chargesearch.benchmarks import benchmark

    charged_psi = replace(benchmark("BM1").charges, Y_psi=Fraction(1, 2))
    verdict = catalogue(0)["singlet-psi"].check(charged_psi)
    assert not verdict.satisfied and "Y_psi" in verdict.violations[0]


def test_unknown_constraint_name():
    with pytest.raises(InputError, match="constraint"):
        select(["kaon", "no-such"])


EXPECTED_TABLE6 = {  # Table 6: Y^{u,d}_ii, Y^e_ii, Y^nu_ii
    "BM1": (True, True, False),
    "BM2": (True, False, False),
    "BM3": (True, False, False),
    "BM4": (True, True, True),
}


def test_diagonal_yukawas_match_table6(bm):
    flags = diagonal_flags(bm.charges)
    assert (flags["Y_ud_ii"], flags["Y_e_ii"], flags["Y_nu_ii"]) == EXPECTED_TABLE6[bm.name]


def test_textures_shape(bm):
    t = allowed_textures(bm.charges)
    assert len(t["u"]) == 3 and all(len(r) == 3 for r in t["u"])
    assert all(len(r) == bm.charges.nu_r for r in t["nu"])


def test_universal_quarks_allow_full_up_texture():
    # (16): with family-universal quark charges every Y^u_ij is allowed (Sect. 2.3)
    from tests.chargesearch.conftest import family_universal

    c = family_universal(Q="1/6", U="2/3", D="-1/3", L="-1/2", E="-1", nu=0, H="1/2")
    assert all(all(row) for row in allowed_textures(c)["u"])


def test_compose_keeps_labels_and_equations(bm):
    from chargesearch.constraints import compose

    known = catalogue(bm.charges.nu_r)
    both = compose("kaon+electron", [known["kaon"], known["electron"]])
    assert both.equation == "(7) (8)"
    assert both.check(bm.charges).satisfied
    moved = replace(bm.charges, E=(Fraction(1), *bm.charges.E[1:]))
    verdict = both.check(moved)
    assert not verdict.satisfied and verdict.violations[0].startswith("electron: F_E1 = 0")
