"""Judging models against today's data (issue 10): LHCb 2022 R_K(*), Belle II 2023
B+ -> K+ nu nu, Delta M_s; the report command."""

from __future__ import annotations

import json

import pytest

from chargesearch.benchmarks import benchmark
from chargesearch.commands.today import judgements
from chargesearch.measurements import measurement
from chargesearch.scenarios import scenario
from chargesearch.summary import summarise
from chargesearch.today import Standing, judge_sm, judge_today


def _judge(name):
    bm = benchmark(name)
    return judge_today(summarise(bm.charges, scenario(bm.scenario), bm.mu0_TeV), name)


def test_sm_row_is_consistent_with_rk_and_in_tension_with_belle_ii():
    """SM: R_K = 1 against LHCb 2022 0.949 +- 0.047 (+1.1 sigma); B(B+ -> K+ nu nu)_SM = 4.0e-6
    against Belle II 2.3e-5 +0.71/-0.64 e-5 (arXiv:2311.14647): -2.96 sigma in the one-sided
    Gaussian approximation, just inside "tension"."""
    bm = benchmark("BM1")
    sm = judge_sm(summarise(bm.charges, scenario("C9"), 5.0))
    by = {c.key: c for c in sm.comparisons}
    assert by["R_K"].predicted == 1.0
    assert by["R_K"].pull == pytest.approx((1 - 0.949) / 0.047, abs=0.05)
    sm_knunu = measurement("BR_BtoKnunu_SM_Buras2014").value
    assert by["BR_BpKnunu"].predicted == pytest.approx(sm_knunu)
    assert by["BR_BpKnunu"].standing is Standing.TENSION


@pytest.mark.parametrize("name", ["BM1", "BM2", "BM3", "BM4"])
def test_benchmarks_are_disfavoured_by_lhcb_2022(name):
    """Table 3 models give C9^mu ~ -0.7..-0.8 and no electron coupling: R_K ~ 0.8 at LO,
    3 sigma or more below LHCb 2022 (0.949 +- 0.047)."""
    j = _judge(name)
    rk = next(c for c in j.comparisons if c.key == "R_K")
    assert 0.75 < rk.predicted < 0.82
    assert rk.pull < -3.0
    assert j.standing is Standing.DISFAVOURED


def test_report_command_writes_three_files(tmp_path, capsys):
    from chargesearch.cli import main

    out = tmp_path / "today"
    assert main(["today", "--out", str(out)]) == 0
    data = json.loads((out / "today.json").read_text())
    assert [d["name"] for d in data] == ["SM", "BM1", "BM2", "BM3", "BM4"]
    assert "disfavour" in (out / "report.md").read_text()
    assert (out / "rk_vs_knunu.png").stat().st_size > 1000


def test_discoveries_file_adds_the_best_new_model_per_scenario(tmp_path):
    rows = [{"scenario": "C9", "rank": 1, "mu0_tev": 5.0, "benchmark": None,
             "charges": {k: str(v) for k, v in benchmark("BM1").charges.items()}}]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(rows))
    names = [j.name for j in judgements(str(path))]
    assert names[-1] == "new C9 (rank 1)"


def test_bad_discoveries_file_is_one_line_exit_2(tmp_path, capsys):
    from chargesearch.cli import main

    path = tmp_path / "d.json"
    path.write_text('{"not": "a list"}')
    assert main(["today", "--out", str(tmp_path / "o"), "--discoveries", str(path)]) == 2
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_flavio_table_in_the_report(tmp_path):
    """With the flavio extra the report adds a pull per observable group: BM1's R_K(*) group
    is penalised (negative pull), its b -> s mu mu group favoured (Table 2's 2021 story)."""
    from chargesearch.cli import main

    out = tmp_path / "today"
    assert main(["today", "--out", str(out), "--likelihood", "flavio"]) == 0
    rows = {d["name"]: d["flavio_pulls"] for d in json.loads((out / "today.json").read_text())}
    assert rows["BM1"]["RK(*)"] < -2 and rows["BM1"]["b->smumu"] > 2
    assert "flavio likelihood" in (out / "report.md").read_text()
