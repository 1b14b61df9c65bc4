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


def test_lepton_flavoured_projection(tmp_path, bm):
    """A coordinate can combine the e and mu coefficients: C9Vmu = C9_mu - C9_e; BM1 has no
    electron coupling (8), so matching C9Vmu = -0.5 gives C9^mu = -0.5."""
    path = tmp_path / "fit.yaml"
    path.write_text(
        "scenarios:\n  v:\n    source: test\n    coordinates: {C9Vmu: [-0.5, 0.1]}\n"
        "    projection: {C9Vmu: {C9_mu: 1.0, C9_e: -1.0}}\n"
    )
    scn = scenario("v", path)
    assert scn.source == "test"
    result = match_alpha4(bm.charges, scn, bm.mu0_TeV)
    assert result.wilson.C9 == pytest.approx(-0.5) and result.flavoured.e.C9 == 0


def test_lepton_universal_scenario_is_blind_to_a_muon_only_model_direction():
    """Discovery's direction test (exact): a universal-C9 scenario needs C9^e = C9^mu, which a
    model obeying (8) with C9^mu != 0 does not have; Table 2's 1d C9 takes BM1."""
    from chargesearch.benchmarks import benchmark
    from chargesearch.discover.matching import fits_scenario_direction
    from chargesearch.scenarios import parse_scenarios

    bm = benchmark("BM1")
    universal = parse_scenarios({"scenarios": {"U": {
        "coordinates": {"C9U": [-0.5, 0.2]},
        "projection": {"C9U": {"C9_e": 0.5, "C9_mu": 0.5}},
    }}})["U"]
    assert not fits_scenario_direction(bm.charges, universal)
    assert fits_scenario_direction(bm.charges, scenario("C9"))


@pytest.mark.parametrize(
    "body, field",
    [
        ("scenarios:\n  x:\n    coordinates: {C9: [1, .nan]}\n", "sigma"),
        ("scenarios:\n  x:\n    coordinates: {C9: [1, 0]}\n", "sigma"),
        ("scenarios:\n  x:\n    coordinates: {C9: [.inf, 1]}\n", "C9"),
        ("scenarios:\n  x:\n    coordinates: {C9: [1, 1]}\n    coordinates: {C9: [2, 1]}\n",
         "coordinates"),
        ("scenarios:\n  x:\n    coordinates: {CU: [1, 1]}\n", "projection.CU"),
        ("scenarios:\n  x:\n    coordinates: {CU: [1, 1]}\n    projection: {CU: {C9_x: 1}}\n",
         "projection.CU"),
        ("scenarios: {}\n", "fit.yaml"),
        ("", "fit.yaml"),
    ],
)
def test_more_bad_scenario_files(tmp_path, body, field):
    """NaN or non-positive sigmas, duplicate keys, unknown basis names, empty files: one line."""
    path = tmp_path / "fit.yaml"
    path.write_text(body)
    with pytest.raises(InputError) as err:
        load_scenarios(path)
    assert field in str(err.value) and "\n" not in str(err.value)
