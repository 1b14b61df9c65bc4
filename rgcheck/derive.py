"""Derive the one- and two-loop beta functions of a :class:`~rgcheck.model.Model` from the
general formulas, exactly in the charges.

Route: every Lagrangian tensor is linear in the couplings; the general formulas
(:mod:`rgcheck.general_formulas`) are contracted numerically as polynomial-valued tensors
(:mod:`rgcheck.polytensor`), with one abelian variable e_f per multiplet for the second
abelian boson. The resulting tensors are projected onto the coupling basis (Yukawa and quartic
invariants; the gauge coupling matrix), the float coefficients are converted to exact
rationals (their denominators divide 2^a 3^b, checked), and finally e_f is replaced by
g14 Y_f + g4 F_f with symbolic charges F_X. The result is a set of exact polynomials in the
couplings and the charge symbols.
"""

from __future__ import annotations

import os
import time
from fractions import Fraction
from typing import cast

import numpy as np

from rgcheck.general_formulas import Composites, Tensors, gauge_beta, quartic_beta, yukawa_beta
from rgcheck.model import Model, Scalar, Weyl
from rgcheck.polynomial import Poly, substitute
from rgcheck.polytensor import PolyTensor
from rgcheck.tensors import B1, B2, build_index, evar, gauge_tensors, quartic_tensor, yukawa_tensor

_DEN = 2**9 * 3**6  # observed denominators divide 2^4 3^3 for the paper model


class DerivationError(RuntimeError):
    pass


def _rationalise(x: float, den: int, what: str, worst: list) -> Fraction:
    v = x * den
    r = round(v)
    err = abs(v - r)
    worst.append(err)
    if err > 0.05:
        raise DerivationError(
            f"coefficient {x!r} of {what} is not a rational with denominator {den}"
        )
    return Fraction(int(r), den)


def _to_poly(coeffs: dict[tuple, float], what: str, worst: list, den: int) -> Poly:
    out: Poly = {}
    for m, x in coeffs.items():
        if abs(x) < 1e-11:
            continue
        f = _rationalise(x, den, what, worst)
        if f:
            out[tuple(sorted(m))] = out.get(tuple(sorted(m)), Fraction(0)) + f
    return {m: c for m, c in out.items() if c}


def check_gauge_invariance(T: PolyTensor, Ts: PolyTensor, ybasis: dict, lbasis: dict) -> None:
    """Every Yukawa and quartic invariant must be SU(3) x SU(2) x U(1)_Y invariant:
    y^a t + t^T y^a + y^b Theta_ba = 0 and sum_legs Theta lambda = 0 (the U(1)' part depends
    on the charge values and is checked by the API). Raises DerivationError naming the
    coupling."""
    for mono in (("g1",), ("g2",), ("g3",)):
        t = T.terms.get(mono)
        th = Ts.terms.get(mono)
        if t is None and th is None:
            continue
        nG = (t if t is not None else cast(np.ndarray, th)).shape[0]
        active = [
            A
            for A in range(nG)
            if (t is not None and np.any(t[A])) or (th is not None and np.any(th[A]))
        ]
        for A in active:
            for name, Y in ybasis.items():
                lhs = np.zeros_like(Y)
                if t is not None:
                    lhs += np.einsum("aik,kj->aij", Y, t[A]) + np.einsum("ki,akj->aij", t[A], Y)
                if th is not None:
                    lhs += np.einsum("bij,ba->aij", Y, th[A])
                if np.abs(lhs).max() > 1e-10 * max(1.0, np.abs(Y).max()):
                    raise DerivationError(f"Yukawa {name} is not invariant under {mono[0]}")
            if th is None or not np.any(th[A]):
                continue
            for name, L in lbasis.items():
                v = np.tensordot(th[A], L, axes=(1, 0))
                tot = (
                    v + v.transpose(1, 0, 2, 3) + v.transpose(1, 2, 0, 3) + v.transpose(1, 2, 3, 0)
                )
                if np.abs(tot).max() > 1e-10 * max(1.0, np.abs(L).max()):
                    raise DerivationError(f"quartic {name} is not invariant under {mono[0]}")


