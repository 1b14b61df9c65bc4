"""A search problem: field content, constraints (catalogue and user text), bounds.

Every constraint is split into labelled *parts* named in the user's terms, e.g.
``"kaon (7): F_Q1 = F_Q2"``, ``"anomaly (15): U1'^3"`` or ``"user: F_E2 = 0"``; the z3 backend
tracks them so that an unsat core names the conflicting constraints.

Variables. The *search variables* are the chiral fermion charges F_Q1..F_E3, F_nu1..F_nuN plus
every scalar charge (F_H, F_S, F_psi, F_phi) that occurs in a constraint part that is not a pure
disequality. The remaining charges are *free*: F_psi is unconstrained by (15)-(40), and F_phi
only has to avoid finitely many values (eqs. (10), (23): F_phi != 0, != +-2 F_nu_i), which a
rational F_phi always can; enumerations therefore report them as free with their exclusions.
Bounds ``|F| <= qmax`` apply to the integer search variables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from chargesearch.charges import FERMION_SPECIES, GENERATIONS, all_charge_names
from chargesearch.constraints import catalogue
from chargesearch.errors import InputError
from chargesearch.expressions import And, Formula, Not, Or, Relation, parse_formula
from chargesearch.search.presets import preset_constraints
from chargesearch.search.symmetry import SymmetryGroup, detect_symmetries


@dataclass(frozen=True)
class Part:
    """One labelled relation of a constraint."""

    label: str
    source: str
    formula: Formula


def _only_disequalities(f: Formula) -> bool:
    if isinstance(f, Relation):
        return f.op == "!="
    if isinstance(f, And):
        return all(_only_disequalities(x) for x in f.items)
    return False


def _is_fermion(name: str) -> bool:
    body = name[2:]
    return any(body[:-1] == s and body[-1].isdigit() for s in FERMION_SPECIES)


@dataclass(frozen=True)
class SearchProblem:
    """Constraints + field content + bounds; see the module docstring."""

    nu_r: int = GENERATIONS
    preset: str | None = None
    constraint_names: tuple[str, ...] = ("anomaly",)
    user_constraints: tuple[str, ...] = ()
    qmax: int | None = None
    parts: tuple[Part, ...] = field(default=(), compare=False)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """All charge names of the field content."""
        return all_charge_names(self.nu_r)

    @cached_property
    def search_variables(self) -> tuple[str, ...]:
        used: set[str] = set()
        for p in self.parts:
            if not _only_disequalities(p.formula):
                used |= p.formula.variables()
        return tuple(n for n in self.names if _is_fermion(n) or n in used)

    @cached_property
    def all_constrained(self) -> tuple[str, ...]:
        """Search variables plus scalars that occur only in disequalities (e.g. F_phi)."""
        used = set().union(*(p.formula.variables() for p in self.parts)) if self.parts else set()
        return tuple(n for n in self.names if n in self.search_variables or n in used)

    @cached_property
    def free_variables(self) -> tuple[str, ...]:
        return tuple(n for n in self.names if n not in self.search_variables)

    @cached_property
    def fermion_variables(self) -> tuple[str, ...]:
        return tuple(n for n in self.names if _is_fermion(n))

    @property
    def formulas(self) -> list[Formula]:
        return [p.formula for p in self.parts]

    @cached_property
    def search_parts(self) -> tuple[Part, ...]:
        """Parts that constrain the search variables (pure disequalities on free ones dropped)."""
        keep = set(self.search_variables)
        return tuple(p for p in self.parts if p.formula.variables() <= keep)

    @cached_property
    def free_exclusions(self) -> tuple[str, ...]:
        """Labels of the parts that only restrict free variables (reported, not enumerated)."""
        return tuple(p.label for p in self.parts if p not in self.search_parts)

    @cached_property
    def symmetry(self) -> SymmetryGroup:
        """Symmetries of the search parts, computed from the constraints."""
        return detect_symmetries([p.formula for p in self.search_parts],
                                 self.search_variables, self.nu_r)

    def describe(self) -> str:
        head = f"preset {self.preset}" if self.preset else "constraints"
        cons = ", ".join(self.constraint_names) or "(none)"
        user = "; ".join(self.user_constraints)
        bounds = f"|F| <= {self.qmax}" if self.qmax is not None else "unbounded (rationals)"
        return (f"{head}: {cons}" + (f"; user: {user}" if user else "")
                + f"; nu_R = {self.nu_r}; {bounds}")

    def spec(self) -> dict[str, Any]:
        """JSON-able description (manifests, --json output)."""
        return {
            "preset": self.preset,
            "constraints": list(self.constraint_names),
            "user_constraints": list(self.user_constraints),
            "nu_r": self.nu_r,
            "qmax": self.qmax,
            "search_variables": list(self.search_variables),
            "free_variables": list(self.free_variables),
            "free_exclusions": list(self.free_exclusions),
            "symmetry": self.symmetry.to_json(),
        }


def parse_names(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Split a comma-separated constraint list."""
    if text is None:
        return ()
    items = text.split(",") if isinstance(text, str) else list(text)
    return tuple(x.strip() for x in items if x.strip())


def build_problem(
    *,
    preset: str | None = None,
    constraints: Sequence[str] = (),
    user: Sequence[str] = (),
    nu_r: int = GENERATIONS,
    qmax: int | None = None,
    include_anomaly: bool = True,
) -> SearchProblem:
    """Assemble a problem. Without a preset the anomaly conditions are always included."""
    if isinstance(nu_r, bool) or not isinstance(nu_r, int) or not 0 <= nu_r <= GENERATIONS:
        raise InputError("nu-r", "an integer 0..3", nu_r)
    if qmax is not None and (isinstance(qmax, bool) or not isinstance(qmax, int) or qmax < 1):
        raise InputError("qmax", "a positive integer", qmax)
    names: list[str] = []
    if preset is not None:
        names.extend(preset_constraints(preset))
    elif include_anomaly:
        names.append("anomaly")
    for n in constraints:
        if n not in names:
            names.append(n)
    known = catalogue(nu_r)
    parts: list[Part] = []
    for n in names:
        if n not in known:
            raise InputError("constraint", "one of " + ", ".join(known), n)
        c = known[n]
        for label, formula in c.parts:
            parts.append(Part(f"{c.name} {c.equation}: {label}", c.name, formula))
    charge_names = all_charge_names(nu_r)
    for i, text in enumerate(user, 1):
        formula = parse_formula(text, charge_names, field=f"user constraint {i}")
        parts.append(Part(f"user: {text.strip()}", "user", formula))
    return SearchProblem(nu_r, preset, tuple(names), tuple(t.strip() for t in user), qmax,
                         tuple(parts))


def negate(formula: Formula) -> Formula:
    """Logical negation (used for claims)."""
    return Not(formula)


__all__ = ["Or", "Part", "SearchProblem", "build_problem", "negate", "parse_names"]
