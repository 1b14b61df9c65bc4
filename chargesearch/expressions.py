"""Exact polynomial relations over charge names, and a small safe parser for them.

:class:`Poly` is a sparse multivariate polynomial with :class:`~fractions.Fraction`
coefficients in the charge names ``F_Q1 .. F_phi``. A :class:`Formula` is a relation
``poly OP 0`` (OP one of ``== != > >= < <=``) or an ``And`` / ``Or`` / ``Not`` of formulas.
Formulas evaluate exactly on a charge assignment and translate to z3.

:func:`parse_formula` reads user text such as ``"3*F_L2 = -F_E3"``, ``"F_L2 != 0"``,
``"0 <= F_E2 <= F_L2"``, ``"F_H = 0 and (F_E2 = F_L2 or F_E2 = -F_L2)"`` or
``"C10/C9 = -1/3"`` with a tokenizer and a recursive-descent parser: no ``eval``, no sympify.
The names ``C9`` and ``C10`` stand for the Wilson coefficients of eq. (34) in units of the
positive factor ``pi g4^2 / (sqrt(2) G_F alpha_e M_Z'^2)``:
``C9 = -(F_Q3 - F_Q2)(F_E2 + F_L2)``, ``C10 = -(F_Q3 - F_Q2)(F_E2 - F_L2)``; a positive factor
leaves signs, zeros and ratios unchanged. A division ``a/b`` in a relation is cleared exactly
(``a/b = r`` becomes ``a = r b`` and ``b != 0``; inequalities are multiplied by ``b^2``).

Scale rule for C9, C10: since they are known only up to that positive factor, a relation that
mentions them must be unchanged when C9 and C10 are multiplied by the same positive number:
both sides must be homogeneous of one common degree in (C9, C10), counting charges and numbers
as degree 0 and zero as any degree. Accepted: ratios and signs such as ``C10/C9 = -1/3``,
``C9 + 3*C10 = 0``, ``C9 < 0``, ``-C9 >= C10 >= 0``; rejected with an :class:`InputError`:
numeric comparisons such as ``C9 = -0.83`` (match fitted values with
``chargesearch check --scenario`` instead).

Limits (each violation is an :class:`InputError`, so no input can hang the parser or the
solvers behind it): at most ``MAX_TEXT_CHARS`` characters, number literals of at most
``MAX_LITERAL_DIGITS`` digits, exponents at most ``MAX_EXPONENT``, nesting (parentheses,
``not``, unary signs) at most ``MAX_DEPTH`` deep, polynomials of degree at most ``MAX_DEGREE``
with at most ``MAX_TERMS`` terms and coefficients of at most ``MAX_COEFF_DIGITS`` digits, and at
most ``MAX_WORK`` term products in total.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from chargesearch.errors import InputError

Monomial = tuple[tuple[str, int], ...]
Number = int | Fraction


class Poly:
    """Sparse polynomial with exact rational coefficients: ``{monomial: coefficient}``."""

    __slots__ = ("terms",)

    def __init__(self, terms: Mapping[Monomial, Fraction] | None = None) -> None:
        self.terms: dict[Monomial, Fraction] = {
            m: Fraction(c) for m, c in (terms or {}).items() if c != 0
        }

    @classmethod
    def var(cls, name: str) -> Poly:
        return cls({((name, 1),): Fraction(1)})

    @classmethod
    def const(cls, value: Number) -> Poly:
        return cls({(): Fraction(value)})

    @staticmethod
    def lift(value: Poly | Number) -> Poly:
        return value if isinstance(value, Poly) else Poly.const(value)

    # arithmetic -----------------------------------------------------------------------------
    def __add__(self, other: Poly | Number) -> Poly:
        out = dict(self.terms)
        for m, c in Poly.lift(other).terms.items():
            out[m] = out.get(m, Fraction(0)) + c
        return Poly(out)

    __radd__ = __add__

    def __neg__(self) -> Poly:
        return Poly({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: Poly | Number) -> Poly:
        return self + (-Poly.lift(other))

    def __rsub__(self, other: Poly | Number) -> Poly:
        return Poly.lift(other) - self

    def __mul__(self, other: Poly | Number) -> Poly:
        out: dict[Monomial, Fraction] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in Poly.lift(other).terms.items():
                m = _mono_mul(m1, m2)
                out[m] = out.get(m, Fraction(0)) + c1 * c2
        return Poly(out)

    __rmul__ = __mul__

    def __pow__(self, exponent: int) -> Poly:
        if not isinstance(exponent, int) or exponent < 0:
            raise ValueError("exponent must be a non-negative integer")
        result = Poly.const(1)
        for _ in range(exponent):
            result = result * self
        return result

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, Fraction)):
            other = Poly.const(other)
        return isinstance(other, Poly) and self.terms == other.terms

    def __hash__(self) -> int:
        return hash(frozenset(self.terms.items()))

    # inspection -----------------------------------------------------------------------------
    def is_zero(self) -> bool:
        return not self.terms

    def constant_value(self) -> Fraction | None:
        """The value if the polynomial is constant, else None."""
        if not self.terms:
            return Fraction(0)
        if list(self.terms) == [()]:
            return self.terms[()]
        return None

    def variables(self) -> set[str]:
        return {v for m in self.terms for v, _ in m}

    def degree(self) -> int:
        return max((sum(p for _, p in m) for m in self.terms), default=0)

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """Value at ``values`` (exact if the values are Fractions)."""
        total: Any = Fraction(0)
        for m, c in self.terms.items():
            term: Any = c
            for v, p in m:
                term = term * values[v] ** p
            total = total + term
        return total

    def substitute(self, values: Mapping[str, Poly | Number]) -> Poly:
        """Replace variables by polynomials or numbers."""
        total = Poly()
        for m, c in self.terms.items():
            term = Poly.const(c)
            for v, p in m:
                term = term * (Poly.lift(values[v]) ** p if v in values else Poly.var(v) ** p)
            total = total + term
        return total

    def to_z3(self, symbols: Mapping[str, Any]) -> Any:
        """z3 arithmetic term; ``symbols`` maps names to z3 variables."""
        import z3

        total: Any = z3.RealVal(0)
        for m, c in sorted(self.terms.items()):
            term: Any = z3.RealVal(f"{c.numerator}/{c.denominator}")
            for v, p in m:
                for _ in range(p):
                    term = term * symbols[v]
            total = total + term
        return z3.simplify(total)

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        parts = []
        for m, c in sorted(self.terms.items(), key=lambda mc: (-len(mc[0]), mc[0])):
            mono = "*".join(v if p == 1 else f"{v}^{p}" for v, p in m)
            if not mono:
                parts.append(str(c))
            elif c == 1:
                parts.append(mono)
            elif c == -1:
                parts.append(f"-{mono}")
            else:
                parts.append(f"{c}*{mono}")
        return " + ".join(parts).replace("+ -", "- ")

    __repr__ = __str__


def _mono_mul(a: Monomial, b: Monomial) -> Monomial:
    powers = dict(a)
    for v, p in b:
        powers[v] = powers.get(v, 0) + p
    return tuple(sorted(powers.items()))


# ----------------------------------------------------------------------------------------
# formulas
# ----------------------------------------------------------------------------------------
#: relation operators of :class:`Relation` (also used by the search backends)
RELATION_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


class Formula:
    """Base class of exact relations and their logical combinations."""

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        raise NotImplementedError

    def to_z3(self, symbols: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def variables(self) -> set[str]:
        raise NotImplementedError

    def substitute(self, values: Mapping[str, Poly | Number]) -> Formula:
        raise NotImplementedError


@dataclass(frozen=True)
class Relation(Formula):
    """``poly OP 0``."""

    poly: Poly
    op: str

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        return RELATION_OPS[self.op](self.poly.evaluate(values), 0)

    def to_z3(self, symbols: Mapping[str, Any]) -> Any:
        return RELATION_OPS[self.op](self.poly.to_z3(symbols), 0)

    def variables(self) -> set[str]:
        return self.poly.variables()

    def substitute(self, values: Mapping[str, Poly | Number]) -> Formula:
        return Relation(self.poly.substitute(values), self.op)

    def __str__(self) -> str:
        return f"{self.poly} {self.op} 0"


@dataclass(frozen=True)
class And(Formula):
    items: tuple[Formula, ...]

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        return all(f.evaluate(values) for f in self.items)

    def to_z3(self, symbols: Mapping[str, Any]) -> Any:
        import z3

        return z3.And(*(f.to_z3(symbols) for f in self.items))

    def variables(self) -> set[str]:
        return set().union(*(f.variables() for f in self.items))

    def substitute(self, values: Mapping[str, Poly | Number]) -> Formula:
        return And(tuple(f.substitute(values) for f in self.items))

    def __str__(self) -> str:
        return " and ".join(f"({f})" if isinstance(f, Or) else str(f) for f in self.items)


@dataclass(frozen=True)
class Or(Formula):
    items: tuple[Formula, ...]

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        return any(f.evaluate(values) for f in self.items)

    def to_z3(self, symbols: Mapping[str, Any]) -> Any:
        import z3

        return z3.Or(*(f.to_z3(symbols) for f in self.items))

    def variables(self) -> set[str]:
        return set().union(*(f.variables() for f in self.items))

    def substitute(self, values: Mapping[str, Poly | Number]) -> Formula:
        return Or(tuple(f.substitute(values) for f in self.items))

    def __str__(self) -> str:
        return " or ".join(f"({f})" for f in self.items)


@dataclass(frozen=True)
class Not(Formula):
    item: Formula

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        return not self.item.evaluate(values)

    def to_z3(self, symbols: Mapping[str, Any]) -> Any:
        import z3

        return z3.Not(self.item.to_z3(symbols))

    def variables(self) -> set[str]:
        return self.item.variables()

    def substitute(self, values: Mapping[str, Poly | Number]) -> Formula:
        return Not(self.item.substitute(values))

    def __str__(self) -> str:
        return f"not ({self.item})"


def conjunction(items: Iterable[Formula]) -> Formula:
    """``And`` of the items, flattened; a single item is returned as is."""
    flat: list[Formula] = []
    for f in items:
        flat.extend(f.items if isinstance(f, And) else (f,))
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def relation(lhs: Poly | Number, op: str, rhs: Poly | Number = 0) -> Relation:
    """``lhs OP rhs`` as ``(lhs - rhs) OP 0``."""
    if op == "=":
        op = "=="
    if op not in RELATION_OPS:
        raise ValueError(f"unknown relation {op!r}")
    return Relation(Poly.lift(lhs) - Poly.lift(rhs), op)


# ----------------------------------------------------------------------------------------
# safe parser
# ----------------------------------------------------------------------------------------
def wilson_polys() -> dict[str, Poly]:
    """C9, C10 of eq. (34) up to the positive factor pi g4^2/(sqrt2 G_F alpha_e M_Z'^2)."""
    dq = Poly.var("F_Q3") - Poly.var("F_Q2")
    l2, e2 = Poly.var("F_L2"), Poly.var("F_E2")
    return {"C9": -(dq * (e2 + l2)), "C10": -(dq * (e2 - l2))}


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)"
    r"|(?P<op>==|!=|>=|<=|\*\*|[-+*/^()=<>]))"
)
_RELOPS = {"=", "==", "!=", ">", ">=", "<", "<="}

