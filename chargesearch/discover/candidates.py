"""Stage 1, enumerate: canonical charge sets of the ``paper`` constraint preset.

The exact enumerator (:mod:`chargesearch.search`) lists each solution of (15), (5)-(8), (10),
(17), (19), (23), (40) with |F| <= qmax once, in canonical form; here they are normalised (largest
fermion |F| = 1, Sect. 2) and those with C9 = 0 (F_E2 = -F_L2, allowed by (40)) are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from chargesearch.charges import ChargeAssignment
from chargesearch.discover.models import fermion_key
from chargesearch.search import batch
from chargesearch.search.problem import build_problem


def enumerate_charge_sets(
    nu_r: int, qmax: int, where: Iterable[str] = ()
) -> list[ChargeAssignment]:
    """All canonical solutions of the paper preset for this nu_R count and bound."""
    problem = build_problem(preset="paper", nu_r=nu_r, qmax=qmax, user=tuple(where))
    chunks: list[np.ndarray] = []
    batch.run(problem, workers=1, progress=False, on_rows=chunks.append)
    names = problem.search_variables
    rows = np.concatenate(chunks) if chunks else np.zeros((0, len(names)), dtype=np.int64)
    rows = rows[np.lexsort(rows.T[::-1])]
    return [
        ChargeAssignment.from_mapping(dict(zip(names, map(int, r), strict=True))).normalised()
        for r in rows
    ]


def distinct(sets: list[ChargeAssignment]) -> list[ChargeAssignment]:
    """One charge set per model: sets that differ only by neutral right-handed neutrinos are
    one model (see :func:`~chargesearch.discover.models.fermion_key`); the one with the fewest
    nu_R is kept."""
    best: dict[str, ChargeAssignment] = {}
    for s in sorted(sets, key=lambda s: s.nu_r):
        best.setdefault(fermion_key(s), s)
    keep = {id(s) for s in best.values()}
    return [s for s in sets if id(s) in keep]


def has_c9(charges: ChargeAssignment) -> bool:
    """C9 != 0, eq. (34): (F_Q3 - F_Q2)(F_E2 + F_L2) != 0."""
    return (charges["F_Q3"] - charges["F_Q2"]) * (charges["F_E2"] + charges["F_L2"]) != 0
