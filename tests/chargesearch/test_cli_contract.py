"""The command-line contract of ``chargesearch``: help of every command (defaults,
descriptions, exit codes, no reStructuredText), --version, ``python -m chargesearch``, quiet end
on a closed pipe, one-line exit-2 errors for bad output folders and discover options, and exit 3
for internal errors."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from chargesearch.cli import DISTRIBUTION, build_parser, main

ROOT = Path(__file__).parents[2]
CHARGESEARCH = [sys.executable, "-m", "chargesearch"]
BM3 = ROOT / "examples" / "bm3.toml"
def _help(command: str) -> str:
    """The --help text of one sub-command."""
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return " ".join(sub.choices[command].format_help().split())


def test_help_shows_each_default_once() -> None:
    """Reason: the formatter adds "(default: X)" unless the help text names its default (no
    default twice: tests/clicontract/test_help.py)."""
    text = _help("discover")
    assert "(default: 5)" in text and "(default: results/discoveries)" in text


def test_version_and_python_dash_m() -> None:
    """Reason: --version names the installed distribution's version; python -m chargesearch
    is the console script."""
    res = subprocess.run([*CHARGESEARCH, "--version"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert res.returncode == 0
    assert res.stdout.strip() == f"chargesearch {version(DISTRIBUTION)}"


PIPED = [
    ["validate"],
    ["check", str(BM3)],
    ["find", "--preset", "paper", "--qmax", "4"],
    ["enumerate", "--preset", "atlas", "--nu-r", "0", "--qmax", "2", "--no-progress"],
]


@pytest.mark.parametrize("command", PIPED, ids=[c[0] for c in PIPED])
def test_closed_pipe_ends_quietly(command: list[str]) -> None:
    """Reason: `chargesearch CMD | head` must not print a BrokenPipeError traceback. The pipe
    is closed before the command writes, so every write meets it (not vacuous: the command
    does print, see the full run)."""
    argv = [*CHARGESEARCH, *command]
    full = subprocess.run(argv, capture_output=True, cwd=ROOT, timeout=300)
    assert full.returncode == 0 and full.stdout, full.stderr
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(argv, stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(write_end)
    os.close(read_end)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_pipe_into_head_keeps_the_first_line() -> None:
    """Reason: the shell pipeline of the issue; the output (~10 kB) outlasts head."""
    res = subprocess.run("set -o pipefail; " + " ".join(CHARGESEARCH) + " validate | head -1",
                         shell=True, capture_output=True, text=True, cwd=ROOT, timeout=300,
                         executable="/bin/bash")
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 1
    assert "Traceback" not in res.stderr and "BrokenPipe" not in res.stderr


def _exit_code(argv: list[str]) -> int | str | None:
    """main's exit status, whether returned or raised by argparse (usage errors)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def _one_line_error(capsys: pytest.CaptureFixture[str], field: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert re.match(rf"chargesearch: error: {field}: expected ", err), err
    return err


OUT_COMMANDS = {
    "enumerate": ["enumerate", "--preset", "atlas", "--nu-r", "0", "--qmax", "2"],
    "enumerate-z3": ["enumerate", "--preset", "atlas", "--nu-r", "0", "--qmax", "1",
                     "--backend", "z3"],
    "discover-out": ["discover", "--nu-r", "0", "--qmax", "2", "--out"],
    "discover-work": ["discover", "--nu-r", "0", "--qmax", "2", "--work"],
}


@pytest.mark.parametrize("case", list(OUT_COMMANDS))
def test_out_must_be_a_folder_with_an_existing_parent(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reason: an output path at an existing file or under a missing folder is bad input (exit
    2, one line naming the option) and nothing is written."""
    monkeypatch.chdir(tmp_path)
    command = OUT_COMMANDS[case]
    flag = [] if command[-1] in ("--out", "--work") else ["--out"]
    field = "(--)?" + (command[-1] if not flag else "--out").lstrip("-")
    Path("file").write_text("keep")
    assert main([*command, *flag, "file"]) == 2
    _one_line_error(capsys, field)
    assert main([*command, *flag, "missing/out"]) == 2
    _one_line_error(capsys, field)
    assert Path("file").read_text() == "keep" and os.listdir() == ["file"]


BAD_DISCOVER = [
    ("--mu0", "nan", "mu0"), ("--mu0", "inf", "mu0"), ("--mu0", "0", "mu0"),
    ("--mu0", "-5", "mu0"), ("--mu0", "0.004", "mu0"), ("--budget", "0", "budget"),
    ("--budget", "-1", "budget"), ("--budget", "nan", "budget"), ("--budget", "inf", "budget"),
    ("--top", "0", "top"), ("--seed", "-1", "seed"), ("--qmax", "0", "qmax"),
    ("--workers", "0", "workers"), ("--nu-r", "4", "nu-r"), ("--nu-r", "x", "nu-r"),
    ("--mu0", "x", "--mu0"),
]


@pytest.mark.parametrize(("option", "value", "field"), BAD_DISCOVER)
def test_discover_options_are_checked_where_they_enter(
    option: str, value: str, field: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reason: scales and budgets must be finite and positive (mu0 well above the b mass),
    counts positive integers; refused with one line before any work or file."""
    monkeypatch.chdir(tmp_path)
    assert _exit_code(["discover", "--no-progress", option, value]) == 2
    _one_line_error(capsys, field)
    assert os.listdir() == []


def test_unexpected_errors_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reason: exit 1 means "fails"; a crash is an unknown outcome (3), named on the last line."""
    import chargesearch.commands.validate as validate

    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "run", broken)
    assert main(["validate"]) == 3
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("chargesearch: internal error") and "RuntimeError: boom" in last
