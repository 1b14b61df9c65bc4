"""Stage 6, report: ``discoveries.json`` (one object per ranked model) and ``discoveries.md``
(stage counts, Table 6-like rows per scenario, Planck-safety summary, plots of the best models,
how the results depend on mu0, (F_psi, F_phi) and the scan box, and the exact command,
configuration, seed and versions), written atomically into the output folder."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from chargesearch.charges import ChargeAssignment
from chargesearch.discover.pipeline import DiscoveryRun
from chargesearch.discover.ranking import WEIGHTS
from chargesearch.yukawa import allowed_textures
from chunkrunner.storage import atomic_write_bytes

JSON_NAME = "discoveries.json"
MD_NAME = "discoveries.md"


def versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": platform.python_version()}
    for pkg in ("zprime-safety", "numpy", "scipy", "numba", "z3-solver", "pyarrow"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:  # pragma: no cover
            out[pkg] = "unknown"
    return out


def charges_of(model: dict[str, Any]) -> ChargeAssignment:
    return ChargeAssignment.from_mapping(model["charges"])


def texture_string(charges: ChargeAssignment) -> str:
    """Allowed Yukawa entries (16) as 'u:ij,... d:... e:... nu:...' (1-based)."""
    parts = []
    for kind, rows in allowed_textures(charges).items():
        cells = [f"{i + 1}{j + 1}" for i, row in enumerate(rows) for j, ok in enumerate(row) if ok]
        parts.append(f"{kind}:{','.join(cells) or '-'}")
    return " ".join(parts)


def _g(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}g}"


def model_rows(models: Sequence[dict[str, Any]]) -> list[str]:
    head = ("| rank | F_Qi | F_Li | F_Ei | F_nui | F_psi | F_phi | alpha4 | C9 | C10 | r_Bs | "
            "R_K (LO) | B(inv) % | nu_R needed | Yukawa textures (16) | Planck-safe | "
            "pole (off) TeV | "
            "score | paper |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for m in models:
        c = charges_of(m)
        f = [", ".join(str(x) for x in getattr(c, s)) for s in ("Q", "L", "E")]
        nu = ", ".join(str(x) for x in c.nu) or "-"
        cure = " (App. C)" if m["rh_cure"] else ""
        lines.append(
            f"| {m['rank']} | {f[0]} | {f[1]} | {f[2]} | {nu} | {c.psi} | {c.phi} | "
            f"{m['alpha4']:.3g} | {m['C9']:.2f} | {m['C10']:.2f} | {m['r_Bs']:.2f}{cure} | "
            f"{m['R_K']:.2f} | {m['br_invisible_percent']:.0f} | {m['nu_r_needed']} | "
            f"{texture_string(c)} | "
            f"{m['planck_safe_fraction']:.3f} | {_g(m['landau_pole_tev'])} | "
            f"{m['score']:.3f} | {m['benchmark'] or ''} |"
        )
    return lines


def write_report(
    run: DiscoveryRun, out: str | Path, command: str, plots: bool = True,
    sensitivity: dict[str, Any] | None = None, log: Callable[[str], None] = print,
) -> Path:
    """Write discoveries.json and discoveries.md (and plots) into ``out``; returns the md."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    models = [_public(m) for m in run.models]
    text = json.dumps(models, indent=1, default=str) + "\n"
    atomic_write_bytes(out / JSON_NAME, text.encode())
    figures = _plots(run, out, log) if plots else {}
    text = render(run, command, figures, sensitivity or {})
    atomic_write_bytes(out / MD_NAME, text.encode())
    return out / MD_NAME


def _public(m: dict[str, Any]) -> dict[str, Any]:
    keep = dict(m)
    keep.pop("charge_set", None)
    return keep


def best_per_scenario(run: DiscoveryRun, new_only: bool = False) -> dict[str, dict[str, Any]]:
    best: dict[str, dict[str, Any]] = {}
    for m in run.models:
        if new_only and m["is_paper_benchmark"]:
            continue
        best.setdefault(m["scenario"], m)
    return best


