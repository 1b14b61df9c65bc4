"""Hypothesis strategies for charge assignments."""

from __future__ import annotations

from hypothesis import strategies as st

from chargesearch.charges import ChargeAssignment

fractions = st.fractions(min_value=-5, max_value=5, max_denominator=12)


@st.composite
def assignments(draw: st.DrawFn) -> ChargeAssignment:
    nu_r = draw(st.integers(0, 3))
    t = lambda n=3: tuple(draw(fractions) for _ in range(n))  # noqa: E731
    return ChargeAssignment(
        Q=t(), U=t(), D=t(), L=t(), E=t(), nu=t(nu_r),
        H=draw(fractions), psi=draw(fractions), S=draw(fractions), phi=draw(fractions),
    )
