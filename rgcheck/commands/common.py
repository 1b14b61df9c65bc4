"""Options and readers shared by the rgcheck commands.

``--charges FILE`` accepts the formats ``chargesearch`` writes: a flat YAML/JSON/TOML table
``F_X: rational`` (or one under ``charges``, as in ``chargesearch find --json``), ``.txt`` files
as TOML (``find`` text output), and a Parquet part or ``chargesearch enumerate --out`` directory
with ``--row N`` (default 0; columns other than charges are ignored). Files are read by
:func:`rgcheck.parsing.load_document` (size, UTF-8, duplicate keys, nesting, digit limits);
charges are exact rationals with |numerator|, denominator < 10^12.

Missing single charges are completed with documented defaults, announced by one line on stderr:
F_H = 0 (eq. (19)), F_S = 0 (eq. (5)), F_psi = 1 (Table 3: BM1, BM3, BM4) and F_phi = the first
of 1/4, 1/5, 1/6, ... with F_phi != 0 and F_phi != +-2 F_nu_i (eqs. (10), (23)); the same rule
as ``chargesearch.chargefile`` (duplicated: rgcheck does not import chargesearch).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from rgcheck.api import REP_KEYS
from rgcheck.benchmarks import benchmark, names
from rgcheck.errors import RGInputError
from rgcheck.model import BASE_KEYS, SINGLE_KEYS
from rgcheck.parsing import field_label, load_document, parse_rational, short

NU_KEYS = ("F_nu1", "F_nu2", "F_nu3")
KNOWN_KEYS = (*BASE_KEYS, *NU_KEYS, *SINGLE_KEYS, *REP_KEYS)
#: documented defaults of omitted single charges: value and reason (see the module docstring)
DEFAULTS: dict[str, tuple[Fraction, str]] = {
    "F_H": (Fraction(0), "paper default (19)"),
    "F_S": (Fraction(0), "paper default (5)"),
    "F_psi": (Fraction(1), "default, as BM1, BM3, BM4 of Table 3"),
}
PHI_REASON = "default: first 1/n, n >= 4, not 0 or +-2 F_nu_i (10), (23)"
_PART_KEY = re.compile(r"[A-Za-z0-9_+=-][A-Za-z0-9_+=.-]*")


def read_mapping(path: str, field: str = "--charges") -> dict[Any, Any]:
    """A YAML/JSON/TOML file holding a mapping (the charges may sit under ``charges:``)."""
    data = load_document(path, field)
    if isinstance(data, dict) and isinstance(data.get("charges"), dict):
        data = data["charges"]
    if not isinstance(data, dict):
        raise RGInputError(field, "a mapping F_X: rational at top level (or under 'charges')", path)
    return data


def _part_row(path: Path, row: int, field: str) -> dict[str, object] | int:
    """Row ``row`` of a Parquet file, or its number of rows if it has fewer."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        part = pq.ParquetFile(path)
        for i in range(part.num_row_groups):
            n = part.metadata.row_group(i).num_rows
            if row < n:
                values = part.read_row_group(i).slice(row, 1).to_pylist()[0]
                return {str(k): v for k, v in values.items()}
            row -= n
        return int(part.metadata.num_rows)
    except (OSError, ValueError, pa.ArrowException):
        raise RGInputError(field, "a Parquet file written by chargesearch enumerate --out",
                           str(path)) from None


def read_parquet_row(path: str, row: int, field: str = "--charges") -> dict[str, object]:
    """Row ``row`` of a Parquet part or run directory (parts in manifest order); charge
    columns only, null cells omitted."""
    from chunkrunner import MANIFEST
    from chunkrunner.storage import part_path

    p = Path(path)
    parts = [p]
    if p.is_dir():
        manifest = load_document(p / MANIFEST, field)
        chunks = manifest.get("chunks") if isinstance(manifest, dict) else None
        if not isinstance(chunks, dict) or not all(_PART_KEY.fullmatch(k) for k in chunks):
            raise RGInputError(field, "a run directory of chargesearch enumerate --out", path)
        parts = [q for q in (part_path(p, key) for key in chunks) if q.is_file()]
    total, wanted = 0, row
    for part in parts:
        found = _part_row(part, wanted, field)
        if isinstance(found, dict):
            return {k: v for k, v in found.items() if k in KNOWN_KEYS and v is not None}
        total += found
        wanted -= found
    raise RGInputError("--row", f"a row index below {total} (rows in {p.name})", row)


