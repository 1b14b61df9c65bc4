"""Machine proofs over the rationals (no bounds): hypotheses => claim.

Two independent certificates:

* **z3 (nlsat)**: the hypotheses together with the negated claim are unsatisfiable over the
  *reals* (z3's complete procedure for nonlinear real arithmetic); since every rational charge
  set is real, this proves the claim for all rational (hence integer) charges. The unsat core
  names the hypotheses used.
* **exact elimination** (equational hypotheses and claims built from ``=``, ``and``, ``or``):
  the linear hypotheses are eliminated exactly (Fractions), then a Groebner basis (sympy, built
  from :class:`~chargesearch.expressions.Poly` objects, never from user text) of the remaining
  polynomial ideal I is computed, and for each claim polynomial p (a disjunction
  ``p1 = 0 or p2 = 0`` becomes ``p1 p2``) the smallest k with p^k in I is found. p^k in I means
  p vanishes on every complex, hence every real and rational, solution: a certificate that
  anyone can check by reducing p^k modulo the printed basis.

Neither certificate assumes a non-trivial solution: the claim is proved for *all* solutions,
the zero assignment included; separately, :func:`prove` reports a non-trivial rational solution
of the hypotheses (when one is found), so that a proof is never vacuous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import z3

from chargesearch.expressions import And, Formula, Not, Or, Poly, Relation, parse_formula
from chargesearch.search import z3backend
from chargesearch.search.deadline import Deadline, WallClockTimeout
from chargesearch.search.problem import Part, SearchProblem


@dataclass
class ProofResult:
    """Outcome: ``PROVED``, ``REFUTED`` or ``UNKNOWN``."""

    status: str
    claim: str
    certificates: list[str] = field(default_factory=list)
    core: list[str] = field(default_factory=list)
    counterexample: dict[str, str] = field(default_factory=dict)
    counterexample_exact: bool = True
    example: tuple[int, ...] | None = None
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------
# exact elimination
# ------------------------------------------------------------------------------------------
def _equalities(f: Formula) -> list[Poly] | None:
    """Polys whose vanishing is equivalent to ``f`` (None if ``f`` is not equational)."""
    if isinstance(f, Relation):
        return [f.poly] if f.op == "==" else None
    if isinstance(f, And):
        out: list[Poly] = []
        for x in f.items:
            sub = _equalities(x)
            if sub is None:
                return None
            out += sub
        return out
    if isinstance(f, Or):
        # (p1 = 0 or q = 0) with single-poly branches: product
        prod = Poly.const(1)
        for x in f.items:
            sub = _equalities(x)
            if sub is None or len(sub) != 1:
                return None
            prod = prod * sub[0]
        return [prod]
    return None


def eliminate_linear(polys: list[Poly]) -> tuple[dict[str, Poly], list[Poly]]:
    """Solve the linear polynomials exactly; returns (substitution, remaining non-linear polys).

    Each step picks a degree-1 polynomial, solves it for its last variable (canonical name
    order) and substitutes everywhere (Gaussian elimination with exact Fractions).
    """
    subst: dict[str, Poly] = {}
    work = [p for p in polys if not p.is_zero()]
    while True:
        lin = next((p for p in work if p.degree() == 1), None)
        if lin is None:
            break
        var = max(lin.variables())
        coeff = lin.terms[((var, 1),)]
        expr = (Poly.var(var) * coeff - lin) * Fraction(1, 1) * (1 / coeff)
        expr = Poly({m: c for m, c in expr.terms.items()})
        subst = {k: v.substitute({var: expr}) for k, v in subst.items()}
        subst[var] = expr
        work = [q.substitute({var: expr}) for q in work if q is not lin]
        work = [q for q in work if not q.is_zero()]
    return subst, work


def _to_sympy(poly: Poly, symbols: dict[str, Any]) -> Any:
    import sympy

    total = sympy.Integer(0)
    for mono, c in poly.terms.items():
        term = sympy.Rational(c.numerator, c.denominator)
        for v, p in mono:
            term *= symbols[v] ** p
        total += term
    return sympy.expand(total)


def groebner_certificate(hyps: list[Formula], claim: Formula, max_power: int = 6
                         ) -> list[str] | None:
    """Lines of an exact elimination certificate, or None if not applicable / not found."""
    import sympy

    hyp_polys: list[Poly] = []
    for h in hyps:
        eq = _equalities(h)
        if eq is None:
            return None
        hyp_polys += eq
    targets = _equalities(claim)
    if targets is None:
        return None
    subst, rest = eliminate_linear(hyp_polys)
    names = sorted(set().union(*(p.variables() for p in rest)) if rest else set())
    targets_r = [t.substitute(subst) for t in targets]
    names = sorted(set(names).union(*(t.variables() for t in targets_r)))
    syms = {n: sympy.Symbol(n) for n in names}
    lines = [f"linear elimination: {len(subst)} variables solved exactly "
             f"({', '.join(f'{k} = {v}' for k, v in sorted(subst.items()))})"]
    if rest:
        gens = [syms[n] for n in names]
        basis = sympy.groebner([_to_sympy(p, syms) for p in rest], *gens, order="grevlex")
        lines.append("Groebner basis (grevlex) of the remaining ideal I: "
                     + "; ".join(str(g) for g in basis.exprs))
    else:
        basis = None
    for target, original in zip(targets_r, targets, strict=False):
        if target.is_zero():
            lines.append(f"{original} = 0 follows from the linear conditions alone")
            continue
        expr = _to_sympy(target, syms)
        for k in range(1, max_power + 1):
            if basis is not None and basis.reduce(sympy.expand(expr**k))[1] == 0:
                lines.append(f"({original})^{k} reduces to 0 modulo I (after substitution: "
                             f"({target})^{k} in I)")
                break
        else:
            return None
    return lines


def _rational_counterexample(problem: SearchProblem, claim: Formula, timeout_s: float
                             ) -> dict[str, str] | None:
    """An exact (integer) counterexample from bounded searches, if one is found in time."""
    from dataclasses import replace

    neg = Part("not(claim)", "claim", Not(claim))
    found = z3backend.find(replace(problem, parts=(*problem.parts, neg)), timeout_s=timeout_s)
    if found.status != "sat":
        return None
    used = set(problem.all_constrained) | claim.variables()
    return {n: str(v) for n, v in found.values.items() if n in used}


# ------------------------------------------------------------------------------------------
# driver
# ------------------------------------------------------------------------------------------
def prove(problem: SearchProblem, claim_text: str, timeout_s: float = 60.0,
          method: str = "auto", deadline: Deadline | None = None) -> ProofResult:
    """Prove or refute ``hypotheses => claim`` over the rationals (see module docstring).

    Every solver call stops at ``deadline`` (default: ``timeout_s`` from now). A certificate
    found before the deadline is kept: a deadline reached afterwards only skips the remaining
    optional steps, with a note.
    """
    deadline = deadline or Deadline(timeout_s)
    claim = parse_formula(claim_text, problem.names, field="claim")
    result = ProofResult("UNKNOWN", claim_text)
    try:
        _prove(problem, claim, result, timeout_s, method, deadline)
    except WallClockTimeout as exc:
        if result.status == "UNKNOWN":
            raise
        result.notes.append(f"{exc}: remaining optional steps skipped")
    return result


def _prove(problem: SearchProblem, claim: Formula, result: ProofResult, timeout_s: float,
           method: str, deadline: Deadline) -> None:
    """The steps of :func:`prove`, filling ``result``."""
    parts: list[Part] = list(problem.parts)
    names = sorted(set(problem.all_constrained) | claim.variables()
                   - {"C9", "C10"}, key=list(problem.names).index)
    sym = {n: z3.Real(n) for n in names}
    core: list[str] = [p.label for p in parts]
    if method in ("auto", "z3"):
        negated = Not(claim).to_z3(sym)
        exprs = [p.formula.to_z3(sym) for p in parts]
        res, model, reason = z3backend.real_check([*exprs, negated], deadline.left(timeout_s))
        if res == z3.unsat:
            result.status = "PROVED"
            result.core = core
            result.certificates.append(
                "z3 nlsat: hypotheses and not(claim) are unsatisfiable over the reals "
                f"(z3 {z3.get_version_string()})")
            keep = z3backend.deletion_core(exprs, [negated], timeout_s, deadline)
            core = [parts[i].label for i in keep]
            result.core = core
            result.certificates[-1] += "; hypotheses needed (minimal core): " + "; ".join(core)
        elif res == z3.sat:
            exact = True
            for n in names:
                v = model.eval(sym[n], model_completion=True)  # safe: z3 model API
                val = z3backend._value(v)
                if val is None:
                    exact = False
                    result.counterexample[n] = v.as_decimal(12)
                else:
                    result.counterexample[n] = str(val)
            result.status = "REFUTED"
            result.counterexample_exact = exact
            if not exact:
                rational = _rational_counterexample(problem, claim, deadline.left(timeout_s))
                if rational is not None:
                    result.counterexample = rational
                    result.counterexample_exact = True
                else:
                    result.notes.append("z3's real counterexample is irrational (decimals "
                                        "shown); no rational one found with |F| <= 64")
            return
        else:
            result.notes.append(f"z3: {reason} after {timeout_s:g} s")
    if method in ("auto", "groebner"):
        used = [p.formula for p in parts if p.label in core]
        try:
            lines = groebner_certificate(used, claim)
        except Exception as exc:  # sympy failure: report, do not hide
            lines = None
            result.notes.append(f"exact elimination failed: {exc.__class__.__name__}")
        if lines is not None:
            result.status = "PROVED"
            result.certificates.append("exact elimination (Fractions + sympy Groebner basis, "
                                       "valid over C, hence over R and Q):")
            result.certificates.extend("  " + x for x in lines)
        elif method == "groebner":
            result.notes.append("exact elimination not applicable (inequalities or "
                                "disequalities in the hypotheses or claim) or not found")
    # non-vacuity: a non-trivial rational solution of the hypotheses
    found = z3backend.find(problem, timeout_s=deadline.left(min(timeout_s, 20.0)))
    if found.status == "sat":
        result.example = found.canonical
    elif found.status == "unsat":
        result.notes.append("the hypotheses have no non-trivial solution: the claim holds "
                            "vacuously apart from the zero assignment")

