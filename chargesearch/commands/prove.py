"""``chargesearch prove``: PROVED with a certificate or REFUTED with a counterexample.

Hypotheses: the anomaly conditions (15) (unless a preset is given) plus the listed constraints;
over the rationals, no bounds. ``--timeout`` is a wall-clock limit on the whole command. Exit
status 0 PROVED, 1 REFUTED, 3 undecided (timeout), 2 bad input.
"""

from __future__ import annotations

import argparse
import json

from chargesearch.search import proofs
from chargesearch.search.cliopts import add_problem_options, problem_from
from chargesearch.search.deadline import WallClockTimeout, parse_timeout, wall_clock


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("prove", help="prove or refute a claim over the rationals")
    add_problem_options(p)
    p.add_argument("--claim", required=True, metavar="RELATION",
                   help="relation(s) to prove, e.g. 'F_H = 0 and (F_E2 = F_L2 or F_E2 = -F_L2)'"
                        " (same syntax and limits as --where)")
    p.add_argument("--method", choices=("auto", "z3", "groebner"), default="auto",
                   help="certificate: z3 nlsat, exact Groebner elimination, or both (auto)")
    p.add_argument("--timeout", default="60", metavar="SECONDS",
                   help="wall-clock limit on the whole command, in seconds")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    timeout = parse_timeout(args.timeout)
    problem = problem_from(args)
    try:
        with wall_clock(timeout) as deadline:
            res = proofs.prove(problem, args.claim, timeout_s=timeout, method=args.method,
                               deadline=deadline)
    except WallClockTimeout as exc:
        res = proofs.ProofResult("UNKNOWN", args.claim, notes=[str(exc)])
    code = {"PROVED": 0, "REFUTED": 1, "UNKNOWN": 3}[res.status]
    if args.json:
        print(json.dumps({"status": res.status, "claim": res.claim, "problem": problem.spec(),
                          "certificates": res.certificates, "core": res.core,
                          "counterexample": res.counterexample,
                          "counterexample_exact": res.counterexample_exact,
                          "example": list(res.example) if res.example else None,
                          "notes": res.notes}, indent=1))
        return code
    print(f"# hypotheses: {problem.describe()}")
    print(f"{res.status}: {res.claim}")
    for line in res.certificates:
        print(f"  certificate: {line}" if not line.startswith("  ") else f"  {line}")
    if res.status == "PROVED":
        print("  assumptions: none beyond the hypotheses -- the claim holds for every rational "
              "solution, the zero assignment included (no non-triviality assumed)")
        if res.example is not None:
            pairs = zip(problem.search_variables, res.example, strict=False)
            ex = ", ".join(f"{n}={v}" for n, v in pairs if v)
            print(f"  non-vacuous: the hypotheses have non-trivial solutions, e.g. {ex}")
    if res.status == "REFUTED":
        kind = "exact" if res.counterexample_exact else "real, irrational (decimals)"
        print(f"  counterexample ({kind}): "
              + ", ".join(f"{k} = {v}" for k, v in res.counterexample.items()))
    for note in res.notes:
        print(f"  note: {note}")
    return code
