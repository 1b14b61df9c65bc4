"""Bs-mixing constraints on the Z' coupling g_bs^L, paper eq. (41) and Appendix C.

r_Bs = (|g_bs^L|^2 / M_Z'^2) / 1.24e-5 TeV^-2 (Table 6, eq. (41); valid for g_bs^R = 0).
With right-handed currents g_bs^R = g_bs^L / X_s (Appendix C, (101)-(103)) the Delta M_s ratio
(97) follows; R_K*/R_K (71) lives with the other LFU ratios in :mod:`.lfu`.
The CKM factor V_tb V_ts^* is an input (``data/constants.yaml``): |V_tb V_ts^*| = 0.0405
reproduces Table 6; the paper's eq. (44) for BM2 (1.16e-5 TeV^-2) corresponds to ~0.042.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from chargesearch.constants import constant
from chargesearch.matching import g_bs_left


@dataclass(frozen=True)
class BsMixing:
    """Bs-mixing figures of a matched model."""

    g_bs_L: float
    g_bs_R: float
    coupling_over_mass2: float  # |g_bs^L|^2 / M_Z'^2 in TeV^-2, eq. (41)
    r_Bs: float  # ratio to the 99% CL bound (Table 6)
    delta_Ms_ratio: float  # (Delta M_s)^{SM+NP} / (Delta M_s)^{SM}, eq. (97)


def delta_ms_ratio(
    g_left: float, g_right: float, mass_TeV: float, x_s: float | None = None
) -> float:
    """Eq. (97): |1 + 200 (5 TeV/M)^2 [g_L^2 + g_R^2 - X_s g_L g_R]|, Delta M_s over the SM."""
    xs = constant("X_s") if x_s is None else x_s
    bracket = g_left**2 + g_right**2 - xs * g_left * g_right
    return abs(1.0 + constant("delta_Ms_prefactor") * (5.0 / mass_TeV) ** 2 * bracket)


def bs_mixing(
    charges: Mapping[str, Fraction], g4: float, mass_TeV: float, rh_ratio: float = 0.0
) -> BsMixing:
    """Bs-mixing figures; ``rh_ratio`` = g_bs^R / g_bs^L (0, or 1/X_s in Appendix C)."""
    g_left = g_bs_left(charges, g4)
    g_right = rh_ratio * g_left
    ratio = g_left**2 / mass_TeV**2
    return BsMixing(
        g_bs_L=g_left,
        g_bs_R=g_right,
        coupling_over_mass2=ratio,
        r_Bs=ratio / constant("bs_mixing_bound"),
        delta_Ms_ratio=delta_ms_ratio(g_left, g_right, mass_TeV),
    )
