"""The paper's benchmark models BM1-BM4 (Table 3) and their quoted results, as package data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from chargesearch.charges import ChargeAssignment
from chargesearch.errors import InputError

BENCHMARK_NAMES: tuple[str, ...] = ("BM1", "BM2", "BM3", "BM4")


@dataclass(frozen=True)
class Benchmark:
    """A benchmark: charges (Table 3), matching scale mu0 (47), fit scenario, paper values."""

    name: str
    charges: ChargeAssignment
    mu0_TeV: float
    scenario: str
    paper: dict[str, Any]


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("chargesearch").joinpath("data/benchmarks.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def benchmark(name: str) -> Benchmark:
    """Load one benchmark by name (BM1..BM4)."""
    raw = _raw()
    if name not in raw:
        raise InputError("benchmark", "one of " + ", ".join(BENCHMARK_NAMES), name)
    entry = raw[name]
    return Benchmark(
        name=name,
        charges=ChargeAssignment.from_mapping(entry["charges"]),
        mu0_TeV=float(entry["mu0_TeV"]),
        scenario=str(entry["scenario"]),
        paper=entry["paper"],
    )


def all_benchmarks() -> list[Benchmark]:
    """BM1..BM4 in order."""
    return [benchmark(name) for name in BENCHMARK_NAMES]
