"""``chargesearch today``: BM1-BM4 (and discovered models) judged against today's data.

Writes ``report.md``, ``today.json`` and ``rk_vs_knunu.png`` into ``--out``: each model's 2021
judgement (the Table 2 fit it was matched to) beside its predictions for R_K, R_K* (LHCb 2022),
B(B+ -> K+ nu nu) (Belle II 2023) and Delta M_s, with pulls (:mod:`chargesearch.today`).
Exit status: 0 written, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from chargesearch.benchmarks import all_benchmarks
from chargesearch.charges import ChargeAssignment
from chargesearch.errors import InputError
from chargesearch.filereaders import load_document
from chargesearch.measurements import measurement
from chargesearch.scenarios import scenario
from chargesearch.summary import ModelSummary, summarise
from chargesearch.today import Standing, TodayJudgement, judge_sm, judge_today, render_table

REPORT = "report.md"
JSON = "today.json"
PLOT = "rk_vs_knunu.png"
FLAVIO_INTRO = " ".join("""
Pull per observable group at the model's 2021 coupling, sign * sqrt|chi2_SM - chi2| (> 0: the
model fits better than the SM). The groups are uncorrelated with each other; flavio 2.7 has no
Belle II 2023 B -> K nu nu measurement. The b -> s mu mu rates and angular data still prefer
C9^mu < 0 while R_K(*) penalise the missing electron coupling: a lepton-universal C9 would keep
the first without the second.
""".split())
INTRO = " ".join("""
The paper matched alpha4 to the 2021 global fits (Table 2; R_K = 0.846 then). Since LHCb's
December 2022 analysis R_K(1.1-6) = {rk} and R_K* are compatible with 1, and Belle II measured
B(B+ -> K+ nu nu) = {knunu:.2g} (2023), above the SM. Each model keeps its 2021 coupling; the
columns show its prediction and the pull against today's measurement (one-dimensional Gaussian,
the measurement's uncertainty on the side facing the prediction, no correlations). R_K and R_K*
are leading order in the new physics (Hiller-Schmaltz, ref. [99]); B -> K nu nu is (59) times the
SM prediction of Buras et al. 2014 (its 12% uncertainty included); Delta M_s is (97) times the SM
prediction of DiLuzio-Kirk-Lenz-Rauh 2019 against the PDG average. Sources: docs/today-data.md.
""".split())


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "today",
        help="judge BM1-BM4 and discovered models against today's data",
        description="Compare the paper's benchmarks (and the best discovered model of each "
        "scenario) with LHCb 2022 R_K, R_K*, Belle II 2023 B+ -> K+ nu nu and Delta M_s, beside "
        "the paper's 2021 judgement; write a Markdown report, JSON and a plot.",
    )
    parser.add_argument("--out", default="results/today", help="output folder")
    parser.add_argument("--likelihood", choices=("flavio",), default=None,
                        help="add the flavio chi2 pull of each observable group (optional "
                        "extra flavio; about a minute once the covariances are cached)")
    parser.add_argument("--discoveries", default=None,
                        help="discoveries.json of a `chargesearch discover` run: add the best "
                        "model of each scenario")
    parser.set_defaults(func=run)


def _discovered(path: str) -> list[tuple[str, ChargeAssignment, str, float]]:
    data = load_document(path, "--discoveries")
    if not isinstance(data, list):
        raise InputError("--discoveries", "the discoveries.json list of a discover run")
    best: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(data):
        if not isinstance(row, dict) or not {"scenario", "charges", "mu0_tev"} <= set(row):
            raise InputError(f"--discoveries[{i}]", "a model with scenario, charges, mu0_tev")
        if row.get("benchmark") or row["scenario"] in best:
            continue
        best[row["scenario"]] = row
    return [(f"new {name} (rank {row.get('rank', '?')})",
             ChargeAssignment.from_mapping(row["charges"]), name, float(row["mu0_tev"]))
            for name, row in best.items()]


def matched_models(discoveries: str | None = None) -> list[tuple[str, ModelSummary]]:
    """BM1-BM4 at their Table 3 scenario and mu0, then the discovered models, each matched
    once (the 2021 coupling)."""
    models = [(bm.name, bm.charges, bm.scenario, bm.mu0_TeV) for bm in all_benchmarks()]
    if discoveries is not None:
        models += _discovered(discoveries)
    return [(name, summarise(charges, scenario(scn), mu0)) for name, charges, scn, mu0 in models]


def judgements(discoveries: str | None = None,
               models: list[tuple[str, ModelSummary]] | None = None) -> list[TodayJudgement]:
    """The SM row, then every model of :func:`matched_models` judged against today's data."""
    models = matched_models(discoveries) if models is None else models
    return [judge_sm(models[0][1]), *(judge_today(s, name) for name, s in models)]


