"""``rgcheck run``: run one charge set from mu0 to the Planck scale and print the verdict.

``rgcheck run --bm BM1`` runs the paper's sample point of BM1 (SPEC section 6, Fig. 4);
``rgcheck run --charges FILE --mu0 5 --set alpha_4=0.0187,alpha_y=10^-0.5,...`` any model
(alpha_4 and the seven alphas of (48) are needed; eta defaults to 0 as in the paper).
Exit 0 if Planck-safe, 1 if not (the last line names the failure), 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import cast

from rgcheck.commands.common import add_charge_source, charges_from_args, fail
from rgcheck.couplings import ALPHA_NAMES
from rgcheck.errors import RGInputError
from rgcheck.parsing import parse_assignments, parse_real
from rgcheck.running import M_PLANCK_GEV, RunConfig, RunResult
from rgcheck.verdicts import FailedCondition, Verdict


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "run",
        help="run the couplings to the Planck scale and judge Planck safety",
        description="Run one charge set from mu0 to the Planck scale and print the verdict.",
    )
    add_charge_source(parser)
    parser.add_argument("--mu0", help="matching scale in TeV (default: the benchmark's, (47))")
    parser.add_argument(
        "--set", dest="assign", help="alphas at mu0, e.g. alpha_y=10^-0.5,alpha_delta=10^-2.5"
    )
    parser.add_argument("--mu-end", default=f"{M_PLANCK_GEV:g}", help="end scale in GeV")
    parser.add_argument("--loops", type=int, default=2, choices=(1, 2), help="loop order")
    add_run_options(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument("--plot", help="write the trajectory plot (PNG/PDF) to this file")
    parser.set_defaults(func=run)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options of RunConfig and the SM inputs (shared with ``scan``)."""
    d = RunConfig()
    parser.add_argument(
        "--sm", default="auto", choices=("auto", "table4", "running"),
        help="SM inputs: table4 (Table 4, at 3 and 5 TeV only), running (SM running from "
             "M_t) or auto (table4 where it applies, else running)",
    )
    parser.add_argument("--pole-alpha", default=f"{d.pole_alpha:g}",
                        help="pole criterion: a pole where some alpha exceeds this")
    parser.add_argument("--checks", default=str(d.n_checks),
                        help="number of log-equidistant check scales (>= 2)")
    parser.add_argument("--rtol", default=f"{d.rtol:g}", help="relative tolerance per step")


def positive_real(text: str, field: str) -> float:
    """A finite number > 0 parsed from ``text`` (forms of :func:`rgcheck.parsing.parse_real`)."""
    value = parse_real(text, field)
    if not value > 0:
        raise RGInputError(field, "a positive finite number", text)
    return value


def run_config(args: argparse.Namespace, store: bool) -> RunConfig:
    """RunConfig of --rtol, --pole-alpha and --checks, each checked under its option name."""
    checks = parse_real(args.checks, "--checks")
    if checks != int(checks) or checks < 2:
        raise RGInputError("--checks", "an integer >= 2", args.checks)
    return RunConfig(
        rtol=positive_real(args.rtol, "--rtol"),
        pole_alpha=positive_real(args.pole_alpha, "--pole-alpha"),
        n_checks=int(checks),
        store_trajectory=store,
    )


def point_from_args(args: argparse.Namespace) -> tuple[float, dict[str, float]]:
    """(mu0 in GeV, alphas) from --bm's sample point, --mu0 and --set."""
    from rgcheck.benchmarks import sample_point

    mu0_gev, given = (sample_point(args.bm) if args.bm is not None else (math.nan, {}))
    if args.mu0 is not None:
        mu0_gev = 1e3 * positive_real(args.mu0, "--mu0")
    if math.isnan(mu0_gev):
        raise RGInputError("--mu0", "the matching scale in TeV (needed with --charges)")
    if args.assign is not None:
        given.update(parse_assignments(args.assign, "--set", ALPHA_NAMES))
    return mu0_gev, given


