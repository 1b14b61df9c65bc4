"""Measurements and Standard-Model predictions with sources, from ``data/measurements.yaml``.

Each entry of the data file carries a value, its 1 sigma uncertainty (symmetric, or
``{minus, plus}``), a unit, the source it was read in and a short note; see the file's header
and ``docs/today-data.md``. :func:`measurements` returns them keyed by name. The file is
checked where it enters: a finite value, positive uncertainties and a non-empty source, else a
one-line :class:`~chargesearch.errors.InputError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from chargesearch.errors import InputError

DATA_FILE = "data/measurements.yaml"
KINDS: tuple[str, ...] = ("measurement", "average", "sm_prediction")


@dataclass(frozen=True)
class Measurement:
    """One measured value or prediction with its (possibly asymmetric) 1 sigma uncertainty."""

    key: str
    value: float
    sigma_minus: float
    sigma_plus: float
    unit: str
    source: str
    note: str = ""
    kind: str = "measurement"
    q2_bin: tuple[float, float] | None = None
    #: uncertainty components as the source gives them: name -> (minus, plus)
    components: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def symmetric(self) -> bool:
        return self.sigma_minus == self.sigma_plus

    @property
    def sigma(self) -> float:
        """Symmetrised 1 sigma: the mean half-width (sigma_minus + sigma_plus) / 2."""
        return 0.5 * (self.sigma_minus + self.sigma_plus)

    def sigma_towards(self, x: float) -> float:
        """The side of the uncertainty that faces ``x`` (for a pull against a prediction)."""
        return self.sigma_plus if x >= self.value else self.sigma_minus

    def pull(self, x: float) -> float:
        """(x - value) / sigma on the side of x; positive when x lies above the value."""
        return (x - self.value) / self.sigma_towards(x)


def _number(raw: Any, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise InputError(where, "a finite number (write exponents as 2.3e-5)", raw)
    value = float(raw)
    if not math.isfinite(value):
        raise InputError(where, "a finite number", raw)
    return value


def _positive(raw: Any, where: str) -> float:
    value = _number(raw, where)
    if value <= 0:
        raise InputError(where, "a positive uncertainty", raw)
    return value


def _interval(raw: Any, where: str) -> tuple[float, float]:
    """An uncertainty as (minus, plus): a number, or a table {minus: m, plus: p}."""
    if isinstance(raw, Mapping):
        if set(raw) != {"minus", "plus"}:
            raise InputError(where, "a number or a table {minus: m, plus: p}", dict(raw))
        return _positive(raw["minus"], f"{where}.minus"), _positive(raw["plus"], f"{where}.plus")
    sigma = _positive(raw, where)
    return sigma, sigma


def _text(raw: Any, where: str, *, required: bool) -> str:
    if raw is None and not required:
        return ""
    if not isinstance(raw, str) or (required and not raw.strip()):
        raise InputError(where, "a non-empty text", raw)
    return " ".join(raw.split())


def _parse_entry(raw: Any, index: int) -> Measurement:
    if not isinstance(raw, Mapping):
        raise InputError(f"measurements[{index}]", "a table with key, value, uncertainty, source")
    key = raw.get("key")
    if not isinstance(key, str) or not key.strip():
        raise InputError(f"measurements[{index}].key", "a non-empty name", key)
    where = f"measurements.{key}"
    if "value" not in raw:
        raise InputError(f"{where}.value", "a finite number")
    if "uncertainty" not in raw:
        raise InputError(f"{where}.uncertainty", "a number or a table {minus: m, plus: p}")
    value = _number(raw["value"], f"{where}.value")
    minus, plus = _interval(raw["uncertainty"], f"{where}.uncertainty")
    kind = raw.get("kind", "measurement")
    if kind not in KINDS:
        raise InputError(f"{where}.kind", "one of " + ", ".join(KINDS), kind)
    components: dict[str, tuple[float, float]] = {}
    raw_components = raw.get("components") or {}
    if not isinstance(raw_components, Mapping):
        raise InputError(f"{where}.components", "a table {stat: ..., syst: ...}", raw_components)
    for name, part in raw_components.items():
        components[str(name)] = _interval(part, f"{where}.components.{name}")
    q2_bin = None
    if raw.get("q2_bin") is not None:
        q2 = raw["q2_bin"]
        if not isinstance(q2, (list, tuple)) or len(q2) != 2:
            raise InputError(f"{where}.q2_bin", "[q2_min, q2_max] in GeV^2", q2)
        lo, hi = _number(q2[0], f"{where}.q2_bin"), _number(q2[1], f"{where}.q2_bin")
        if not 0 <= lo < hi:
            raise InputError(f"{where}.q2_bin", "0 <= q2_min < q2_max", q2)
        q2_bin = (lo, hi)
    unit = raw.get("unit", "")
    if not isinstance(unit, str):
        raise InputError(f"{where}.unit", "a text (empty for ratios)", unit)
    return Measurement(
        key=key,
        value=value,
        sigma_minus=minus,
        sigma_plus=plus,
        unit=unit,
        source=_text(raw.get("source"), f"{where}.source", required=True),
        note=_text(raw.get("note"), f"{where}.note", required=False),
        kind=kind,
        q2_bin=q2_bin,
        components=components,
    )


def parse_measurements(data: Any, origin: str = "measurements") -> dict[str, Measurement]:
    """Measurements from a loaded document ``{measurements: [{key: ..., ...}, ...]}``."""
    if not isinstance(data, Mapping) or not isinstance(data.get("measurements"), list):
        raise InputError(origin, "a document with a 'measurements' list")
    table: dict[str, Measurement] = {}
    for index, raw in enumerate(data["measurements"]):
        entry = _parse_entry(raw, index)
        if entry.key in table:
            raise InputError(f"measurements.{entry.key}", "a key used once", entry.key)
        table[entry.key] = entry
    return table


@cache
def _builtin() -> dict[str, Measurement]:
    text = resources.files("chargesearch").joinpath(DATA_FILE).read_text("utf-8")
    return parse_measurements(yaml.safe_load(text), "measurements.yaml")


def measurements() -> dict[str, Measurement]:
    """All built-in measurements and predictions, keyed by name (a fresh dict each call)."""
    return dict(_builtin())


def measurement(key: str) -> Measurement:
    """One built-in entry by name."""
    table = _builtin()
    if key not in table:
        raise InputError("measurement", "one of " + ", ".join(table), key)
    return table[key]
