"""Basis independence of the abelian sector (kinetic mixing).

Rotating the two abelian gauge bosons by an orthogonal O (G -> G O) is a field redefinition:
the general formulas must give Pi' = O^T Pi O for the generator running dT^A/dt =
Pi_AB T^B (one and two loops, with Yukawas and quartics switched on), and the convention-free
object M = G G^T must run identically. The upper-triangular betas (dg1, dg14, dg4) must
reproduce dM/dt = 2 G Pi G^T. References: Fonseca-Malinsky-Staub, NPB 2013 (kinetic mixing
is a basis choice); Poole-Thomsen 2019 (G G^T covariant form). Tolerance 1e-10 relative.
"""

from __future__ import annotations

import numpy as np

from rgcheck.api import betas
from rgcheck.benchmarks import benchmark
from rgcheck.derive import build_tensors
from rgcheck.general_formulas import Composites, Tensors, gauge_beta
from rgcheck.model import paper_model
from rgcheck.polytensor import PolyTensor, at_point, evaluate
from rgcheck.tensors import B1, B2, evar

POINT = {
    "g1": 0.36,
    "g2": 0.64,
    "g3": 1.0,
    "g4": 0.5,
    "g14": 0.13,
    "yt": 0.85,
    "yb": 0.05,
    "y": 0.7,
    "lam": 0.12,
    "s": 0.05,
    "u": 0.02,
    "v": 0.01,
    "delta": 0.03,
    "deltatilde": 0.02,
    "w": 0.01,
}


def _numeric_tensors(ch):
    model = paper_model()
    tens, *_ = build_tensors(model)
    vals = dict(POINT)
    for f in (*model.weyls, *model.scalars):
        F = sum(float(c) * float(ch[k]) for k, c in f.F)
        vals[evar(f.name)] = POINT["g14"] * float(f.Y) + POINT["g4"] * F
    return Tensors(
        *(at_point(getattr(tens, k), vals) for k in ("T", "Ta", "Ts", "C2G", "y", "lam"))
    )


def _rotate(t: Tensors, O: np.ndarray) -> Tensors:
    def rot(p: PolyTensor) -> PolyTensor:
        a = p.terms[()].copy()
        sub = a[[B1, B2]].copy()
        a[[B1, B2]] = np.einsum("ab,b...->a...", O.T, sub)  # T'^a = sum_b O_ba T^b
        return PolyTensor(p.shape, {(): a})

    return Tensors(rot(t.T), rot(t.Ta), rot(t.Ts), t.C2G, t.y, t.lam)


def _Pi(t: Tensors, loop: int) -> np.ndarray:
    b = gauge_beta(t, Composites(t, loop), loop)
    a = evaluate(b, {})
    return 0.5 * np.real(a)[np.ix_([B1, B2], [B1, B2])]


def test_rotation_covariance_of_general_formulas():
    ch = benchmark("BM3")
    t = _numeric_tensors(ch)
    th = 0.7
    O = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
    tr = _rotate(t, O)
    for loop in (1, 2):
        P, Pr = _Pi(t, loop), _Pi(tr, loop)
        assert np.allclose(Pr, O.T @ P @ O, rtol=1e-10, atol=1e-14), loop


def test_triangular_betas_reproduce_GGT_running():
    ch = benchmark("BM3")
    t = _numeric_tensors(ch)
    k = 1 / (16 * np.pi**2)
    Pi = k * _Pi(t, 1) + k**2 * _Pi(t, 2)
    G = np.array([[POINT["g1"], POINT["g14"]], [0.0, POINT["g4"]]])
    dM_expected = 2 * G @ Pi @ G.T
    r = betas(ch).evaluate(POINT)
    dG = np.array([[r["g1"], r["g14"]], [0.0, r["g4"]]])
    dM = dG @ G.T + G @ dG.T
    assert np.allclose(dM, dM_expected, rtol=1e-10, atol=1e-16)