def build_tensors(
    model: Model,
) -> tuple[Tensors, dict[str, np.ndarray], dict[str, np.ndarray], list[int]]:
    idx = build_index(model)
    T, Ts, C2G = gauge_tensors(model, idx)
    y, ybasis = yukawa_tensor(model, idx)
    lam, lbasis = quartic_tensor(model, idx)
    check_gauge_invariance(T, Ts, ybasis, lbasis)
    # Yukawa-active fermion components
    # np.nonzero yields numpy integers; they serve (and are returned) as plain int indices
    act = cast(
        "list[int]",
        sorted(
            {i for arr in ybasis.values() for i in np.nonzero(np.any(arr != 0, axis=(0, 2)))[0]}
        ),
    )
    if not act:
        act = [0]
    ia = np.ix_(act, act)
    Ta = T.map(lambda a: a[:, ia[0], ia[1]].copy())
    ya = y.map(lambda a: a[:, ia[0], ia[1]].copy())
    ybasis_a = {k: v[:, ia[0], ia[1]] for k, v in ybasis.items()}
    return Tensors(T, Ta, Ts, C2G, ya, lam), ybasis_a, lbasis, act


def _project_gauge(b: PolyTensor) -> dict[str, dict[tuple, float]]:
    """d g/dt from beta_abs: Pi = beta_abs/2; dg3 = g3 Pi_gg, dg2 = g2 Pi_WW, and for the
    abelian block with G = [[g1, g14], [0, g4]]:  dg1 = g1 Pi_11, dg4 = g4 Pi_22,
    dg14 = g14 Pi_22 + 2 g1 Pi_12  (from dM/dt = 2 G Pi G^T, M = G G^T)."""
    out: dict[str, dict[tuple, float]] = {k: {} for k in ("g1", "g2", "g3", "g4", "g14")}

    def acc(name, mono, val):
        if abs(val) > 1e-13:
            d = out[name]
            m = tuple(sorted(mono))
            d[m] = d.get(m, 0.0) + val

    for m, a in b.terms.items():
        Pi = 0.5 * a
        acc("g3", (*m, "g3"), Pi[0, 0])
        acc("g2", (*m, "g2"), Pi[8, 8])
        acc("g1", (*m, "g1"), Pi[B1, B1])
        acc("g4", (*m, "g4"), Pi[B2, B2])
        acc("g14", (*m, "g14"), Pi[B2, B2])
        acc("g14", (*m, "g1"), 2 * Pi[B1, B2])
    return out


def _solve(overlaps: PolyTensor, matrix: np.ndarray, names: list[str]) -> tuple[dict, float]:
    """Coefficients c with matrix @ c = overlaps (least squares), per monomial; returns the
    coefficients and the largest relative residual (0 when the beta closes on the basis)."""
    out: dict[str, dict[tuple, float]] = {k: {} for k in names}
    resid = 0.0
    pinv = np.linalg.pinv(matrix)
    for m, a in overlaps.terms.items():
        rhs = np.real(a)
        coef = pinv @ rhs
        nrm = np.abs(rhs).max()
        if np.abs(coef).max() > 1e-8:
            resid = max(resid, float(np.abs(matrix @ coef - rhs).max() / nrm))
        for k, c in zip(names, coef, strict=True):
            if abs(c) > 1e-13:
                out[k][m] = out[k].get(m, 0.0) + float(c)
    return out, resid


def yukawa_projector(ybasis: dict[str, np.ndarray]) -> tuple[PolyTensor, np.ndarray, list[str]]:
    names = list(ybasis)
    ybar = np.array([np.conj(ybasis[k]) for k in names])
    gram = np.array([[np.vdot(ybasis[k], ybasis[l]).real for l in names] for k in names])
    return PolyTensor(ybar.shape, {(): ybar}), gram, names


def quartic_probes(lbasis: dict[str, np.ndarray], n: int = 24, seed: int = 1234):
    names = list(lbasis)
    rng = np.random.default_rng(seed)
    nS = next(iter(lbasis.values())).shape[0]
    v = rng.normal(size=(n, nS))
    mat = np.array(
        [[np.einsum("abcd,a,b,c,d->", lbasis[k], vp, vp, vp, vp) for k in names] for vp in v]
    )
    return PolyTensor(v.shape, {(): v}), mat, names


def e_substitution(model: Model) -> dict[str, Poly]:
    """e_f -> g14 Y_f + g4 F_f  (F_f a linear form in the charge symbols)."""
    subs: dict[str, Poly] = {}
    fields: tuple[Weyl | Scalar, ...] = (*model.weyls, *model.scalars)
    for f in fields:
        p: Poly = {}
        if f.Y:
            p[("g14",)] = Fraction(f.Y)
        for k, c in f.F:
            p[tuple(sorted(("g4", k)))] = p.get(tuple(sorted(("g4", k))), Fraction(0)) + c
        subs[evar(f.name)] = {m: c for m, c in p.items() if c}
    return subs


_WORKER_STATE: dict = {}


