"""Compiled RG running of many trajectories: Dormand-Prince 5(4) with per-trajectory step
control, verdict checks at log-equidistant scales (paper footnote 4), parallel over
trajectories (numba ``prange``).

This file is the template of the compiled module: :mod:`rgcheck.kernel` appends the generated
``beta_kernel(x, c, out)`` of a field content and compiles both together, so the kernel is
inlined into the integrator and one compile serves every charge set of that content.

Integration variable t = ln(mu / GeV). Trajectory n starts at T0[n] from X0[n] with the
coefficient row coef[set_idx[n]] and is sampled at ``n_checks`` equidistant points in t from
T0[n] to T1[n] (both included); the steps are clamped to land on the samples. At every
accepted step the pole criterion is checked; at every sample the vacuum conditions (13)-(14).
A failing trajectory stops early (see :mod:`rgcheck.verdicts` for the classification).

Butcher tableau: J. R. Dormand, P. J. Prince, J. Comput. Appl. Math. 6 (1980) 19, Table 2
(the 5th-order solution is propagated, FSAL); step-size control as in Hairer, Norsett, Wanner,
Solving ODEs I, Sect. II.4 (safety 0.9, factor bounds 0.2 and 10).
"""

from __future__ import annotations

import math

import numba
import numpy as np

# ---- verdict and condition codes (mirrored by the enums of rgcheck.verdicts) -------------
RUNNING = -1
STABLE_VPLUS = 0
STABLE_VMINUS = 1
POLE = 2
UNSTABLE = 3
HIGGS_UNSTABLE = 4
HIGGS_METASTABLE = 5

OK = 0
COND_LAMBDA = 1  # lambda > 0                                  (13)
COND_DELTA = 2  # Delta > 0, Delta = u/N_f + v (u >= 0) or u + v (14)
COND_S = 3  # s > 0                                              (13)
COND_DELTA_PRIME = 4  # delta + 2 sqrt(lambda Delta) > 0         (13)
COND_DELTATILDE_PRIME = 5  # deltatilde + 2 sqrt(lambda s) > 0   (13)
COND_W_PRIME = 6  # w + 2 sqrt(s Delta) > 0                       (13)
COND_TRIPLE = 7  # the last condition of (13)
COND_ALPHA_BOUND = 8  # some alpha above the pole bound
COND_NON_FINITE = 9  # NaN or inf
COND_STEP_COLLAPSE = 10  # step size below the minimum
COND_MAX_STEPS = 11  # step budget exhausted

INV16PI2 = 1.0 / (16.0 * math.pi**2)

# Dormand-Prince 5(4)
C2, C3, C4, C5 = 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0
A21 = 1.0 / 5.0
A31, A32 = 3.0 / 40.0, 9.0 / 40.0
A41, A42, A43 = 44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0
A51, A52, A53, A54 = 19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0
A61, A62, A63 = 9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0
A64, A65 = 49.0 / 176.0, -5103.0 / 18656.0
B1, B3, B4, B5, B6 = 35.0 / 384.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0
# error weights: (5th order) - (4th order) solution
E1, E3, E4 = 71.0 / 57600.0, -71.0 / 16695.0, 71.0 / 1920.0
E5, E6, E7 = -17253.0 / 339200.0, 22.0 / 525.0, -1.0 / 40.0


def beta_kernel(x, c, out):  # pragma: no cover - replaced by the generated kernel
    raise NotImplementedError("compiled together with a generated kernel (rgcheck.kernel)")


