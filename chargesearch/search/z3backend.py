"""z3 backend: one solution with an unsat core (``find``), or all canonical solutions within
bounds with blocking clauses (``enumerate --backend z3``).

Encodings. Bounded integer problems (|F| <= qmax) are encoded as bit-vectors wide enough that
no polynomial of the problem can overflow (the bound is computed from the coefficients), which is
exact integer arithmetic; z3 bit-blasts them to SAT, far faster than its nonlinear-integer
engine on these cubic systems. Unbounded problems run over the reals (nlsat), where ``unsat``
proves that no rational solution exists either.

Every solver call carries a timeout; a call that returns ``unknown`` is reported as a timeout
(with z3's reason), never as "no solution". Parts are asserted with ``assert_and_track`` so the
unsat core names the conflicting constraints in the user's terms (``problem.Part`` labels).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np
import z3

from chargesearch.expressions import RELATION_OPS as _OPS
from chargesearch.expressions import And, Formula, Not, Or, Poly, Relation
from chargesearch.search.canonical import _canonical_perm, canonical
from chargesearch.search.deadline import Deadline
from chargesearch.search.problem import SearchProblem

NONTRIVIAL = "nontrivial: not all fermion charges zero"



# --- bounded integers as bit-vectors ----------------------------------------------------------
def _int_poly(poly: Poly) -> dict[Any, int]:
    """Coefficients times the (positive) lcm of their denominators: same sign, same zeros."""
    den = lcm(*(c.denominator for c in poly.terms.values())) if poly.terms else 1
    return {m: int(c * den) for m, c in poly.terms.items()}


def poly_bound(poly: Poly, qmax: int) -> int:
    """Upper bound of |poly| (denominators cleared) for |variables| <= qmax."""
    return sum(abs(c) * qmax ** sum(p for _, p in m) for m, c in _int_poly(poly).items())


def formula_bound(f: Formula, qmax: int) -> int:
    if isinstance(f, Relation):
        return poly_bound(f.poly, qmax)
    if isinstance(f, Not):
        return formula_bound(f.item, qmax)
    return max((formula_bound(x, qmax) for x in f.items), default=0)  # type: ignore[attr-defined]


def poly_to_bv(poly: Poly, sym: dict[str, Any], width: int) -> Any:
    total = z3.BitVecVal(0, width)
    for m, c in sorted(_int_poly(poly).items()):
        term = z3.BitVecVal(c, width)
        for v, p in m:
            for _ in range(p):
                term = term * sym[v]
        total = total + term
    return z3.simplify(total)


def formula_to_bv(f: Formula, sym: dict[str, Any], width: int) -> Any:
    """Exact bit-vector translation (signed comparisons) of a formula."""
    if isinstance(f, Relation):
        return _OPS[f.op](poly_to_bv(f.poly, sym, width), z3.BitVecVal(0, width))
    if isinstance(f, And):
        return z3.And(*(formula_to_bv(x, sym, width) for x in f.items))
    if isinstance(f, Or):
        return z3.Or(*(formula_to_bv(x, sym, width) for x in f.items))
    if isinstance(f, Not):
        return z3.Not(formula_to_bv(f.item, sym, width))
    raise TypeError(f"unknown formula {f!r}")


def _interval(poly: Poly, qmax: int) -> tuple[Fraction, Fraction]:
    """Bounds of ``poly`` over the box |variables| <= qmax (interval arithmetic, sound)."""
    const = poly.terms.get((), Fraction(0))
    spread = sum((abs(c) * qmax ** sum(p for _, p in m) for m, c in poly.terms.items() if m),
                 Fraction(0))
    return const - spread, const + spread


_FEASIBLE = {
    "==": lambda lo, hi: lo <= 0 <= hi,
    "!=": lambda lo, hi: not lo == hi == 0,
    ">": lambda lo, hi: hi > 0,
    ">=": lambda lo, hi: hi >= 0,
    "<": lambda lo, hi: lo < 0,
    "<=": lambda lo, hi: lo <= 0,
}


def bound_conflict(problem: SearchProblem) -> str | None:
    """Label of a part that no assignment with |F| <= qmax satisfies (found by interval
    arithmetic on its relations, before any solver call), else None."""
    if problem.qmax is None:
        return None
    for p in problem.parts:
        items = p.formula.items if isinstance(p.formula, And) else (p.formula,)
        for f in items:
            if isinstance(f, Relation) and not _FEASIBLE[f.op](*_interval(f.poly, problem.qmax)):
                return p.label
    return None


def real_check(exprs: Sequence[Any], timeout_s: float) -> tuple[Any, Any, str]:
    """Satisfiability over the reals of a conjunction, without tracking literals.

    (Tracked assertions make z3 fall back from nlsat to its incomplete general engine on these
    cubic systems; plain assertions let it pick nlsat, which decides them in milliseconds.)
    Returns (result, model or None, reason_unknown).
    """
    s = z3.Solver()
    s.set("timeout", max(1, int(timeout_s * 1000)))
    for e in exprs:
        s.add(e)
    res = s.check()
    return res, (s.model() if res == z3.sat else None), (
        s.reason_unknown() if res == z3.unknown else "")


def deletion_core(exprs: Sequence[Any], always: Sequence[Any], timeout_s: float,
                  deadline: Deadline | None = None) -> list[int]:
    """Indices of a minimal subset of ``exprs`` that is unsat together with ``always``.

    Deletion-based: drop each item in turn and keep it out if the rest stays unsat (an
    undecided check keeps the item, so the result is always an unsat subset). Each check
    also stops at ``deadline``.
    """
    deadline = deadline or Deadline(None)
    keep = list(range(len(exprs)))
    for i in range(len(exprs)):
        trial = [j for j in keep if j != i]
        res, _, _ = real_check([exprs[j] for j in trial] + list(always),
                               deadline.left(max(timeout_s / max(len(exprs), 1), 1.0)))
        if res == z3.unsat:
            keep = trial
    return keep


@dataclass
class FindResult:
    """Outcome of :func:`find`: status ``sat``, ``unsat`` or ``timeout``."""

    status: str
    values: dict[str, Fraction] = field(default_factory=dict)
    canonical: tuple[int, ...] | None = None
    core: list[str] = field(default_factory=list)
    reason: str = ""
    domain: str = "rationals"


def _value(ref: Any) -> Fraction | None:
    """Exact Fraction of a z3 numeral, or None for an irrational algebraic number."""
    if z3.is_bv_value(ref):
        return Fraction(ref.as_signed_long())
    if z3.is_int_value(ref):
        return Fraction(ref.as_long())
    if z3.is_rational_value(ref):
        return Fraction(ref.numerator_as_long(), ref.denominator_as_long())
    return None


class _Builder:
    """Creates the solver, variables and tracked assertions for one problem."""

    def __init__(self, problem: SearchProblem, names: Sequence[str], qmax: int | None,
                 parts: Sequence[Any], timeout_s: float, track: bool) -> None:
        self.labels: dict[str, str] = {}
        self.track = track
        self.solver = z3.Solver()
        self.solver.set("timeout", max(1, int(timeout_s * 1000)))
        if track:
            self.solver.set("core.minimize", True)
        if qmax is None:
            self.sym = {n: z3.Real(n) for n in names}
            conv = lambda f: f.to_z3(self.sym)  # noqa: E731
        else:
            bound = max([formula_bound(p.formula, qmax) for p in parts] + [qmax])
            self.width = bound.bit_length() + 2
            self.sym = {n: z3.BitVec(n, self.width) for n in names}
            conv = lambda f: formula_to_bv(f, self.sym, self.width)  # noqa: E731
        for p in parts:
            self.add(p.label, conv(p.formula))
        self.add(NONTRIVIAL, z3.Or(*(self.sym[n] != 0 for n in problem.fermion_variables)))
        if qmax is not None:
            self.add(f"bounds: |F| <= {qmax}",
                     z3.And(*(z3.And(self.sym[n] >= -qmax, self.sym[n] <= qmax)
                              for n in names)))

    def add(self, label: str, expr: Any) -> None:
        if self.track:
            tag = f"t{len(self.labels)}"
            self.labels[tag] = label
            self.solver.assert_and_track(expr, z3.Bool(tag))
        else:
            self.solver.add(expr)

    def core(self) -> list[str]:
        return [self.labels[str(c)] for c in self.solver.unsat_core()]

    def values(self, names: Sequence[str]) -> dict[str, Fraction | None]:
        model = self.solver.model()
        return {
            n: _value(model.eval(self.sym[n], model_completion=True))  # safe: z3 model API
            for n in names
        }


def find(problem: SearchProblem, timeout_s: float = 30.0) -> FindResult:
    """One solution (integers within ``problem.qmax`` if set, else rationals) or the unsat core.

    With bounds, a part that contradicts them by interval arithmetic is reported at once (core:
    that part and the bounds). Without bounds: first the reals (``unsat`` proves that no
    rational solution exists, with a core); if the real check times out or yields an irrational
    model, integer searches with growing bounds 1, 2, 4, ..., 64 follow, sharing the time
    budget.
    """
    names = problem.all_constrained
    deadline = time.monotonic() + timeout_s
    conflict = bound_conflict(problem)
    if conflict is not None:
        return FindResult("unsat", core=[conflict, f"bounds: |F| <= {problem.qmax}"],
                          domain=f"integers |F| <= {problem.qmax}",
                          reason=f"{conflict} conflicts with the bound |F| <= {problem.qmax}")

    def done(values: dict[str, Fraction | None], domain: str) -> FindResult:
        full = {n: values.get(n) or Fraction(0) for n in problem.names}
        vec = [full[n] for n in problem.search_variables]
        return FindResult("sat", values=full, canonical=canonical(vec, problem.symmetry),
                          domain=domain)

    if problem.qmax is not None:
        b = _Builder(problem, names, problem.qmax, problem.parts, timeout_s, True)
        res = b.solver.check()
        if res == z3.unsat:
            return FindResult("unsat", core=b.core(), domain=f"integers |F| <= {problem.qmax}")
        if res == z3.unknown:
            return FindResult("timeout", reason=f"{b.solver.reason_unknown()} after {timeout_s} s")
        return done(b.values(names), f"integers |F| <= {problem.qmax}")
    sym = {n: z3.Real(n) for n in names}
    exprs = [p.formula.to_z3(sym) for p in problem.parts]
    nontrivial = z3.Or(*(sym[n] != 0 for n in problem.fermion_variables))
    res, model, _ = real_check([*exprs, nontrivial], timeout_s / 3)
    if res == z3.unsat:
        keep = deletion_core([*exprs, nontrivial], [], timeout_s / 3)
        labels = [p.label for p in problem.parts] + [NONTRIVIAL]
        return FindResult("unsat", core=[labels[i] for i in keep], domain="reals")
    if res == z3.sat:
        vals = {n: _value(model.eval(sym[n], model_completion=True)) for n in names}  # safe: z3
        if all(v is not None for v in vals.values()):
            return done(vals, "rationals")
    bound = 1
    while bound <= 64:
        left = deadline - time.monotonic()
        if left <= 0.05:
            break
        b = _Builder(problem, names, bound, problem.parts, left, False)
        r2 = b.solver.check()
        if r2 == z3.sat:
            return done(b.values(names), "rationals")
        if r2 == z3.unknown:
            break
        bound *= 2
    why = ("real solutions exist (irrational model) but" if res == z3.sat
           else "the real check did not finish and")
    return FindResult("timeout", reason=f"{why} no integer solution found with |F| <= "
                      f"{bound // 2 or 1} within {timeout_s:g} s")


@dataclass
class EnumerationStatus:
    """Completion flag of :func:`enumerate_solutions` (a timeout leaves it incomplete)."""

    complete: bool = True
    reason: str = ""
    calls: int = 0


def _symmetry_breaking(problem: SearchProblem, sym: dict[str, Any]) -> list[Any]:
    """Columns of each block factor in descending lexicographic order (canonical order)."""
    out = []
    for f in problem.symmetry.factors:
        gens = list(f.generations)
        for g1, g2 in itertools.pairwise(gens):
            a = [sym[f"F_{s}{g1}"] for s in f.species]
            b = [sym[f"F_{s}{g2}"] for s in f.species]
            out.append(_lex_ge(a, b))
    return out


def _lex_ge(a: list[Any], b: list[Any]) -> Any:
    if not a:
        return z3.BoolVal(True)
    return z3.Or(a[0] > b[0], z3.And(a[0] == b[0], _lex_ge(a[1:], b[1:])))


def enumerate_solutions(problem: SearchProblem, timeout_s: float = 60.0,
                        status: EnumerationStatus | None = None) -> Iterator[tuple[int, ...]]:
    """All canonical integer solutions with |F| <= problem.qmax, via blocking clauses.

    Symmetry breaking restricts the solver to permutation-canonical vectors; after each model
    the canonical form, its sign-flipped image and all their multiples within the bounds are
    blocked, so each canonical solution is produced exactly once.
    """
    if problem.qmax is None:
        raise ValueError("enumeration needs bounds")
    status = status if status is not None else EnumerationStatus()
    names = problem.search_variables
    b = _Builder(problem, names, problem.qmax, problem.search_parts, timeout_s, False)
    s, sym = b.solver, b.sym
    for c in _symmetry_breaking(problem, sym):
        s.add(c)
    group, qmax = problem.symmetry, problem.qmax
    seen: set[tuple[int, ...]] = set()
    while True:
        status.calls += 1
        res = s.check()
        if res == z3.unsat:
            return
        if res == z3.unknown:
            status.complete = False
            status.reason = f"solver call timed out after {timeout_s:g} s ({s.reason_unknown()})"
            return
        vals = b.values(names)
        canon = canonical([vals[n] for n in names], group)  # type: ignore[misc]
        if canon not in seen:
            seen.add(canon)
            yield canon
        peak = max(abs(x) for x in canon)
        blocked = set()
        for k in range(1, qmax // peak + 1):
            for sign in (1, -1) if group.sign_flip else (1,):
                row = np.array([[sign * k * x for x in canon]], dtype=np.int64)
                blocked.add(tuple(int(x) for x in _canonical_perm(row, group)[0]))
        for image in blocked:
            s.add(z3.Or(*(sym[n] != v for n, v in zip(names, image, strict=False))))
