"""Charge-parametric beta-function kernel: one compiled function per field content.

The beta functions of a model are polynomials in the couplings whose coefficients are
polynomials in the U(1)' charges F_X. Grouping the terms by (output coupling, coupling
monomial) gives K *slots*; the kernel evaluates

    beta_i(x) = sum_{k in slots of i} c_k m_k(x),      c_k = sum_n (16 pi^2)^-n P_kn(F),

where the coefficient row ``c`` (K floats) is computed *exactly* from the charges (Fractions,
rounded once at the end) and the code depends only on the field content (nu_R count, psi
representation). One compile therefore serves every charge set, and a batch may mix charge
sets: each trajectory points at its row of a coefficient table.

The same generated source ``beta_kernel(x, c, out)`` runs

* with numpy on arrays (x: (n, N), c: (K,) or (K, N)): the reference backend, and
* compiled by numba per point, inside the integrator of :mod:`rgcheck.dopri` (the generated
  module is that file's source followed by the kernel, cached on disk by numba).
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import sys
import tempfile
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache
from pathlib import Path
from types import ModuleType

import numpy as np

from rgcheck.errors import RGInputError
from rgcheck.polynomial import Poly

LOOP_FACTOR = 1.0 / (16.0 * math.pi**2)

Exponents = tuple[int, ...]


def monomial_plan(needed: set[Exponents]) -> list[tuple[Exponents, int]]:
    """Monomials to compute, each as (exponents, k) = (parent monomial) * x_k, parents first.

    Every monomial of degree >= 2 is built from the one with a factor of its last variable
    removed, so common subexpressions are shared."""
    allm = set(needed)
    stack = list(needed)
    while stack:
        e = stack.pop()
        if sum(e) <= 1:
            continue
        k = max(i for i, v in enumerate(e) if v)
        parent = (*e[:k], e[k] - 1, *e[k + 1 :])
        if parent not in allm:
            allm.add(parent)
            stack.append(parent)
    plan = []
    for e in sorted(allm, key=lambda e: (sum(e), e)):
        if sum(e) > 1:
            plan.append((e, max(i for i, v in enumerate(e) if v)))
    return plan


class ParametricKernel:
    """Betas of one field content with charge-dependent coefficients as a runtime row.

    ``polys``: {coupling: {loop: Poly}} exact in the couplings ``names`` and in charge symbols
    (any other variable). ``key``: identifies the field content (for the compiled module)."""

    def __init__(
        self,
        names: Sequence[str],
        polys: Mapping[str, Mapping[int, Poly]],
        loops: int,
        key: str,
    ) -> None:
        self.names = tuple(names)
        self.loops = loops
        self.key = key
        index = {n: i for i, n in enumerate(self.names)}
        slot_of: dict[tuple[int, Exponents], int] = {}
        slot_polys: list[dict[int, Poly]] = []
        symbols: set[str] = set()
        for i, name in enumerate(self.names):
            for loop, poly in sorted(polys.get(name, {}).items()):
                if loop > loops:
                    continue
                for mono, coef in poly.items():
                    exps = [0] * len(self.names)
                    rest = []
                    for v in mono:
                        if v in index:
                            exps[index[v]] += 1
                        else:
                            rest.append(v)
                    symbols.update(rest)
                    slot = slot_of.setdefault((i, tuple(exps)), len(slot_polys))
                    if slot == len(slot_polys):
                        slot_polys.append({})
                    per = slot_polys[slot].setdefault(loop, {})
                    per[tuple(rest)] = per.get(tuple(rest), Fraction(0)) + coef
        self.slots: tuple[tuple[int, Exponents], ...] = tuple(slot_of)
        self._slot_polys = slot_polys
        self.charge_symbols: tuple[str, ...] = tuple(sorted(symbols))
        self._integer_form = [
            {loop: _integer_poly(poly, self.charge_symbols) for loop, poly in per.items()}
            for per in slot_polys
        ]
        self._rows: dict[tuple[Fraction | None, ...], np.ndarray] = {}

    @property
    def n_slots(self) -> int:
        return len(self.slots)

    # -- coefficients (exact) -------------------------------------------------------------
    def exact_coefficients(self, charges: Mapping[str, Fraction]) -> list[dict[int, Fraction]]:
        """Per slot and loop order the exact coefficient P_kn(F) for these charges.

        Integer arithmetic: with F_k = n_k / D (common denominator D) and each slot polynomial
        written as (1/Q) sum_t c_t prod F (integers c_t, Q), the terms of degree d sum to an
        integer over D^d; one Fraction per slot and loop at the end."""
        missing = [s for s in self.charge_symbols if s not in charges]
        if missing:
            raise RGInputError("charges", f"a value for every charge symbol ({missing[0]})")
        vals = [Fraction(charges[s]) for s in self.charge_symbols]
        den = math.lcm(*(v.denominator for v in vals)) if vals else 1
        nums = [int(v * den) for v in vals]
        out = []
        for per in self._integer_form:
            row = {}
            for loop, (q, by_degree, top) in per.items():
                total = 0
                for degree, terms in by_degree.items():
                    s = 0
                    for c, idx in terms:
                        for i in idx:
                            c *= nums[i]
                        s += c
                    total += s * den ** (top - degree)
                row[loop] = Fraction(total, q * den**top)
            out.append(row)
        return out

    def coefficients(self, charges: Mapping[str, Fraction]) -> np.ndarray:
        """The coefficient row c (K floats, loop factors included) for one charge set: each
        loop order's exact coefficient is rounded once, then times (16 pi^2)^-n. Rows are
        remembered per charge set (a kernel object serves many calls of one batch job)."""
        key = tuple(Fraction(charges[s]) if s in charges else None for s in self.charge_symbols)
        row = self._rows.get(key)
        if row is None:
            exact = self.exact_coefficients(charges)
            row = np.array(
                [sum(float(v) * LOOP_FACTOR**loop for loop, v in r.items()) for r in exact]
            )
            row.flags.writeable = False
            if len(self._rows) > 4096:
                self._rows.clear()
            self._rows[key] = row
        return row

    def coefficient_table(self, charge_sets: Sequence[Mapping[str, Fraction]]) -> np.ndarray:
        """(S, K) table: one row per charge set."""
        if not charge_sets:
            return np.zeros((0, self.n_slots))
        return np.stack([self.coefficients(ch) for ch in charge_sets])

    # -- code generation --------------------------------------------------------------------
    def source(self) -> str:
        """``beta_kernel(x, c, out)``: straight-line code, valid for numpy and numba."""
        n = len(self.names)
        needed = {e for _, e in self.slots}
        plan = monomial_plan(needed)
        name: dict[Exponents, str] = {}
        for i in range(n):
            name[tuple(1 if j == i else 0 for j in range(n))] = f"x{i}"
        lines = ["def beta_kernel(x, c, out):"]
        lines += [f"    x{i} = x[{i}]" for i in range(n)]
        for j, (e, k) in enumerate(plan):
            parent = (*e[:k], e[k] - 1, *e[k + 1 :])
            name[e] = f"m{j}"
            lines.append(f"    m{j} = {name[parent]} * x{k}")
        by_output: dict[int, list[str]] = {i: [] for i in range(n)}
        for slot, (i, e) in enumerate(self.slots):
            by_output[i].append(f"c[{slot}] * {name[e]}" if sum(e) else f"c[{slot}] + 0.0 * x0")
        for i in range(n):
            terms = by_output[i] or ["0.0 * x0"]
            lines.append(f"    out[{i}] = " + terms[0])
            lines += [f"    out[{i}] += {t}" for t in terms[1:]]
        return "\n".join(lines) + "\n"

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(
        self, X: np.ndarray, C: np.ndarray, backend: str = "numpy", chunk: int = 8192
    ) -> np.ndarray:
        """Betas at X (n, N) with coefficients C (K,) shared or (K, N) per point."""
        X = np.ascontiguousarray(X, dtype=float)
        C = np.asarray(C, dtype=float)
        N = X.shape[1]
        out = np.empty_like(X)
        if backend == "numba":
            table = C[None, :] if C.ndim == 1 else np.ascontiguousarray(C.T)
            idx = np.zeros(N, np.int64) if C.ndim == 1 else np.arange(N, dtype=np.int64)
            result = np.empty((N, X.shape[0]))
            self.compiled().evaluate_batch(np.ascontiguousarray(X.T), table, idx, result)
            return np.ascontiguousarray(result.T)
        if backend != "numpy":
            raise RGInputError("backend", "numpy or numba", backend)
        fn = _numpy_kernel(self.source())
        for s in range(0, N, chunk):
            part = C if C.ndim == 1 else C[:, s : s + chunk]
            fn(X[:, s : s + chunk], part, out[:, s : s + chunk])
        return out

    def compiled(self) -> ModuleType:
        """The numba module: :mod:`rgcheck.dopri` compiled together with this kernel."""
        return _compiled_module(self.source())


def _integer_poly(
    poly: Poly, symbols: tuple[str, ...]
) -> tuple[int, dict[int, list[tuple[int, tuple[int, ...]]]], int]:
    """(Q, {degree: [(c_t, symbol indices)]}, top degree) with poly = (1/Q) sum c_t prod F."""
    q = math.lcm(*(Fraction(c).denominator for c in poly.values())) if poly else 1
    index = {s: i for i, s in enumerate(symbols)}
    by_degree: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for mono, coef in poly.items():
        c = Fraction(coef) * q
        by_degree.setdefault(len(mono), []).append((int(c), tuple(index[v] for v in mono)))
    return q, by_degree, max(by_degree, default=0)


@cache
def _numpy_kernel(src: str):
    ns: dict = {}
    # safe: the source is generated from our own exact polynomials (numbers and identifiers)
    exec(compile(src, "<rgcheck-kernel>", "exec"), ns)  # safe: generated numbers only
    return ns["beta_kernel"]


def _template() -> str:
    return (Path(__file__).resolve().parent / "dopri.py").read_text()


@cache
def _compiled_module(kernel_src: str) -> ModuleType:
    """Write ``dopri.py`` + the numba-decorated kernel to the cache directory and import it;
    numba's ``cache=True`` then keeps the machine code across processes."""
    from rgcheck.cache import cache_dir

    module_src = (
        _template()
        + "\n\n# ---- generated beta kernel (rgcheck.kernel) ----\n"
        + "@numba.njit(cache=True)\n"
        + kernel_src
    )
    key = hashlib.sha256(module_src.encode()).hexdigest()[:20]
    name = f"rgcheck_kernel_{key}"
    directory = cache_dir() / "numba"
    path = directory / f"{name}.py"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            tmp = path.with_suffix(f".tmp{id(module_src)}")
            tmp.write_text(module_src)
            tmp.replace(path)
    except OSError:  # read-only cache: compile without the disk cache
        directory = Path(tempfile.mkdtemp(prefix="rgcheck-"))
        path = directory / f"{name}.py"
        path.write_text(module_src.replace("cache=True", "cache=False"))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # numba's cache re-imports the module by name
    spec.loader.exec_module(module)  # safe: our own template and generated numbers
    return module
