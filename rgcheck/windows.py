"""Windows of the BSM couplings at mu0 that allow Planck safety, as in (51)-(58), extracted
from a random scan (:mod:`rgcheck.scan`).

Operational definitions (the paper gives none; docs/rgcheck-running.md):

* lower bound on alpha_y (51), (53), (55), (57): the 1% quantile of log10 alpha_y over the
  Planck-safe points;
* portal windows (52), (54), (56), (58) "alpha_delta in W_delta or alpha_deltatilde in
  W_deltatilde": the window of one portal is the 1%..99% quantile range of its log10 over the
  safe points at which it stabilises alone, i.e. where the other portal is switched off
  (|alpha| < 1e-5 or negative). ``coverage`` is the fraction of all safe points with one portal
  inside its window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rgcheck.scan import ScanResult

OFF = 1e-5
QUANTILES = (0.01, 0.99)


@dataclass(frozen=True)
class Windows:
    n_safe: int
    alpha_y_min: float | None  # log10
    delta: tuple[float, float] | None  # log10 window of alpha_delta
    deltatilde: tuple[float, float] | None
    coverage: float | None

    def as_dict(self) -> dict:
        return {
            "n_safe": self.n_safe,
            "log10_alpha_y_min": self.alpha_y_min,
            "log10_alpha_delta_window": list(self.delta) if self.delta else None,
            "log10_alpha_deltatilde_window": list(self.deltatilde) if self.deltatilde else None,
            "coverage": self.coverage,
        }


def _window(values: np.ndarray) -> tuple[float, float] | None:
    if values.size < 5:
        return None
    lo, hi = np.quantile(np.log10(values), QUANTILES)
    return float(lo), float(hi)


def extract(result: ScanResult) -> Windows:
    """The windows of one random scan (see the module docstring)."""
    safe = result.safe()
    if not safe.any():
        return Windows(0, None, None, None, None)
    ay = result.column("alpha_y")[safe]
    d = result.column("alpha_delta")[safe]
    dt = result.column("alpha_deltatilde")[safe]
    off_d, off_dt = (d < OFF), (dt < OFF)
    w_d = _window(d[(d > 0) & off_dt])
    w_dt = _window(dt[(dt > 0) & off_d])
    coverage = None
    if w_d and w_dt:
        with np.errstate(all="ignore"):
            in_d = (d > 0) & (np.log10(np.abs(d)) >= w_d[0]) & (np.log10(np.abs(d)) <= w_d[1])
            in_dt = (dt > 0) & (np.log10(np.abs(dt)) >= w_dt[0]) & (
                np.log10(np.abs(dt)) <= w_dt[1]
            )
        coverage = float(np.mean(in_d | in_dt))
    ymin = float(np.quantile(np.log10(ay), QUANTILES[0])) if ay.size else None
    return Windows(int(safe.sum()), ymin, w_d, w_dt, coverage)
