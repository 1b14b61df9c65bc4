"""Reproduction of the paper's RG results (Sect. 4): sample trajectories (Figs. 4, 6, 9, 11),
the generic Z' model of Fig. 3, putative Landau poles beside the one-loop estimate (74)-(77),
critical-surface panels (Figs. 5, 7, 8, 10), windows (51)-(58) from random scans, and how the
pole criterion moves the figures. ``rgcheck paper --out results/rg`` writes all of them."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from rgcheck.benchmarks import benchmark, names, sample_point
from rgcheck.couplings import BSM_ALPHAS
from rgcheck.running import RunConfig, RunResult, initial_couplings, run, run_model
from rgcheck.scan import ScanSpec, base_alphas, parse_axis, run_scan
from rgcheck.sm_inputs import sm_alphas
from rgcheck.verdicts import Verdict

_FILE = Path(__file__).resolve().parent / "data" / "paper_rg.yaml"
PANEL_AXES = {
    "top": ("alpha_y=-3:0:{n}", "alpha_deltatilde=-6:0:{n}"),
    "bottom": ("alpha_delta=-6:0:{n}", "alpha_deltatilde=-6:0:{n}"),
}
POLE_BOUNDS = (1.0, 3.0, 10.0, 100.0)
INTERACTIONS_OFF = ("alpha_y", "alpha_u", "alpha_v", "alpha_delta", "alpha_w")


@cache
def paper_values() -> dict:
    return yaml.safe_load(_FILE.read_text())


def sample_run(bm: str, config: RunConfig = RunConfig()) -> RunResult:
    """The sample trajectory of BMk (Figs. 4, 6, 9, 11)."""
    mu0, alphas = sample_point(bm)
    return run(benchmark(bm), initial_couplings(mu0, alphas), mu0, config=config)


# ---- Landau poles (Sects. 4.2-4.6, (74)-(77)) -----------------------------------------------
@dataclass(frozen=True)
class LandauPole:
    name: str
    mu0_gev: float
    alpha_4: float
    two_loop_tev: float | None
    one_loop_tev: float
    B4: float
    paper_tev: float


def one_loop_B4(system) -> float:
    """B4 of (74), d alpha4/d ln mu = B4 alpha4^2 at one loop without kinetic mixing:
    B4 = 2 b4 with beta_g4 = b4 g4^3 / (16 pi^2) from the derived one-loop betas."""
    b4 = system.polynomials(1)["g4"].get(("g4", "g4", "g4"), 0)
    return 2.0 * float(b4)


def _bm3_without_bsm_fields():
    from rgcheck.model_file import model_from_dict

    model, _ = model_from_dict({"include_sm": True, "nu_R": [1, 2, 3]})
    return model


def landau_poles(config: RunConfig = RunConfig()) -> list[LandauPole]:
    """Putative Landau poles with the psi, S interactions off (y = u = v = delta = w = 0),
    for BM1-BM4 and for the BM3 charges without psi, S, phi (Fig. 3)."""
    import rgcheck

    cfg = RunConfig(pole_alpha=config.pole_alpha, poles_only=True, store_trajectory=False)
    paper = paper_values()["landau_poles_tev"]
    out = []
    for bm in names():
        mu0, alphas = sample_point(bm)
        alphas.update(dict.fromkeys(INTERACTIONS_OFF, 0.0))
        res = run(benchmark(bm), initial_couplings(mu0, alphas), mu0, config=cfg)
        B4 = one_loop_B4(rgcheck.betas(benchmark(bm), loops=1))
        out.append(_pole(bm, mu0, alphas["alpha_4"], res, B4, paper[bm]))
    model = _bm3_without_bsm_fields()
    mu0, alphas = sample_point("BM3")
    res = fig3_run(cfg)
    B4 = one_loop_B4(rgcheck.model_betas(model, _charges_for(model), loops=1))
    out.append(_pole("BM3 without psi, S, phi", mu0, alphas["alpha_4"], res, B4,
                     paper["BM3_without_bsm_fields"]))
    return out


def _charges_for(model) -> dict:
    return {k: v for k, v in benchmark("BM3").items() if k in model.charge_keys}


def fig3_run(config: RunConfig = RunConfig()) -> RunResult:
    """Fig. 3: the BM3 charges in the SM + 3 nu_R without psi, S, phi, alpha4(5 TeV) = 4.6e-2."""
    model = _bm3_without_bsm_fields()
    mu0, alphas = sample_point("BM3")
    init = initial_couplings(mu0, {"alpha_4": alphas["alpha_4"]}, names=model.couplings())
    return run_model(model, _charges_for(model), init, mu0, config=config)


def _pole(name, mu0, a4, res: RunResult, B4: float, paper: float) -> LandauPole:
    two = None if res.failure_scale_gev is None else float(res.failure_scale_gev) / 1e3
    one = mu0 / 1e3 * math.exp(1.0 / (B4 * a4))
    return LandauPole(name, mu0, a4, two, one, B4, float(paper))


# ---- scans -----------------------------------------------------------------------------------
def panel_spec(bm: str, panel: str, resolution: int, pole_alpha: float = 10.0) -> ScanSpec:
    mu0, alphas = sample_point(bm)
    grid = tuple(parse_axis(a.format(n=resolution)) for a in PANEL_AXES[panel])
    fixed = {k: v for k, v in alphas.items() if k not in {a.name for a in grid}}
    return ScanSpec(
        charges=tuple((k, str(v)) for k, v in benchmark(bm).items()),
        mu0_gev=mu0, base=base_alphas({**sm_alphas(mu0), **fixed}), grid=grid,  # type: ignore[arg-type]
        pole_alpha=pole_alpha,
    )


def random_spec(bm: str, n: int, seed: int = 0) -> ScanSpec:
    from rgcheck.scan import DEFAULT_BOX

    mu0, alphas = sample_point(bm)
    fixed = {k: v for k, v in alphas.items() if k not in BSM_ALPHAS}
    return ScanSpec(
        charges=tuple((k, str(v)) for k, v in benchmark(bm).items()),
        mu0_gev=mu0, base=base_alphas({**sm_alphas(mu0), **fixed}), box=DEFAULT_BOX,
        n_random=n, seed=seed,
    )


# ---- everything ------------------------------------------------------------------------------
def reproduce(
    out: str | Path, resolution: int = 41, n_random: int = 75_000, seed: int = 0,
    progress: bool = True, log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Write the figures and ``report.md`` / ``report.json`` into ``out``; returns the report."""
    from rgcheck.plots import panel_from_scan, plot_panels, plot_trajectory
    from rgcheck.windows import extract

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    figs = paper_values()["figures"]
    report: dict[str, Any] = {"resolution": resolution, "n_random": n_random, "seed": seed}
    samples = {}
    for bm in names():
        res = sample_run(bm)
        plot_trajectory(res, out / f"fig{figs[bm]['trajectory']}_{bm.lower()}_trajectory.png",
                        title=f"{bm} sample point (Fig. {figs[bm]['trajectory']})")
        verdict = cast(Verdict, res.verdict)
        samples[bm] = {"verdict": verdict.value, "final_alphas": res.final_alphas()}
        log(f"{bm} sample point: {verdict.value}")
    report["sample_points"] = samples
    fig3 = fig3_run()
    plot_trajectory(fig3, out / "fig3_bm3_without_bsm_fields.png",
                    title="BM3 charges without psi, S, phi (Fig. 3)")
    report["landau_poles"] = [vars(p) for p in landau_poles()]
    log("Landau poles done")
    scans: dict[str, Any] = {}
    for bm in names():
        _, point = sample_point(bm)
        panels, counts = [], {}
        for panel in PANEL_AXES:
            grid = run_scan(panel_spec(bm, panel, resolution), progress=progress)
            panels.append(panel_from_scan(grid, point))
            counts[panel] = grid.summary()
        plot_panels(panels, out / f"fig{figs[bm]['scan']}_{bm.lower()}_critical_surface.png",
                    title=f"{bm} (cf. Fig. {figs[bm]['scan']})")
        scans[bm] = counts
        log(f"{bm} panels done")
    report["panels"] = scans
    report["pole_criterion"] = pole_criterion_table(resolution)
    log("pole-criterion table done")
    windows = {}
    for bm in names():
        scan = run_scan(random_spec(bm, n_random, seed), progress=progress)
        windows[bm] = {**scan.summary(), "windows": extract(scan).as_dict()}
        log(f"{bm} random scan: {windows[bm]['counts']}")
    report["random_scans"] = windows
    from rgcheck.report import write_report

    write_report(report, out)
    return report


def pole_criterion_table(resolution: int) -> dict[str, Any]:
    """Planck-safe fraction of the top panels and the sample point's verdict per pole bound."""
    table: dict[str, Any] = {}
    for bm in names():
        row = {}
        for bound in POLE_BOUNDS:
            res = run_scan(panel_spec(bm, "top", resolution, pole_alpha=bound), progress=False)
            sample = sample_run(bm, RunConfig(pole_alpha=bound, store_trajectory=False))
            row[f"{bound:g}"] = {
                "safe_fraction": res.summary()["planck_safe_fraction"],
                "pole_fraction": res.counts()["pole"] / max(res.table.num_rows, 1),
                "sample_point": cast(Verdict, sample.verdict).value,
            }
        table[bm] = row
    return table
