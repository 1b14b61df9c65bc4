"""Resumable batch runs of the fast enumerator on :mod:`chunkrunner` (local cores or Dask).

Layout of an output directory (see :mod:`chunkrunner` for the resume guarantees)::

    DIR/manifest.json          format, spec (problem + chunking), problem, versions, chunk
                               status, elapsed time; ``count`` once complete
    DIR/parts/<chunk>.parquet  canonical solutions of one chunk: one column per search
                               variable named by the charge (F_Q1, ..., exact integers: int8, or
                               int16 above qmax 127, int32 above 32767), then the boolean column
                               C9_C10_zero (True: C9 = C10 = 0, no b -> s mu mu effect)

A chunk's solutions are a pure function of (problem, chunk) and the chunks partition the
solution set, so a resumed run ends with exactly the solutions of an uninterrupted one. Memory
stays bounded by one chunk per worker: solutions are streamed to disk (or counted) chunk by chunk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

import chunkrunner
from chargesearch.errors import InputError
from chargesearch.search import enumerator, wilson

if TYPE_CHECKING:
    import pyarrow

MANIFEST = chunkrunner.MANIFEST
FORMAT = "chargesearch-enumeration/2"


def versions() -> dict[str, str]:
    """Versions recorded in the manifest (provenance)."""
    from importlib import metadata

    import z3

    try:
        own = metadata.version("zprime-safety")
    except metadata.PackageNotFoundError:  # pragma: no cover
        own = "unknown"
    return {"chargesearch": own, **chunkrunner.runtime_versions(),
            "z3": z3.get_version_string()}


@dataclass
class RunResult:
    """Summary of a (possibly resumed) run."""

    count: int
    seconds: float
    chunks: int
    chunks_run: int
    chunks_resumed: int
    out: str | None = None
    kind: str = "atlas"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Payload:
    args: tuple[tuple[str, Any], ...]  # build_problem arguments
    delay: float  # seconds of sleep per chunk (tests of interrupted runs)


def _table(rows: np.ndarray, names: tuple[str, ...], qmax: int) -> pyarrow.Table:
    import pyarrow as pa

    dtype = np.int8 if qmax <= 127 else np.int16 if qmax <= 32767 else np.int32
    columns: dict[str, Any] = {n: rows[:, i].astype(dtype) for i, n in enumerate(names)}
    columns[wilson.COLUMN] = wilson.wilson_zero_rows(rows, list(names))
    return pa.table(columns)


def charge_columns(table: pyarrow.Table) -> list[str]:
    """The charge columns of a solutions table (without the flag column)."""
    return [n for n in table.column_names if n != wilson.COLUMN]


def _rows(table: pyarrow.Table) -> np.ndarray:
    """The int64 rows of a solutions table (charge columns only)."""
    columns = [table.column(n).to_numpy().astype(np.int64) for n in charge_columns(table)]
    return np.stack(columns, axis=1) if columns else np.zeros((0, 0), dtype=np.int64)


def _write_parquet(path: Path, rows: np.ndarray, names: tuple[str, ...], qmax: int) -> None:
    chunkrunner.write_parquet(path, _table(rows, names, qmax))


def work(payload: _Payload, chunk: dict[str, Any]) -> pyarrow.Table:
    """Solutions of one chunk as a table (runs in any process)."""
    problem = enumerator.problem_from_args(payload.args)
    rows = enumerator.run_chunk(enumerator.plan_from_args(payload.args), chunk)
    if payload.delay:
        time.sleep(payload.delay)
    assert problem.qmax is not None
    return _table(rows, problem.search_variables, problem.qmax)


def _job(problem: Any, fp: enumerator.FastPlan, target_chunks: int,
         delay: float) -> chunkrunner.Job:
    """The runner job enumerating ``problem`` (planned as ``fp``) in ~``target_chunks`` chunks."""
    chunks = tuple(chunkrunner.Chunk(c["key"], float(c["cost"]), c)
                   for c in enumerator.make_chunks(fp, target_chunks))
    return chunkrunner.Job(
        kind=FORMAT, spec={"problem": problem.spec(), "chunking": {"target": target_chunks}},
        chunks=chunks, work=work, payload=_Payload(fp.args, delay), unit="solutions",
        provenance={"problem": problem.spec(), "backend": "fast"})


def _per_table(on_rows: Callable[[np.ndarray], None]) -> Callable[[str, pyarrow.Table], None]:
    """``on_rows`` as a runner ``on_table`` callback."""
    return lambda _key, table: on_rows(_rows(table))


def run(problem: Any, *, out: str | Path | None = None, workers: int | None = None,
        scheduler: str | None = None, target_chunks: int = 64, progress: bool = True,
        on_rows: Callable[[np.ndarray], None] | None = None, delay: float = 0.0) -> RunResult:
    """Enumerate ``problem`` with the fast backend, optionally into ``out`` (resumable)."""
    fp = enumerator.plan(problem)
    try:
        res = chunkrunner.run(
            _job(problem, fp, target_chunks, delay), out=out,
            workers=max(1, workers if workers is not None else (os.cpu_count() or 1)),
            scheduler=scheduler, progress=progress,
            on_table=_per_table(on_rows) if on_rows is not None else None, versions=versions())
        if out is not None:
            chunkrunner.annotate(out, {"count": res.rows})
    except chunkrunner.RunnerInputError as exc:
        raise InputError(exc.field, exc.expected, exc.got) from None
    return RunResult(res.rows, res.seconds, res.chunks, res.chunks_run, res.chunks_resumed,
                     res.out, fp.kind)


def read_solutions(out: str | Path) -> tuple[tuple[str, ...], np.ndarray]:
    """All rows of a (complete) run directory, sorted; for checks and tests."""
    table = chunkrunner.read_table(out)
    rows = _rows(table)
    return tuple(charge_columns(table)), rows[np.lexsort(rows.T[::-1])] if len(rows) else rows
