"""Batched two-loop RG running from the matching scale to the end scale, with verdicts.

``rgcheck.run(charges, initial, mu0_gev, mu_end_gev=1e19, loops=2, config=RunConfig())``
runs one charge set for one or many initial points; ``run_batch`` mixes charge sets of one
field content in one compiled call; ``run_model`` runs any :class:`~rgcheck.model.Model`
(e.g. the SM + nu_R of the paper's Fig. 3). The betas come from the charge-parametric kernel
(:mod:`rgcheck.kernel`), the integration and the checks from :mod:`rgcheck.dopri`, the
classification from :mod:`rgcheck.verdicts`. Conventions: docs/rgcheck-running.md.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from rgcheck import cache
from rgcheck.api import parse_charges, parse_fraction
from rgcheck.couplings import ALPHA_OF, BSM_ALPHAS, QUARTICS, alphas, couplings_from_alphas
from rgcheck.errors import RGInputError
from rgcheck.kernel import ParametricKernel
from rgcheck.model import COUPLINGS, Model, Structure, check_yukawa_invariance, paper_model
from rgcheck.verdicts import FailedCondition, Verdict

M_PLANCK_GEV = 1e19


def _is_int(x: object) -> bool:
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def _is_real(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


@dataclass(frozen=True)
class RunConfig:
    """Settings of a run (checked where they enter).

    rtol, atol: Dormand-Prince error tolerances (per step, on the couplings g, y, Z).
    n_checks: log-equidistant check scales from mu0 to the end scale, both included (paper
      footnote 4: 250).
    pole_alpha: pole criterion, a trajectory has a pole where some alpha (eq. (46); |alpha|
      for quartics) exceeds it; NaN/inf, a step below ``min_step`` (in ln mu) and more than
      ``max_steps`` steps also count as a pole. The paper states no bound; 10 keeps its
      sample points Planck-safe (docs/rgcheck-running.md shows how the choice moves Figs. 5-10).
    higgs_unstable_alpha: alpha_lambda below it is ``higgs_unstable``, above ``metastable``.
    store_trajectory: keep the couplings at every check scale (memory n_checks x 15 x N).
    poles_only: apply only the pole criterion (for putative Landau poles with interactions
      switched off, where the potential is degenerate); a trajectory without a pole is then
      reported as ``stable_vplus``, which means only "no pole" here.
    threads: numba threads (None: all cores).
    """

    rtol: float = 1e-8
    atol: float = 1e-10
    n_checks: int = 250
    pole_alpha: float = 10.0
    higgs_unstable_alpha: float = -1e-4
    min_step: float = 1e-10
    max_steps: int = 100_000
    store_trajectory: bool = True
    poles_only: bool = False
    threads: int | None = None

    def __post_init__(self) -> None:
        for name in ("rtol", "atol", "pole_alpha", "min_step"):
            value = getattr(self, name)
            if not (_is_real(value) and math.isfinite(value) and value > 0):
                raise RGInputError(f"RunConfig.{name}", "a positive finite number", value)
        if not (_is_int(self.n_checks) and self.n_checks >= 2):
            raise RGInputError("RunConfig.n_checks", "an integer >= 2", self.n_checks)
        if not (_is_int(self.max_steps) and self.max_steps >= 1):
            raise RGInputError("RunConfig.max_steps", "a positive integer", self.max_steps)
        h = self.higgs_unstable_alpha
        if not (_is_real(h) and math.isfinite(h) and h <= 0):
            raise RGInputError("RunConfig.higgs_unstable_alpha", "a number <= 0", h)
        if self.threads is not None and not (_is_int(self.threads) and self.threads > 0):
            raise RGInputError("RunConfig.threads", "a positive integer or None", self.threads)


@dataclass(frozen=True)
class Trajectory:
    """Couplings at the check scales: ``values[name]`` has shape (*shape, n_checks); NaN
    after a trajectory stopped (pole or failure)."""

    scales_gev: np.ndarray
    values: Mapping[str, np.ndarray]

    def alphas(self) -> dict[str, np.ndarray]:
        """The paper's alphas and eta along the trajectory (eq. (46))."""
        return {k: np.asarray(v) for k, v in alphas(self.values).items()}