def _plots(run: DiscoveryRun, out: Path, log: Callable[[str], None]) -> dict[str, list[str]]:
    """Trajectory at the robust point and an (alpha_y, alpha_deltatilde) projection like
    Figs. 5-10 for the best new model of each scenario."""
    import rgcheck
    from rgcheck.plots import panel_from_scan, plot_panels, plot_trajectory
    from rgcheck.scan import Axis, ScanSpec, base_alphas, run_scan

    figures: dict[str, list[str]] = {}
    for scenario, m in best_per_scenario(run, new_only=True).items():
        point = dict(m["robust_point"])
        mu0 = 1e3 * m["mu0_tev"]
        alphas = {"alpha_4": m["alpha4"], **point}
        tag = scenario.replace(",", "_").replace("=", "eq").replace("-", "m")
        res = rgcheck.run(m["charges"], rgcheck.initial_couplings(mu0, alphas), mu0)
        traj = f"best_{tag}_trajectory.png"
        plot_trajectory(res, out / traj, title=f"best new model, scenario {scenario}")
        spec = ScanSpec(
            charges=tuple(m["charges"].items()), mu0_gev=mu0,
            base=base_alphas({k: v for k, v in alphas.items()
                              if k not in ("alpha_y", "alpha_deltatilde")}),
            grid=(Axis("alpha_y", -2.0, 0.0, 21), Axis("alpha_deltatilde", -6.0, -0.5, 21)),
        )
        panel = panel_from_scan(run_scan(spec, progress=False), point)
        surface = f"best_{tag}_critical_surface.png"
        plot_panels([panel], out / surface, title=f"scenario {scenario}: robust point (x)")
        figures[scenario] = [traj, surface]
        log(f"[report] plots for scenario {scenario}")
    return figures


def render(
    run: DiscoveryRun, command: str, figures: dict[str, list[str]], sensitivity: dict[str, Any]
) -> str:
    cfg = run.config
    lines = [
        "# Discoveries: flavourful U(1)' models that explain b -> s mu mu and are Planck-safe",
        "",
        f"Command: `{command}`  ",
        f"Run time: {run.seconds:.0f} s for this invocation; the Planck-safety stage took "
        f"{run.safety_seconds:.0f} s in all (over resumed runs); seed {cfg.seed}; run state: "
        f"`{run.work}` (resumable)",
        "",
        "## Stages",
        "",
        "| stage | in | out | unit |",
        "|---|---|---|---|",
    ]
    for c in run.counts:
        lines.append(f"| {c.stage} | {'' if c.n_in is None else c.n_in} | {c.n_out} | {c.unit} |")
    if run.empty_stage:
        lines += ["", f"**Empty result**: no model survived the stage `{run.empty_stage}`."]
    lines += [
        "",
        "## Method",
        "",
        f"Charge sets of the `paper` constraint preset (SPEC section 1) with |F| <= "
        f"{cfg.qmaxes()} for nu_R = {cfg.nu_r} (integers, then normalised: largest fermion "
        "|F| = 1), C9 != 0; F_psi in "
        f"{[str(f) for f in cfg.f_psi]} and the first F_phi of {[str(f) for f in cfg.f_phi]} "
        "allowed by (10) (the paper's own values for BM1-BM4); matched to the scenarios "
        f"{list(cfg.scenarios)} in `{cfg.match_mode}` mode at M_Z' = mu0 = {cfg.mu0_tev} TeV; "
        f"r_Bs <= 1 (41){' or cured by Appendix C' if cfg.keep_rbs else ''}; Planck safety: "
        f"{cfg.n_scan} scrambled Sobol points (seed {cfg.seed}) of the seven couplings (48) "
        f"in the box {list(cfg.box)} (log10 ranges and signs), {cfg.n_refine} refinement "
        f"points around the {cfg.refine_centres} most isolated safe points (width "
        f"{cfg.refine_width} decades), pole criterion alpha > {cfg.pole_alpha}, 250 checks "
        "from mu0 to 1e19 GeV. The Planck-safe fraction is that of the Sobol scan of the box; "
        "the robust point is the safe sample farthest from any unsafe one (box coordinates). "
        "Score (chargesearch/discover/ranking.py): "
        + " + ".join(f"{w:.2f} {k}" for k, w in WEIGHTS.items()) + ".",
    ]
    by_scn: dict[str, list[dict[str, Any]]] = {}
    for m in run.models:
        by_scn.setdefault(m["scenario"], []).append(m)
    for scn, models in by_scn.items():
        new = [m for m in models if not m["is_paper_benchmark"]][: cfg.top]
        bms = [m for m in models if m["is_paper_benchmark"]]
        lines += ["", f"## Scenario {scn}: {len(models)} Planck-safe models", "",
                  f"Best {len(new)} new models (charges in the layout of Table 3; "
                  "F_U = F_D = F_Q, F_H = 0):", ""]
        lines += model_rows(new)
        if bms:
            lines += ["", "Paper benchmarks found by the search:", ""]
            lines += model_rows(bms)
        for m in new[:1]:
            p = m["robust_point"]
            w = m["windows"]
            lines += ["", "Most robust safe point of the best new model: "
                      + ", ".join(f"{k} = {v:.3g}" for k, v in p.items())
                      + f"; windows over its safe scan points: {w}."]
        for f in figures.get(scn, []):
            lines += ["", f"![{f}]({f})"]
    if sensitivity:
        lines += ["", "## How the results depend on the paper's choices", ""]
        lines += render_sensitivity(sensitivity)
    lines += ["", "## Reproduce", "", f"`{command}`", "", "Configuration:", "", "```json",
              json.dumps(cfg.to_json(), indent=1, default=str), "```", "", "Versions:", "",
              "```json", json.dumps(versions(), indent=1), "```"]
    return "\n".join(lines) + "\n"


