"""chunkrunner: parallel == serial, resume after a hard kill, tampered parts, refused runs and
output folders, progress of resumed runs, file modes, and pool workers that die with their
parent."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from chunkrunner import (
    Progress,
    RunnerInputError,
    check_out_dir,
    read_manifest,
    read_table,
    run,
    write_parquet,
)
from tests.chunkrunner.procs import children, running, wait_for
from tests.chunkrunner.squares import squares_job

ROOT = Path(__file__).parents[2]


def _done(out: Path) -> int:
    try:
        data = json.loads((out / "manifest.json").read_text())
    except (OSError, json.JSONDecodeError):
        return 0
    return sum(1 for c in data["chunks"].values() if c["status"] == "done")


def _start(out: Path, n: int, delay: float, workers: int) -> subprocess.Popen[bytes]:
    code = (f"from tests.chunkrunner.squares import main; "
            f"main({str(out)!r}, {n}, {delay}, {workers})")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


def test_in_process_and_pool_give_identical_tables(tmp_path: Path) -> None:
    """Reason: where chunks run must not change the result; workers=1 runs costly first."""
    job = squares_job()
    seen: list[str] = []
    serial = run(job, out=tmp_path / "a", workers=1, progress=False,
                 on_table=lambda key, _t: seen.append(key))
    pooled = run(job, out=tmp_path / "b", workers=2, progress=False)
    a, b = read_table(tmp_path / "a"), read_table(tmp_path / "b")
    assert a.equals(b) and a.column("x").to_pylist() == list(range(sum(i % 7 for i in range(12))))
    assert serial.rows == pooled.rows == a.num_rows and serial.chunks_run == 12
    assert seen == [c.key for c in sorted(job.chunks, key=lambda c: -c.cost)]
    m = read_manifest(tmp_path / "a")
    assert m["complete"] and m["rows"] == a.num_rows and m["format"] == "test-squares/1"
    assert m["note"] == "test" and {"python", "numpy", "pyarrow"} <= set(m["versions"])
    assert all(len(c["sha256"]) == 64 for c in m["chunks"].values())


def test_without_out_tables_go_to_on_table_only(tmp_path: Path) -> None:
    """Reason: out=None writes nothing; every chunk's table reaches on_table exactly once."""
    tables: dict[str, pa.Table] = {}
    res = run(squares_job(), workers=2, progress=False, on_table=tables.__setitem__)
    assert sorted(tables) == [f"c{i:03d}" for i in range(12)] and res.out is None
    assert sum(t.num_rows for t in tables.values()) == res.rows
    assert not list(tmp_path.iterdir())


def test_resume_after_kill_gives_every_chunk_once(tmp_path: Path) -> None:
    """Reason: a run killed at an arbitrary moment and rerun must end with exactly the rows of
    an uninterrupted run: none lost, none duplicated."""
    out = tmp_path / "killed"
    proc = _start(out, 30, 0.05, 1)
    wait_for(lambda: _done(out) >= 4)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    m = read_manifest(out)
    assert 0 < _done(out) < 30 and not m["complete"]
    res = run(squares_job(30), out=out, workers=2, progress=False)
    assert res.chunks_resumed >= 4 and res.chunks_resumed + res.chunks_run == 30
    ref = run(squares_job(30), out=tmp_path / "ref", progress=False)
    x = read_table(out).column("x").to_pylist()
    assert read_table(out).equals(read_table(tmp_path / "ref")) and len(set(x)) == len(x)
    final = read_manifest(out)
    assert final["complete"] and final["rows"] == ref.rows == res.rows and len(final["runs"]) == 2


def test_tampered_parts_are_recomputed_and_unrecorded_parts_adopted(tmp_path: Path) -> None:
    """Reason: resume trusts a part only if its rows and checksum match the manifest; a part
    written but not recorded (killed before the manifest save) is complete and kept."""
    out = tmp_path / "run"
    run(squares_job(), out=out, progress=False)
    ref = read_table(out)
    parts = out / "parts"
    write_parquet(parts / "c002.parquet", pa.table({"x": [7], "x2": [49]}))  # wrong rows
    same_rows = pq.read_table(parts / "c003.parquet")
    pq.write_table(same_rows, parts / "c003.parquet", compression="none")  # other bytes
    m = read_manifest(out)
    m["chunks"]["c004"].update(status="pending", rows=None, sha256=None)
    (out / "manifest.json").write_text(json.dumps(m))
    res = run(squares_job(), out=out, progress=False)
    assert (res.chunks_run, res.chunks_resumed) == (2, 10)
    assert read_table(out).equals(ref) and read_manifest(out)["chunks"]["c004"]["sha256"]