@dataclass(frozen=True)
class RunResult:
    """Outcome of :func:`run`: scalars for scalar input, arrays of the input shape otherwise.

    ``final``: couplings at the end scale, or where the trajectory stopped (``end_scale_gev``).
    ``failure_scale_gev``: the scale of the failure that decided the verdict (None / NaN when
    Planck-safe); ``failed_condition``: which one (:class:`FailedCondition`).
    ``min_alpha_lambda``: the smallest alpha_lambda over the check scales reached;
    ``vacuum_transitions``: V+ <-> V- changes between check scales; ``steps``: accepted steps."""

    names: tuple[str, ...]
    shape: tuple[int, ...]
    mu0_gev: float | np.ndarray
    mu_end_gev: float | np.ndarray
    final: Mapping[str, float | np.ndarray]
    trajectory: Trajectory | None
    verdict: Verdict | np.ndarray
    failure_scale_gev: float | np.ndarray | None
    failed_condition: FailedCondition | np.ndarray
    end_scale_gev: float | np.ndarray
    steps: int | np.ndarray
    vacuum_transitions: int | np.ndarray
    min_alpha_lambda: float | np.ndarray
    config: RunConfig = field(repr=False, default_factory=RunConfig)

    @property
    def planck_safe(self) -> bool | np.ndarray:
        if isinstance(self.verdict, Verdict):
            return self.verdict.planck_safe
        return np.vectorize(lambda v: v.planck_safe, otypes=[bool])(self.verdict)

    def counts(self) -> dict[str, int]:
        """Number of trajectories per verdict class (every class listed)."""
        flat = [self.verdict] if isinstance(self.verdict, Verdict) else list(self.verdict.flat)
        return {v.value: sum(1 for x in flat if x is v) for v in Verdict}

    def final_alphas(self) -> dict[str, float | np.ndarray]:
        out = alphas(self.final)
        return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def initial_couplings(
    mu0_gev: float,
    given: Mapping[str, object],
    sm: str = "auto",
    names: Sequence[str] = COUPLINGS,
) -> dict[str, float | np.ndarray]:
    """Initial couplings at mu0 from the paper's alphas: ``given`` holds alpha_4 and the seven
    BSM alphas of (48) (floats or equal-shape arrays), optionally eta (default 0, as in the
    paper, (22)) and overrides of SM alphas; the other SM alphas come from Table 4 or the SM
    running (``sm``: auto, table4, running; see :mod:`rgcheck.sm_inputs`)."""
    from rgcheck.sm_inputs import sm_alphas

    present = {ALPHA_OF.get(c) for c in names}
    need = [a for a in ("alpha_4", *BSM_ALPHAS) if a in present]
    missing = [a for a in need if a not in given]
    if missing:
        raise RGInputError(missing[0], "a value at mu0 (alpha_4 and the seven alphas of (48))")
    full: dict[str, object] = {"eta": 0.0, **sm_alphas(float(mu0_gev), sm)}
    full.update(given)
    return couplings_from_alphas(full, tuple(names))


# ---- kernels ------------------------------------------------------------------------------
_KERNELS: dict[tuple[str, int], ParametricKernel] = {}


def model_kernel(model: Model, loops: int = 2) -> ParametricKernel:
    """The charge-parametric kernel of a model's field content (derived once, cached)."""
    if loops not in (1, 2):
        raise RGInputError("loops", "1 or 2", loops)
    key = (model.structure_key(), loops)
    if key not in _KERNELS:
        polys = cache.get_or_derive(model, loops)["betas"]
        _KERNELS[key] = ParametricKernel(model.couplings(), polys, loops, key=f"{key[0]}-L{loops}")
    return _KERNELS[key]


