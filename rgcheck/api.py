"""Public API: ``rgcheck.betas(charges, loops=2)``.

``charges`` is a Mapping (e.g. ``chargesearch.charges.ChargeAssignment`` or a plain dict) from
the names F_Q1..F_Q3, F_U1..F_U3, F_D1..F_D3, F_L1..F_L3, F_E1..F_E3, F_nu1..F_nu3 (only those
right-handed neutrinos that exist), F_H, F_psi, F_S, F_phi to Fractions (or fraction strings
such as "1/20", or ints). The psi representation (N_f, Y_psi, r2, r3; defaults 3, 0, 1, 1) is
taken from attributes of the mapping or from optional keys of the same names.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import numpy as np

from rgcheck import cache
from rgcheck.errors import RGInputError
from rgcheck.kernel import LOOP_FACTOR, ParametricKernel
from rgcheck.model import (
    BASE_KEYS,
    SINGLE_KEYS,
    Model,
    Structure,
    check_yukawa_invariance,
    paper_model,
)
from rgcheck.polynomial import Poly, substitute_values, to_sympy

REP_KEYS = ("N_f", "Y_psi", "r2", "r3")
_NU_KEYS = ("F_nu1", "F_nu2", "F_nu3")


def parse_fraction(value: object, field: str) -> Fraction:
    """Exact rational from Fraction / int / integral float / string "p/q" (never eval)."""
    if isinstance(value, bool):
        raise RGInputError(field, "a rational number such as 1/20", value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float) and value.is_integer():
        return Fraction(int(value))
    if isinstance(value, str):
        try:
            return Fraction(value.strip().replace(" ", ""))
        except (ValueError, ZeroDivisionError):
            pass
    if (
        hasattr(value, "numerator")
        and hasattr(value, "denominator")
        and not isinstance(value, float)
    ):
        try:
            return Fraction(int(value.numerator), int(value.denominator))
        except (TypeError, ValueError, ZeroDivisionError):
            pass
    raise RGInputError(field, 'a rational number (Fraction, int or a string such as "1/20")', value)


def parse_charges(charges: Mapping) -> tuple[dict[str, Fraction], Structure]:
    """Validate a charge mapping; returns exact charges and the structure (nu_R, psi rep)."""
    if not isinstance(charges, Mapping):
        raise RGInputError("charges", "a mapping from charge names to rationals", type(charges))
    allowed = set(BASE_KEYS) | set(SINGLE_KEYS) | set(_NU_KEYS) | set(REP_KEYS)
    vals: dict[str, Fraction] = {}
    for k in charges:
        if k not in allowed:
            raise RGInputError(
                str(k), "a known key (F_Q1..F_E3, F_nu1..F_nu3, F_H, F_psi, F_S, F_phi)", None
            )
    for k in (*BASE_KEYS, *SINGLE_KEYS):
        if k not in charges:
            raise RGInputError(k, "a rational U(1)' charge (key missing)", None)
        vals[k] = parse_fraction(charges[k], k)
    nu = []
    for i, k in enumerate(_NU_KEYS, start=1):
        if k in charges and charges[k] is not None:
            vals[k] = parse_fraction(charges[k], k)
            nu.append(i)
    rep: dict[str, object] = {}
    for k in REP_KEYS:
        if k in charges:
            rep[k] = charges[k]
        elif hasattr(charges, k):
            rep[k] = getattr(charges, k)
    N_f = rep.get("N_f", 3)
    if not isinstance(N_f, int) or isinstance(N_f, bool) or N_f < 1:
        raise RGInputError("N_f", "a positive integer", N_f)
    Y_psi = parse_fraction(rep.get("Y_psi", 0), "Y_psi")
    r2, r3 = rep.get("r2", 1), rep.get("r3", 1)
    if r2 not in (1, 2):
        raise RGInputError("r2", "1 or 2 (SU(2) singlet or doublet)", r2)
    if r3 not in (1, 3):
        raise RGInputError("r3", "1 or 3 (SU(3) singlet or triplet)", r3)
    return vals, Structure(tuple(nu), N_f, Y_psi, int(r2), int(r3))


class BetaSystem:
    """Beta functions d c / d ln mu of one model and charge assignment.

    ``evaluate(couplings)``: mapping of the coupling names (floats or equal-shape arrays) to
    the same keys with their beta functions (loop factors (16 pi^2)^-n included).
    ``expressions()``: exact sympy polynomials (with the loop factors).
    Numerically the betas are evaluated by the charge-parametric kernel of the model's field
    content (:mod:`rgcheck.kernel`) with this charge set's coefficient row.
    """

    def __init__(
        self,
        model: Model,
        polys: dict[str, dict[int, Poly]],
        loops: int,
        charges: Mapping[str, Fraction] | None = None,
    ):
        self.model = model
        self.loops = loops
        self.charges = dict(charges) if charges is not None else None
        self.names: tuple[str, ...] = model.couplings()
        self.polys = {c: {l: p for l, p in per.items() if l <= loops} for c, per in polys.items()}
        self._row: np.ndarray | None = None

    # -- exact ------------------------------------------------------------------------------
    def polynomials(self, loop: int | None = None) -> dict[str, Poly]:
        """Exact loop-``loop`` coefficient polynomials beta^(n) (no loop factor)."""
        if loop is None:
            raise ValueError("give loop=1 or loop=2")
        return {c: dict(self.polys[c].get(loop, {})) for c in self.names}

    def symbols(self) -> dict:
        import sympy as sp

        return {n: sp.Symbol(n, real=True) for n in self.names}

    def expressions(self, loop: int | None = None) -> dict:
        """sympy expressions: sum_n (16 pi^2)^-n beta^(n); with ``loop`` only that order
        (without the loop factor)."""
        import sympy as sp

        syms = self.symbols()
        extra = {}
        for per in self.polys.values():
            for p in per.values():
                for m in p:
                    for v in m:
                        if v not in syms and v not in extra:
                            extra[v] = sp.Symbol(v, real=True)
        syms.update(extra)
        out = {}
        k = 1 / (16 * sp.pi**2)
        for c in self.names:
            if loop is not None:
                out[c] = to_sympy(self.polys[c].get(loop, {}), syms)
            else:
                ordered = sorted(self.polys[c].items())
                out[c] = sp.Add(*[k**l * to_sympy(p, syms) for l, p in ordered])
        return out

    # -- numeric ----------------------------------------------------------------------------
    def kernel(self) -> ParametricKernel:
        """The charge-parametric kernel of this model's field content."""
        from rgcheck.running import model_kernel

        return model_kernel(self.model, self.loops)

    def coefficients(self) -> np.ndarray:
        """This charge set's coefficient row of :meth:`kernel`."""
        if self._row is None:
            kernel = self.kernel()
            if self.charges is None and kernel.charge_symbols:
                raise RGInputError(
                    "charges", f"values for all charge symbols (missing "
                    f"{kernel.charge_symbols[0]})", None
                )
            self._row = kernel.coefficients(self.charges or {})
        return self._row

    def evaluate_array(self, X: np.ndarray, backend: str = "numpy") -> np.ndarray:
        """X: (n_couplings, N) in the order of ``self.names`` -> betas (n_couplings, N);
        backend ``numpy`` (reference) or ``numba`` (compiled, parallel)."""
        if backend not in ("numpy", "numba"):
            raise RGInputError("backend", "numpy or numba", backend)
        return self.kernel().evaluate(np.asarray(X, dtype=float), self.coefficients(), backend)

    def evaluate(self, couplings: Mapping[str, object], backend: str = "numpy") -> dict:
        unknown = [k for k in couplings if k not in self.names]
        if unknown:
            raise RGInputError(unknown[0], f"one of {', '.join(self.names)}", None)
        missing = [k for k in self.names if k not in couplings]
        if missing:
            raise RGInputError(missing[0], "a value (float or array) for every coupling", None)
        arrs = np.broadcast_arrays(*[np.asarray(couplings[k], dtype=float) for k in self.names])
        shape = arrs[0].shape
        X = np.stack([a.reshape(-1) for a in arrs])
        B = self.evaluate_array(X, backend=backend)
        scalar = shape == ()
        return {
            k: (float(B[i, 0]) if scalar else B[i].reshape(shape)) for i, k in enumerate(self.names)
        }

    def __repr__(self) -> str:
        return f"BetaSystem(model={self.model.name!r}, loops={self.loops}, couplings={self.names})"


