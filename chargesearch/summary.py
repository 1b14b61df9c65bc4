"""One place that turns a charge assignment into all matched observables.

:func:`summarise` matches the model to a fit scenario (Sect. 3.2) and evaluates every entry of
the observable registry (:data:`chargesearch.observables.OBSERVABLES`: Wilson coefficients of e,
mu, tau (34), Bs mixing (41), R_K and R_K*, Z' decays (60)-(65), the dineutrino ratio (59), the
muon-collider ratio (69)/(70), ...) for one model; ``validate``, ``check`` and the discovery all
use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chargesearch.anomaly import anomaly_sums
from chargesearch.charges import ChargeAssignment
from chargesearch.matching import MatchResult, match_alpha4
from chargesearch.observables import BR_KEYS, ModelPoint, evaluate
from chargesearch.phenomenology.bs_mixing import BsMixing
from chargesearch.phenomenology.zprime_decays import ZprimeDecays
from chargesearch.scenarios import FitScenario
from chargesearch.yukawa import diagonal_flags

__all__ = ["BR_KEYS", "ModelSummary", "summarise"]

MUON_COLLIDER_SQRT_S_GEV = 3000.0  # Sect. 5.2


@dataclass(frozen=True)
class ModelSummary:
    """Matched figures of one model (M_Z' = mu0): the match and every registered observable."""

    point: ModelPoint
    observables: Mapping[str, Any]

    @property
    def charges(self) -> ChargeAssignment:
        return self.point.charges

    @property
    def mass_TeV(self) -> float:
        return self.point.mass_TeV

    @property
    def match(self) -> MatchResult:
        return self.point.match

    @property
    def bs(self) -> BsMixing:
        return self.point.bs

    @property
    def decays(self) -> ZprimeDecays:
        return self.point.decays

    def as_dict(self) -> dict[str, Any]:
        """Flat JSON-ready dict with the vocabulary of ``validate --json``."""
        return {
            "anomaly_free": all(v == 0 for v in anomaly_sums(self.charges).values()),
            "mu0_TeV": self.mass_TeV,
            "scenario": self.match.scenario,
            "match_mode": self.match.mode,
            "alpha4": self.match.alpha4,
            "g4": self.match.g4,
            "pull": self.match.pull,
            "chi2": self.match.chi2,
            **self.observables,
            "muon_collider_sqrt_s_GeV": self.point.sqrt_s_GeV,
            "yukawa": diagonal_flags(self.charges),
        }


def summarise(
    charges: ChargeAssignment,
    scenario: FitScenario,
    mass_TeV: float,
    mode: str = "paper",
    rh_ratio: float = 0.0,
    sqrt_s_GeV: float = MUON_COLLIDER_SQRT_S_GEV,
    with_masses: bool = False,
) -> ModelSummary:
    """All matched observables of one model; raises NoFitError if the scenario cannot be met.

    ``with_masses`` uses the SM masses of ``constants.yaml`` in the widths (60), (61) instead of
    the massless limit of Table 5 (BSM masses stay zero).
    """
    match = match_alpha4(charges, scenario, mass_TeV, mode, rh_ratio)
    point = ModelPoint(charges, match, rh_ratio, sqrt_s_GeV, with_masses)
    return ModelSummary(point, evaluate(point))
