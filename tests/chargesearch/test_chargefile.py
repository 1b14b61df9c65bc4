"""Charge files: exact round trips in TOML, YAML, JSON; bad input names the field."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from chargesearch.chargefile import dumps_charges, parse_charge_text, read_charges, write_charges
from chargesearch.errors import InputError
from tests.chargesearch.strategies import assignments


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


def test_unreadable_and_wrong_suffix(tmp_path):
    with pytest.raises(InputError, match="readable"):
        read_charges(tmp_path / "missing.toml")
    with pytest.raises(InputError, match=r"\.toml"):
        read_charges(tmp_path / "model.txt")
