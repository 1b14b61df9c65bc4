"""Safe reading of ``--charges`` and ``--model`` files (issue 9): bad files are one RGInputError
line (exit 2); chargesearch outputs (find --json, find text, enumerate Parquet) read back, with
omitted single charges completed by the documented defaults and announced on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rgcheck.cli import main
from rgcheck.commands.common import read_charges
from rgcheck.errors import RGInputError
from rgcheck.model_file import load_model, model_from_dict
from rgcheck.parsing import parse_rational
from userfiles.charges import default_phi

FERMIONS = {f"F_{s}{i}": "0" for s in "QUDLE" for i in (1, 2, 3)}

#: name -> (file name, content, part of the message)
BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    "binary file": ("c.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "a UTF-8 text file"),
    "non-UTF-8": ("c.yaml", "F_Q1: '\xe9'".encode("latin-1"), "a UTF-8 text file"),
    "duplicate YAML key": ("c.yaml", b"F_Q1: 0\nF_Q1: 1\n", "each key at most once"),
    "duplicate JSON key": ("c.json", b'{"F_Q1": 0, "F_Q1": 1}', "each key at most once"),
    "YAML alias": ("c.yaml", b"a: &x [*x]\n", "without aliases"),
    "deep JSON": ("c.json", b"[" * 100_000 + b"]" * 100_000, "nested at most"),
    "deep YAML": ("c.yaml", b"[" * 65 + b"]" * 65, "nested at most 64"),
    "huge int": ("c.json", b'{"F_Q1": ' + b"9" * 5000 + b"}", "at most 4300 digits"),
    "1.5e308": ("c.json", json.dumps({**FERMIONS, "F_Q1": 1.5e308}).encode(), "rational"),
    "nan": ("c.yaml", b"F_Q1: .nan\n", "rational"),
    "exponent string": ("c.json", b'{"F_Q1": "1e999999999"}', "rational"),
    "empty file": ("c.yaml", b"", "a mapping"),
}


def _write(tmp_path, case: str):
    name, content, expected = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(content)
    return path, expected


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_charge_files_are_one_line_errors(tmp_path, case):
    path, expected = _write(tmp_path, case)
    with pytest.raises(RGInputError) as err:
        read_charges(str(path))
    assert expected in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("case", ["binary file", "duplicate YAML key", "deep JSON", "huge int",
                                  "1.5e308"])
def test_run_cli_exits_2_with_one_line(tmp_path, capsys, case):
    """Reason: CLI contract, one stderr line ``rgcheck: error: ...`` and status 2."""
    path, expected = _write(tmp_path, case)
    assert main(["run", "--charges", str(path), "--mu0", "5"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("rgcheck: error: ")
    assert captured.err.count("\n") == 1 and expected in captured.err


MODEL_CASES = {
    "empty file": ("m.yaml", b"", "a non-empty model file"),
    "empty JSON object": ("m.json", b"{}", "a non-empty model file"),
    "binary file": ("m.yaml", b"\x00\x01\x02\xff", "a UTF-8 text file"),
    "non-UTF-8": ("m.yaml", "name: '\xe9'".encode("latin-1"), "a UTF-8 text file"),
    "duplicate key": ("m.yaml", b"name: a\nname: b\n", "each key at most once"),
    "deep nesting": ("m.json", b'{"fermions": ' + b"[" * 70 + b"]" * 70 + b"}", "nested at most"),
    "fermions not a list": ("m.yaml", b"fermions: 5\n", "fermions: expected a list"),
    "yukawa without coupling": (
        "m.yaml",
        b"scalars: [{name: X}]\nfermions: [{name: a}]\n"
        b"yukawas: [{kind: dag, scalar: X, psi1: a, psi2: a}]\n",
        "yukawas[0].coupling",
    ),
    "huge multiplicity": ("m.yaml", b"fermions: [{name: a, mult: 1e300}]\n", "fermions[0].mult"),
}


@pytest.mark.parametrize("case", sorted(MODEL_CASES))
def test_bad_model_files_exit_2_with_one_line(tmp_path, capsys, case):
    name, content, expected = MODEL_CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RGInputError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        load_model(path)
    assert main(["betas", "--model", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rgcheck: error: ") and err.count("\n") == 1


def test_defaults_are_completed_and_announced(tmp_path, capsys):
    """Reason: missing F_H, F_S, F_psi, F_phi get (19), (5), Table 3 and the first allowed 1/n
    (10), same rule as chargesearch, announced in one stderr line."""
    path = tmp_path / "c.yaml"
    path.write_text(json.dumps({**FERMIONS, "F_nu1": "1/8"}))
    charges, completed = read_charges(str(path))
    assert (charges["F_H"], charges["F_S"], charges["F_psi"]) == (0, 0, 1)
    assert charges["F_phi"] == Fraction(1, 5) == default_phi([Fraction(1, 8)])
    assert set(completed) == {"F_H", "F_S", "F_psi", "F_phi"}
    assert main(["betas", "--charges", str(path), "--loops", "1", "--format", "json"]) == 0
    # a first derivation on a cold cache adds its own progress line; the note is one line
    err = [line for line in capsys.readouterr().err.splitlines() if "deriving" not in line]
    assert len(err) == 1 and err[0].startswith("rgcheck: note: F_H, F_psi, F_S, F_phi not in")


def test_find_json_read_by_rgcheck(tmp_path):
    """Reason: a ``chargesearch find --json`` result is an rgcheck charge file (issue 9 item 3)."""
    cmd = [sys.executable, "-m", "chargesearch.cli", "find", "--preset", "paper", "--qmax", "4",
           "--json"]
    doc = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    (tmp_path / "sol.json").write_text(doc)
    charges, completed = read_charges(str(tmp_path / "sol.json"))
    given = json.loads(doc)["charges"]
    assert {k: str(v) for k, v in charges.items() if k in given} == given
    assert set(completed) == {"F_psi", "F_phi"}


def test_txt_is_toml(tmp_path):
    """Reason: ``chargesearch find`` text output (TOML with # comments) saved as .txt."""
    path = tmp_path / "sol.txt"
    path.write_text("# found\n" + "\n".join(f"{k} = {v}" for k, v in FERMIONS.items())
                    + '\nF_phi = "1/3"\n')
    charges, completed = read_charges(str(path))
    assert charges["F_phi"] == Fraction(1, 3) and "F_phi" not in completed


def test_parquet_rows(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "part.parquet"
    pq.write_table(pa.table({**{k: [0, 1] for k in FERMIONS}, "id": ["a", "b"]}), path)
    charges, _ = read_charges(str(path), row=1)
    assert charges["F_Q1"] == 1 and charges["F_phi"] == Fraction(1, 4)
    with pytest.raises(RGInputError, match="--row: expected a row index below 2"):
        read_charges(str(path), row=2)
    with pytest.raises(RGInputError, match="--row"):
        read_charges(str(tmp_path / "c.yaml"), row=0)


def test_run_accepts_row_option(tmp_path, capsys):
    """Reason: ``--row`` sits next to ``--charges``; out of range is a one-line error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "part.parquet"
    pq.write_table(pa.table({k: [0] for k in FERMIONS}), path)
    assert main(["run", "--charges", str(path), "--row", "3", "--mu0", "5"]) == 2
    assert "--row" in capsys.readouterr().err


def test_parse_rational_bounds():
    assert parse_rational(" -9/10 ", "F") == Fraction(-9, 10)
    for bad in (10**12, "1/1000000000000", 1.5e308, float("nan"), "1e3", True, [1]):
        with pytest.raises(RGInputError):
            parse_rational(bad, "F")


# JSON-like values: scalars and nested lists/dicts (keys of the model schema included)
_KEYS = st.sampled_from(["name", "fermions", "scalars", "yukawas", "quartics", "charges", "F",
                         "Y", "su2", "mult", "kind", "coupling", "fields", "nu_R", "include_sm"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20),
                     st.floats(allow_nan=True), st.text(max_size=8))
_VALUES = st.recursive(_SCALARS, lambda c: st.lists(c, max_size=3)
                       | st.dictionaries(_KEYS, c, max_size=4), max_leaves=20)


@settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(_KEYS, _VALUES, max_size=5))
def test_model_from_dict_fuzz(data):
    """Reason: any parsed model file gives a model or an RGInputError, nothing else."""
    try:
        model_from_dict(data)
    except RGInputError as exc:
        assert "\n" not in str(exc)


def _readers_accept_or_refuse(content: bytes, suffix: str) -> None:
    """rgcheck charges and model readers: a value or a one-line RGInputError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(content)
        for reader in (lambda p: read_charges(str(p)), load_model):
            try:
                reader(path)
            except RGInputError as exc:
                assert "\n" not in str(exc)


FUZZ = settings(max_examples=120, deadline=3000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(content=st.binary(max_size=300),
       suffix=st.sampled_from([".yaml", ".json", ".toml", ".txt", ".parquet", ""]))
def test_random_bytes_fuzz(content, suffix):
    """Reason (issue 9 item 5): random bytes never escape as another exception."""
    _readers_accept_or_refuse(content, suffix)


_CHARGE_KEYS = st.sampled_from([*FERMIONS, "F_nu1", "F_nu3", "F_H", "F_psi", "F_S", "F_phi",
                                "N_f", "r2", "charges"])


@FUZZ
@given(doc=st.dictionaries(_CHARGE_KEYS | _KEYS, _VALUES, max_size=6),
       fmt=st.sampled_from(["json", "yaml"]), depth=st.integers(0, 200))
def test_random_documents_fuzz(doc, fmt, depth):
    """Reason: nested documents (NaN, inf, big ints, deep lists) parse or are refused."""
    doc = {**doc, "F_Q1": json.loads("[" * depth + "1" + "]" * depth)} if depth else doc
    text = json.dumps(doc) if fmt == "json" else yaml.safe_dump(doc)
    _readers_accept_or_refuse(text.encode("utf-8", "surrogatepass"), "." + fmt)