def check_square_roots(alphas: dict[str, float]) -> None:
    """(13) takes sqrt(lambda), sqrt(s), sqrt(Delta) at mu0: they must not be negative."""
    for name in ("alpha_lambda", "alpha_s"):
        if alphas.get(name, 0.0) < 0:
            raise RGInputError(f"--set {name}", "a value >= 0 (its square root enters (13))",
                               float(alphas[name]))
    u, v = alphas.get("alpha_u", 0.0), alphas.get("alpha_v", 0.0)
    delta = u / 3 + v if u >= 0 else u + v
    if delta < 0:
        raise RGInputError("--set alpha_u/alpha_v", "Delta of (14) >= 0 at mu0 (sqrt(Delta) "
                           "enters (13))", (u, v))


def _scalar(res: RunResult) -> tuple[Verdict, FailedCondition, float | None]:
    """Verdict, failed condition and failure scale of a single-trajectory run."""
    scale = res.failure_scale_gev
    return (cast(Verdict, res.verdict), cast(FailedCondition, res.failed_condition),
            None if scale is None else float(scale))


def result_json(res: RunResult, charges: dict, mu0_gev: float, given: dict) -> dict:
    verdict, condition, scale = _scalar(res)
    return {
        "verdict": verdict.value,
        "planck_safe": bool(res.planck_safe),
        "failure_scale_gev": scale,
        "failed_condition": condition.value,
        "mu0_gev": mu0_gev,
        "mu_end_gev": float(res.mu_end_gev),
        "end_scale_gev": float(res.end_scale_gev),
        "final": {k: float(v) for k, v in res.final.items()},
        "final_alphas": {k: float(v) for k, v in res.final_alphas().items()},
        "initial_alphas": given,
        "charges": {k: str(v) for k, v in charges.items()},
        "steps": int(res.steps),
        "vacuum_transitions": int(res.vacuum_transitions),
        "config": {"pole_alpha": res.config.pole_alpha, "n_checks": res.config.n_checks,
                   "rtol": res.config.rtol, "atol": res.config.atol},
    }


def describe_failure(res: RunResult) -> str:
    verdict, condition, scale = _scalar(res)
    where = f" at {scale / 1e3:.3g} TeV" if scale is not None else ""
    return f"not Planck-safe: {verdict.value}{where} ({condition.value})"


def run(args: argparse.Namespace) -> int:
    from rgcheck.running import initial_couplings
    from rgcheck.running import run as run_rg
    from rgcheck.sm_inputs import sm_alphas

    charges = charges_from_args(args)
    mu0_gev, given = point_from_args(args)
    mu_end = positive_real(args.mu_end, "--mu-end")
    if not mu0_gev < mu_end:
        raise RGInputError("--mu0", f"a scale below the end scale {mu_end:g} GeV (in TeV)",
                           args.mu0)
    config = run_config(args, store=args.plot is not None)
    alphas = {**sm_alphas(mu0_gev, args.sm), **given}
    check_square_roots(alphas)
    initial = initial_couplings(mu0_gev, alphas, sm=args.sm)
    res = run_rg(charges, initial, mu0_gev, mu_end, loops=args.loops, config=config)
    if args.plot:
        from rgcheck.plots import plot_trajectory

        plot_trajectory(res, args.plot, title=args.bm or args.charges)
    if args.json:
        json.dump(result_json(res, charges, mu0_gev, alphas), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(res, mu0_gev))
    return 0 if res.planck_safe else fail(describe_failure(res))


def render_text(res: RunResult, mu0_gev: float) -> str:
    verdict, condition, scale = _scalar(res)
    lines = [
        f"mu0 = {mu0_gev / 1e3:g} TeV -> {float(res.mu_end_gev):.3g} GeV, {res.steps} steps, "
        f"{res.config.n_checks} checks",
        f"verdict: {verdict.value} ({verdict.description})",
    ]
    if scale is not None:
        lines.append(f"failure: {condition.value} at {scale:.3g} GeV")
    if res.vacuum_transitions:
        lines.append(f"vacuum transitions V+ <-> V-: {res.vacuum_transitions}")
    lines.append(f"couplings at {float(res.end_scale_gev):.3g} GeV:")
    lines += [f"  {k:18s} {v: .4e}" for k, v in res.final_alphas().items()]
    return "\n".join(lines) + "\n"
