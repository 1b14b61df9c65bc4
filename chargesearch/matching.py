"""Tree-level Z' matching onto b -> s l l Wilson coefficients, paper eqs. (32)-(40).

C9, C10 = N^-1 g_bs^L (g_ll^R +- g_ll^L) / M_Z'^2 (34) with N (35), g_bs^L (37) and
g_ll (36); the CKM factor cancels. For the lepton of generation i (e, mu, tau = 1, 2, 3):
    C9^l  = -(pi / (sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) (F_Ei + F_Li) g4^2 / M_Z'^2,
    C10^l = -(pi / (sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) (F_Ei - F_Li) g4^2 / M_Z'^2;
the paper's C9, C10 are the muon ones (i = 2). The electron ones vanish under (8).
Primed coefficients follow from g_bs^R = r g_bs^L (72); Appendix C's option uses r = 1/X_s.
alpha4 = g4^2/(4 pi)^2 (46) is fixed by a fit scenario in one of two modes:
``paper`` (the scenario's match coordinate at its central value, Sect. 3.3), ``chi2``
(minimum of an uncorrelated Gaussian chi^2 along the one-parameter ray C = g4^2 c, with the
pull sqrt(chi2_SM - chi2_min)) or ``likelihood`` (minimum of the flavio likelihood of today's
data along the same ray, optional extra ``flavio``; the scenario is then not used).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import cache
from typing import Any

from chargesearch.constants import constant
from chargesearch.errors import InputError, NoFitError
from chargesearch.scenarios import BASIS, FitScenario, basis_name

MATCH_MODES: tuple[str, ...] = ("paper", "chi2", "likelihood")
GEV_PER_TEV = 1000.0


@dataclass(frozen=True)
class WilsonCoefficients:
    """New-physics C9, C10, C9', C10' for muons (34)."""

    C9: float
    C10: float
    C9p: float = 0.0
    C10p: float = 0.0

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.C9, self.C10, self.C9p, self.C10p)

    def scaled(self, factor: float) -> WilsonCoefficients:
        return WilsonCoefficients(*(factor * c for c in self.as_tuple()))


class Lepton(StrEnum):
    """Charged-lepton flavour of b -> s l l; the value is the WCxf/flavio suffix."""

    E = "e"
    MU = "mu"
    TAU = "tau"

    @property
    def generation(self) -> int:
        return {Lepton.E: 1, Lepton.MU: 2, Lepton.TAU: 3}[self]


@dataclass(frozen=True)
class FlavouredWilson:
    """C9, C10, C9', C10' for each lepton flavour e, mu, tau (34)."""

    e: WilsonCoefficients
    mu: WilsonCoefficients
    tau: WilsonCoefficients

    def __getitem__(self, lepton: Lepton) -> WilsonCoefficients:
        return {Lepton.E: self.e, Lepton.MU: self.mu, Lepton.TAU: self.tau}[Lepton(lepton)]

    def vector(self) -> tuple[float, ...]:
        """Components in the order of :data:`chargesearch.scenarios.BASIS`."""
        values = {
            basis_name(name, lepton): value
            for lepton in Lepton
            for name, value in zip(("C9", "C10", "C9p", "C10p"), self[lepton].as_tuple(),
                                   strict=True)
        }
        return tuple(values[b] for b in BASIS)

    def scaled(self, factor: float) -> FlavouredWilson:
        return FlavouredWilson(*(self[lep].scaled(factor) for lep in Lepton))


def wilson_prefactor() -> float:
    """pi / (sqrt2 G_F alpha_e) in GeV^2 (from N, eq. (35))."""
    return math.pi / (math.sqrt(2.0) * constant("G_F") * constant("alpha_e"))


def quark_vertex_unit(charges: Mapping[str, Fraction], mass_TeV: float) -> float:
    """N^-1 g_bs^L / (g4 M_Z'^2) = -(pi/(sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) / M_Z'^2, (34)-(37).

    Multiplied by g4^2 and a lepton charge sum it gives the Wilson coefficients (34).
    """
    if mass_TeV <= 0:
        raise InputError("mass", "a positive Z' mass in TeV", mass_TeV)
    dq = float(charges["F_Q3"] - charges["F_Q2"])
    return -wilson_prefactor() * dq / (mass_TeV * GEV_PER_TEV) ** 2


def unit_wilson(
    charges: Mapping[str, Fraction],
    mass_TeV: float,
    rh_ratio: float = 0.0,
    lepton: Lepton = Lepton.MU,
) -> WilsonCoefficients:
    """Wilson coefficients of ``lepton`` for g4 = 1 at M_Z' = ``mass_TeV``; ``rh_ratio`` =
    g_bs^R/g_bs^L (72)."""
    k = quark_vertex_unit(charges, mass_TeV)
    i = Lepton(lepton).generation
    li, ei = float(charges[f"F_L{i}"]), float(charges[f"F_E{i}"])
    c9, c10 = k * (ei + li) + 0.0, k * (ei - li) + 0.0
    return WilsonCoefficients(c9, c10, rh_ratio * c9, rh_ratio * c10)


def unit_flavoured_wilson(
    charges: Mapping[str, Fraction], mass_TeV: float, rh_ratio: float = 0.0
) -> FlavouredWilson:
    """:func:`unit_wilson` for e, mu and tau."""
    return FlavouredWilson(*(unit_wilson(charges, mass_TeV, rh_ratio, lep) for lep in Lepton))


def wilson_coefficients(
    charges: Mapping[str, Fraction], g4: float, mass_TeV: float, rh_ratio: float = 0.0
) -> WilsonCoefficients:
    """Muon C9, C10, C9', C10' for coupling g4 and mass M_Z' (eq. (34))."""
    return unit_wilson(charges, mass_TeV, rh_ratio).scaled(g4**2)


def flavoured_wilson(
    charges: Mapping[str, Fraction], g4: float, mass_TeV: float, rh_ratio: float = 0.0
) -> FlavouredWilson:
    """C9, C10, C9', C10' of e, mu and tau for coupling g4 and mass M_Z' (eq. (34))."""
    return unit_flavoured_wilson(charges, mass_TeV, rh_ratio).scaled(g4**2)


def g_bs_left(charges: Mapping[str, Fraction], g4: float) -> float:
    """g_bs^L = V_tb V_ts^* (F_Q3 - F_Q2) g4, eq. (37)/(81)."""
    return constant("Vtb_Vts") * float(charges["F_Q3"] - charges["F_Q2"]) * g4


def alpha_from_g(g: float) -> float:
    """alpha_X = g^2 / (4 pi)^2, eq. (46)."""
    return g**2 / (4.0 * math.pi) ** 2


def g_from_alpha(alpha: float) -> float:
    """Inverse of :func:`alpha_from_g` (g >= 0)."""
    return 4.0 * math.pi * math.sqrt(alpha)


def sign_pattern_holds(wilson: WilsonCoefficients) -> bool:
    """The 2d-fit pattern -C9 >= C10 >= 0, eq. (39)."""
    return -wilson.C9 >= wilson.C10 >= 0.0


@dataclass(frozen=True)
class MatchResult:
    """alpha4(mu0) fixed by a fit scenario, and the resulting Wilson coefficients."""

    scenario: str
    mode: str
    mass_TeV: float
    alpha4: float
    g4: float
    flavoured: FlavouredWilson
    chi2: float
    chi2_sm: float

    @property
    def wilson(self) -> WilsonCoefficients:
        """The muon coefficients, the paper's C9, C10, C9', C10'."""
        return self.flavoured.mu

    @property
    def pull(self) -> float:
        """sqrt(chi2_SM - chi2): uncorrelated Gaussian approximation (sigma)."""
        return math.sqrt(max(self.chi2_sm - self.chi2, 0.0))


def _chi2(scn: FitScenario, vector: tuple[float, ...]) -> float:
    return sum(((c.project(vector) - c.central) / c.sigma) ** 2 for c in scn.coordinates)


def match_alpha4(
    charges: Mapping[str, Fraction],
    scn: FitScenario,
    mass_TeV: float,
    mode: str = "paper",
    rh_ratio: float = 0.0,
) -> MatchResult:
    """alpha4(mu0 = M_Z') for scenario ``scn`` (Sect. 3.3); raises :class:`NoFitError`."""
    if mode not in MATCH_MODES:
        raise InputError("mode", "one of " + ", ".join(MATCH_MODES), mode)
    unit = unit_flavoured_wilson(charges, mass_TeV, rh_ratio)
    u = unit.vector()
    if mode == "likelihood":
        return _match_likelihood(charges, unit, mass_TeV, rh_ratio)
    if mode == "paper":
        coord = scn.coordinate(scn.match)
        per_g2 = coord.project(u)
        if per_g2 == 0 or per_g2 * coord.central <= 0:
            raise NoFitError(
                f"{scn.match} per unit g4^2 is {per_g2:.3g}: cannot match {coord.central} "
                f"of scenario {scn.name} with real g4"
            )
        g2 = coord.central / per_g2
    else:
        num = sum(c.project(u) * c.central / c.sigma**2 for c in scn.coordinates)
        den = sum(c.project(u) ** 2 / c.sigma**2 for c in scn.coordinates)
        if den == 0 or num <= 0:
            raise NoFitError(
                f"the model's Wilson-coefficient ray does not point into scenario {scn.name}"
            )
        g2 = num / den
    flavoured = unit.scaled(g2)
    return MatchResult(
        scenario=scn.name,
        mode=mode,
        mass_TeV=mass_TeV,
        alpha4=g2 / (4.0 * math.pi) ** 2,
        g4=math.sqrt(g2),
        flavoured=flavoured,
        chi2=_chi2(scn, flavoured.vector()),
        chi2_sm=_chi2(scn, (0.0,) * len(BASIS)),
    )


def _match_likelihood(
    charges: Mapping[str, Fraction], unit: FlavouredWilson, mass_TeV: float, rh_ratio: float
) -> MatchResult:
    """alpha4 at the minimum of the flavio likelihood (all observable groups) along the ray."""
    fit = _ray_fit(tuple(sorted(charges.items())), mass_TeV, rh_ratio)
    if fit.alpha4 <= 0.0:
        raise NoFitError("today's data (flavio likelihood) prefer the SM along the model's ray")
    g2 = (4.0 * math.pi) ** 2 * fit.alpha4
    return MatchResult(
        scenario="flavio likelihood",
        mode="likelihood",
        mass_TeV=mass_TeV,
        alpha4=fit.alpha4,
        g4=math.sqrt(g2),
        flavoured=unit.scaled(g2),
        chi2=fit.chi2,
        chi2_sm=fit.chi2_sm,
    )


@cache
def _ray_fit(items: tuple[tuple[str, Fraction], ...], mass_TeV: float, rh_ratio: float) -> Any:
    from chargesearch.wet import best_alpha4_along_ray

    return best_alpha4_along_ray(dict(items), mass_TeV, None, rh_ratio)
