"""Read and write charge assignments as TOML, YAML or JSON files.

A charge file is a flat table of the names ``F_Q1 .. F_phi`` (and optionally ``N_f``, ``Y_psi``,
``r2``, ``r3``), values as integers or fraction strings such as ``"-9/10"``. Right-handed
neutrinos are present for the ``F_nu<i>`` keys given. Writing is exact (fractions as strings) and
atomic (temporary file, then rename); reading never evaluates user text.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from chargesearch.charges import ChargeAssignment
from chargesearch.errors import InputError

FORMATS = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def file_format(path: Path) -> str:
    """The format implied by the file suffix."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "a file ending in .toml, .yaml, .yml or .json")
    return fmt


def parse_charge_text(text: str, fmt: str, source: str = "charges") -> ChargeAssignment:
    """Parse charge-file text in format ``toml``, ``yaml`` or ``json``."""
    try:
        if fmt == "toml":
            data: Any = tomllib.loads(text)
        elif fmt == "yaml":
            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(source, f"valid {fmt.upper()} ({first})") from None
    if isinstance(data, Mapping) and "charges" in data and isinstance(data["charges"], Mapping):
        data = data["charges"]
    if not isinstance(data, Mapping):
        raise InputError(source, "a table of charges F_Q1 = \"1/20\", ...")
    return ChargeAssignment.from_mapping(data)


def read_charges(path: str | Path) -> ChargeAssignment:
    """Read a charge file; errors are :class:`InputError` naming the field or the file."""
    p = Path(path)
    fmt = file_format(p)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(p), f"a readable charge file ({exc.__class__.__name__})") from None
    return parse_charge_text(text, fmt, str(p))


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
