"""The safe reader of every user file of :mod:`chargesearch` (charge files, fit scenarios).

A thin layer over :mod:`userfiles` (shared with rgcheck): its :class:`~userfiles.DocumentError`
becomes :class:`~chargesearch.errors.InputError` (one line, CLI exit status 2). Formats, limits
and what is refused: see :mod:`userfiles`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import userfiles
from chargesearch.errors import InputError


@contextmanager
def input_errors() -> Iterator[None]:
    """Turn :class:`userfiles.DocumentError` into :class:`InputError` (same field and form)."""
    try:
        yield
    except userfiles.DocumentError as exc:
        raise InputError(exc.field, exc.expected, exc.got) from None


def load_document(path: str | Path, field: str) -> Any:
    """The parsed content of a TOML (``.toml``, ``.txt``), YAML or JSON file."""
    with input_errors():
        return userfiles.load_document(path, field)


def loads_document(text: str, fmt: str, field: str) -> Any:
    """Parse ``text`` as ``toml``, ``yaml`` or ``json``."""
    with input_errors():
        return userfiles.loads_document(text, fmt, field)


def document_format(path: Path, field: str) -> str:
    """``toml``, ``yaml`` or ``json`` from the suffix of ``path``."""
    with input_errors():
        return userfiles.document_format(path, field)
