"""The one error a caller of :mod:`chunkrunner` can cause by bad input."""

from __future__ import annotations


class RunnerInputError(ValueError):
    """Bad input to a run: names the field and the expected form (one-line message)."""

    def __init__(self, field: str, expected: str, got: object = None) -> None:
        self.field = field
        self.expected = expected
        self.got = got
        detail = f" (got {got!r})" if got is not None else ""
        super().__init__(f"{field}: expected {expected}{detail}")
