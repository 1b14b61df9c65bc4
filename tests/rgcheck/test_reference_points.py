"""Cross-check of the full two-loop BSM system against the paper's Planck-safe reference points.

SPEC section 6 / paper Figs. 4, 6, 9, 11: at the reference points
{alpha4, eta, alpha_y, alpha_delta, alpha_deltatilde, alpha_u, alpha_v, alpha_w, alpha_s}(mu0)
with the Table 4 SM inputs, every BM runs to M_Pl = 1e19 GeV without a pole and with a
stable potential in the V+ vacuum (u > 0). This is only a smoke test of the betas (the
verdict machinery is a later issue): we check finiteness (every alpha < 10 along the flow),
lambda, s, Delta > 0 and the portal conditions (13)-(14) on 250 log-equidistant scales.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

import rgcheck
from rgcheck.benchmarks import benchmark

F = 4 * np.pi
TABLE4 = {
    5: dict(a1=8.46e-4, a2=2.52e-3, a3=6.09e-3, at=4.00e-3, ab=1.02e-6, al=4.80e-4),
    3: dict(a1=8.40e-4, a2=2.54e-3, a3=6.37e-3, at=4.17e-3, ab=1.07e-6, al=5.18e-4),
}
REF = {  # mu0 [TeV], alpha4, alpha_y, alpha_delta, alpha_deltatilde, u, v, w, s
    "BM1": (5, 1.87e-2, 10**-0.5, 10**-2.5, 10**-2, 1e-4, 1e-5, 1e-6, 1e-2),
    "BM2": (5, 5.97e-3, 10**-0.5, 10**-1.5, 10**-1.5, 1e-4, 1e-5, 1e-6, 1e-2),
    "BM3": (5, 4.60e-2, 10**-0.5, 10**-2.5, 10**-2.5, 1e-4, 1e-5, 1e-6, 10**-3.5),
    "BM4": (3, 2.45e-2, 10**-0.5, 10**-1.5, 10**-2, 1e-4, 1e-5, 1e-6, 1e-2),
}


@pytest.mark.parametrize("bm", list(REF))
def test_reference_point_is_planck_safe(bm):
    mu0, a4, ay, ad, adt, au, av, aw, as_ = REF[bm]
    t = TABLE4[mu0]
    system = rgcheck.betas(benchmark(bm))
    c0 = dict(
        g1=F * t["a1"] ** 0.5,
        g2=F * t["a2"] ** 0.5,
        g3=F * t["a3"] ** 0.5,
        g4=F * a4**0.5,
        g14=0.0,
        yt=F * t["at"] ** 0.5,
        yb=F * t["ab"] ** 0.5,
        y=F * ay**0.5,
        lam=F * F * t["al"],
        s=F * F * as_,
        u=F * F * au,
        v=F * F * av,
        delta=F * F * ad,
        deltatilde=F * F * adt,
        w=F * F * aw,
    )
    names = system.names
    T = np.log(1e19 / (mu0 * 1e3))

    def rhs(_t, x):
        return system.evaluate_array(np.asarray(x)[:, None])[:, 0]

    sol = solve_ivp(rhs, [0, T], [c0[k] for k in names], rtol=1e-7, atol=1e-12, dense_output=True)
    assert sol.success and sol.t[-1] == pytest.approx(T)
    d = dict(zip(names, sol.sol(np.linspace(0, T, 250)), strict=True))
    for k in names:
        alpha = (
            d[k] ** 2 / F**2
            if k in ("g1", "g2", "g3", "g4", "g14", "yt", "yb", "y")
            else np.abs(d[k]) / F**2
        )
        assert np.all(alpha < 10), k
    lam, s, u, v = d["lam"], d["s"], d["u"], d["v"]
    dl, dt, w = d["delta"], d["deltatilde"], d["w"]
    assert np.all(u > 0)  # V+ vacuum
    D = u / 3 + v
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
