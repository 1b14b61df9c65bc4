"""Gauge-anomaly cancellation conditions, paper eq. (15).

Six sums over the three generations, with the charges of the right-handed fields U, D, E, nu
entered as written in (15). Vector-like psi does not contribute. Absent right-handed neutrinos
contribute nothing. All arithmetic is exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from chargesearch.charges import GENERATIONS, all_charge_names
from chargesearch.expressions import Poly

ANOMALY_NAMES: tuple[str, ...] = (
    "SU3^2 U1'",
    "SU2^2 U1'",
    "U1Y^2 U1'",
    "gauge-gravity",
    "U1Y U1'^2",
    "U1'^3",
)


def _get(charges: Mapping[str, Any], name: str) -> Any:
    return charges[name] if name in charges else Fraction(0)


def anomaly_sums(charges: Mapping[str, Any]) -> dict[str, Any]:
    """The six anomaly sums of eq. (15), keyed by :data:`ANOMALY_NAMES`.

    ``charges`` is a :class:`~chargesearch.charges.ChargeAssignment` or any mapping of the
    names ``F_Q1 .. F_nu3``; missing ``F_nu<i>`` count as absent right-handed neutrinos.
    The values may also be :class:`~chargesearch.expressions.Poly` symbols, which yields the
    six anomaly polynomials (this one definition serves evaluation and the search).
    """
    sums: dict[str, Any] = dict.fromkeys(ANOMALY_NAMES, Fraction(0))
    for i in range(1, GENERATIONS + 1):
        q, u, d = (_get(charges, f"F_{s}{i}") for s in "QUD")
        lep, e, nu = _get(charges, f"F_L{i}"), _get(charges, f"F_E{i}"), _get(charges, f"F_nu{i}")
        sums["SU3^2 U1'"] += 2 * q - u - d
        sums["SU2^2 U1'"] += 3 * q + lep
        sums["U1Y^2 U1'"] += q + 3 * lep - 8 * u - 2 * d - 6 * e
        sums["gauge-gravity"] += 6 * q + 2 * lep - 3 * u - 3 * d - e - nu
        sums["U1Y U1'^2"] += q**2 - lep**2 - 2 * u**2 + d**2 + e**2
        sums["U1'^3"] += 6 * q**3 + 2 * lep**3 - 3 * u**3 - 3 * d**3 - e**3 - nu**3
    return sums


def anomaly_polynomials(nu_r: int = GENERATIONS) -> dict[str, Poly]:
    """The six conditions (15) as exact polynomials in the charge names (``nu_r`` nu_R)."""
    symbols = {name: Poly.var(name) for name in all_charge_names(nu_r)}
    return {name: Poly.lift(value) for name, value in anomaly_sums(symbols).items()}


def is_anomaly_free(charges: Mapping[str, Fraction]) -> bool:
    """True if all six sums of eq. (15) vanish exactly."""
    return all(value == 0 for value in anomaly_sums(charges).values())
