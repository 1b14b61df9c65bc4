"""Electroweak and scalar-sector bounds, paper Sect. 2.4-2.5.

rho parameter from kinetic mixing (20): 1/rho = 1 + eta^2 sin^2 theta_W / (1 - z^2),
z = M_Z / M_Z' (eta = 0 value of M_Z); NP shift to compare with (21).
Scalar mixing (26)-(29): tan 2 beta ~ (deltatilde / s) v_h / v_phi with M_Z' = |F_phi| g4 v_phi
(23); sin^2 beta <= 0.01 (28) bounds |F_phi| g4 deltatilde / s.
"""

from __future__ import annotations

import math

from chargesearch.constants import constant


def rho_parameter(eta: float, mass_GeV: float) -> float:
    """rho from eq. (20) for kinetic mixing ``eta`` and Z' mass."""
    z2 = (constant("M_Z") / mass_GeV) ** 2
    return 1.0 / (1.0 + eta**2 * constant("sin2_theta_W") / (1.0 - z2))


def delta_rho_over_rho(eta: float, mass_GeV: float) -> float:
    """(delta rho / rho)^NP = rho - 1 from kinetic mixing, to compare with eq. (21)."""
    return rho_parameter(eta, mass_GeV) - 1.0


def scalar_mixing_bound(mass_GeV: float, sin2_beta_max: float | None = None) -> float:
    """Upper bound on |F_phi| g4 deltatilde / s from (26)-(28), eq. (29)."""
    s2 = constant("sin2_beta_max") if sin2_beta_max is None else sin2_beta_max
    beta = math.asin(math.sqrt(s2))
    return math.tan(2 * beta) * mass_GeV / constant("v_h")


def scalar_mixing_angle(
    f_phi: float, g4: float, deltatilde: float, s: float, mass_GeV: float
) -> float:
    """sin^2 beta from tan 2 beta ~ (deltatilde/s) v_h / v_phi, eq. (26), v_phi from (23)."""
    v_phi = mass_GeV / (abs(f_phi) * g4)
    beta = 0.5 * math.atan((deltatilde / s) * constant("v_h") / v_phi)
    return math.sin(beta) ** 2
