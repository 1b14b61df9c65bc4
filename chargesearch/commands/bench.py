"""``chargesearch bench``: time and solutions per second of the exact enumerator.

Default: the atlas problem (SM + 3 nu_R) for qmax = 1..10, then the paper preset at qmax = 60.
Counts only (nothing stored), all local cores. Options are validated like ``enumerate``'s (one
error line, exit 2), including the refusal of runs estimated beyond reach unless ``--force``.
"""

from __future__ import annotations

import argparse
import json
import time

from chargesearch.errors import InputError
from chargesearch.search import batch, enumerator
from chargesearch.search.cliopts import QMAX_LIMIT, int_option
from chargesearch.search.problem import build_problem

#: most local worker processes accepted
MAX_WORKERS = 1024


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("bench", help="benchmark the exact enumerator")
    p.add_argument("--nu-r", default="3", metavar="N",
                   help="number of right-handed neutrinos, 0..3")
    p.add_argument("--qmax", default="10", metavar="N",
                   help=f"atlas runs for qmax = 1..N, 1 <= N <= {QMAX_LIMIT}")
    p.add_argument("--paper-qmax", default="60", metavar="N",
                   help=f"paper preset bound, 0 <= N <= {QMAX_LIMIT} (0: skip)")
    p.add_argument("--workers", default=None, metavar="N",
                   help=f"local processes, 1..{MAX_WORKERS} (unset: all cores)")
    p.add_argument("--force", action="store_true", help="run even if estimated beyond reach")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.set_defaults(func=run)


def _one(preset: str, nu_r: int, qmax: int, workers: int | None) -> dict[str, float | int | str]:
    problem = build_problem(preset=preset, nu_r=nu_r, qmax=qmax)
    t0 = time.perf_counter()
    res = batch.run(problem, workers=workers, progress=False)
    dt = time.perf_counter() - t0
    return {"preset": preset, "nu_r": nu_r, "qmax": qmax, "count": res.count,
            "seconds": round(dt, 3), "solutions_per_second": round(res.count / dt, 1)}


def run(args: argparse.Namespace) -> int:
    qmax = int_option("qmax", args.qmax, 1, QMAX_LIMIT)
    paper_qmax = int_option("paper-qmax", args.paper_qmax, 0, QMAX_LIMIT)
    nu_r = int_option("nu-r", args.nu_r, 0, 3)
    workers = None if args.workers is None else int_option("workers", args.workers, 1,
                                                           MAX_WORKERS)
    jobs = [("atlas", nu_r, q) for q in range(1, qmax + 1)]
    if paper_qmax:
        jobs.append(("paper", nu_r, paper_qmax))
    if not args.force:
        for field, preset, q in (("qmax", "atlas", qmax), ("paper-qmax", "paper", paper_qmax)):
            if not q:
                continue
            fp = enumerator.plan(build_problem(preset=preset, nu_r=nu_r, qmax=q))
            est = enumerator.estimate_seconds(fp, cores=workers or 2)
            if est > enumerator.MAX_SECONDS:
                raise InputError(field, f"a bound within reach (estimated {est:.3g} s on this "
                                 f"machine > {enumerator.MAX_SECONDS:g} s); pass --force to "
                                 "run anyway", q)
    rows = []
    if not args.json:
        print(f"{'preset':<8} {'nu_R':>4} {'qmax':>4} {'count':>12} {'seconds':>9} {'sol/s':>12}")
    for preset, nu, q in jobs:
        r = _one(preset, nu, q, workers)
        rows.append(r)
        if not args.json:
            print(f"{preset:<8} {nu:>4} {q:>4} {r['count']:>12} {r['seconds']:>9.2f} "
                  f"{r['solutions_per_second']:>12,.0f}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0
