"""Killing `chargesearch enumerate --out DIR --workers 2` while it runs (SIGTERM or SIGKILL)
leaves no process behind (resume after a kill: tests/chunkrunner/test_runner.py and
tests/chargesearch/search/test_batch.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.chunkrunner.procs import children, descendants, running, wait_for

ROOT = Path(__file__).parents[2]
ENUMERATE = [sys.executable, "-m", "chargesearch", "enumerate", "--preset", "atlas", "--nu-r",
             "3", "--qmax", "3", "--chunks", "8", "--workers", "2", "--no-progress"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_killing_the_main_process_leaves_no_worker(sig: signal.Signals, tmp_path: Path) -> None:
    """Reason: the pool workers are the main process's children; if they outlived it they
    would go on computing (and writing parts) with nobody to record them."""
    out = tmp_path / "run"
    proc = subprocess.Popen([*ENUMERATE, "--out", str(out), "--chunk-delay", "60"], cwd=ROOT)
    tree: set[int] = set()
    try:
        wait_for(lambda: len(children(proc.pid)) >= 2, timeout=60.0)  # both workers started
        tree = descendants(proc.pid)
        proc.send_signal(sig)
        assert proc.wait(timeout=10) == -sig
        wait_for(lambda: not any(running(p) for p in tree), timeout=5.0)
    finally:
        proc.kill()
        proc.wait()
        for pid in filter(running, tree):  # leave no orphans behind if the test fails
            os.kill(pid, signal.SIGKILL)
