"""The paper's benchmark charge assignments BM1-BM4 (Table 3), from rgcheck/data/benchmarks.yaml."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

import yaml

_FILE = Path(__file__).resolve().parent / "data" / "benchmarks.yaml"


@cache
def _raw() -> dict:
    return yaml.safe_load(_FILE.read_text())


def names() -> tuple[str, ...]:
    return tuple(_raw())


def benchmark(name: str) -> dict[str, Fraction]:
    """Charges of BMk as {F_X: Fraction} (F_U = F_D = F_Q, F_H = F_S = 0)."""
    raw = _raw()
    if name not in raw:
        raise KeyError(name)
    d = raw[name]
    out: dict[str, Fraction] = {}
    for i in range(3):
        q = Fraction(d["F_Q"][i])
        out[f"F_Q{i + 1}"] = q
        out[f"F_U{i + 1}"] = q
        out[f"F_D{i + 1}"] = q
        out[f"F_L{i + 1}"] = Fraction(d["F_L"][i])
        out[f"F_E{i + 1}"] = Fraction(d["F_E"][i])
        if d["F_nu"] is not None:
            out[f"F_nu{i + 1}"] = Fraction(d["F_nu"][i])
    out["F_H"] = Fraction(0)
    out["F_S"] = Fraction(0)
    out["F_psi"] = Fraction(d["F_psi"])
    out["F_phi"] = Fraction(d["F_phi"])
    return out


def sample_point(name: str) -> tuple[float, dict[str, float]]:
    """(mu0 in GeV, alphas) of BMk's RG sample point (Figs. 4, 6, 9, 11; SPEC section 6)."""
    from rgcheck.parsing import parse_real

    raw = _raw()
    if name not in raw:
        raise KeyError(name)
    point = raw[name]["sample_point"]
    alphas = {k: parse_real(v, k) for k, v in point.items() if k not in ("source", "mu0_tev")}
    return 1e3 * float(point["mu0_tev"]), alphas
