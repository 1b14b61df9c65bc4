"""The observable registry: one list of everything computed for a matched model.

Each :class:`Observable` has a key (the JSON name), a label, the equation or reference it comes
from, a unit and a function of the :class:`ModelPoint` (charges, matched coupling, M_Z'). The
summary (:func:`chargesearch.summarise`), ``check``, ``validate`` and the discovery report iterate
:data:`OBSERVABLES`, so a new observable touches this file only. ``measurement`` names the entry
of ``data/measurements.yaml`` an observable is compared with (today's data), if any.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from chargesearch.charges import ChargeAssignment
from chargesearch.constants import constant
from chargesearch.matching import Lepton, MatchResult
from chargesearch.measurements import measurement
from chargesearch.phenomenology.bs_mixing import BsMixing, bs_mixing
from chargesearch.phenomenology.dineutrino import dineutrino_ratio
from chargesearch.phenomenology.drell_yan import drell_yan_coefficients
from chargesearch.phenomenology.lfu import r_k, r_k_star, rk_star_over_rk
from chargesearch.phenomenology.muon_collider import muon_collider_ratio
from chargesearch.phenomenology.zprime_decays import ZprimeDecays, zprime_decays

#: the SM prediction of B(B+ -> K+ nu nu) that (59) multiplies (data/measurements.yaml)
SM_BK_NUNU = "BR_BtoKnunu_SM_Buras2014"
#: Table 5 columns reported in ``br_percent``
BR_KEYS: tuple[str, ...] = ("jets", "b", "t", "e", "mu", "tau", "nu", "h", "psi", "phi")


@dataclass(frozen=True)
class ModelPoint:
    """A matched model: charges, coupling and mass, and the options of the observables."""

    charges: ChargeAssignment
    match: MatchResult
    rh_ratio: float = 0.0
    sqrt_s_GeV: float = 3000.0
    with_masses: bool = False

    @property
    def mass_TeV(self) -> float:
        return self.match.mass_TeV

    @cached_property
    def bs(self) -> BsMixing:
        """Bs mixing (41), (97)."""
        return bs_mixing(self.charges, self.match.g4, self.mass_TeV, self.rh_ratio)

    @cached_property
    def decays(self) -> ZprimeDecays:
        """Z' widths (60)-(65), massless unless ``with_masses``."""
        masses = constant("masses") if self.with_masses else None
        return zprime_decays(self.charges, self.match.alpha4, 1000.0 * self.mass_TeV, masses)


@dataclass(frozen=True)
class Observable:
    """One registered observable."""

    key: str
    label: str
    source: str
    unit: str
    compute: Callable[[ModelPoint], Any]
    measurement: str | None = None
    #: SM prediction whose relative uncertainty the prediction carries (data/measurements.yaml)
    sm_prediction: str | None = None


def _wilson(lepton: Lepton, name: str) -> Callable[[ModelPoint], float]:
    return lambda m: float(getattr(m.match.flavoured[lepton], name))


def _table5_columns(percent: Mapping[str, float]) -> dict[str, float]:
    return {k: percent[k] for k in BR_KEYS}


def _muon_collider(m: ModelPoint) -> float:
    mass_GeV = 1000.0 * m.mass_TeV
    width = m.decays.width_over_mass * mass_GeV
    return muon_collider_ratio(m.charges, m.match.g4, mass_GeV, width, m.sqrt_s_GeV)


def _wilson_observables() -> list[Observable]:
    out = []
    for lepton in Lepton:
        for name, text in (("C9", "C9"), ("C10", "C10"), ("C9p", "C9'"), ("C10p", "C10'")):
            key = name if lepton is Lepton.MU else f"{name}_{lepton.value}"
            out.append(Observable(key, f"{text}^{lepton.value}", "(34), (72)", "",
                                  _wilson(lepton, name)))
    return out


#: every observable, in report order; keys are unique
OBSERVABLES: dict[str, Observable] = {
    o.key: o
    for o in [
        *_wilson_observables(),
        Observable("r_Bs", "r_Bs", "(41), Table 6", "", lambda m: m.bs.r_Bs),
        Observable("gbs_over_M2_TeV", "|g_bs^L|^2/M^2", "(41)", "TeV^-2",
                   lambda m: m.bs.coupling_over_mass2),
        Observable("delta_Ms_ratio", "Delta M_s / SM", "(97)", "", lambda m: m.bs.delta_Ms_ratio),
        Observable("R_K", "R_K[1.1,6]", "LO, ref. [99]", "", lambda m: r_k(m.match.flavoured),
                   "RK_central_LHCb2022"),
        Observable("R_Kstar", "R_K*[1.1,6]", "LO, ref. [99]", "",
                   lambda m: r_k_star(m.match.flavoured), "RKstar_central_LHCb2022"),
        Observable("rk_star_over_rk", "R_K*/R_K", "(71)", "",
                   lambda m: rk_star_over_rk(m.match.wilson)),
        Observable("dineutrino_ratio", "B(B->K nu nu)/SM", "(59)", "",
                   lambda m: dineutrino_ratio(m.charges, m.match.g4, m.mass_TeV)),
        Observable("BR_BpKnunu", "B(B+->K+ nu nu)", "(59) x SM [Buras et al. 2014]", "",
                   lambda m: dineutrino_ratio(m.charges, m.match.g4, m.mass_TeV)
                   * measurement(SM_BK_NUNU).value, "BR_BtoKnunu_BelleII2023", SM_BK_NUNU),
        Observable("width_over_mass", "Gamma/M", "(60)-(65)", "",
                   lambda m: m.decays.width_over_mass),
        Observable("br_percent", "BR", "Table 5", "%",
                   lambda m: _table5_columns(m.decays.branching_percent())),
        Observable("br_invisible_percent", "BR(invisible)", "Table 6", "%",
                   lambda m: m.decays.invisible_percent()),
        Observable("drell_yan_mu", "c_q^mu", "(67)", "",
                   lambda m: drell_yan_coefficients(m.charges, m.decays, ("mu",))["mu"]),
        Observable("muon_collider_ratio", "sigma_inv/SM (mu collider)", "(69)/(70)", "",
                   _muon_collider),
    ]
}


@dataclass(frozen=True)
class Bound:
    """A bound on a matched observable: ``key`` must not exceed ``limit``."""

    key: str
    limit: float
    reason: str


#: bounds a matched charge set must respect, in the order they are reported
BOUNDS: tuple[Bound, ...] = (
    Bound("r_Bs", 1.0, "Bs mixing (41): |g_bs^L|^2/M^2 above the 99% CL bound of Table 6"),
    Bound("width_over_mass", 1.0, "Gamma/M > 1 (62)-(65): no narrow Z' resonance"),
)


def evaluate(point: ModelPoint, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The registered observables (all, or ``keys``) of one matched model."""
    chosen = OBSERVABLES if keys is None else {k: OBSERVABLES[k] for k in keys}
    return {k: o.compute(point) for k, o in chosen.items()}
