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

import json
from fractions import Fraction
from pathlib import Path

from rgcheck.api import parse_fraction
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

ONE = "F_one"  # charge symbol with value 1, used for numeric charges


def _linear_form(value: object, field: str) -> LinearForm:
    if isinstance(value, str) and value.strip().startswith("F_"):
        return ((value.strip(), Fraction(1)),)
    if isinstance(value, dict):
        out = []
        for k, c in value.items():
            if not (isinstance(k, str) and k.startswith("F_")):
                raise RGInputError(f"{field}.{k}", "a charge symbol starting with F_", k)
            out.append((k, parse_fraction(c, f"{field}.{k}")))
        return tuple((k, c) for k, c in out if c != 0)
    q = parse_fraction(value, field)
    return ((ONE, q),) if q != 0 else ()


def _rep(value: object, allowed: tuple[str, ...], field: str) -> str:
    v = str(value)
    if v not in allowed:
        raise RGInputError(field, f"one of {', '.join(allowed)}", value)
    return v


def load_model(path: str | Path) -> tuple[Model, dict[str, Fraction]]:
    """Model and the charge values given in the file (possibly empty)."""
    p = Path(path)
    try:
        text = p.read_text()
    except OSError as exc:
        raise RGInputError("--model", f"a readable file ({exc.strerror})", str(path)) from None
    try:
        if p.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(text)
        elif p.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:
        raise RGInputError(
            "--model", f"valid YAML/JSON/TOML ({type(exc).__name__})", str(path)
        ) from None
    if not isinstance(data, dict):
        raise RGInputError("--model", "a mapping at top level", str(path))
    return model_from_dict(data)


def model_from_dict(data: dict) -> tuple[Model, dict[str, Fraction]]:
    known = {"name", "include_sm", "nu_R", "fermions", "scalars", "yukawas", "quartics", "charges"}
    for k in data:
        if k not in known:
            raise RGInputError(str(k), f"one of {', '.join(sorted(known))}", None)
    weyls: list[Weyl] = []
    scalars: list[Scalar] = []
    yukawas: list[Yukawa] = []
    quartics: list[Quartic] = []
    keys: list[str] = []
    if data.get("include_sm", False):
        nu = tuple(int(i) for i in data.get("nu_R", []) or [])
        sm = paper_model(Structure(nu=nu))
        weyls += [w for w in sm.weyls if not w.name.startswith("psi")]
        scalars += [s for s in sm.scalars if s.name == "H"]
        yukawas += [y for y in sm.yukawas if y.coupling in ("yt", "yb")]
        quartics += [q for q in sm.quartics if q.coupling == "lam"]
        keys += list(BASE_KEYS) + [f"F_nu{i}" for i in nu] + ["F_H"]
    for i, f in enumerate(data.get("fermions", []) or []):
        fld = f"fermions[{i}]"
        try:
            weyls.append(
                Weyl(
                    str(f["name"]),
                    _rep(f.get("su3", "1"), ("1", "3", "3b"), fld + ".su3"),
                    _rep(f.get("su2", "1"), ("1", "2", "2b"), fld + ".su2"),
                    parse_fraction(f.get("Y", 0), fld + ".Y"),
                    _linear_form(f.get("F", 0), fld + ".F"),
                    int(f.get("mult", 1)),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, RGInputError):
                raise
            raise RGInputError(fld, "a mapping with name, su3, su2, Y, F, mult", f) from None
    for i, s in enumerate(data.get("scalars", []) or []):
        fld = f"scalars[{i}]"
        try:
            scalars.append(
                Scalar(
                    str(s["name"]),
                    _rep(s.get("su3", "1"), ("1", "3", "3b"), fld + ".su3"),
                    _rep(s.get("su2", "1"), ("1", "2", "2b"), fld + ".su2"),
                    parse_fraction(s.get("Y", 0), fld + ".Y"),
                    _linear_form(s.get("F", 0), fld + ".F"),
                    tuple(int(n) for n in s.get("flavour", []) or []),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, RGInputError):
                raise
            raise RGInputError(fld, "a mapping with name, su3, su2, Y, F, flavour", s) from None
    names = {x.name for x in (*weyls, *scalars)}
    for i, y in enumerate(data.get("yukawas", []) or []):
        fld = f"yukawas[{i}]"
        if not isinstance(y, dict) or y.get("kind") not in ("eps", "dag", "matrix"):
            got = y.get("kind") if isinstance(y, dict) else y
            raise RGInputError(fld + ".kind", "eps, dag or matrix", got)
        for r in ("scalar", "psi1", "psi2"):
            if y.get(r) not in names:
                raise RGInputError(f"{fld}.{r}", "the name of a declared field", y.get(r))
        yukawas.append(Yukawa(str(y["coupling"]), y["kind"], y["scalar"], y["psi1"], y["psi2"]))
    for i, q in enumerate(data.get("quartics", []) or []):
        fld = f"quartics[{i}]"
        if not isinstance(q, dict) or q.get("kind") not in ("bilinear", "trace4"):
            raise RGInputError(fld + ".kind", "bilinear or trace4", None)
        fields = tuple(q.get("fields", []))
        for fname in fields:
            if fname not in names:
                raise RGInputError(f"{fld}.fields", "names of declared scalars", fname)
        quartics.append(Quartic(str(q["coupling"]), q["kind"], fields))
    for x in (*weyls, *scalars):
        for k, _ in x.F:
            if k not in keys:
                keys.append(k)
    model = Model(
        tuple(weyls),
        tuple(scalars),
        tuple(yukawas),
        tuple(quartics),
        tuple(keys),
        name=str(data.get("name", "model")),
    )
    charges = {k: parse_fraction(v, f"charges.{k}") for k, v in (data.get("charges") or {}).items()}
    if any(k == ONE for k in keys):
        charges[ONE] = Fraction(1)
    return model, charges
