"""Charge files: exact round trips in TOML, YAML, JSON; bad input names the field; omitted
single charges are completed with the documented defaults and reported (issue 9)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings

from chargesearch.chargefile import (
    dumps_charges,
    parse_charge_text,
    read_charge_file,
    read_charges,
    write_charges,
)
from chargesearch.errors import InputError
from tests.chargesearch.strategies import assignments
from userfiles.charges import default_phi


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(c=assignments())
def test_round_trip_is_exact(fmt, c):
    assert parse_charge_text(dumps_charges(c, fmt), fmt) == c


@pytest.mark.parametrize("suffix", [".toml", ".yaml", ".json"])
def test_file_round_trip(tmp_path, bm, suffix):
    path = tmp_path / f"model{suffix}"
    write_charges(bm.charges, path)
    assert read_charges(path) == bm.charges


BAD = {
    "non-rational value": ('F_Q1 = "abc"', "F_Q1"),
    "float value": ("F_Q1 = 0.1", "F_Q1"),
    "missing field": ('F_Q1 = "0"', "F_Q2"),
    "unknown field": ('F_X1 = "0"', "F_X1"),
    "neutrino gap": ('F_nu2 = "1"', "F_nu"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_charge_files_name_the_field(tmp_path, case):
    text, field = BAD[case]
    full = "\n".join(f'F_{s}{i} = "0"' for s in "QUDLE" for i in (1, 2, 3))
    lines = {line.split(" = ")[0]: line for line in full.splitlines()}
    key = text.split(" = ")[0]
    if case == "missing field":
        lines.pop("F_Q2")
    else:
        lines[key] = text
    path = tmp_path / "bad.toml"
    path.write_text("\n".join(lines.values()))
    with pytest.raises(InputError) as err:
        read_charges(path)
    assert field in str(err.value)


def test_missing_file_and_wrong_suffix(tmp_path):
    with pytest.raises(InputError, match="an existing file"):
        read_charges(tmp_path / "missing.toml")
    (tmp_path / "model.csv").write_text("F_Q1,F_Q2\n")
    with pytest.raises(InputError, match=r"\.toml"):
        read_charges(tmp_path / "model.csv")


def _fermions(**extra: object) -> str:
    """TOML of all chiral charges 0 (plus ``extra``), no single charges."""
    values: dict[str, object] = {f"F_{s}{i}": 0 for s in "QUDLE" for i in (1, 2, 3)}
    values.update(extra)
    return "\n".join(f'{k} = "{v}"' for k, v in values.items()) + "\n"


def test_missing_single_charges_get_documented_defaults(tmp_path):
    """Reason: a file without F_H, F_S, F_psi, F_phi must not silently become F_phi = 0 (which
    violates (23)); the defaults are (19), (5), Table 3 and the first allowed 1/n, and reported."""
    path = tmp_path / "sol.toml"
    path.write_text(_fermions(F_nu1="1/8"))
    cf = read_charge_file(path)
    assert (cf.charges.H, cf.charges.S, cf.charges.psi) == (0, 0, 1)
    assert cf.charges.phi == Fraction(1, 5)  # 1/4 = 2 F_nu1 is excluded by (10)
    assert list(cf.completed) == ["F_H", "F_psi", "F_S", "F_phi"]
    assert cf.completed["F_H"] == (0, "paper default (19)")
    assert cf.completed["F_S"] == (0, "paper default (5)")
    note = cf.note()
    assert note.startswith("note: F_H, F_psi, F_S, F_phi not in sol.toml; completed with")
    assert "F_psi = 1" in note and "F_phi = 1/5" in note and "\n" not in note


def test_given_single_charges_are_kept_and_not_reported(tmp_path):
    path = tmp_path / "sol.toml"
    path.write_text(_fermions(F_H=0, F_S=0, F_psi="1/3", F_phi=-2))
    cf = read_charge_file(path)
    assert (cf.charges.psi, cf.charges.phi) == (Fraction(1, 3), -2)
    assert cf.completed == {} and cf.note() == "" and str(cf) == ""


def test_default_phi_avoids_majorana_values():
    """Reason: eq. (10) forbids F_phi = +-2 F_nu_i; (23) forbids 0."""
    assert default_phi([]) == Fraction(1, 4)
    assert default_phi([Fraction(1, 8), Fraction(-1, 10), Fraction(1, 12)]) == Fraction(1, 7)


def test_txt_files_are_toml_like_find_output(tmp_path):
    """Reason: ``chargesearch find`` text output (comments + F_X = value) must read back."""
    path = tmp_path / "find.txt"
    path.write_text("# found\n" + _fermions(F_H=0, F_S=0, F_psi=1, F_phi="1/4"))
    assert read_charge_file(path).charges.phi == Fraction(1, 4)


def test_row_only_for_parquet(tmp_path):
    path = tmp_path / "sol.toml"
    path.write_text(_fermions())
    with pytest.raises(InputError, match="row"):
        read_charge_file(path, row=0)
