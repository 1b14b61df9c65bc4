"""Options and readers shared by the rgcheck commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rgcheck.benchmarks import benchmark, names
from rgcheck.errors import RGInputError


def read_mapping(path: str, field: str = "--charges") -> dict:
    """A YAML/JSON/TOML file holding a mapping (the charges may sit under ``charges:``)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RGInputError(field, "a UTF-8 text file (YAML, JSON or TOML)", path) from None
    except OSError as exc:
        raise RGInputError(field, f"a readable file ({exc.strerror})", path) from None
    suffix = p.suffix.lower()
    try:
        if suffix == ".toml":
            import tomllib

            data = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except (ValueError, RecursionError, Exception) as exc:  # any parser error is bad input
        raise RGInputError(
            field, f"a valid YAML/JSON/TOML file ({type(exc).__name__})", path
        ) from None
    if isinstance(data, dict) and isinstance(data.get("charges"), dict):
        data = data["charges"]
    if not isinstance(data, dict):
        raise RGInputError(field, "a mapping F_X: rational at top level (or under 'charges')", path)
    return data


def add_charge_source(parser: argparse.ArgumentParser, required: bool = True) -> None:
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--bm", help="benchmark BM1..BM4 (paper Table 3)")
    group.add_argument("--charges", help="YAML/JSON/TOML file with F_Q1 .. F_phi")


def charges_from_args(args: argparse.Namespace) -> dict:
    """The charge mapping of ``--bm`` or ``--charges``."""
    if args.bm is not None:
        check_benchmark(args.bm)
        return dict(benchmark(args.bm))
    return read_mapping(args.charges)


def check_benchmark(name: str) -> None:
    if name not in names():
        raise RGInputError("--bm", f"one of {', '.join(names())}", name)


def fail(reason: str) -> int:
    """Exit status 1 with the reason as the last line on stderr."""
    sys.stderr.write(f"rgcheck: {reason}\n")
    return 1
