"""The running API (rgcheck/running.py, rgcheck/dopri.py, rgcheck/verdicts.py).

Physics: paper Sect. 4, SPEC section 6 ("Planck safety", stability conditions (13)-(14),
outcome classes, reference points); conventions: docs/rgcheck-running.md.

(a) accuracy of the compiled Dormand-Prince integrator against scipy's DOP853 on the same
    kernel; run_batch with mixed charge sets equals separate runs;
(b) the verdict classes, failed conditions and failure scales, and the result layout;
(c) bad input raises RGInputError naming the field.

The field contents used are those of the benchmarks (BM1: no nu_R; BM2-BM4: three nu_R), so
the compiled kernels are shared with the other rgcheck tests.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

import rgcheck
from rgcheck import FailedCondition, RGInputError, RunConfig, Verdict
from rgcheck.api import parse_charges
from rgcheck.benchmarks import benchmark, sample_point
from rgcheck.couplings import BSM_ALPHAS
from rgcheck.running import M_PLANCK_GEV, paper_kernel

BMS = ("BM1", "BM2", "BM3", "BM4")
LOOP = 1.0 / (16.0 * math.pi**2)  # alpha_Z = Z/(4 pi)^2, eq. (46)


def start(bm: str, **override):
    """(charges, initial couplings, mu0) at BMk's sample point (SPEC section 6) with
    overrides of the alphas (alpha_4, eta and the seven of (48)); SM from Table 4."""
    mu0, alphas = sample_point(bm)
    return benchmark(bm), rgcheck.initial_couplings(mu0, {**alphas, **override}), mu0


def psi_s_off(bm: str, **override):
    """Paper Sect. 4.3 ff./SPEC section 6: the psi and S interactions switched off
    (alpha_y = alpha_u = alpha_v = alpha_delta = alpha_w = 0); phi keeps alpha_s."""
    off = dict(alpha_y=0.0, alpha_u=0.0, alpha_v=0.0, alpha_delta=0.0, alpha_w=0.0)
    return start(bm, **{**off, **override})


# ---- (a) accuracy --------------------------------------------------------------------------
ACCURACY_POINTS = {
    # the Fig. 4 sample point
    "BM1-sample": ("BM1", {}),
    # kinetic mixing at mu0 (eta != 0, i.e. g14 != 0; eq. (18))
    "BM2-eta": ("BM2", {"eta": 0.05}),
    "BM3-eta": ("BM3", {"eta": -0.01}),
    # negative quartics at mu0: V- vacuum (u < 0, u + v > 0, (14)) and w < 0; u turns positive
    # on the way (one V- -> V+ transition, tested below)
    "BM4-negative": ("BM4", {"alpha_u": -1e-4, "alpha_v": 1e-3, "alpha_w": -1e-5}),
}


def scipy_reference(charges, initial, mu0: float, mu_end: float) -> dict[str, float]:
    """Couplings at mu_end from scipy's DOP853 (rtol 1e-12, atol 1e-16) on the same kernel
    (its compiled beta_kernel called point by point)."""
    vals, structure = parse_charges(charges)
    kernel = paper_kernel(structure)
    row = kernel.coefficients(vals)
    beta = kernel.compiled().beta_kernel
    out = np.empty(len(kernel.names))

    def rhs(_t: float, x: np.ndarray) -> np.ndarray:
        beta(x, row, out)
        return out.copy()

    x0 = np.array([initial[n] for n in kernel.names], dtype=float)
    sol = solve_ivp(
        rhs, (math.log(mu0), math.log(mu_end)), x0, method="DOP853", rtol=1e-12, atol=1e-16
    )
    assert sol.status == 0
    return dict(zip(kernel.names, sol.y[:, -1], strict=True))


@pytest.mark.parametrize("point", list(ACCURACY_POINTS))
def test_final_couplings_agree_with_scipy_dop853(point):
    bm, override = ACCURACY_POINTS[point]
    charges, init, mu0 = start(bm, **override)
    res = rgcheck.run(charges, init, mu0)
    # these points run to the Planck scale, so the comparison covers the whole range
    assert res.verdict is Verdict.STABLE_VPLUS
    assert res.end_scale_gev == pytest.approx(M_PLANCK_GEV, rel=1e-12)
    if "eta" in override:
        assert init["g14"] != 0.0
    ref = scipy_reference(charges, init, mu0, M_PLANCK_GEV)
    for name, want in ref.items():
        # docs/rgcheck-running.md: 1e-6 relative at the default rtol 1e-8 (about 1e-8 found)
        assert res.final[name] == pytest.approx(want, rel=1e-6, abs=1e-12), name


def test_run_batch_with_two_charge_sets_equals_two_runs():
    # BM2 and BM3 share the field content (three nu_R): one compiled call
    ch2, init2, mu0 = start("BM2")
    ch3, init3, _ = start("BM3")
    # a pole case (psi interactions off, S decoupled), so the verdicts differ in the batch
    init3_off = psi_s_off("BM3", alpha_u=1e-4, alpha_v=1e-5)[1]
    stack = {k: np.array([init2[k], init3[k], init3_off[k], init2[k]]) for k in init2}
    stack["g4"][3] *= 1.05  # a fourth, distinct point
    index = np.array([0, 1, 1, 0])
    batch = rgcheck.run_batch([ch2, ch3], index, stack, mu0)
    assert batch.shape == (4,)
    for n, charges in enumerate([ch2, ch3, ch3, ch2]):
        alone = rgcheck.run(charges, {k: float(v[n]) for k, v in stack.items()}, mu0)
        assert batch.verdict[n] is alone.verdict
        assert batch.failed_condition[n] is alone.failed_condition
        assert batch.steps[n] == alone.steps
        for k in batch.names:
            assert batch.final[k][n] == pytest.approx(alone.final[k], rel=1e-14, abs=0), k
    assert list(batch.verdict) == [
        Verdict.STABLE_VPLUS,
        Verdict.STABLE_VPLUS,
        Verdict.POLE,
        Verdict.STABLE_VPLUS,
    ]


# ---- (b) verdicts --------------------------------------------------------------------------
@pytest.mark.parametrize("bm", BMS)
def test_sample_points_are_stable_vplus(bm):
    # SPEC section 6 "Reference points": Planck-safe trajectories with stable V+
    res = rgcheck.run(*start(bm))
    assert res.verdict is Verdict.STABLE_VPLUS
    assert res.planck_safe is True
    assert res.failure_scale_gev is None
    assert res.failed_condition is FailedCondition.NONE
    assert res.final["u"] > 0  # V+ at M_Pl (Delta = u/3 + v, (14))


def test_landau_pole_with_psi_s_interactions_off():
    # SPEC section 6 / paper Sect. 4.5: BM3 with the psi, S interactions off has a putative
    # pole near 25 TeV (the paper's value is read off a plot: factor 1.35 as in
    # test_landau_poles). u = v = 0 makes the potential degenerate, so only the pole
    # criterion is applied (RunConfig.poles_only).
    charges, init, mu0 = psi_s_off("BM3")
    cfg = RunConfig(poles_only=True)
    res = rgcheck.run(charges, init, mu0, config=cfg)
    assert res.verdict is Verdict.POLE
    assert res.failed_condition is FailedCondition.ALPHA_BOUND
    assert 25e3 / 1.35 < res.failure_scale_gev < 25e3 * 1.35
    assert res.end_scale_gev == pytest.approx(res.failure_scale_gev, rel=1e-12)
    # the coupling that crossed the bound is g4 (default bound 10, docstring of RunConfig)
    assert res.final_alphas()["alpha_4"] > cfg.pole_alpha
    # trajectory: finite up to the stop, NaN at the check scales after it
    a4 = res.trajectory.alphas()["alpha_4"]
    scales = res.trajectory.scales_gev
    assert np.all(np.isfinite(a4[scales < res.failure_scale_gev]))
    assert np.all(np.isnan(a4[scales > res.failure_scale_gev]))


def test_degenerate_s_potential_fails_delta_condition_at_mu0():
    # (14): Delta = u/3 + v > 0 is strict, so u = v = 0 is 'unstable' at mu0 when the vacuum
    # conditions are applied (the reason for poles_only above)
    charges, init, mu0 = psi_s_off("BM3")
    res = rgcheck.run(charges, init, mu0)
    assert res.verdict is Verdict.UNSTABLE
    assert res.failed_condition is FailedCondition.DELTA
    assert res.failure_scale_gev == pytest.approx(mu0, rel=1e-12)
    # tiny S self-couplings keep S decoupled (y = delta = w = 0, S is a gauge singlet with
    # F_S = 0): then the full checks find the same pole as poles_only
    decoupled = psi_s_off("BM3", alpha_u=1e-4, alpha_v=1e-5)
    full = rgcheck.run(*decoupled)
    only = rgcheck.run(*psi_s_off("BM3"), config=RunConfig(poles_only=True))
    assert full.verdict is Verdict.POLE
    assert full.failure_scale_gev == pytest.approx(only.failure_scale_gev, rel=1e-2)


def test_negative_s_at_mu0_is_unstable():
    # (13): s > 0
    charges, init, mu0 = start("BM2", alpha_s=-1e-3)
    res = rgcheck.run(charges, init, mu0)
    assert res.verdict is Verdict.UNSTABLE
    assert res.failed_condition is FailedCondition.S
    assert res.failure_scale_gev == pytest.approx(mu0, rel=1e-12)
    assert res.steps == 0
    assert res.planck_safe is False


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("coupling", ["g4", "lam", "w"])
def test_non_finite_initial_values_are_poles(coupling, bad):
    charges, init, mu0 = start("BM4")
    init = dict(init)
    init[coupling] = bad
    res = rgcheck.run(charges, init, mu0)  # never an exception
    assert res.verdict is Verdict.POLE
    assert res.failed_condition is FailedCondition.NON_FINITE
    assert res.failure_scale_gev == pytest.approx(mu0, rel=1e-12)


def test_non_finite_entry_in_a_batch_affects_only_its_trajectory():
    charges, init, mu0 = start("BM4")
    arr = {k: np.full(3, v) for k, v in init.items()}
    arr["g4"][1] = math.nan
    res = rgcheck.run(charges, arr, mu0)
    assert list(res.verdict) == [Verdict.STABLE_VPLUS, Verdict.POLE, Verdict.STABLE_VPLUS]
    assert res.failed_condition[1] is FailedCondition.NON_FINITE


def test_step_budget_exhausted_is_a_pole():
    charges, init, mu0 = start("BM1")
    res = rgcheck.run(charges, init, mu0, config=RunConfig(max_steps=5))
    assert res.verdict is Verdict.POLE
    assert res.failed_condition is FailedCondition.MAX_STEPS
    assert res.steps == 5
    assert mu0 < res.failure_scale_gev < M_PLANCK_GEV


def sm_like(bm: str = "BM1", **override):
    """alpha_4 and every BSM coupling zero except tiny s, u, v > 0 (required by the strict
    conditions s > 0, Delta > 0 of (13)-(14); phi and S are then decoupled singlets): the
    SM running with Table 4 inputs."""
    zero = {a: 0.0 for a in BSM_ALPHAS}
    return start(
        bm, alpha_4=0.0, **{**zero, "alpha_s": 1e-4, "alpha_u": 1e-4, "alpha_v": 1e-5, **override}
    )


def test_sm_like_higgs_is_metastable():
    # Buttazzo et al. 2013 (arXiv:1307.3536): the SM Higgs quartic crosses zero at
    # ~1e10-1e11 GeV and stays above lambda ~ -0.015 (alpha_lambda ~ -1e-4, eq. (46)) up to
    # M_Pl: the SM vacuum is metastable. With Table 4 inputs and two-loop running the
    # crossing is at ~2e10 GeV and min alpha_lambda ~ -7.7e-5.
    charges, init, mu0 = sm_like()
    cfg = RunConfig()
    res = rgcheck.run(charges, init, mu0, config=cfg)
    assert res.failed_condition is FailedCondition.LAMBDA
    assert 1e8 < res.failure_scale_gev < 1e12
    # the class is fixed by min alpha_lambda against RunConfig.higgs_unstable_alpha (-1e-4,
    # SPEC section 6 outcome classes)
    assert cfg.higgs_unstable_alpha < res.min_alpha_lambda < 0
    assert res.verdict is Verdict.HIGGS_METASTABLE
    assert res.planck_safe is False
    assert res.end_scale_gev == pytest.approx(M_PLANCK_GEV, rel=1e-12)  # runs to the end
    # min_alpha_lambda is the minimum over the check scales
    a_lam = res.trajectory.alphas()["alpha_lambda"]
    assert np.nanmin(a_lam) == pytest.approx(res.min_alpha_lambda, rel=1e-12)
    # the failure scale is the first check scale with lambda < 0
    first = res.trajectory.scales_gev[np.argmax(a_lam < 0)]
    assert res.failure_scale_gev == pytest.approx(first, rel=1e-12)
    # with a threshold above that minimum the same trajectory is higgs_unstable: it stops
    # at the first check scale below the threshold; the failure scale stays the crossing
    strict = RunConfig(higgs_unstable_alpha=res.min_alpha_lambda / 2)
    res2 = rgcheck.run(charges, init, mu0, config=strict)
    assert res2.verdict is Verdict.HIGGS_UNSTABLE
    assert res2.failed_condition is FailedCondition.LAMBDA
    assert res2.failure_scale_gev == pytest.approx(res.failure_scale_gev, rel=1e-12)
    assert res2.min_alpha_lambda < strict.higgs_unstable_alpha
    assert res2.failure_scale_gev < res2.end_scale_gev < M_PLANCK_GEV
    assert res2.final["lam"] * LOOP < strict.higgs_unstable_alpha


def test_stable_vminus():
    # u < 0 with u + v > 0 ((14), vacuum V-). Only V+ is realised at M_Pl in the paper's
    # scans (SPEC section 6), and none of a grid of ~2000 BM2/BM4 points stayed in V-, so
    # this runs BM4 from 3 TeV to 10 TeV only: alpha_u stays negative there.
    charges, init, mu0 = start("BM4", alpha_y=0.03, alpha_u=-1e-2, alpha_v=1e-1, alpha_w=-1e-5)
    res = rgcheck.run(charges, init, mu0, 1e4)
    assert res.verdict is Verdict.STABLE_VMINUS
    assert res.planck_safe is True
    assert res.vacuum_transitions == 0
    a = res.trajectory.alphas()
    assert np.all(a["alpha_u"] < 0)
    assert np.all(a["alpha_u"] + a["alpha_v"] > 0)


def test_vacuum_transition_is_counted():
    # BM4 starting in V- (alpha_u = -1e-4, alpha_v = 1e-3) turns to V+: one transition, and
    # the verdict names the vacuum at the end scale (docs/rgcheck-running.md, Verdicts)
    bm, override = ACCURACY_POINTS["BM4-negative"]
    res = rgcheck.run(*start(bm, **override))
    assert res.verdict is Verdict.STABLE_VPLUS
    assert res.vacuum_transitions == 1
    u = res.trajectory.values["u"]
    assert u[0] < 0 < u[-1]
    assert np.count_nonzero(np.diff(np.sign(u))) == 1


def test_trajectory_layout():
    cfg = RunConfig(n_checks=40)
    charges, init, mu0 = start("BM3")
    res = rgcheck.run(charges, init, mu0, 1e15, config=cfg)
    tr = res.trajectory
    assert tr.scales_gev.shape == (40,)
    assert tr.scales_gev[0] == pytest.approx(mu0, rel=1e-12)
    assert tr.scales_gev[-1] == pytest.approx(1e15, rel=1e-12)
    steps = np.diff(np.log(tr.scales_gev))
    np.testing.assert_allclose(steps, steps[0], rtol=1e-9)  # log-equidistant
    for k in res.names:
        assert tr.values[k].shape == (40,)
        assert tr.values[k][0] == pytest.approx(init[k], rel=1e-15, abs=0)
        assert tr.values[k][-1] == pytest.approx(res.final[k], rel=1e-15, abs=0)
    # default: 250 checks (paper footnote 4)
    assert RunConfig().n_checks == 250
    assert rgcheck.run(charges, init, mu0).trajectory.scales_gev.shape == (250,)
    # without storage
    assert (
        rgcheck.run(charges, init, mu0, config=RunConfig(store_trajectory=False)).trajectory is None
    )


def test_scalar_run_gives_floats():
    res = rgcheck.run(*start("BM2"))
    assert res.shape == ()
    assert set(res.final) == set(rgcheck.COUPLINGS)
    assert all(type(v) is float for v in res.final.values())
    assert all(type(v) is float for v in res.final_alphas().values())
    assert isinstance(res.verdict, Verdict)
    assert isinstance(res.failed_condition, FailedCondition)
    assert type(res.steps) is int and res.steps > 0
    assert type(res.mu0_gev) is float
    assert res.counts() == {v.value: int(v is Verdict.STABLE_VPLUS) for v in Verdict}


def test_array_inputs_give_arrays_of_the_input_shape():
    y = np.array([[10**-0.5, 0.0, 10**-0.5], [0.0, 10**-0.5, 10**-0.5]])
    s = np.array([[1e-2, 1e-2, -1e-3], [1e-2, 1e-2, 1e-2]])
    charges, arr, mu0 = start("BM4", alpha_y=y, alpha_s=s)
    res = rgcheck.run(charges, arr, mu0, config=RunConfig(n_checks=30))
    assert res.shape == (2, 3)
    for v in res.final.values():
        assert isinstance(v, np.ndarray) and v.shape == (2, 3)
    for field in (
        "verdict",
        "failed_condition",
        "failure_scale_gev",
        "end_scale_gev",
        "steps",
        "min_alpha_lambda",
        "vacuum_transitions",
        "planck_safe",
    ):
        assert np.shape(getattr(res, field)) == (2, 3), field
    assert res.trajectory.values["g4"].shape == (2, 3, 30)
    expect = np.array(
        [
            [Verdict.STABLE_VPLUS, Verdict.POLE, Verdict.UNSTABLE],
            [Verdict.POLE, Verdict.STABLE_VPLUS, Verdict.STABLE_VPLUS],
        ]
    )
    assert (res.verdict == expect).all()
    # NaN failure scale for the safe ones
    assert np.isnan(res.failure_scale_gev[res.planck_safe]).all()
    assert np.isfinite(res.failure_scale_gev[~res.planck_safe]).all()
    counts = res.counts()
    assert sum(counts.values()) == 6
    assert counts == {
        "stable_vplus": 3,
        "stable_vminus": 0,
        "pole": 2,
        "unstable": 1,
        "higgs_unstable": 0,
        "higgs_metastable": 0,
    }


# ---- (c) bad input ---------------------------------------------------------------------------
def _field(call) -> str:
    with pytest.raises(RGInputError) as err:
        call()
    return err.value.field


def test_bad_initial_couplings():
    charges, init, mu0 = start("BM1")
    assert _field(lambda: rgcheck.run(charges, {**init, "gX": 1.0}, mu0)) == "gX"
    missing = {k: v for k, v in init.items() if k != "w"}
    assert _field(lambda: rgcheck.run(charges, missing, mu0)) == "w"


def test_bad_scales():
    charges, init, mu0 = start("BM1")
    assert _field(lambda: rgcheck.run(charges, init, 1e19, 1e19)) == "mu0"
    assert _field(lambda: rgcheck.run(charges, init, 1e6, 1e5)) == "mu0"
    assert _field(lambda: rgcheck.run(charges, init, -5e3)) == "mu0"
    assert _field(lambda: rgcheck.run(charges, init, mu0, math.inf)) == "mu_end"


def test_bad_run_config():
    assert _field(lambda: RunConfig(n_checks=1)) == "RunConfig.n_checks"
    assert _field(lambda: RunConfig(rtol=-1)) == "RunConfig.rtol"
    assert _field(lambda: RunConfig(pole_alpha=math.nan)) == "RunConfig.pole_alpha"
    assert _field(lambda: RunConfig(max_steps=0)) == "RunConfig.max_steps"
    assert _field(lambda: RunConfig(higgs_unstable_alpha=1e-4)) == "RunConfig.higgs_unstable_alpha"
    charges, init, mu0 = start("BM1")
    assert _field(lambda: rgcheck.run(charges, init, mu0, config={"rtol": 1e-8})) == "config"


def test_bad_alphas_in_initial_couplings():
    mu0, alphas = sample_point("BM2")
    # alpha_y = y^2/(4 pi)^2 is a square, eq. (46)
    assert _field(lambda: rgcheck.initial_couplings(mu0, {**alphas, "alpha_y": -1e-2})) == (
        "alpha_y"
    )
    # |eta| < 1 (kinetic mixing, eq. (18))
    for eta in (1.0, -1.5):
        assert _field(lambda eta=eta: rgcheck.initial_couplings(mu0, {**alphas, "eta": eta})) == (
            "eta"
        )
    without_y = {k: v for k, v in alphas.items() if k != "alpha_y"}
    assert _field(lambda: rgcheck.initial_couplings(mu0, without_y)) == "alpha_y"
    assert _field(lambda: rgcheck.initial_couplings(mu0, {**alphas, "alpha_q": 1.0})) == ("alpha_q")


def test_run_batch_needs_one_field_content():
    ch1, init, mu0 = start("BM1")  # no nu_R
    ch2 = benchmark("BM2")  # three nu_R
    assert _field(lambda: rgcheck.run_batch([ch1, ch2], [0], init, mu0)) == "charge_sets"
    assert _field(lambda: rgcheck.run_batch([], [0], init, mu0)) == "charge_sets"
    assert _field(lambda: rgcheck.run_batch([ch1], [1], init, mu0)) == "set_index"


def test_bad_config_types_and_indices():
    assert _field(lambda: RunConfig(rtol=True)) == "RunConfig.rtol"
    assert RunConfig(n_checks=np.int64(100)).n_checks == 100
    ch1, init, mu0 = start("BM1")
    assert _field(lambda: rgcheck.run_batch([ch1], [0.7], init, mu0)) == "set_index"


def test_missing_charge_names_the_charge():
    _, init, mu0 = start("BM1")
    model = rgcheck.paper_model(rgcheck.Structure(nu=()))
    charges = {k: v for k, v in benchmark("BM1").items() if k != "F_psi"}
    assert _field(lambda: rgcheck.run_model(model, charges, init, mu0)) == "F_psi"


def test_more_threads_than_cores_and_empty_batches_run():
    charges, init, mu0 = start("BM3")
    res = rgcheck.run(charges, init, mu0, config=RunConfig(threads=1000, store_trajectory=False))
    assert res.verdict is Verdict.STABLE_VPLUS
    # the Higgs quartic of the Fig. 9 point stays positive: its minimum is finite and > 0
    assert 0 < res.min_alpha_lambda < 1
    empty = {k: np.zeros(0) for k in init}
    assert rgcheck.run(charges, empty, mu0).counts()["stable_vplus"] == 0
