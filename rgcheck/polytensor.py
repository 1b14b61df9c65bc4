"""Polynomial-valued numeric tensors.

A :class:`PolyTensor` is a polynomial in the model's couplings whose coefficients are dense
numpy arrays: ``{monomial: array}`` with a monomial a sorted tuple of variable names (with
repetition, e.g. ``("g2", "g2", "yt")``). Every Lagrangian tensor (gauge generators with the
couplings absorbed, Yukawa matrices, quartic tensor) is *linear* in the couplings, so each
term of the general beta-function formulas is a multilinear contraction; contracting
PolyTensors carries the coupling dependence exactly while the index contractions are done by
numpy. Products whose supports cannot overlap are skipped, which keeps block-sparse models
(per-multiplet abelian charges) cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

Monomial = tuple[str, ...]

_ZERO_TOL = 1e-12


def _merge(m1: Monomial, m2: Monomial) -> Monomial:
    return tuple(sorted(m1 + m2))


class PolyTensor:
    """Polynomial (in coupling names) with numpy-array coefficients of one common shape."""

    __slots__ = ("_masks", "shape", "terms")

    def __init__(self, shape: tuple[int, ...], terms: dict[Monomial, np.ndarray] | None = None):
        self.shape = tuple(shape)
        self.terms: dict[Monomial, np.ndarray] = {}
        self._masks: dict[tuple[Monomial, int], np.ndarray] = {}
        for m, a in (terms or {}).items():
            self.add_term(m, a)

    # -- construction -------------------------------------------------------------------
    def add_term(self, mono: Monomial, arr: np.ndarray) -> None:
        mono = tuple(sorted(mono))
        if arr.shape != self.shape:
            raise ValueError(f"shape mismatch {arr.shape} != {self.shape}")
        if mono in self.terms:
            self.terms[mono] = self.terms[mono] + arr
        else:
            self.terms[mono] = arr
        self._masks.clear()

    def copy(self) -> PolyTensor:
        return PolyTensor(self.shape, {m: a.copy() for m, a in self.terms.items()})

    def prune(self, tol: float = _ZERO_TOL) -> PolyTensor:
        self.terms = {m: a for m, a in self.terms.items() if np.any(np.abs(a) > tol)}
        self._masks.clear()
        return self

    # -- algebra -------------------------------------------------------------------------
    def __add__(self, other: PolyTensor) -> PolyTensor:
        out = self.copy()
        for m, a in other.terms.items():
            out.add_term(m, a)
        return out

    def __sub__(self, other: PolyTensor) -> PolyTensor:
        return self + other * (-1.0)

    def __mul__(self, c: float) -> PolyTensor:
        return PolyTensor(self.shape, {m: a * c for m, a in self.terms.items()})

    __rmul__ = __mul__

    def map(self, f: Callable[[np.ndarray], np.ndarray]) -> PolyTensor:
        terms = {m: f(a) for m, a in self.terms.items()}
        shape = next(iter(terms.values())).shape if terms else self.shape
        return PolyTensor(shape, terms)

    def conj(self) -> PolyTensor:
        return self.map(np.conj)

    def transpose(self, axes: Iterable[int]) -> PolyTensor:
        axes = tuple(axes)
        shape = tuple(self.shape[i] for i in axes)
        return PolyTensor(shape, {m: np.transpose(a, axes) for m, a in self.terms.items()})

    def mask(self, mono: Monomial, axis: int) -> np.ndarray:
        key = (mono, axis)
        if key not in self._masks:
            a = self.terms[mono]
            other = tuple(i for i in range(a.ndim) if i != axis)
            self._masks[key] = np.any(a != 0, axis=other) if other else a != 0
        return self._masks[key]


def zeros(shape: tuple[int, ...]) -> PolyTensor:
    return PolyTensor(shape)


def constant(arr: np.ndarray) -> PolyTensor:
    return PolyTensor(arr.shape, {(): arr})


def _pair(spec_a: str, spec_b: str, spec_out: str, A: PolyTensor, B: PolyTensor) -> PolyTensor:
    dims = {}
    for lab, n in zip(spec_a, A.shape, strict=True):
        dims[lab] = n
    for lab, n in zip(spec_b, B.shape, strict=True):
        dims[lab] = n
    shape = tuple(dims[lab] for lab in spec_out)
    shared = [lab for lab in set(spec_a) & set(spec_b)]
    ax_a = [spec_a.index(lab) for lab in shared]
    ax_b = [spec_b.index(lab) for lab in shared]
    out = PolyTensor(shape)
    spec = f"{spec_a},{spec_b}->{spec_out}"
    # small contractions: the plain C loop is faster than BLAS dispatch (path search, reshapes)
    cost = 1
    for n in dims.values():
        cost *= n
    opt = cost > 200_000
    for ma, a in A.terms.items():
        for mb, b in B.terms.items():
            skip = False
            for ia, ib in zip(ax_a, ax_b, strict=True):
                if not np.any(A.mask(ma, ia) & B.mask(mb, ib)):
                    skip = True
                    break
            if skip:
                continue
            r = np.einsum(spec, a, b, optimize=opt)
            if np.any(np.abs(r) > _ZERO_TOL):
                out.add_term(_merge(ma, mb), r)
    return out


def ein(spec: str, *ops: PolyTensor) -> PolyTensor:
    """``numpy.einsum``-like contraction of PolyTensors, done pairwise from the left."""
    ins, out = spec.replace(" ", "").split("->")
    in_specs = ins.split(",")
    if len(in_specs) != len(ops):
        raise ValueError("operand count mismatch")
    cur_spec, cur = in_specs[0], ops[0]
    if len(ops) == 1:
        # pure relabel / trace
        return PolyTensor(
            tuple(dict(zip(cur_spec, cur.shape, strict=True))[lab] for lab in out),
            {m: np.einsum(f"{cur_spec}->{out}", a) for m, a in cur.terms.items()},
        )
    for k in range(1, len(ops)):
        nxt_spec = in_specs[k]
        rest = "".join(in_specs[k + 1 :]) + out
        keep = []
        for lab in cur_spec + nxt_spec:
            if lab in rest and lab not in keep:
                keep.append(lab)
        new_spec = "".join(keep) if k < len(ops) - 1 else out
        cur = _pair(cur_spec, nxt_spec, new_spec, cur, ops[k])
        cur_spec = new_spec
    return cur


def evaluate(p: PolyTensor, values: dict[str, float]) -> np.ndarray:
    """Numeric value of a PolyTensor at a coupling point (missing variables count as 0)."""
    out = np.zeros(
        p.shape, dtype=complex if any(np.iscomplexobj(a) for a in p.terms.values()) else float
    )
    for m, a in p.terms.items():
        c = 1.0
        for v in m:
            c *= values.get(v, 0.0)
        if c:
            out = out + c * a
    return out


def at_point(p: PolyTensor, values: dict[str, float]) -> PolyTensor:
    """Constant PolyTensor with the value of ``p`` at a coupling point."""
    return PolyTensor(p.shape, {(): evaluate(p, values)})
