"""Shared fixtures for the chargesearch tests."""

from __future__ import annotations

from fractions import Fraction

import pytest

from chargesearch.benchmarks import benchmark
from chargesearch.charges import ChargeAssignment


@pytest.fixture(params=["BM1", "BM2", "BM3", "BM4"])
def bm(request: pytest.FixtureRequest):
    return benchmark(request.param)


def family_universal(**values: object) -> ChargeAssignment:
    """Assignment with one charge per species for all generations (3 nu_R)."""
    def triple(x: object) -> tuple[Fraction, ...]:
        return (Fraction(str(x)),) * 3

    return ChargeAssignment(
        Q=triple(values["Q"]), U=triple(values["U"]), D=triple(values["D"]),
        L=triple(values["L"]), E=triple(values["E"]), nu=triple(values["nu"]),
        H=Fraction(str(values.get("H", 0))), phi=Fraction(1),
    )


@pytest.fixture
def hypercharge() -> ChargeAssignment:
    """U(1)' = hypercharge (Table 1 Y column): anomaly free with or without nu_R."""
    return family_universal(Q="1/6", U="2/3", D="-1/3", L="-1/2", E="-1", nu=0, H="1/2")


@pytest.fixture
def b_minus_l() -> ChargeAssignment:
    """U(1)' = B - L with three right-handed neutrinos: anomaly free."""
    return family_universal(Q="1/3", U="1/3", D="1/3", L=-1, E=-1, nu=-1)
