"""Command-line entry point ``rgcheck`` (also ``python -m rgcheck``).

Each sub-command lives in its own module under rgcheck/commands/ and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``.

Exit codes (every command):

* 0 passes (e.g. Planck-safe, some safe point in a scan, output written);
* 1 fails (e.g. not Planck-safe); the last line on stderr names why;
* 2 bad input: one line ``rgcheck: error: FIELD: expected FORM (got X)``, nothing written
  (:class:`rgcheck.errors.RGInputError`, :class:`chunkrunner.RunnerInputError`, usage errors);
* 3 timeout or unknown (an unexpected internal error: traceback on stderr);
* 130 interrupted (Ctrl-C; completed scan chunks are kept, rerun to resume).

Output cut short by a closed pipe (``rgcheck betas --bm BM1 | head``) ends quietly, without a
traceback: with the command's own exit code when it had finished and only its last buffered
output met the closed pipe, else with 0 (the reader chose to stop; that is not a failure of the
command).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from clicontract import DISTRIBUTION, run_main
from clicontract import build_parser as build_tool_parser
from rgcheck.errors import RGInputError

__all__ = ["COMMAND_MODULES", "DISTRIBUTION", "build_parser", "main"]

#: sub-command modules, in the order shown by ``--help``
COMMAND_MODULES: tuple[str, ...] = (
    "rgcheck.commands.betas",
    "rgcheck.commands.run",
    "rgcheck.commands.scan",
    "rgcheck.commands.paper",
)


DESCRIPTION = "Two-loop RG running and Planck safety of flavourful U(1)' models."


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered sub-command."""
    return build_tool_parser("rgcheck", DESCRIPTION, COMMAND_MODULES)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (see the module docstring)."""
    from chunkrunner import RunnerInputError

    return run_main(build_parser(), argv, (RGInputError, RunnerInputError),
                    "interrupted (completed chunks are kept; rerun to resume)")


if __name__ == "__main__":
    raise SystemExit(main())
