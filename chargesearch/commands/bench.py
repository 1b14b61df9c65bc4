"""``chargesearch bench``: time and solutions per second of the exact enumerator.

Default: the atlas problem (SM + 3 nu_R) for qmax = 1..10, then the paper preset at qmax = 60.
Counts only (nothing stored), all local cores.
"""

from __future__ import annotations

import argparse
import json
import time

from chargesearch.search import batch
from chargesearch.search.problem import build_problem


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("bench", help="benchmark the exact enumerator")
    p.add_argument("--nu-r", type=int, default=3, choices=range(4))
    p.add_argument("--qmax", type=int, default=10, help="atlas: qmax = 1..QMAX")
    p.add_argument("--paper-qmax", type=int, default=60, help="paper preset bound (0: skip)")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _one(preset: str, nu_r: int, qmax: int, workers: int | None) -> dict[str, float | int | str]:
    problem = build_problem(preset=preset, nu_r=nu_r, qmax=qmax)
    t0 = time.perf_counter()
    res = batch.run(problem, workers=workers, progress=False)
    dt = time.perf_counter() - t0
    return {"preset": preset, "nu_r": nu_r, "qmax": qmax, "count": res.count,
            "seconds": round(dt, 3), "solutions_per_second": round(res.count / dt, 1)}


def run(args: argparse.Namespace) -> int:
    rows = []
    if not args.json:
        print(f"{'preset':<8} {'nu_R':>4} {'qmax':>4} {'count':>12} {'seconds':>9} {'sol/s':>12}")
    jobs = [("atlas", args.nu_r, q) for q in range(1, args.qmax + 1)]
    if args.paper_qmax:
        jobs.append(("paper", args.nu_r, args.paper_qmax))
    for preset, nu, q in jobs:
        r = _one(preset, nu, q, args.workers)
        rows.append(r)
        if not args.json:
            print(f"{preset:<8} {nu:>4} {q:>4} {r['count']:>12} {r['seconds']:>9.2f} "
                  f"{r['solutions_per_second']:>12,.0f}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0
