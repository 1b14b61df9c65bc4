"""Command-line options shared by ``find``, ``enumerate`` and ``prove``."""

from __future__ import annotations

import argparse

from chargesearch.search.presets import PRESET_HELP, PRESETS
from chargesearch.search.problem import SearchProblem, build_problem, parse_names


def add_problem_options(p: argparse.ArgumentParser, *, default_nu_r: int = 3) -> None:
    names = ", ".join(f"{k} ({v})" for k, v in PRESET_HELP.items())
    p.add_argument("--preset", choices=sorted(PRESETS), help=f"constraint preset: {names}")
    p.add_argument("--constraints", default="",
                   help="comma-separated catalogue constraints (anomaly is always included "
                        "unless a preset is given), e.g. kaon,electron,quark-yukawa")
    p.add_argument("--where", action="append", default=[], metavar="RELATION",
                   help="user constraint, repeatable: 'F_E2 = 0', '3*F_L2 = -F_E3', "
                        "'F_L2 != 0', 'C10/C9 = -1/3'")
    p.add_argument("--nu-r", type=int, default=default_nu_r, choices=range(4),
                   help=f"number of right-handed neutrinos (default {default_nu_r})")


def problem_from(args: argparse.Namespace, qmax: int | None = None) -> SearchProblem:
    return build_problem(preset=args.preset, constraints=parse_names(args.constraints),
                         user=args.where, nu_r=args.nu_r, qmax=qmax)


def free_line(problem: SearchProblem) -> str:
    free = ", ".join(problem.free_variables) or "none"
    excl = "; ".join(problem.free_exclusions)
    return f"free charges (not enumerated): {free}" + (f" -- subject to: {excl}" if excl else "")
