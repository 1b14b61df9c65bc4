"""`chargesearch check`: the exit-code contract on passing and failing charge sets (issue 9).

0 the charge set passes every selected constraint, the matching and the bounds; 1 it fails and
the last line names the first failure; 2 bad input. Observables of an excluded set are printed
under an EXCLUDED heading.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from chargesearch.benchmarks import benchmark
from chargesearch.chargefile import write_charges
from chargesearch.cli import main


def _file(tmp_path, name, **changes):
    charges = dict(benchmark(name).charges.items())
    charges.update({k: Fraction(v) for k, v in changes.items()})
    from chargesearch.charges import ChargeAssignment

    path = tmp_path / f"{name}.toml"
    write_charges(ChargeAssignment.from_mapping(charges), path)
    return path


@pytest.mark.parametrize(
    ("name", "args"),
    [("BM1", ["--scenario", "C9"]), ("BM2", ["--scenario", "C9=-C10"]),
     ("BM3", ["--scenario", "C9,C10"]), ("BM4", ["--scenario", "C9", "--mass", "3"])],
)
def test_paper_benchmarks_pass_with_their_scenario(tmp_path, capsys, name, args):
    """Table 3: each benchmark meets the paper's constraints, r_Bs <= 1 (Table 6) and
    Gamma/M <= 1 ((62)-(65): 0.43, 0.14, 0.73, 0.43) in its own scenario."""
    assert main(["check", str(_file(tmp_path, name)), *args]) == 0
    assert "EXCLUDED" not in capsys.readouterr().out


def test_anomalous_set_fails_and_prints_observables_under_excluded(tmp_path, capsys):
    """Changing F_Q1 breaks (15); the verdict is 1 and names the anomaly first."""
    path = _file(tmp_path, "BM1", F_Q1="1/10")
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "EXCLUDED" in out
    assert err.strip().splitlines()[-1].startswith("FAIL: anomaly (15)")


def test_bs_mixing_above_the_bound_fails(tmp_path, capsys):
    """BM2 matched to the 1d C9 scenario (C9 = -0.83 instead of -0.41, Table 2) needs
    g4^2 larger by 0.83/0.41, so r_Bs = 0.86 (Table 6) x 2.02 = 1.74 > 1 (41)."""
    assert main(["check", str(_file(tmp_path, "BM2")), "--scenario", "C9"]) == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("FAIL: r_Bs = 1.7")


def test_broad_resonance_fails(tmp_path, capsys):
    """BM4 at 5 TeV instead of its 3 TeV: at fixed C9 alpha4 grows with M^2, so Gamma/M =
    0.43 ((62)-(65), SPEC section 5) x (5/3)^2 = 1.19 > 1."""
    assert main(["check", str(_file(tmp_path, "BM4")), "--mass", "5"]) == 1
    assert "FAIL: width_over_mass" in capsys.readouterr().err


def test_wrong_wilson_sign_fails_without_matching(tmp_path, capsys):
    """Flipping F_L2, F_E2 of BM1 gives C9 > 0, against (40): no matching, exit 1."""
    path = _file(tmp_path, "BM1", F_L2="9/10", F_E2="9/10", F_L3="-9/10", F_E3="-9/10")
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "No matching" in out and "wilson-sign (40)" in err


def test_json_carries_the_verdict(tmp_path, capsys):
    path = _file(tmp_path, "BM1", F_Q1="1/10")
    assert main(["check", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "fail" and data["excluded"] is True
    assert data["failures"][0].startswith("anomaly (15)")


def test_full_yukawa_failures_are_compact_and_selectable(tmp_path, capsys):
    """BM1 forbids 14 of the 18 Yukawa entries (16): one grouped line, and selecting the
    constraint turns it into the verdict."""
    assert main(["check", str(_file(tmp_path, "BM1")), "--constraints", "full-yukawa"]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "14 Yukawa entries forbidden" in err and "Y^u: 13 23 31 32" in err


@pytest.mark.parametrize(
    "args",
    [["--constraints", ""], ["--mass", "0"], ["--mass", "inf"], ["--mass", "0.001"],
     ["--mass", "1.5e308"], ["--sqrt-s", "nan"], ["--constraints", "nonsense"]],
)
def test_bad_options_are_one_line_exit_2(tmp_path, capsys, args):
    try:
        code = main(["check", str(_file(tmp_path, "BM1")), *args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "error" in err[0]


def test_wcxf_export_is_read_back_by_wilson(tmp_path, capsys):
    """`check --wcxf`: the WCxf file (WET, flavio basis) loads in `wilson` with BM1's C9^mu =
    -0.83 (Table 3) and no electron coefficient (8)."""
    from wilson import Wilson

    out = tmp_path / "bm1.yaml"
    assert main(["check", str(_file(tmp_path, "BM1")), "--wcxf", str(out)]) == 0
    with out.open() as handle:
        wc = Wilson.load_wc(handle)
    assert wc.wc.eft == "WET" and wc.wc.basis == "flavio"
    assert wc.wc.dict["C9_bsmumu"] == pytest.approx(-0.83, rel=1e-9)
    assert wc.wc.dict.get("C9_bsee", 0) == 0


@pytest.mark.parametrize("args", [
    ["--wcxf", "/nonexistent/folder/x.yaml"], ["--wcxf", "out.txt"],
    ["--groups", "DeltaMs"], ["--likelihood", "flavio", "--groups", "nonsense"],
])
def test_bad_wcxf_and_likelihood_options(tmp_path, capsys, monkeypatch, args):
    """Bad output path, --groups without --likelihood, an unknown group: exit 2, nothing
    written (relative paths land in an empty working folder, which stays empty)."""
    monkey = tmp_path / "cwd"
    monkey.mkdir()
    monkeypatch.chdir(monkey)
    assert main(["check", str(_file(tmp_path, "BM1")), *args]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not list(monkey.iterdir())


def test_flavio_likelihood_per_group(tmp_path, capsys):
    """`check --likelihood flavio`: BM1's Delta M_s group chi2 from flavio at the matched point;
    BM1 shifts Delta M_s by 2% (97), so its pull is small (|pull| < 2)."""
    rc = main(["check", str(_file(tmp_path, "BM1")), "--likelihood", "flavio", "--groups",
               "DeltaMs", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0
    group = data["likelihood"]["DeltaMs"]
    assert group["chi2"] >= 0 and abs(group["pull"]) < 2


def test_find_json_pipes_into_check_and_rgcheck(tmp_path, capsys):
    """Round trip (issue 9): a `find --json` result is a charge file for `check` (all paper
    constraints satisfied, the free F_psi, F_phi completed and announced) and for
    `rgcheck betas --charges` without editing."""
    from rgcheck.cli import main as rg_main

    assert main(["find", "--preset", "paper", "--qmax", "6", "--where", "F_Q3 != F_Q2",
                 "--where", "F_L2 != 0", "--json"]) == 0
    path = tmp_path / "sol.json"
    path.write_text(capsys.readouterr().out)
    rc = main(["check", str(path), "--scenario", "C9,C10", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc in (0, 1) and rc == (0 if out["verdict"] == "pass" else 1)
    assert all(c["satisfied"] for c in out["constraints"] if c["name"] != "full-yukawa"
               and c["selected"])
    assert set(out["completed_defaults"]) == {"F_psi", "F_phi"}
    assert rg_main(["betas", "--charges", str(path), "--loops", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["charges"]["F_psi"] == "1"


def test_scenario_file_with_a_missing_sigma_is_exit_2(tmp_path, capsys):
    """Issue 10: a scenario file whose coordinate lacks its sigma: one line, exit 2."""
    scn = tmp_path / "fit.yaml"
    scn.write_text("scenarios:\n  new:\n    coordinates: {C9: [-0.5]}\n")
    assert main(["check", str(_file(tmp_path, "BM1")), "--scenarios-file", str(scn),
                 "--scenario", "new"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "[central, sigma]" in err[0]


def test_electron_couplings_enter_search_matching_and_observables(tmp_path, capsys):
    """Issue 10: with the electron constraint (8) off, the search finds a charge set with
    F_L1 = F_L2 = F_E1 = F_E2 != 0 (lepton-universal e-mu couplings, C10 = 0) obeying (40) with
    C9 != 0 (any such solution z3 picks); matched, it has C9^e = C9^mu < 0 and R_K = 1 exactly at
    leading order; it fails on (8) by default and not when (8) is not selected."""
    where = ["--where", "F_L1 = F_L2", "--where", "F_E1 = F_E2", "--where", "F_L2 = F_E2",
             "--where", "F_L2 != 0", "--where", "F_Q3 != F_Q2"]
    assert main(["find", "--constraints", "anomaly,kaon,wilson-sign", "--nu-r", "3", "--qmax",
                 "4", *where, "--json"]) == 0
    path = tmp_path / "universal.json"
    path.write_text(capsys.readouterr().out)
    rc = main(["check", str(path), "--scenario", "C9,C10", "--json"])
    out = json.loads(capsys.readouterr().out)
    m = out["matching"]
    assert m["C9_e"] == pytest.approx(m["C9"]) and m["C9"] < 0
    assert m["R_K"] == pytest.approx(1.0, abs=1e-12)
    assert rc == 1 and out["failures"][0].startswith("electron (8)")
    rc = main(["check", str(path), "--scenario", "C9,C10", "--constraints",
               "anomaly,kaon,wilson-sign", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["excluded"] is False
    assert not any(f.startswith("electron") for f in out["failures"])
    assert rc == (0 if out["verdict"] == "pass" else 1)
