"""Component tensors of a :class:`~rgcheck.model.Model` as PolyTensors.

Index spaces: Weyl fermion components i (all left-handed), real scalar components a
(phi_c = (x_c + i y_c)/sqrt 2, x_c -> 2c, y_c -> 2c+1), gauge bosons A
(SU(3): 0..7, SU(2): 8..10, then the two abelian bosons).

Couplings are absorbed into the generators (Fonseca-Malinsky-Staub 2013, Poole-Thomsen 2019):
  SU(3): g3 t^A, SU(2): g2 t^A, abelian boson 1 (hypercharge boson): g1 Y,
  abelian boson 2: e_f on field f, with e_f = g14 Y_f + g4 F_f (one variable 'e:<field>' per
  multiplet; substituted after the contraction).
Yukawa: -L = 1/2 y^a_ij psi_i psi_j phi_a + h.c. (y^a symmetric);
quartic: V = 1/4! lambda_abcd phi_a phi_b phi_c phi_d.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from math import factorial
from typing import cast

import numpy as np

from rgcheck.groups import rep_dim, rep_matrices
from rgcheck.model import Model, Scalar, Weyl
from rgcheck.polytensor import PolyTensor

N_NONABELIAN = 8 + 3
B1, B2 = 11, 12  # abelian boson indices
NG = 13


def evar(name: str) -> str:
    return f"e:{name}"


@dataclass
class Index:
    """Component bookkeeping."""

    ferm: dict[str, list[tuple[int, tuple[int, int, int]]]]  # field -> [(idx, (fl, c, a))]
    scal: dict[str, list[tuple[int, tuple]]]  # field -> [(complex comp, (flav..., c, a))]
    nF: int
    nS: int  # number of real components


def build_index(model: Model) -> Index:
    ferm: dict = {}
    k = 0
    for w in model.weyls:
        lst = []
        for fl in range(w.mult):
            for c in range(rep_dim(3, w.su3)):
                for a in range(rep_dim(2, w.su2)):
                    lst.append((k, (fl, c, a)))
                    k += 1
        ferm[w.name] = lst
    scal: dict = {}
    cc = 0
    for s in model.scalars:
        slst: list[tuple[int, tuple[int, ...]]] = []
        for sfl in itertools.product(*[range(n) for n in s.flavour]):
            for c in range(rep_dim(3, s.su3)):
                for a in range(rep_dim(2, s.su2)):
                    slst.append((cc, (*sfl, c, a)))
                    cc += 1
        scal[s.name] = slst
    return Index(ferm, scal, k, 2 * cc)


def _fermion_block(w: Weyl) -> tuple[np.ndarray, np.ndarray]:
    """SU(3) and SU(2) generators on the components of one Weyl multiplet."""
    t3 = rep_matrices(3, w.su3)
    t2 = rep_matrices(2, w.su2)
    d3, d2 = t3.shape[1], t2.shape[1]
    i3, i2, ifl = np.eye(d3), np.eye(d2), np.eye(w.mult)
    g3 = np.array([np.kron(ifl, np.kron(t, i2)) for t in t3])
    g2 = np.array([np.kron(ifl, np.kron(i3, t)) for t in t2])
    return g3, g2


def _scalar_complex_block(s: Scalar) -> tuple[np.ndarray, np.ndarray, int]:
    t3 = rep_matrices(3, s.su3)
    t2 = rep_matrices(2, s.su2)
    d3, d2 = t3.shape[1], t2.shape[1]
    nfl = math.prod(s.flavour) if s.flavour else 1
    i3, i2, ifl = np.eye(d3), np.eye(d2), np.eye(nfl)
    g3 = np.array([np.kron(ifl, np.kron(t, i2)) for t in t3])
    g2 = np.array([np.kron(ifl, np.kron(i3, t)) for t in t2])
    return g3, g2, nfl * d3 * d2


def complex_to_real(t: np.ndarray) -> np.ndarray:
    """Hermitian generator t on complex comps -> hermitian Theta on real comps (x_c, y_c).

    delta phi = i t phi with phi = (x + i y)/sqrt2 gives delta(x, y) = M (x, y),
    M = [[-Im t, -Re t], [Re t, -Im t]] (real antisymmetric); Theta = -i M."""
    n = t.shape[0]
    tr, ti = t.real, t.imag
    M = np.zeros((2 * n, 2 * n))
    M[0::2, 0::2] = -ti
    M[0::2, 1::2] = -tr
    M[1::2, 0::2] = tr
    M[1::2, 1::2] = -ti
    return -1j * M


def gauge_tensors(model: Model, idx: Index) -> tuple[PolyTensor, PolyTensor, PolyTensor]:
    """T (A, i, j), Theta (A, a, b) with couplings absorbed, and C2(G)_{AB}."""
    nF, nS = idx.nF, idx.nS
    terms_T: dict = {}
    terms_S: dict = {}

    def add(terms, mono, shape, A_sl, sl, block):
        arr = terms.setdefault(mono, np.zeros(shape, complex))
        arr[A_sl, sl, sl] += block

    for w in model.weyls:
        comps = [i for i, _ in idx.ferm[w.name]]
        sl = slice(comps[0], comps[-1] + 1)
        g3, g2 = _fermion_block(w)
        if np.any(g3):
            add(terms_T, ("g3",), (NG, nF, nF), slice(0, 8), sl, g3)
        if np.any(g2):
            add(terms_T, ("g2",), (NG, nF, nF), slice(8, 11), sl, g2)
        n = len(comps)
        if w.Y != 0:
            add(terms_T, ("g1",), (NG, nF, nF), slice(B1, B1 + 1), sl, float(w.Y) * np.eye(n)[None])
        add(terms_T, (evar(w.name),), (NG, nF, nF), slice(B2, B2 + 1), sl, np.eye(n)[None])
    for s in model.scalars:
        comps = [c for c, _ in idx.scal[s.name]]
        sl = slice(2 * comps[0], 2 * comps[-1] + 2)
        g3, g2, n = _scalar_complex_block(s)
        r3 = np.array([complex_to_real(t) for t in g3])
        r2 = np.array([complex_to_real(t) for t in g2])
        if np.any(r3):
            add(terms_S, ("g3",), (NG, nS, nS), slice(0, 8), sl, r3)
        if np.any(r2):
            add(terms_S, ("g2",), (NG, nS, nS), slice(8, 11), sl, r2)
        one = complex_to_real(np.eye(n, dtype=complex))
        if s.Y != 0:
            add(terms_S, ("g1",), (NG, nS, nS), slice(B1, B1 + 1), sl, float(s.Y) * one[None])
        add(terms_S, (evar(s.name),), (NG, nS, nS), slice(B2, B2 + 1), sl, one[None])
    C2G: dict[tuple[str, ...], np.ndarray] = {}
    a = np.zeros((NG, NG))
    a[0:8, 0:8] = 3 * np.eye(8)
    C2G[("g3", "g3")] = a
    b = np.zeros((NG, NG))
    b[8:11, 8:11] = 2 * np.eye(3)
    C2G[("g2", "g2")] = b
    return (
        PolyTensor((NG, nF, nF), terms_T),
        PolyTensor((NG, nS, nS), terms_S),
        PolyTensor((NG, NG), C2G),
    )


def yukawa_tensor(model: Model, idx: Index) -> tuple[PolyTensor, dict[str, np.ndarray]]:
    """y^a_ij (symmetric) and the per-coupling basis tensors."""
    nF, nS = idx.nF, idx.nS
    basis: dict[str, np.ndarray] = {}
    r2 = 1 / math.sqrt(2)
    for yk in model.yukawas:
        arr = basis.setdefault(yk.coupling, np.zeros((nS, nF, nF), complex))
        s = cast(Scalar, model.field(yk.scalar))
        p1 = idx.ferm[yk.psi1]
        p2 = idx.ferm[yk.psi2]
        sc = idx.scal[yk.scalar]
        terms = []  # (coef, i, j, complex comp, conj?)
        if yk.kind in ("eps", "dag"):
            # psi1: (fl, c, a) doublet; psi2: (fl, c, 0) singlet; contract colour and flavour
            for i, (fl1, c1, a1) in p1:
                for j, (fl2, c2, _a2) in p2:
                    if fl1 != fl2 or c1 != c2:
                        continue
                    for cc, key in sc:
                        a_s = key[-1]
                        if yk.kind == "eps":
                            # eps_{ab} phi^a psi1^b, eps_01 = +1
                            if a_s == a1:
                                continue
                            sign = 1.0 if (a_s, a1) == (0, 1) else -1.0
                            terms.append((sign, i, j, cc, False))
                        else:
                            if a_s != a1:
                                continue
                            terms.append((1.0, i, j, cc, True))
        elif yk.kind == "matrix":
            if len(s.flavour) != 2:
                raise ValueError("matrix Yukawa needs a flavour-matrix scalar")
            for i, (fl1, c1, a1) in p1:
                for j, (fl2, c2, a2) in p2:
                    if c1 != c2 or a1 != a2:
                        continue
                    for cc, key in sc:
                        if key[0] == fl1 and key[1] == fl2:
                            terms.append((1.0, i, j, cc, True))
        else:
            raise ValueError(f"unknown Yukawa kind {yk.kind}")
        for coef, i, j, cc, cj in terms:
            # coef psi_i psi_j phi_c (phi = (x + i y)/sqrt2):  1/2 (y_ij + y_ji) psi psi
            vx = coef * r2
            vy = coef * r2 * (-1j if cj else 1j)
            for a, v in ((2 * cc, vx), (2 * cc + 1, vy)):
                if i == j:
                    arr[a, i, i] += 2 * v
                else:
                    arr[a, i, j] += v
                    arr[a, j, i] += v
    y = PolyTensor((nS, nF, nF), {(k,): v for k, v in basis.items()})
    return y, basis


def _cplx_lin(cc: int, conj: bool) -> dict[int, complex]:
    r2 = 1 / math.sqrt(2)
    return {2 * cc: r2, 2 * cc + 1: (-1j if conj else 1j) * r2}


def _quartic_terms(model: Model, idx: Index, q) -> list[tuple[float, list[tuple[int, bool]]]]:
    """List of (coef, [(complex comp, conj?) x4]) whose sum is the invariant."""
    out = []
    if q.kind == "bilinear":
        A, B = q.fields
        for ca, _ in idx.scal[A]:
            for cb, _ in idx.scal[B]:
                out.append((1.0, [(ca, True), (ca, False), (cb, True), (cb, False)]))
    elif q.kind == "trace4":
        (S,) = q.fields
        comp = {key[:2]: c for c, key in idx.scal[S]}
        n = cast(Scalar, model.field(S)).flavour[0]
        # tr(S^+ S S^+ S) = sum S*_{ji} S_{jk} S*_{lk} S_{li}
        for i, j, k, l in itertools.product(range(n), repeat=4):
            out.append(
                (
                    1.0,
                    [
                        (comp[(j, i)], True),
                        (comp[(j, k)], False),
                        (comp[(l, k)], True),
                        (comp[(l, i)], False),
                    ],
                )
            )
    else:
        raise ValueError(f"unknown quartic kind {q.kind}")
    return out


def quartic_tensor(model: Model, idx: Index) -> tuple[PolyTensor, dict[str, np.ndarray]]:
    """lambda_abcd = d^4 V / d phi_a d phi_b d phi_c d phi_d per coupling."""
    nS = idx.nS
    basis: dict[str, np.ndarray] = {}
    for q in model.quartics:
        poly: dict[tuple[int, ...], complex] = {}
        for coef, facs in _quartic_terms(model, idx, q):
            lins = [_cplx_lin(c, cj) for c, cj in facs]
            for combo in itertools.product(*[list(l.items()) for l in lins]):
                mono = tuple(sorted(k for k, _ in combo))
                val: complex = coef
                for _, v in combo:
                    val *= v
                poly[mono] = poly.get(mono, 0) + val
        arr = basis.setdefault(q.coupling, np.zeros((nS,) * 4))
        for mono, val in poly.items():
            if abs(val) < 1e-14:
                continue
            if abs(val.imag) > 1e-12:
                raise ValueError(f"quartic {q.coupling} is not real")
            mult = 1
            for k in set(mono):
                mult *= factorial(mono.count(k))
            for perm in set(itertools.permutations(mono)):
                arr[perm] += val.real * mult
    lam = PolyTensor((nS,) * 4, {(k,): v for k, v in basis.items()})
    return lam, basis
