"""Command-line entry point ``chargesearch``.

Each sub-command lives in its own module under :mod:`chargesearch.commands` and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``. Bad input is
reported as one line on stderr with exit status 2 (see :class:`chargesearch.errors.InputError`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from chargesearch.errors import InputError

#: sub-command modules, in the order shown by ``--help``
COMMAND_MODULES: tuple[str, ...] = (
    "chargesearch.commands.validate",
    "chargesearch.commands.check",
    "chargesearch.commands.find",
    "chargesearch.commands.enumerate",
    "chargesearch.commands.prove",
    "chargesearch.commands.bench",
    "chargesearch.commands.discover",
)


class _Parser(argparse.ArgumentParser):
    """argparse with exit status 2 and a one-line message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered sub-command."""
    parser = _Parser(
        prog="chargesearch",
        description="Search, match and judge flavourful U(1)' models (b -> s mu mu).",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        sys.stderr.write(f"chargesearch: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("chargesearch: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
