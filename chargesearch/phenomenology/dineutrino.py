"""B -> K(*) nu nu relative to the SM, paper eq. (59).

B/B_SM = (1/3) sum_l ( |1 + F_Ll a|^2 + |F_nul a|^2 ),  a = 2 N^-1 g_bs^L g4 / (M_Z'^2 X_SM),
universal for all B -> H nu nu since right-handed quark currents are neglected. Right-handed
neutrinos add without interference; absent nu_R contribute nothing.
"""

from __future__ import annotations

from chargesearch.charges import ChargeAssignment
from chargesearch.constants import constant
from chargesearch.matching import quark_vertex_unit


def dineutrino_parameter(charges: ChargeAssignment, g4: float, mass_TeV: float) -> float:
    """a = 2 N^-1 g_bs^L g4 / (M_Z'^2 X_SM) of eq. (59)."""
    return 2.0 * quark_vertex_unit(charges, mass_TeV) * g4**2 / constant("X_SM_nunu")


def dineutrino_ratio(charges: ChargeAssignment, g4: float, mass_TeV: float) -> float:
    """B(B -> H nu nu) / B_SM, eq. (59)."""
    a = dineutrino_parameter(charges, g4, mass_TeV)
    nu = list(charges.nu) + [0] * (3 - len(charges.nu))
    total = sum(
        (1 + float(f_l) * a) ** 2 + (float(f_nu) * a) ** 2
        for f_l, f_nu in zip(charges.L, nu, strict=True)
    )
    return total / 3.0
