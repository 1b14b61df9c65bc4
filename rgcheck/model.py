"""Model description: gauge group SU(3) x SU(2) x U(1)_Y x U(1)' (two abelian factors with
kinetic mixing), left-handed Weyl fermions and complex scalars with representations, exact
hypercharges and U(1)' charges (linear forms in named charge symbols F_X), and Yukawa and
quartic interactions written as invariants.

Conventions (docs/rgcheck-conventions.md): all fermions are left-handed Weyl fields (a
right-handed field enters as its conjugate, with conjugate representation and opposite
charges); complex scalars are canonically normalised, phi = (x + i y)/sqrt(2).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from rgcheck.errors import RGInputError

#: the couplings of the paper's model, in API order
COUPLINGS: tuple[str, ...] = (
    "g1",
    "g2",
    "g3",
    "g4",
    "g14",
    "yt",
    "yb",
    "y",
    "lam",
    "s",
    "u",
    "v",
    "delta",
    "deltatilde",
    "w",
)
GAUGE_COUPLINGS = ("g1", "g2", "g3", "g4", "g14")

LinearForm = tuple[tuple[str, Fraction], ...]  # sum_k coef_k * F_k


def lf(*pairs: tuple[str, Fraction | int]) -> LinearForm:
    return tuple((k, Fraction(c)) for k, c in pairs if Fraction(c) != 0)


def lf_neg(f: LinearForm) -> LinearForm:
    return tuple((k, -c) for k, c in f)


@dataclass(frozen=True)
class Weyl:
    """A left-handed Weyl multiplet: `mult` flavour copies of (su3 x su2) rep, hypercharge Y,
    U(1)' charge F (a linear form in charge symbols)."""

    name: str
    su3: str
    su2: str
    Y: Fraction
    F: LinearForm
    mult: int = 1


@dataclass(frozen=True)
class Scalar:
    """A complex scalar multiplet; `flavour` is its flavour shape, e.g. (3, 3) for S."""

    name: str
    su3: str
    su2: str
    Y: Fraction
    F: LinearForm
    flavour: tuple[int, ...] = ()


@dataclass(frozen=True)
class Yukawa:
    """A holomorphic Yukawa invariant  coupling * [phi or phi^*] psi1 psi2 (+ h.c.).

    kind:
      'eps'    : eps_{ab} phi^a psi1^b psi2          (SU(2) doublets phi, psi1; e.g. Q H~ U)
      'dag'    : phi^*_a psi1^a psi2                  (e.g. Q H D)
      'matrix' : phi^*_{ij} psi1_i psi2_j             (flavour-matrix scalar; psibar_L S psi_R)
    colour/isospin indices of psi1, psi2 not named above are contracted with delta.
    """

    coupling: str
    kind: str
    scalar: str
    psi1: str
    psi2: str


