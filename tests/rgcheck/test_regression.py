"""Regression values of the two-loop BM3 system (guards against accidental changes of the
general formulas or the derivation). These are values of this implementation, validated
indirectly by the physics tests (SM, O(N), Landau poles, reference points); only lam^3 = -312
and v^3 = -816 are independent O(N) numbers (see test_quartic_numeric)."""

from __future__ import annotations

from fractions import Fraction

import pytest

import rgcheck
from rgcheck.benchmarks import benchmark

VALUES = [
    ("g4", ("g4",) * 5, Fraction(12845, 1024)),
    ("y", ("y",) * 5, Fraction(-37, 4)),
    ("u", ("u",) * 3, Fraction(-336)),
    ("v", ("v",) * 3, Fraction(-816)),
    ("lam", ("lam",) * 3, Fraction(-312)),
    ("w", ("w",) * 3, Fraction(-18)),
    ("delta", ("delta", "y", "y", "y", "y"), Fraction(-9)),
    ("s", ("g4",) * 6, Fraction(-989, 49152)),
]


@pytest.mark.parametrize("coupling, mono, value", VALUES)
def test_bm3_two_loop_coefficients(coupling, mono, value):
    p2 = rgcheck.betas(benchmark("BM3")).polynomials(2)
    assert p2[coupling].get(tuple(sorted(mono))) == value
