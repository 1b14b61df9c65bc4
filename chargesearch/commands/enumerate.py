"""``chargesearch enumerate``: all canonical integer solutions with |F| <= QMAX.

Backends: ``fast`` (exact join-based enumerator, chunked, parallel, resumable with ``--out``)
and ``z3`` (blocking clauses; every call has a timeout). ``--count`` prints the count as the
last line; ``--json`` prints an object with count, qmax, nu_r, seconds (and more). A bound whose
estimated run time is beyond reach is refused (exit 2) with the estimate unless ``--force``.
Exit status: 0 complete, 3 incomplete (a z3 call timed out), 2 bad input, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

from chargesearch.errors import InputError
from chargesearch.search import batch, enumerator, z3backend
from chargesearch.search.cliopts import add_problem_options, free_line, problem_from

#: z3 enumeration: refuse above this many estimated seconds unless forced
Z3_MAX_SECONDS = 600.0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("enumerate", help="list or count all canonical solutions")
    add_problem_options(p)
    p.add_argument("--qmax", type=int, required=True, help="bound |F| <= QMAX on the charges")
    p.add_argument("--backend", choices=("fast", "z3"), default="fast")
    p.add_argument("--count", action="store_true", help="print only the count (last line)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument("--out", metavar="DIR", help="write Parquet parts + manifest (resumable)")
    p.add_argument("--workers", type=int, default=None, help="local processes (default: cores)")
    p.add_argument("--scheduler", default=None,
                   help="Dask scheduler address, or 'local' for a Dask LocalCluster")
    p.add_argument("--chunks", type=int, default=64, help="target number of chunks")
    p.add_argument("--timeout", type=float, default=60.0, help="z3: timeout per solver call")
    p.add_argument("--force", action="store_true", help="run even if estimated beyond reach")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--chunk-delay", type=float, default=0.0, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _z3_estimate(problem) -> float:  # type: ignore[no-untyped-def]
    """Rough z3 time: ~0.3 s per solver call and one call per solution (counted by the fast
    backend when it applies, else (2 qmax + 1)^(n/6) for n search variables)."""
    try:
        fp = enumerator.plan(problem)
        if (problem.qmax or 0) <= 8:
            sols = float(sum(len(enumerator.run_chunk(fp, c))
                             for c in enumerator.make_chunks(fp, 1)))
        else:
            sols = 1e9
    except InputError:
        sols = float(2 * problem.qmax + 1) ** (len(problem.search_variables) / 6)
    return 0.3 * sols


def run(args: argparse.Namespace) -> int:
    if args.qmax < 1:
        raise InputError("qmax", "a positive integer", args.qmax)
    if args.workers is not None and args.workers < 1:
        raise InputError("workers", "a positive integer", args.workers)
    if args.chunks < 1:
        raise InputError("chunks", "a positive integer", args.chunks)
    problem = problem_from(args, args.qmax)
    t0 = time.perf_counter()
    names = problem.search_variables
    listing = not args.count and not args.json and args.out is None
    if args.backend == "z3":
        est = _z3_estimate(problem)
        if est > Z3_MAX_SECONDS and not args.force:
            raise InputError("qmax", f"a bound within reach of the z3 backend (estimated "
                             f"{est:.3g} s > {Z3_MAX_SECONDS:g} s); use the fast backend or "
                             "--force", args.qmax)
        status = z3backend.EnumerationStatus()
        rows = []
        for sol in z3backend.enumerate_solutions(problem, timeout_s=args.timeout, status=status):
            rows.append(sol)
        rows.sort(reverse=True)
        if args.out:
            from pathlib import Path

            out = Path(args.out)
            (out / "parts").mkdir(parents=True, exist_ok=True)
            arr = np.array(rows, dtype=np.int64).reshape(len(rows), len(names))
            batch._write_parquet(out / "parts" / "z3-all.parquet", arr, names, args.qmax)
            from chargesearch.chargefile import atomic_write_text

            atomic_write_text(out / batch.MANIFEST, json.dumps({
                "format": batch.FORMAT, "backend": "z3", "problem": problem.spec(),
                "versions": batch.versions(), "complete": status.complete,
                "count": len(rows), "elapsed_seconds": time.perf_counter() - t0,
                "chunks": {"z3-all": {"status": "done" if status.complete else "partial",
                                      "rows": len(rows)}}}, indent=1) + "\n")
        count, complete, reason = len(rows), status.complete, status.reason
        if listing:
            _header(problem)
            for r in rows:
                print(" ".join(str(x) for x in r))
    else:
        fp = enumerator.plan(problem)
        est = enumerator.estimate_seconds(fp, cores=args.workers or 2)
        if est > enumerator.MAX_SECONDS and not args.force:
            raise InputError("qmax", f"a bound within reach (estimated {est:.3g} s on this "
                             f"machine > {enumerator.MAX_SECONDS:g} s); pass --force to run "
                             "anyway", args.qmax)
        if listing:
            _header(problem)

        def show(rows: np.ndarray) -> None:
            for r in rows.tolist():
                sys.stdout.write(" ".join(map(str, r)) + "\n")

        try:
            res = batch.run(problem, out=args.out, workers=args.workers,
                            scheduler=args.scheduler, target_chunks=args.chunks,
                            progress=not args.no_progress, on_rows=show if listing else None,
                            delay=args.chunk_delay)
        except BrokenPipeError:  # e.g. `| head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        count, complete, reason = res.count, True, ""
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({"count": count, "qmax": args.qmax, "nu_r": args.nu_r,
                          "seconds": round(seconds, 3), "backend": args.backend,
                          "preset": args.preset, "constraints": list(problem.constraint_names),
                          "user_constraints": list(problem.user_constraints),
                          "complete": complete, "reason": reason, "out": args.out,
                          "columns": list(names),
                          "symmetry": problem.symmetry.describe(),
                          "solutions_per_second": round(count / seconds, 1) if seconds else None},
                         indent=1))
    else:
        if not complete:
            print(f"# INCOMPLETE: {reason}")
        if args.out and not args.count:
            print(f"# wrote {args.out} ({count} solutions, {seconds:.2f} s)")
        print(f"count: {count}" if not args.count else count)
    return 0 if complete else 3


def _header(problem) -> None:  # type: ignore[no-untyped-def]
    print(f"# {problem.describe()}")
    print(f"# symmetry: {problem.symmetry.describe()}; one canonical form per orbit")
    print(f"# {free_line(problem)}")
    print("# columns: " + " ".join(problem.search_variables))
