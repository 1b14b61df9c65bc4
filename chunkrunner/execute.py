"""Where chunks run: in this process, on a local process pool, or on a Dask cluster."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from chunkrunner.errors import RunnerInputError
from chunkrunner.storage import part_path, write_parquet

if TYPE_CHECKING:
    import pyarrow

#: prctl option: signal sent to this process when its parent dies (linux/prctl.h)
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Task:
    """One chunk to run, with everything a worker process needs."""

    work: Callable[[Any, dict], pyarrow.Table]
    payload: Any
    key: str
    spec: dict
    out: str | None  # run directory: the worker writes the part file there
    keep_table: bool  # send the table back to the main process


@dataclass(frozen=True)
class Outcome:
    """What a worker reports for a finished chunk."""

    key: str
    rows: int
    seconds: float
    sha256: str | None  # of the part file, None when nothing was written
    table: pyarrow.Table | None


def execute(task: Task) -> Outcome:
    """Run one chunk (in any process) and write its part file atomically."""
    t0 = time.perf_counter()
    table = task.work(task.payload, task.spec)
    sha = None if task.out is None else write_parquet(part_path(Path(task.out), task.key), table)
    return Outcome(task.key, table.num_rows, time.perf_counter() - t0, sha,
                   table if task.keep_table else None)


def distributed() -> ModuleType:
    """``dask.distributed``, or RunnerInputError when the optional extra is missing."""
    try:
        import dask.distributed
    except ImportError:
        raise RunnerInputError("scheduler", "dask[distributed] installed (pip install "
                               "'zprime-safety[dask]')") from None
    return dask.distributed


def outcomes(
    tasks: list[Task], workers: int, scheduler: str | None
) -> Generator[Outcome, None, None]:
    """Run ``tasks`` (submitted in the given order) and yield outcomes as they finish.

    Closing the iterator early (an exception or KeyboardInterrupt in the consumer) cancels the
    chunks not yet started."""
    if scheduler is not None:
        return _dask(tasks, workers, scheduler)
    if workers == 1 or len(tasks) <= 1:
        return (execute(t) for t in tasks)
    return _pool(tasks, workers)


def _pool(tasks: list[Task], workers: int) -> Generator[Outcome, None, None]:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent,
                               initargs=(os.getpid(),))
    finished = False
    try:
        queue = deque(tasks)
        running: set[Future[Outcome]] = set()
        while queue or running:
            while queue and len(running) < 2 * workers:  # short queue: cheap to cancel
                running.add(pool.submit(execute, queue.popleft()))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _die_with_parent(parent: int) -> None:
    """Pool initializer: on Linux, have the kernel SIGTERM this worker when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if not _alive(parent):  # it died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def _dask(tasks: list[Task], workers: int, scheduler: str) -> Generator[Outcome, None, None]:
    dd = distributed()
    with ExitStack() as stack:
        address = scheduler
        if scheduler == "local":
            address = stack.enter_context(dd.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None))
        client = stack.enter_context(dd.Client(address))
        futures = [client.submit(execute, t, pure=False, priority=-i)
                   for i, t in enumerate(tasks)]
        for future in dd.as_completed(futures):
            yield future.result()
