"""The public API of chargesearch is fixed: later issues and users build on it."""

from __future__ import annotations

import chargesearch

PUBLIC = {
    "PAPER_CONSTRAINTS", "ChargeAssignment", "InputError", "NoFitError", "all_benchmarks",
    "allowed_textures", "anomaly_sums", "benchmark", "catalogue", "check_all",
    "is_anomaly_free", "match_alpha4", "parse_formula", "read_charges", "scenario",
    "summarise", "wilson_coefficients", "write_charges",
}


def test_public_names():
    assert PUBLIC <= set(chargesearch.__all__)
    for name in PUBLIC:
        assert hasattr(chargesearch, name)


def test_charge_assignment_is_a_mapping_of_f_names():
    from collections.abc import Mapping

    c = chargesearch.benchmark("BM2").charges
    assert isinstance(c, Mapping)
    assert set(c) >= {"F_Q1", "F_E3", "F_nu3", "F_H", "F_psi", "F_S", "F_phi"}
