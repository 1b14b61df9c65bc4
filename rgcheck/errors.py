"""Error types of rgcheck."""

from __future__ import annotations


class RGInputError(ValueError):
    """Bad user input: names the field and the expected form (one line)."""

    def __init__(self, field: str, expected: str, value: object = None):
        self.field = field
        self.expected = expected
        self.value = value
        got = "" if value is None else f" (got {value!r})"
        super().__init__(f"{field}: expected {expected}{got}")