def paper_kernel(structure: Structure | None = None, loops: int = 2) -> ParametricKernel:
    """Kernel of the paper's model for a field content (nu_R, psi representation)."""
    return model_kernel(paper_model(structure or Structure()), loops)


def sm_kernel(loops: int = 2) -> tuple[ParametricKernel, np.ndarray]:
    """The SM as the paper model with every charge zero (BSM couplings must be zero too)."""
    model = paper_model(Structure(nu=()))
    kernel = model_kernel(model, loops)
    return kernel, kernel.coefficients(dict.fromkeys(model.charge_keys, Fraction(0)))


def _flavour_count(model: Model) -> int:
    try:
        shape = getattr(model.field("S"), "flavour", ())
    except KeyError:
        return 1
    return int(shape[0]) if shape else 1


# ---- inputs -------------------------------------------------------------------------------
def _initial_matrix(
    initial: Mapping[str, object], names: tuple[str, ...]
) -> tuple[np.ndarray, tuple[int, ...]]:
    if not isinstance(initial, Mapping):
        raise RGInputError("initial", "a mapping from coupling names to numbers or arrays")
    unknown = [k for k in initial if k not in names]
    if unknown:
        raise RGInputError(str(unknown[0]), f"a coupling name, one of {', '.join(names)}")
    missing = [k for k in names if k not in initial]
    if missing:
        raise RGInputError(missing[0], "an initial value (every coupling is needed)")
    try:
        arrays = np.broadcast_arrays(*[np.asarray(initial[k], dtype=float) for k in names])
    except (TypeError, ValueError) as exc:
        raise RGInputError("initial", f"numbers or equal-shape arrays ({exc})") from None
    shape = arrays[0].shape
    return np.ascontiguousarray(np.stack([a.reshape(-1) for a in arrays], axis=1)), shape


