"""The command-line contract shared by both tools (clicontract): every command's --help
describes each option, shows no raw reStructuredText and states the exit codes (issue 9)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

import pytest

from chargesearch.cli import build_parser as chargesearch_parser
from rgcheck.cli import build_parser as rgcheck_parser

#: reStructuredText roles and literals that must not reach --help
RST = re.compile(r"``|:(math|class|func|mod|meth|attr|ref):`")
TOOLS: dict[str, tuple[Callable[[], argparse.ArgumentParser], set[str]]] = {
    "chargesearch": (chargesearch_parser,
                     {"validate", "check", "find", "enumerate", "prove", "bench", "discover",
                      "today"}),
    "rgcheck": (rgcheck_parser, {"betas", "run", "scan", "paper"}),
}


def parsers(build: Callable[[], argparse.ArgumentParser], tool: str
            ) -> dict[str, argparse.ArgumentParser]:
    """The top-level parser and every sub-command parser, by command name."""
    top = build()
    found = {tool: top}
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_every_command_has_described_options_and_the_exit_codes(tool: str) -> None:
    """Reason: --help is the reference of every command: each option says what it does, the
    help shows no raw reStructuredText, and the epilog states the exit-code contract."""
    build, commands = TOOLS[tool]
    found = parsers(build, tool)
    assert commands <= set(found)
    gaps = set()
    for name, parser in found.items():
        assert parser.description and not RST.search(parser.description), name
        assert parser.epilog and all(f"{code} " in parser.epilog for code in "0123"), name
        assert "exit codes" in parser.epilog and "| head" in parser.epilog
        for action in parser._actions:
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
                continue
            label = f"{name} {action.option_strings[-1] if action.option_strings else action.dest}"
            if not (action.help or "").strip():
                gaps.add(label)
            assert not RST.search(action.help or ""), label
        assert not RST.search(parser.format_help()), name
    assert not gaps, sorted(gaps)


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_no_default_shown_twice(tool: str) -> None:
    """Reason: the formatter adds "(default: X)" unless the help text names its default."""
    for name, parser in parsers(TOOLS[tool][0], tool).items():
        text = " ".join(parser.format_help().split())
        assert not re.search(r"default[^()]*\)\s*\(default", text), name
