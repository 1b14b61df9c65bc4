"""The paper's Planck-safe reference points through the full two-loop BSM system.

SPEC section 6 / paper Figs. 4, 6, 9, 11: at the reference points
{alpha4, eta, alpha_y, alpha_delta, alpha_deltatilde, alpha_u, alpha_v, alpha_w, alpha_s}(mu0)
with the Table 4 SM inputs, every BM runs to M_Pl = 1e19 GeV without a pole and with a
stable potential in the V+ vacuum (u > 0). ``rgcheck.run`` must say so (``stable_vplus``),
and we re-check its verdict independently on the stored trajectory: every alpha below the
pole bound 10 and the conditions (13)-(14) at the 250 log-equidistant check scales (paper
footnote 4).
"""

from __future__ import annotations

import numpy as np
import pytest

import rgcheck
from rgcheck import FailedCondition, Verdict
from rgcheck.benchmarks import benchmark, sample_point
from rgcheck.couplings import GAUGE_YUKAWA

F = 4 * np.pi
# SPEC section 6 "Reference points" (figure captions), mu0 from eq. (47): the data file
# rgcheck/data/benchmarks.yaml (sample_point) must hold exactly these.
REF = {  # mu0 [GeV], alpha4, eta, alpha_y, alpha_delta, alpha_deltatilde, u, v, w, s
    "BM1": (5e3, 1.87e-2, 0, 10**-0.5, 10**-2.5, 10**-2, 1e-4, 1e-5, 1e-6, 1e-2),
    "BM2": (5e3, 5.97e-3, 0, 10**-0.5, 10**-1.5, 10**-1.5, 1e-4, 1e-5, 1e-6, 1e-2),
    "BM3": (5e3, 4.60e-2, 0, 10**-0.5, 10**-2.5, 10**-2.5, 1e-4, 1e-5, 1e-6, 10**-3.5),
    "BM4": (3e3, 2.45e-2, 0, 10**-0.5, 10**-1.5, 10**-2, 1e-4, 1e-5, 1e-6, 1e-2),
}
ORDER = (
    "alpha_4",
    "eta",
    "alpha_y",
    "alpha_delta",
    "alpha_deltatilde",
    "alpha_u",
    "alpha_v",
    "alpha_w",
    "alpha_s",
)


@pytest.mark.parametrize("bm", list(REF))
def test_sample_point_data_matches_spec(bm):
    mu0, alphas = sample_point(bm)
    assert mu0 == pytest.approx(REF[bm][0], rel=1e-12)
    assert set(alphas) == set(ORDER)
    for name, want in zip(ORDER, REF[bm][1:], strict=True):
        assert alphas[name] == pytest.approx(want, rel=1e-12, abs=0), name


@pytest.mark.parametrize("bm", list(REF))
def test_reference_point_is_planck_safe(bm):
    mu0, alphas = sample_point(bm)
    init = rgcheck.initial_couplings(mu0, alphas)  # SM alphas: Table 4 (data file)
    res = rgcheck.run(benchmark(bm), init, mu0)  # to M_Pl = 1e19 GeV, 250 checks
    assert res.verdict is Verdict.STABLE_VPLUS
    assert res.planck_safe
    assert res.failure_scale_gev is None
    assert res.failed_condition is FailedCondition.NONE
    assert res.end_scale_gev == pytest.approx(1e19, rel=1e-12)

    d = res.trajectory.values
    assert res.trajectory.scales_gev.shape == (250,)
    for k in res.names:
        assert np.all(np.isfinite(d[k])), k
        alpha = d[k] ** 2 / F**2 if k in GAUGE_YUKAWA else np.abs(d[k]) / F**2
        assert np.all(alpha < 10), k
    lam, s, u, v = d["lam"], d["s"], d["u"], d["v"]
    dl, dt, w = d["delta"], d["deltatilde"], d["w"]
    assert np.all(u > 0)  # V+ vacuum at every check scale
    D = u / 3 + v  # (14), N_f = 3
    assert np.all(lam > 0) and np.all(s > 0) and np.all(D > 0)
    dp = dl + 2 * np.sqrt(lam * D)
    dtp = dt + 2 * np.sqrt(lam * s)
    wp = w + 2 * np.sqrt(s * D)
    assert np.all(dp > 0) and np.all(dtp > 0) and np.all(wp > 0)
    tri = (
        2 * np.sqrt(lam * D * s)
        + dl * np.sqrt(s)
        + dt * np.sqrt(D)
        + w * np.sqrt(lam)
        + np.sqrt(dp * dtp * wp)
    )
    assert np.all(tri > 0)
