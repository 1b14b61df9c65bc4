"""Stage 2, match: each charge set against each fit scenario (Table 2, or a user file).

A 1d scenario fixes the direction of (C9, C10, C9', C10'): the model's Wilson-coefficient ray,
restricted to the e and mu directions a fit constrains, must lie in the span of the scenario's
coordinates (exactly, with the charges as Fractions): ``C9`` needs C10 = 0 (F_L2 = F_E2),
``C9=-C10`` needs F_E2 = 0 (SPEC section 3), the 2d ``C9,C10`` takes every ray. alpha4 then
follows from the scenario (``paper`` or ``chi2`` mode,
:func:`chargesearch.matching.match_alpha4`), with M_Z' = mu0. alpha4 does not depend on the free
charges F_psi, F_phi, so they are chosen after this stage and the Bs-mixing stage.
"""

from __future__ import annotations

from fractions import Fraction

from chargesearch.charges import ChargeAssignment
from chargesearch.errors import NoFitError
from chargesearch.matching import MatchResult, match_alpha4
from chargesearch.scenarios import BASIS, FITTED_LEPTONS, LEPTONS, FitScenario


def unit_ray(charges: ChargeAssignment) -> tuple[Fraction, ...]:
    """The Wilson coefficients in the order of :data:`BASIS` up to the common factor
    -(pi/(sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) g4^2/M^2 of (34) (no right-handed current)."""
    ray: list[Fraction] = []
    for i in range(1, len(LEPTONS) + 1):
        li, ei = charges[f"F_L{i}"], charges[f"F_E{i}"]
        ray += [ei + li, ei - li, Fraction(0), Fraction(0)]
    return tuple(ray)


_FITTED = tuple(b.rsplit("_", 1)[1] in FITTED_LEPTONS for b in BASIS)


def _fitted(vector: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(x for x, keep in zip(vector, _FITTED, strict=True) if keep)


def _dot(a: tuple[Fraction, ...], b: tuple[Fraction, ...]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), Fraction(0))


def _reject(v: tuple[Fraction, ...], o: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    c = _dot(v, o) / _dot(o, o)
    return tuple(x - c * y for x, y in zip(v, o, strict=True))


def in_span(vector: tuple[Fraction, ...], basis: list[tuple[Fraction, ...]]) -> bool:
    """Exact test: ``vector`` is a linear combination of ``basis`` (Gram-Schmidt)."""
    ortho: list[tuple[Fraction, ...]] = []
    for b in basis:
        for o in ortho:
            b = _reject(b, o)
        if any(b):
            ortho.append(b)
    for o in ortho:
        vector = _reject(vector, o)
    return not any(vector)


def fits_scenario_direction(charges: ChargeAssignment, scn: FitScenario) -> bool:
    basis = [_fitted(tuple(Fraction(w) for w in c.weights)) for c in scn.coordinates]
    return in_span(_fitted(unit_ray(charges)), basis)


def match(
    charges: ChargeAssignment, scn: FitScenario, mu0_tev: float, mode: str
) -> MatchResult | None:
    """alpha4 and the Wilson coefficients, or None when the scenario cannot be met."""
    if not fits_scenario_direction(charges, scn):
        return None
    try:
        return match_alpha4(charges, scn, mu0_tev, mode)
    except NoFitError:
        return None
