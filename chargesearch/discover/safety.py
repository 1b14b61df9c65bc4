"""Stage 4, Planck safety of matched models, through rgcheck's public API.

Per model (a charge set with its F_psi, F_phi and the alpha4 of its scenario, at mu0):

1. the putative Landau pole with the psi, S interactions off (y = u = v = delta = w = 0,
   deltatilde = 0, alpha_s = 1e-2; pole criterion only), Sects. 4.3-4.6;
2. a scrambled Sobol scan of the seven couplings (48) over the box of the configuration
   (coordinates z: log10|alpha| mapped to [0, 1], or to [-1, 1] with the sign for a coupling of
   either sign, so that tiny couplings of both signs are neighbours); its Planck-safe fraction
   estimates that of the box;
3. local refinement: Gaussian samples (width ``refine_width`` decades) around the safe points
   farthest from any unsafe one;
4. the most robust safe point: the safe sample (scan or refinement) with the largest distance
   to the nearest unsafe sample in z; and the windows of alpha_y, alpha_delta, alpha_deltatilde
   over the safe scan points (smallest alpha_y; range of each portal), cf. (51)-(58).

Models of one field content (nu_R count) share batches: one chunk of the shared runner is one
``rgcheck.run_batch`` call per step for up to ``items_per_chunk`` models (one compile serves
every charge set).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import rgcheck

OFF_ALPHAS = {"alpha_y": 0.0, "alpha_u": 0.0, "alpha_v": 0.0, "alpha_delta": 0.0,
              "alpha_w": 0.0, "alpha_deltatilde": 0.0, "alpha_s": 1e-2}


@dataclass(frozen=True)
class SafetySettings:
    """The part of the configuration the Planck-safety workers need (picklable)."""

    box: tuple[tuple[str, float, float, str], ...]
    n_scan: int
    n_refine: int
    refine_centres: int
    refine_width: float
    seed: int
    pole_alpha: float
    mu0_gev: float


def to_alphas(z: np.ndarray, box: Sequence[tuple[str, float, float, str]]) -> dict[str, np.ndarray]:
    """Box coordinates z (n, 7) -> the alphas of (48)."""
    out = {}
    for i, (name, lo, hi, signs) in enumerate(box):
        mag = 10.0 ** (lo + (hi - lo) * np.abs(z[:, i]))
        sign = np.sign(z[:, i]) if signs == "+-" else (-1.0 if signs == "-" else 1.0)
        out[name] = np.where(sign == 0, 1.0, sign) * mag
    return out


def sobol_z(n: int, box: Sequence[tuple[str, float, float, str]], seed: int) -> np.ndarray:
    import warnings

    from scipy.stats import qmc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # balance warning for n != 2^m
        u = qmc.Sobol(len(box), scramble=True, seed=seed).random(n)
    signed = np.array([s == "+-" for *_, s in box])
    return np.where(signed, 2.0 * u - 1.0, u)


def _clip(z: np.ndarray, box: Sequence[tuple[str, float, float, str]]) -> np.ndarray:
    lo = np.array([-1.0 if s == "+-" else 0.0 for *_, s in box])
    return np.clip(z, lo, 1.0)


def _run(
    charge_sets: list[dict], idx: np.ndarray, alpha4: np.ndarray, alphas: Mapping[str, Any],
    s: SafetySettings, poles_only: bool = False,
) -> rgcheck.RunResult:
    given = {**alphas, "alpha_4": alpha4[idx]}
    init = rgcheck.initial_couplings(s.mu0_gev, given)
    config = rgcheck.RunConfig(pole_alpha=s.pole_alpha, store_trajectory=False,
                               poles_only=poles_only)
    return rgcheck.run_batch(charge_sets, idx, init, s.mu0_gev, config=config)


def _nearest_unsafe(z_safe: np.ndarray, z_unsafe: np.ndarray) -> np.ndarray:
    if not len(z_unsafe):
        return np.full(len(z_safe), math.sqrt(z_safe.shape[1]))
    from scipy.spatial import cKDTree

    return cKDTree(z_unsafe).query(z_safe)[0]


def assess(items: Sequence[Mapping[str, Any]], s: SafetySettings) -> list[dict[str, Any]]:
    """Planck-safety figures of models of one field content (``items``: key, charges as
    fraction strings, alpha4)."""
    charge_sets = [dict(it["charges"]) for it in items]
    alpha4 = np.array([float(it["alpha4"]) for it in items])
    m = len(items)
    poles = _run(charge_sets, np.arange(m), alpha4, OFF_ALPHAS, s, poles_only=True)
    z = sobol_z(s.n_scan, s.box, s.seed)
    idx = np.repeat(np.arange(m), s.n_scan)
    zz = np.tile(z, (m, 1))
    scan = _run(charge_sets, idx, alpha4, to_alphas(zz, s.box), s)
    safe = np.asarray(scan.planck_safe).reshape(m, s.n_scan)
    verdicts = np.asarray(scan.verdict).reshape(m, s.n_scan)
    z_ref, idx_ref = _refinement(items, z, safe, s)
    ref_safe = np.zeros(0, dtype=bool)
    if len(idx_ref):
        ref = _run(charge_sets, idx_ref, alpha4, to_alphas(z_ref, s.box), s)
        ref_safe = np.asarray(ref.planck_safe)
    out = []
    for i, item in enumerate(items):
        mine = idx_ref == i
        z_all = np.concatenate([z, z_ref[mine]])
        ok = np.concatenate([safe[i], ref_safe[mine]])
        out.append(_figures(item, poles, i, z_all, ok, safe[i], verdicts[i], z, s))
    return out


def _refinement(
    items: Sequence[Mapping[str, Any]], z: np.ndarray, safe: np.ndarray, s: SafetySettings
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian samples around the most isolated safe scan points of each model."""
    widths = np.array([s.refine_width / (hi - lo) for _, lo, hi, _ in s.box])
    zs, idx = [], []
    for i, item in enumerate(items):
        if not safe[i].any() or not s.n_refine:
            continue
        dist = _nearest_unsafe(z[safe[i]], z[~safe[i]])
        centres = z[safe[i]][np.argsort(-dist, kind="stable")[: s.refine_centres]]
        rng = np.random.default_rng([s.seed, zlib.crc32(str(item["key"]).encode())])
        pick = centres[np.arange(s.n_refine) % len(centres)]
        zs.append(_clip(pick + rng.normal(size=pick.shape) * widths, s.box))
        idx.append(np.full(s.n_refine, i))
    if not zs:
        return np.zeros((0, len(s.box))), np.zeros(0, dtype=np.int64)
    return np.concatenate(zs), np.concatenate(idx)


