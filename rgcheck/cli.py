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
import importlib
import os
import re
import sys
import textwrap
import traceback
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from rgcheck.errors import RGInputError

#: the installed distribution (pyproject.toml) whose version ``--version`` prints
DISTRIBUTION = "zprime-safety"

#: sub-command modules, in the order shown by ``--help``
COMMAND_MODULES: tuple[str, ...] = (
    "rgcheck.commands.betas",
    "rgcheck.commands.run",
    "rgcheck.commands.scan",
    "rgcheck.commands.paper",
)

EPILOG = """\
exit codes: 0 passes; 1 fails (the last line says why); 2 bad input (one line naming the field \
and the expected form, nothing written); 3 timeout or unknown; 130 interrupted.
Output cut short by a closed pipe (e.g. | head) ends quietly: with the command's exit code if \
it had finished, else 0."""


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each option's default unless it is unset (None, False, empty) or the help text
    already names it; keeps the line breaks of descriptions and epilogs."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        unset = action.default is None or action.default is False or action.default in ("", [])
        if unset or "default" in text.lower():
            return text
        return super()._get_help_string(action)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(textwrap.fill(line, width, initial_indent=indent,
                                       subsequent_indent=indent)
                         for line in text.splitlines())


class _Parser(argparse.ArgumentParser):
    """argparse with exit status 2 and a one-line message on usage errors; every parser (the
    sub-commands' too) shows defaults and ends its help with the exit codes."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("epilog", EPILOG)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        tool = self.prog.split()[0]
        sys.stderr.write(f"{tool}: error: {_field_form(message)}\n")
        raise SystemExit(2)


#: argparse's messages for a bad value, and the expected form of its converters
_BAD_VALUE = re.compile(r"argument (?P<opt>[^:]+): invalid (?P<type>\w+) value: (?P<got>.*)")
_BAD_CHOICE = re.compile(r"argument (?P<opt>[^:]+): invalid choice: (?P<got>.*) "
                         r"\(choose from (?P<choices>.*)\)")
_OTHER = re.compile(r"argument (?P<opt>[^:]+): (?P<rest>.*)")
_FORMS = {"int": "an integer", "float": "a number"}


def _field_form(message: str) -> str:
    """argparse's message for a bad value as ``FIELD: expected FORM (got X)``."""
    if m := _BAD_VALUE.fullmatch(message):
        form = _FORMS.get(m["type"], f"a valid {m['type']} value")
        return f"{m['opt'].split('/')[-1]}: expected {form} (got {m['got']})"
    if m := _BAD_CHOICE.fullmatch(message):
        return f"{m['opt'].split('/')[-1]}: expected one of {m['choices']} (got {m['got']})"
    if m := _OTHER.fullmatch(message):
        return f"{m['opt'].split('/')[-1]}: {m['rest']}"
    return message


def _version() -> str:
    """The installed distribution's version."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every registered sub-command."""
    parser = _Parser(
        prog="rgcheck",
        description="Two-loop RG running and Planck safety of flavourful U(1)' models.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                        help="print the version of the installed package and exit")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                       metavar="COMMAND", title="commands",
                                       help="run COMMAND --help for its options")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    for choice in subparsers._choices_actions:  # the one-line summary doubles as description
        sub = subparsers.choices[choice.dest]
        sub.description = sub.description or choice.help
    return parser


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (see the module docstring)."""
    from chunkrunner import RunnerInputError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        code = int(args.func(args))
    except BrokenPipeError:  # the reader stopped before the command finished (e.g. | head)
        _quiet_stdout()
        return 0
    except (RGInputError, RunnerInputError) as exc:
        sys.stderr.write(f"rgcheck: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("rgcheck: interrupted (completed chunks are kept; rerun to resume)\n")
        return 130
    except Exception as exc:
        traceback.print_exc()
        first = (str(exc).splitlines() or [""])[0]
        sys.stderr.write(f"rgcheck: internal error (exit 3, outcome unknown): "
                         f"{type(exc).__name__}: {first}\n")
        return 3
    try:
        sys.stdout.flush()  # output still buffered meets a closed pipe here
    except BrokenPipeError:
        _quiet_stdout()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
