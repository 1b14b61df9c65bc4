"""Global-fit scenarios of the b -> s l l Wilson coefficients (paper Table 2) as data.

A :class:`FitScenario` has named coordinates with central value and 1 sigma. Each coordinate is
a linear combination of the model's new-physics coefficients in the lepton-flavoured basis
:data:`BASIS` (``C9_e``, ``C10_e``, ``C9p_e``, ``C10p_e``, the same for ``mu`` and ``tau``).
A coordinate named ``C9``, ``C10``, ``C9p`` or ``C10p`` without a projection is the muon one
(Table 2); ``projection`` gives the weights either as four numbers on the muon (C9, C10, C9',
C10') or as a table ``{C9_e: 1.0, C9_mu: -1.0}``. The scenario's fit assumes that every e and mu
direction outside the span of its coordinates vanishes (tau is not fitted).
The built-in set is Table 2; :func:`load_scenarios` reads a user file of the same shape
(``--scenarios-file``), checked against the schema.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from chargesearch.errors import InputError
from chargesearch.filereaders import load_document, loads_document

WILSON_NAMES: tuple[str, ...] = ("C9", "C10", "C9p", "C10p")
LEPTONS: tuple[str, ...] = ("e", "mu", "tau")
#: leptons whose directions a b -> s l l fit constrains
FITTED_LEPTONS: tuple[str, ...] = ("e", "mu")


def basis_name(wilson: str, lepton: str) -> str:
    """``C9_mu`` for (``C9``, ``mu``)."""
    return f"{wilson}_{lepton}"


#: the lepton-flavoured new-physics basis (e, mu, tau blocks of C9, C10, C9', C10')
BASIS: tuple[str, ...] = tuple(basis_name(w, lep) for lep in LEPTONS for w in WILSON_NAMES)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'=,.+-]{0,40}")


@dataclass(frozen=True)
class Coordinate:
    """One fitted direction: weights on :data:`BASIS`, central value, 1 sigma."""

    name: str
    weights: tuple[float, ...]
    central: float
    sigma: float

    def project(self, vector: tuple[float, ...]) -> float:
        """The coordinate of a model vector given in the order of :data:`BASIS`."""
        return sum(w * c for w, c in zip(self.weights, vector, strict=True))


@dataclass(frozen=True)
class FitScenario:
    """A global-fit scenario of Table 2."""

    name: str
    description: str
    coordinates: tuple[Coordinate, ...]
    match: str
    pull_sm: float | None
    source: str = "paper Table 2"

    def coordinate(self, name: str) -> Coordinate:
        for c in self.coordinates:
            if c.name == name:
                return c
        raise KeyError(name)


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, "a number", value)
    try:
        number = float(value)
    except OverflowError:
        raise InputError(field, "a finite number of moderate size", "a huge integer") from None
    if not math.isfinite(number):
        raise InputError(field, "a finite number", value)
    return number


def _weights(raw: Any, field: str) -> tuple[float, ...]:
    """Projection weights: four numbers on the muon (C9, C10, C9', C10'), or a table
    ``{basis name: weight}``."""
    if isinstance(raw, (list, tuple)):
        if len(raw) != len(WILSON_NAMES):
            raise InputError(field, "4 weights on the muon C9, C10, C9', C10'", raw)
        table = {basis_name(n, "mu"): x for n, x in zip(WILSON_NAMES, raw, strict=True)}
    elif isinstance(raw, Mapping):
        table = dict(raw)
    else:
        raise InputError(field, "4 weights, or a table {C9_mu: 1.0, C9_e: -1.0}", raw)
    for key in table:
        if key not in BASIS:
            raise InputError(field, "basis names " + ", ".join(BASIS), key)
    weights = tuple(_number(table.get(b, 0.0), field) for b in BASIS)
    if not any(weights):
        raise InputError(field, "at least one non-zero weight", raw)
    return weights


def _parse_scenario(name: str, raw: Any, source: str) -> FitScenario:
    where = f"scenarios.{name}"
    if not isinstance(raw, Mapping) or not isinstance(raw.get("coordinates"), Mapping):
        raise InputError(where, "a table with 'coordinates: {C9: [central, sigma], ...}'")
    projection = raw.get("projection", {}) or {}
    if not isinstance(projection, Mapping):
        raise InputError(f"{where}.projection", "a table {coordinate: weights}", projection)
    coords = []
    for cname, pair in raw["coordinates"].items():
        if not isinstance(cname, str) or not _NAME.fullmatch(cname):
            raise InputError(f"{where}.coordinates", "coordinate names such as C9 or C9_mu",
                             repr(cname)[:40])
        field = f"{where}.coordinates.{cname}"
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise InputError(field, "[central, sigma]", pair)
        central, sigma = _number(pair[0], field), _number(pair[1], f"{field} sigma")
        if sigma <= 0:
            raise InputError(f"{field} sigma", "a positive 1 sigma uncertainty", sigma)
        if cname in projection:
            weights = _weights(projection[cname], f"{where}.projection.{cname}")
        elif cname in WILSON_NAMES or cname in BASIS:
            muon = basis_name(cname, "mu") if cname in WILSON_NAMES else cname
            weights = tuple(1.0 if b == muon else 0.0 for b in BASIS)
        else:
            raise InputError(f"{where}.projection.{cname}", "weights for a coordinate that is "
                             "not a basis name (" + ", ".join(BASIS) + ")")
        coords.append(Coordinate(cname, weights, central, sigma))
    if not coords:
        raise InputError(f"{where}.coordinates", "at least one coordinate")
    for extra in projection:
        if extra not in raw["coordinates"]:
            raise InputError(f"{where}.projection.{extra}", "the name of a coordinate", extra)
    match = raw.get("match", coords[0].name)
    if not isinstance(match, str) or match not in {c.name for c in coords}:
        raise InputError(f"{where}.match", "one of the scenario's coordinates", match)
    pull = raw.get("pull_sm")
    return FitScenario(
        name=name,
        description=str(raw.get("description", name)),
        coordinates=tuple(coords),
        match=match,
        pull_sm=None if pull is None else _number(pull, f"{where}.pull_sm"),
        source=str(raw.get("source", source)),
    )


def parse_scenarios(data: Any, source: str = "scenarios") -> dict[str, FitScenario]:
    """Scenarios from a loaded YAML/JSON document ``{scenarios: {name: {...}}}``."""
    if not isinstance(data, Mapping) or not isinstance(data.get("scenarios"), Mapping):
        raise InputError(source, "a document with a 'scenarios' table")
    for name in data["scenarios"]:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise InputError("scenarios", "scenario names such as C9 or C9,C10", repr(name)[:40])
    default_source = str(data.get("source", source))
    return {
        str(k): _parse_scenario(str(k), v, default_source) for k, v in data["scenarios"].items()
    }


@cache
def builtin_scenarios() -> dict[str, FitScenario]:
    """Table 2 of the paper."""
    text = resources.files("chargesearch").joinpath("data/fit_scenarios.yaml").read_text("utf-8")
    return parse_scenarios(loads_document(text, "yaml", "fit_scenarios.yaml"),
                           "fit_scenarios.yaml")


def load_scenarios(path: str | Path | None = None) -> dict[str, FitScenario]:
    """Built-in scenarios, or those of a user YAML/JSON file of the same shape."""
    if path is None:
        return builtin_scenarios()
    scenarios = parse_scenarios(load_document(path, f"scenario file {path}"), str(path))
    if not scenarios:
        raise InputError(str(path), "at least one scenario under 'scenarios'")
    return scenarios


def scenario(name: str, path: str | Path | None = None) -> FitScenario:
    """Look up a scenario by name (``C9``, ``C9=-C10``, ``C9,C10``, ``4d``)."""
    table = load_scenarios(path)
    if name not in table:
        raise InputError("scenario", "one of " + ", ".join(table), name)
    return table[name]
