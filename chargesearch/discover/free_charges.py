"""The free charges F_psi, F_phi of a charge set (not fixed by (15)); see
:mod:`chargesearch.discover.config` for the documented choice set."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from chargesearch.benchmarks import all_benchmarks
from chargesearch.charges import ChargeAssignment
from chargesearch.discover.config import DiscoverConfig


def allowed_phi(charges: ChargeAssignment, choices: tuple[Fraction, ...]) -> Fraction | None:
    """The first F_phi of ``choices`` with F_phi != 0 and F_phi != +-2 F_nu_i, eq. (10)."""
    for phi in choices:
        if phi != 0 and all(phi not in (2 * n, -2 * n) for n in charges.nu):
            return phi
    return None


def _same_up_to_scale(a: ChargeAssignment, b: ChargeAssignment) -> Fraction | None:
    """The factor f with a = f b on every fermion charge (nu as multisets), or None."""
    if b.L[1] == 0:
        return None
    f = a.L[1] / b.L[1]
    same = all(x == f * y for x, y in zip(a.Q + a.U + a.D + a.L + a.E, b.Q + b.U + b.D + b.L + b.E,
                                          strict=True))
    nonzero_a = sorted(n for n in a.nu if n)
    return f if same and nonzero_a == sorted(f * n for n in b.nu if n) else None


def paper_benchmark(charges: ChargeAssignment) -> tuple[str, Fraction, Fraction] | None:
    """(BMk, F_psi, F_phi) when the charge set is a paper benchmark up to normalisation, with
    the paper's F_psi, F_phi in this normalisation (Table 3)."""
    for bm in all_benchmarks():
        f = _same_up_to_scale(charges, bm.charges)
        if f is not None:
            return bm.name, f * bm.charges.psi, f * bm.charges.phi
    return None


def choices(
    charges: ChargeAssignment, cfg: DiscoverConfig
) -> list[tuple[ChargeAssignment, str | None]]:
    """The charge set with each (F_psi, F_phi) to try, and the benchmark name if it is one."""
    phi = allowed_phi(charges, cfg.f_phi)
    bm = paper_benchmark(charges)
    out: list[tuple[ChargeAssignment, str | None]] = []
    if phi is not None:
        out = [(replace(charges, psi=psi, phi=phi), bm[0] if bm else None) for psi in cfg.f_psi]
    if bm is not None:
        paper = replace(charges, psi=bm[1], phi=bm[2])
        if all(c != paper for c, _ in out):
            out.append((paper, bm[0]))
    return out
