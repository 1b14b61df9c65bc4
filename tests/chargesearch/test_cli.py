"""`chargesearch check` and bad-input behaviour: one line on stderr, exit 2, nothing written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chargesearch.chargefile import write_charges
from chargesearch.cli import main


@pytest.fixture
def bm3_file(tmp_path):
    from chargesearch.benchmarks import benchmark

    path = tmp_path / "bm3.yaml"
    write_charges(benchmark("BM3").charges, path)
    return path


def test_check_reports_sums_verdicts_textures_and_matching(bm3_file, capsys):
    assert main(["check", str(bm3_file), "--scenario", "C9,C10"]) == 0
    out = capsys.readouterr().out
    assert "U1'^3" in out and "kaon (7): ok" in out and "Y^u:" in out
    assert "alpha4 = 0.04594" in out  # Table 3: 4.60e-2


def test_check_json(bm3_file, capsys):
    assert main(["check", str(bm3_file), "--json", "--scenario", "C9,C10"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(v == "0" for v in data["anomaly_sums"].values())
    assert data["matching"]["C10"] == pytest.approx(0.24, abs=0.005)  # eq. (45)


@pytest.mark.parametrize(
    "content, args, field",
    [
        ('F_Q1 = "x"', [], "F_Q1"),
        ("F_Q1 = 1", [], "F_Q2"),
        (None, ["--scenario", "6d"], "scenario"),
        (None, ["--constraints", "kaon,bogus"], "constraint"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, bm3_file, content, args, field):
    path = bm3_file
    if content is not None:
        path = tmp_path / "bad.toml"
        path.write_text(content)
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = subprocess.run(
        [sys.executable, "-m", "chargesearch.cli", "check", str(path), *args],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]
    assert proc.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_unreadable_file_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err
