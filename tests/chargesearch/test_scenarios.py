"""User-supplied fit scenarios: schema checked where they enter."""

from __future__ import annotations

import pytest

from chargesearch.errors import InputError
from chargesearch.matching import match_alpha4
from chargesearch.scenarios import load_scenarios, scenario


def test_user_scenario_file(tmp_path, bm):
    path = tmp_path / "fit.yaml"
    path.write_text("scenarios:\n  new:\n    coordinates: {C9: [-0.5, 0.1]}\n")
    scn = scenario("new", path)
    assert match_alpha4(bm.charges, scn, bm.mu0_TeV).wilson.C9 == pytest.approx(-0.5)


@pytest.mark.parametrize(
    "body, field",
    [
        ("scenarios:\n  x:\n    coordinates: {C11: [1, 1]}\n", "C11"),
        ("scenarios:\n  x:\n    coordinates: {C9: [1, -1]}\n", "C9"),
        ("scenarios:\n  x:\n    coordinates: {C9: [1]}\n", "C9"),
        ("nothing: 1\n", "fit.yaml"),
    ],
)
def test_bad_scenario_files(tmp_path, body, field):
    path = tmp_path / "fit.yaml"
    path.write_text(body)
    with pytest.raises(InputError) as err:
        load_scenarios(path)
    assert field in str(err.value)