@dataclass(frozen=True)
class Quartic:
    """A quartic invariant: kind 'bilinear' = (A^+A)(B^+B) (A == B allowed: (A^+A)^2),
    kind 'trace4' = tr(A^+ A A^+ A) for a flavour-matrix scalar A."""

    coupling: str
    kind: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    weyls: tuple[Weyl, ...]
    scalars: tuple[Scalar, ...]
    yukawas: tuple[Yukawa, ...]
    quartics: tuple[Quartic, ...]
    charge_keys: tuple[str, ...]
    name: str = "model"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def structure_key(self) -> str:
        """A hash of everything except the values of the charge symbols."""
        payload = json.dumps(
            {
                "weyls": [
                    [w.name, w.su3, w.su2, str(w.Y), [[k, str(c)] for k, c in w.F], w.mult]
                    for w in self.weyls
                ],
                "scalars": [
                    [s.name, s.su3, s.su2, str(s.Y), [[k, str(c)] for k, c in s.F], s.flavour]
                    for s in self.scalars
                ],
                "yukawas": [[y.coupling, y.kind, y.scalar, y.psi1, y.psi2] for y in self.yukawas],
                "quartics": [[q.coupling, q.kind, list(q.fields)] for q in self.quartics],
                "keys": list(self.charge_keys),
            },
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def couplings(self) -> tuple[str, ...]:
        names = list(GAUGE_COUPLINGS)
        names += [y.coupling for y in self.yukawas if y.coupling not in names]
        names += [q.coupling for q in self.quartics if q.coupling not in names]
        return tuple(names)

    def field(self, name: str) -> Weyl | Scalar:
        fields: tuple[Weyl | Scalar, ...] = (*self.weyls, *self.scalars)
        for f in fields:
            if f.name == name:
                return f
        raise KeyError(name)


# ---------------------------------------------------------------------------------------
# The paper's model family (Table 1, SPEC section 6)
# ---------------------------------------------------------------------------------------

SM_SPECIES = ("Q", "U", "D", "L", "E")
BASE_KEYS = tuple(f"F_{s}{i}" for s in SM_SPECIES for i in (1, 2, 3))
SINGLE_KEYS = ("F_H", "F_psi", "F_S", "F_phi")


@dataclass(frozen=True)
class Structure:
    """Charge-independent data of the paper's model: psi representation and which nu_R exist."""

    nu: tuple[int, ...] = (1, 2, 3)
    N_f: int = 3
    Y_psi: Fraction = Fraction(0)
    r2: int = 1
    r3: int = 1


def paper_model(st: Structure = Structure()) -> Model:
    """SM (3 generations, optional nu_R) + H + N_f vector-like psi + N_f x N_f scalar S + phi.

    -L_Yuk = yt Q3 H~ U3 + yb Q3 H D3 + y psibar_L S psi_R + h.c.; V4 as SPEC (12)."""
    if st.r2 not in (1, 2) or st.r3 not in (1, 3):
        raise RGInputError("r2/r3", "r2 in {1, 2} and r3 in {1, 3}", (st.r2, st.r3))
    h = Fraction(1, 2)
    weyls: list[Weyl] = []
    for i in (1, 2, 3):
        weyls.append(Weyl(f"Q{i}", "3", "2", Fraction(1, 6), lf((f"F_Q{i}", 1))))
        weyls.append(Weyl(f"U{i}", "3b", "1", Fraction(-2, 3), lf((f"F_U{i}", -1))))
        weyls.append(Weyl(f"D{i}", "3b", "1", Fraction(1, 3), lf((f"F_D{i}", -1))))
        weyls.append(Weyl(f"L{i}", "1", "2", -h, lf((f"F_L{i}", 1))))
        weyls.append(Weyl(f"E{i}", "1", "1", Fraction(1), lf((f"F_E{i}", -1))))
    for i in st.nu:
        weyls.append(Weyl(f"nu{i}", "1", "1", Fraction(0), lf((f"F_nu{i}", -1))))
    r3 = "3" if st.r3 == 3 else "1"
    r3b = "3b" if st.r3 == 3 else "1"
    r2 = "2" if st.r2 == 2 else "1"
    r2b = "2b" if st.r2 == 2 else "1"
    weyls.append(Weyl("psiL", r3, r2, st.Y_psi, lf(("F_psi", 1)), st.N_f))
    weyls.append(Weyl("psiRc", r3b, r2b, -st.Y_psi, lf(("F_psi", -1)), st.N_f))
    scalars = (
        Scalar("H", "1", "2", h, lf(("F_H", 1))),
        Scalar("S", "1", "1", Fraction(0), lf(("F_S", 1)), (st.N_f, st.N_f)),
        Scalar("phi", "1", "1", Fraction(0), lf(("F_phi", 1))),
    )
    yukawas = (
        Yukawa("yt", "eps", "H", "Q3", "U3"),
        Yukawa("yb", "dag", "H", "Q3", "D3"),
        Yukawa("y", "matrix", "S", "psiL", "psiRc"),
    )
    quartics = (
        Quartic("lam", "bilinear", ("H", "H")),
        Quartic("s", "bilinear", ("phi", "phi")),
        Quartic("u", "trace4", ("S",)),
        Quartic("v", "bilinear", ("S", "S")),
        Quartic("delta", "bilinear", ("H", "S")),
        Quartic("deltatilde", "bilinear", ("H", "phi")),
        Quartic("w", "bilinear", ("phi", "S")),
    )
    keys = BASE_KEYS + tuple(f"F_nu{i}" for i in st.nu) + SINGLE_KEYS
    return Model(tuple(weyls), scalars, yukawas, quartics, keys, name="paper")


def charge_value(form: LinearForm, charges: Mapping[str, Fraction]) -> Fraction:
    """The U(1)' charge of a linear form; a charge the form needs but ``charges`` lacks is an
    RGInputError naming it."""
    for k, _ in form:
        if k not in charges:
            raise RGInputError(k, "a value under 'charges:' (the model's fields use it)", None)
    return sum((c * Fraction(charges[k]) for k, c in form), Fraction(0))


def check_yukawa_invariance(model: Model, charges: Mapping[str, Fraction]) -> None:
    """Raise RGInputError naming the coupling if a Yukawa is not U(1)'- or Y-invariant."""
    for yk in model.yukawas:
        s = model.field(yk.scalar)
        p1, p2 = model.field(yk.psi1), model.field(yk.psi2)
        sign = 1 if yk.kind == "eps" else -1  # phi or phi^*
        qF = (
            sign * charge_value(s.F, charges)
            + charge_value(p1.F, charges)
            + charge_value(p2.F, charges)
        )
        qY = sign * s.Y + p1.Y + p2.Y
        if qF != 0 or qY != 0:
            need = {
                "yt": "F_U3 = F_Q3 + F_H",
                "yb": "F_D3 = F_Q3 - F_H",
                "y": "F_S = F_psiL - F_psiR = 0",
            }.get(yk.coupling, "a U(1)'-neutral product of the three fields")
            raise RGInputError(
                f"charges (Yukawa {yk.coupling})",
                f"{need}; this charge set breaks U(1)' invariance of {yk.coupling} by {qF}",
                None,
            )
