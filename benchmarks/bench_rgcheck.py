"""Benchmark of rgcheck: derivation time, per-charge-set time, point-evaluations per second
of the full two-loop system (15 couplings) for N = 1e5 coupling points, and trajectories per
second of the compiled integrator (mu0 = 5 TeV to 1e19 GeV, 250 checks, random BM1 points).

Run:  .venv/bin/python benchmarks/bench_rgcheck.py [--cold]
--cold derives the model from scratch in a temporary cache directory.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from fractions import Fraction

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cold", action="store_true", help="derive from scratch (empty cache)")
    ap.add_argument("-N", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--trajectories", type=int, default=20_000)
    args = ap.parse_args()
    if args.cold:
        os.environ["RGCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="rgcheck-bench-")
    import rgcheck
    from rgcheck import cache
    from rgcheck.benchmarks import benchmark
    from rgcheck.derive import derive
    from rgcheck.model import paper_model

    if args.cold:
        t0 = time.perf_counter()
        res = derive(paper_model(), loops=2)
        t_derive = time.perf_counter() - t0
        cache.store(paper_model(), 2, res)
        print(f"full two-loop derivation from scratch (3 nu_R, N_f = 3): {t_derive:.1f} s")

    ch = dict(benchmark("BM3"))
    rgcheck.betas(ch)  # warm symbolic cache
    ch["F_phi"] = Fraction(3, 11)
    t0 = time.perf_counter()
    system = rgcheck.betas(ch)
    t_betas = time.perf_counter() - t0
    t0 = time.perf_counter()
    system.expressions()
    t_expr = time.perf_counter() - t0
    print(
        f"new charge set: betas ready in {t_betas * 1e3:.1f} ms, sympy expressions "
        f"in {t_expr * 1e3:.0f} ms"
    )

    rng = np.random.default_rng(0)
    X = rng.uniform(0.0, 0.5, size=(len(system.names), args.N))
    backends = ["numpy", "numba"]
    for be in backends:
        t0 = time.perf_counter()
        system.evaluate_array(X[:, :10], backend=be)  # compile / warm up
        t_warm = time.perf_counter() - t0
        best = np.inf
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            system.evaluate_array(X, backend=be)
            best = min(best, time.perf_counter() - t0)
        print(
            f"{be:>5}: N = {args.N:.0e}: {best * 1e3:.1f} ms -> {args.N / best:.3g} "
            f"point-evaluations/s (full two-loop system; warm-up {t_warm:.2f} s)"
        )
    a = system.evaluate_array(X[:, :1000], backend="numpy")
    b = system.evaluate_array(X[:, :1000], backend="numba")
    print(
        f"max relative numpy/numba difference: "
        f"{np.max(np.abs(a - b) / np.maximum(np.abs(a), 1e-300)):.2e}"
    )
    bench_running(args.trajectories)


def bench_running(n: int) -> None:
    import rgcheck
    from rgcheck.benchmarks import benchmark

    rng = np.random.default_rng(0)
    alphas = dict(
        alpha_4=1.87e-2, alpha_y=10 ** rng.uniform(-3, 0, n),
        alpha_delta=10 ** rng.uniform(-6, 0, n),
        alpha_deltatilde=10 ** rng.uniform(-6, 0, n), alpha_u=1e-4, alpha_v=1e-5, alpha_w=1e-6,
        alpha_s=1e-2,
    )
    init = rgcheck.initial_couplings(5e3, alphas)
    config = rgcheck.RunConfig(store_trajectory=False)
    t0 = time.perf_counter()
    rgcheck.run(benchmark("BM1"), {k: np.ravel(v)[:1] for k, v in init.items()}, 5e3, config=config)
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = rgcheck.run(benchmark("BM1"), init, 5e3, config=config)
    dt = time.perf_counter() - t0
    print(
        f"running: {n} BM1 trajectories in {dt:.2f} s -> {n / dt:,.0f} trajectories/s "
        f"(mean {np.mean(res.steps):.0f} steps; first call incl. compile/load {t_first:.1f} s); "
        f"verdicts {res.counts()}"
    )


if __name__ == "__main__":
    main()
