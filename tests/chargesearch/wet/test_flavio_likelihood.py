"""Optional flavio likelihood (chargesearch.wet.flavio_likelihood).

The flavio tests use the cheap groups and n_sm = 20 SM samples so that a cold covariance
cache costs seconds; covariances are cached under $CHARGESEARCH_CACHE_DIR (or ~/.cache).
"""

from __future__ import annotations

import builtins
import math

import pytest

from chargesearch.benchmarks import benchmark
from chargesearch.errors import InputError
from chargesearch.matching import Lepton, flavoured_wilson
from chargesearch.phenomenology.dineutrino import dineutrino_ratio
from chargesearch.wet import GROUP_NAMES, best_alpha4_along_ray, group_chi2, wet_coefficients
from chargesearch.wet import flavio_likelihood as fl

CHEAP = ["Bs->mumu", "DeltaMs"]
N_SM = 20


def test_group_names() -> None:
    assert set(GROUP_NAMES) == {"b->smumu", "b->see", "RK(*)", "Bs->mumu", "DeltaMs", "B->Knunu"}


def test_unknown_group_is_input_error() -> None:
    with pytest.raises(InputError, match=r"likelihood group.*one of b->smumu"):
        fl.resolve_groups(["Bs->mumu", "R_D"])
    with pytest.raises(InputError, match="likelihood group"):
        fl.resolve_groups([])


def test_missing_flavio_is_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("flavio", "wilson"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(InputError, match=r"pip install -e '\.\[flavio\]'"):
        group_chi2({}, ["DeltaMs"])
    with pytest.raises(InputError, match=r"pip install -e '\.\[flavio\]'"):
        wet_coefficients(benchmark("BM1").charges, 1.0, 5.0, running="wilson")


def test_cache_key_depends_on_group_and_samples() -> None:
    pytest.importorskip("flavio")
    a = fl.cache_key(fl.GROUPS["DeltaMs"], 20, 5000)
    assert a != fl.cache_key(fl.GROUPS["DeltaMs"], 100, 5000)
    assert a != fl.cache_key(fl.GROUPS["Bs->mumu"], 20, 5000)


def test_sm_limit() -> None:
    """Zero couplings: every coefficient vanishes and chi2 equals the SM chi2."""
    pytest.importorskip("flavio")
    wet = wet_coefficients(benchmark("BM2").charges, 0.0, 5.0)
    res = group_chi2(wet, CHEAP, n_sm=N_SM)
    assert set(res) == set(CHEAP)
    for r in res.values():
        assert r.chi2 == pytest.approx(r.chi2_sm, abs=1e-9)
        assert r.pull == pytest.approx(0.0, abs=1e-4)
        assert r.chi2_sm >= 0


def test_delta_ms_grows_with_coupling() -> None:
    pytest.importorskip("flavio")
    bm = benchmark("BM2")
    small = group_chi2(wet_coefficients(bm.charges, 0.5, 5.0), ["DeltaMs"], n_sm=N_SM)
    large = group_chi2(wet_coefficients(bm.charges, 4.0, 5.0), ["DeltaMs"], n_sm=N_SM)
    assert large["DeltaMs"].chi2 > small["DeltaMs"].chi2
    assert large["DeltaMs"].pull < 0


def _flavio_ratio(obs: str | tuple[str, float, float], wet: dict) -> float:
    flavio = pytest.importorskip("flavio")
    wilson = pytest.importorskip("wilson")
    w = wilson.Wilson({k: v for k, v in wet.items() if v}, scale=4.8, eft="WET", basis="flavio")
    args = obs if isinstance(obs, tuple) else (obs,)
    return float(flavio.np_prediction(args[0], w, *args[1:]) / flavio.sm_prediction(*args))


def test_leading_order_comparison() -> None:
    """Small coupling: flavio's B(B+ -> K+ nu nu)/SM against eq. (59), R_K against LO."""
    pytest.importorskip("flavio")
    bm = benchmark("BM3")  # F_L2, F_L3 same sign: linear interference in (59)
    unit = flavoured_wilson(bm.charges, 1.0, bm.mu0_TeV)
    g4 = math.sqrt(-0.05 / unit[Lepton.MU].C9)  # C9_mu = -0.05
    wet = wet_coefficients(bm.charges, g4, bm.mu0_TeV)
    assert wet["C9_bsmumu"] == pytest.approx(-0.05)

    ours = dineutrino_ratio(bm.charges, g4, bm.mu0_TeV) - 1.0
    theirs = _flavio_ratio("BR(B+->Knunu)", wet) - 1.0
    assert ours > 0
    assert theirs == pytest.approx(ours, rel=0.08)  # X_SM/2 = -6.32 vs flavio's C_L^SM

    from chargesearch.phenomenology.lfu import r_k

    lo = r_k(flavoured_wilson(bm.charges, g4, bm.mu0_TeV)) - 1.0
    full = _flavio_ratio(("<Rmue>(B+->Kll)", 1.1, 6.0), wet) - 1.0
    assert lo < 0
    assert full == pytest.approx(lo, rel=0.15)


def test_delta_ms_reproduces_eq97_with_running() -> None:
    """BM2: flavio's Delta M_s/SM with wilson running equals eq. (97) (200 (5 TeV/M)^2 g^2)."""
    pytest.importorskip("flavio")
    from chargesearch.matching import g_bs_left
    from chargesearch.phenomenology.bs_mixing import delta_ms_ratio

    bm = benchmark("BM2")
    g4 = 0.97
    wet = wet_coefficients(bm.charges, g4, bm.mu0_TeV, running="wilson")
    paper = delta_ms_ratio(g_bs_left(bm.charges, g4), 0.0, bm.mu0_TeV) - 1.0
    assert _flavio_ratio("DeltaM_s", wet) - 1.0 == pytest.approx(paper, rel=0.05)


def test_model_chi2_matches_group_chi2() -> None:
    pytest.importorskip("flavio")
    bm = benchmark("BM2")
    direct = group_chi2(wet_coefficients(bm.charges, 0.9, 5.0, running="wilson"), CHEAP,
                        n_sm=N_SM)
    assert fl.model_chi2(bm.charges, 0.9, 5.0, CHEAP, n_sm=N_SM) == direct


def test_best_alpha4_along_ray() -> None:
    pytest.importorskip("flavio")
    bm = benchmark("BM2")
    fit = best_alpha4_along_ray(bm.charges, bm.mu0_TeV, CHEAP, n_sm=N_SM)
    alpha4, results = fit  # unpacks as (alpha4, per-group results)
    assert alpha4 >= 0
    assert set(results) == set(CHEAP)
    assert fit.chi2 <= fit.chi2_sm + 1e-9
    assert fit.pull >= 0
    assert fit.g4 == pytest.approx(4 * math.pi * math.sqrt(alpha4))


def test_unknown_coefficient_is_input_error() -> None:
    pytest.importorskip("flavio")
    with pytest.raises(InputError, match="WCxf WET flavio basis"):
        group_chi2({"C99_foo": 1.0}, ["DeltaMs"], n_sm=N_SM)


@pytest.mark.slow
def test_all_groups_bm2_ray() -> None:
    """All groups, default samples (cold cache: minutes).  BM2 improves b -> s mu mu."""
    pytest.importorskip("flavio")
    bm = benchmark("BM2")
    fit = best_alpha4_along_ray(bm.charges, bm.mu0_TeV)
    assert set(fit.results) == set(GROUP_NAMES)
    assert 1e-3 < fit.alpha4 < 1e-2
    assert fit.results["b->smumu"].pull > 2
    assert fit.pull > 0