def _symbolic(model: Model, loops: int) -> dict[str, dict[int, Poly]]:
    return cache.get_or_derive(model, loops)["betas"]


def symbolic_betas(structure: Structure | None = None, loops: int = 2) -> BetaSystem:
    """Betas exact in the charges (polynomials in the couplings and the symbols F_X)."""
    model = paper_model(structure or Structure())
    return BetaSystem(model, _symbolic(model, loops), loops)


def betas(charges: Mapping, loops: int = 2) -> BetaSystem:
    """Beta functions of the paper's model (Table 1, SPEC section 6) for a charge assignment."""
    if loops not in (1, 2):
        raise RGInputError("loops", "1 or 2", loops)
    vals, st = parse_charges(charges)
    model = paper_model(st)
    check_yukawa_invariance(model, vals)
    sym = _symbolic(model, loops)
    polys = {
        c: {l: substitute_values(p, vals) for l, p in per.items() if l <= loops}
        for c, per in sym.items()
    }
    return BetaSystem(model, polys, loops, vals)


def model_betas(
    model: Model, charges: Mapping[str, Fraction] | None = None, loops: int = 2
) -> BetaSystem:
    """Betas of any :class:`Model` (e.g. from a model file); charges substituted if given."""
    sym = _symbolic(model, loops)
    if charges is None:
        return BetaSystem(model, sym, loops)
    vals = {k: parse_fraction(v, k) for k, v in charges.items()}
    check_yukawa_invariance(model, vals)
    polys = {c: {l: substitute_values(p, vals) for l, p in per.items()} for c, per in sym.items()}
    return BetaSystem(model, polys, loops, vals)


__all__ = ["LOOP_FACTOR", "BetaSystem", "betas", "model_betas", "parse_charges", "symbolic_betas"]
