"""Configuration of ``chargesearch discover`` (frozen, checked where it enters) and presets.

Free charges (Sect. 4.2, (49)): F_psi and F_phi are not fixed by the anomaly conditions. With the
charges normalised so that the largest fermion |F| is 1, every charge set is tried with each
F_psi of ``f_psi`` (the paper takes F_psi of the order of the largest lepton charge; larger
F_psi lets the psi-S Yukawa slow the U(1)' coupling down at two loops, (49), but adds to B4)
and with the first F_phi of ``f_phi`` that respects (10) F_phi != +-2 F_nu_i (and F_phi != 0).
Charge sets equal to a paper benchmark (up to normalisation) are also tried with the paper's
own (F_psi, F_phi).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from fractions import Fraction
from typing import Any

from chargesearch.errors import InputError
from chargesearch.matching import MATCH_MODES

#: the scan box of the Planck-safety stage: log10|alpha| ranges and signs of the seven
#: couplings (48) (alpha_y >= 1e-2 as (49) needs F_psi^2 alpha_y ~ 0.1; positive portals and
#: BSM quartics below 0.1 as in the paper's windows (50)-(58); w of either sign)
DISCOVERY_BOX: tuple[tuple[str, float, float, str], ...] = (
    ("alpha_y", -2.0, 0.0, "+"),
    ("alpha_delta", -6.0, -0.5, "+"),
    ("alpha_deltatilde", -6.0, -0.5, "+"),
    ("alpha_u", -6.0, -1.0, "+"),
    ("alpha_v", -6.0, -1.0, "+"),
    ("alpha_w", -6.0, -1.0, "+-"),
    ("alpha_s", -4.0, -1.0, "+"),
)
SCENARIOS = ("C9", "C9=-C10", "C9,C10")
MAX_QMAX = 24
#: lowest matching scale mu0 = M_Z' in TeV
MIN_MU0_TEV = 0.2


def _is_real(value: object) -> bool:
    """A finite int or float (not a bool)."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _check_int(field: str, value: object, low: int) -> None:
    """InputError unless ``value`` is an int (not a bool) >= ``low``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        form = "a positive integer" if low == 1 else f"an integer >= {low}"
        raise InputError(field, form, value)


@dataclass(frozen=True)
class DiscoverConfig:
    """Everything that defines a discovery run (the run directory is keyed by it).

    ``budget`` scales the scan and refinement points of the Planck-safety stage."""

    preset: str = "default"
    nu_r: tuple[int, ...] = (0, 1, 2, 3)
    qmax: int | tuple[int, ...] = 8
    scenarios: tuple[str, ...] = SCENARIOS
    scenarios_file: str | None = None
    mu0_tev: float = 5.0
    match_mode: str = "paper"
    keep_rbs: bool = False
    f_psi: tuple[Fraction, ...] = (Fraction(1), Fraction(3, 2), Fraction(2))
    f_phi: tuple[Fraction, ...] = (Fraction(1, 4), Fraction(1, 5), Fraction(1, 6))
    box: tuple[tuple[str, float, float, str], ...] = DISCOVERY_BOX
    scan_points: int = 256
    refine_points: int = 128
    refine_centres: int = 4
    refine_width: float = 0.25
    budget: float = 1.0
    seed: int = 0
    pole_alpha: float = 10.0
    items_per_chunk: int = 24
    top: int = 3
    where: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.nu_r or any(n not in (0, 1, 2, 3) for n in self.nu_r):
            raise InputError("nu-r", "right-handed neutrino counts from 0..3", self.nu_r)
        for q in self.qmaxes():
            _check_int("qmax", q, 1)
        if not self.scenarios or not all(isinstance(s, str) and s for s in self.scenarios):
            raise InputError("scenarios", "at least one fit scenario name", self.scenarios)
        if not (_is_real(self.mu0_tev) and self.mu0_tev > MIN_MU0_TEV):
            raise InputError("mu0", f"a finite matching scale M_Z' in TeV above {MIN_MU0_TEV:g}",
                             self.mu0_tev)
        if self.match_mode not in MATCH_MODES:
            raise InputError("mode", "one of " + ", ".join(MATCH_MODES), self.match_mode)
        for name in ("budget", "refine_width", "pole_alpha"):
            value = getattr(self, name)
            if not (_is_real(value) and value > 0):
                raise InputError(name.replace("_", "-"), "a positive finite number", value)
        if not self.f_psi or any(f <= 0 for f in self.f_psi):
            raise InputError("f-psi", "positive rationals", self.f_psi)
        if not self.f_phi or any(f == 0 for f in self.f_phi):
            raise InputError("f-phi", "non-zero rationals ((10): F_phi != 0)", self.f_phi)
        for name, low in (("seed", 0), ("top", 1), ("scan_points", 1), ("refine_points", 0),
                          ("refine_centres", 0), ("items_per_chunk", 1)):
            _check_int(name.replace("_", "-"), getattr(self, name), low)
        for entry in self.box:
            name, lo, hi, sign = entry
            if not (_is_real(lo) and _is_real(hi) and lo <= hi and sign in ("+", "-", "+-")):
                raise InputError(f"box {name}", "finite log10 bounds lo <= hi and a sign +, - "
                                 "or +-", entry)
        if not all(isinstance(w, str) for w in self.where):
            raise InputError("where", "relations as text, e.g. 'F_Q3 = 0'", self.where)

    def qmaxes(self) -> tuple[int, ...]:
        """The bound per entry of ``nu_r``."""
        q = self.qmax if isinstance(self.qmax, tuple) else (self.qmax,) * len(self.nu_r)
        if len(q) != len(self.nu_r):
            raise InputError("qmax", "one bound, or one per nu_R count", self.qmax)
        return q

    @property
    def n_scan(self) -> int:
        return max(16, round(self.scan_points * self.budget))

    @property
    def n_refine(self) -> int:
        return max(0, round(self.refine_points * self.budget))

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["f_psi"] = [str(f) for f in self.f_psi]
        d["f_phi"] = [str(f) for f in self.f_phi]
        return d


#: named starting points; ``default`` is the README main job, ``rediscovery`` has bounds that
#: contain BM1-BM4 (BM1 needs |F| <= 18 without nu_R, BM2 |F| <= 12 with three; Table 3)
PRESETS: dict[str, DiscoverConfig] = {
    "default": DiscoverConfig(),
    "rediscovery": DiscoverConfig(
        preset="rediscovery", nu_r=(0, 3), qmax=(18, 12), scan_points=64, refine_points=32
    ),
}


def preset(name: str, **changes: Any) -> DiscoverConfig:
    """A named preset with some fields changed."""
    if name not in PRESETS:
        raise InputError("preset", "one of " + ", ".join(PRESETS), name)
    return replace(PRESETS[name], **changes) if changes else PRESETS[name]
