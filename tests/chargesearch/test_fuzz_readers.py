"""Property (issue 9): every chargesearch file reader turns ANY file into a parsed value or an
InputError with one line, never another exception and never a hang (hypothesis deadline).

Readers: :func:`chargesearch.chargefile.read_charge_file` (TOML/.txt, YAML, JSON, Parquet) and
:func:`chargesearch.scenarios.load_scenarios`. Inputs: random bytes; random nested documents
(charge-like and scenario-like keys, NaN/inf, big ints) dumped as JSON, YAML or TOML; deep
nesting and integers beyond Python's digit limit written as text.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chargesearch.chargefile import read_charge_file
from chargesearch.charges import all_charge_names
from chargesearch.errors import InputError
from chargesearch.scenarios import load_scenarios

SUFFIXES = (".toml", ".txt", ".yaml", ".yml", ".json", ".parquet")
FUZZ = settings(max_examples=120, deadline=3000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
READERS: dict[str, Callable[[Path], object]] = {
    "read_charge_file": read_charge_file,
    "load_scenarios": load_scenarios,
}

_KEYS = st.sampled_from([*all_charge_names(), "N_f", "Y_psi", "r2", "r3", "charges", "scenarios",
                         "coordinates", "projection", "match", "pull_sm", "C9", "C10", "source",
                         "description"]) | st.text(max_size=6)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([10**12, -(10**400), 2**63]),
    st.floats(), st.sampled_from(["1/20", "-3", "0.25", "1e999999999", "nan", "1/0", "x\ny"]),
    st.text(max_size=10),
)
_DOCS = st.recursive(
    _SCALARS, lambda c: st.lists(c, max_size=4) | st.dictionaries(_KEYS, c, max_size=5),
    max_leaves=25,
)


def _toml_value(value: Any) -> str:
    """Minimal TOML rendering (inline tables and arrays) of a JSON-like value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(
            value) else repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()
                               if v is not None) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value if v is not None) + "]"
    return json.dumps(str(value))


def _dump(doc: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc)
    if fmt == "yaml":
        return yaml.safe_dump(doc)
    table = doc if isinstance(doc, dict) else {"value": doc}
    return "\n".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in table.items()
                     if v is not None) + "\n"


def _check_all(content: bytes, suffix: str) -> None:
    """Every reader: a value or a one-line InputError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(content)
        for name, reader in READERS.items():
            try:
                reader(path)
            except InputError as exc:
                assert "\n" not in str(exc), (name, str(exc))


@FUZZ
@given(content=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(content, suffix):
    _check_all(content, suffix)


@FUZZ
@given(doc=_DOCS, fmt=st.sampled_from(["json", "yaml", "toml"]), wrap=st.booleans())
def test_random_documents(doc, fmt, wrap):
    if wrap:  # put the document where the readers look: under charges / scenarios
        doc = {"charges": doc, "scenarios": {"S": doc}}
    suffix = {"json": ".json", "yaml": ".yaml", "toml": ".toml"}[fmt]
    _check_all(_dump(doc, fmt).encode("utf-8", "surrogatepass"), suffix)


@st.composite
def _charge_tables(draw: st.DrawFn) -> dict[str, Any]:
    """Nearly valid charge tables: all chiral charges, some values replaced by junk."""
    names = all_charge_names(draw(st.integers(0, 3)))
    table: dict[str, Any] = {n: draw(st.integers(-5, 5)) for n in names}
    for name in draw(st.lists(st.sampled_from(names), max_size=4)):
        table[name] = draw(_SCALARS)
    for name in draw(st.lists(st.sampled_from(names[-4:]), max_size=4)):
        table.pop(name, None)
    return table


@FUZZ
@given(table=_charge_tables(), fmt=st.sampled_from(["json", "yaml", "toml"]))
def test_nearly_valid_charge_files(table, fmt):
    suffix = {"json": ".json", "yaml": ".yaml", "toml": ".txt"}[fmt]
    _check_all(_dump(table, fmt).encode("utf-8", "surrogatepass"), suffix)


@settings(max_examples=60, deadline=3000)
@given(depth=st.integers(1, 5000), fmt=st.sampled_from(["json", "yaml", "toml"]),
       digits=st.integers(1, 6000))
def test_deep_nesting_and_long_integers(depth, fmt, digits):
    nested = "[" * depth + "9" * digits + "]" * depth
    text = {"json": f'{{"F_Q1": {nested}}}', "yaml": f"F_Q1: {nested}\n",
            "toml": f"F_Q1 = {nested}\n"}[fmt]
    _check_all(text.encode(), "." + fmt)


_SCENARIO_KEYS = st.sampled_from(["C9", "C10", "C9_mu", "C9p", "X", "a\nb"])
_SCENARIOS = st.fixed_dictionaries(
    {"coordinates": st.dictionaries(_SCENARIO_KEYS, st.lists(_SCALARS, max_size=3)
                                    | _SCALARS, max_size=3)},
    optional={"projection": st.dictionaries(_SCENARIO_KEYS, _DOCS, max_size=2),
              "match": _DOCS, "pull_sm": _SCALARS, "description": _DOCS},
)
@settings(FUZZ)
@given(scenarios=st.dictionaries(_SCENARIO_KEYS, _SCENARIOS, min_size=1, max_size=2),
       fmt=st.sampled_from(["json", "yaml"]))
def test_scenario_shaped_files(scenarios, fmt):
    _check_all(_dump({"scenarios": scenarios}, fmt).encode("utf-8", "surrogatepass"), "." + fmt)


@pytest.mark.parametrize("text", [
    "scenarios: {S: {coordinates: {C9: [-0.8, 0.1]}, match: [1]}}",
    "scenarios: {S: {coordinates: {C9: [-0.8, 0.1]}, match: {a: 1}}}",
    'scenarios: {"a\\nb": {coordinates: {C9: [-0.8, 0.1]}, match: X}}',
    'scenarios: {S: {coordinates: {"C9\\nx": [1, 1]}}}',
])
def test_scenario_inputs_found_by_fuzzing(text):
    _check_all(text.encode(), ".yaml")
