"""The runner: settle what an earlier run left, run the rest costly first, record each chunk."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from chunkrunner.errors import RunnerInputError
from chunkrunner.execute import Task, distributed, outcomes
from chunkrunner.job import Chunk, Job, RunSummary
from chunkrunner.progress import Progress
from chunkrunner.rundir import Manifest, check_entries, check_out_dir, runtime_versions

if TYPE_CHECKING:
    import pyarrow

_SAFE_KEY = re.compile(r"[A-Za-z0-9_+=-][A-Za-z0-9._+=-]*")


def run(job: Job, *, out: str | Path | None = None, workers: int = 1,
        scheduler: str | None = None, progress: bool = True,
        on_table: Callable[[str, pyarrow.Table], None] | None = None,
        versions: dict[str, str] | None = None) -> RunSummary:
    """Run ``job``, optionally into the run directory ``out`` (resumable).

    ``workers == 1`` runs the chunks here, one after the other; more workers use a process
    pool; ``scheduler`` ("local" or an address) runs them on Dask. ``out`` must be a folder or
    a new one in an existing folder (:func:`check_out_dir`). ``on_table(key, table)``
    receives the table of every chunk run now. ``versions`` are recorded in the manifest.
    """
    _validate(job, workers, scheduler)
    t0 = time.perf_counter()
    outp = check_out_dir(out) if out is not None else None
    manifest = None
    if outp is not None:
        manifest = Manifest.open(outp, job, {**(versions or {}), **runtime_versions()})
    resumed = manifest.resume([c.key for c in job.chunks]) if manifest is not None else {}
    prog = Progress(len(job.chunks), sum(c.cost for c in job.chunks), unit=job.unit,
                    enabled=progress)
    for c in job.chunks:
        if c.key in resumed:
            prog.skip(c.cost, resumed[c.key])
    pending = sorted((c for c in job.chunks if c.key not in resumed), key=lambda c: -c.cost)
    tasks = [Task(job.work, job.payload, c.key, c.spec, None if outp is None else str(outp),
                  on_table is not None) for c in pending]
    cost = {c.key: c.cost for c in pending}
    rows = sum(resumed.values())
    try:
        with closing(outcomes(tasks, workers, scheduler)) as results:
            for res in results:
                rows += res.rows
                if manifest is not None:
                    manifest.record(res.key, res.rows, res.seconds, res.sha256)
                if on_table is not None and res.table is not None:
                    on_table(res.key, res.table)
                prog.update(cost[res.key], res.rows)
    finally:
        prog.close()
        if manifest is not None:
            manifest.finish(time.perf_counter() - t0)
    return RunSummary(rows, time.perf_counter() - t0, len(job.chunks), len(pending),
                      len(resumed), None if outp is None else str(outp))


def _validate(job: Job, workers: int, scheduler: str | None) -> None:
    if not isinstance(workers, int) or workers < 1:
        raise RunnerInputError("workers", "a positive integer", workers)
    _check_keys(job.chunks)
    check_entries("provenance", job.provenance)
    if scheduler is not None:
        distributed()


def _check_keys(chunks: tuple[Chunk, ...]) -> None:
    seen: set[str] = set()
    for c in chunks:
        if not _SAFE_KEY.fullmatch(c.key):
            raise RunnerInputError("chunks", "file-name safe keys (letters, digits and "
                                   "'._+=-', not starting with '.')", c.key)
        if c.key in seen:
            raise RunnerInputError("chunks", "unique keys", c.key)
        seen.add(c.key)