def test_refuses_a_different_run_or_an_unreadable_manifest(tmp_path: Path) -> None:
    """Reason: parts of another run must never be mixed into this one."""
    out = tmp_path / "run"
    run(squares_job(tag="a"), out=out, progress=False)
    with pytest.raises(RunnerInputError) as err:
        run(squares_job(tag="b"), out=out, progress=False)
    assert err.value.field == "out" and "same run" in str(err.value)
    assert "\n" not in str(err.value)
    (out / "manifest.json").write_text("{not json")
    with pytest.raises(RunnerInputError):
        run(squares_job(tag="a"), out=out, progress=False)


def test_out_must_be_a_folder_with_an_existing_parent(tmp_path: Path) -> None:
    """Reason: an output path at an existing file or under a missing folder is a typo, refused
    with one line before anything is written (no folders created, the file untouched)."""
    existing = tmp_path / "file"
    existing.write_text("keep")
    for out, expected in ((existing, "existing file"), (tmp_path / "no" / "run", "parent")):
        with pytest.raises(RunnerInputError) as err:
            run(squares_job(), out=out, progress=False)
        assert err.value.field == "out" and expected in str(err.value)
        assert "\n" not in str(err.value)
    assert existing.read_text() == "keep" and [p.name for p in tmp_path.iterdir()] == ["file"]
    assert check_out_dir(tmp_path / "new") == tmp_path / "new" and check_out_dir(tmp_path)


def test_progress_of_a_resumed_run_counts_only_new_work() -> None:
    """Reason: rate and ETA of a resumed run must not include the chunks done earlier."""
    stream = io.StringIO()
    prog = Progress(4, 100.0, unit="squares", stream=stream, interval=0.0)
    prog.skip(50.0, 1000)
    prog.update(10.0, 100)
    assert stream.getvalue().endswith("\n")
    line = prog.line(prog.start + 10.0)
    assert "2/4 chunks  60.0%" in line and "1100 squares" in line
    assert "10/s" in line and "ETA 40s" in line


def test_manifest_and_parts_are_world_readable(tmp_path: Path) -> None:
    """Reason: run directories are shared outputs (mode 0o644 like other outputs)."""
    out = tmp_path / "run"
    old = os.umask(0o077)
    try:
        run(squares_job(), out=out, workers=2, progress=False)
    finally:
        os.umask(old)
    files = [out / "manifest.json", *(out / "parts").iterdir()]
    assert len(files) == 13 and {f.stat().st_mode & 0o777 for f in files} == {0o644}


def test_missing_dask_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reason: dask.distributed is optional; without it --scheduler is a one-line error."""
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(RunnerInputError) as err:
        run(squares_job(), scheduler="local", progress=False)
    assert err.value.field == "scheduler" and "zprime-safety[dask]" in str(err.value)


def test_interrupted_run_keeps_finished_chunks(tmp_path: Path) -> None:
    """Reason: an exception in the main process cancels queued chunks, keeps the finished ones
    recorded and propagates; the rerun completes the job."""
    out = tmp_path / "run"
    calls: list[str] = []

    def stop_after_three(key: str, _table: pa.Table) -> None:
        calls.append(key)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(squares_job(30, 0.02), out=out, workers=2, progress=False,
            on_table=stop_after_three)
    assert 3 <= _done(out) < 30 and not read_manifest(out)["complete"]
    res = run(squares_job(30), out=out, workers=2, progress=False)
    assert res.chunks_resumed >= 3 and read_manifest(out)["complete"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_pool_workers_die_with_their_parent(tmp_path: Path) -> None:
    """Reason: a main process killed with SIGKILL must not leave workers computing chunks."""
    proc = _start(tmp_path / "run", 20, 30.0, 2)
    wait_for(lambda: len(children(proc.pid)) >= 2)
    workers = children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    try:
        wait_for(lambda: not any(running(p) for p in workers), timeout=5.0)
    finally:
        for pid in filter(running, workers):  # leave no orphans behind if the test fails
            os.kill(pid, signal.SIGKILL)
