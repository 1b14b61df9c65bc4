"""The discovery pipeline: enumerate -> match -> mix -> safety -> rank -> report.

:func:`discover` runs the stages in order, prints each stage's count in and out, and stops with
an empty result naming the stage that eliminated everything. The Planck-safety stage runs in
chunks through the shared resumable runner (:mod:`chunkrunner`): an interrupted run resumes from
its last completed chunk of models when the same configuration is run again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chargesearch.charges import ChargeAssignment
from chargesearch.discover import free_charges
from chargesearch.discover.candidates import distinct, enumerate_charge_sets, has_c9
from chargesearch.discover.config import DiscoverConfig
from chargesearch.discover.matching import match
from chargesearch.discover.mixing import mix
from chargesearch.discover.models import Matched, charge_strings, fermion_key
from chargesearch.discover.ranking import needed_neutrinos, score, score_terms
from chargesearch.discover.safety import SafetySettings, safety_chunk
from chargesearch.errors import InputError
from chargesearch.observables import BOUNDS, OBSERVABLES
from chargesearch.scenarios import FitScenario, load_scenarios
from chargesearch.summary import summarise

FORMAT = "chargesearch-discover/1"


@dataclass(frozen=True)
class StageCount:
    stage: str
    n_in: int | None
    n_out: int
    unit: str


@dataclass
class DiscoveryRun:
    """Outcome of :func:`discover`: stage counts, ranked models (best first), the stage that
    left nothing (if any), timing and where the run state lives."""

    config: DiscoverConfig
    counts: list[StageCount] = field(default_factory=list)
    models: list[dict[str, Any]] = field(default_factory=list)
    assessed: list[dict[str, Any]] = field(default_factory=list)
    empty_stage: str | None = None
    seconds: float = 0.0
    safety_seconds: float = 0.0
    work: str | None = None


def scenarios_for(cfg: DiscoverConfig) -> dict[str, FitScenario]:
    available = load_scenarios(cfg.scenarios_file)
    unknown = [s for s in cfg.scenarios if s not in available]
    if unknown:
        raise InputError("scenario", "one of " + ", ".join(available), unknown[0])
    return {s: available[s] for s in cfg.scenarios}


#: the width bound of ``check`` applied after the free charges fix the Z' width (62)-(65)
WIDTH_BOUND = next(b for b in BOUNDS if b.key == "width_over_mass")


def config_hash(cfg: DiscoverConfig) -> str:
    text = json.dumps(cfg.to_json(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def discover(
    cfg: DiscoverConfig,
    *,
    work: str | Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> DiscoveryRun:
    """Run the pipeline (no report written; see :mod:`chargesearch.discover.report`)."""
    t0 = time.perf_counter()
    scns = scenarios_for(cfg)
    work_dir = str(work or Path("runs") / "discover" / config_hash(cfg))
    run = DiscoveryRun(cfg, work=work_dir)

    def stage(name: str, n_in: int | None, n_out: int, unit: str) -> bool:
        run.counts.append(StageCount(name, n_in, n_out, unit))
        log(f"[{name}] {'' if n_in is None else f'{n_in} -> '}{n_out} {unit} "
            f"({time.perf_counter() - t0:.1f} s)")
        if n_out == 0 and run.empty_stage is None:
            run.empty_stage = name
        return n_out > 0

    sets: list[ChargeAssignment] = []
    for nu, q in zip(cfg.nu_r, cfg.qmaxes(), strict=True):
        sets += enumerate_charge_sets(nu, q, cfg.where)
    if stage("enumerate (paper preset)", None, len(sets), "charge sets"):
        sets = distinct(sets)
        stage("distinct models (neutral nu_R dropped)", run.counts[-1].n_out, len(sets),
              "charge sets")
        sets = [s for s in sets if has_c9(s)]
    if run.empty_stage is None and stage("C9 != 0", run.counts[-1].n_out, len(sets),
                                         "charge sets"):
        matched = [(s, name, m) for s in sets for name, scn in scns.items()
                   if (m := match(s, scn, cfg.mu0_tev, cfg.match_mode)) is not None]
        if stage("match " + ", ".join(cfg.scenarios), len(sets) * len(scns), len(matched),
                 "charge set-scenario pairs"):
            mixed = [(s, name, rh) for s, name, m in matched
                     if (rh := mix(s, m, cfg.mu0_tev, cfg.keep_rbs)) is not None]
            label = "keep with Appendix C cure" if cfg.keep_rbs else "drop r_Bs > 1"
            stage(f"Bs mixing ({label})", len(matched), len(mixed), "charge set-scenario pairs")
            models = _with_free_charges(mixed, scns, cfg)
            stage("free charges (F_psi, F_phi)", len(mixed), len(models), "models")
            models = [m for m in models if m.summary["width_over_mass"] <= WIDTH_BOUND.limit]
            if stage("narrow Z' (Gamma/M <= 1)", run.counts[-1].n_out, len(models), "models"):
                results = safety_stage(models, cfg, work_dir, workers, scheduler, progress)
                run.assessed = [_row(m, results[m.key], cfg) for m in models]
                safe = [r for r in run.assessed if r["planck_safe_fraction"] > 0]
                if stage("Planck safety", len(models), len(safe), "with Planck-safe points"):
                    run.models = rank(safe, run.assessed)
                    stage("rank (one per charge set and scenario)", len(safe), len(run.models),
                          "models")
    run.seconds = time.perf_counter() - t0
    manifest = Path(work_dir) / "manifest.json"
    if manifest.exists():
        run.safety_seconds = float(json.loads(manifest.read_text()).get("elapsed_seconds", 0.0))
    return run


def _with_free_charges(
    mixed: list[tuple[ChargeAssignment, str, float]], scns: dict[str, FitScenario],
    cfg: DiscoverConfig,
) -> list[Matched]:
    """Each surviving pair with every (F_psi, F_phi) choice and all its observables."""
    out = []
    for charges, name, rh in mixed:
        for chosen, bm in free_charges.choices(charges, cfg):
            summary = summarise(chosen, scns[name], cfg.mu0_tev, cfg.match_mode, rh).as_dict()
            out.append(Matched(chosen, name, summary, rh_cure=rh > 0, benchmark=bm))
    return out


def safety_stage(
    models: list[Matched], cfg: DiscoverConfig, work: str, workers: int, scheduler: str | None,
    progress: bool,
) -> dict[str, dict[str, Any]]:
    """Planck-safety figures per model key, through the resumable chunk runner."""
    import chunkrunner

    settings = SafetySettings(
        box=cfg.box, n_scan=cfg.n_scan, n_refine=cfg.n_refine, refine_centres=cfg.refine_centres,
        refine_width=cfg.refine_width, seed=cfg.seed, pole_alpha=cfg.pole_alpha,
        mu0_gev=1e3 * cfg.mu0_tev,
    )
    by_nu: dict[int, list[dict[str, Any]]] = {}
    for m in sorted(models, key=lambda m: m.key):
        by_nu.setdefault(m.charges.nu_r, []).append(
            {"key": m.key, "charges": charge_strings(m.charges), "alpha4": m.summary["alpha4"]})
    chunks = []
    for nu, items in sorted(by_nu.items()):
        for start in range(0, len(items), cfg.items_per_chunk):
            part = items[start : start + cfg.items_per_chunk]
            chunks.append(chunkrunner.Chunk(key=f"nu{nu}-{start:06d}", cost=float(len(part)),
                                            spec={"items": part}))
    keys = hashlib.sha256("\n".join(sorted(m.key for m in models)).encode()).hexdigest()
    job = chunkrunner.Job(
        kind=FORMAT, spec={"config": cfg.to_json(), "models": keys}, chunks=tuple(chunks),
        work=safety_chunk, payload=settings, unit="models",
        provenance={"config": cfg.to_json()},
    )
    chunkrunner.run(job, out=work, workers=workers, scheduler=scheduler, progress=progress)
    table = chunkrunner.read_table(work)
    return {k: json.loads(r) for k, r in zip(table.column("key").to_pylist(),
                                              table.column("result").to_pylist(), strict=True)}


def _row(m: Matched, safety: dict[str, Any], cfg: DiscoverConfig) -> dict[str, Any]:
    s = m.summary
    terms = score_terms(m.charges, s, safety["safe_fraction"], m.rh_cure)
    return {
        "scenario": m.scenario,
        "charges": charge_strings(m.charges),
        "mu0_tev": cfg.mu0_tev,
        "alpha4": s["alpha4"],
        "C9": s["C9"],
        "C10": s["C10"],
        "chi2": s["chi2"],
        "r_Bs": s["r_Bs"],
        "rh_cure": m.rh_cure,
        "planck_safe_fraction": safety["safe_fraction"],
        "n_scan": safety["n_scan"],
        "robust_point": safety["robust_point"],
        "robust_distance": safety["robust_distance"],
        "landau_pole_tev": safety["landau_pole_tev"],
        "windows": safety["windows"],
        "verdict_counts": safety["counts"],
        "br_invisible_percent": s["br_invisible_percent"],
        "R_K": s["R_K"],
        "BR_BpKnunu": s["BR_BpKnunu"],
        "observables": {k: s[k] for k in OBSERVABLES},
        "yukawa": s["yukawa"],
        "nu_r": m.charges.nu_r,
        "nu_r_needed": needed_neutrinos(m.charges),
        "is_paper_benchmark": m.benchmark is not None,
        "benchmark": m.benchmark,
        "score_terms": terms,
        "score": score(terms),
        "charge_set": fermion_key(m.charges),
    }


def rank(rows: list[dict[str, Any]], tried: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Best (F_psi, F_phi) per (charge set, scenario) of ``rows``, ordered by score (ties:
    key); ``free_charge_trials`` lists every choice ``tried`` for it."""
    best: dict[tuple[str, str], dict[str, Any]] = {}
    trials: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in tried:
        trials.setdefault((r["scenario"], r["charge_set"]), []).append(
            {"F_psi": r["charges"]["F_psi"], "F_phi": r["charges"]["F_phi"],
             "planck_safe_fraction": r["planck_safe_fraction"], "score": r["score"]})
    for r in rows:
        k = (r["scenario"], r["charge_set"])
        if k not in best or r["score"] > best[k]["score"]:
            best[k] = r
    out = []
    for k, r in best.items():
        out.append({**r, "free_charge_trials": sorted(trials[k], key=lambda t: t["F_psi"])})
    out.sort(key=lambda r: (-r["score"], r["scenario"], r["charge_set"]))
    for i, r in enumerate(out, 1):
        r["rank"] = i
    return out
