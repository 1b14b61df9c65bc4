"""A tiny chunkrunner job for the tests: integers and their squares, a range per chunk."""

from __future__ import annotations

import time

import numpy as np
import pyarrow as pa

from chunkrunner import Chunk, Job


def squares(delay: float, spec: dict) -> pa.Table:
    """Rows ``x, x^2`` for ``x`` in ``range(lo, hi)``, after ``delay`` seconds of sleep."""
    time.sleep(delay)
    x = np.arange(spec["lo"], spec["hi"], dtype=np.int64)
    return pa.table({"x": x, "x2": x * x})


def squares_job(n: int = 12, delay: float = 0.0, tag: str = "a") -> Job:
    """``n`` chunks of 0 to 6 rows (chunk 0 is empty) with costs 1..4 out of key order."""
    bounds = np.cumsum([0] + [i % 7 for i in range(n)])
    chunks = tuple(Chunk(f"c{i:03d}", float(1 + i * 5 % 4), {"lo": int(bounds[i]),
                                                              "hi": int(bounds[i + 1])})
                   for i in range(n))
    return Job(kind="test-squares/1", spec={"n": n, "tag": tag}, chunks=chunks, work=squares,
               payload=delay, unit="squares", provenance={"note": "test"})


def main(out: str, n: int, delay: float, workers: int) -> None:
    """Run a job into ``out`` (entry point of the subprocess tests)."""
    from chunkrunner import run

    run(squares_job(n, delay), out=out, workers=workers, progress=False)
