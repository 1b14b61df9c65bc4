"""The records passed between the discovery stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chargesearch.charges import ChargeAssignment


def charge_strings(charges: ChargeAssignment) -> dict[str, str]:
    """Charges as fraction strings, keyed by the F_ names (the report's format)."""
    return {k: str(v) for k, v in charges.items()}


def fermion_key(charges: ChargeAssignment) -> str:
    """Identity of a charge set up to F_psi, F_phi (normalised charges). A right-handed
    neutrino of charge zero is a decoupled singlet (no anomaly, no running): it is left out,
    so a set with one is the same model as the set without it."""
    nu = sorted((n for n in charges.nu if n != 0), reverse=True)
    sm = charges.Q + charges.U + charges.D + charges.L + charges.E
    return ",".join(str(x) for x in (*sm, charges.H)) + "|nu:" + ",".join(str(n) for n in nu)


@dataclass(frozen=True)
class Matched:
    """A charge set (normalised, F_psi and F_phi chosen) matched to one fit scenario."""

    charges: ChargeAssignment
    scenario: str
    summary: dict[str, Any]
    rh_cure: bool = False
    benchmark: str | None = None

    @property
    def key(self) -> str:
        return f"{self.scenario}|{fermion_key(self.charges)}|{self.charges.psi}|{self.charges.phi}"


@dataclass(frozen=True)
class Safety:
    """Planck-safety figures of one matched model (see :mod:`chargesearch.discover.safety`)."""

    landau_pole_tev: float | None
    n_scan: int
    n_safe: int
    safe_fraction: float
    robust_point: dict[str, float] | None
    robust_distance: float
    windows: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
