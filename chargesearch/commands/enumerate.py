"""``chargesearch enumerate``: all canonical integer solutions with |F| <= QMAX.

Backends: ``fast`` (exact join-based enumerator, chunked, parallel, resumable with ``--out``)
and ``z3`` (blocking clauses). ``--count`` prints the count as the last line; ``--json`` prints
an object with count, qmax, nu_r, seconds (and more). A bound whose estimated run time is beyond
reach is refused (exit 2) with the estimate unless ``--force``. ``--timeout`` is a wall-clock
limit on the whole command (default: 60 s with the z3 backend, none with the fast backend).

Solutions with C9 = C10 = 0 (no b -> s mu mu effect) are flagged: a trailing comment on their
listed row, a count in ``--json``, the boolean Parquet column ``C9_C10_zero`` in ``--out``.
A relation that contradicts the bound (e.g. ``F_Q1 = 100`` with ``--qmax 8``) is reported at
once. Exit status: 0 complete, 1 no solution (the last line says why), 3 incomplete (timeout),
2 bad input, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

import numpy as np

from chargesearch.errors import InputError
from chargesearch.search import batch, enumerator, wilson, z3backend
from chargesearch.search.cliopts import (
    QMAX_LIMIT,
    add_problem_options,
    free_line,
    int_option,
    problem_from,
)
from chargesearch.search.deadline import Deadline, WallClockTimeout, parse_timeout, wall_clock
from chargesearch.search.problem import SearchProblem
from chunkrunner import check_out_dir

#: z3 enumeration: refuse above this many estimated seconds unless forced
Z3_MAX_SECONDS = 600.0
#: default wall-clock limit of the z3 backend, seconds
Z3_DEFAULT_TIMEOUT = 60.0
#: most local worker processes / chunks accepted
MAX_WORKERS = 1024
MAX_CHUNKS = 1_000_000


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("enumerate", help="list or count all canonical solutions")
    add_problem_options(p)
    p.add_argument("--qmax", required=True, metavar="N",
                   help=f"bound |F| <= N on the charges, 1 <= N <= {QMAX_LIMIT}")
    p.add_argument("--backend", choices=("fast", "z3"), default="fast",
                   help="exact join-based enumerator (fast) or z3 with blocking clauses")
    p.add_argument("--count", action="store_true", help="print only the count (last line)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument("--out", metavar="DIR", help="write Parquet parts + manifest (resumable)")
    p.add_argument("--workers", default=None, metavar="N",
                   help=f"local processes, 1..{MAX_WORKERS} (unset: all cores)")
    p.add_argument("--scheduler", default=None,
                   help="Dask scheduler address, or 'local' for a Dask LocalCluster (unset: "
                        "local processes)")
    p.add_argument("--chunks", default="64", metavar="N",
                   help=f"target number of chunks, 1..{MAX_CHUNKS}")
    p.add_argument("--timeout", default=None, metavar="SECONDS",
                   help=f"wall-clock limit on the whole command, in seconds (unset: "
                        f"{Z3_DEFAULT_TIMEOUT:g} with --backend z3, none with fast)")
    p.add_argument("--force", action="store_true", help="run even if estimated beyond reach")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--chunk-delay", type=float, default=0.0, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _z3_estimate(problem: SearchProblem) -> float:
    """Rough z3 time: ~0.3 s per solver call and one call per solution (counted by the fast
    backend when it applies, else (2 qmax + 1)^(n/6) for n search variables)."""
    assert problem.qmax is not None
    try:
        fp = enumerator.plan(problem)
        if problem.qmax <= 8:
            sols = float(sum(len(enumerator.run_chunk(fp, c))
                             for c in enumerator.make_chunks(fp, 1)))
        else:
            sols = 1e9
    except InputError:
        sols = float(2 * problem.qmax + 1) ** (len(problem.search_variables) / 6)
    return 0.3 * sols


def _row_text(row: list[int], flagged: bool) -> str:
    return " ".join(map(str, row)) + (f"  # {wilson.MARKER}" if flagged else "")


def run(args: argparse.Namespace) -> int:
    qmax = int_option("qmax", args.qmax, 1, QMAX_LIMIT)
    workers = None if args.workers is None else int_option("workers", args.workers, 1,
                                                           MAX_WORKERS)
    chunks = int_option("chunks", args.chunks, 1, MAX_CHUNKS)
    timeout = (parse_timeout(args.timeout) if args.timeout is not None
               else Z3_DEFAULT_TIMEOUT if args.backend == "z3" else None)
    problem = problem_from(args, qmax)
    if args.out is not None:
        check_out_dir(args.out, "--out")
    t0 = time.perf_counter()
    names = problem.search_variables
    listing = not args.count and not args.json and args.out is None
    flagged = [0]

    def show(rows: np.ndarray) -> None:
        marks = wilson.wilson_zero_rows(rows, list(names))
        flagged[0] += int(marks.sum())
        if listing:
            for r, m in zip(rows.tolist(), marks.tolist(), strict=True):
                sys.stdout.write(_row_text(r, m) + "\n")

    conflict = z3backend.bound_conflict(problem)
    try:
        with wall_clock(timeout) as deadline:
            if conflict is not None:  # nothing to enumerate: say so at once
                count, complete = 0, True
                reason = f"{conflict} conflicts with the bound |F| <= {qmax}"
            elif args.backend == "z3":
                count, complete, reason = _run_z3(args, problem, deadline, show, t0)
            else:
                fp = enumerator.plan(problem)
                est = enumerator.estimate_seconds(fp, cores=workers or 2)
                if est > enumerator.MAX_SECONDS and not args.force:
                    raise InputError("qmax", f"a bound within reach (estimated {est:.3g} s on "
                                     f"this machine > {enumerator.MAX_SECONDS:g} s); pass "
                                     "--force to run anyway", qmax)
                if listing:
                    _header(problem)
                res = batch.run(problem, out=args.out, workers=workers,
                                scheduler=args.scheduler, target_chunks=chunks,
                                progress=not args.no_progress,
                                on_rows=show if listing or args.json else None,
                                delay=args.chunk_delay)
                count, complete, reason = res.count, True, ""
    except WallClockTimeout as exc:
        count, complete = None, False
        reason = str(exc) + (f"; rerun with the same --out {args.out} to resume"
                             if args.out and args.backend == "fast" else "")
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({"count": count, "qmax": qmax, "nu_r": problem.nu_r,
                          "seconds": round(seconds, 3), "backend": args.backend,
                          "preset": args.preset, "constraints": list(problem.constraint_names),
                          "user_constraints": list(problem.user_constraints),
                          "complete": complete, "reason": reason, "out": args.out,
                          "columns": list(names), "c9_c10_zero": flagged[0],
                          "symmetry": problem.symmetry.describe(),
                          "solutions_per_second": (round(count / seconds, 1)
                                                   if seconds and count is not None else None)},
                         indent=1))
        return _code(count, complete)
    if args.out and not args.count and count is not None:
        print(f"# wrote {args.out} ({count} solutions, {seconds:.2f} s)")
    if count is not None:
        if listing and flagged[0]:
            print(f"# {flagged[0]} of them with {wilson.MARKER}")
        print(f"count: {count}" if not args.count else count)
    if not complete:
        print(f"# INCOMPLETE: {reason}")
    elif count == 0:
        print(f"# none: {reason or f'no solution with |F| <= {qmax}'}")
    return _code(count, complete)


def _code(count: int | None, complete: bool) -> int:
    """Exit status: 0 solutions found, 1 none exist, 3 incomplete."""
    return 3 if not complete else 0 if count else 1


def _run_z3(args: argparse.Namespace, problem: SearchProblem, deadline: Deadline,
            show: Callable[[np.ndarray], None], t0: float) -> tuple[int, bool, str]:
    """The z3 backend: rows listed and/or written; returns (count, complete, reason)."""
    est = _z3_estimate(problem)
    if est > Z3_MAX_SECONDS and not args.force:
        raise InputError("qmax", f"a bound within reach of the z3 backend (estimated "
                         f"{est:.3g} s > {Z3_MAX_SECONDS:g} s); use the fast backend or "
                         "--force", problem.qmax)
    names = problem.search_variables
    status = z3backend.EnumerationStatus()
    rows = list(z3backend.enumerate_solutions(problem, timeout_s=deadline.left(),
                                              status=status))
    rows.sort(reverse=True)
    arr = np.array(rows, dtype=np.int64).reshape(len(rows), len(names))
    if args.out:
        _write_z3(args.out, problem, arr, status, t0)
    if not args.count and not args.json and args.out is None:
        _header(problem)
    show(arr)
    reason = status.reason
    if not status.complete and deadline.expired():
        reason = deadline.message()
    return len(rows), status.complete, reason


def _write_z3(out_dir: str, problem: SearchProblem, arr: np.ndarray,
              status: z3backend.EnumerationStatus, t0: float) -> None:
    """Parquet part + manifest of a z3 enumeration (same layout as the fast backend)."""
    from pathlib import Path

    from chargesearch.chargefile import atomic_write_text

    assert problem.qmax is not None
    out = Path(out_dir)
    (out / "parts").mkdir(parents=True, exist_ok=True)
    batch._write_parquet(out / "parts" / "z3-all.parquet", arr, problem.search_variables,
                         problem.qmax)
    atomic_write_text(out / batch.MANIFEST, json.dumps({
        "format": batch.FORMAT, "backend": "z3", "problem": problem.spec(),
        "versions": batch.versions(), "complete": status.complete,
        "count": len(arr), "elapsed_seconds": time.perf_counter() - t0,
        "chunks": {"z3-all": {"status": "done" if status.complete else "partial",
                              "rows": len(arr)}}}, indent=1) + "\n")


def _header(problem: SearchProblem) -> None:
    print(f"# {problem.describe()}")
    print(f"# symmetry: {problem.symmetry.describe()}; one canonical form per orbit")
    print(f"# {free_line(problem)}")
    print("# columns: " + " ".join(problem.search_variables))