def _scales(
    mu0_gev: object, mu_end_gev: object, shape: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    try:
        mu0 = np.broadcast_to(np.asarray(mu0_gev, dtype=float), shape).reshape(-1)
        mu1 = np.broadcast_to(np.asarray(mu_end_gev, dtype=float), shape).reshape(-1)
    except (TypeError, ValueError):
        raise RGInputError(
            "mu0", f"a scale in GeV (a number or an array of shape {shape})", mu0_gev
        ) from None
    if not np.all(np.isfinite(mu0) & (mu0 > 0)):
        raise RGInputError("mu0", "a positive scale in GeV", mu0_gev)
    if not np.all(np.isfinite(mu1) & (mu1 > 0)):
        raise RGInputError("mu_end", "a positive scale in GeV", mu_end_gev)
    if np.any(mu1 <= mu0):
        raise RGInputError("mu0", "a scale below the end scale (running goes upwards)", mu0_gev)
    return np.log(mu0), np.log(mu1)


def exact_charges(charges: Mapping[str, object], model: Model) -> dict[str, Fraction]:
    """The model's charges as Fractions (others ignored); a missing one is bad input."""
    missing = [k for k in model.charge_keys if k not in charges]
    if missing:
        raise RGInputError(missing[0], "a rational U(1)' charge (key missing)")
    vals = {k: parse_fraction(charges[k], k) for k in model.charge_keys}
    check_yukawa_invariance(model, vals)
    return vals


# ---- the run ------------------------------------------------------------------------------
def integrate(
    kernel: ParametricKernel,
    coef_table: np.ndarray,
    set_idx: np.ndarray,
    X0: np.ndarray,
    t0: np.ndarray,
    t1: np.ndarray,
    n_f: int,
    config: RunConfig,
) -> dict[str, np.ndarray]:
    """Low-level batched call of the compiled integrator (arrays in, arrays out)."""
    import numba

    module = kernel.compiled()
    cores = int(numba.config.NUMBA_NUM_THREADS)  # type: ignore[attr-defined]
    numba.set_num_threads(min(config.threads or cores, cores))
    N, dim = X0.shape
    quartic = np.array([n in QUARTICS for n in kernel.names], dtype=np.bool_)
    stab = np.array(
        [kernel.names.index(q) if q in kernel.names else -1 for q in QUARTICS], dtype=np.int64
    )
    if np.any(stab[1:] < 0):
        stab[1:] = -1
    if config.poles_only:
        stab[:] = -1
    store = config.store_trajectory
    samples = np.empty((N, config.n_checks, dim) if store else (0, 0, dim))
    out = {
        "final": np.empty((N, dim)),
        "verdict": np.empty(N, np.int64),
        "fail_t": np.empty(N),
        "fail_cond": np.empty(N, np.int64),
        "min_alpha_lambda": np.empty(N),
        "steps": np.empty(N, np.int64),
        "transitions": np.empty(N, np.int64),
        "t_end": np.empty(N),
    }
    if N:
        params = (float(n_f), config.n_checks, config.rtol, config.atol, config.min_step,
                  config.max_steps, config.pole_alpha, config.higgs_unstable_alpha, store)
        outs = (samples, out["final"], out["verdict"], out["fail_t"], out["fail_cond"],
                out["min_alpha_lambda"], out["steps"], out["transitions"], out["t_end"])
        module.integrate_batch(
            np.ascontiguousarray(X0, dtype=float),
            np.ascontiguousarray(t0, dtype=float),
            np.ascontiguousarray(t1, dtype=float),
            np.ascontiguousarray(coef_table, dtype=float),
            np.ascontiguousarray(set_idx, dtype=np.int64),
            quartic,
            stab,
            params,
            outs,
        )
    out["samples"] = samples
    return out


def _result(
    names: tuple[str, ...],
    shape: tuple[int, ...],
    t0: np.ndarray,
    t1: np.ndarray,
    raw: dict[str, np.ndarray],
    config: RunConfig,
) -> RunResult:
    scalar = shape == ()

    def shaped(a: np.ndarray, cast=float):
        a = a.reshape(shape)
        return cast(a) if scalar else a

    verdicts = np.array([Verdict.from_code(c) for c in raw["verdict"]], dtype=object)
    conds = np.array([FailedCondition.from_code(c) for c in raw["fail_cond"]], dtype=object)
    fail = np.exp(raw["fail_t"])
    final = {n: shaped(raw["final"][:, i]) for i, n in enumerate(names)}
    trajectory = None
    if config.store_trajectory:
        frac = np.linspace(0.0, 1.0, config.n_checks)
        scales = np.exp(t0[:, None] + (t1 - t0)[:, None] * frac[None, :])
        if len(t0) and np.all(t0 == t0[0]) and np.all(t1 == t1[0]):
            scales = scales[:1].reshape(config.n_checks)
        else:
            scales = scales.reshape((*shape, config.n_checks))
        values = {
            n: raw["samples"][:, :, i].reshape((*shape, config.n_checks))
            for i, n in enumerate(names)
        }
        trajectory = Trajectory(scales, MappingProxyType(values))
    return RunResult(
        names=names,
        shape=shape,
        mu0_gev=shaped(np.exp(t0)),
        mu_end_gev=shaped(np.exp(t1)),
        final=MappingProxyType(final),
        trajectory=trajectory,
        verdict=verdicts.reshape(shape)[()] if scalar else verdicts.reshape(shape),
        failure_scale_gev=(
            (None if math.isnan(fail[0]) else float(fail[0])) if scalar else fail.reshape(shape)
        ),
        failed_condition=conds.reshape(shape)[()] if scalar else conds.reshape(shape),
        end_scale_gev=shaped(np.exp(raw["t_end"])),
        steps=shaped(raw["steps"], int),
        vacuum_transitions=shaped(raw["transitions"], int),
        min_alpha_lambda=shaped(raw["min_alpha_lambda"]),
        config=config,
    )


def run_model(
    model: Model,
    charges: Mapping[str, object],
    initial: Mapping[str, object],
    mu0_gev: float | np.ndarray,
    mu_end_gev: float | np.ndarray = M_PLANCK_GEV,
    loops: int = 2,
    config: RunConfig = RunConfig(),
) -> RunResult:
    """Run any model (one charge assignment) from mu0 to the end scale."""
    if not isinstance(config, RunConfig):
        raise RGInputError("config", "a rgcheck.RunConfig", type(config).__name__)
    kernel = model_kernel(model, loops)
    vals = exact_charges(charges, model)
    X0, shape = _initial_matrix(initial, kernel.names)
    t0, t1 = _scales(mu0_gev, mu_end_gev, shape)
    coef = kernel.coefficients(vals)[None, :]
    raw = integrate(
        kernel, coef, np.zeros(X0.shape[0], np.int64), X0, t0, t1, _flavour_count(model), config
    )
    return _result(kernel.names, shape, t0, t1, raw, config)


def run(
    charges: Mapping[str, object],
    initial: Mapping[str, object],
    mu0_gev: float | np.ndarray,
    mu_end_gev: float | np.ndarray = M_PLANCK_GEV,
    loops: int = 2,
    config: RunConfig = RunConfig(),
) -> RunResult:
    """Run the paper's model for one charge set (a Mapping of the F_ names, as for
    :func:`rgcheck.betas`) from mu0 to mu_end (GeV), checking the verdict at
    ``config.n_checks`` scales. ``initial``: every coupling name of the betas API mapped to
    a float or to equal-shape arrays (see :func:`rgcheck.initial_couplings`)."""
    vals, structure = parse_charges(charges)
    return run_model(paper_model(structure), vals, initial, mu0_gev, mu_end_gev, loops, config)


def run_batch(
    charge_sets: Sequence[Mapping[str, object]],
    set_index: Sequence[int] | np.ndarray,
    initial: Mapping[str, object],
    mu0_gev: float | np.ndarray,
    mu_end_gev: float | np.ndarray = M_PLANCK_GEV,
    loops: int = 2,
    config: RunConfig = RunConfig(),
) -> RunResult:
    """Trajectories of several charge sets of one field content in one compiled call:
    trajectory n uses ``charge_sets[set_index[n]]`` (``initial`` arrays and ``set_index``
    share one shape)."""
    if not charge_sets:
        raise RGInputError("charge_sets", "at least one charge set")
    parsed = [parse_charges(ch) for ch in charge_sets]
    structures = {st for _, st in parsed}
    if len(structures) != 1:
        raise RGInputError(
            "charge_sets", "one field content (same nu_R and psi representation) per batch"
        )
    (structure,) = structures
    model = paper_model(structure)
    kernel = model_kernel(model, loops)
    table = kernel.coefficient_table([exact_charges(v, model) for v, _ in parsed])
    X0, shape = _initial_matrix(initial, kernel.names)
    idx = np.asarray(set_index)
    if idx.shape != shape and not (shape == () and idx.size == 1):
        raise RGInputError("set_index", f"an integer array of the initial shape {shape}")
    if idx.dtype.kind not in "iu":
        raise RGInputError("set_index", "integers (indices into charge_sets)", idx.dtype)
    idx = idx.reshape(-1).astype(np.int64)
    if np.any((idx < 0) | (idx >= len(charge_sets))):
        raise RGInputError("set_index", f"indices 0..{len(charge_sets) - 1}")
    t0, t1 = _scales(mu0_gev, mu_end_gev, shape)
    raw = integrate(kernel, table, idx, X0, t0, t1, structure.N_f, config)
    return _result(kernel.names, shape, t0, t1, raw, config)
