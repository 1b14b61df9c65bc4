"""``chargesearch find``: one solution (z3), or "none" with the conflicting constraints.

Exit status: 0 found, 1 no solution (unsat core printed), 3 solver timeout, 2 bad input.
"""

from __future__ import annotations

import argparse
import json

from chargesearch.search import z3backend
from chargesearch.search.cliopts import add_problem_options, free_line, problem_from


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("find", help="find one charge assignment (z3) or explain why none")
    add_problem_options(p)
    p.add_argument("--qmax", type=int, default=None,
                   help="search integers with |F| <= QMAX (default: rationals, unbounded)")
    p.add_argument("--timeout", type=float, default=30.0, help="solver timeout in seconds")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problem = problem_from(args, args.qmax)
    res = z3backend.find(problem, timeout_s=args.timeout)
    code = {"sat": 0, "unsat": 1, "timeout": 3}[res.status]
    if args.json:
        out = {"status": res.status, "problem": problem.spec(), "domain": res.domain,
               "core": res.core, "reason": res.reason,
               "canonical": dict(zip(problem.search_variables, res.canonical or (), strict=False)),
               "values": {k: str(v) for k, v in res.values.items()}}
        print(json.dumps(out, indent=1))
        return code
    print(f"# {problem.describe()}")
    if res.status == "sat":
        print(f"found ({res.domain}); canonical form (integers, gcd 1):")
        assert res.canonical is not None
        for name, value in zip(problem.search_variables, res.canonical, strict=False):
            print(f"  {name} = {value}")
        print(free_line(problem))
        print("solver values: " + ", ".join(f"{k} = {v}" for k, v in res.values.items()
                                            if k in problem.all_constrained))
    elif res.status == "unsat":
        print(f"none: no solution over the {res.domain}; conflicting constraints:")
        for label in res.core:
            print(f"  - {label}")
    else:
        print(f"timeout: {res.reason}")
    return code
