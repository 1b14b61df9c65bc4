"""Named exceptions of the package.

Every error a user can cause by bad input is an :class:`InputError` carrying the offending
field and the expected form; the command-line interface prints it as one line and exits with
status 2.
"""

from __future__ import annotations


class ChargeSearchError(Exception):
    """Base class of all errors raised by :mod:`chargesearch`."""


class InputError(ChargeSearchError, ValueError):
    """Bad user input: names the field and the expected form."""

    def __init__(self, field: str, expected: str, got: object = None) -> None:
        self.field = field
        self.expected = expected
        self.got = got
        detail = f" (got {got!r})" if got is not None else ""
        super().__init__(f"{field}: expected {expected}{detail}")


class NoFitError(ChargeSearchError):
    """A charge assignment cannot reproduce a fit scenario (wrong sign or vanishing coupling)."""
