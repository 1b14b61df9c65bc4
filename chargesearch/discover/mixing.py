"""Stage 3, mix: Bs mixing (41). r_Bs > 1 is dropped, or, with ``keep_rbs``, kept with the
right-handed-current cure of Appendix C (g_bs^R = g_bs^L / X_s, (95)-(103)) and labelled."""

from __future__ import annotations

from chargesearch.charges import ChargeAssignment
from chargesearch.constants import constant
from chargesearch.matching import MatchResult
from chargesearch.phenomenology.bs_mixing import bs_mixing


def mix(
    charges: ChargeAssignment, matched: MatchResult, mu0_tev: float, keep_rbs: bool
) -> float | None:
    """g_bs^R / g_bs^L to use (0, or 1/X_s when cured), or None when excluded by (41)."""
    if bs_mixing(charges, matched.g4, mu0_tev).r_Bs <= 1.0:
        return 0.0
    return 1.0 / constant("X_s") if keep_rbs else None
