"""Parsing of user-given numbers and assignments (never eval): ``0.01``, ``1e-2``, ``10^-2``,
``-10^-2.5``, ``1/3``; ``name=value,name=value``; ranges ``lo:hi[:n|:sign]``."""

from __future__ import annotations

import math
import re
from fractions import Fraction

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