def render_sensitivity(sens: dict[str, Any]) -> list[str]:
    lines = ["Planck-safe fraction of the best new model of each scenario when one choice is "
             "changed (same scan budget and seed):", "",
             "| scenario | choice | value | Planck-safe fraction | alpha4 |",
             "|---|---|---|---|---|"]
    for scn, rows in sens.items():
        for r in rows:
            lines.append(f"| {scn} | {r['choice']} | {r['value']} | "
                         f"{r['safe_fraction']:.3f} | {_g(r.get('alpha4'))} |")
    return lines


def sensitivity(run: DiscoveryRun, mu0_values: Sequence[float] = (3.0, 10.0)) -> dict[str, Any]:
    """The best new model per scenario re-assessed at other mu0 (alpha4 re-matched), with each
    tried (F_psi, F_phi), and in a wider box with both signs for every portal and quartic."""
    from chargesearch.discover.matching import match
    from chargesearch.discover.pipeline import scenarios_for
    from chargesearch.discover.safety import SafetySettings, assess

    cfg = run.config
    scns = scenarios_for(cfg)
    out: dict[str, Any] = {}
    for scn, m in best_per_scenario(run, new_only=True).items():
        charges = charges_of(m)
        rows = [{"choice": "(F_psi, F_phi)", "value": f"({t['F_psi']}, {t['F_phi']})",
                 "safe_fraction": t["planck_safe_fraction"], "alpha4": m["alpha4"]}
                for t in m["free_charge_trials"]]
        for mu0 in (*mu0_values, cfg.mu0_tev):
            matched = match(charges, scns[scn], mu0, cfg.match_mode)
            if matched is None:
                continue
            box = cfg.box if mu0 != cfg.mu0_tev else WIDE_BOX
            settings = SafetySettings(box, cfg.n_scan, 0, 0, 0.0, cfg.seed, cfg.pole_alpha,
                                      1e3 * mu0)
            item = {"key": m["charge_set"], "charges": m["charges"], "alpha4": matched.alpha4}
            (res,) = assess([item], settings)
            rows.append({"choice": "mu0 [TeV]" if mu0 != cfg.mu0_tev else "box",
                         "value": f"{mu0:g}" if mu0 != cfg.mu0_tev else "wide (both signs)",
                         "safe_fraction": res["safe_fraction"], "alpha4": matched.alpha4})
        out[scn] = rows
    return out


#: a wider box for the sensitivity check: the rgcheck scan default (both signs for the portals,
#: u, v, w; log10 ranges down to 1e-6, up to 1)
WIDE_BOX = (
    ("alpha_y", -3.0, 0.0, "+"),
    ("alpha_delta", -6.0, 0.0, "+-"),
    ("alpha_deltatilde", -6.0, 0.0, "+-"),
    ("alpha_u", -6.0, 0.0, "+-"),
    ("alpha_v", -6.0, 0.0, "+-"),
    ("alpha_w", -6.0, 0.0, "+-"),
    ("alpha_s", -6.0, 0.0, "+"),
)


def empty_message(run: DiscoveryRun) -> str:
    return f"no model survived the stage '{run.empty_stage}'"

