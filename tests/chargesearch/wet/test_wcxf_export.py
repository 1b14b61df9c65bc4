"""WCxf export of the Z' Wilson coefficients (chargesearch.wet.wcxf_export)."""

from __future__ import annotations

import math

import pytest
import yaml  # type: ignore[import-untyped]

from chargesearch.benchmarks import benchmark
from chargesearch.constants import constant
from chargesearch.errors import InputError
from chargesearch.matching import GEV_PER_TEV, Lepton, flavoured_wilson, g_bs_left
from chargesearch.phenomenology.dineutrino import dineutrino_parameter
from chargesearch.wet import EXPORTED_KEYS, wet_coefficients, write_wcxf

BMS = ("BM1", "BM2", "BM3", "BM4")


@pytest.mark.parametrize("name", BMS)
@pytest.mark.parametrize("rh_ratio", [0.0, 0.1])
def test_b_to_sll_matches_flavoured_wilson(name: str, rh_ratio: float) -> None:
    bm = benchmark(name)
    wet = wet_coefficients(bm.charges, 1.3, bm.mu0_TeV, rh_ratio)
    assert tuple(wet) == EXPORTED_KEYS
    fw = flavoured_wilson(bm.charges, 1.3, bm.mu0_TeV, rh_ratio)
    for lep in Lepton:
        ll = f"bs{lep.value}{lep.value}"
        got = (wet[f"C9_{ll}"], wet[f"C10_{ll}"], wet[f"C9p_{ll}"], wet[f"C10p_{ll}"])
        assert got == pytest.approx(fw[lep].as_tuple(), abs=1e-15)


@pytest.mark.parametrize("name", BMS)
def test_dineutrino_coefficients_match_eq59(name: str) -> None:
    """CL_bsnuinui = a F_Li X_SM / 2 with a of eq. (59); CR = r CL."""
    bm = benchmark(name)
    g4, mass = 1.7, bm.mu0_TeV
    wet = wet_coefficients(bm.charges, g4, mass, rh_ratio=0.2)
    a = dineutrino_parameter(bm.charges, g4, mass)
    for i, nu in enumerate(("nue", "numu", "nutau"), start=1):
        expected = a * float(bm.charges[f"F_L{i}"]) * constant("X_SM_nunu") / 2.0
        assert wet[f"CL_bs{nu}{nu}"] == pytest.approx(expected, rel=1e-12, abs=1e-15)
        assert wet[f"CR_bs{nu}{nu}"] == pytest.approx(0.2 * expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name", BMS)
def test_delta_b2_matches_paper_eq93(name: str) -> None:
    """CVLL = -(4 G_F/sqrt2)(V_tb V_ts^*)^2 C_LL with C_LL etc. of eq. (93)."""
    bm = benchmark(name)
    g4, mass, r = 2.0, bm.mu0_TeV, 0.1
    wet = wet_coefficients(bm.charges, g4, mass, rh_ratio=r)
    gf, vv, m2 = constant("G_F"), constant("Vtb_Vts"), (mass * GEV_PER_TEV) ** 2
    g_l = g_bs_left(bm.charges, g4)
    g_r = r * g_l
    c_ll = g_l**2 / (4 * math.sqrt(2) * gf * vv**2 * m2)
    c_rr = g_r**2 / (4 * math.sqrt(2) * gf * vv**2 * m2)
    c_lr = math.sqrt(2) / (4 * gf) * g_l * g_r / (vv**2 * m2)
    norm = -4 * gf / math.sqrt(2) * vv**2
    assert wet["CVLL_bsbs"] == pytest.approx(norm * c_ll, rel=1e-12)
    assert wet["CVRR_bsbs"] == pytest.approx(norm * c_rr, rel=1e-12)
    assert wet["CVLR_bsbs"] == pytest.approx(norm * c_lr, rel=1e-12)
    assert wet["CVLL_bsbs"].real < 0  # same sign as the SM C_VLL: constructive, eq. (97)


def test_sm_limit_all_zero() -> None:
    wet = wet_coefficients(benchmark("BM2").charges, 0.0, 5.0, rh_ratio=0.3)
    assert all(v == 0 and math.copysign(1.0, v.real) > 0 for v in wet.values())


def test_bad_inputs() -> None:
    charges = benchmark("BM1").charges
    with pytest.raises(InputError, match="running"):
        wet_coefficients(charges, 1.0, 5.0, running="nlo")
    with pytest.raises(InputError, match="mass"):
        wet_coefficients(charges, 1.0, -5.0)
    with pytest.raises(InputError, match="scale"):
        wet_coefficients(charges, 1.0, 5.0, scale_GeV=0.0)


def test_write_wcxf_yaml(tmp_path) -> None:
    bm = benchmark("BM3")
    path = write_wcxf(tmp_path / "bm3.yaml", bm.charges, 2.69, bm.mu0_TeV, scale_GeV=4.8)
    doc = yaml.safe_load(path.read_text())
    assert (doc["eft"], doc["basis"], doc["scale"]) == ("WET", "flavio", 4.8)
    assert doc["values"] == wet_coefficients(bm.charges, 2.69, bm.mu0_TeV)
    assert not list(tmp_path.glob(".*tmp"))  # the temporary file was renamed


def test_write_wcxf_bad_path(tmp_path) -> None:
    charges = benchmark("BM1").charges
    with pytest.raises(InputError, match="wcxf path"):
        write_wcxf(tmp_path / "missing" / "out.yaml", charges, 1.0, 5.0)
    with pytest.raises(InputError, match="wcxf path"):
        write_wcxf(tmp_path, charges, 1.0, 5.0)


def test_wcxf_round_trip_with_wilson(tmp_path) -> None:
    wilson = pytest.importorskip("wilson")
    bm = benchmark("BM2")
    values = wet_coefficients(bm.charges, 0.97, bm.mu0_TeV, rh_ratio=0.1)
    path = write_wcxf(tmp_path / "bm2.yaml", bm.charges, 0.97, bm.mu0_TeV, rh_ratio=0.1)
    with path.open() as handle:
        w = wilson.Wilson.load_wc(handle)
    assert (w.wc.eft, w.wc.basis, w.wc.scale) == ("WET", "flavio", 4.8)
    w.wc.validate()  # every name exists in the WCxf WET flavio basis
    loaded = w.wc.dict
    assert set(loaded) == set(values)
    for key, value in values.items():
        assert loaded[key] == pytest.approx(value, rel=1e-12, abs=1e-30)


def test_wilson_running_of_delta_b2() -> None:
    """running='wilson': C_VLL gets the QCD factor (~0.75 from 5 TeV), C9 almost unchanged."""
    pytest.importorskip("wilson")
    bm = benchmark("BM2")
    tree = wet_coefficients(bm.charges, 0.97, bm.mu0_TeV)
    run = wet_coefficients(bm.charges, 0.97, bm.mu0_TeV, running="wilson")
    assert 0.65 < (run["CVLL_bsbs"] / tree["CVLL_bsbs"]).real < 0.85
    assert run["C9_bsmumu"] == pytest.approx(tree["C9_bsmumu"], rel=0.05)
    assert run["C10_bsmumu"] == pytest.approx(tree["C10_bsmumu"], rel=0.05)
    assert run["CL_bsnumunumu"] == pytest.approx(tree["CL_bsnumunumu"], rel=1e-6)