def _quartic_all(tens: Tensors, comp: Composites, lbasis: dict, loops: int) -> dict:
    out: dict[int, tuple[dict, float]] = {}
    if not lbasis:
        return out
    probes, mat, names = quartic_probes(lbasis)
    for loop in range(1, loops + 1):
        out[loop] = _solve(quartic_beta(tens, comp, loop, probes=probes), mat, names)
    return out


def _quartic_job() -> dict:
    st = _WORKER_STATE
    return _quartic_all(st["tens"], st["comp"], st["lbasis"], st["loops"])


def _start_quartic_worker(tens: Tensors, comp: Composites, lbasis: dict, loops: int):
    """Fork one worker for the quartic betas (2 cores); None -> compute serially later."""
    if not lbasis or os.environ.get("RGCHECK_SERIAL") or (os.cpu_count() or 1) < 2:
        return None
    try:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
    except (ImportError, ValueError):
        return None
    _WORKER_STATE.update(tens=tens, comp=comp, lbasis=lbasis, loops=loops)
    try:
        pool = ctx.Pool(1)
        return pool, pool.apply_async(_quartic_job)
    except OSError:
        return None
    finally:
        _WORKER_STATE.clear()


def _finish_quartic_worker(pending, tens, comp, lbasis, loops) -> dict:
    if pending is not None:
        pool, res = pending
        try:
            return res.get()
        except Exception:
            pass
        finally:
            pool.close()
            pool.join()
    return _quartic_all(tens, comp, lbasis, loops)


def derive(model: Model, loops: int = 2, verbose: bool = False) -> dict:
    """Exact beta functions: {'betas': {coupling: {loop: Poly}}, 'info': {...}}.

    The polynomials are in the couplings and the charge symbols of ``model.charge_keys``;
    loop factors (16 pi^2)^-n are NOT included (they are applied by the API)."""
    t0 = time.perf_counter()
    tens, ybasis, lbasis, _act = build_tensors(model)
    info: dict = {"timings": {}}
    info["timings"]["tensors"] = time.perf_counter() - t0
    raw: dict[str, dict[int, dict]] = {c: {} for c in model.couplings()}
    worst: list[float] = []
    resid = {}
    t1 = time.perf_counter()
    comp = Composites(tens, loops)
    info["timings"]["composites"] = time.perf_counter() - t1
    # the quartic betas run in a forked worker while this process does gauge and Yukawa
    pending = _start_quartic_worker(tens, comp, lbasis, loops)
    for loop in range(1, loops + 1):
        t1 = time.perf_counter()
        g = _project_gauge(gauge_beta(tens, comp, loop))
        for k, v in g.items():
            raw[k][loop] = v
        t2 = time.perf_counter()
        if ybasis:
            ybar, gram, names = yukawa_projector(ybasis)
            yb, r = _solve(yukawa_beta(tens, comp, loop, ybar=ybar), gram, names)
            resid[f"yukawa{loop}"] = r
            for k, v in yb.items():
                raw[k][loop] = v
        t3 = time.perf_counter()
        info["timings"][f"loop{loop}"] = {"gauge": t2 - t1, "yukawa": t3 - t2}
        if verbose:
            print(f"loop {loop}: gauge {t2 - t1:.2f}s yukawa {t3 - t2:.2f}s")
    t3 = time.perf_counter()
    quartic = _finish_quartic_worker(pending, tens, comp, lbasis, loops)
    info["timings"]["quartic_wait"] = time.perf_counter() - t3
    for loop, (qb, r) in quartic.items():
        resid[f"quartic{loop}"] = r
        for k, v in qb.items():
            raw[k][loop] = v
    den = _DEN
    extra = 1
    fields: tuple[Weyl | Scalar, ...] = (*model.weyls, *model.scalars)
    for f in fields:
        q = Fraction(f.Y).denominator
        while q % 2 == 0:
            q //= 2
        while q % 3 == 0:
            q //= 3
        extra = extra * q // np.gcd(extra, q)
    den *= extra**6
    subs = e_substitution(model)
    betas: dict[str, dict[int, Poly]] = {}
    for cpl, per_loop in raw.items():
        betas[cpl] = {}
        for loop in range(1, loops + 1):
            p = _to_poly(per_loop.get(loop, {}), f"beta_{cpl}^({loop})", worst, den)
            betas[cpl][loop] = substitute(p, subs)
    info["max_rounding_error"] = max(worst) if worst else 0.0
    info["projection_residual"] = resid
    info["timings"]["total"] = time.perf_counter() - t0
    return {"betas": betas, "info": info}
