"""``chargesearch find``: one solution (z3), or "none" with the conflicting constraints.

The plain-text output is valid TOML: comment lines start with ``#`` and the solution is a list
of assignments ``F_X = 1`` / ``F_X = "1/20"``, so ``chargesearch find ... > sol.toml`` is
readable by ``chargesearch check sol.toml``. ``--json`` prints an object whose ``charges`` table
maps every search charge to its exact value (null unless a solution was found); the free charges
(e.g. F_psi, F_phi) are omitted. A solution with C9 = C10 = 0 is flagged (no b -> s mu mu
effect).

``--timeout`` is a wall-clock limit on the whole command. Exit status: 0 found, 1 no solution
(the last line names the conflict), 2 bad input, 3 timeout.
"""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from typing import Any

from chargesearch.search import wilson, z3backend
from chargesearch.search.cliopts import (
    QMAX_LIMIT,
    add_problem_options,
    free_line,
    int_option,
    problem_from,
)
from chargesearch.search.deadline import WallClockTimeout, parse_timeout, wall_clock
from chargesearch.search.problem import SearchProblem


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("find", help="find one charge assignment (z3) or explain why none")
    add_problem_options(p)
    p.add_argument("--qmax", default=None, metavar="N",
                   help=f"search integers with |F| <= N, 1 <= N <= {QMAX_LIMIT} (unset: "
                        "rationals, unbounded)")
    p.add_argument("--timeout", default="30", metavar="SECONDS",
                   help="wall-clock limit on the whole command, in seconds")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def charge_table(problem: SearchProblem, res: z3backend.FindResult) -> dict[str, Fraction]:
    """Exact values of the search charges: the canonical form if it satisfies every search
    constraint (it does for homogeneous ones), else the solver's values."""
    assert res.canonical is not None
    canon = {n: Fraction(v) for n, v in zip(problem.search_variables, res.canonical,
                                            strict=True)}
    if all(p.formula.evaluate(canon) for p in problem.search_parts):
        return canon
    return {n: res.values[n] for n in problem.search_variables}


def _toml_value(value: Fraction) -> str:
    return str(value) if value.denominator == 1 else f'"{value}"'


def run(args: argparse.Namespace) -> int:
    qmax = None if args.qmax is None else int_option("qmax", args.qmax, 1, QMAX_LIMIT)
    timeout = parse_timeout(args.timeout)
    problem = problem_from(args, qmax)
    try:
        with wall_clock(timeout) as deadline:
            res = z3backend.find(problem, timeout_s=timeout)
        if res.status == "timeout" and deadline.expired():
            res.reason = deadline.message()
    except WallClockTimeout as exc:
        res = z3backend.FindResult("timeout", reason=str(exc))
    code = {"sat": 0, "unsat": 1, "timeout": 3}[res.status]
    charges = charge_table(problem, res) if res.status == "sat" else None
    flagged = None if charges is None else wilson.wilson_zero(charges)
    if args.json:
        out: dict[str, Any] = {
            "status": res.status, "problem": problem.spec(), "domain": res.domain,
            "core": res.core, "reason": res.reason,
            "charges": None if charges is None else {k: str(v) for k, v in charges.items()},
            "c9_c10_zero": flagged,
            "canonical": dict(zip(problem.search_variables, res.canonical or (), strict=False)),
            "values": {k: str(v) for k, v in res.values.items()}}
        print(json.dumps(out, indent=1))
        return code
    print(f"# {problem.describe()}")
    if charges is not None:
        canonical = charges == dict(zip(problem.search_variables, map(Fraction, res.canonical
                                                                       or ()), strict=False))
        print(f"# found ({res.domain}); " + ("canonical form (integers, gcd 1):" if canonical
              else "solver values (the canonical rescaling breaks a constraint):"))
        for name, value in charges.items():
            print(f"{name} = {_toml_value(value)}")
        print(f"# {free_line(problem)}")
        print("# solver values: " + ", ".join(f"{k} = {v}" for k, v in res.values.items()
                                              if k in problem.all_constrained))
        if flagged:
            print(f"# {wilson.MARKER}")
    elif res.status == "unsat":
        print(f"# none: no solution over the {res.domain}; conflicting constraints:")
        for label in res.core:
            print(f"#   - {label}")
        if res.reason:
            print(f"# none: {res.reason}")
    else:
        print(f"# timeout: {res.reason}")
    return code
