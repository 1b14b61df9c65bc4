"""The Markdown + JSON report of ``rgcheck paper`` (results/rg/report.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chunkrunner.storage import atomic_write_bytes


def _fmt(x: Any, digits: int = 3) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}g}"
    return str(x)


def _window(w: list | None) -> str:
    return "-" if not w else f"[{w[0]:.2f}, {w[1]:.2f}]"


def render(report: dict[str, Any]) -> str:
    from rgcheck.figures import paper_values

    paper = paper_values()
    lines = ["# RG running and Planck safety: the paper's Sect. 4 reproduced", "",
             "Regenerate: `rgcheck paper --out results/rg` (settings below). Definitions and "
             "choices: docs/rgcheck-running.md.", "",
             "## Sample trajectories (Figs. 4, 6, 9, 11)", "",
             "Couplings at the end scale 1e19 GeV.", "",
             "| model | verdict | alpha_4 | alpha_y | eta | alpha_lambda |",
             "|---|---|---|---|---|---|"]
    for bm, s in report["sample_points"].items():
        f = s["final_alphas"]
        lines.append(f"| {bm} | {s['verdict']} | {_fmt(f['alpha_4'])} | {_fmt(f['alpha_y'])} | "
                     f"{_fmt(f['eta'])} | {_fmt(f['alpha_lambda'])} |")
    lines += ["", "## Putative Landau poles, psi and S interactions off (Sects. 4.2-4.6)", "",
              "Two-loop: y = u = v = delta = w = 0 at mu0, other couplings at the sample point, "
              "pole where an alpha exceeds 10. One-loop: (75), ln(mu_L/mu0) = 1/(B4 alpha4) with "
              "B4 from the derived one-loop beta of g4 (all charge carriers, no kinetic mixing).",
              "", "| model | mu0 [TeV] | alpha_4(mu0) | two-loop [TeV] | one-loop (75) [TeV] | B4 |"
              " paper [TeV] |", "|---|---|---|---|---|---|---|"]
    for p in report["landau_poles"]:
        lines.append(f"| {p['name']} | {p['mu0_gev'] / 1e3:g} | {p['alpha_4']:.3g} | "
                     f"{_fmt(p['two_loop_tev'])} | {_fmt(p['one_loop_tev'])} | "
                     f"{p['B4']:.3g} | {_fmt(p['paper_tev'])} |")
    lines += ["", "## Critical-surface panels (Figs. 5, 7, 8, 10)", "",
              f"{report['resolution']} x {report['resolution']} grids in log10 alpha: top "
              "(alpha_y in [-3, 0], alpha_deltatilde in [-6, 0]), bottom (alpha_delta, "
              "alpha_deltatilde in [-6, 0]); the other couplings at the sample point (black "
              "cross). The paper's axis ranges are not in its text: these are ours.", "",
              "| model | panel | Planck-safe | pole | unstable | higgs_unstable | "
              "higgs_metastable | stable_vminus |", "|---|---|---|---|---|---|---|---|"]
    for bm, panels in report["panels"].items():
        for panel, s in panels.items():
            c, n = s["counts"], s["n"]
            lines.append(f"| {bm} | {panel} | {s['planck_safe_fraction']:.3f} | "
                         f"{c['pole'] / n:.3f} | {c['unstable'] / n:.3f} | "
                         f"{c['higgs_unstable'] / n:.3f} | {c['higgs_metastable'] / n:.3f} | "
                         f"{c['stable_vminus'] / n:.3f} |")
    lines += ["", "## How the pole criterion moves the figures", "",
              "Fractions of the top panel (alpha_y, alpha_deltatilde) and the sample point's "
              "verdict for pole bounds alpha > 1, 3, 10 (default), 100.", "",
              "| model | bound | Planck-safe | pole | sample point |", "|---|---|---|---|---|"]
    for bm, rows in report["pole_criterion"].items():
        for bound, r in rows.items():
            lines.append(f"| {bm} | {bound} | {r['safe_fraction']:.3f} | "
                         f"{r['pole_fraction']:.3f} | {r['sample_point']} |")
    lines += ["", f"## Windows (51)-(58) from {report['n_random']}-point Sobol scans", "",
              "Box: log10|alpha| in [-3, 0] for alpha_y (> 0), [-6, 0] for the others; both "
              "signs for delta, deltatilde, u, v, w; alpha_s > 0; seed "
              f"{report['seed']}. alpha_y bound: 1% quantile over safe points; portal window: "
              "1%-99% quantiles over the safe points where the other portal is off (|alpha| < "
              "1e-5 or negative); coverage: safe points with a portal inside its window.", "",
              "| model | safe / n | alpha_y >= (ours / paper) | alpha_delta (ours / paper) | "
              "alpha_deltatilde (ours / paper) | coverage | seconds |",
              "|---|---|---|---|---|---|---|"]
    for bm, r in report["random_scans"].items():
        w, p = r["windows"], paper["windows"][bm]
        lines.append(
            f"| {bm} {p['source']} | {w['n_safe']} / {r['n']} | {_fmt(w['log10_alpha_y_min'])}"
            f" / {p['y_min']} | {_window(w['log10_alpha_delta_window'])} / {p['delta']} | "
            f"{_window(w['log10_alpha_deltatilde_window'])} / {p['deltatilde']} | "
            f"{_fmt(w['coverage'])} | {r['seconds']:.0f} |")
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], out: Path) -> None:
    text = json.dumps(report, indent=1, default=float) + "\n"
    atomic_write_bytes(out / "report.json", text.encode())
    atomic_write_bytes(out / "report.md", render(report).encode())
