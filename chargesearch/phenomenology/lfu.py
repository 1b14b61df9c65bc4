"""Lepton-flavour-universality ratios R_K and R_K* in 1.1 < q^2 < 6 GeV^2 at leading order.

At leading order in the new-physics Wilson coefficients (Hiller and Schmaltz, arXiv:1408.1627,
the paper's ref. [99]; C7 and lepton masses neglected, SM C9 ~ -C10):

    R_K  = 1 + 0.24 [X_mu - X_e],   X_l = C9^l + C9'^l - C10^l - C10'^l,
    R_K* = 1 + 0.24 [Y_mu - Y_e],   Y_l = C9^l - C10^l + (1 - 2 p) (C9'^l - C10'^l),

with p ~ 0.86 the K* polarisation fraction; R_K*/R_K = 1 - 0.48 p (C9' - C10') is the paper's
eq. (71). The SM limit is exactly 1 (QED corrections of about 1% are part of the SM prediction
quoted next to the measurement, not of this formula).
"""

from __future__ import annotations

from chargesearch.constants import constant
from chargesearch.matching import FlavouredWilson, Lepton, WilsonCoefficients

#: d R_K / d(C9 - C10) at C = 0 (ref. [99]); 2 x 0.24 = 0.48 in eq. (71)
LFU_SLOPE = 0.24


def _x(w: WilsonCoefficients) -> float:
    return w.C9 + w.C9p - w.C10 - w.C10p


def _y(w: WilsonCoefficients, p: float) -> float:
    return w.C9 - w.C10 + (1.0 - 2.0 * p) * (w.C9p - w.C10p)


def r_k(wilson: FlavouredWilson) -> float:
    """R_K(1.1-6 GeV^2) at leading order in the new physics (ref. [99])."""
    return 1.0 + LFU_SLOPE * (_x(wilson[Lepton.MU]) - _x(wilson[Lepton.E]))


def r_k_star(wilson: FlavouredWilson) -> float:
    """R_K*(1.1-6 GeV^2) at leading order; consistent with (71)."""
    p = constant("K_star_polarisation_p")
    return 1.0 + LFU_SLOPE * (_y(wilson[Lepton.MU], p) - _y(wilson[Lepton.E], p))


def rk_star_over_rk(wilson: WilsonCoefficients) -> float:
    """R_K*/R_K ~ 1 - 0.48 p (C9' - C10') for the muon coefficients, eq. (71)."""
    return 1.0 - 2.0 * LFU_SLOPE * constant("K_star_polarisation_p") * (wilson.C9p - wilson.C10p)
