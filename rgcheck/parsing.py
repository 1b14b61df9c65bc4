"""Parsing of user-given numbers and assignments (never eval): ``0.01``, ``1e-2``, ``10^-2``,
``-10^-2.5``, ``1/3``; ``name=value,name=value``; ranges ``lo:hi[:n|:sign]``; and the safe
reading of user files (:func:`load_document`) with exact, bounded rationals
(:func:`parse_rational`)."""

from __future__ import annotations

import json
import math
import re
import sys
import tomllib
from collections.abc import Hashable
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from rgcheck.errors import RGInputError

_POWER = re.compile(r"^([+-]?)10\^\(?([+-]?\d+(?:\.\d+)?)\)?$")
_MAX_LEN = 64
NUMBER_FORM = "a number such as 0.01, 1e-2, 10^-2.5 or 1/3"


def parse_real(text: object, field: str) -> float:
    """A finite float from a number or a string of the forms above."""
    if isinstance(text, bool):
        raise RGInputError(field, NUMBER_FORM, text)
    if isinstance(text, int | float):
        value = float(text)
    elif isinstance(text, str) and len(text) <= _MAX_LEN:
        s = text.strip().replace(" ", "")
        m = _POWER.match(s)
        try:
            if m:
                value = (-1.0 if m.group(1) == "-" else 1.0) * 10.0 ** float(m.group(2))
            elif "/" in s:
                value = float(Fraction(s))
            else:
                value = float(s)
        except (ValueError, ZeroDivisionError, OverflowError):
            raise RGInputError(field, NUMBER_FORM, text) from None
    else:
        raise RGInputError(field, NUMBER_FORM, text)
    if not math.isfinite(value):
        raise RGInputError(field, f"a finite number ({NUMBER_FORM})", text)
    return value


def parse_assignments(text: str, field: str, allowed: tuple[str, ...]) -> dict[str, float]:
    """``name=value,name=value`` with names from ``allowed``; each name at most once."""
    out: dict[str, float] = {}
    if not text.strip():
        raise RGInputError(field, "name=value pairs separated by commas", text)
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name:
            raise RGInputError(field, "name=value pairs separated by commas", part)
        if name not in allowed:
            raise RGInputError(f"{field} {name}", f"one of {', '.join(allowed)}")
        if name in out:
            raise RGInputError(f"{field} {name}", "each name once")
        out[name] = parse_real(value, f"{field} {name}")
    return out


# -- user files ---------------------------------------------------------------------------------
# Same rules as chargesearch.filereaders (rgcheck must not import chargesearch): a regular UTF-8
# file of at most MAX_BYTES, YAML without duplicate keys or aliases, JSON without duplicate keys,
# nesting of at most MAX_DEPTH levels, integers within Python's digit limit.

#: largest accepted charge or model file (they are a few kB)
MAX_BYTES = 1 << 20
#: deepest accepted nesting of tables/lists
MAX_DEPTH = 64
#: largest |numerator| and denominator of a charge read from a file
CHARGE_LIMIT = 10**12
_RATIONAL = re.compile(r"[+-]?(\d+(/\d+)?|\d*\.\d+|\d+\.)", re.ASCII)
RATIONAL_FORM = 'a rational number such as 1/20 or -3 (|p|, q < 10^12)'


class _Refused(yaml.YAMLError):
    """A construct the safe reader does not accept (duplicate key, alias)."""

    def __init__(self, expected: str, got: object, line: int) -> None:
        super().__init__(expected)
        self.expected, self.got, self.line = expected, got, line


class UniqueKeySafeLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """``yaml.SafeLoader`` that refuses duplicate mapping keys, merge keys and aliases."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build ``node``; a node met a second time is an alias (``*name``) and refused."""
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused("YAML without aliases (*name)", None, node.start_mark.line + 1)
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A dict of ``node``, each key at most once."""
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise _Refused("scalar mapping keys", type(key).__name__,
                               key_node.start_mark.line + 1)
            if key in mapping:
                raise _Refused("each key at most once", key, key_node.start_mark.line + 1)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused("each key at most once", key, 0)
        out[key] = value
    return out


def read_text(path: str | Path, field: str) -> str:
    """The UTF-8 text of the regular file ``path`` (at most :data:`MAX_BYTES` bytes)."""
    p = Path(path)
    try:
        if not p.is_file():
            raise RGInputError(field, "an existing file" if not p.exists() else "a regular file",
                               str(p))
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RGInputError(field, f"a readable file ({exc.strerror or type(exc).__name__})",
                           str(p)) from None
    if len(data) > MAX_BYTES:
        raise RGInputError(field, f"a file of at most {MAX_BYTES // 1024} KiB", str(p))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RGInputError(field, "a UTF-8 text file", str(p)) from None
    if "\x00" in text:
        raise RGInputError(field, "a UTF-8 text file (found a NUL byte)", str(p))
    return text


def _check_tree(data: Any, field: str, name: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and over-long integers (keys and values)."""
    max_bits = int(sys.get_int_max_str_digits() * 3.32)  # log2(10) bits per digit
    level = [data]
    for depth in range(MAX_DEPTH + 2):
        if any(isinstance(x, int) and abs(x).bit_length() > max_bits for x in level):
            raise RGInputError(field, f"integers of at most {sys.get_int_max_str_digits()} "
                               "digits")
        containers = [x for x in level if isinstance(x, dict | list | tuple)]
        if not containers:
            return
        if depth == MAX_DEPTH:
            raise RGInputError(field, f"{name} nested at most {MAX_DEPTH} levels deep")
        level = [child for item in containers
                 for child in ([*item, *item.values()] if isinstance(item, dict) else item)]


def load_document(path: str | Path, field: str) -> Any:
    """Parsed content of a ``.toml``/``.txt`` (TOML), ``.json`` or other (YAML) file."""
    p = Path(path)
    text = read_text(p, field)
    suffix = p.suffix.lower()
    name = "TOML" if suffix in (".toml", ".txt") else "JSON" if suffix == ".json" else "YAML"
    try:
        if name == "TOML":
            data: Any = tomllib.loads(text)
        elif name == "JSON":
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        else:
            data = yaml.load(text, Loader=UniqueKeySafeLoader)
    except _Refused as exc:
        where = f" ({name}, line {exc.line})" if exc.line else f" ({name})"
        raise RGInputError(field, exc.expected + where, exc.got) from None
    except RecursionError:
        raise RGInputError(field, f"{name} nested at most {MAX_DEPTH} levels deep") from None
    except Exception as exc:
        # parser errors, the int digit limit (ValueError), impossible dates, PyYAML tag bugs:
        # the parsers are third-party code, so any failure on user text is bad input
        if isinstance(exc, ValueError) and "digits" in str(exc):
            raise RGInputError(field, f"integers of at most {sys.get_int_max_str_digits()} "
                               "digits") from None
        lines = str(exc).strip().splitlines() or [type(exc).__name__]
        raise RGInputError(field, f"valid {name} ({lines[0][:160]})", str(p)) from None
    _check_tree(data, field, name)
    return data


def parse_rational(value: object, field: str) -> Fraction:
    """An exact, bounded rational from a file: int, integral float (|x| <= 2**53) or a string
    ``p``, ``p/q``, ``0.25`` of at most 64 characters (no exponents, never eval); |p|, q below
    :data:`CHARGE_LIMIT`."""
    number: Fraction | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | Fraction):
        number = Fraction(value)
    elif isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        number = Fraction(int(value))
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if len(text) <= _MAX_LEN and _RATIONAL.fullmatch(text):
            try:
                number = Fraction(text)
            except ZeroDivisionError:
                number = None
    if (number is None or abs(number.numerator) >= CHARGE_LIMIT
            or number.denominator >= CHARGE_LIMIT):
        raise RGInputError(field, RATIONAL_FORM, short(value))
    return number


def short(value: object) -> object:
    """``value`` as an error message shows it: one short line whatever the input."""
    if isinstance(value, int | Fraction) and not isinstance(value, bool):
        digits = int(abs(Fraction(value).numerator).bit_length() * 0.30103) + 1
        return value if digits < 30 else f"a number of about {digits} digits"
    if isinstance(value, str):
        return value[:_MAX_LEN]
    if isinstance(value, float | bool | type(None)):
        return value
    return type(value).__name__


def field_label(key: object) -> str:
    """A mapping key as the FIELD of a one-line error message."""
    text = key if isinstance(key, str) else repr(short(key))
    return text if len(text) <= _MAX_LEN and text.isprintable() else repr(text[:_MAX_LEN])
