"""Resumable chunked runs: independent chunks -> Parquet parts + a manifest, on local cores or
Dask. Imports neither :mod:`chargesearch` nor :mod:`rgcheck`; both build on it.

A :class:`Job` is a list of :class:`Chunk` objects and a module-level worker function
``work(payload, chunk.spec) -> pyarrow.Table``. :func:`run` runs the chunks costly first and,
given a run directory ``out`` (an existing folder or a new one inside an existing folder, else
:class:`RunnerInputError` before anything is written: :func:`check_out_dir`), stores::

    out/manifest.json          kind, spec, provenance, versions, per-chunk status, rows, seconds
                               and sha256 of the part, complete, total rows, elapsed time, runs
    out/parts/<key>.parquet    the table of one chunk

Correctness of resume. A chunk's table must be a pure function of (payload, chunk spec). A
worker writes its part to a temporary name and renames it (atomic on POSIX); only the main
process writes the manifest, also atomically, after the part exists. A run killed at any moment
therefore leaves every chunk either complete (part present) or absent (at most a stray temporary
file, removed on the next start). Rerunning the same job into the same directory keeps a chunk
whose part matches the rows and checksum recorded for it, adopts a part written but not yet
recorded (rows read from its footer, checksum computed), deletes any other part and recomputes
the rest: the final parts are exactly those of an uninterrupted run, none lost, none duplicated.

Execution: ``workers=1`` runs chunks here, one after the other (a chunk may use threads
itself); ``workers > 1`` uses a process pool whose workers die with the main process (Linux);
``scheduler="local"`` starts a Dask LocalCluster and any other value is a scheduler address
(``dask.distributed`` is an optional dependency; ``out`` must then be on a shared file system).
"""

from chunkrunner.errors import RunnerInputError
from chunkrunner.job import Chunk, Job, RunSummary
from chunkrunner.progress import Progress
from chunkrunner.rundir import (
    MANIFEST,
    annotate,
    check_out_dir,
    read_manifest,
    read_table,
    runtime_versions,
)
from chunkrunner.runner import run
from chunkrunner.storage import write_parquet

__all__ = [
    "MANIFEST",
    "Chunk",
    "Job",
    "Progress",
    "RunSummary",
    "RunnerInputError",
    "annotate",
    "check_out_dir",
    "read_manifest",
    "read_table",
    "run",
    "runtime_versions",
    "write_parquet",
]
