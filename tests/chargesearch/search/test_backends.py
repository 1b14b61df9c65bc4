"""z3 and the fast enumerators agree; the paper preset contains BM1-BM4 (items 3, 5, 7)."""

from __future__ import annotations

import numpy as np
import pytest

from chargesearch.benchmarks import all_benchmarks
from chargesearch.search import enumerator, z3backend
from chargesearch.search.canonical import canonical
from chargesearch.search.problem import build_problem


def _fast(problem) -> set[tuple[int, ...]]:  # type: ignore[no-untyped-def]
    fp = enumerator.plan(problem)
    rows = [enumerator.run_chunk(fp, c) for c in enumerator.make_chunks(fp)]
    arr = np.concatenate(rows)
    out = {tuple(int(x) for x in r) for r in arr}
    assert len(out) == len(arr)
    return out


@pytest.mark.parametrize(
    ("preset", "nu_r", "qmax", "user", "constraints", "kind"),
    [
        ("atlas", 0, 2, (), (), "atlas"),
        ("atlas", 3, 1, (), (), "atlas"),
        ("paper", 3, 3, (), (), "paper"),
        ("paper", 1, 4, (), (), "paper"),
        ("paper", 0, 6, (), (), "paper"),
        ("paper", 3, 3, ("C10/C9 = -1/3",), (), "paper"),
        ("atlas", 1, 2, ("F_Q1 + F_Q2 + F_Q3 = 0",), (), "atlas"),
        ("paper-3rd-gen", 3, 3, (), (), "orbit"),
        ("paper-3rd-gen", 0, 4, (), (), "orbit"),
        (None, 0, 2, ("F_E2 = 0",), (), "orbit"),
        pytest.param(None, 0, 3, ("F_E2 = 0",), (), "orbit", marks=pytest.mark.slow),
        (None, 2, 2, (), ("kaon", "electron"), "orbit"),
        ("paper", 3, 3, ("F_L2 >= 1",), (), "orbit"),
    ],
)
def test_z3_and_fast_enumerator_agree(preset, nu_r, qmax, user, constraints, kind) -> None:
    """Reason: two independent methods on the same bounded problem must give the same set
    (for all three fast algorithms: atlas join, paper join, atlas-orbit expansion)."""
    problem = build_problem(preset=preset, nu_r=nu_r, qmax=qmax, user=user,
                            constraints=constraints)
    assert enumerator.plan(problem).kind == kind
    status = z3backend.EnumerationStatus()
    z = set(z3backend.enumerate_solutions(problem, timeout_s=60, status=status))
    assert status.complete
    assert z == _fast(problem)


@pytest.mark.parametrize("nu_r", [0, 3])
def test_paper_preset_contains_benchmarks(nu_r: int) -> None:
    """Reason: item 7 -- with qmax = 18 (BM1 needs 18 = 20 x 9/10) the paper preset must
    contain the canonical integer forms of the benchmarks with this field content."""
    problem = build_problem(preset="paper", nu_r=nu_r, qmax=18)
    sols = _fast(problem)
    bms = [b for b in all_benchmarks() if b.charges.nu_r == nu_r]
    assert bms
    for bm in bms:
        vec = [bm.charges[n] for n in problem.search_variables]
        assert canonical(vec, problem.symmetry) in sols, bm.name


def test_find_core_names_conflicting_constraints() -> None:
    """Reason: item 9 -- contradictions are reported with the constraints named."""
    problem = build_problem(preset="paper", nu_r=0, user=["F_H = 1"])
    res = z3backend.find(problem, timeout_s=30)
    assert res.status == "unsat"
    assert res.core == ["higgs-neutral (19): F_H = 0", "user: F_H = 1"]


def test_find_returns_a_verified_solution() -> None:
    """Reason: a found solution must satisfy every constraint exactly."""
    problem = build_problem(preset="paper", nu_r=3)
    res = z3backend.find(problem, timeout_s=30)
    assert res.status == "sat"
    for part in problem.parts:
        assert part.formula.evaluate(res.values), part.label
