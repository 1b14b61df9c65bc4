"""Exact U(1)' charge assignments (paper Table 1).

A :class:`ChargeAssignment` holds the U(1)' charges ``F_X`` of the SM fermions (three
generations of Q, U, D, L, E), of 0-3 right-handed neutrinos, of the Higgs H, of the
vector-like BSM fermions psi (F_psi = F_psiL = F_psiR, eq. (5)), of the matrix scalar S and of
the U(1)'-breaking scalar phi, together with the representation data of psi (N_f, Y_psi, r2, r3;
defaults eqs. (5), (6)). All charges are :class:`fractions.Fraction`.

The object is immutable and behaves as a read-only mapping from the charge names
``F_Q1 .. F_phi`` to Fractions, which is the interface :mod:`rgcheck` consumes.

Canonical normalisation
-----------------------
Charges are defined up to an overall factor absorbed in g4 (the anomaly conditions (15) are
homogeneous). :meth:`ChargeAssignment.normalised` fixes that freedom: the *fermion* charges
(Q, U, D, L, E, nu) are scaled to coprime integers and then divided by the largest absolute
value among them, so that the largest |F| is 1; the sign is chosen such that the first
non-zero fermion charge in the order F_Q1, ..., F_nu3 is positive. F_H, F_psi, F_S, F_phi are
scaled by the same factor. If all fermion charges vanish the scalar/psi charges decide.
Normalisation is idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import gcd, lcm
from typing import Any

from chargesearch.errors import InputError

GENERATIONS = 3
FERMION_SPECIES: tuple[str, ...] = ("Q", "U", "D", "L", "E", "nu")
CHIRAL_SPECIES: tuple[str, ...] = ("Q", "U", "D", "L", "E")
SINGLE_CHARGES: tuple[str, ...] = ("H", "psi", "S", "phi")
REPRESENTATION_FIELDS: tuple[str, ...] = ("N_f", "Y_psi", "r2", "r3")
REPRESENTATION_DEFAULTS: dict[str, Fraction | int] = {
    "N_f": 3,
    "Y_psi": Fraction(0),
    "r2": 1,
    "r3": 1,
}


def charge_name(species: str, generation: int | None = None) -> str:
    """Canonical name of a charge, e.g. ``charge_name("Q", 3) == "F_Q3"``."""
    return f"F_{species}" if generation is None else f"F_{species}{generation}"


def all_charge_names(nu_r: int = GENERATIONS) -> tuple[str, ...]:
    """All charge names in canonical order, with ``nu_r`` right-handed neutrinos."""
    names = [charge_name(s, i) for s in CHIRAL_SPECIES for i in range(1, GENERATIONS + 1)]
    names += [charge_name("nu", i) for i in range(1, nu_r + 1)]
    names += [charge_name(s) for s in SINGLE_CHARGES]
    return tuple(names)


#: largest |numerator| and denominator a charge file may give (documented limit): Table 3
#: charges have 1-2 digit numerators and denominators; 10**12 leaves room for any search output
CHARGE_LIMIT = 10**12
#: exact rational text: ``-3``, ``1/20``, ``0.25`` (no exponents: "1e999999999" would hang)
_RATIONAL = re.compile(r"[+-]?(\d+(/\d+)?|\d*\.\d+|\d+\.)", re.ASCII)
_MAX_TEXT = 64
_RATIONAL_FORM = "a rational number such as 1/20 or -3"


def parse_fraction(value: object, field_name: str) -> Fraction:
    """Parse an exact rational from an int, a Fraction or a string such as ``"-9/10"``.

    Floats are refused unless they are integral and exact (|x| <= 2**53; a float like 0.1 is
    not exact, nan, inf and 1.5e308 are refused); strings of at most 64 characters are
    ``p``, ``p/q`` or decimals such as ``"0.25"`` (exact; exponents are refused).
    """
    if isinstance(value, bool):
        raise InputError(field_name, _RATIONAL_FORM, value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) <= 2**53:
            return Fraction(int(value))
        raise InputError(
            field_name, 'an exact rational; write floats as strings, e.g. "1/10"', value
        )
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if len(text) <= _MAX_TEXT and _RATIONAL.fullmatch(text):
            try:
                return Fraction(text)
            except ZeroDivisionError:
                pass
        raise InputError(field_name, _RATIONAL_FORM, value[:_MAX_TEXT])
    raise InputError(field_name, _RATIONAL_FORM, _short(value))


def check_bounded(value: Fraction, field_name: str) -> Fraction:
    """``value`` if |numerator| and denominator are below :data:`CHARGE_LIMIT`."""
    if abs(value.numerator) >= CHARGE_LIMIT or value.denominator >= CHARGE_LIMIT:
        raise InputError(field_name, "a rational with |numerator|, denominator < 10^12",
                         _short(value))
    return value


def _short(value: object) -> object:
    """``value`` as an error message shows it: one short line whatever the input."""
    if isinstance(value, int | Fraction) and not isinstance(value, bool):
        digits = int(abs(Fraction(value).numerator).bit_length() * 0.30103) + 1
        return value if digits < 30 else f"a number of about {digits} digits"
    if isinstance(value, float | type(None)):
        return value
    if isinstance(value, str):
        return value[:_MAX_TEXT]
    return type(value).__name__


def field_label(key: object) -> str:
    """A mapping key as the FIELD of a one-line error message."""
    text = key if isinstance(key, str) else repr(_short(key))
    return text if len(text) <= _MAX_TEXT and text.isprintable() else repr(text[:_MAX_TEXT])


def _triple(values: object, species: str, allowed: tuple[int, ...] = (GENERATIONS,)) -> tuple[
    Fraction, ...
]:
    name = charge_name(species)
    if not isinstance(values, (list, tuple)):
        raise InputError(name, f"a list of {GENERATIONS} rational charges", _short(values))
    if len(values) not in allowed:
        counts = " or ".join(str(n) for n in allowed)
        raise InputError(name, f"{counts} generations", f"{len(values)} values")
    return tuple(parse_fraction(v, charge_name(species, i + 1)) for i, v in enumerate(values))


@dataclass(frozen=True)
class ChargeAssignment(Mapping[str, Fraction]):
    """An exact U(1)' charge assignment with the BSM representation data of Table 1.

    Construct directly from tuples of Fractions, or with :meth:`from_mapping` from a flat
    mapping of names such as ``{"F_Q1": "1/20", ...}``.
    """

    Q: tuple[Fraction, Fraction, Fraction]
    U: tuple[Fraction, Fraction, Fraction]
    D: tuple[Fraction, Fraction, Fraction]
    L: tuple[Fraction, Fraction, Fraction]
    E: tuple[Fraction, Fraction, Fraction]
    nu: tuple[Fraction, ...] = ()
    H: Fraction = Fraction(0)
    psi: Fraction = Fraction(0)
    S: Fraction = Fraction(0)
    phi: Fraction = Fraction(0)
    N_f: int = 3
    Y_psi: Fraction = Fraction(0)
    r2: int = 1
    r3: int = 1
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for species in CHIRAL_SPECIES:
            object.__setattr__(self, species, _triple(getattr(self, species), species))
        object.__setattr__(
            self, "nu", _triple(self.nu, "nu", allowed=tuple(range(GENERATIONS + 1)))
        )
        for single in SINGLE_CHARGES:
            value = parse_fraction(getattr(self, single), charge_name(single))
            object.__setattr__(self, single, value)
        object.__setattr__(self, "Y_psi", parse_fraction(self.Y_psi, "Y_psi"))
        for rep in ("N_f", "r2", "r3"):
            value = getattr(self, rep)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InputError(rep, "a positive integer", _short(value))
        object.__setattr__(self, "_names", all_charge_names(len(self.nu)))

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> ChargeAssignment:
        """Build from flat names ``F_Q1..F_phi`` (values: int, Fraction or fraction strings).

        Right-handed neutrinos are present for those ``F_nu<i>`` keys that are given (they must
        be F_nu1..F_nuN without gaps). ``F_H``, ``F_psi``, ``F_S``, ``F_phi`` default to 0 only
        if absent; N_f, Y_psi, r2, r3 default to the paper's values (5), (6).
        """
        known = set(all_charge_names()) | set(REPRESENTATION_FIELDS)
        for key in data:
            if key not in known:
                raise InputError(field_label(key), "one of " + ", ".join(sorted(known)),
                                 "unknown field")
        kwargs: dict[str, object] = {}
        for species in CHIRAL_SPECIES:
            values = []
            for i in range(1, GENERATIONS + 1):
                name = charge_name(species, i)
                if name not in data:
                    raise InputError(name, "a rational charge (field is missing)")
                values.append(parse_fraction(data[name], name))
            kwargs[species] = tuple(values)
        nu_keys = [charge_name("nu", i) for i in range(1, GENERATIONS + 1)]
        present = [k in data for k in nu_keys]
        n_nu = sum(present)
        if present != [True] * n_nu + [False] * (GENERATIONS - n_nu):
            raise InputError("F_nu", "F_nu1..F_nuN for N = 0..3 without gaps")
        kwargs["nu"] = tuple(parse_fraction(data[k], k) for k in nu_keys[:n_nu])
        for single in SINGLE_CHARGES:
            name = charge_name(single)
            kwargs[single] = parse_fraction(data.get(name, 0), name)
        for rep in REPRESENTATION_FIELDS:
            if rep in data:
                kwargs[rep] = (
                    parse_fraction(data[rep], rep) if rep == "Y_psi" else _as_int(data[rep], rep)
                )
        return cls(**kwargs)  # type: ignore[arg-type]

    # -- mapping protocol -----------------------------------------------------------------
    def __getitem__(self, name: str) -> Fraction:
        if name not in self._names:
            raise KeyError(name)
        body = name[2:]
        if body in SINGLE_CHARGES:
            return getattr(self, body)
        species, generation = body[:-1], int(body[-1])
        return getattr(self, species)[generation - 1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __hash__(self) -> int:
        return hash((tuple(self.values()), self.N_f, self.Y_psi, self.r2, self.r3, self.nu_r))

    # -- derived data ---------------------------------------------------------------------
    @property
    def nu_r(self) -> int:
        """Number of right-handed neutrinos."""
        return len(self.nu)

    @property
    def fermion_charges(self) -> tuple[Fraction, ...]:
        """The chiral fermion charges Q, U, D, L, E, nu in canonical order."""
        return self.Q + self.U + self.D + self.L + self.E + self.nu

    def representation(self) -> dict[str, object]:
        """The psi representation data (N_f, Y_psi, r2, r3)."""
        return {"N_f": self.N_f, "Y_psi": self.Y_psi, "r2": self.r2, "r3": self.r3}

    def to_mapping(self, *, with_representation: bool = True) -> dict[str, Fraction | int]:
        """Flat dict of all charge names (and representation data) to exact values."""
        out: dict[str, Fraction | int] = dict(self.items())
        if with_representation:
            out.update(self.representation())  # type: ignore[arg-type]
        return out

    def scaled(self, factor: Fraction | int) -> ChargeAssignment:
        """All U(1)' charges multiplied by ``factor`` (representation data unchanged)."""
        f = Fraction(factor)
        changes: dict[str, Any] = {s: tuple(f * x for x in getattr(self, s))
                                   for s in FERMION_SPECIES}
        changes.update({s: f * getattr(self, s) for s in SINGLE_CHARGES})
        return replace(self, **changes)

    def normalised(self) -> ChargeAssignment:
        """Canonical representative under overall rescaling (see module docstring)."""
        primary = [x for x in self.fermion_charges if x != 0]
        if not primary:
            primary = [getattr(self, s) for s in SINGLE_CHARGES if getattr(self, s) != 0]
        if not primary:
            return self
        denominators = lcm(*(x.denominator for x in primary))
        integers = [int(x * denominators) for x in primary]
        common = gcd(*integers)
        largest = max(abs(n) for n in integers) // common
        factor = Fraction(denominators, common * largest)
        if primary[0] < 0:
            factor = -factor
        return self.scaled(factor)

    def is_family_universal(self) -> bool:
        """True if every SM species carries one charge for all generations."""
        return all(len(set(getattr(self, s))) == 1 for s in CHIRAL_SPECIES)

    def table_row(self) -> str:
        """One line in the column layout of the paper's Table 3."""
        cols = [
            " ".join(_fmt(x) for x in getattr(self, s)) for s in (*CHIRAL_SPECIES, "nu")
        ]
        cols[-1] = cols[-1] or "-"
        cols += [_fmt(self.H), _fmt(self.psi), _fmt(self.phi)]
        return " | ".join(cols)

    def table(self) -> str:
        """Table 3 layout: header line and one row."""
        header = " | ".join(
            ["F_Qi", "F_Ui", "F_Di", "F_Li", "F_Ei", "F_nui", "F_H", "F_psi", "F_phi"]
        )
        return f"{header}\n{self.table_row()}"

    def __str__(self) -> str:
        return self.table()


def _fmt(x: Fraction) -> str:
    return str(x)


def _as_int(value: object, field_name: str) -> int:
    number = parse_fraction(value, field_name)
    if number.denominator != 1 or number < 1:
        raise InputError(field_name, "a positive integer", _short(value))
    return int(number)
