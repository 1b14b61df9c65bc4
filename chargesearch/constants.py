"""Physical constants with sources, loaded from ``data/constants.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _table() -> dict[str, Any]:
    text = resources.files("chargesearch").joinpath("data/constants.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def constant(name: str) -> Any:
    """The value of a named constant (see ``data/constants.yaml`` for units and sources)."""
    return _table()[name]["value"]


def source(name: str) -> str:
    """Where a constant comes from."""
    return str(_table()[name]["source"])


def names() -> list[str]:
    """All constant names."""
    return list(_table())