@numba.njit(cache=True)
def stability_code(lam, s, u, v, dl, dt, w, n_f):
    """First failing condition of (13)-(14) in the paper's order, or OK."""
    if not lam > 0.0:
        return COND_LAMBDA
    big_delta = u / n_f + v if u >= 0.0 else u + v
    if not big_delta > 0.0:
        return COND_DELTA
    if not s > 0.0:
        return COND_S
    dp = dl + 2.0 * math.sqrt(lam * big_delta)
    if not dp > 0.0:
        return COND_DELTA_PRIME
    dtp = dt + 2.0 * math.sqrt(lam * s)
    if not dtp > 0.0:
        return COND_DELTATILDE_PRIME
    wp = w + 2.0 * math.sqrt(s * big_delta)
    if not wp > 0.0:
        return COND_W_PRIME
    tri = (
        2.0 * math.sqrt(lam * big_delta * s)
        + dl * math.sqrt(s)
        + dt * math.sqrt(big_delta)
        + w * math.sqrt(lam)
        + math.sqrt(dp * dtp * wp)
    )
    if not tri > 0.0:
        return COND_TRIPLE
    return OK


@numba.njit(cache=True)
def pole_code(x, quartic, alpha_max):
    """COND_NON_FINITE, COND_ALPHA_BOUND or OK; alpha = X^2/(4 pi)^2 (gauge, Yukawa) or
    |Z|/(4 pi)^2 (quartics), eq. (46)."""
    for i in range(x.shape[0]):
        xi = x[i]
        if not math.isfinite(xi):
            return COND_NON_FINITE
        a = abs(xi) * INV16PI2 if quartic[i] else xi * xi * INV16PI2
        if a > alpha_max:
            return COND_ALPHA_BOUND
    return OK


@numba.njit(cache=True)
def dopri_step(x, c, h, k1, k2, k3, k4, k5, k6, k7, xs, xnew):
    """One Dormand-Prince step of size h from x (k1 = beta(x) given); fills xnew and k7 =
    beta(xnew) and returns the error vector's weighted components in k2 (reused)."""
    n = x.shape[0]
    for i in range(n):
        xs[i] = x[i] + h * A21 * k1[i]
    beta_kernel(xs, c, k2)
    for i in range(n):
        xs[i] = x[i] + h * (A31 * k1[i] + A32 * k2[i])
    beta_kernel(xs, c, k3)
    for i in range(n):
        xs[i] = x[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i])
    beta_kernel(xs, c, k4)
    for i in range(n):
        xs[i] = x[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i])
    beta_kernel(xs, c, k5)
    for i in range(n):
        xs[i] = x[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i])
    beta_kernel(xs, c, k6)
    for i in range(n):
        xnew[i] = x[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i])
    beta_kernel(xnew, c, k7)
    for i in range(n):
        k2[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i])


