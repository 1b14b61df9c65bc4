"""The fast exact backend: plans, chunks and the per-chunk worker.

Supported problems: the ``atlas`` preset (:mod:`chargesearch.search.atlas`) and the ``paper``
preset (:mod:`chargesearch.search.paper`), each optionally with further user or catalogue
constraints that leave the preset's symmetry group unchanged -- those are applied as exact
filters on the canonical rows (a filter invariant under the group is correctly evaluated on the
canonical representative). Anything else is refused with a pointer to ``--backend z3``.

A chunk is a small JSON-able dict; :func:`run_chunk` is a pure function of (problem arguments,
chunk), so chunks can run in any order, in any process or on a Dask worker, and be re-run after
an interruption with identical output.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from typing import Any

import numpy as np

from chargesearch.errors import InputError
from chargesearch.expressions import Relation
from chargesearch.search import atlas, paper
from chargesearch.search.canonical import canonical_array
from chargesearch.search.problem import Part, SearchProblem, build_problem
from chargesearch.search.vectorize import columns, eval_formula

#: estimated throughput of the atlas join, candidate tuples per second per core (measured)
ATLAS_RATE = 6.0e7
#: refuse runs estimated above this many seconds unless forced
MAX_SECONDS = 3600.0


@dataclass(frozen=True)
class FastPlan:
    """How the fast backend solves a problem."""

    kind: str  # "atlas", "paper" or "orbit" (atlas orbits expanded and filtered)
    args: tuple[tuple[str, Any], ...]  # build_problem arguments (hashable, picklable)
    filters: tuple[Part, ...]

    @property
    def problem(self) -> SearchProblem:
        return problem_from_args(self.args)


def problem_args(problem: SearchProblem) -> tuple[tuple[str, Any], ...]:
    base = [n for n in problem.constraint_names]
    return (
        ("preset", problem.preset),
        ("constraints", tuple(base)),
        ("user", problem.user_constraints),
        ("nu_r", problem.nu_r),
        ("qmax", problem.qmax),
    )


@lru_cache(maxsize=8)
def problem_from_args(args: tuple[tuple[str, Any], ...]) -> SearchProblem:
    d = dict(args)
    return build_problem(preset=d["preset"], constraints=d["constraints"], user=d["user"],
                         nu_r=d["nu_r"], qmax=d["qmax"])


def plan(problem: SearchProblem) -> FastPlan:
    """Choose the fast algorithm, or raise :class:`InputError` if none applies."""
    if problem.qmax is None:
        raise InputError("qmax", "a bound --qmax for enumeration")
    names = set(problem.constraint_names)
    for kind, base_preset in (("atlas", "atlas"), ("paper", "paper")):
        base = build_problem(preset=base_preset, nu_r=problem.nu_r, qmax=problem.qmax)
        base_names = set(base.constraint_names)
        if not base_names <= names:
            continue
        if kind == "atlas" and "wilson-sign" in names and "quark-yukawa" in names:
            continue  # the paper join is far better
        base_labels = {p.label for p in base.parts}
        extra = tuple(p for p in problem.search_parts if p.label not in base_labels)
        if problem.search_variables != base.search_variables:
            continue
        if problem.symmetry != base.symmetry:
            continue  # extra constraints break the preset's symmetry: atlas-orbit path
        return FastPlan(kind, problem_args(problem), extra)
    if "anomaly" in names:
        pinned = _pinned_zero(problem)
        extra_vars = set(problem.search_variables) - set(problem.fermion_variables)
        if extra_vars <= pinned:
            filters = tuple(p for p in problem.search_parts if p.source != "anomaly")
            return FastPlan("orbit", problem_args(problem), filters)
        raise InputError("backend", "constraints that fix every non-fermion search charge to 0 "
                         "for the fast backend (use --backend z3)",
                         ", ".join(sorted(extra_vars - pinned)))
    raise InputError("backend", "a problem the fast enumerator supports (it needs the anomaly "
                     "conditions); use --backend z3", problem.describe())


def _pinned_zero(problem: SearchProblem) -> set[str]:
    """Search variables fixed to 0 by a part ``c * F_X == 0`` (e.g. (19) F_H = 0, (5) F_S = 0)."""
    out = set()
    for p in problem.search_parts:
        f = p.formula
        if isinstance(f, Relation) and f.op == "==" and len(f.poly.terms) == 1:
            (mono,) = f.poly.terms
            if len(mono) == 1 and mono[0][1] == 1:
                out.add(mono[0][0])
    return out


def _orbit_rows(pr: SearchProblem, filters: tuple[Part, ...], base: np.ndarray) -> np.ndarray:
    """Solutions of ``pr`` inside the atlas orbits of the canonical atlas rows ``base``.

    Every generation permutation of each species (and the sign flip) is applied to the atlas
    representatives, species by species, pruning with every filter as soon as its variables are
    assigned; the rows that equal their canonical form under ``pr``'s own symmetry group are
    kept (an orbit of ``pr`` lies inside one atlas orbit, i.e. inside one chunk, so the result
    is exact and duplicate-free across chunks).
    """
    names = pr.search_variables
    pos = {n: i for i, n in enumerate(names)}
    nf = len(pr.fermion_variables)
    dtype = np.int8 if (pr.qmax or 0) <= 127 else np.int16
    rows = np.zeros((2 * len(base), len(names)), dtype=dtype)
    rows[: len(base), :nf] = base
    rows[len(base):, :nf] = -base
    species = ["Q", "U", "D", "L", "E"] + (["nu"] if pr.nu_r else [])
    ngen = {sp: (pr.nu_r if sp == "nu" else 3) for sp in species}
    # a species whose full Sym(generations) is a factor of pr's group stays sorted (descending,
    # as in the atlas form and in pr's canonical form): no expansion needed
    full = {f.species[0] for f in pr.symmetry.factors
            if len(f.species) == 1 and len(f.generations) == ngen[f.species[0]]}
    expand = [sp for sp in species if sp not in full and ngen[sp] > 1]
    # species with more constraints first (earlier pruning)
    expand.sort(key=lambda sp: -sum(any(v.startswith(f"F_{sp}") and v[len(sp) + 2:].isdigit()
                                        for v in p.formula.variables()) for p in filters))
    assigned = set(names) - {f"F_{sp}{g}" for sp in expand for g in range(1, ngen[sp] + 1)}
    pending = list(filters)
    for sp in species:
        if sp not in expand and ngen[sp] > 1:  # negated half: restore descending order
            cols = [pos[f"F_{sp}{g}"] for g in range(1, ngen[sp] + 1)]
            rows[:, cols] = -np.sort(-rows[:, cols], axis=1)

    def prune(rows: np.ndarray) -> np.ndarray:
        nonlocal pending
        ready = [p for p in pending if p.formula.variables() <= assigned]
        pending = [p for p in pending if p not in ready]
        if ready and len(rows):
            c = columns(rows, names)
            keep = np.ones(len(rows), dtype=bool)
            for p in ready:
                keep &= eval_formula(p.formula, c, len(rows))
            rows = rows[keep]
        return rows

    rows = prune(rows)
    for sp in expand:
        cols = [pos[f"F_{sp}{g}"] for g in range(1, ngen[sp] + 1)]
        variants = []
        for perm in permutations(cols):
            v = rows.copy()
            v[:, cols] = rows[:, list(perm)]
            variants.append(v)
        rows = np.concatenate(variants)
        assigned |= {names[c] for c in cols}
        rows = prune(rows)
        if len(rows):
            rows = np.unique(rows, axis=0)
    if not len(rows):
        return rows
    rows = rows.astype(np.int64)
    canon = canonical_array(rows, pr.symmetry)
    return rows[(canon == rows).all(axis=1)]


@lru_cache(maxsize=8)
def plan_from_args(args: tuple[tuple[str, Any], ...]) -> FastPlan:
    """Cached :func:`plan` for workers (one symmetry detection per process, not per chunk)."""
    return plan(problem_from_args(args))


def make_chunks(fp: FastPlan, target: int = 64) -> list[dict[str, Any]]:
    """Deterministic list of chunks with their estimated cost."""
    pr = fp.problem
    assert pr.qmax is not None
    if fp.kind in ("atlas", "orbit"):
        out = []
        for ch in atlas.chunks(pr.qmax, pr.nu_r, target):
            out.append({"key": ch.key, "a": ch.a, "b_lo": ch.b_lo, "b_hi": ch.b_hi,
                        "cost": atlas.chunk_cost(pr.qmax, pr.nu_r, ch)})
        return out
    return [{"key": f"A{a:+d}", "a": a, "cost": 1} for a in paper.chunk_values(pr.qmax)
            if abs(3 * a) <= 2 * pr.qmax]


def estimate_seconds(fp: FastPlan, cores: int = 1) -> float:
    """Rough wall-clock estimate (for refusing runs that are beyond reach)."""
    pr = fp.problem
    assert pr.qmax is not None
    if fp.kind in ("atlas", "orbit"):
        factor = 1.0 if fp.kind == "atlas" else 4.0
        return (factor * atlas.estimate_without_tables(pr.qmax, pr.nu_r) / ATLAS_RATE
                / max(cores, 1))
    # paper: ~ (number of q values) x (lepton rows) per A; calibrated at qmax = 60 ~ 20 s
    return 20.0 * (pr.qmax / 60.0) ** 3 * (1 + pr.nu_r) / 4 / max(cores, 1)


def run_chunk(fp: FastPlan, chunk: dict[str, Any]) -> np.ndarray:
    """Canonical solutions of one chunk as int64 rows over ``problem.search_variables``."""
    pr = fp.problem
    assert pr.qmax is not None
    names = pr.search_variables
    if fp.kind in ("atlas", "orbit"):
        parts = [atlas.expand(pr.qmax, pr.nu_r, idx).astype(np.int64)
                 for idx in atlas.solve_chunk(pr.qmax, pr.nu_r,
                                              atlas.AtlasChunk(chunk["a"], chunk["b_lo"],
                                                               chunk["b_hi"]))]
        nf = len(pr.fermion_variables)
        rows = np.concatenate(parts) if parts else np.zeros((0, nf), dtype=np.int64)
        if fp.kind == "orbit":
            return _orbit_rows(pr, fp.filters, rows)
    else:
        raw = paper.raw_rows(pr.qmax, pr.nu_r, chunk["a"])
        if len(raw):
            g = np.gcd.reduce(raw, axis=1)
            raw = raw[g == 1]
            canon = canonical_array(raw, pr.symmetry)
            raw = raw[(canon == raw).all(axis=1)]
            # exact verification of every search constraint (guards the reduction above)
            cols = columns(raw, names)
            for p in pr.search_parts:
                if p.source == "user":
                    continue
                if not eval_formula(p.formula, cols, len(raw)).all():
                    raise AssertionError(f"paper enumerator emitted a row violating {p.label}")
        rows = raw
    if fp.filters and len(rows):
        cols = columns(rows, names)
        keep = np.ones(len(rows), dtype=bool)
        for p in fp.filters:
            keep &= eval_formula(p.formula, cols, len(rows))
        rows = rows[keep]
    return rows
