"""The find / enumerate / prove / bench commands and their bad-input behaviour (items 3-5, 9)."""

from __future__ import annotations

import json

import pytest

from chargesearch.cli import main

PROVE = ["prove", "--nu-r", "0", "--constraints", "kaon,electron,quark-yukawa"]


def test_prove_appendix_d_example(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: issue #3 item 4, exactly as written (eq. (104)); proved for all rational
    solutions with z3 and an exact Groebner certificate, no non-triviality assumed."""
    code = main([*PROVE, "--claim", "F_H = 0 and (F_E2 = F_L2 or F_E2 = -F_L2)"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[1] == "PROVED: F_H = 0 and (F_E2 = F_L2 or F_E2 = -F_L2)"
    assert "z3 nlsat" in out and "Groebner" in out and "(F_H)^3 reduces to 0" in out
    assert "non-vacuous" in out


def test_prove_c10_zero_with_wilson_sign(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: item 4, second claim: with (40) added, C10 = 0."""
    code = main(["prove", "--nu-r", "0", "--constraints", "kaon,electron,quark-yukawa,"
                 "wilson-sign", "--claim", "C10 = 0"])
    assert code == 0 and "PROVED: C10 = 0" in capsys.readouterr().out


def test_prove_refutes_with_right_handed_neutrinos(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: with three nu_R the Appendix D conclusion F_H = 0 fails; REFUTED, exit 1,
    with an exact counterexample that satisfies the hypotheses."""
    code = main(["prove", "--nu-r", "3", "--constraints", "kaon,electron,quark-yukawa",
                 "--claim", "F_H = 0", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["status"] == "REFUTED" and data["counterexample_exact"]
    from fractions import Fraction

    from chargesearch.constraints import select

    values = {k: Fraction(v) for k, v in data["counterexample"].items()}
    assert values["F_H"] != 0
    for c in select(["anomaly", "kaon", "electron", "quark-yukawa"], 3):
        for label, f in c.parts:
            assert f.evaluate(values), label


def test_find_none_names_conflict(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: item 9, contradictory constraints -> "none" naming them, exit 1."""
    code = main(["find", "--nu-r", "0", "--constraints", "higgs-neutral", "--where", "F_H = 2"])
    out = capsys.readouterr().out
    assert code == 1 and "none" in out
    assert "higgs-neutral (19): F_H = 0" in out and "user: F_H = 2" in out


def test_find_solution(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: find prints one canonical solution (exit 0)."""
    assert main(["find", "--preset", "paper", "--nu-r", "3", "--qmax", "4"]) == 0
    assert "canonical form" in capsys.readouterr().out


def test_enumerate_count_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: item 5 interface: --count prints the count as the last line; --json keys."""
    assert main(["enumerate", "--preset", "atlas", "--nu-r", "3", "--qmax", "3", "--count",
                 "--no-progress"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "4115"
    assert main(["enumerate", "--preset", "atlas", "--nu-r", "1", "--qmax", "2", "--json",
                 "--no-progress"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"count", "qmax", "nu_r", "seconds"} <= set(data) and data["count"] == 69


def test_enumerate_z3_backend_lists(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: item 3, z3 enumeration through the CLI."""
    assert main(["enumerate", "--preset", "atlas", "--nu-r", "0", "--qmax", "1", "--backend",
                 "z3"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "count: 7" and len([x for x in out if not x.startswith(("#", "c"))]) == 7


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["find", "--where", "F_X1 = 0"], "F_X1"),
        (["find", "--where", "F_E2 = = 0"], "user constraint 1"),
        (["find", "--where", "__import__('os')"], "user constraint 1"),
        (["find", "--constraints", "nonsense"], "constraint"),
        (["prove", "--claim", "F_H =="], "claim"),
        (["enumerate", "--preset", "atlas", "--qmax", "40", "--count"], "estimated"),
        (["enumerate", "--constraints", "quark-yukawa", "--qmax", "3"], "backend"),
    ],
)
def test_bad_input_one_line_exit_2(argv: list[str], needle: str, tmp_path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: item 9 -- one clear line on stderr, exit 2, nothing written."""
    code = main([*argv, *(["--out", str(tmp_path / "o")] if argv[0] == "enumerate" else [])])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and needle in err[0]
    assert not (tmp_path / "o").exists()


def test_solver_timeouts_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """Reason: item 3 -- every solver call has a timeout, and a timeout is reported as such
    (exit 3), never as "no solution"."""
    code = main(["find", "--preset", "atlas", "--qmax", "9", "--timeout", "0.001",
                 "--where", "F_Q1 = 7", "--where", "F_nu1 = 9"])
    assert code == 3 and "timeout" in capsys.readouterr().out
    code = main(["enumerate", "--preset", "atlas", "--nu-r", "3", "--qmax", "3", "--backend",
                 "z3", "--timeout", "0.001", "--force"])
    out = capsys.readouterr().out
    assert code == 3 and "INCOMPLETE" in out and "timed out" in out
