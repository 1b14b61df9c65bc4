"""Read a model description (YAML, JSON or TOML) into a :class:`~rgcheck.model.Model`.

Schema (docs/rgcheck-conventions.md, "Model files")::

    name: my-model
    include_sm: true          # add the SM of Table 1 (Q, U, D, L, E with F_Q1..F_E3, H, yt, yb,
    nu_R: [1, 2, 3]           #   lambda); nu_R lists the right-handed neutrinos to add
    fermions:                 # left-handed Weyl multiplets (a RH field enters conjugated)
      - {name: chiL, su3: "1", su2: "2", Y: "-1/2", F: F_chi, mult: 2}
      - {name: chiRc, su3: "1", su2: "2", Y: "1/2", F: {F_chi: -1}, mult: 2}
    scalars:                  # complex scalars, canonically normalised
      - {name: X, su3: "1", su2: "1", Y: "0", F: "1/3", flavour: [2, 2]}
    yukawas:                  # coupling * [X or X^*] psi1 psi2 + h.c.; kind eps | dag | matrix
      - {coupling: yx, kind: matrix, scalar: X, psi1: chiL, psi2: chiRc}
    quartics:                 # kind bilinear: (A+A)(B+B); trace4: tr(A+A A+A)
      - {coupling: ux, kind: trace4, fields: [X]}
    charges: {F_chi: "1/2"}   # optional values of the charge symbols

U(1)' charges F are a charge symbol ("F_chi"), a linear form ({F_chi: 1, F_H: -1}) or a
rational number ("1/3"). Representations: su3 in {"1", "3", "3b"}, su2 in {"1", "2", "2b"}
(2b = -t^*, equivalent to 2; use it for conjugated fields so that delta contractions in
`matrix` Yukawas are invariant).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from rgcheck.errors import RGInputError
from rgcheck.model import (
    BASE_KEYS,
    LinearForm,
    Model,
    Quartic,
    Scalar,
    Structure,
    Weyl,
    Yukawa,
    paper_model,
)
from rgcheck.parsing import field_label, load_document, parse_rational, short

ONE = "F_one"  # charge symbol with value 1, used for numeric charges
KNOWN = ("name", "include_sm", "nu_R", "fermions", "scalars", "yukawas", "quartics", "charges")
#: largest multiplicity / flavour dimension accepted (the paper's N_f = 3)
MAX_COUNT = 100


def _linear_form(value: object, field: str) -> LinearForm:
    if isinstance(value, str) and value.strip().startswith("F_"):
        return ((value.strip(), Fraction(1)),)
    if isinstance(value, dict):
        out = []
        for k, c in value.items():
            if not (isinstance(k, str) and k.startswith("F_")):
                raise RGInputError(f"{field}.{field_label(k)}", "a charge symbol starting with F_",
                                   short(k))
            out.append((k, parse_rational(c, f"{field}.{k}")))
        return tuple((k, c) for k, c in out if c != 0)
    q = parse_rational(value, field)
    return ((ONE, q),) if q != 0 else ()


def _rep(value: object, allowed: tuple[str, ...], field: str) -> str:
    v = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    if v not in allowed:
        raise RGInputError(field, f"one of {', '.join(allowed)}", short(value))
    return str(v)


def _name(value: object, field: str) -> str:
    if not (isinstance(value, str) and value.isprintable() and 0 < len(value) <= 64):
        raise RGInputError(field, "a name (text of 1 to 64 characters)", short(value))
    return value


def _count(value: object, field: str) -> int:
    number = parse_rational(value, field)
    if number.denominator != 1 or not 1 <= number <= MAX_COUNT:
        raise RGInputError(field, f"an integer 1..{MAX_COUNT}", short(value))
    return int(number)


def _list(value: object, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RGInputError(field, "a list", short(value))
    return value


def _entries(data: dict[Any, Any], key: str, form: str) -> list[tuple[str, dict[Any, Any]]]:
    """The list ``data[key]`` of mappings, each with its field name ``key[i]``."""
    out = []
    for i, item in enumerate(_list(data.get(key), key)):
        if not isinstance(item, dict):
            raise RGInputError(f"{key}[{i}]", form, short(item))
        out.append((f"{key}[{i}]", item))
    return out


def load_model(path: str | Path) -> tuple[Model, dict[str, Fraction]]:
    """Model and the charge values given in the file (possibly empty); the file is read by
    :func:`rgcheck.parsing.load_document` (UTF-8, no duplicate keys, bounded size and depth)."""
    data = load_document(path, "--model")
    if data is None or data == {}:
        raise RGInputError("--model", "a non-empty model file", str(path))
    if not isinstance(data, dict):
        raise RGInputError("--model", "a mapping at top level", str(path))
    return model_from_dict(data)


def model_from_dict(data: dict[Any, Any]) -> tuple[Model, dict[str, Fraction]]:
    """Model and charge values of a parsed model file (schema in the module docstring)."""
    for k in data:
        if k not in KNOWN:
            raise RGInputError(field_label(k), f"one of {', '.join(sorted(KNOWN))}", None)
    weyls: list[Weyl] = []
    scalars: list[Scalar] = []
    yukawas: list[Yukawa] = []
    quartics: list[Quartic] = []
    keys: list[str] = []
    if data.get("include_sm", False):
        nu = tuple(_count(i, "nu_R") for i in _list(data.get("nu_R"), "nu_R"))
        if not set(nu) <= {1, 2, 3} or len(set(nu)) != len(nu):
            raise RGInputError("nu_R", "distinct generations from 1, 2, 3", short(nu))
        sm = paper_model(Structure(nu=nu))
        weyls += [w for w in sm.weyls if not w.name.startswith("psi")]
        scalars += [s for s in sm.scalars if s.name == "H"]
        yukawas += [y for y in sm.yukawas if y.coupling in ("yt", "yb")]
        quartics += [q for q in sm.quartics if q.coupling == "lam"]
        keys += list(BASE_KEYS) + [f"F_nu{i}" for i in nu] + ["F_H"]
    for fld, f in _entries(data, "fermions", "a mapping with name, su3, su2, Y, F, mult"):
        weyls.append(
            Weyl(
                _name(f.get("name"), fld + ".name"),
                _rep(f.get("su3", "1"), ("1", "3", "3b"), fld + ".su3"),
                _rep(f.get("su2", "1"), ("1", "2", "2b"), fld + ".su2"),
                parse_rational(f.get("Y", 0), fld + ".Y"),
                _linear_form(f.get("F", 0), fld + ".F"),
                _count(f.get("mult", 1), fld + ".mult"),
            )
        )
    for fld, s in _entries(data, "scalars", "a mapping with name, su3, su2, Y, F, flavour"):
        scalars.append(
            Scalar(
                _name(s.get("name"), fld + ".name"),
                _rep(s.get("su3", "1"), ("1", "3", "3b"), fld + ".su3"),
                _rep(s.get("su2", "1"), ("1", "2", "2b"), fld + ".su2"),
                parse_rational(s.get("Y", 0), fld + ".Y"),
                _linear_form(s.get("F", 0), fld + ".F"),
                tuple(_count(n, fld + ".flavour") for n in _list(s.get("flavour"), fld)),
            )
        )
    declared: list[Weyl | Scalar] = [*weyls, *scalars]
    names = {x.name for x in declared}
    for fld, y in _entries(data, "yukawas", "a mapping with coupling, kind, scalar, psi1, psi2"):
        if y.get("kind") not in ("eps", "dag", "matrix"):
            raise RGInputError(fld + ".kind", "eps, dag or matrix", short(y.get("kind")))
        for r in ("scalar", "psi1", "psi2"):
            if not isinstance(y.get(r), str) or y.get(r) not in names:
                raise RGInputError(f"{fld}.{r}", "the name of a declared field", short(y.get(r)))
        yukawas.append(Yukawa(_name(y.get("coupling"), fld + ".coupling"), y["kind"],
                              y["scalar"], y["psi1"], y["psi2"]))
    for fld, q in _entries(data, "quartics", "a mapping with coupling, kind, fields"):
        if q.get("kind") not in ("bilinear", "trace4"):
            raise RGInputError(fld + ".kind", "bilinear or trace4", short(q.get("kind")))
        fields = tuple(_list(q.get("fields"), fld + ".fields"))
        for fname in fields:
            if not isinstance(fname, str) or fname not in names:
                raise RGInputError(f"{fld}.fields", "names of declared scalars", short(fname))
        quartics.append(Quartic(_name(q.get("coupling"), fld + ".coupling"), q["kind"], fields))
    for x in declared:
        for k, _ in x.F:
            if k not in keys:
                keys.append(k)
    model = Model(
        tuple(weyls),
        tuple(scalars),
        tuple(yukawas),
        tuple(quartics),
        tuple(keys),
        name=str(short(data.get("name", "model"))),
    )
    given = data.get("charges") or {}
    if not isinstance(given, dict):
        raise RGInputError("charges", "a mapping F_X: rational", short(given))
    charges = {field_label(k): parse_rational(v, f"charges.{field_label(k)}")
               for k, v in given.items()}
    if any(k == ONE for k in keys):
        charges[ONE] = Fraction(1)
    return model, charges
