"""``chargesearch check FILE``: judge one charge set against every selected constraint and bound.

Prints the six anomaly sums (15), each catalogue constraint's verdict, the allowed Yukawa
textures (16) and, when the Wilson-sign pattern (40) holds, alpha4 matched to a fit scenario with
every registered observable (:mod:`chargesearch.observables`) next to today's measurement.

Exit status: 0 the charge set passes every selected constraint, the matching and the bounds
(``chargesearch.observables.BOUNDS``: r_Bs <= 1 (41), Gamma/M <= 1); 1 it fails (the last line
names the first failure); 2 bad input. Observables of a charge set that fails a constraint are
printed under an EXCLUDED heading.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from chargesearch.anomaly import anomaly_sums
from chargesearch.chargefile import ChargeFile, read_charge_file
from chargesearch.constants import constant
from chargesearch.constraints import PAPER_CONSTRAINTS, Verdict, catalogue, select
from chargesearch.errors import InputError, NoFitError
from chargesearch.matching import MATCH_MODES
from chargesearch.observables import BOUNDS, OBSERVABLES
from chargesearch.scenarios import scenario
from chargesearch.summary import ModelSummary, summarise
from chargesearch.today import compare
from chargesearch.yukawa import allowed_textures, format_textures

#: what the matching pull sqrt(chi2_SM - chi2) is, per matching mode
PULL_KIND = {
    "paper": "uncorrelated Gaussian approximation of the scenario's fit",
    "chi2": "uncorrelated Gaussian approximation of the scenario's fit",
    "likelihood": "flavio likelihood of today's data, groups uncorrelated",
}
#: M_Z' must lie between the b mass and the Planck mass (TeV)
MASS_RANGE_TEV = (4.18e-3, 1.22e16)


def _number_in(low: float, high: float, what: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what} (got {text!r})") from None
        if not (math.isfinite(value) and low < value <= high):
            raise argparse.ArgumentTypeError(f"expected {what} (got {text!r})")
        return value

    return parse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="judge one charge file: constraints, matching, observables, bounds",
        description=(
            "Print the six anomaly sums (15), every catalogue constraint's verdict, the allowed "
            "Yukawa textures (16) and, if the Wilson-sign pattern (40) holds, alpha4 matched to "
            "a fit scenario with every registered observable beside today's measurement. "
            "Exit 0 if the charge set passes every selected constraint and the bounds r_Bs <= 1 "
            "and Gamma/M <= 1, 1 if it fails (the last line names the first failure)."
        ),
    )
    parser.add_argument(
        "file",
        help="charge file (.toml/.txt, .yaml, .json), find --json output, a Parquet part or an "
        "enumerate --out folder",
    )
    parser.add_argument("--row", type=int, default=None,
                        help="row of a Parquet part or enumerate folder (default 0)")
    parser.add_argument("--scenario", default="C9",
                        help="fit scenario (built-in: C9, C9=-C10, C9,C10, 4d)")
    parser.add_argument("--scenarios-file", default=None,
                        help="YAML file with fit scenarios of the same shape as the built-in one")
    parser.add_argument("--mode", default="paper", choices=MATCH_MODES,
                        help="matching mode: paper (central value of the match coordinate), "
                        "chi2 (uncorrelated Gaussian fit along the model's ray) or likelihood "
                        "(flavio likelihood of today's data along the ray; flavio extra)")
    low, high = MASS_RANGE_TEV
    parser.add_argument("--mass", type=_number_in(low, high, f"M_Z' in TeV in ({low}, {high:g}]"),
                        default=5.0, help="M_Z' = mu0 in TeV")
    parser.add_argument("--constraints", default=None,
                        help="comma-separated catalogue names that decide the verdict (default: "
                        "the paper's constraints and the Wilson-sign pattern (40); all catalogue "
                        "constraints are printed)")
    parser.add_argument("--right-handed", action="store_true",
                        help="Appendix C option: g_bs^R = g_bs^L / X_s (C' = C / X_s)")
    parser.add_argument("--sqrt-s", type=_number_in(0.0, 1e16, "a positive energy in TeV"),
                        default=3.0, help="muon-collider energy in TeV (69)")
    parser.add_argument("--with-masses", action="store_true",
                        help="SM masses in the Z' widths (60), (61)")
    parser.add_argument("--likelihood", choices=("flavio",), default=None,
                        help="also print chi2 and pull per observable group of today's data at "
                        "the matched point (optional extra: pip install -e '.[flavio]')")
    parser.add_argument("--groups", default=None,
                        help="comma-separated likelihood groups (default: all of "
                        "b->smumu, b->see, RK(*), Bs->mumu, DeltaMs, B->Knunu)")
    parser.add_argument("--wcxf", default=None, metavar="OUT.yaml",
                        help="write the matched model's Wilson coefficients as a WCxf file "
                        "(WET, flavio basis) that wilson, flavio, smelli and EOS read")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def _constraint_names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise InputError("--constraints",
                         "comma-separated catalogue names (omit the option for the default)", text)
    return names


def _failures(
    verdicts: list[Verdict], summary: ModelSummary | None, no_fit: str | None
) -> list[str]:
    """Every failure in report order: constraints, matching, bounds."""
    out = [f"{v.name} {v.equation}: {v.reasons()}" for v in verdicts if not v.satisfied]
    if no_fit is not None:
        out.append(f"no match: {no_fit}")
    if summary is not None:
        for b in BOUNDS:
            value = summary.observables[b.key]
            if not value <= b.limit:
                out.append(f"{b.key} = {value:.3g} > {b.limit:g}: {b.reason}")
    return out


def _compare(key: str, value: Any) -> str:
    """'   [RK_central_LHCb2022: 0.949 0.047, pull -3.2]' for observables with a measurement
    (the pull of :func:`chargesearch.today.compare`)."""
    c = compare(key, value) if isinstance(value, float) else None
    if c is None:
        return ""
    m = c.measured
    err = f"{m.sigma:.2g}" if m.symmetric else f"+{m.sigma_plus:.2g}/-{m.sigma_minus:.2g}"
    return f"   [{m.key}: {m.value:.3g} {err}, pull {c.pull:+.1f}]"


def _format_value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {v:.3g}" for k, v in value.items())
    return f"{value:.4g}"


def _likelihood(args: argparse.Namespace, summary: ModelSummary) -> dict[str, Any]:
    """chi2, chi2_SM and pull per flavio observable group at the matched point."""
    from chargesearch.wet import model_chi2

    groups = None if args.groups is None else [g for g in args.groups.split(",") if g]
    results = model_chi2(summary.charges, summary.match.g4, summary.mass_TeV, groups,
                         summary.point.rh_ratio)
    return {g: r._asdict() for g, r in results.items()}


@dataclass(frozen=True)
class CheckReport:
    """Everything ``check`` found for one charge set, ready to print."""

    read: ChargeFile
    sums: dict[str, Fraction]
    verdicts: list[Verdict]
    selected: set[str]
    textures: dict[str, list[list[bool]]]
    summary: ModelSummary | None
    no_fit: str | None
    likelihood: dict[str, Any] | None

    @property
    def judged(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.name in self.selected]

    @property
    def excluded(self) -> bool:
        return any(not v.satisfied for v in self.judged)

    @property
    def failures(self) -> list[str]:
        return _failures(self.judged, self.summary, self.no_fit)


def _judge(args: argparse.Namespace) -> CheckReport:
    scn = scenario(args.scenario, args.scenarios_file)
    read = read_charge_file(args.file, args.row)
    charges = read.charges
    names = _constraint_names(args.constraints)
    known = catalogue(charges.nu_r)
    selected = {c.name for c in select(names or [*PAPER_CONSTRAINTS, "wilson-sign"],
                                       charges.nu_r)}
    verdicts = [c.check(charges) for c in known.values()]
    summary: ModelSummary | None = None
    no_fit: str | None = None
    if next(v for v in verdicts if v.name == "wilson-sign").satisfied:
        try:
            rh_ratio = 1.0 / constant("X_s") if args.right_handed else 0.0
            summary = summarise(charges, scn, args.mass, args.mode, rh_ratio,
                                1000.0 * args.sqrt_s, with_masses=args.with_masses)
        except NoFitError as exc:
            no_fit = str(exc)
    else:
        no_fit = "the Wilson-sign pattern (40) -C9 >= C10 >= 0 is violated"
    likelihood = None
    if summary is not None and args.likelihood is not None:
        likelihood = _likelihood(args, summary)
    return CheckReport(read, anomaly_sums(charges), verdicts, selected, allowed_textures(charges),
                       summary, no_fit, likelihood)


def run(args: argparse.Namespace) -> int:
    wcxf = None
    if args.wcxf is not None:
        from chargesearch.wet import check_wcxf_path

        wcxf = check_wcxf_path(args.wcxf, "--wcxf")
    if args.groups is not None and args.likelihood is None:
        raise InputError("--groups", "--likelihood flavio as well", args.groups)
    report = _judge(args)
    if wcxf is not None and report.summary is not None:
        from chargesearch.wet import write_wcxf

        s = report.summary
        write_wcxf(wcxf, s.charges, s.match.g4, s.mass_TeV, s.point.rh_ratio)
    if args.json:
        json.dump(_as_json(report, args), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _write_text(report, args)
        if wcxf is not None:
            sys.stdout.write(f"\nwrote {wcxf} (WCxf, WET flavio basis)\n"
                             if report.summary is not None
                             else "\nno WCxf written: no matched g4\n")
    failures = report.failures
    if failures:
        sys.stdout.flush()
        sys.stderr.write(f"FAIL: {failures[0]}\n")
        return 1
    return 0


def _as_json(r: CheckReport, args: argparse.Namespace) -> dict[str, Any]:
    matched = None
    if r.summary is not None:
        m = r.summary.match
        matched = {"scenario": m.scenario, "mode": args.mode, "mu0_TeV": args.mass,
                   "alpha4": m.alpha4, "g4": m.g4, "pull_uncorrelated": m.pull, "chi2": m.chi2,
                   **r.summary.observables}
    failures = r.failures
    return {
        "verdict": "fail" if failures else "pass",
        "failures": failures,
        "excluded": r.excluded,
        "charges": {k: str(v) for k, v in r.read.charges.items()},
        "completed_defaults": {k: {"value": str(v), "reason": why}
                               for k, (v, why) in r.read.completed.items()},
        "anomaly_sums": {k: str(v) for k, v in r.sums.items()},
        "constraints": [
            {"name": v.name, "equation": v.equation, "satisfied": v.satisfied,
             "selected": v.name in r.selected, "violations": list(v.violations)}
            for v in r.verdicts
        ],
        "yukawa_textures": r.textures,
        "matching": matched,
        "matching_error": r.no_fit,
        "likelihood": r.likelihood,
    }


def _write_text(r: CheckReport, args: argparse.Namespace) -> None:
    w = sys.stdout.write
    if r.read.completed:
        w(f"{r.read.note()}\n")
    w(f"{r.read.charges.table()}\n\nAnomaly sums (15):\n")
    for name, value in r.sums.items():
        w(f"  {name:<15} {value}\n")
    w("\nConstraints (* decides the verdict):\n")
    for v in r.verdicts:
        w(f"  {'*' if v.name in r.selected else ' '} {v}\n")
    w(f"\nAllowed Yukawa textures (16) (rows i = Q/L generation, columns j):\n"
      f"{format_textures(r.textures)}\n")
    if r.summary is None:
        w(f"\nNo matching: {r.no_fit}\n")
        return
    if r.excluded:
        w("\nEXCLUDED: the charge set fails a selected constraint above; observables below are "
          "for information only\n")
    m = r.summary.match
    w(f"\nMatched to {m.scenario} ({args.mode} mode) at M_Z' = {args.mass:g} TeV:\n"
      f"  alpha4 = {m.alpha4:.4g}  g4 = {m.g4:.4g}  pull = {m.pull:.2f} sigma "
      f"({PULL_KIND[m.mode]})\n")
    for key, obs in OBSERVABLES.items():
        value = r.summary.observables[key]
        if value == 0 and (key.endswith(("_e", "_tau")) or key in ("C9p", "C10p")):
            continue
        unit = f" {obs.unit}" if obs.unit else ""
        w(f"  {obs.label:<28} {_format_value(value)}{unit}  ({obs.source})"
          f"{_compare(key, value)}\n")
    if r.likelihood is not None:
        w("\nflavio likelihood of today's data at the matched point (pull = sign * "
          "sqrt|chi2_SM - chi2|, > 0 when the model beats the SM):\n")
        for group, g in r.likelihood.items():
            w(f"  {group:<10} chi2 = {g['chi2']:8.2f}  chi2_SM = {g['chi2_sm']:8.2f}  "
              f"pull = {g['pull']:+.2f}\n")
