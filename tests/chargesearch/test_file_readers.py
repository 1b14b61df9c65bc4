"""Safe file reading (issue 9): every bad file is one InputError line (CLI exit 2); files written
by ``chargesearch find`` (--json, text) and ``enumerate --out`` (Parquet) read back."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from chargesearch.chargefile import read_charge_file
from chargesearch.cli import main
from chargesearch.errors import InputError
from chargesearch.filereaders import load_document, loads_document
from userfiles import MAX_BYTES, MAX_DEPTH

FERMIONS = {f"F_{s}{i}": 0 for s in "QUDLE" for i in (1, 2, 3)}


def _json(**extra: object) -> str:
    return json.dumps({**FERMIONS, **extra})


#: name -> (file name, content, part of the message); one case per item of the issue
BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    "binary file": ("sol.toml", b"\x89PNG\r\n\x1a\n\x00\x00", "a UTF-8 text file"),
    "NUL bytes in UTF-8": ("sol.json", b'{"F_Q1": 0}\x00', "a UTF-8 text file"),
    "non-UTF-8 (latin-1)": ("sol.yaml", "F_Q1: '\xe9'".encode("latin-1"), "a UTF-8 text file"),
    "duplicate YAML key": ("sol.yaml", b"F_Q1: 0\nF_Q2: 0\nF_Q1: 1\n", "each key at most once"),
    "duplicate JSON key": ("sol.json", b'{"F_Q1": 0, "F_Q1": 1}', "each key at most once"),
    "YAML alias": ("sol.yaml", b"a: &x [1]\nb: *x\n", "without aliases"),
    "recursive YAML": ("sol.yaml", b"a: &x [*x]\n", "without aliases"),
    "deep JSON (RecursionError)": ("sol.json", b"[" * 100_000 + b"]" * 100_000, "nested at most"),
    "deep JSON (65 levels)": ("sol.json", b"[" * 65 + b"]" * 65, "nested at most 64"),
    "huge JSON int": ("sol.json", b'{"F_Q1": ' + b"9" * 5000 + b"}", "at most 4300 digits"),
    "huge YAML hex int": ("sol.yaml", b"F_Q1: 0x" + b"f" * 5000, "at most 4300 digits"),
    "big int below digit limit": ("sol.json", _json(F_Q1=10**400).encode(), "10^12"),
    "1.5e308": ("sol.json", _json(F_Q1=1.5e308).encode(), "exact rational"),
    "1e999 (inf)": ("sol.json", _json().replace("0", "1e999", 1).encode(), "exact rational"),
    "NaN": ("sol.json", _json().replace("0", "NaN", 1).encode(), "exact rational"),
    "YAML .nan": ("sol.yaml", b"F_Q1: .nan\n", "exact rational"),
    "exponent string": ("sol.json", _json(F_Q1="1e999999999").encode(), "rational number"),
    "empty JSON": ("sol.json", b"", "valid JSON"),
    "empty YAML": ("sol.yaml", b"", "a table of charges"),
    "YAML list": ("sol.yaml", b"- 1\n- 2\n", "a table of charges"),
    "TOML syntax error": ("sol.toml", b"F_Q1 = = 1", "valid TOML"),
    "YAML python tag": ("sol.yaml", b"F_Q1: !!python/object/apply:os.system [ls]", "valid YAML"),
    "YAML bad timestamp tag": ("sol.yaml", b"F_Q1: !!timestamp 1", "valid YAML"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_give_one_input_error_line(tmp_path, case):
    name, content, expected = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_charge_file(path)
    message = str(err.value)
    assert expected in message and "\n" not in message and len(message) < 400


@pytest.mark.parametrize("case", ["binary file", "duplicate YAML key", "deep JSON (RecursionError)",
                                  "huge JSON int", "1.5e308", "NaN"])
def test_check_command_exits_2_with_one_line(tmp_path, capsys, case):
    """Reason: the CLI contract is one stderr line ``chargesearch: error: ...`` and status 2."""
    name, content, expected = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chargesearch: error: ") and err.count("\n") == 1 and expected in err


def test_directory_oversize_and_missing(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    for path, expected in [(tmp_path, "manifest"), (big, "at most 1024 KiB"),
                           (tmp_path / "none.json", "an existing file")]:
        with pytest.raises(InputError, match=expected):
            read_charge_file(path)
    with pytest.raises(InputError, match="a regular file"):
        load_document(tmp_path, "--scenarios-file")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf{}")
    assert load_document(bom, "f") == {}


def test_loads_document_limits():
    assert loads_document("[" * MAX_DEPTH + "]" * MAX_DEPTH, "json", "f") is not None
    with pytest.raises(InputError, match="format"):
        loads_document("{}", "xml", "f")


def _parquet(path, columns: dict[str, list[object]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)


def test_parquet_rows_ignore_extra_columns(tmp_path):
    """Reason: enumerate parts carry only the search variables; flags and ids are not charges."""
    path = tmp_path / "part.parquet"
    columns: dict[str, list[object]] = {k: [0, 1] for k in FERMIONS}
    columns.update(F_H=[0, 0], F_S=[0, 0], flag=[True, False], id=["a", "b"])
    _parquet(path, columns)
    cf = read_charge_file(path, row=1)
    assert cf.charges["F_Q1"] == 1 and cf.charges.psi == 1 and cf.charges.phi == Fraction(1, 4)
    assert list(cf.completed) == ["F_psi", "F_phi"]
    assert read_charge_file(path).charges["F_Q1"] == 0  # row 0 by default
    with pytest.raises(InputError, match="row: expected a row index below 2"):
        read_charge_file(path, row=2)
    with pytest.raises(InputError, match="row"):
        read_charge_file(path, row=-1)


def test_garbage_parquet_and_manifest(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match="a Parquet file"):
        read_charge_file(bad)
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text('{"chunks": {"../../x": {}}}')
    with pytest.raises(InputError, match="manifest"):
        read_charge_file(run)


def test_enumerate_out_directory_round_trip(tmp_path):
    """Reason: ``enumerate --out DIR`` rows must feed ``check``/rgcheck (issue 9 item 3)."""
    out = tmp_path / "enum"
    assert main(["enumerate", "--preset", "paper", "--qmax", "2", "--out", str(out),
                 "--workers", "1", "--no-progress"]) == 0
    from chargesearch.search.batch import read_solutions

    names, rows = read_solutions(out)
    first = read_charge_file(out, row=0)
    assert tuple(first.charges[n] for n in names) in {tuple(map(Fraction, r)) for r in rows}
    assert set(first.completed) == {"F_psi", "F_phi"}
    with pytest.raises(InputError, match="row"):
        read_charge_file(out, row=len(rows))


def test_find_json_round_trip(tmp_path, capsys):
    """Reason: the ``find --json`` object (top-level "charges") is a charge file."""
    assert main(["find", "--preset", "paper", "--qmax", "4", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    path = tmp_path / "sol.json"
    path.write_text(json.dumps(doc))
    cf = read_charge_file(path)
    assert {k: str(cf.charges[k]) for k in doc["charges"]} == doc["charges"]


def test_find_text_output_round_trip(tmp_path, capsys):
    """Reason: ``find`` text output is TOML; saved as .txt it reads back."""
    assert main(["find", "--preset", "paper", "--qmax", "4"]) == 0
    path = tmp_path / "sol.txt"
    path.write_text(capsys.readouterr().out)
    cf = read_charge_file(path)
    assert cf.charges["F_Q3"] != cf.charges["F_Q2"]  # wilson-sign (40) needs F_Q3 != F_Q2
