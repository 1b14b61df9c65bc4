"""Options and readers shared by the rgcheck commands.

``--charges FILE`` accepts the formats ``chargesearch`` writes: a flat YAML/JSON/TOML table
``F_X: rational`` (or one under ``charges``, as in ``chargesearch find --json``), ``.txt`` files
as TOML (``find`` text output), and a Parquet part or ``chargesearch enumerate --out`` directory
with ``--row N`` (default 0; columns other than charges are ignored). Files are read by
:func:`rgcheck.parsing.load_document` (size, UTF-8, duplicate keys, nesting, digit limits);
charges are exact rationals with |numerator|, denominator < 10^12.

Missing single charges are completed with documented defaults, announced by one line on stderr:
F_H = 0 (eq. (19)), F_S = 0 (eq. (5)), F_psi = 1 (Table 3: BM1, BM3, BM4) and F_phi = the first
of 1/4, 1/5, 1/6, ... with F_phi != 0 and F_phi != +-2 F_nu_i (eqs. (10), (23)); the rule and
the Parquet reading are shared with chargesearch through :mod:`userfiles.charges`.
"""

from __future__ import annotations

import argparse
import re
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

from rgcheck.api import REP_KEYS
from rgcheck.benchmarks import benchmark, names
from rgcheck.errors import RGInputError
from rgcheck.model import BASE_KEYS, SINGLE_KEYS
from rgcheck.parsing import field_label, load_document, parse_rational, short
from userfiles import DocumentError
from userfiles.charges import completion_note, is_parquet_source, missing_defaults, parquet_row

NU_KEYS = ("F_nu1", "F_nu2", "F_nu3")
KNOWN_KEYS = (*BASE_KEYS, *NU_KEYS, *SINGLE_KEYS, *REP_KEYS)


def read_mapping(path: str, field: str = "--charges") -> dict[Any, Any]:
    """A YAML/JSON/TOML file holding a mapping (the charges may sit under ``charges:``)."""
    data = load_document(path, field)
    if isinstance(data, dict) and isinstance(data.get("charges"), dict):
        data = data["charges"]
    if not isinstance(data, dict):
        raise RGInputError(field, "a mapping F_X: rational at top level (or under 'charges')", path)
    return data


def read_parquet_row(path: str, row: int, field: str = "--charges") -> dict[str, object]:
    """Row ``row`` of a Parquet part or run directory (parts in manifest order); charge
    columns only, null cells omitted."""
    try:
        return parquet_row(path, row, field, set(KNOWN_KEYS).__contains__, "--row")
    except DocumentError as exc:
        raise RGInputError(exc.field, exc.expected, exc.got) from None


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
    completed = missing_defaults(list(out), [Fraction(out[k]) for k in NU_KEYS if k in out])
    out.update({k: v for k, (v, _) in completed.items()})
    return out, completed


def read_charges(path: str, row: int | None = None,
                 field: str = "--charges") -> tuple[dict[str, Fraction | int],
                                                    dict[str, tuple[Fraction, str]]]:
    """Charges of a charge file (``row`` only for Parquet) and the defaults completed."""
    p = Path(path)
    if is_parquet_source(p):
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
        sys.stderr.write(f"rgcheck: {completion_note(completed, args.charges)}\n")
    return charges


def check_benchmark(name: str) -> None:
    if name not in names():
        raise RGInputError("--bm", f"one of {', '.join(names())}", name)


def fail(reason: str) -> int:
    """Exit status 1 with the reason as the last line on stderr."""
    sys.stderr.write(f"rgcheck: {reason}\n")
    return 1
