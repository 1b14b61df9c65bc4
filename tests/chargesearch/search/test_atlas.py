"""The fast atlas enumerator against an independent brute force (issue #3 items 5, tests)."""

from __future__ import annotations

import numpy as np
import pytest

from chargesearch.search import atlas, enumerator
from chargesearch.search.problem import build_problem
from tests.chargesearch.search.search_bruteforce import brute_force_atlas


def _fast_set(qmax: int, nu_r: int) -> set[tuple[int, ...]]:
    fp = enumerator.plan(build_problem(preset="atlas", nu_r=nu_r, qmax=qmax))
    rows = [enumerator.run_chunk(fp, c) for c in enumerator.make_chunks(fp, target=7)]
    allrows = np.concatenate(rows)
    out = {tuple(int(x) for x in r) for r in allrows}
    assert len(out) == len(allrows), "a solution was emitted twice"
    return out


@pytest.mark.parametrize(
    ("qmax", "nu_r"),
    [
        (1, 0), (2, 0), (1, 1), (2, 1), (1, 2), (1, 3),
        pytest.param(3, 0, marks=pytest.mark.slow),
        (2, 2),
        (2, 3),
    ],
)
def test_counts_match_brute_force(qmax: int, nu_r: int) -> None:
    """Reason: the join-based enumerator must find exactly the brute-force solution set
    (same canonical forms, none missing, none duplicated) for SM + 0..3 nu_R."""
    assert _fast_set(qmax, nu_r) == brute_force_atlas(qmax, nu_r)


def test_known_small_counts() -> None:
    """Reason: regression values of the count convention (measured, brute-force checked above
    for qmax <= 2)."""
    assert [atlas.count(q, 3) for q in (1, 2, 3)] == [37, 357, 4115]
    assert [atlas.count(q, 0) for q in (1, 2, 3)] == [7, 21, 81]


def test_chunking_does_not_change_result() -> None:
    """Reason: batch runs split the work; any split must give the same set."""
    fp = enumerator.plan(build_problem(preset="atlas", nu_r=2, qmax=3))
    a = sorted(map(tuple, np.concatenate([enumerator.run_chunk(fp, c)
                                          for c in enumerator.make_chunks(fp, 1)]).tolist()))
    b = sorted(map(tuple, np.concatenate([enumerator.run_chunk(fp, c)
                                          for c in enumerator.make_chunks(fp, 50)]).tolist()))
    assert a == b
