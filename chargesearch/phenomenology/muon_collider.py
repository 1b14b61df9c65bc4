"""Invisible Z' production at a muon collider, paper eqs. (69)-(70).

sigma(mu mu -> Z' -> psi psi, nu nu) = s / ((M^2 - s)^2 + M^2 Gamma^2) g4^4/(48 pi)
    (F_L2^2 + F_E2^2) [2 N_f F_psi^2 + sum_i (F_Li^2 + F_nui^2)]                      (69)
sigma_SM(mu mu -> Z -> nu nu) = 3 s (g^nu_L)^2 [(g^mu_L)^2 + (g^mu_R)^2] / (48 pi (M_Z^2 - s)^2)
with g^f_{L,R} = (T3 - Q sin^2 theta_W) g2 / cos theta_W                                (70)
Interference and t-channel W exchange are neglected, as in the paper. psi counts its
colour and isospin multiplicity r3 r2 beside N_f.
"""

from __future__ import annotations

import math

from chargesearch.charges import ChargeAssignment
from chargesearch.constants import constant


def sigma_invisible_zprime(
    charges: ChargeAssignment, g4: float, mass_GeV: float, width_GeV: float, sqrt_s_GeV: float
) -> float:
    """Eq. (69) in GeV^-2."""
    s = sqrt_s_GeV**2
    propagator = s / ((mass_GeV**2 - s) ** 2 + mass_GeV**2 * width_GeV**2)
    muon = float(charges.L[1]) ** 2 + float(charges.E[1]) ** 2
    psi = 2 * charges.N_f * charges.r2 * charges.r3 * float(charges.psi) ** 2
    neutrinos = sum(float(x) ** 2 for x in charges.L) + sum(float(x) ** 2 for x in charges.nu)
    return propagator * g4**4 / (48 * math.pi) * muon * (psi + neutrinos)


def z_couplings() -> tuple[float, float, float]:
    """SM Z couplings (g^nu_L, g^mu_L, g^mu_R) = (T3 - Q s_W^2) g2 / c_W, eq. (70)."""
    s2w = constant("sin2_theta_W")
    g_over_cw = math.sqrt(4 * math.pi * constant("alpha_e_MZ")) / math.sqrt(s2w * (1 - s2w))
    return 0.5 * g_over_cw, (-0.5 + s2w) * g_over_cw, s2w * g_over_cw


def sigma_invisible_sm(sqrt_s_GeV: float) -> float:
    """Eq. (70) in GeV^-2 (three neutrino flavours)."""
    s = sqrt_s_GeV**2
    g_nu, g_mu_l, g_mu_r = z_couplings()
    denominator = 48 * math.pi * (constant("M_Z") ** 2 - s) ** 2
    return 3 * s * g_nu**2 * (g_mu_l**2 + g_mu_r**2) / denominator


def muon_collider_ratio(
    charges: ChargeAssignment, g4: float, mass_GeV: float, width_GeV: float, sqrt_s_GeV: float
) -> float:
    """(69)/(70): invisible Z' cross section over the SM one."""
    zp = sigma_invisible_zprime(charges, g4, mass_GeV, width_GeV, sqrt_s_GeV)
    return zp / sigma_invisible_sm(sqrt_s_GeV)