@numba.njit(cache=True)
def integrate_one(n, X0, T0, T1, c, quartic, stab, params, outs):
    """Run trajectory n; results go to row n of the output arrays ``outs`` = (samples, final,
    verdict, fail_t, fail_cond, min_alpha_lam, steps, transitions, t_end); ``params`` = (n_f,
    n_checks, rtol, atol, min_step, max_steps, alpha_max, higgs_alpha, store)."""
    n_f, n_checks, rtol, atol, min_step, max_steps, alpha_max, higgs_alpha, store = params
    samples, final, verdict, fail_t, fail_cond, min_alpha_lam, steps, transitions, t_end = outs
    dim = X0.shape[1]
    x = X0[n].copy()
    k1 = np.empty(dim)
    k2 = np.empty(dim)
    k3 = np.empty(dim)
    k4 = np.empty(dim)
    k5 = np.empty(dim)
    k6 = np.empty(dim)
    k7 = np.empty(dim)
    xs = np.empty(dim)
    xnew = np.empty(dim)
    t0 = T0[n]
    t1 = T1[n]
    span = t1 - t0
    t = t0
    h = span / (n_checks - 1)
    state = RUNNING
    cond = OK
    t_fail = np.nan
    higgs_failed = False
    alam_min = np.inf
    n_steps = 0
    n_trans = 0
    u_sign = 0.0
    has_vacuum = stab[1] >= 0

    pc = pole_code(x, quartic, alpha_max)
    if pc != OK:
        state = POLE
        cond = pc
        t_fail = t
    else:
        beta_kernel(x, c, k1)
    j = 0
    while state == RUNNING and j < n_checks:
        if j > 0:
            tj = t0 + span * j / (n_checks - 1)
            while t < tj:
                hs = h
                clamped = False
                if t + hs >= tj:
                    hs = tj - t
                    clamped = True
                dopri_step(x, c, hs, k1, k2, k3, k4, k5, k6, k7, xs, xnew)
                err = 0.0
                for i in range(dim):
                    sc = atol + rtol * max(abs(x[i]), abs(xnew[i]))
                    err += (k2[i] / sc) ** 2
                err = math.sqrt(err / dim)
                if err <= 1.0:  # accepted (False for NaN)
                    t = tj if clamped else t + hs
                    for i in range(dim):
                        x[i] = xnew[i]
                        k1[i] = k7[i]
                    n_steps += 1
                    pc = pole_code(x, quartic, alpha_max)
                    if pc != OK:
                        state = POLE
                        cond = pc
                        t_fail = t
                        break
                    fac = 10.0 if err == 0.0 else min(10.0, 0.9 * err**-0.2)
                    h = max(h, hs * fac) if clamped else hs * fac
                else:
                    fac = 0.2 if not math.isfinite(err) else max(0.2, 0.9 * err**-0.2)
                    h = hs * fac
                if h < min_step:
                    state = POLE
                    cond = COND_STEP_COLLAPSE
                    t_fail = t
                    break
                if n_steps >= max_steps:
                    state = POLE
                    cond = COND_MAX_STEPS
                    t_fail = t
                    break
            if state != RUNNING:
                break
        if store:
            for i in range(dim):
                samples[n, j, i] = x[i]
        if stab[0] >= 0:
            lam = x[stab[0]]
            alam = lam * INV16PI2
            alam_min = min(alam_min, alam)
            if higgs_failed:
                if alam < higgs_alpha:
                    state = HIGGS_UNSTABLE
            elif has_vacuum:
                code = stability_code(
                    lam,
                    x[stab[1]],
                    x[stab[2]],
                    x[stab[3]],
                    x[stab[4]],
                    x[stab[5]],
                    x[stab[6]],
                    n_f,
                )
                if code == COND_LAMBDA:
                    higgs_failed = True
                    cond = code
                    t_fail = t
                    if alam < higgs_alpha:
                        state = HIGGS_UNSTABLE
                elif code != OK:
                    state = UNSTABLE
                    cond = code
                    t_fail = t
                else:
                    sign = 1.0 if x[stab[2]] >= 0.0 else -1.0
                    if u_sign != 0.0 and sign != u_sign:
                        n_trans += 1
                    u_sign = sign
            elif not lam > 0.0:
                higgs_failed = True
                cond = COND_LAMBDA
                t_fail = t
                if alam < higgs_alpha:
                    state = HIGGS_UNSTABLE
        j += 1
    if state == RUNNING:
        if higgs_failed:
            state = HIGGS_METASTABLE
        elif has_vacuum and x[stab[2]] < 0.0:
            state = STABLE_VMINUS
        else:
            state = STABLE_VPLUS
    if store:
        for jj in range(j, n_checks):  # samples never reached
            for i in range(dim):
                samples[n, jj, i] = np.nan
    for i in range(dim):
        final[n, i] = x[i]
    verdict[n] = state
    fail_cond[n] = cond
    fail_t[n] = t_fail
    min_alpha_lam[n] = alam_min
    steps[n] = n_steps
    transitions[n] = n_trans
    t_end[n] = t


@numba.njit(parallel=True, cache=True)
def integrate_batch(X0, T0, T1, coef, set_idx, quartic, stab, params, outs):
    """All trajectories, in parallel (see the module docstring and :func:`integrate_one`)."""
    for n in numba.prange(X0.shape[0]):
        integrate_one(n, X0, T0, T1, coef[set_idx[n]], quartic, stab, params, outs)


@numba.njit(parallel=True, cache=True)
def evaluate_batch(X, coef, set_idx, out):
    """Betas at the points X (N, n) with coefficient rows coef[set_idx[n]] -> out (N, n)."""
    for n in numba.prange(X.shape[0]):
        beta_kernel(X[n], coef[set_idx[n]], out[n])
