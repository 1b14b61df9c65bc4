"""Symmetries of a search problem, computed from its constraints (not hard-coded).

Candidate symmetries are (i) a transposition of two generations applied simultaneously to a
set of species, and (ii) the overall sign flip F -> -F (the anomaly conditions (15) are
homogeneous of odd or even degree, so x -> -x maps each to +-itself). A candidate is accepted iff
it maps the *set* of normalised constraint formulas onto itself: a relation ``p OP 0`` is
normalised by scaling ``p`` (by any non-zero factor for ``==``/``!=``, by a positive factor for
inequalities, which are turned into ``>``/``>=``), and ``and``/``or`` are compared as sets. This
is a syntactic (hence sound) test: an accepted map is a true symmetry; a symmetry that only
holds semantically (e.g. one that needs F_Q1 = F_Q2 to be used first) may be missed, which
makes canonical forms less reduced but never wrong.

The accepted transpositions are assembled into *block factors* ``(species, generations)``:
Sym(generations) acting diagonally on the listed species (generations joined through
``networkx.connected_components`` of the graph of accepted transpositions). Factors act on
disjoint sets of coordinates, so the group is their direct product (times the sign flip).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, permutations
from typing import Any

import networkx as nx

from chargesearch.charges import GENERATIONS
from chargesearch.expressions import And, Formula, Not, Or, Poly, Relation

_FLIP = {"<": ">", "<=": ">="}


def rename_poly(poly: Poly, mapping: Mapping[str, str], sign: Mapping[str, int] | None = None
                ) -> Poly:
    """Rename variables (and optionally multiply each variable by +-1) without re-expanding."""
    out: dict[Any, Fraction] = {}
    for mono, coeff in poly.terms.items():
        c = coeff
        new = []
        for v, p in mono:
            if sign is not None and sign.get(v, 1) == -1 and p % 2:
                c = -c
            new.append((mapping.get(v, v), p))
        key = tuple(sorted(new))
        out[key] = out.get(key, Fraction(0)) + c
    return Poly(out)


def transform(formula: Formula, mapping: Mapping[str, str], sign: Mapping[str, int] | None = None
              ) -> Formula:
    """Apply a variable renaming / sign change to a formula tree."""
    if isinstance(formula, Relation):
        return Relation(rename_poly(formula.poly, mapping, sign), formula.op)
    if isinstance(formula, And):
        return And(tuple(transform(f, mapping, sign) for f in formula.items))
    if isinstance(formula, Or):
        return Or(tuple(transform(f, mapping, sign) for f in formula.items))
    if isinstance(formula, Not):
        return Not(transform(formula.item, mapping, sign))
    raise TypeError(f"unknown formula {formula!r}")


def normal_key(formula: Formula) -> Any:
    """A hashable normal form, equal for formulas that differ by harmless rescaling/ordering."""
    if isinstance(formula, Relation):
        poly, op = formula.poly, formula.op
        if poly.is_zero():
            return ("const", op)
        lead = max(poly.terms)
        c = poly.terms[lead]
        if op in ("==", "!="):
            scale = 1 / c
        else:
            scale = 1 / abs(c)
            if op in _FLIP:
                scale, op = -scale, _FLIP[op]
        return (op, frozenset((m, v * scale) for m, v in poly.terms.items()))
    if isinstance(formula, And):
        return ("and", frozenset(_flatten_and(formula)))
    if isinstance(formula, Or):
        return ("or", frozenset(normal_key(f) for f in formula.items))
    if isinstance(formula, Not):
        return ("not", normal_key(formula.item))
    raise TypeError(f"unknown formula {formula!r}")


def _flatten_and(formula: Formula) -> Iterable[Any]:
    if isinstance(formula, And):
        for f in formula.items:
            yield from _flatten_and(f)
    else:
        yield normal_key(formula)


def formula_set(formulas: Iterable[Formula]) -> frozenset[Any]:
    """Normal form of a conjunction of formulas (as a set of conjuncts)."""
    keys: set[Any] = set()
    for f in formulas:
        keys.update(_flatten_and(f))
    return frozenset(keys)


@dataclass(frozen=True)
class BlockFactor:
    """Sym(``generations``) acting simultaneously on the generations of ``species``."""

    species: tuple[str, ...]
    generations: tuple[int, ...]

    def order(self) -> int:
        n = 1
        for k in range(2, len(self.generations) + 1):
            n *= k
        return n

    def __str__(self) -> str:
        gens = ",".join(map(str, self.generations))
        return f"Sym({{{gens}}}) on {'+'.join(self.species)}"


@dataclass(frozen=True)
class SymmetryGroup:
    """Direct product of block factors, optionally times the sign flip."""

    variables: tuple[str, ...]
    factors: tuple[BlockFactor, ...]
    sign_flip: bool

    def order(self) -> int:
        n = 2 if self.sign_flip else 1
        for f in self.factors:
            n *= f.order()
        return n

    def describe(self) -> str:
        parts = [str(f) for f in self.factors]
        if self.sign_flip:
            parts.append("sign flip F -> -F")
        body = " x ".join(parts) if parts else "trivial"
        return f"{body} (order {self.order()})"

    def to_json(self) -> dict[str, Any]:
        return {
            "factors": [{"species": list(f.species), "generations": list(f.generations)}
                        for f in self.factors],
            "sign_flip": self.sign_flip,
            "order": self.order(),
        }

    def elements(self) -> Iterable[dict[str, str]]:
        """All permutations of the group (without the sign flip) as name mappings."""
        per_factor = []
        for f in self.factors:
            maps = []
            for perm in permutations(f.generations):
                pairs = list(zip(f.generations, perm, strict=True))
                maps.append({f"F_{s}{g}": f"F_{s}{p}" for s in f.species for g, p in pairs})
            per_factor.append(maps)

        def rec(i: int, acc: dict[str, str]) -> Iterable[dict[str, str]]:
            if i == len(per_factor):
                yield dict(acc)
                return
            for m in per_factor[i]:
                yield from rec(i + 1, {**acc, **m})

        yield from rec(0, {})


def species_present(nu_r: int) -> tuple[str, ...]:
    return ("Q", "U", "D", "L", "E") + (("nu",) if nu_r else ())


def detect_symmetries(formulas: Sequence[Formula], variables: Sequence[str], nu_r: int
                      ) -> SymmetryGroup:
    """The symmetry group of the conjunction of ``formulas`` (see module docstring)."""
    reference = formula_set(formulas)
    species = species_present(nu_r)

    def invariant(mapping: Mapping[str, str], sign: Mapping[str, int] | None = None) -> bool:
        return formula_set(transform(f, mapping, sign) for f in formulas) == reference

    atoms: dict[tuple[int, int], list[tuple[str, ...]]] = {}
    for i, j in combinations(range(1, GENERATIONS + 1), 2):
        accepted: list[tuple[str, ...]] = []
        for size in range(1, len(species) + 1):
            for subset in combinations(species, size):
                if "nu" in subset and j > nu_r:
                    continue
                if any(set(a) <= set(subset) for a in accepted):
                    continue
                mapping = {}
                for s in subset:
                    mapping[f"F_{s}{i}"], mapping[f"F_{s}{j}"] = f"F_{s}{j}", f"F_{s}{i}"
                if invariant(mapping) and all(not set(a) & set(subset) for a in accepted):
                    accepted.append(subset)
        atoms[(i, j)] = accepted
    # group transpositions by species set, join generations into connected components
    by_set: dict[tuple[str, ...], nx.Graph] = {}
    for (i, j), sets in atoms.items():
        for species_set in sets:
            by_set.setdefault(species_set, nx.Graph()).add_edge(i, j)
    factors: list[BlockFactor] = []
    used: set[str] = set()
    # larger groups first; a species is used by at most one factor (keeps a direct product)
    candidates = []
    for sset, graph in by_set.items():
        for comp in nx.connected_components(graph):
            candidates.append(BlockFactor(sset, tuple(sorted(comp))))
    candidates.sort(key=lambda f: (-len(f.generations), len(f.species), f.species))
    for f in candidates:
        if used & set(f.species):
            continue
        factors.append(f)
        used |= set(f.species)
    factors.sort(key=lambda f: species.index(f.species[0]))
    sign = {v: -1 for v in variables}
    flip = invariant({}, sign)
    return SymmetryGroup(tuple(variables), tuple(factors), flip)
