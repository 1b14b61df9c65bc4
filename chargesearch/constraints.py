"""The constraint catalogue of the paper (SPEC section 1) as named, composable objects.

Each :class:`Constraint` carries its equation number and a list of labelled exact relations
(:class:`~chargesearch.expressions.Formula`) over the charge names. ``check`` reports which
relations a charge set violates and why; ``formula`` is the conjunction used by the search.
Constraints on the psi representation data (eq. (6)) are checked on the assignment's
``N_f, Y_psi, r2, r3`` and have no charge formula.

Catalogue names (``catalogue(nu_r)``):

=================  =========  =====================================================
name               equation   content
=================  =========  =====================================================
anomaly            (15)       the six anomaly conditions
bsm-defaults       (5)        N_f = 3, F_S = 0 (F_psiL = F_psiR is built in)
singlet-psi        (6)        Y_psi = 0, r2 = r3 = 1
kaon               (7)        F_Q1 = F_Q2, F_D1 = F_D2
electron           (8)        F_L1 = 0, F_E1 = 0
no-majorana        (10)       F_phi != +-2 F_nui for every present nu_R
quark-yukawa       (17)       F_Ui = F_Qi + F_H, F_Di = F_Qi - F_H, i = 1, 2, 3
quark-yukawa-3rd   App. D     (17) for the third generation only
full-yukawa        (16)       all Y^u, Y^d, Y^e, Y^nu entries gauge invariant
higgs-neutral      (19)       F_H = 0
phi-charged        (23)       F_phi != 0
wilson-sign        (40)       (F_Q3 > F_Q2, F_L2 >= F_E2 >= 0) or mirror
=================  =========  =====================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from chargesearch.anomaly import anomaly_polynomials
from chargesearch.charges import GENERATIONS, all_charge_names
from chargesearch.errors import InputError
from chargesearch.expressions import And, Formula, Or, Poly, conjunction, relation
from chargesearch.yukawa import YUKAWA_KINDS, yukawa_charge_sum


@dataclass(frozen=True)
class Verdict:
    """Result of checking one constraint on one charge set."""

    name: str
    equation: str
    satisfied: bool
    violations: tuple[str, ...] = ()

    def reasons(self) -> str:
        """The violations in one line; Yukawa entries grouped as ``Y^u: 13 23; Y^e: 12``."""
        grouped: dict[str, list[str]] = {}
        other = []
        for text in self.violations:
            match = _YUKAWA_LABEL.match(text)
            if match:
                grouped.setdefault(match.group(1), []).append(match.group(2))
            else:
                other.append(text)
        if grouped:
            count = sum(len(v) for v in grouped.values())
            entries = "; ".join(f"Y^{k}: {' '.join(v)}" for k, v in grouped.items())
            other.append(f"{count} Yukawa entries forbidden (charge sum != 0): {entries}")
        return "; ".join(other)

    def __str__(self) -> str:
        status = "ok" if self.satisfied else "VIOLATED"
        why = "" if self.satisfied else ": " + self.reasons()
        return f"{self.name} {self.equation}: {status}{why}"


_YUKAWA_LABEL = re.compile(r"Y\^(\w+)_(\d\d) fails")


@dataclass(frozen=True)
class Constraint:
    """A named constraint: labelled exact relations plus optional representation data."""

    name: str
    equation: str
    description: str
    parts: tuple[tuple[str, Formula], ...] = ()
    representation: Mapping[str, Any] = field(default_factory=dict)

    @property
    def formula(self) -> Formula | None:
        """Conjunction of all relations (None for a pure representation constraint)."""
        return conjunction(f for _, f in self.parts) if self.parts else None

    def variables(self) -> set[str]:
        return set().union(*(f.variables() for _, f in self.parts)) if self.parts else set()

    def check(self, charges: Any) -> Verdict:
        """Verdict on a :class:`~chargesearch.charges.ChargeAssignment`."""
        values = {name: charges[name] for name in charges}
        violations = []
        for label, formula in self.parts:
            missing = formula.variables() - set(values)
            if missing:
                violations.append(f"{label} (needs {', '.join(sorted(missing))})")
            elif not formula.evaluate(values):
                violations.append(_explain(label, formula, values))
        for key, expected in self.representation.items():
            actual = getattr(charges, key)
            if actual != expected:
                violations.append(f"{key} = {actual}, needs {expected}")
        return Verdict(self.name, self.equation, not violations, tuple(violations))


def _explain(label: str, formula: Formula, values: Mapping[str, Fraction]) -> str:
    from chargesearch.expressions import Relation

    if isinstance(formula, Relation):
        return f"{label} fails ({formula.poly} = {formula.poly.evaluate(values)})"
    return f"{label} fails"


def _v(name: str) -> Poly:
    return Poly.var(name)


def _symbols(nu_r: int) -> dict[str, Poly]:
    return {name: _v(name) for name in all_charge_names(nu_r)}


def wilson_sign_formula() -> Formula:
    """Eq. (40): (F_Q3 > F_Q2 and F_L2 >= F_E2 >= 0) or (F_Q3 < F_Q2 and F_L2 <= F_E2 <= 0)."""
    q2, q3, l2, e2 = _v("F_Q2"), _v("F_Q3"), _v("F_L2"), _v("F_E2")
    return Or(
        (
            And((relation(q3, ">", q2), relation(l2, ">=", e2), relation(e2, ">=", 0))),
            And((relation(q3, "<", q2), relation(l2, "<=", e2), relation(e2, "<=", 0))),
        )
    )


def _yukawa_parts(kinds: Iterable[str], pairs: Iterable[tuple[int, int]], nu_r: int) -> tuple[
    tuple[str, Formula], ...
]:
    sym = _symbols(nu_r)
    parts = []
    for kind in kinds:
        for i, j in pairs:
            if kind == "nu" and j > nu_r:
                continue
            parts.append((f"Y^{kind}_{i}{j}", relation(yukawa_charge_sum(sym, kind, i, j), "==")))
    return tuple(parts)


def catalogue(nu_r: int = GENERATIONS) -> dict[str, Constraint]:
    """All catalogue constraints for a model with ``nu_r`` right-handed neutrinos."""
    gens = range(1, GENERATIONS + 1)
    diagonal = [(i, i) for i in gens]
    all_pairs = [(i, j) for i in gens for j in gens]
    items = [
        Constraint(
            "anomaly",
            "(15)",
            "gauge-anomaly cancellation",
            tuple((n, relation(p, "==")) for n, p in anomaly_polynomials(nu_r).items()),
        ),
        Constraint(
            "bsm-defaults",
            "(5)",
            "N_f = 3 vector-like psi, F_S = 0",
            (("F_S = 0", relation(_v("F_S"), "==")),),
            {"N_f": 3},
        ),
        Constraint(
            "singlet-psi",
            "(6)",
            "psi is a SM singlet: Y_psi = 0, r2 = r3 = 1",
            (),
            {"Y_psi": Fraction(0), "r2": 1, "r3": 1},
        ),
        Constraint(
            "kaon",
            "(7)",
            "kaon mixing: universal first two generations",
            (
                ("F_Q1 = F_Q2", relation(_v("F_Q1"), "==", _v("F_Q2"))),
                ("F_D1 = F_D2", relation(_v("F_D1"), "==", _v("F_D2"))),
            ),
        ),
        Constraint(
            "electron",
            "(8)",
            "no Z' couplings to electrons",
            (
                ("F_L1 = 0", relation(_v("F_L1"), "==")),
                ("F_E1 = 0", relation(_v("F_E1"), "==")),
            ),
        ),
        Constraint(
            "no-majorana",
            "(10)",
            "no Majorana-like phi nu nu couplings",
            tuple(
                (f"F_phi != {s}2 F_nu{i}", relation(_v("F_phi"), "!=", sign * 2 * _v(f"F_nu{i}")))
                for i in range(1, nu_r + 1)
                for s, sign in (("+", 1), ("-", -1))
            ),
        ),
        Constraint(
            "quark-yukawa",
            "(17)",
            "diagonal quark Yukawas allowed",
            _yukawa_parts(("u", "d"), diagonal, nu_r),
        ),
        Constraint(
            "quark-yukawa-3rd",
            "App. D",
            "third-generation quark Yukawas allowed",
            _yukawa_parts(("u", "d"), [(3, 3)], nu_r),
        ),
        Constraint(
            "full-yukawa",
            "(16)",
            "all SM Yukawa entries gauge invariant",
            _yukawa_parts(YUKAWA_KINDS, all_pairs, nu_r),
        ),
        Constraint(
            "higgs-neutral",
            "(19)",
            "Higgs uncharged under U(1)'",
            (("F_H = 0", relation(_v("F_H"), "==")),),
        ),
        Constraint(
            "phi-charged",
            "(23)",
            "phi breaks U(1)'",
            (("F_phi != 0", relation(_v("F_phi"), "!=")),),
        ),
        Constraint(
            "wilson-sign",
            "(40)",
            "sign pattern -C9 >= C10 >= 0 of the 2d fit (39)",
            (("(40)", wilson_sign_formula()),),
        ),
    ]
    return {c.name: c for c in items}


def compose(name: str, constraints: Iterable[Constraint], equation: str = "") -> Constraint:
    """One constraint that holds iff all of ``constraints`` hold (parts are kept labelled)."""
    members = list(constraints)
    parts = tuple(
        (f"{c.name}: {label}", formula) for c in members for label, formula in c.parts
    )
    representation: dict[str, Any] = {}
    for c in members:
        representation.update(c.representation)
    eq = equation or " ".join(c.equation for c in members)
    description = " and ".join(c.description for c in members)
    return Constraint(name, eq, description, parts, representation)


#: The paper's default set (SPEC section 1): (15), (5), (6), (7), (8), (10), (17), (19), (23), (40)
PAPER_CONSTRAINTS: tuple[str, ...] = (
    "anomaly",
    "bsm-defaults",
    "singlet-psi",
    "kaon",
    "electron",
    "no-majorana",
    "quark-yukawa",
    "higgs-neutral",
    "phi-charged",
    "wilson-sign",
)


def select(names: Iterable[str], nu_r: int = GENERATIONS) -> list[Constraint]:
    """Look up catalogue constraints by name; unknown names raise :class:`InputError`."""
    known = catalogue(nu_r)
    chosen = []
    for name in names:
        key = name.strip()
        if key not in known:
            raise InputError("constraint", "one of " + ", ".join(known), key)
        chosen.append(known[key])
    return chosen


def check_all(charges: Any, names: Iterable[str] | None = None) -> list[Verdict]:
    """Verdicts of the named constraints (default: the whole catalogue) on ``charges``."""
    nu_r = getattr(charges, "nu_r", GENERATIONS)
    chosen = select(names, nu_r) if names is not None else list(catalogue(nu_r).values())
    return [c.check(charges) for c in chosen]
