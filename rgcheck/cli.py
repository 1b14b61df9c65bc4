"""Command-line entry point ``rgcheck``.

Each sub-command lives in its own module under :mod:`rgcheck.commands` and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``.

Exit codes (every command): 0 passes (e.g. Planck-safe), 1 fails (the last line on stderr
names why), 2 bad input (one line naming the field and the expected form; nothing written),
3 timeout or unknown.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rgcheck.errors import RGInputError

#: sub-command modules, in the order shown by ``--help``
COMMAND_MODULES: tuple[str, ...] = (
    "rgcheck.commands.betas",
    "rgcheck.commands.run",
    "rgcheck.commands.scan",
    "rgcheck.commands.paper",
)


class _Parser(argparse.ArgumentParser):
    """argparse with exit status 2 and a one-line message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rgcheck",
        description="Two-loop RG running and Planck safety of flavourful U(1)' models.",
        epilog="exit codes: 0 passes, 1 fails (last line says why), 2 bad input, 3 timeout",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = build_parser().parse_args(argv)
    from chunkrunner import RunnerInputError

    try:
        return int(args.func(args))
    except (RGInputError, RunnerInputError) as exc:
        sys.stderr.write(f"rgcheck: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("rgcheck: interrupted (completed chunks are kept; rerun to resume)\n")
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
