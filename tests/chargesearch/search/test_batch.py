"""Batch runs: Parquet + manifest, parallel == serial, and resume after a hard kill (item 6)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from chargesearch.search import atlas, batch
from chargesearch.search.problem import build_problem

CMD = [sys.executable, "-m", "chargesearch.cli", "enumerate", "--preset", "atlas", "--nu-r",
       "2", "--qmax", "4", "--chunks", "40", "--no-progress"]


def _done_chunks(out: Path) -> int:
    try:
        data = json.loads((out / "manifest.json").read_text())
    except (OSError, json.JSONDecodeError):
        return 0
    return sum(1 for c in data["chunks"].values() if c["status"] == "done")


def test_resume_after_kill_gives_identical_solutions(tmp_path: Path) -> None:
    """Reason: a run killed at an arbitrary moment and restarted with the same command must end
    with exactly the solutions of an uninterrupted run (none lost, none duplicated)."""
    ref = tmp_path / "ref"
    subprocess.run([*CMD, "--out", str(ref), "--workers", "2"], check=True,
                   capture_output=True, cwd=Path(__file__).parents[3])
    out = tmp_path / "killed"
    proc = subprocess.Popen([*CMD, "--out", str(out), "--workers", "1", "--chunk-delay", "0.15"],
                            cwd=Path(__file__).parents[3], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while _done_chunks(out) < 5 and time.time() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _done_chunks(out)
    manifest = json.loads((out / "manifest.json").read_text())
    assert 0 < partial < len(manifest["chunks"]) and not manifest["complete"]
    rerun = subprocess.run([*CMD, "--out", str(out), "--workers", "2", "--count"], check=True,
                           capture_output=True, text=True, cwd=Path(__file__).parents[3])
    _, a = batch.read_solutions(ref)
    _, b = batch.read_solutions(out)
    assert a.shape == b.shape and (a == b).all()
    assert len({tuple(r) for r in b.tolist()}) == len(b)
    assert int(rerun.stdout.strip().splitlines()[-1]) == len(a) == atlas.count(4, 2)
    final = json.loads((out / "manifest.json").read_text())
    assert final["complete"] and final["count"] == len(a) and len(final["runs"]) == 2
    assert {"versions", "problem", "elapsed_seconds"} <= set(final)


def test_parallel_equals_serial_and_manifest_records_problem(tmp_path: Path) -> None:
    """Reason: chunk distribution over processes must not change the result."""
    problem = build_problem(preset="atlas", nu_r=1, qmax=3)
    r1 = batch.run(problem, out=tmp_path / "a", workers=1, progress=False, target_chunks=9)
    r2 = batch.run(problem, out=tmp_path / "b", workers=2, progress=False, target_chunks=9)
    assert r1.count == r2.count == atlas.count(3, 1)
    _, a = batch.read_solutions(tmp_path / "a")
    _, b = batch.read_solutions(tmp_path / "b")
    assert (a == b).all()
    m = json.loads((tmp_path / "a" / "manifest.json").read_text())
    assert m["problem"]["qmax"] == 3 and m["problem"]["constraints"] == ["anomaly"]
    # a finished run restarted does no work and reports the same count
    r3 = batch.run(problem, out=tmp_path / "a", workers=1, progress=False, target_chunks=9)
    assert r3.count == r1.count and r3.chunks_run == 0


def test_counting_streams_without_storing(tmp_path: Path) -> None:
    """Reason: --count must not keep solutions in memory (rows are dropped per chunk)."""
    problem = build_problem(preset="atlas", nu_r=0, qmax=4)
    seen: list[int] = []
    res = batch.run(problem, workers=1, progress=False, on_rows=lambda r: seen.append(len(r)))
    assert sum(seen) == res.count == atlas.count(4, 0)
    assert isinstance(np.int64(res.count), np.integer)


def test_dask_local_cluster_same_result(tmp_path: Path) -> None:
    """Reason: the Dask path (--scheduler) runs the same worker code with the same result."""
    import pytest

    pytest.importorskip("distributed")
    problem = build_problem(preset="atlas", nu_r=1, qmax=3)
    res = batch.run(problem, out=tmp_path / "d", workers=2, scheduler="local", progress=False,
                    target_chunks=6)
    assert res.count == atlas.count(3, 1)
    _, rows = batch.read_solutions(tmp_path / "d")
    assert len(rows) == res.count