def _figures(
    item: Mapping[str, Any], poles: rgcheck.RunResult, i: int, z_all: np.ndarray,
    ok: np.ndarray, scan_safe: np.ndarray, verdicts: np.ndarray, z_scan: np.ndarray,
    s: SafetySettings,
) -> dict[str, Any]:
    pole = np.asarray(poles.failure_scale_gev).reshape(-1)[i]
    row: dict[str, Any] = {
        "key": item["key"],
        "landau_pole_tev": None if math.isnan(pole) else float(pole) / 1e3,
        "n_scan": len(scan_safe),
        "n_safe": int(scan_safe.sum()),
        "safe_fraction": float(scan_safe.mean()),
        "counts": {v.value: int(sum(1 for x in verdicts if x is v)) for v in rgcheck.Verdict},
        "robust_point": None,
        "robust_distance": 0.0,
        "windows": {},
    }
    if ok.any():
        dist = _nearest_unsafe(z_all[ok], z_all[~ok])
        best = int(np.argmax(dist))
        point = to_alphas(z_all[ok][best : best + 1], s.box)
        row["robust_point"] = {k: float(v[0]) for k, v in point.items()}
        row["robust_distance"] = float(dist[best])
    if scan_safe.any():
        a = to_alphas(z_scan[scan_safe], s.box)
        row["windows"] = {
            "log10_alpha_y_min": float(np.log10(a["alpha_y"].min())),
            "log10_alpha_delta_range": _log_range(a["alpha_delta"]),
            "log10_alpha_deltatilde_range": _log_range(a["alpha_deltatilde"]),
        }
    return row


def _log_range(x: np.ndarray) -> list[float] | None:
    x = x[x > 0]
    return [float(np.log10(x.min())), float(np.log10(x.max()))] if len(x) else None


def safety_chunk(settings: SafetySettings, chunk: Mapping[str, Any]):
    """chunkrunner worker: one pyarrow row per model of the chunk (results as JSON text)."""
    import json

    import pyarrow as pa

    rows = assess(chunk["items"], settings)
    return pa.table({"key": [r["key"] for r in rows],
                     "result": [json.dumps(r, sort_keys=True) for r in rows]})
