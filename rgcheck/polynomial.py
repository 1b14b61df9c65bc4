"""Tiny exact sparse polynomials: ``{monomial: Fraction}`` with a monomial a sorted tuple of
variable names (with repetition). Fast enough for substitution of charges and conversion to
sympy / numeric code."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

Mono = tuple[str, ...]
Poly = dict[Mono, Fraction]


def padd(a: Poly, b: Poly, scale: Fraction = Fraction(1)) -> Poly:
    out = dict(a)
    for m, c in b.items():
        v = out.get(m, Fraction(0)) + scale * c
        if v:
            out[m] = v
        else:
            out.pop(m, None)
    return out


def pmul(a: Poly, b: Poly) -> Poly:
    out: Poly = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = tuple(sorted(ma + mb))
            v = out.get(m, Fraction(0)) + ca * cb
            if v:
                out[m] = v
            else:
                out.pop(m)
    return out


def ppow(a: Poly, k: int, cache: dict | None = None) -> Poly:
    out: Poly = {(): Fraction(1)}
    for _ in range(k):
        out = pmul(out, a)
    return out


def substitute(p: Poly, subs: Mapping[str, Poly]) -> Poly:
    """Replace variables by polynomials."""
    powcache: dict[tuple[str, int], Poly] = {}
    out: Poly = {}
    for m, c in p.items():
        keep = tuple(v for v in m if v not in subs)
        term: Poly = {keep: c}
        for v in sorted(set(m) & set(subs)):
            k = m.count(v)
            key = (v, k)
            if key not in powcache:
                powcache[key] = ppow(subs[v], k)
            term = pmul(term, powcache[key])
        for mm, cc in term.items():
            val = out.get(mm, Fraction(0)) + cc
            if val:
                out[mm] = val
            else:
                out.pop(mm)
    return out


def substitute_values(p: Poly, values: Mapping[str, Fraction]) -> Poly:
    """Replace variables by exact numbers."""
    out: Poly = {}
    for m, c in p.items():
        keep = []
        for v in m:
            if v in values:
                c = c * values[v]
            else:
                keep.append(v)
        if not c:
            continue
        k = tuple(keep)
        val = out.get(k, Fraction(0)) + c
        if val:
            out[k] = val
        else:
            out.pop(k)
    return out


def to_json(p: Poly) -> list:
    return [[list(m), f"{c.numerator}/{c.denominator}"] for m, c in sorted(p.items())]


def from_json(data: list) -> Poly:
    return {tuple(m): Fraction(c) for m, c in data}


def to_sympy(p: Poly, symbols: Mapping[str, Any]) -> Any:
    import sympy as sp

    terms = []
    for m, c in p.items():
        factors = [sp.Rational(c.numerator, c.denominator)]
        for v in sorted(set(m)):
            factors.append(symbols[v] ** m.count(v))
        terms.append(sp.Mul(*factors))
    return sp.Add(*terms)
