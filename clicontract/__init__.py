"""One command-line contract for both tools, ``chargesearch`` and ``rgcheck``.

* Every parser shows each option's default, keeps the line breaks of descriptions and ends its
  help with :data:`EPILOG`, the exit codes.
* Usage errors are one line ``TOOL: error: FIELD: expected FORM (got X)``, exit status 2.
* :func:`run_main` runs a command and maps the outcome onto the exit codes: 0 passes, 1 fails
  (the command's last line says why), 2 bad input (the tool's input errors: one line, nothing
  written), 3 timeout or unknown (an unexpected internal error: traceback on stderr), 130
  interrupted. Output cut short by a closed pipe (``| head``) ends quietly: with the command's
  exit code if it had finished, else 0 (the reader chose to stop; the command did not fail).
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

#: the installed distribution (pyproject.toml) whose version ``--version`` prints
DISTRIBUTION = "zprime-safety"

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


class Parser(argparse.ArgumentParser):
    """argparse with exit status 2 and a one-line message on usage errors; every parser (the
    sub-commands' too) shows defaults and ends its help with the exit codes."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("epilog", EPILOG)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        tool = self.prog.split()[0]
        sys.stderr.write(f"{tool}: error: {field_form(message)}\n")
        raise SystemExit(2)


#: argparse's messages for a bad value, and the expected form of its converters
_BAD_VALUE = re.compile(r"argument (?P<opt>[^:]+): invalid (?P<type>\w+) value: (?P<got>.*)")
_BAD_CHOICE = re.compile(r"argument (?P<opt>[^:]+): invalid choice: (?P<got>.*) "
                         r"\(choose from (?P<choices>.*)\)")
_OTHER = re.compile(r"argument (?P<opt>[^:]+): (?P<rest>.*)")
_FORMS = {"int": "an integer", "float": "a number"}


def field_form(message: str) -> str:
    """argparse's message for a bad value as ``FIELD: expected FORM (got X)``."""
    if m := _BAD_VALUE.fullmatch(message):
        form = _FORMS.get(m["type"], f"a valid {m['type']} value")
        return f"{m['opt'].split('/')[-1]}: expected {form} (got {m['got']})"
    if m := _BAD_CHOICE.fullmatch(message):
        return f"{m['opt'].split('/')[-1]}: expected one of {m['choices']} (got {m['got']})"
    if m := _OTHER.fullmatch(message):
        return f"{m['opt'].split('/')[-1]}: {m['rest']}"
    return message


def package_version() -> str:
    """The installed distribution's version."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown (not installed)"


def build_parser(prog: str, description: str,
                 command_modules: Sequence[str]) -> argparse.ArgumentParser:
    """The tool's parser with ``--version`` and every registered sub-command (each module
    exposes ``register(subparsers)``, which adds its parser and sets ``func(args) -> int``)."""
    parser = Parser(prog=prog, description=description)
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}",
                        help="print the version of the installed package and exit")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=Parser,
                                       metavar="COMMAND", title="commands",
                                       help="run COMMAND --help for its options")
    for module_name in command_modules:
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


def run_main(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    input_errors: tuple[type[Exception], ...],
    interrupted: str = "interrupted",
) -> int:
    """Parse ``argv``, run the chosen command and return its exit status (module docstring)."""
    tool = parser.prog
    try:
        args = parser.parse_args(argv)
        code = int(args.func(args))
    except BrokenPipeError:  # the reader stopped before the command finished (e.g. | head)
        _quiet_stdout()
        return 0
    except input_errors as exc:
        sys.stderr.write(f"{tool}: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{tool}: {interrupted}\n")
        return 130
    except Exception as exc:
        traceback.print_exc()
        first = (str(exc).splitlines() or [""])[0]
        sys.stderr.write(f"{tool}: internal error (exit 3, outcome unknown): "
                         f"{type(exc).__name__}: {first}\n")
        return 3
    try:
        sys.stdout.flush()  # output still buffered meets a closed pipe here
    except BrokenPipeError:
        _quiet_stdout()
    return code
