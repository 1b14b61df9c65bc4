"""Tree-level Z' matching onto b -> s mu mu Wilson coefficients, paper eqs. (32)-(40).

C9, C10 = N^-1 g_bs^L (g_mumu^R +- g_mumu^L) / M_Z'^2 (34) with N (35), g_bs^L (37) and
g_ll (36); the CKM factor cancels:
    C9  = -(pi / (sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) (F_E2 + F_L2) g4^2 / M_Z'^2,
    C10 = -(pi / (sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) (F_E2 - F_L2) g4^2 / M_Z'^2.
Primed coefficients follow from g_bs^R = r g_bs^L (72); Appendix C's option uses r = 1/X_s.
alpha4 = g4^2/(4 pi)^2 (46) is fixed by a fit scenario in one of two modes:
``paper`` (the scenario's match coordinate at its central value, Sect. 3.3) or ``chi2``
(minimum of an uncorrelated Gaussian chi^2 along the one-parameter ray C = g4^2 c, with the
pull sqrt(chi2_SM - chi2_min)).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from chargesearch.constants import constant
from chargesearch.errors import InputError, NoFitError
from chargesearch.scenarios import FitScenario

MATCH_MODES: tuple[str, ...] = ("paper", "chi2")
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
    charges: Mapping[str, Fraction], mass_TeV: float, rh_ratio: float = 0.0
) -> WilsonCoefficients:
    """Wilson coefficients for g4 = 1 at M_Z' = ``mass_TeV``; ``rh_ratio`` = g_bs^R/g_bs^L (72)."""
    k = quark_vertex_unit(charges, mass_TeV)
    l2, e2 = float(charges["F_L2"]), float(charges["F_E2"])
    c9, c10 = k * (e2 + l2) + 0.0, k * (e2 - l2) + 0.0
    return WilsonCoefficients(c9, c10, rh_ratio * c9, rh_ratio * c10)


def wilson_coefficients(
    charges: Mapping[str, Fraction], g4: float, mass_TeV: float, rh_ratio: float = 0.0
) -> WilsonCoefficients:
    """C9, C10, C9', C10' for coupling g4 and mass M_Z' (eq. (34))."""
    return unit_wilson(charges, mass_TeV, rh_ratio).scaled(g4**2)


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
    wilson: WilsonCoefficients
    chi2: float
    chi2_sm: float

    @property
    def pull(self) -> float:
        """sqrt(chi2_SM - chi2) in the Gaussian approximation (sigma)."""
        return math.sqrt(max(self.chi2_sm - self.chi2, 0.0))


def _chi2(scn: FitScenario, wilson: WilsonCoefficients) -> float:
    w = wilson.as_tuple()
    return sum(((c.project(w) - c.central) / c.sigma) ** 2 for c in scn.coordinates)


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
    unit = unit_wilson(charges, mass_TeV, rh_ratio)
    u = unit.as_tuple()
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
    wilson = unit.scaled(g2)
    chi2_sm = _chi2(scn, WilsonCoefficients(0.0, 0.0))
    return MatchResult(
        scenario=scn.name,
        mode=mode,
        mass_TeV=mass_TeV,
        alpha4=g2 / (4.0 * math.pi) ** 2,
        g4=math.sqrt(g2),
        wilson=wilson,
        chi2=_chi2(scn, wilson),
        chi2_sm=chi2_sm,
    )
