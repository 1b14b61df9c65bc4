"""Resumable batch runs of the fast enumerator: chunks on local cores or a Dask cluster.

Layout of an output directory::

    DIR/manifest.json          problem spec, bounds, versions, chunk status, elapsed time
    DIR/parts/<chunk>.parquet  canonical solutions of one chunk (columns = search variables)

Correctness of resume. A chunk's output is a pure function of (problem, chunk). A worker writes
its Parquet file to a temporary name and renames it (atomic on POSIX); only the main process
writes the manifest, also atomically (temp file + rename), after the chunk's file exists. A run
killed at any moment therefore leaves every chunk either complete (file present) or absent (at
most a stray temporary file, ignored and overwritten). Restarting the same command skips the
complete chunks -- a file present but not yet marked done is adopted after reading its row count
from the Parquet footer -- and recomputes the rest, so the final set is exactly that of an
uninterrupted run: none lost, none duplicated (chunks partition the solution set).

The same worker function runs in a :class:`concurrent.futures.ProcessPoolExecutor` (default) or
on Dask (``scheduler="local"`` starts a LocalCluster, any other value is a scheduler address);
``dask.distributed`` is an optional dependency. Memory stays bounded by one chunk per worker:
solutions are streamed to disk (or counted) chunk by chunk.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from chargesearch.chargefile import atomic_write_text
from chargesearch.errors import InputError
from chargesearch.search import enumerator
from chargesearch.search.progress import Progress

MANIFEST = "manifest.json"
FORMAT = "chargesearch-enumeration/1"


def versions() -> dict[str, str]:
    """Versions recorded in the manifest (provenance)."""
    from importlib import metadata

    import pyarrow
    import z3

    try:
        own = metadata.version("zprime-safety")
    except metadata.PackageNotFoundError:  # pragma: no cover
        own = "unknown"
    return {"chargesearch": own, "python": platform.python_version(), "numpy": np.__version__,
            "pyarrow": pyarrow.__version__, "z3": z3.get_version_string()}


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


def _part_path(out: Path, key: str) -> Path:
    return out / "parts" / f"{key}.parquet"


def _write_parquet(path: Path, rows: np.ndarray, names: tuple[str, ...], qmax: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    dtype = np.int8 if qmax <= 127 else np.int16
    table = pa.table({n: rows[:, i].astype(dtype) for i, n in enumerate(names)})
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def work(args: tuple[tuple[str, Any], ...], chunk: dict[str, Any], out: str | None,
         want_rows: bool, delay: float = 0.0) -> tuple[str, int, float, np.ndarray | None]:
    """Run one chunk (in any process): returns (key, rows, seconds, rows or None)."""
    t0 = time.perf_counter()
    problem = enumerator.problem_from_args(args)
    fp = enumerator.plan_from_args(args)
    rows = enumerator.run_chunk(fp, chunk)
    if delay:
        time.sleep(delay)
    if out is not None:
        assert problem.qmax is not None
        _write_parquet(_part_path(Path(out), chunk["key"]), rows, problem.search_variables,
                       problem.qmax)
    return chunk["key"], len(rows), time.perf_counter() - t0, rows if want_rows else None


class _Manifest:
    def __init__(self, out: Path, spec: dict[str, Any], chunks: list[dict[str, Any]]) -> None:
        self.out, self.path = out, out / MANIFEST
        self.data: dict[str, Any]
        fresh = {
            "format": FORMAT,
            "problem": spec,
            "backend": "fast",
            "versions": versions(),
            "chunks": {c["key"]: {"spec": c, "status": "pending"} for c in chunks},
            "complete": False,
            "count": None,
            "elapsed_seconds": 0.0,
            "runs": [],
        }
        if self.path.exists():
            try:
                old = json.loads(self.path.read_text("utf-8"))
            except (OSError, json.JSONDecodeError):
                raise InputError(str(self.path), "a readable manifest (delete the directory to "
                                 "start afresh)") from None
            if old.get("problem") != spec or set(old.get("chunks", {})) != set(fresh["chunks"]):
                raise InputError(str(out), "an empty directory or one holding the same run "
                                 "(same constraints, bounds and chunking)", "a different run")
            self.data = old
        else:
            out.mkdir(parents=True, exist_ok=True)
            self.data = fresh
        (out / "parts").mkdir(exist_ok=True)
        self.data["runs"].append({"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                  "versions": versions()})
        self.save()

    def save(self) -> None:
        atomic_write_text(self.path, json.dumps(self.data, indent=1, sort_keys=True) + "\n")

    def done(self, key: str) -> bool:
        return self.data["chunks"][key]["status"] == "done"


def run(problem: Any, *, out: str | Path | None = None, workers: int | None = None,
        scheduler: str | None = None, target_chunks: int = 64, progress: bool = True,
        on_rows: Callable[[np.ndarray], None] | None = None, delay: float = 0.0) -> RunResult:
    """Enumerate ``problem`` with the fast backend, optionally into ``out`` (resumable)."""
    fp = enumerator.plan(problem)
    args = fp.args
    chunks = enumerator.make_chunks(fp, target_chunks)
    workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    t_start = time.perf_counter()
    outp = Path(out) if out is not None else None
    manifest = None
    if outp is not None:
        spec = {**problem.spec(), "chunking": {"target": target_chunks}}
        manifest = _Manifest(outp, spec, chunks)
    prog = Progress(len(chunks), sum(c["cost"] for c in chunks), enabled=progress)
    count, resumed = 0, 0
    pending = []
    for c in chunks:
        if manifest is not None:
            entry = manifest.data["chunks"][c["key"]]
            path = _part_path(outp, c["key"])  # type: ignore[arg-type]
            if path.exists() and not manifest.done(c["key"]):
                entry.update(status="done", rows=_parquet_rows(path), seconds=None)
            if manifest.done(c["key"]) and path.exists():
                count += int(entry["rows"])
                resumed += 1
                prog.skip(c["cost"], int(entry["rows"]))
                continue
            entry["status"] = "pending"
        pending.append(c)
    if manifest is not None:
        manifest.save()
    pending.sort(key=lambda c: -c["cost"])
    by_key = {c["key"]: c for c in chunks}
    want_rows = on_rows is not None
    out_s = str(outp) if outp is not None else None

    def finish(key: str, n: int, secs: float, rows: np.ndarray | None) -> None:
        nonlocal count
        count += n
        if rows is not None and on_rows is not None:
            on_rows(rows)
        if manifest is not None:
            manifest.data["chunks"][key].update(status="done", rows=n, seconds=round(secs, 3))
            manifest.save()
        prog.update(by_key[key]["cost"], n)

    try:
        if scheduler is not None:
            _run_dask(scheduler, workers, args, pending, out_s, want_rows, delay, finish)
        elif workers == 1 or len(pending) <= 1:
            for c in pending:
                finish(*work(args, c, out_s, want_rows, delay))
        else:
            pool = ProcessPoolExecutor(max_workers=workers)
            try:
                futures: set[Future[Any]] = set()
                queue = list(pending)
                while queue or futures:
                    while queue and len(futures) < 2 * workers:
                        futures.add(pool.submit(work, args, queue.pop(0), out_s, want_rows,
                                                delay))
                    done, futures = wait(futures, return_when=FIRST_COMPLETED)
                    for f in done:
                        finish(*f.result())
            except BaseException:
                # interrupted: drop queued chunks; finished ones are already recorded
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown(wait=True)
    finally:
        prog.close()
        elapsed = time.perf_counter() - t_start
        if manifest is not None:
            manifest.data["elapsed_seconds"] = round(
                float(manifest.data.get("elapsed_seconds") or 0.0) + elapsed, 3)
            all_done = all(manifest.done(k) for k in manifest.data["chunks"])
            manifest.data["complete"] = all_done
            manifest.data["count"] = count if all_done else None
            manifest.save()
    return RunResult(count, time.perf_counter() - t_start, len(chunks), len(pending), resumed,
                     str(outp) if outp is not None else None, fp.kind)


def _run_dask(scheduler: str, workers: int, args: Any, pending: list[dict[str, Any]],
              out: str | None, want_rows: bool, delay: float,
              finish: Callable[..., None]) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("scheduler", "dask[distributed] installed (pip install "
                         "'zprime-safety[dask]')", scheduler) from None
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        futures = [client.submit(work, args, c, out, want_rows, delay, pure=False)
                   for c in pending]
        for f in as_completed(futures):
            finish(*f.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def read_solutions(out: str | Path) -> tuple[tuple[str, ...], np.ndarray]:
    """All rows of a (complete) run directory, sorted; for checks and tests."""
    import pyarrow.parquet as pq

    parts = sorted((Path(out) / "parts").glob("*.parquet"))
    arrays = []
    names: tuple[str, ...] = ()
    for p in parts:
        t = pq.read_table(p)
        names = tuple(t.column_names)
        arrays.append(np.stack([t.column(n).to_numpy().astype(np.int64) for n in names], axis=1)
                      if t.num_rows else np.zeros((0, len(names)), dtype=np.int64))
    if not arrays:
        return names, np.zeros((0, 0), dtype=np.int64)
    rows = np.concatenate(arrays)
    order = np.lexsort(rows.T[::-1])
    return names, rows[order]
