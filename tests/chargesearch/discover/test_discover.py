"""The discovery pipeline (chargesearch/discover): rediscovery of BM1-BM4 on a reduced budget,
determinism, re-checks of every reported model, resume after a kill, bad configurations.

Physics: the paper's benchmarks (Table 3) are anomaly-free, match their fit scenarios with
r_Bs <= 1 (Table 6) and have Planck-safe trajectories (Sect. 4, Figs. 4-11)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chargesearch.cli import main as cs_main
from chargesearch.constraints import PAPER_CONSTRAINTS
from chargesearch.discover import discover, preset
from chargesearch.discover.report import write_report
from rgcheck.cli import main as rg_main

SMALL = dict(nu_r=(0,), qmax=6, scan_points=32, refine_points=16, items_per_chunk=4)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("work")
    return discover(preset("default", **SMALL), work=work, progress=False, log=lambda m: None)


def test_rediscovery_finds_bm1_to_bm4_planck_safe(tmp_path):
    """BM1-BM3 at mu0 = 5 TeV; BM4 at its own mu0 = 3 TeV (Table 3). At 5 TeV BM4's alpha4
    grows with M^2 and Gamma/M = 1.19 > 1 ((62)-(65)): the narrow-width stage drops it."""
    cfg = preset("rediscovery", scan_points=16, refine_points=8)
    run = discover(cfg, work=tmp_path / "w", progress=False, log=lambda m: None)
    found = {m["benchmark"] for m in run.models if m["is_paper_benchmark"]}
    assert found == {"BM1", "BM2", "BM3"}
    bm4_cfg = preset("rediscovery", nu_r=(3,), qmax=6, scenarios=("C9",), mu0_tev=3.0,
                     scan_points=16, refine_points=8)
    bm4_run = discover(bm4_cfg, work=tmp_path / "w4", progress=False, log=lambda m: None)
    models = run.models + bm4_run.models
    assert "BM4" in {m["benchmark"] for m in bm4_run.models}
    # each is Planck-safe somewhere in the box; BM1-BM3 in their own scenarios of Table 3 / (42)
    own = {"BM1": "C9", "BM2": "C9=-C10", "BM3": "C9,C10", "BM4": "C9"}
    for bm, scn in own.items():
        rows = [m for m in models if m["benchmark"] == bm and m["scenario"] == scn]
        assert rows and rows[0]["planck_safe_fraction"] > 0, bm
        assert rows[0]["robust_point"] is not None
    ranks = [m["rank"] for m in run.models]
    assert ranks == sorted(ranks) and len(ranks) == len(set(ranks))


def test_deterministic_for_a_fixed_seed(small_run, tmp_path):
    again = discover(preset("default", **SMALL), work=tmp_path / "w2", progress=False,
                     log=lambda m: None)
    assert json.dumps(again.models, default=str) == json.dumps(small_run.models, default=str)
    other = discover(preset("default", **SMALL, seed=5), work=tmp_path / "w3", progress=False,
                     log=lambda m: None)
    assert [m["robust_point"] for m in other.models] != [m["robust_point"]
                                                          for m in small_run.models]


def test_stage_counts_and_report_fields(small_run, tmp_path):
    names = [c.stage for c in small_run.counts]
    assert names[0].startswith("enumerate") and names[-1].startswith("rank")
    for prev, cur in zip(small_run.counts, small_run.counts[1:], strict=False):
        assert cur.n_in is None or cur.n_in == prev.n_out or cur.stage.startswith("match")
    md = write_report(small_run, tmp_path / "rep", "chargesearch discover (test)", plots=False)
    data = json.loads((tmp_path / "rep" / "discoveries.json").read_text())
    assert md.exists() and len(data) == len(small_run.models) > 0
    need = {"scenario", "charges", "mu0_tev", "alpha4", "C9", "C10", "r_Bs",
            "planck_safe_fraction", "robust_point", "landau_pole_tev", "br_invisible_percent",
            "nu_r", "is_paper_benchmark", "score"}
    for m in data:
        assert need <= set(m)
        assert all(isinstance(v, str) for v in m["charges"].values())
        assert m["r_Bs"] <= 1.0 and 0 < m["planck_safe_fraction"] <= 1


def test_every_reported_model_rechecks_clean(small_run, tmp_path, capsys):
    for i, m in enumerate(small_run.models):
        path = tmp_path / f"m{i}.json"
        path.write_text(json.dumps(m["charges"]))
        rc = cs_main(["check", str(path), "--scenario", m["scenario"], "--mass",
                      str(m["mu0_tev"]), "--constraints", ",".join(PAPER_CONSTRAINTS), "--json"])
        out = json.loads(capsys.readouterr().out)
        assert rc == 0 and out["verdict"] == "pass"
        assert all(c["satisfied"] for c in out["constraints"] if c["selected"])
        assert out["matching"]["alpha4"] == pytest.approx(m["alpha4"], rel=1e-12)
        assert out["matching"]["r_Bs"] <= 1.0
        point = {"alpha_4": m["alpha4"], **m["robust_point"]}
        assign = ",".join(f"{k}={v!r}" for k, v in point.items())
        rc = rg_main(["run", "--charges", str(path), "--mu0", str(m["mu0_tev"]), "--set", assign,
                      "--json"])
        res = json.loads(capsys.readouterr().out)
        assert rc == 0 and res["planck_safe"], (m["charges"], res["verdict"])


def test_resume_after_kill_gives_the_uninterrupted_result(small_run, tmp_path):
    work = tmp_path / "killed"
    cfg = {**SMALL, "items_per_chunk": 1}  # one model per chunk: many chance to be killed
    code = (
        "from chargesearch.discover import discover, preset\n"
        f"discover(preset('default', **{cfg!r}), work={str(work)!r}, progress=False,"
        " log=lambda m: None)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    manifest = work / "manifest.json"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if manifest.exists() and '"done"' in manifest.read_text():
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = json.loads(manifest.read_text())
    assert not done_before["complete"]  # killed part-way
    resumed = discover(preset("default", **cfg), work=work, progress=False, log=lambda m: None)
    assert json.dumps(resumed.models, default=str) == json.dumps(small_run.models, default=str)
    after = json.loads(manifest.read_text())
    assert after["complete"] and len(after["runs"]) == len(done_before["runs"]) + 1


@pytest.mark.parametrize(
    "argv, field",
    [
        (["--scenario", "C11"], "scenario"),
        (["--qmax", "40"], "qmax"),
        (["--qmax", "0"], "qmax"),
        (["--nu-r", "0,7"], "nu-r"),
        (["--budget", "-1"], "budget"),
        (["--nu-r", "0", "--qmax", "3", "--where", "F_L2 = 5"], "qmax"),
        (["--scenarios-file", "/nonexistent.yaml"], "scenario file"),
    ],
)
def test_bad_configuration(argv, field, tmp_path, capsys):
    rc = cs_main(["discover", *argv, "--out", str(tmp_path / "o"), "--work", str(tmp_path / "w"),
                  "--no-progress", "--no-plots"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and field in err[-1]
    assert not (tmp_path / "o").exists()


def test_empty_result_names_the_stage(tmp_path, capsys):
    rc = cs_main(["discover", "--nu-r", "0", "--qmax", "4", "--scenario", "C9=-C10",
                  "--out", str(tmp_path / "o"), "--work", str(tmp_path / "w"), "--no-progress",
                  "--no-plots"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 1 and "match C9=-C10" in err[-1]


def test_committed_report_models_recheck_clean(tmp_path, capsys):
    """results/discoveries (the README's main job) holds, per scenario, new Planck-safe models
    (issue: at least one not among BM1-BM4); the best of each re-checks clean."""
    path = Path(__file__).resolve().parents[3] / "results" / "discoveries" / "discoveries.json"
    models = json.loads(path.read_text())
    best: dict[str, dict] = {}
    for m in models:
        if not m["is_paper_benchmark"]:
            best.setdefault(m["scenario"], m)
    assert set(best) == {"C9", "C9=-C10", "C9,C10"}
    for m in best.values():
        f = tmp_path / "m.json"
        f.write_text(json.dumps(m["charges"]))
        assign = ",".join(f"{k}={v!r}" for k, v in {"alpha_4": m["alpha4"],
                                                      **m["robust_point"]}.items())
        rc = rg_main(["run", "--charges", str(f), "--mu0", str(m["mu0_tev"]), "--set", assign,
                      "--json"])
        assert rc == 0 and json.loads(capsys.readouterr().out)["planck_safe"]
        rc = cs_main(["check", str(f), "--scenario", m["scenario"], "--mass", str(m["mu0_tev"]),
                      "--constraints", ",".join(PAPER_CONSTRAINTS), "--json"])
        out = json.loads(capsys.readouterr().out)
        assert rc == 0 and out["verdict"] == "pass" and out["matching"]["r_Bs"] <= 1
        assert all(c["satisfied"] for c in out["constraints"] if c["selected"])
