"""Drell-Yan coefficients c_q^f of the narrow-width Z' cross section, paper eqs. (66)-(67).

c_q^f = 16 pi^2 alpha4 (F_qL^2 + F_qR^2) B(Z' -> f fbar) for q = u, d, s, c, b and a final
state f. Charges are the gauge-basis ones (flavour rotations neglected: the paper's
c_d ~ 1e-7 for BM4 comes from CKM rotations, which this leading-order estimate omits).
"""

from __future__ import annotations

import math

from chargesearch.charges import ChargeAssignment
from chargesearch.phenomenology.zprime_decays import ZprimeDecays

QUARKS: dict[str, tuple[str, int]] = {
    "u": ("U", 0),
    "d": ("D", 0),
    "s": ("D", 1),
    "c": ("U", 1),
    "b": ("D", 2),
}


def drell_yan_coefficients(
    charges: ChargeAssignment, decays: ZprimeDecays, final_states: tuple[str, ...] = ("e", "mu")
) -> dict[str, dict[str, float]]:
    """``{f: {q: c_q^f}}`` for each final state f (a channel or group name of ``decays``)."""
    total = decays.width_over_mass
    out: dict[str, dict[str, float]] = {}
    for f in final_states:
        width = decays.partial.get(f, decays.by_group.get(f, 0.0))
        branching = width / total if total else 0.0
        out[f] = {}
        for q, (species, i) in QUARKS.items():
            f_left = float(charges.Q[i])
            f_right = float(getattr(charges, species)[i])
            out[f][q] = 16 * math.pi**2 * decays.alpha4 * (f_left**2 + f_right**2) * branching
    return out
