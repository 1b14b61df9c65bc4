"""Command-line entry point ``chargesearch`` (also ``python -m chargesearch``).

Each sub-command lives in its own module under chargesearch/commands/ and exposes
``register(subparsers)``, which adds its parser and sets ``func(args) -> int``.

Exit codes (every command):

* 0 passes (checked, found, proved, complete, models found);
* 1 fails (no solution, refuted, empty result); the last line names why;
* 2 bad input: one line ``chargesearch: error: FIELD: expected FORM (got X)``, nothing written
  (:class:`chargesearch.errors.InputError`, :class:`chunkrunner.RunnerInputError`, usage errors);
* 3 timeout or unknown (a solver gave up, or an unexpected internal error: traceback on stderr);
* 130 interrupted (Ctrl-C; resumable runs keep their finished chunks).

Output cut short by a closed pipe (``chargesearch validate | head``) ends quietly, without a
traceback: with the command's own exit code when it had finished and only its last buffered
output met the closed pipe, else with 0 (the reader chose to stop; that is not a failure of the
command).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from chargesearch.errors import InputError
from clicontract import DISTRIBUTION, run_main
from clicontract import build_parser as build_tool_parser

__all__ = ["COMMAND_MODULES", "DISTRIBUTION", "build_parser", "main"]

#: sub-command modules, in the order shown by ``--help``
COMMAND_MODULES: tuple[str, ...] = (
    "chargesearch.commands.validate",
    "chargesearch.commands.check",
    "chargesearch.commands.find",
    "chargesearch.commands.enumerate",
    "chargesearch.commands.prove",
    "chargesearch.commands.bench",
    "chargesearch.commands.discover",
    "chargesearch.commands.today",
)


DESCRIPTION = "Search, match and judge flavourful U(1)' models (b -> s mu mu)."


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered sub-command."""
    return build_tool_parser("chargesearch", DESCRIPTION, COMMAND_MODULES)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (see the module docstring)."""
    from chunkrunner import RunnerInputError

    return run_main(build_parser(), argv, (InputError, RunnerInputError),
                    "interrupted")


if __name__ == "__main__":
    raise SystemExit(main())
