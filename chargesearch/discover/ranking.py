"""Stage 5, rank: a documented score in [0, 1] per matched, Planck-assessed model.

    score = 0.40 safety + 0.20 fit + 0.15 bs + 0.15 quarks + 0.10 neutrinos

* safety = min(1, f_safe / 0.25), f_safe the Planck-safe fraction of the scan box (the paper's
  benchmarks reach 0.05-0.35 in the default box);
* fit = exp(-chi2/2) of the scenario at the matched alpha4 (1 for a 1d scenario matched at its
  central value; the 2d fit's C10 prediction costs, Table 2);
* bs = 1 - r_Bs (the margin below the 99% CL bound (41), 0 when cured by Appendix C);
* quarks = 1 - min(1, max|F_Q2,3| / |F_psi|) (Sect. 4.2: |F_Q2,3|/|F_psi| << 1 helps);
* neutrinos = 1 - (number of right-handed neutrinos with F_nu != 0) / 3.

Ties are broken by the charge set's key, so a run is deterministic for a fixed seed.
"""

from __future__ import annotations

import math
from typing import Any

from chargesearch.charges import ChargeAssignment

WEIGHTS = {"safety": 0.40, "fit": 0.20, "bs": 0.15, "quarks": 0.15, "neutrinos": 0.10}
SAFE_SCALE = 0.25


def needed_neutrinos(charges: ChargeAssignment) -> int:
    """Right-handed neutrinos carrying U(1)' charge (those the anomaly conditions need)."""
    return sum(1 for n in charges.nu if n != 0)


def score_terms(charges: ChargeAssignment, summary: dict[str, Any], safe_fraction: float,
                rh_cure: bool) -> dict[str, float]:
    quark = max(abs(charges["F_Q2"]), abs(charges["F_Q3"]))
    return {
        "safety": min(1.0, safe_fraction / SAFE_SCALE),
        "fit": math.exp(-0.5 * summary["chi2"]),
        "bs": 0.0 if rh_cure else max(0.0, 1.0 - summary["r_Bs"]),
        "quarks": 1.0 - min(1.0, float(quark / abs(charges.psi))) if charges.psi else 0.0,
        "neutrinos": 1.0 - needed_neutrinos(charges) / 3.0,
    }


def score(terms: dict[str, float]) -> float:
    return sum(WEIGHTS[k] * v for k, v in terms.items())
