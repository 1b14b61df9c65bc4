"""Code generation for fast batched evaluation of polynomial beta functions.

The polynomials (exact Fractions, loop factors folded in as floats) are turned into straight-
line Python/numpy code: every monomial is computed once as (parent monomial) * (variable), so
all common monomial subexpressions are shared; each output is then a sum of coefficient *
monomial. The same source is evaluated with numpy on arrays (chunked for cache locality) and,
if numba is installed, compiled into a parallel per-point loop.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from rgcheck.polynomial import Poly

LOOP_FACTOR = 1.0 / (16.0 * math.pi**2)


def _exps(mono: tuple[str, ...], order: Sequence[str]) -> tuple[int, ...]:
    return tuple(mono.count(v) for v in order)


def build_plan(
    polys: Mapping[str, Mapping[int, Poly]], order: Sequence[str], outputs: Sequence[str]
) -> tuple[list[tuple[tuple[int, ...], int]], dict[str, list[tuple[float, tuple[int, ...]]]]]:
    """Monomial tree [(monomial, variable index)] (parent = monomial / variable) and the
    per-output float terms (loop factors folded in)."""
    terms: dict[str, dict[tuple[int, ...], float]] = {}
    for name in outputs:
        acc: dict[tuple[int, ...], float] = {}
        for loop, p in polys.get(name, {}).items():
            f = LOOP_FACTOR**loop
            for m, c in p.items():
                e = _exps(m, order)
                acc[e] = acc.get(e, 0.0) + float(Fraction(c)) * f
        terms[name] = {e: c for e, c in acc.items() if c != 0.0}
    needed: set[tuple[int, ...]] = set()
    for t in terms.values():
        needed |= set(t)
    # close under "remove one factor of the last variable present"
    stack = list(needed)
    allm = set(needed)
    while stack:
        e = stack.pop()
        if sum(e) <= 1:
            continue
        k = max(i for i, v in enumerate(e) if v)
        par = list(e)
        par[k] -= 1
        par_t = tuple(par)
        if par_t not in allm:
            allm.add(par_t)
            stack.append(par_t)
    ordered = sorted(allm, key=lambda e: (sum(e), e))
    plan = []
    for e in ordered:
        if sum(e) <= 1:
            continue
        k = max(i for i, v in enumerate(e) if v)
        plan.append((e, k))
    out_terms = {n: [(c, e) for e, c in sorted(t.items())] for n, t in terms.items()}
    return plan, out_terms


def generate_source(
    polys: Mapping[str, Mapping[int, Poly]],
    order: Sequence[str],
    outputs: Sequence[str],
    func_name: str = "kernel",
) -> str:
    """Straight-line source of ``kernel(x0, ..., x{n-1}) -> tuple`` (numpy- and numba-safe)."""
    plan, out_terms = build_plan(polys, order, outputs)
    nvar = len(order)
    name: dict[tuple[int, ...], str] = {}
    for i in range(nvar):
        e = tuple(1 if j == i else 0 for j in range(nvar))
        name[e] = f"x{i}"
    lines = [f"def {func_name}({', '.join(f'x{i}' for i in range(nvar))}):"]
    for n, (e, k) in enumerate(plan):
        par = list(e)
        par[k] -= 1
        name[e] = f"m{n}"
        lines.append(f"    m{n} = {name[tuple(par)]} * x{k}")
    outs = []
    for j, o in enumerate(outputs):
        ts = out_terms[o]
        if not ts:
            lines.append(f"    o{j} = 0.0 * x0")
        else:
            parts = [f"{c!r} * {name[e]}" if sum(e) else f"{c!r} + 0.0 * x0" for c, e in ts]
            lines.append(f"    o{j} = " + " + ".join(parts[:1]))
            for p in parts[1:]:
                lines.append(f"    o{j} += {p}")
        outs.append(f"o{j}")
    lines.append(f"    return ({', '.join(outs)},)")
    return "\n".join(lines) + "\n"


def compile_numpy(src: str, func_name: str = "kernel"):
    ns: dict = {}
    # safe: the source is generated above from our own exact polynomials (numbers and
    # identifiers only), never from user text
    exec(compile(src, "<rgcheck-generated>", "exec"), ns)  # safe: generated numbers only
    return ns[func_name]


class NumpyEvaluator:
    """Evaluate the generated kernel on numpy arrays in cache-sized chunks."""

    def __init__(self, src: str, nvar: int, nout: int, chunk: int = 8192):
        self.kernel = compile_numpy(src)
        self.nvar, self.nout, self.chunk = nvar, nout, chunk

    def __call__(self, X: np.ndarray) -> np.ndarray:
        """X: (nvar, N) float array -> (nout, N)."""
        N = X.shape[1]
        out = np.empty((self.nout, N))
        if N <= 16:  # few points (ODE steps): plain Python floats avoid numpy call overhead
            for n, col in enumerate(X.T.tolist()):
                out[:, n] = self.kernel(*col)
            return out
        for s in range(0, N, self.chunk):
            res = self.kernel(*X[:, s : s + self.chunk])
            for j in range(self.nout):
                out[j, s : s + self.chunk] = res[j]
        return out


def numba_available() -> bool:
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


class NumbaEvaluator:
    """Per-point compiled loop (numba, parallel over points).

    The generated source is written to ``<cache dir>/numba/k_<hash>.py`` and compiled with
    ``cache=True``, so a charge set compiled once loads in a fraction of a second in later
    processes."""

    def __init__(self, src: str, nvar: int, nout: int):
        import hashlib
        import importlib.util

        args = ", ".join(f"X[{i}, n]" for i in range(nvar))
        module_src = (
            "import numba\n\n\n"
            "@numba.njit(fastmath=True, cache=True)\n"
            + src
            + "\n\n@numba.njit(parallel=True, fastmath=True, cache=True)\n"
            "def run(X, out):\n"
            "    for n in numba.prange(X.shape[1]):\n"
            f"        r = kernel({args})\n"
            + "".join(f"        out[{j}, n] = r[{j}]\n" for j in range(nout))
        )
        key = hashlib.sha256(module_src.encode()).hexdigest()[:20]
        from rgcheck.cache import cache_dir

        d = cache_dir() / "numba"
        path = d / f"k_{key}.py"
        try:
            d.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                tmp = path.with_suffix(".tmp")
                tmp.write_text(module_src)
                tmp.replace(path)
            spec = importlib.util.spec_from_file_location(f"rgcheck_numba_{key}", path)
            mod = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = mod  # numba's cache re-imports the module by name
            spec.loader.exec_module(mod)  # safe: our own generated source (see compile_numpy)
            self.run = mod.run
        except OSError:  # read-only cache: compile in memory
            import numba

            ns: dict = {"numba": numba}
            # safe: generated source (numbers and identifiers only)
            uncached = module_src.replace("cache=True", "cache=False")
            exec(compile(uncached, "<rgcheck>", "exec"), ns)  # safe: generated numbers only
            self.run = ns["run"]
        self.nvar, self.nout = nvar, nout

    def __call__(self, X: np.ndarray) -> np.ndarray:
        out = np.empty((self.nout, X.shape[1]))
        self.run(np.ascontiguousarray(X, dtype=np.float64), out)
        return out
