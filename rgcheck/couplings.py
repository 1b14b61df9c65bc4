"""The couplings of the paper's model and their alphas, eq. (46).

alpha_X = X^2/(4 pi)^2 for gauge and Yukawa couplings, alpha_Z = Z/(4 pi)^2 for quartics; the
hypercharge coupling and the kinetic mixing are the paper's (gh1, eta) of eq. (18), related to
rgcheck's upper-triangular (g1, g14) by :mod:`rgcheck.kinetic`:
alpha_1 = (g1^2 + g14^2)/(4 pi)^2, eta = g14 / sqrt(g1^2 + g14^2).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from rgcheck.errors import RGInputError
from rgcheck.kinetic import G_from_eta, eta_from_G

FOUR_PI = 4.0 * math.pi

#: coupling name -> paper alpha name (g14 enters through eta)
ALPHA_OF = {
    "g1": "alpha_1",
    "g2": "alpha_2",
    "g3": "alpha_3",
    "g4": "alpha_4",
    "yt": "alpha_t",
    "yb": "alpha_b",
    "y": "alpha_y",
    "lam": "alpha_lambda",
    "s": "alpha_s",
    "u": "alpha_u",
    "v": "alpha_v",
    "delta": "alpha_delta",
    "deltatilde": "alpha_deltatilde",
    "w": "alpha_w",
}
GAUGE_YUKAWA = ("g1", "g2", "g3", "g4", "g14", "yt", "yb", "y")
QUARTICS = ("lam", "s", "u", "v", "delta", "deltatilde", "w")
#: the free BSM couplings at the matching scale, eq. (48)
BSM_ALPHAS = (
    "alpha_y",
    "alpha_delta",
    "alpha_deltatilde",
    "alpha_u",
    "alpha_v",
    "alpha_w",
    "alpha_s",
)
SM_ALPHAS = ("alpha_1", "alpha_2", "alpha_3", "alpha_t", "alpha_b", "alpha_lambda")
ALPHA_NAMES = (*SM_ALPHAS, "alpha_4", "eta", *BSM_ALPHAS)
#: alphas that are squares of a real coupling (non-negative)
SQUARED = {ALPHA_OF[c] for c in GAUGE_YUKAWA if c != "g14"}


def alphas(values: Mapping[str, object]) -> dict[str, np.ndarray | float]:
    """Paper alphas (and eta) from rgcheck couplings (floats or arrays)."""
    out: dict[str, np.ndarray | float] = {}
    k = FOUR_PI**2
    for c, a in ALPHA_OF.items():
        if c not in values or c == "g1":
            continue
        x = np.asarray(values[c], dtype=float)
        out[a] = (x * x if c in GAUGE_YUKAWA else x) / k
    if {"g1", "g14", "g4"} <= set(values):
        gh1, _, eta = eta_from_G(values["g1"], values["g14"], values["g4"])
        out["alpha_1"] = np.asarray(gh1) ** 2 / k
        out["eta"] = np.asarray(eta)
    return {a: out[a] for a in ALPHA_NAMES if a in out}


def couplings_from_alphas(
    given: Mapping[str, object], names: tuple[str, ...]
) -> dict[str, np.ndarray | float]:
    """rgcheck couplings from paper alphas (+ eta): inverse of :func:`alphas`.

    Gauge and Yukawa alphas must be >= 0 (the coupling is the positive root); quartic alphas
    carry their sign. Every coupling of ``names`` must be determined."""
    unknown = [a for a in given if a not in ALPHA_NAMES]
    if unknown:
        raise RGInputError(unknown[0], f"one of {', '.join(ALPHA_NAMES)}")
    present = {ALPHA_OF.get(c) for c in names} | {"eta"}
    given = {a: v for a, v in given.items() if a in present}
    vals: dict[str, np.ndarray] = {}
    for a, v in given.items():
        try:
            arr = np.asarray(v, dtype=float)
        except (TypeError, ValueError):
            raise RGInputError(a, "a real number or an array of them", v) from None
        if not np.all(np.isfinite(arr)):
            raise RGInputError(a, "a finite number", v)
        if a in SQUARED and np.any(arr < 0):
            raise RGInputError(a, f"a non-negative number ({a} is a squared coupling)", v)
        vals[a] = arr
    if "eta" in vals and np.any(np.abs(vals["eta"]) >= 1):
        raise RGInputError("eta", "|eta| < 1 (kinetic mixing, eq. (18))", given["eta"])
    out: dict[str, np.ndarray | float] = {}
    for c in names:
        if c in ("g1", "g14"):
            continue
        alpha = ALPHA_OF.get(c)
        if alpha is None or alpha not in vals:
            raise RGInputError(alpha or c, "a value (missing)")
        x = vals[alpha]
        out[c] = FOUR_PI * np.sqrt(x) if c in GAUGE_YUKAWA else FOUR_PI**2 * x
    if "g1" in names:
        if "alpha_1" not in vals:
            raise RGInputError("alpha_1", "a value (missing)")
        eta = vals.get("eta", np.asarray(0.0))
        g1, g14, _ = G_from_eta(FOUR_PI * np.sqrt(vals["alpha_1"]), 0.0, eta)
        out["g1"], out["g14"] = g1, g14
    return {c: (float(out[c]) if np.ndim(out[c]) == 0 else out[c]) for c in names}
