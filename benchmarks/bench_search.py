"""Benchmark of the exact enumerator (issue #3 item 8).

Run:  .venv/bin/python benchmarks/bench_search.py [--qmax 10] [--paper-qmax 60] [--json]

Prints, for the atlas problem (SM + 3 nu_R) at qmax = 1..QMAX and for the paper preset at
PAPER_QMAX, the number of canonical solutions, the wall time and solutions per second (all local
cores, counting only: memory does not grow with the number of solutions). Same code as
``chargesearch bench``.
"""

from __future__ import annotations

import sys

from chargesearch.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["bench", *sys.argv[1:]]))
