"""The command-line contract of ``rgcheck``: help of every command (defaults, descriptions,
exit codes, no reStructuredText), --version, ``python -m rgcheck``, quiet end on a closed pipe,
one-line exit-2 errors for bad output folders and numbers, exit 3 for internal errors, and the
notice on a first (slow) derivation."""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from rgcheck.cli import DISTRIBUTION, build_parser, main

ROOT = Path(__file__).parents[2]
RGCHECK = [sys.executable, "-m", "rgcheck"]
def _help(command: str) -> str:
    """The --help text of one sub-command."""
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return " ".join(sub.choices[command].format_help().split())


def test_help_shows_each_default_once() -> None:
    """Reason: defaults come from the formatter; a help text that also names its default
    would show it twice."""
    text = _help("scan")
    assert "(default: 4096)" in text and "(default: 41)" in text and "(default: 2)" in text
    assert not re.search(r"\(\d+\)\s+\(default", text)
    assert text.count("default") == len(re.findall(r"\(default[: ]", text))


def test_version_and_python_dash_m() -> None:
    """Reason: --version names the installed distribution's version, also via python -m."""
    res = subprocess.run([*RGCHECK, "--version"], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert res.returncode == 0 and res.stdout.strip() == f"rgcheck {version(DISTRIBUTION)}"


def _first_bytes_then_close(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv`` into a one-page pipe, read 100 bytes, close the pipe (like ``| head``)."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(argv, stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(write_end)
    first = os.read(read_end, 100)
    os.close(read_end)
    _, err = proc.communicate(timeout=120)
    assert first  # the command did start writing
    return subprocess.CompletedProcess(argv, proc.returncode, first, err)


def test_closed_pipe_ends_quietly() -> None:
    """Reason: `rgcheck betas --bm BM1 | head` must not print a BrokenPipeError traceback;
    the output (~10 kB) is larger than the pipe, so the command does meet the closed pipe."""
    argv = [*RGCHECK, "betas", "--bm", "BM1"]
    full = subprocess.run(argv, capture_output=True, cwd=ROOT, timeout=120).stdout
    assert len(full) > 2 * 4096
    res = _first_bytes_then_close(argv)
    assert res.returncode == 0, res.stderr
    assert b"Traceback" not in res.stderr and b"BrokenPipe" not in res.stderr
    assert res.stdout == full[:len(res.stdout)]


def test_closed_pipe_keeps_the_verdict_of_a_finished_command() -> None:
    """Reason: a command that finished and only met the closed pipe with its buffered summary
    keeps its exit code (here 1: no Planck-safe point), again without a traceback."""
    argv = [*RGCHECK, "scan", "--bm", "BM1", "--grid", "alpha_y=-3:0:2,alpha_deltatilde=-6:0:2",
            "--no-progress"]
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as usual
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(argv, stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, text=True,
                            env=buffered)
    os.close(write_end)
    os.close(read_end)  # before the summary is written: its flush meets the closed pipe
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and "Traceback" not in err and "BrokenPipe" not in err
    assert err.strip().splitlines()[-1] == "rgcheck: no Planck-safe point in the scan"


def _one_line_error(capsys: pytest.CaptureFixture[str], field: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"rgcheck: error: {field}: expected "), err
    return err


@pytest.mark.parametrize("command", [["scan", "--bm", "BM1", "--panel", "top"], ["paper"]])
def test_out_must_be_a_folder_with_an_existing_parent(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reason: --out at an existing file, or under a missing folder, is bad input (exit 2,
    one line) and nothing is written."""
    existing = tmp_path / "file.txt"
    existing.write_text("keep")
    assert main([*command, "--out", str(existing)]) == 2
    _one_line_error(capsys, "--out")
    assert existing.read_text() == "keep"
    nested = tmp_path / "missing" / "out"
    assert main([*command, "--out", str(nested)]) == 2
    _one_line_error(capsys, "--out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


BAD_NUMBERS = [
    ("--mu0", "nan"), ("--mu0", "inf"), ("--mu0", "0"), ("--mu0", "-5"),
    ("--pole-alpha", "0"), ("--pole-alpha", "-1"), ("--pole-alpha", "nan"),
    ("--mu-end", "-5"), ("--mu-end", "inf"), ("--checks", "1"), ("--checks", "2.5"),
    ("--rtol", "0"), ("--set", "alpha_y=nan"),
]


@pytest.mark.parametrize("command", [["run"], ["scan", "--panel", "top"]])
@pytest.mark.parametrize(("option", "value"), BAD_NUMBERS)
def test_bad_numbers_are_one_line_errors(
    command: list[str], option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reason: scales and criteria must be finite and positive; the error names the option."""
    assert main([*command, "--bm", "BM1", option, value]) == 2
    field = "--set alpha_y" if option == "--set" else option
    _one_line_error(capsys, field)


def test_unexpected_errors_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reason: exit 1 means "fails"; a crash is an unknown outcome (3), named on the last line."""
    import rgcheck.commands.betas as betas

    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(betas, "run", broken)
    assert main(["betas", "--bm", "BM1"]) == 3
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("rgcheck: internal error") and "RuntimeError: boom" in last


MODEL = """\
name: sm-plus-phi
include_sm: true
nu_R: []
scalars:
  - {name: phi, su3: "1", su2: "1", Y: "0", F: F_phi}
quartics:
  - {coupling: s, kind: bilinear, fields: [phi, phi]}
  - {coupling: deltatilde, kind: bilinear, fields: [H, phi]}
charges:
"""
CHARGES = [f"F_{f}{i}" for f in "QUDLE" for i in (1, 2, 3)] + ["F_H", "F_phi"]


def test_first_derivation_says_what_it_does(tmp_path: Path) -> None:
    """Reason: a cold derivation of a new field content takes seconds and must not look like a
    hang: one line on stderr on a cache miss, none once the result is cached."""
    model = tmp_path / "model.yaml"
    model.write_text(MODEL + "".join(f'  {k}: "{int(k == "F_phi")}"\n' for k in CHARGES))
    env = {**os.environ, "RGCHECK_CACHE_DIR": str(tmp_path / "cache")}
    argv = [*RGCHECK, "betas", "--model", str(model), "--loops", "1"]
    runs = [subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    notes = [line for line in runs[0].stderr.splitlines() if "deriving" in line]
    assert notes == [f"rgcheck: deriving one-loop beta functions for model 'sm-plus-phi' "
                     f"(15 fermion and 2 scalar fields, first time, ~12 s; cached in "
                     f"{tmp_path / 'cache'})"]
    assert runs[1].stderr == "" and runs[1].stdout == runs[0].stdout
    assert list((tmp_path / "cache").glob("betas-*.json"))