def default_phi(nu: Sequence[Fraction]) -> Fraction:
    """First of 1/4, 1/5, ... with F_phi != 0, +-2 F_nu_i (eqs. (10), (23))."""
    excluded = {2 * x for x in nu} | {-2 * x for x in nu}
    n = 4
    while Fraction(1, n) in excluded:
        n += 1
    return Fraction(1, n)


def exact_charges(
    data: dict[Any, Any],
) -> tuple[dict[str, Fraction | int], dict[str, tuple[Fraction, str]]]:
    """Validated exact charges of a file mapping, completed with :data:`DEFAULTS` and
    :func:`default_phi`; also what was completed (name -> (value, reason))."""
    out: dict[str, Fraction | int] = {}
    for key, value in data.items():
        if key not in KNOWN_KEYS:
            raise RGInputError(field_label(key), "a known key (F_Q1..F_E3, F_nu1..F_nu3, F_H, "
                               "F_psi, F_S, F_phi, N_f, Y_psi, r2, r3)")
        if key in NU_KEYS and value is None:
            continue
        number = parse_rational(value, key)
        if key in ("N_f", "r2", "r3"):
            if number.denominator != 1 or number < 1:
                raise RGInputError(key, "a positive integer", short(value))
            out[key] = int(number)
        else:
            out[key] = number
    completed: dict[str, tuple[Fraction, str]] = {}
    for name in SINGLE_KEYS:
        if name not in out:
            nu = [Fraction(out[k]) for k in NU_KEYS if k in out]
            completed[name] = (default_phi(nu), PHI_REASON) if name == "F_phi" else DEFAULTS[name]
            out[name] = completed[name][0]
    return out, completed


def completion_note(completed: dict[str, tuple[Fraction, str]], source: str) -> str:
    """One line naming the completed charges and their defaults."""
    values = ", ".join(f"{k} = {v} [{why}]" for k, (v, why) in completed.items())
    return (f"rgcheck: note: {', '.join(completed)} not in {Path(source).name}; completed with "
            f"defaults {values} (docs/physics.md, charge files)")


def read_charges(path: str, row: int | None = None,
                 field: str = "--charges") -> tuple[dict[str, Fraction | int],
                                                    dict[str, tuple[Fraction, str]]]:
    """Charges of a charge file (``row`` only for Parquet) and the defaults completed."""
    p = Path(path)
    if p.is_dir() or p.suffix.lower() == ".parquet":
        data: dict[Any, Any] = read_parquet_row(path, 0 if row is None else row, field)
    elif row is not None:
        raise RGInputError("--row", "only with a Parquet file or run directory", row)
    else:
        data = read_mapping(path, field)
    return exact_charges(data)


def _row(text: str) -> int:
    if not re.fullmatch(r"\d{1,18}", text.strip()):
        raise argparse.ArgumentTypeError(f"expected a row index 0, 1, 2, ... (got {text!r})")
    return int(text)


def add_row_option(parser: argparse.ArgumentParser) -> None:
    """``--row N``: the row of a Parquet charge file (``--charges``)."""
    parser.add_argument("--row", type=_row, default=None,
                        help="row of a Parquet part or enumerate --out directory (default 0)")


def add_charge_source(parser: argparse.ArgumentParser, required: bool = True) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--bm", help="benchmark BM1..BM4 (paper Table 3)")
    group.add_argument("--charges", help="YAML/JSON/TOML/Parquet file with F_Q1 .. F_phi")
    add_row_option(parser)


def charges_from_args(args: argparse.Namespace) -> dict:
    """The charge mapping of ``--bm`` or ``--charges`` (``--row``); completed defaults are
    announced on stderr."""
    row = getattr(args, "row", None)
    if args.bm is not None:
        if row is not None:
            raise RGInputError("--row", "only with --charges", row)
        check_benchmark(args.bm)
        return dict(benchmark(args.bm))
    charges, completed = read_charges(args.charges, row)
    if completed:
        sys.stderr.write(completion_note(completed, args.charges) + "\n")
    return charges


def check_benchmark(name: str) -> None:
    if name not in names():
        raise RGInputError("--bm", f"one of {', '.join(names())}", name)


def fail(reason: str) -> int:
    """Exit status 1 with the reason as the last line on stderr."""
    sys.stderr.write(f"rgcheck: {reason}\n")
    return 1
