"""Command-line options shared by ``find``, ``enumerate``, ``prove`` and ``bench``.

Numeric options are read as text and converted here, so that every bad value (also one beyond
Python's int-string digit limit) is one ``InputError`` line with exit status 2.
"""

from __future__ import annotations

import argparse
import re

from chargesearch.errors import InputError
from chargesearch.expressions import MAX_DEPTH, MAX_EXPONENT, MAX_LITERAL_DIGITS, MAX_TEXT_CHARS
from chargesearch.search.presets import PRESET_HELP, PRESETS
from chargesearch.search.problem import SearchProblem, build_problem, parse_names

#: largest accepted --qmax (the bit-vector encoding and the estimates stay meaningful)
QMAX_LIMIT = 10**6

WHERE_HELP = ("user constraint, repeatable: 'F_E2 = 0', '3*F_L2 = -F_E3', 'F_L2 != 0', "
              "'C10/C9 = -1/3'. C9, C10 are known only up to a positive factor: only ratios "
              "and signs of them are accepted (e.g. 'C9 < 0'), not values such as 'C9 = -0.83'."
              f" Limits: {MAX_TEXT_CHARS} characters, {MAX_LITERAL_DIGITS}-digit numbers, "
              f"exponents <= {MAX_EXPONENT}, nesting <= {MAX_DEPTH}")


def add_problem_options(p: argparse.ArgumentParser, *, default_nu_r: int = 3) -> None:
    names = ", ".join(f"{k} ({v})" for k, v in PRESET_HELP.items())
    p.add_argument("--preset", choices=sorted(PRESETS), help=f"constraint preset: {names}")
    p.add_argument("--constraints", default="",
                   help="comma-separated catalogue constraints (anomaly is always included "
                        "unless a preset is given), e.g. kaon,electron,quark-yukawa")
    p.add_argument("--where", action="append", default=[], metavar="RELATION", help=WHERE_HELP)
    p.add_argument("--nu-r", default=str(default_nu_r), metavar="N",
                   help="number of right-handed neutrinos, 0..3")


def int_option(field: str, value: object, low: int, high: int) -> int:
    """``value`` (text or int) as an integer in ``low..high``, else :class:`InputError`."""
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d{1,30}", text) or not low <= int(text) <= high:
        shown = text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"
        raise InputError(field, f"an integer {low}..{high}", shown)
    return int(text)


def problem_from(args: argparse.Namespace, qmax: int | None = None) -> SearchProblem:
    return build_problem(preset=args.preset, constraints=parse_names(args.constraints),
                         user=args.where, nu_r=int_option("nu-r", args.nu_r, 0, 3), qmax=qmax)


def free_line(problem: SearchProblem) -> str:
    free = ", ".join(problem.free_variables) or "none"
    excl = "; ".join(problem.free_exclusions)
    return f"free charges (not enumerated): {free}" + (f" -- subject to: {excl}" if excl else "")
