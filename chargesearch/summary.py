"""One place that turns a charge assignment into all matched observables.

:func:`summarise` runs matching (Sect. 3.2), Bs mixing (41), Z' decays (60)-(65), the
dineutrino ratio (59) and the muon-collider ratio (69)/(70) for one model and one fit scenario;
``validate``, ``check`` and the ranking stage all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chargesearch.anomaly import anomaly_sums
from chargesearch.bsmixing import BsMixing, bs_mixing, rk_star_over_rk
from chargesearch.charges import ChargeAssignment
from chargesearch.constants import constant
from chargesearch.matching import MatchResult, match_alpha4
from chargesearch.phenomenology.dineutrino import dineutrino_ratio
from chargesearch.phenomenology.drell_yan import drell_yan_coefficients
from chargesearch.phenomenology.muon_collider import muon_collider_ratio
from chargesearch.phenomenology.zprime_decays import ZprimeDecays, zprime_decays
from chargesearch.scenarios import FitScenario
from chargesearch.yukawa import diagonal_flags

#: Table 5 columns reported in ``br_percent``
BR_KEYS: tuple[str, ...] = ("jets", "b", "t", "e", "mu", "tau", "nu", "h", "psi", "phi")
MUON_COLLIDER_SQRT_S_GEV = 3000.0  # Sect. 5.2


@dataclass(frozen=True)
class ModelSummary:
    """Matched figures of one model (M_Z' = mu0)."""

    charges: ChargeAssignment
    mass_TeV: float
    match: MatchResult
    bs: BsMixing
    decays: ZprimeDecays
    dineutrino_ratio: float
    muon_collider_ratio: float
    sqrt_s_GeV: float

    def as_dict(self) -> dict[str, Any]:
        """Flat JSON-ready dict with the vocabulary of ``validate --json``."""
        br = self.decays.branching_percent()
        w = self.match.wilson
        return {
            "anomaly_free": all(v == 0 for v in anomaly_sums(self.charges).values()),
            "mu0_TeV": self.mass_TeV,
            "scenario": self.match.scenario,
            "match_mode": self.match.mode,
            "alpha4": self.match.alpha4,
            "g4": self.match.g4,
            "C9": w.C9,
            "C10": w.C10,
            "C9p": w.C9p,
            "C10p": w.C10p,
            "pull": self.match.pull,
            "chi2": self.match.chi2,
            "r_Bs": self.bs.r_Bs,
            "gbs_over_M2_TeV": self.bs.coupling_over_mass2,
            "delta_Ms_ratio": self.bs.delta_Ms_ratio,
            "rk_star_over_rk": rk_star_over_rk(w),
            "width_over_mass": self.decays.width_over_mass,
            "br_percent": {k: br[k] for k in BR_KEYS},
            "br_invisible_percent": self.decays.invisible_percent(),
            "drell_yan_mu": drell_yan_coefficients(self.charges, self.decays, ("mu",))["mu"],
            "dineutrino_ratio": self.dineutrino_ratio,
            "muon_collider_ratio": self.muon_collider_ratio,
            "muon_collider_sqrt_s_GeV": self.sqrt_s_GeV,
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
    mass_GeV = 1000.0 * mass_TeV
    masses = constant("masses") if with_masses else None
    decays = zprime_decays(charges, match.alpha4, mass_GeV, masses)
    return ModelSummary(
        charges=charges,
        mass_TeV=mass_TeV,
        match=match,
        bs=bs_mixing(charges, match.g4, mass_TeV, rh_ratio),
        decays=decays,
        dineutrino_ratio=dineutrino_ratio(charges, match.g4, mass_TeV),
        muon_collider_ratio=muon_collider_ratio(
            charges, match.g4, mass_GeV, decays.width_over_mass * mass_GeV, sqrt_s_GeV
        ),
        sqrt_s_GeV=sqrt_s_GeV,
    )
