"""Z' partial widths and branching fractions, paper eqs. (60)-(65) and Table 5.

Fermions (60): Gamma(Z' -> f fbar) = (2 pi N_C / 3) alpha4 M sqrt(1 - 4 m^2/M^2)
    [(F_L^2 + F_R^2) - m^2/M^2 (F_L^2 - 6 F_L F_R + F_R^2)].
Scalar pairs (61): Gamma(Z' -> s s*) = (pi/3) alpha4 M F_s^2 (1 - 4 m_s^2/M^2)^(3/2).
Channels are grouped as in Table 5: jets = u, d, s, c; nu = all left-handed neutrinos and
right-handed nu; psi = all N_f generations (times the colour and isospin multiplicity r3 r2);
h = the Higgs doublet (two complex components in the massless limit); S (N_f^2 complex
components) is listed when charged. Kinetic and fermion mixing are neglected, as in Table 5.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from chargesearch.charges import ChargeAssignment

#: Table 5 column order, plus S
GROUPS: tuple[str, ...] = ("jets", "b", "t", "e", "mu", "tau", "nu", "h", "psi", "phi", "S")
INVISIBLE_GROUPS: tuple[str, ...] = ("nu", "psi")
_UP = ("u", "c", "t")
_DOWN = ("d", "s", "b")
_LEPTONS = ("e", "mu", "tau")
_GROUP_OF = {"u": "jets", "d": "jets", "s": "jets", "c": "jets", "b": "b", "t": "t"}


@dataclass(frozen=True)
class Channel:
    """One decay channel: group, multiplicity and chiral charges (or a scalar charge)."""

    name: str
    group: str
    multiplicity: int
    F_L: float = 0.0
    F_R: float = 0.0
    scalar: bool = False


def fermion_width_factor(f_left: float, f_right: float, mass_ratio: float = 0.0) -> float:
    """Bracket of eq. (60) times the phase-space root, for m/M = ``mass_ratio``."""
    x = mass_ratio**2
    if 4 * x >= 1:
        return 0.0
    bracket = (f_left**2 + f_right**2) - x * (f_left**2 - 6 * f_left * f_right + f_right**2)
    return math.sqrt(1 - 4 * x) * bracket


def scalar_width_factor(charge: float, mass_ratio: float = 0.0) -> float:
    """F_s^2 (1 - 4 m^2/M^2)^(3/2) of eq. (61), relative to (pi/3) alpha4 M."""
    x = mass_ratio**2
    return 0.0 if 4 * x >= 1 else charge**2 * (1 - 4 * x) ** 1.5


def channels(charges: ChargeAssignment) -> list[Channel]:
    """All Z' -> pair channels of the model (Table 1 field content)."""
    out: list[Channel] = []
    for i in range(3):
        q = float(charges.Q[i])
        out.append(Channel(_UP[i], _GROUP_OF[_UP[i]], 3, q, float(charges.U[i])))
        out.append(Channel(_DOWN[i], _GROUP_OF[_DOWN[i]], 3, q, float(charges.D[i])))
        lep = float(charges.L[i])
        out.append(Channel(_LEPTONS[i], _LEPTONS[i], 1, lep, float(charges.E[i])))
        out.append(Channel(f"nu_L{i + 1}", "nu", 1, lep, 0.0))
    for i, f_nu in enumerate(charges.nu):
        out.append(Channel(f"nu_R{i + 1}", "nu", 1, 0.0, float(f_nu)))
    psi_mult = charges.N_f * charges.r2 * charges.r3
    f_psi = float(charges.psi)
    out.append(Channel("psi", "psi", psi_mult, f_psi, f_psi))
    out.append(Channel("H", "h", 2, float(charges.H), scalar=True))
    out.append(Channel("phi", "phi", 1, float(charges.phi), scalar=True))
    out.append(Channel("S", "S", charges.N_f**2, float(charges.S), scalar=True))
    return out


@dataclass(frozen=True)
class ZprimeDecays:
    """Partial widths (in units of M_Z') by channel and by Table 5 group."""

    alpha4: float
    partial: dict[str, float]
    by_group: dict[str, float] = field(default_factory=dict)

    @property
    def width_over_mass(self) -> float:
        """Gamma_tot / M_Z', eqs. (62)-(65)."""
        return sum(self.partial.values())

    def branching_percent(self) -> dict[str, float]:
        """Branching fractions in percent per Table 5 group."""
        total = self.width_over_mass
        return {g: 100.0 * w / total if total else 0.0 for g, w in self.by_group.items()}

    def invisible_percent(self) -> float:
        """B(Z' -> invisible) = psi + neutrinos, in percent (Table 6)."""
        br = self.branching_percent()
        return sum(br[g] for g in INVISIBLE_GROUPS)


def zprime_decays(
    charges: ChargeAssignment,
    alpha4: float,
    mass_GeV: float | None = None,
    masses_GeV: Mapping[str, float] | None = None,
) -> ZprimeDecays:
    """Widths per channel; massless limit unless ``masses_GeV`` (by channel name) are given.

    Channel names: u d s c b t e mu tau nu_L1.. nu_R1.. psi H phi S. Masses need ``mass_GeV``.
    """
    masses = dict(masses_GeV or {})
    if masses and mass_GeV is None:
        raise ValueError("masses_GeV needs the Z' mass mass_GeV")
    fermion_norm = 2.0 * math.pi / 3.0 * alpha4
    scalar_norm = math.pi / 3.0 * alpha4
    partial: dict[str, float] = {}
    by_group = dict.fromkeys(GROUPS, 0.0)
    for ch in channels(charges):
        ratio = masses.get(ch.name, 0.0) / mass_GeV if mass_GeV else 0.0
        if ch.scalar:
            width = scalar_norm * ch.multiplicity * scalar_width_factor(ch.F_L, ratio)
        else:
            width = fermion_norm * ch.multiplicity * fermion_width_factor(ch.F_L, ch.F_R, ratio)
        partial[ch.name] = width
        by_group[ch.group] += width
    return ZprimeDecays(alpha4=alpha4, partial=partial, by_group=by_group)
