"""Shared helpers for the rgcheck tests."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from rgcheck.api import symbolic_betas
from rgcheck.model import COUPLINGS, Structure

SYM = {n: sp.Symbol(n, real=True) for n in COUPLINGS}


def restrict(poly: dict, zero: set[str], values: dict[str, Fraction] | None = None) -> sp.Expr:
    """sympy expression of an exact polynomial with the variables in ``zero`` set to 0 and
    charge symbols replaced by ``values``."""
    values = values or {}
    terms = []
    for m, c in poly.items():
        if any(v in zero for v in m):
            continue
        f = sp.Rational(c.numerator, c.denominator)
        for v in m:
            if v in values:
                f *= sp.Rational(values[v].numerator, values[v].denominator)
            else:
                f *= SYM.get(v, sp.Symbol(v))
        terms.append(f)
    return sp.expand(sp.Add(*terms))


def default_system(loops: int = 2, **kw):
    return symbolic_betas(Structure(**kw), loops=loops)