def flavio_pulls(models: list[tuple[str, ModelSummary]]) -> dict[str, dict[str, float]]:
    """flavio pull per observable group (sign * sqrt|chi2_SM - chi2|) of every model at its
    2021 coupling; the SM row is zero by definition."""
    from chargesearch.wet import model_chi2

    return {name: {g: r.pull for g, r in model_chi2(s.charges, s.match.g4, s.mass_TeV).items()}
            for name, s in models}


def render_flavio(pulls: dict[str, dict[str, float]]) -> list[str]:
    """Markdown table of the flavio pulls."""
    groups = list(next(iter(pulls.values())))
    head = "| model | " + " | ".join(groups) + " | total |"
    lines = ["## flavio likelihood (optional extra)", "",
             FLAVIO_INTRO, "",
             head, "|" + "---|" * (head.count("|") - 1)]
    for name, row in pulls.items():
        total = sum(p * abs(p) for p in row.values())
        total_pull = (abs(total) ** 0.5) * (1 if total >= 0 else -1)
        lines.append(f"| {name} | " + " | ".join(f"{row[g]:+.1f}" for g in groups)
                     + f" | {total_pull:+.1f} |")
    return [*lines, ""]


def render(judged: list[TodayJudgement], flavio: dict[str, dict[str, float]] | None = None
           ) -> str:
    """The Markdown page."""
    rk = measurement("RK_central_LHCb2022")
    knunu = measurement("BR_BtoKnunu_BelleII2023")
    lines = [
        "# The paper's models against today's data",
        "",
        "Regenerate with `chargesearch today --out results/today --discoveries "
        "results/discoveries/discoveries.json --likelihood flavio`.",
        "",
        INTRO.format(rk=rk.value, knunu=knunu.value),
        "",
        *render_table(judged),
        "",
        "## Verdict",
        "",
    ]
    for j in judged:
        why = "; ".join(j.reasons()) or "every comparison within 2 sigma"
        lines.append(f"- **{j.name}**: {j.standing.value} ({why}).")
    disfavoured = [j.name for j in judged if j.standing is Standing.DISFAVOURED]
    lines += [
        "",
        f"Disfavoured by today's data (some |pull| >= 3): {', '.join(disfavoured) or 'none'}.",
        "",
        "All four benchmarks were built to give C9^mu ~ -0.8 with no electron coupling (8), "
        "hence R_K ~ 0.8: LHCb 2022 disfavours that by about 3 sigma in both R_K and R_K*. "
        "Their B -> K nu nu rates stay within 8% of the SM, so they share the SM's tension with "
        "Belle II rather than cause it; Delta M_s stays within the SM uncertainty. A model for "
        "today's data needs a lepton-universal C9 (electron couplings, constraint (8) off) or "
        "a much smaller C9^mu.",
        "",
        f"![R_K against B(B+ -> K+ nu nu)]({PLOT})",
        "",
    ]
    if flavio is not None:
        lines += render_flavio(flavio)
    return "\n".join(lines)


def plot(judged: list[TodayJudgement], path: Path) -> None:
    """R_K against B(B+ -> K+ nu nu) with the measurements' 1 sigma bands."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rk = measurement("RK_central_LHCb2022")
    knunu = measurement("BR_BtoKnunu_BelleII2023")
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.axvspan(rk.value - rk.sigma_minus, rk.value + rk.sigma_plus, color="C0", alpha=0.2,
               label="LHCb 2022 R_K (1 sigma)")
    ax.axhspan(1e6 * (knunu.value - knunu.sigma_minus), 1e6 * (knunu.value + knunu.sigma_plus),
               color="C1", alpha=0.2, label="Belle II 2023 (1 sigma)")
    for j in judged:
        c = {x.key: x.predicted for x in j.comparisons}
        ax.plot(c["R_K"], 1e6 * c["BR_BpKnunu"], "o")
        ax.annotate(j.name, (c["R_K"], 1e6 * c["BR_BpKnunu"]), textcoords="offset points",
                    xytext=(4, 4), fontsize=8)
    ax.set_xlabel("R_K (1.1-6 GeV^2)")
    ax.set_ylabel("B(B+ -> K+ nu nu) x 1e6")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def run(args: argparse.Namespace) -> int:
    from chunkrunner import check_out_dir
    from chunkrunner.storage import atomic_write_bytes

    out = check_out_dir(args.out, "--out")
    models = matched_models(args.discoveries)
    judged = judgements(models=models)
    flavio = flavio_pulls(models) if args.likelihood else None
    out.mkdir(exist_ok=True)
    data = [{**j.as_dict(), "flavio_pulls": (flavio or {}).get(j.name)} for j in judged]
    atomic_write_bytes(out / JSON, json.dumps(data, indent=1).encode())
    atomic_write_bytes(out / REPORT, render(judged, flavio).encode())
    plot(judged, out / PLOT)
    print("\n".join(render_table(judged)))
    print(f"wrote {out / REPORT}, {out / JSON}, {out / PLOT}")
    return 0