#: parser limits (see the module docstring)
MAX_TEXT_CHARS = 1000
MAX_LITERAL_DIGITS = 60
MAX_EXPONENT = 16
MAX_DEPTH = 40
MAX_DEGREE = 64
MAX_TERMS = 500
MAX_COEFF_DIGITS = 200
MAX_WORK = 50_000
_MAX_COEFF_BITS = int(MAX_COEFF_DIGITS * 3.3219280948873626) + 1

#: hint of the C9/C10 scale rule
WILSON_HINT = ("a relation that is unchanged by a common positive factor of C9, C10 (they are "
               "known only up to the positive factor g4^2/M_Z'^2): compare ratios or signs "
               "such as C10/C9 = -1/3 or C9 < 0, or match fitted values with "
               "`chargesearch check --scenario`")


@dataclass
class _Frac:
    """A rational function num/den during parsing; ``wdeg``: its degrees in (C9, C10)
    (empty for zero, which is homogeneous of every degree)."""

    num: Poly
    den: Poly
    wdeg: frozenset[int]


class _Limit(InputError):
    """A parser limit was exceeded (never backtracked)."""


class _Parser:
    def __init__(self, text: str, names: set[str], field: str) -> None:
        self.text, self.names, self.field = text, names, field
        if len(text) > MAX_TEXT_CHARS:
            raise self._limit(f"a relation of at most {MAX_TEXT_CHARS} characters",
                              f"{len(text)} characters")
        self.tokens = self._tokenize(text)
        self.pos = 0
        self.depth = 0
        self.work = 0

    def _error(self, message: str, got: object = None) -> InputError:
        return InputError(self.field, message, _short(self.text) if got is None else got)

    def _limit(self, message: str, got: object) -> _Limit:
        return _Limit(self.field, message, got)

    def _tokenize(self, text: str) -> list[tuple[str, str]]:
        tokens, pos = [], 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise self._error(f"a relation over charge names; cannot read {text[pos:]!r}")
            kind = m.lastgroup or ""
            tokens.append((kind, m.group(kind)))
            pos = m.end()
        return tokens

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            raise self._error(f"'{value}'" if value else "more input")
        self.pos += 1
        return tok

    def enter(self) -> None:
        """One level deeper (parentheses, ``not``, unary signs); bounded by MAX_DEPTH."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._limit(f"nesting at most {MAX_DEPTH} deep (parentheses, 'not', signs)",
                              f"deeper than {MAX_DEPTH}")

    # bounded exact arithmetic ------------------------------------------------------------
    def _poly_ok(self, poly: Poly) -> Poly:
        if len(poly.terms) > MAX_TERMS:
            raise self._limit(f"polynomials of at most {MAX_TERMS} terms",
                              f"{len(poly.terms)} terms")
        if poly.degree() > MAX_DEGREE:
            raise self._limit(f"polynomials of degree at most {MAX_DEGREE}",
                              f"degree {poly.degree()}")
        for c in poly.terms.values():
            if max(c.numerator.bit_length(), c.denominator.bit_length()) > _MAX_COEFF_BITS:
                raise self._limit(f"coefficients of at most {MAX_COEFF_DIGITS} digits",
                                  "a larger coefficient")
        return poly

    def mul(self, a: Poly, b: Poly) -> Poly:
        """``a * b`` within the work and size limits."""
        self.work += len(a.terms) * len(b.terms) + 1
        if self.work > MAX_WORK:
            raise self._limit(f"a relation of at most {MAX_WORK} term products when expanded",
                              "more")
        return self._poly_ok(a * b)

    def add(self, a: _Frac, b: _Frac) -> _Frac:
        wdeg = b.wdeg if a.num.is_zero() else a.wdeg if b.num.is_zero() else a.wdeg | b.wdeg
        if a.den == b.den:
            return _Frac(self._poly_ok(a.num + b.num), a.den, wdeg)
        num = self._poly_ok(self.mul(a.num, b.den) + self.mul(b.num, a.den))
        return _Frac(num, self.mul(a.den, b.den), wdeg)

    def times(self, a: _Frac, b: _Frac) -> _Frac:
        wdeg = frozenset(x + y for x in a.wdeg for y in b.wdeg)
        return _Frac(self.mul(a.num, b.num), self.mul(a.den, b.den), wdeg)

    def divide(self, a: _Frac, b: _Frac) -> _Frac:
        if b.num.is_zero():
            raise self._error("no division by zero")
        wdeg = frozenset(x - y for x in a.wdeg for y in b.wdeg)
        return _Frac(self.mul(a.num, b.den), self.mul(a.den, b.num), wdeg)

    def power(self, base: _Frac, n: int) -> _Frac:
        result = _Frac(Poly.const(1), Poly.const(1), frozenset({0}))
        for _ in range(n):
            result = self.times(result, base)
        return result

    # formula level
    def formula(self) -> Formula:
        items = [self.conj()]
        while self.peek() == ("name", "or"):
            self.take()
            items.append(self.conj())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def conj(self) -> Formula:
        items = [self.unary()]
        while self.peek() == ("name", "and"):
            self.take()
            items.append(self.unary())
        return conjunction(items)

    def unary(self) -> Formula:
        depth = self.depth
        try:
            if self.peek() == ("name", "not"):
                self.take()
                self.enter()
                return Not(self.unary())
            if self.peek() == ("op", "("):
                start = self.pos
                try:
                    self.take("(")
                    self.enter()
                    inner = self.formula()
                    self.take(")")
                    nxt = self.peek()
                    if nxt is None or nxt[1] == ")" or nxt in {("name", "and"), ("name", "or")}:
                        return inner
                except _Limit:
                    raise
                except InputError:
                    pass  # not a parenthesised formula: re-read as arithmetic
                self.pos, self.depth = start, depth
            return self.chain()
        finally:
            self.depth = depth

    def chain(self) -> Formula:
        sides = [self.expr()]
        ops: list[str] = []
        while (tok := self.peek()) is not None and tok[1] in _RELOPS:
            ops.append(self.take()[1])
            sides.append(self.expr())
        if not ops:
            raise self._error("a relation such as 'F_E2 = 0' or 'C10/C9 = -1/3'")
        pairs = zip(sides, ops, sides[1:], strict=False)
        return conjunction(self.relate(a, op, b) for a, op, b in pairs)

    def relate(self, a: _Frac, op: str, b: _Frac) -> Formula:
        """``a OP b`` with denominators cleared exactly; enforces the C9/C10 scale rule."""
        if len(a.wdeg | b.wdeg) > 1:
            raise self._error(WILSON_HINT)
        op = "==" if op == "=" else op
        dens = [d for d in (a.den, b.den) if d.constant_value() is None]
        if op in {"==", "!="}:
            poly = self.mul(a.num, b.den) - self.mul(b.num, a.den)
        else:
            # multiply by (den_a den_b)^2 > 0: sign-preserving
            ab = self.mul(a.den, b.den)
            poly = self.mul(self.mul(a.num, b.den), ab) - self.mul(self.mul(b.num, a.den), ab)
        rel: Formula = Relation(self._poly_ok(poly), op)
        if not dens:
            return rel
        return conjunction([rel, *(Relation(d, "!=") for d in dens)])

    # arithmetic level
    def expr(self) -> _Frac:
        value = self.term()
        while (tok := self.peek()) is not None and tok[1] in {"+", "-"}:
            op = self.take()[1]
            rhs = self.term()
            value = self.add(value, rhs if op == "+" else _neg(rhs))
        return value

    def term(self) -> _Frac:
        value = self.factor()
        while (tok := self.peek()) is not None and tok[1] in {"*", "/"}:
            op = self.take()[1]
            rhs = self.factor()
            value = self.times(value, rhs) if op == "*" else self.divide(value, rhs)
        return value

    def factor(self) -> _Frac:
        tok = self.peek()
        if tok is not None and tok[1] in {"-", "+"}:
            self.take()
            depth = self.depth
            self.enter()
            inner = self.factor()
            self.depth = depth
            return _neg(inner) if tok[1] == "-" else inner
        base = self.atom()
        if (tok := self.peek()) is not None and tok[1] in {"^", "**"}:
            self.take()
            kind, text = self.take()
            if kind != "num" or not text.isdigit() or len(text) > 3 or int(text) > MAX_EXPONENT:
                raise self._limit(f"an integer exponent 0..{MAX_EXPONENT}", _short(text))
            return self.power(base, int(text))
        return base

    def atom(self) -> _Frac:
        kind, text = self.take()
        one = Poly.const(1)
        if kind == "num":
            if sum(ch.isdigit() for ch in text) > MAX_LITERAL_DIGITS:
                raise self._limit(f"numbers of at most {MAX_LITERAL_DIGITS} digits",
                                  _short(text))
            value = Fraction(text)
            return _Frac(Poly.const(value), one, frozenset() if value == 0 else frozenset({0}))
        if kind == "name":
            if text in {"and", "or", "not"}:
                raise self._error(f"an expression before '{text}'")
            if text not in self.names:
                raise InputError(text, "a known name: " + ", ".join(sorted(self.names)))
            wilson = wilson_polys()
            if text in wilson:
                return _Frac(wilson[text], one, frozenset({1}))
            return _Frac(Poly.var(text), one, frozenset({0}))
        if text == "(":
            depth = self.depth
            self.enter()
            inner = self.expr()
            self.take(")")
            self.depth = depth
            return inner
        raise self._error(f"a number, a name or '(' instead of {text!r}")


def _short(text: str, keep: int = 60) -> str:
    """``text`` cut to ``keep`` characters for an error message."""
    return text if len(text) <= keep else f"{text[:keep]}... ({len(text)} characters)"


def _neg(a: _Frac) -> _Frac:
    return _Frac(-a.num, a.den, a.wdeg)


def parse_formula(text: str, names: Iterable[str], field: str = "constraint") -> Formula:
    """Parse user text into a :class:`Formula` over ``names`` (plus ``C9``, ``C10``)."""
    allowed = set(names) | set(wilson_polys())
    parser = _Parser(text, allowed, field)
    if not parser.tokens:
        raise InputError(field, "a relation such as 'F_E2 = 0'", text)
    result = parser.formula()
    if (rest := parser.peek()) is not None:
        raise InputError(field, f"end of input, not {rest[1]!r}", _short(text))
    return result
