"""Global-fit scenarios of the b -> s mu mu Wilson coefficients (paper Table 2) as data.

A :class:`FitScenario` has named coordinates (``C9``, ``C10``, ``C9p``, ``C10p``) with central
value and 1 sigma, an optional linear projection of the model's (C9, C10, C9', C10') onto each
coordinate, and the coordinate the paper matches (Sect. 3.3). The built-in set is Table 2;
:func:`load_scenarios` reads a user file of the same shape (checked against the schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from chargesearch.errors import InputError

WILSON_NAMES: tuple[str, ...] = ("C9", "C10", "C9p", "C10p")


@dataclass(frozen=True)
class Coordinate:
    """One fitted direction: weights on (C9, C10, C9', C10'), central value, 1 sigma."""

    name: str
    weights: tuple[float, float, float, float]
    central: float
    sigma: float

    def project(self, wilson: tuple[float, float, float, float]) -> float:
        return sum(w * c for w, c in zip(self.weights, wilson, strict=True))


@dataclass(frozen=True)
class FitScenario:
    """A global-fit scenario of Table 2."""

    name: str
    description: str
    coordinates: tuple[Coordinate, ...]
    match: str
    pull_sm: float | None

    def coordinate(self, name: str) -> Coordinate:
        for c in self.coordinates:
            if c.name == name:
                return c
        raise KeyError(name)


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, "a number", value)
    return float(value)


def _parse_scenario(name: str, raw: Any) -> FitScenario:
    where = f"scenarios.{name}"
    if not isinstance(raw, Mapping) or not isinstance(raw.get("coordinates"), Mapping):
        raise InputError(where, "a table with 'coordinates: {C9: [central, sigma], ...}'")
    projection = raw.get("projection", {}) or {}
    coords = []
    for cname, pair in raw["coordinates"].items():
        field = f"{where}.coordinates.{cname}"
        if cname not in WILSON_NAMES:
            raise InputError(field, "a coordinate named one of " + ", ".join(WILSON_NAMES))
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise InputError(field, "[central, sigma]", pair)
        central, sigma = _number(pair[0], field), _number(pair[1], field)
        if sigma <= 0:
            raise InputError(field, "a positive sigma", sigma)
        if cname in projection:
            w = projection[cname]
            if not isinstance(w, (list, tuple)) or len(w) != 4:
                raise InputError(f"{where}.projection.{cname}", "4 weights on C9, C10, C9', C10'")
            weights = tuple(_number(x, f"{where}.projection.{cname}") for x in w)
        else:
            weights = tuple(1.0 if n == cname else 0.0 for n in WILSON_NAMES)
        coords.append(Coordinate(cname, weights, central, sigma))  # type: ignore[arg-type]
    match = raw.get("match", coords[0].name if coords else "C9")
    if match not in {c.name for c in coords}:
        raise InputError(f"{where}.match", "one of the scenario's coordinates", match)
    pull = raw.get("pull_sm")
    return FitScenario(
        name=name,
        description=str(raw.get("description", name)),
        coordinates=tuple(coords),
        match=match,
        pull_sm=None if pull is None else _number(pull, f"{where}.pull_sm"),
    )


def parse_scenarios(data: Any, source: str = "scenarios") -> dict[str, FitScenario]:
    """Scenarios from a loaded YAML/JSON document ``{scenarios: {name: {...}}}``."""
    if not isinstance(data, Mapping) or not isinstance(data.get("scenarios"), Mapping):
        raise InputError(source, "a document with a 'scenarios' table")
    return {str(k): _parse_scenario(str(k), v) for k, v in data["scenarios"].items()}


@cache
def builtin_scenarios() -> dict[str, FitScenario]:
    """Table 2 of the paper."""
    text = resources.files("chargesearch").joinpath("data/fit_scenarios.yaml").read_text("utf-8")
    return parse_scenarios(yaml.safe_load(text), "fit_scenarios.yaml")


def load_scenarios(path: str | Path | None = None) -> dict[str, FitScenario]:
    """Built-in scenarios, or those of a user YAML/JSON file of the same shape."""
    if path is None:
        return builtin_scenarios()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        what = f"a readable YAML/JSON scenario file ({type(exc).__name__})"
        raise InputError(str(p), what) from None
    return parse_scenarios(data, str(p))


def scenario(name: str, path: str | Path | None = None) -> FitScenario:
    """Look up a scenario by name (``C9``, ``C9=-C10``, ``C9,C10``, ``4d``)."""
    table = load_scenarios(path)
    if name not in table:
        raise InputError("scenario", "one of " + ", ".join(table), name)
    return table[name]
