"""Charge-file conventions shared by ``chargesearch`` and ``rgcheck`` (docs/physics.md).

* The documented defaults of the single charges a file may omit: F_H = 0 (19), F_S = 0 (5),
  F_psi = 1 (Table 3: BM1, BM3, BM4) and F_phi = the first of 1/4, 1/5, ... with F_phi != 0 and
  F_phi != +-2 F_nu_i (10), (23).
* One row of a Parquet part, or of a ``chargesearch enumerate --out`` run folder (parts in the
  manifest's chunk order).

Errors are :class:`userfiles.DocumentError`; each tool turns them into its own input error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from userfiles import DocumentError, load_document

#: defaults of the single charges other than F_phi: value and reason
DEFAULTS: dict[str, tuple[Fraction, str]] = {
    "F_H": (Fraction(0), "paper default (19)"),
    "F_S": (Fraction(0), "paper default (5)"),
    "F_psi": (Fraction(1), "default, as BM1, BM3, BM4 of Table 3"),
}
PHI_REASON = "default: first 1/n, n >= 4, not 0 or +-2 F_nu_i (10), (23)"
#: the single charges, in the order they are completed
SINGLE_CHARGES: tuple[str, ...] = ("F_H", "F_psi", "F_S", "F_phi")
PARQUET = ".parquet"
_PART_KEY = re.compile(r"[A-Za-z0-9_+=-][A-Za-z0-9_+=.-]*")


def default_phi(nu: Sequence[Fraction]) -> Fraction:
    """The first of 1/4, 1/5, 1/6, ... allowed by eqs. (10), (23) (F_phi != 0, F_phi !=
    +-2 F_nu_i); at most six values are excluded, so the search ends by 1/10."""
    excluded = {2 * x for x in nu} | {-2 * x for x in nu}
    n = 4
    while Fraction(1, n) in excluded:
        n += 1
    return Fraction(1, n)


def missing_defaults(present: Sequence[str],
                     nu: Sequence[Fraction]) -> dict[str, tuple[Fraction, str]]:
    """The single charges absent from ``present`` with their default value and reason;
    ``nu`` are the right-handed-neutrino charges given."""
    return {name: (default_phi(nu), PHI_REASON) if name == "F_phi" else DEFAULTS[name]
            for name in SINGLE_CHARGES if name not in present}


def completion_note(completed: Mapping[str, tuple[Fraction, str]], source: str) -> str:
    """One line naming the completed charges and their defaults ('' if none)."""
    if not completed:
        return ""
    values = ", ".join(f"{k} = {v} [{why}]" for k, (v, why) in completed.items())
    return (f"note: {', '.join(completed)} not in {Path(source).name}; completed with "
            f"defaults {values} (docs/physics.md, charge files)")


def is_parquet_source(path: str | Path) -> bool:
    """A Parquet part or a run folder (read with :func:`parquet_row`)."""
    p = Path(path)
    return p.is_dir() or p.suffix.lower() == PARQUET


def _part_row(path: Path, row: int, field: str) -> dict[str, object] | int:
    """Row ``row`` of a Parquet file, or its number of rows if it has fewer."""
    import pyarrow as pa
    import pyarrow.parquet as pq

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
        raise DocumentError(field, "a Parquet file written by chargesearch enumerate --out",
                            str(path)) from None


def _parts(out: Path, field: str) -> list[Path]:
    """The part files of run folder ``out`` in manifest (chunk) order."""
    from chunkrunner import MANIFEST
    from chunkrunner.storage import part_path

    manifest = load_document(out / MANIFEST, field)
    chunks = manifest.get("chunks") if isinstance(manifest, dict) else None
    if not isinstance(chunks, dict) or not all(_PART_KEY.fullmatch(k) for k in chunks):
        raise DocumentError(field, "a run folder of chargesearch enumerate --out (manifest)",
                            str(out))
    return [p for p in (part_path(out, key) for key in chunks) if p.is_file()]


def parquet_row(path: str | Path, row: int, field: str, keep: Callable[[str], bool],
                row_field: str = "row") -> dict[str, object]:
    """Row ``row`` (from 0) of a Parquet part or run folder: the columns ``keep`` accepts,
    null cells omitted; a bad row index is reported under ``row_field``."""
    p = Path(path)
    if isinstance(row, bool) or not isinstance(row, int) or row < 0:
        raise DocumentError(row_field, "a row index 0, 1, 2, ...", row)
    total, wanted = 0, row
    for part in _parts(p, field) if p.is_dir() else [p]:
        found = _part_row(part, wanted, field)
        if isinstance(found, dict):
            return {k: v for k, v in found.items() if keep(k) and v is not None}
        total += found
        wanted -= found
    raise DocumentError(row_field, f"a row index below {total} (rows in {p.name})", row)
