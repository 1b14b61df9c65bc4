"""``rgcheck run`` and ``rgcheck scan``: JSON contract, exit codes, bad input, resume.

Physics numbers: the BM sample points are Planck-safe with stable V+ (SPEC section 6,
Figs. 4, 6, 9, 11)."""

from __future__ import annotations

import json

import pytest

from rgcheck.benchmarks import benchmark, sample_point
from rgcheck.cli import main


def _run(capsys, *argv):
    rc = main(list(argv))
    cap = capsys.readouterr()
    return rc, cap.out, cap.err


def test_run_benchmark_json(capsys):
    rc, out, _ = _run(capsys, "run", "--bm", "BM1", "--json")
    data = json.loads(out)
    assert rc == 0
    assert data["verdict"] == "stable_vplus" and data["planck_safe"] is True
    assert data["failure_scale_gev"] is None
    assert set(data["final"]) >= {"g1", "g4", "g14", "y", "lam", "w"}
    assert data["end_scale_gev"] == pytest.approx(1e19)


def test_run_charges_file_equals_benchmark(tmp_path, capsys):
    f = tmp_path / "bm3.yaml"
    f.write_text("\n".join(f'{k}: "{v}"' for k, v in benchmark("BM3").items()))
    mu0, alphas = sample_point("BM3")
    assign = ",".join(f"{k}={v!r}" for k, v in alphas.items())
    rc, out, _ = _run(capsys, "run", "--charges", str(f), "--mu0", str(mu0 / 1e3), "--set",
                      assign, "--json")
    rc_bm, out_bm, _ = _run(capsys, "run", "--bm", "BM3", "--json")
    assert rc == rc_bm == 0
    assert json.loads(out)["final"] == pytest.approx(json.loads(out_bm)["final"], rel=1e-12)


def test_run_not_planck_safe_exits_1_naming_the_failure(capsys):
    # psi/S interactions off: BM3's putative Landau pole near 25 TeV (Sect. 4.5)
    rc, _, err = _run(capsys, "run", "--bm", "BM3", "--set", "alpha_y=0")
    assert rc == 1
    assert err.strip().splitlines()[-1].startswith("rgcheck: not Planck-safe: pole")


def test_run_plot(tmp_path, capsys):
    path = tmp_path / "bm4.png"
    rc, out, _ = _run(capsys, "run", "--bm", "BM4", "--plot", str(path))
    assert rc == 0 and path.stat().st_size > 1000
    assert "stable_vplus" in out


@pytest.mark.parametrize(
    "argv, field",
    [
        (["--bm", "BM7"], "--bm"),
        (["--bm", "BM1", "--set", "alpha_q=1"], "alpha_q"),
        (["--bm", "BM1", "--set", "alpha_y=abc"], "alpha_y"),
        (["--bm", "BM1", "--set", "alpha_y"], "--set"),
        (["--bm", "BM1", "--set", "alpha_y=1,alpha_y=2"], "alpha_y"),
        (["--bm", "BM1", "--set", "alpha_s=-0.01"], "alpha_s"),
        (["--bm", "BM1", "--set", "alpha_y=-0.01"], "alpha_y"),
        (["--bm", "BM1", "--set", "alpha_u=-1e-3"], "alpha_u"),
        (["--bm", "BM1", "--mu0", "1e17"], "--mu0"),
        (["--bm", "BM1", "--mu0", "-5"], "--mu0"),
        (["--bm", "BM1", "--pole-alpha", "0"], "--pole-alpha"),
        (["--bm", "BM1", "--checks", "1.5"], "--checks"),
        (["--charges", "/nonexistent.yaml", "--mu0", "5"], "--charges"),
    ],
)
def test_run_bad_input(capsys, argv, field):
    rc, out, err = _run(capsys, "run", *argv)
    assert rc == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and field in err


def test_run_bad_charge_file(tmp_path, capsys):
    f = tmp_path / "c.yaml"
    f.write_bytes(b"\xff\xfe\x00binary")
    rc, out, err = _run(capsys, "run", "--charges", str(f), "--mu0", "5")
    assert rc == 2 and out == "" and "--charges" in err


def test_scan_grid_json(capsys):
    rc, out, _ = _run(capsys, "scan", "--bm", "BM1", "--grid",
                      "alpha_y=-1:0:3,alpha_deltatilde=-3:-1:3", "--json", "--no-progress")
    data = json.loads(out)
    assert data["n"] == 9 and sum(data["counts"].values()) == 9
    assert rc == (0 if data["counts"]["stable_vplus"] else 1)
    assert data["seconds"] >= 0


def test_scan_random_resumes_without_repeating(tmp_path, capsys):
    out_dir = tmp_path / "scan"
    argv = ["scan", "--bm", "BM3", "--random", "96", "--chunk-size", "32", "--seed", "3",
            "--out", str(out_dir), "--json", "--no-progress"]
    _run(capsys, *argv)
    first = json.loads(_run(capsys, *argv)[1])
    assert first["n"] == 96
    import pyarrow.parquet as pq

    parts = sorted((out_dir / "parts").glob("*.parquet"))
    assert len(parts) == 3
    index = sorted(i for p in parts for i in pq.read_table(p).column("index").to_pylist())
    assert index == list(range(96))
    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert manifest["complete"] and manifest["spec"]["seed"] == 3


@pytest.mark.parametrize(
    "argv, field",
    [
        (["--grid", "alpha_y=-1:0"], "--grid"),
        (["--grid", "alpha_y=-1:0:3"], "--grid"),
        (["--grid", "alpha_q=-1:0:3,alpha_y=-1:0:3"], "alpha_q"),
        (["--random", "-5"], "--random"),
        (["--random", "10", "--box", "alpha_z=-1:0"], "alpha_z"),
        (["--random", "10", "--box", "alpha_u=-1:0:x"], "alpha_u"),
        (["--panel", "top", "--box", "alpha_u=-1:0"], "--box"),
    ],
)
def test_scan_bad_input(capsys, argv, field):
    rc, out, err = _run(capsys, "scan", "--bm", "BM1", *argv)
    assert rc == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and field in err


def test_scan_on_a_local_dask_cluster_equals_in_process(tmp_path, capsys):
    pytest.importorskip("dask.distributed")  # installed by the test extra
    argv = ["scan", "--bm", "BM4", "--grid", "alpha_y=-1:0:2,alpha_delta=-3:-1:2",
            "--chunk-size", "2", "--json", "--no-progress"]
    local = json.loads(_run(capsys, *argv)[1])
    dask = json.loads(_run(capsys, *argv, "--scheduler", "local", "--workers", "2",
                           "--out", str(tmp_path / "d"))[1])
    assert dask["counts"] == local["counts"] and dask["n"] == 4
