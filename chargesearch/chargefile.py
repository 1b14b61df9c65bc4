"""Read and write charge assignments as TOML, YAML or JSON files (and read Parquet rows).

A charge file is a flat table of the names ``F_Q1 .. F_phi`` (and optionally ``N_f``, ``Y_psi``,
``r2``, ``r3``), values as integers or fraction strings such as ``"-9/10"``, at top level or
under ``charges`` (``chargesearch find --json`` and ``check --json`` output). ``.txt`` files are
TOML (``find`` text output); a Parquet part or ``enumerate --out`` directory gives one row,
whose non-charge columns are ignored. Right-handed neutrinos are present for the ``F_nu<i>``
keys given. Files are read by :mod:`chargesearch.filereaders` (size, UTF-8, duplicate keys,
nesting and digit limits).

Documented defaults for omitted single charges (reported by :meth:`ChargeFile.note`):
F_H = 0 (eq. (19)), F_S = 0 (eq. (5)), F_psi = 1 (Table 3: BM1, BM3, BM4) and F_phi = the first
of 1/4, 1/5, 1/6, ... with F_phi != 0 and F_phi != +-2 F_nu_i (eqs. (10), (23)). Limit: every
charge and representation value is a rational with |numerator| and denominator below
``CHARGE_LIMIT = 10**12``; floats must be integral (nan, inf, 1.5e308 are refused).

Writing is exact (fractions as strings) and atomic (temporary file, then rename); reading never
evaluates user text.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from chargesearch.charges import (
    GENERATIONS,
    REPRESENTATION_FIELDS,
    ChargeAssignment,
    all_charge_names,
    charge_name,
    check_bounded,
    parse_fraction,
)
from chargesearch.errors import InputError
from chargesearch.filereaders import document_format, input_errors, load_document, loads_document
from userfiles.charges import (
    completion_note,
    is_parquet_source,
    missing_defaults,
    parquet_row,
)

_TABLE_FORM = 'a table of charges F_Q1 = "1/20", ... (or under "charges")'


def file_format(path: Path) -> str:
    """The format implied by the file suffix (``.txt`` is TOML)."""
    return document_format(path, str(path))


def complete_defaults(
    data: Mapping[Any, object],
) -> tuple[dict[Any, object], dict[str, tuple[Fraction, str]]]:
    """``data`` with missing F_H, F_S, F_psi, F_phi added, and what was added (value, reason).

    F_H = 0 (19), F_S = 0 (5), F_psi = 1 (Table 3: BM1, BM3, BM4) and F_phi =
    :func:`userfiles.charges.default_phi`
    of the neutrino charges given.
    """
    nu_names = [charge_name("nu", i) for i in range(1, GENERATIONS + 1)]
    nu = [parse_fraction(data[k], k) for k in nu_names if k in data]
    completed = missing_defaults([str(k) for k in data], nu)
    return {**data, **{k: v for k, (v, _) in completed.items()}}, completed


@dataclass(frozen=True)
class ChargeFile:
    """A charge file as read: the charges and the single charges completed with defaults."""

    charges: ChargeAssignment
    completed: Mapping[str, tuple[Fraction, str]] = field(default_factory=dict)
    source: str = "charges"

    def note(self) -> str:
        """One line naming the completed charges and their defaults ('' if none)."""
        return completion_note(self.completed, self.source)

    def __str__(self) -> str:
        return self.note()


def charge_file_from_data(data: object, source: str) -> ChargeFile:
    """Validate parsed file content (a flat table, or one under ``charges``)."""
    if isinstance(data, Mapping) and isinstance(data.get("charges"), Mapping):
        data = data["charges"]
    if not isinstance(data, Mapping):
        raise InputError(source, _TABLE_FORM)
    full, completed = complete_defaults(data)
    charges = ChargeAssignment.from_mapping(full)
    for name, value in charges.to_mapping().items():
        check_bounded(Fraction(value), name)
    return ChargeFile(charges, completed, source)


def parse_charge_text(text: str, fmt: str, source: str = "charges") -> ChargeAssignment:
    """Parse charge-file text in format ``toml``, ``yaml`` or ``json``."""
    return charge_file_from_data(loads_document(text, fmt, source), source).charges


def read_parquet_row(path: str | Path, row: int = 0) -> dict[str, object]:
    """Row ``row`` (from 0) of a Parquet part or of an ``enumerate --out`` directory (parts in
    chunk order), restricted to charge and representation columns; null cells are omitted."""
    known = set(all_charge_names()) | set(REPRESENTATION_FIELDS)
    with input_errors():
        return parquet_row(path, row, str(path), known.__contains__)


def read_charge_file(path: str | Path, row: int | None = None) -> ChargeFile:
    """Read a charge file: TOML (also ``.txt``), YAML, JSON, a Parquet part or an
    ``enumerate --out`` directory (``row``, default 0). Missing F_H, F_S, F_psi, F_phi are
    completed by :func:`complete_defaults`; charges must be rationals with |numerator| and
    denominator below :data:`~chargesearch.charges.CHARGE_LIMIT`. Errors are
    :class:`InputError` naming the field or the file."""
    p = Path(path)
    if is_parquet_source(p):
        return charge_file_from_data(read_parquet_row(p, 0 if row is None else row), str(p))
    if row is not None:
        raise InputError("row", "no row index except for a Parquet file or run directory", row)
    return charge_file_from_data(load_document(p, str(p)), str(p))


def read_charges(path: str | Path) -> ChargeAssignment:
    """The charges of :func:`read_charge_file` (defaults completed silently)."""
    return read_charge_file(path).charges


def charges_to_plain(charges: ChargeAssignment) -> dict[str, str | int]:
    """Flat dict with exact string values, suitable for any of the three formats."""
    out: dict[str, str | int] = {k: str(v) for k, v in charges.items()}
    out["N_f"], out["Y_psi"] = charges.N_f, str(charges.Y_psi)
    out["r2"], out["r3"] = charges.r2, charges.r3
    return out


def dumps_charges(charges: ChargeAssignment, fmt: str) -> str:
    """Serialise exactly in ``toml``, ``yaml`` or ``json``."""
    plain = charges_to_plain(charges)
    if fmt == "json":
        return json.dumps(plain, indent=2) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(plain, sort_keys=False)
    lines = [f'{k} = {json.dumps(v)}' for k, v in plain.items()]
    return "\n".join(lines) + "\n"


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_charges(charges: ChargeAssignment, path: str | Path) -> None:
    """Write a charge file in the format given by its suffix (atomically)."""
    p = Path(path)
    atomic_write_text(p, dumps_charges(charges, file_format(p)))
