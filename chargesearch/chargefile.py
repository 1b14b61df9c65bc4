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
import re
import tempfile
from collections.abc import Mapping, Sequence
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
from chargesearch.filereaders import document_format, load_document, loads_document

#: defaults for single charges a file may omit: value and reason (Table 1, eqs. (5), (19))
DEFAULTS: dict[str, tuple[Fraction, str]] = {
    "F_H": (Fraction(0), "paper default (19)"),
    "F_S": (Fraction(0), "paper default (5)"),
    "F_psi": (Fraction(1), "default, as BM1, BM3, BM4 of Table 3"),
}
PHI_REASON = "default: first 1/n, n >= 4, not 0 or +-2 F_nu_i (10), (23)"
PARQUET = ".parquet"
_PART_KEY = re.compile(r"[A-Za-z0-9_+=-][A-Za-z0-9_+=.-]*")
_TABLE_FORM = 'a table of charges F_Q1 = "1/20", ... (or under "charges")'


def file_format(path: Path) -> str:
    """The format implied by the file suffix (``.txt`` is TOML)."""
    return document_format(path, str(path))


def default_phi(nu: Sequence[Fraction]) -> Fraction:
    """The first of 1/4, 1/5, 1/6, ... that is allowed by eqs. (10), (23) (F_phi != 0,
    F_phi != +-2 F_nu_i); at most six values are excluded, so the search ends by 1/10."""
    excluded = {2 * x for x in nu} | {-2 * x for x in nu}
    n = 4
    while Fraction(1, n) in excluded:
        n += 1
    return Fraction(1, n)


def complete_defaults(
    data: Mapping[Any, object],
) -> tuple[dict[Any, object], dict[str, tuple[Fraction, str]]]:
    """``data`` with missing F_H, F_S, F_psi, F_phi added, and what was added (value, reason).

    F_H = 0 (19), F_S = 0 (5), F_psi = 1 (Table 3: BM1, BM3, BM4) and F_phi = :func:`default_phi`
    of the neutrino charges given.
    """
    out = dict(data)
    completed: dict[str, tuple[Fraction, str]] = {}
    for name in ("F_H", "F_psi", "F_S", "F_phi"):
        if name in out:
            continue
        if name == "F_phi":
            nu_names = [charge_name("nu", i) for i in range(1, GENERATIONS + 1)]
            nu = [parse_fraction(out[k], k) for k in nu_names if k in out]
            completed[name] = (default_phi(nu), PHI_REASON)
        else:
            completed[name] = DEFAULTS[name]
        out[name] = completed[name][0]
    return out, completed


@dataclass(frozen=True)
class ChargeFile:
    """A charge file as read: the charges and the single charges completed with defaults."""

    charges: ChargeAssignment
    completed: Mapping[str, tuple[Fraction, str]] = field(default_factory=dict)
    source: str = "charges"

    def note(self) -> str:
        """One line naming the completed charges and their defaults ('' if none)."""
        if not self.completed:
            return ""
        values = ", ".join(f"{k} = {v} [{why}]" for k, (v, why) in self.completed.items())
        return (f"note: {', '.join(self.completed)} not in {Path(self.source).name}; "
                f"completed with defaults {values} (docs/physics.md, charge files)")

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


def _part_row(path: Path, row: int, field_name: str) -> dict[str, object] | int:
    """Row ``row`` of a Parquet file, or the number of rows if it has fewer."""
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
        raise InputError(field_name, "a Parquet file written by chargesearch enumerate --out",
                         str(path)) from None


def _parts(out: Path) -> list[Path]:
    """The part files of run directory ``out`` in manifest (chunk) order."""
    from chunkrunner import MANIFEST
    from chunkrunner.storage import part_path

    manifest = load_document(out / MANIFEST, str(out / MANIFEST))
    chunks = manifest.get("chunks") if isinstance(manifest, dict) else None
    if not isinstance(chunks, dict) or not all(_PART_KEY.fullmatch(k) for k in chunks):
        raise InputError(str(out / MANIFEST), "a manifest written by chargesearch enumerate --out")
    return [p for p in (part_path(out, key) for key in chunks) if p.is_file()]


def read_parquet_row(path: str | Path, row: int = 0) -> dict[str, object]:
    """Row ``row`` (from 0) of a Parquet part or of an ``enumerate --out`` directory (parts in
    chunk order), restricted to charge and representation columns; null cells are omitted."""
    p = Path(path)
    if isinstance(row, bool) or not isinstance(row, int) or row < 0:
        raise InputError("row", "a row index 0, 1, 2, ...", row)
    total, wanted = 0, row
    for part in _parts(p) if p.is_dir() else [p]:
        found = _part_row(part, wanted, str(p))
        if isinstance(found, dict):
            known = set(all_charge_names()) | set(REPRESENTATION_FIELDS)
            return {k: v for k, v in found.items() if k in known and v is not None}
        total += found
        wanted -= found
    raise InputError("row", f"a row index below {total} (rows in {p.name})", row)


def read_charge_file(path: str | Path, row: int | None = None) -> ChargeFile:
    """Read a charge file: TOML (also ``.txt``), YAML, JSON, a Parquet part or an
    ``enumerate --out`` directory (``row``, default 0). Missing F_H, F_S, F_psi, F_phi are
    completed by :func:`complete_defaults`; charges must be rationals with |numerator| and
    denominator below :data:`~chargesearch.charges.CHARGE_LIMIT`. Errors are
    :class:`InputError` naming the field or the file."""
    p = Path(path)
    if p.is_dir() or p.suffix.lower() == PARQUET:
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
