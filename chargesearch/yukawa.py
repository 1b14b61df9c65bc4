"""Gauge invariance of the SM Yukawa couplings under U(1)', paper eq. (16).

Y^u_ij needs F_Qi + F_H - F_Uj = 0, Y^d_ij needs F_Qi - F_H - F_Dj = 0,
Y^e_ij needs F_Li - F_H - F_Ej = 0, Y^nu_ij needs F_Li + F_H - F_nuj = 0.
The functions accept exact values or :class:`~chargesearch.expressions.Poly` symbols, so the
same definition gives both the verdict on a charge set and the constraint polynomials.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chargesearch.charges import GENERATIONS

YUKAWA_KINDS: tuple[str, ...] = ("u", "d", "e", "nu")
_PARTS = {"u": ("Q", +1, "U"), "d": ("Q", -1, "D"), "e": ("L", -1, "E"), "nu": ("L", +1, "nu")}


def yukawa_charge_sum(charges: Mapping[str, Any], kind: str, i: int, j: int) -> Any:
    """Total U(1)' charge of the Yukawa operator Y^kind_ij (zero iff allowed), eq. (16)."""
    left, sign, right = _PARTS[kind]
    return charges[f"F_{left}{i}"] + sign * charges["F_H"] - charges[f"F_{right}{j}"]


def allowed_textures(charges: Mapping[str, Any]) -> dict[str, list[list[bool]]]:
    """Which entries of Y^u, Y^d, Y^e, Y^nu are gauge invariant (3x3 booleans each).

    Y^nu has as many columns as there are right-handed neutrinos (none: empty rows).
    """
    out: dict[str, list[list[bool]]] = {}
    for kind in YUKAWA_KINDS:
        columns = range(1, GENERATIONS + 1)
        if kind == "nu":
            columns = range(1, 1 + sum(1 for k in charges if k.startswith("F_nu")))
        out[kind] = [
            [yukawa_charge_sum(charges, kind, i, j) == 0 for j in columns]
            for i in range(1, GENERATIONS + 1)
        ]
    return out


def diagonal_flags(charges: Mapping[str, Any]) -> dict[str, bool]:
    """Table 6 columns: all diagonal entries allowed for Y^{u,d}, Y^e and Y^nu."""
    textures = allowed_textures(charges)

    def diagonal(kind: str) -> bool:
        rows = textures[kind]
        return all(len(row) > i and row[i] for i, row in enumerate(rows))

    return {
        "Y_ud_ii": diagonal("u") and diagonal("d"),
        "Y_e_ii": diagonal("e"),
        "Y_nu_ii": diagonal("nu"),
    }


def format_textures(textures: Mapping[str, list[list[bool]]]) -> str:
    """Human-readable 3x3 patterns (x = allowed, . = forbidden)."""
    lines = []
    for kind, rows in textures.items():
        if not rows or not rows[0]:
            lines.append(f"Y^{kind}: no right-handed neutrinos")
            continue
        body = " / ".join("".join("x" if a else "." for a in row) for row in rows)
        lines.append(f"Y^{kind}: {body}")
    return "\n".join(lines)
