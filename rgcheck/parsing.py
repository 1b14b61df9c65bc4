"""Parsing of user-given numbers and assignments (never eval): ``0.01``, ``1e-2``, ``10^-2``,
``-10^-2.5``, ``1/3``; ``name=value,name=value``; ranges ``lo:hi[:n|:sign]``; and the safe
reading of user files (:func:`load_document`) with exact, bounded rationals
(:func:`parse_rational`)."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import userfiles
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

#: largest |numerator| and denominator of a charge read from a file
CHARGE_LIMIT = 10**12
_RATIONAL = re.compile(r"[+-]?(\d+(/\d+)?|\d*\.\d+|\d+\.)", re.ASCII)
RATIONAL_FORM = 'a rational number such as 1/20 or -3 (|p|, q < 10^12)'


def load_document(path: str | Path, field: str) -> Any:
    """Parsed content of a ``.toml``/``.txt`` (TOML), ``.json`` or ``.yaml``/``.yml`` file, read
    safely by :mod:`userfiles` (UTF-8, no duplicate keys or aliases, bounded size and depth)."""
    try:
        return userfiles.load_document(path, field)
    except userfiles.DocumentError as exc:
        raise RGInputError(exc.field, exc.expected, exc.got) from None


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
