"""Scans of the critical surface: the BSM couplings (48) at mu0 on a 2-D grid of two of them
(the paper's Figs. 5, 7, 8, 10) or quasi-random (Sobol) over all seven with their signs.

A scan is a :class:`ScanSpec` (frozen, JSON-able: it is the identity of a resumable run). The
points are a pure function of the spec and their index, so the scan runs in chunks through the
shared runner (:mod:`chunkrunner`): each chunk is one compiled batch of trajectories, the
results go to Parquet with a manifest, and a killed scan resumes without losing or repeating
points. Rows: the point's alphas, its verdict, failure scale and condition.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from rgcheck.couplings import ALPHA_NAMES, BSM_ALPHAS
from rgcheck.errors import RGInputError
from rgcheck.parsing import parse_real
from rgcheck.verdicts import Verdict

SIGNS = ("+", "-", "+-")
FORMAT = "rgcheck-scan/1"


@dataclass(frozen=True)
class Axis:
    """A grid axis: ``n`` log-equidistant values of an alpha, 10^lo .. 10^hi."""

    name: str
    lo: float
    hi: float
    n: int

    def values(self) -> np.ndarray:
        return 10.0 ** np.linspace(self.lo, self.hi, self.n)


@dataclass(frozen=True)
class BoxRange:
    """A random-scan range: |alpha| log-uniform in 10^lo .. 10^hi with the given sign(s)."""

    name: str
    lo: float
    hi: float
    signs: str = "+"


#: default box of the random scan: the seven couplings (48), all log ranges 1e-6 .. 1
#: (alpha_y from 1e-3), portals and BSM quartics with both signs, alpha_s > 0 (s > 0 is
#: needed at mu0, (13)).
DEFAULT_BOX = (
    BoxRange("alpha_y", -3.0, 0.0, "+"),
    BoxRange("alpha_delta", -6.0, 0.0, "+-"),
    BoxRange("alpha_deltatilde", -6.0, 0.0, "+-"),
    BoxRange("alpha_u", -6.0, 0.0, "+-"),
    BoxRange("alpha_v", -6.0, 0.0, "+-"),
    BoxRange("alpha_w", -6.0, 0.0, "+-"),
    BoxRange("alpha_s", -6.0, 0.0, "+"),
)


@dataclass(frozen=True)
class ScanSpec:
    """Everything that defines a scan's points and trajectories.

    ``base``: alphas at mu0 (alpha_4, eta, SM and the BSM couplings not scanned); ``grid``:
    two axes (x, y) or None; ``box`` + ``n_random`` + ``seed``: the Sobol scan."""

    charges: tuple[tuple[str, str], ...]
    mu0_gev: float
    base: tuple[tuple[str, float], ...]
    mu_end_gev: float = 1e19
    loops: int = 2
    grid: tuple[Axis, Axis] | None = None
    box: tuple[BoxRange, ...] = ()
    n_random: int = 0
    seed: int = 0
    pole_alpha: float = 10.0
    n_checks: int = 250
    rtol: float = 1e-8
    chunk_size: int = 4096

    def __post_init__(self) -> None:
        if self.grid is None and not self.n_random:
            raise RGInputError("scan", "a grid of two axes or a number of random points")
        if self.grid is not None and self.n_random:
            raise RGInputError("scan", "either a grid or random points, not both")
        names = [a.name for a in (self.grid or ())] + [b.name for b in self.box]
        for name in names:
            if name not in BSM_ALPHAS:
                raise RGInputError(name, f"one of the couplings (48): {', '.join(BSM_ALPHAS)}")
        if len(set(names)) != len(names):
            raise RGInputError("scan", "each coupling on one axis or box range only")
        for a in self.grid or ():
            if not (a.n >= 1 and a.lo <= a.hi):
                raise RGInputError(a.name, "a range lo:hi:n with lo <= hi and n >= 1")
        for b in self.box:
            if b.signs not in SIGNS or not b.lo <= b.hi:
                raise RGInputError(b.name, "a range lo:hi:sign with lo <= hi, sign +, - or +-")
        if self.n_random < 0 or self.chunk_size < 1:
            raise RGInputError("--random", "a positive number of points")
        missing = [a for a in ("alpha_4", *BSM_ALPHAS) if a not in dict(self.base)
                   and a not in names]
        if missing:
            raise RGInputError(missing[0], "a value at mu0 (scanned or fixed)")

    @property
    def n_points(self) -> int:
        if self.grid is not None:
            return self.grid[0].n * self.grid[1].n
        return self.n_random

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def points(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """The scanned alphas of points start..stop-1 (deterministic in the spec)."""
        idx = np.arange(start, stop)
        if self.grid is not None:
            ax, ay = self.grid
            return {ax.name: ax.values()[idx % ax.n], ay.name: ay.values()[idx // ax.n]}
        from scipy.stats import qmc

        signed = [b for b in self.box if b.signs == "+-"]
        sobol = qmc.Sobol(len(self.box) + len(signed), scramble=True, seed=self.seed)
        if start:
            sobol.fast_forward(start)
        with np.errstate(all="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Sobol balance warning for n != 2^m
                u = sobol.random(stop - start)
        out: dict[str, np.ndarray] = {}
        k = len(self.box)
        for i, b in enumerate(self.box):
            mag = 10.0 ** (b.lo + (b.hi - b.lo) * u[:, i])
            if b.signs == "+-":
                out[b.name] = np.where(u[:, k] < 0.5, -1.0, 1.0) * mag
                k += 1
            else:
                out[b.name] = (-1.0 if b.signs == "-" else 1.0) * mag
        return out


def scan_chunk(spec: ScanSpec, chunk: Mapping[str, int]):
    """Run the trajectories of one chunk; returns a pyarrow Table (one row per point)."""
    import pyarrow as pa

    from rgcheck.running import RunConfig, initial_couplings, run

    start, stop = int(chunk["start"]), int(chunk["stop"])
    scanned = spec.points(start, stop)
    given: dict[str, object] = dict(spec.base)
    given.update(scanned)
    initial = initial_couplings(spec.mu0_gev, given)
    config = RunConfig(
        rtol=spec.rtol, pole_alpha=spec.pole_alpha, n_checks=spec.n_checks,
        store_trajectory=False,
    )
    res = run(dict(spec.charges), initial, spec.mu0_gev, spec.mu_end_gev, spec.loops, config)
    n = stop - start
    cols: dict[str, Any] = {"index": np.arange(start, stop, dtype=np.int64)}
    for name in BSM_ALPHAS:
        cols[name] = np.broadcast_to(np.asarray(given[name], dtype=float), (n,)).copy()
    cols["verdict"] = [v.value for v in np.ravel(res.verdict)]
    cols["failure_scale_gev"] = np.ravel(np.asarray(res.failure_scale_gev, dtype=float))
    cols["failed_condition"] = [c.value for c in np.ravel(res.failed_condition)]
    cols["vacuum_transitions"] = np.ravel(res.vacuum_transitions).astype(np.int64)
    cols["min_alpha_lambda"] = np.ravel(res.min_alpha_lambda).astype(float)
    for name, value in res.final_alphas().items():
        cols[f"final_{name}"] = np.ravel(value).astype(float)
    return pa.table(cols)


@dataclass(frozen=True)
class ScanResult:
    """A finished scan: the table (pyarrow), counts per verdict and timing."""

    spec: ScanSpec
    table: Any
    seconds: float
    out: str | None

    def verdicts(self) -> np.ndarray:
        return np.asarray(self.table.column("verdict").to_pylist(), dtype=object)

    def counts(self) -> dict[str, int]:
        v = self.verdicts()
        return {c.value: int(np.sum(v == c.value)) for c in Verdict}

    def safe(self) -> np.ndarray:
        v = self.verdicts()
        return (v == Verdict.STABLE_VPLUS.value) | (v == Verdict.STABLE_VMINUS.value)

    def column(self, name: str) -> np.ndarray:
        return self.table.column(name).to_numpy()

    def summary(self) -> dict[str, Any]:
        n = self.table.num_rows
        return {
            "n": n,
            "seconds": round(self.seconds, 3),
            "counts": self.counts(),
            "planck_safe_fraction": float(np.mean(self.safe())) if n else 0.0,
            "out": self.out,
        }


def run_scan(
    spec: ScanSpec,
    out: str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool = True,
    provenance: Mapping[str, Any] | None = None,
) -> ScanResult:
    """Run (or resume) a scan through the shared chunk runner; returns all its rows."""
    import pyarrow as pa

    import chunkrunner
    from rgcheck.api import parse_charges
    from rgcheck.running import paper_kernel

    _, structure = parse_charges(dict(spec.charges))
    paper_kernel(structure, spec.loops).compiled()  # compile (or load) once, before the chunks
    chunks = tuple(
        chunkrunner.Chunk(
            key=f"p{start:09d}", cost=float(min(spec.chunk_size, spec.n_points - start)),
            spec={"start": start, "stop": min(start + spec.chunk_size, spec.n_points)},
        )
        for start in range(0, spec.n_points, spec.chunk_size)
    )
    job = chunkrunner.Job(
        kind=FORMAT, spec=spec.to_json(), chunks=chunks, work=scan_chunk, payload=spec,
        unit="trajectories", provenance=dict(provenance or {}),
    )
    tables: dict[str, Any] = {}
    t0 = time.perf_counter()
    chunkrunner.run(
        job, out=out, workers=workers, scheduler=scheduler, progress=progress,
        on_table=None if out else (lambda key, table: tables.__setitem__(key, table)),
        versions=_versions(),
    )
    seconds = time.perf_counter() - t0
    if out:
        table = chunkrunner.read_table(out)
    else:
        table = pa.concat_tables([tables[k] for k in sorted(tables)]) if tables else None
    return ScanResult(spec, table, seconds, out)


def _versions() -> dict[str, str]:
    from importlib import metadata

    import numba
    import scipy

    try:
        own = metadata.version("zprime-safety")
    except metadata.PackageNotFoundError:  # pragma: no cover
        own = "unknown"
    return {"rgcheck": own, "numba": numba.__version__, "scipy": scipy.__version__}


# ---- parsing of the command-line forms ------------------------------------------------------
def parse_axis(text: str, field_name: str = "--grid") -> Axis:
    """``alpha_y=-3:0:41`` (log10 range and number of points)."""
    name, sep, rng = text.partition("=")
    parts = rng.split(":")
    if not sep or len(parts) != 3:
        raise RGInputError(field_name, "name=lo:hi:n (log10 range), e.g. alpha_y=-3:0:41", text)
    n = parse_real(parts[2], f"{field_name} {name.strip()}")
    if n != int(n) or not 1 <= n <= 2000:
        raise RGInputError(f"{field_name} {name.strip()}", "a number of points 1..2000", parts[2])
    return Axis(name.strip(), parse_real(parts[0], field_name), parse_real(parts[1], field_name),
                int(n))


def parse_box(text: str) -> tuple[BoxRange, ...]:
    """``alpha_y=-3:0:+,alpha_delta=-6:0:+-`` overriding ranges of :data:`DEFAULT_BOX`."""
    box = {b.name: b for b in DEFAULT_BOX}
    for part in text.split(","):
        name, sep, rng = part.partition("=")
        pieces = rng.split(":")
        if not sep or len(pieces) not in (2, 3):
            raise RGInputError("--box", "name=lo:hi[:sign] with sign +, - or +-", part)
        name = name.strip()
        if name not in box:
            raise RGInputError(f"--box {name}", f"one of {', '.join(BSM_ALPHAS)}")
        signs = pieces[2].strip() if len(pieces) == 3 else box[name].signs
        box[name] = BoxRange(name, parse_real(pieces[0], f"--box {name}"),
                             parse_real(pieces[1], f"--box {name}"), signs)
    return tuple(box[b.name] for b in DEFAULT_BOX)


def base_alphas(alphas: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    """The fixed alphas of a spec in a canonical order."""
    return tuple((a, float(alphas[a])) for a in ALPHA_NAMES if a in alphas)
