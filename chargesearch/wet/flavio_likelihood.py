"""Optional flavio likelihood for a Z' model, per named observable group.

Each group (:data:`GROUPS`) is a small list of flavio observables with the measurements
flavio ships for them.  A group's likelihood is flavio's :class:`FastLikelihood`: experimental
and SM-theory uncertainties combined into one multivariate Gaussian, theory covariance
evaluated in the SM (N random parameter points) and assumed unchanged by new physics.
Groups are independent (correlations between groups are neglected); upper limits
(B -> K(*) nu nu) are approximated by Gaussians by flavio.

    chi2(group)  = -2 ln L / L_max   (flavio's ``log_likelihood(..., delta=True)``)
    pull(group)  = sign(chi2_SM - chi2) sqrt(|chi2_SM - chi2|)   (> 0: the model is preferred)

The SM and experimental covariances are computed once (fixed random seed) and cached on disk
under ``$CHARGESEARCH_CACHE_DIR`` (default ``~/.cache/chargesearch/flavio``), one pickle per
group keyed on the flavio version, the group definition and the sample sizes.

Needs the optional extra: ``pip install -e '.[flavio]'``; without it every function raises
:class:`~chargesearch.errors.InputError` saying so.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from chargesearch.errors import InputError
from chargesearch.matching import GEV_PER_TEV, alpha_from_g
from chargesearch.wet.wcxf_export import (
    DEFAULT_SCALE_GEV,
    INSTALL_HINT,
    RUNNING_MODES,
    WET_BASIS,
    WET_EFT,
    is_delta_b2,
    run_with_wilson,
    tree_coefficients,
    wet_coefficients,
)

Observable = str | tuple[str, float, float]


@dataclass(frozen=True)
class ObservableGroup:
    """Observables of one likelihood group and the flavio measurements constraining them."""

    name: str
    observables: tuple[Observable, ...]
    measurements: tuple[str, ...]

    def fingerprint(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "observables": [list(o) if isinstance(o, tuple) else o for o in self.observables],
            "measurements": list(self.measurements),
        }


#: the named groups; keep them small: each observable costs ~0.02-0.2 s per evaluation and
#: N_sm times that once for the SM covariance (all six groups: ~2 min cold, RK(*) ~30 s)
GROUPS: dict[str, ObservableGroup] = {
    g.name: g
    for g in (
        ObservableGroup(
            "b->smumu",
            (
                ("<P5p>(B0->K*mumu)", 4.0, 6.0),
                ("<dBR/dq2>(B+->Kmumu)", 1.1, 6.0),
                ("<dBR/dq2>(Bs->phimumu)", 1.1, 6.0),
            ),
            ("LHCb B->K*mumu 2020 P 4-6", "LHCb B+->Kmumu BR 2014", "LHCb Bs->phimumu BR 2021"),
        ),
        ObservableGroup(
            "b->see",
            (("<BR>(B->Xsee)", 1.0, 6.0), ("<BR>(B->Xsee)", 14.2, 25.0)),
            ("BaBar B->Xll 2013",),
        ),
        ObservableGroup(
            "RK(*)",
            (("<Rmue>(B+->Kll)", 1.1, 6.0), ("<Rmue>(B0->K*ll)", 1.1, 6.0)),
            ("LHCb RK RK* 2022",),
        ),
        ObservableGroup("Bs->mumu", ("BR(Bs->mumu)",), ("GSSS combination Bs->mumu 2022",)),
        ObservableGroup("DeltaMs", ("DeltaM_s",), ("HFAG osc summer 2015",)),
        ObservableGroup(
            "B->Knunu",
            ("BR(B+->Knunu)",),  # B -> K* nu nu: same ratio (59) without RH currents, 10x slower
            (
                "Belle B->hnunu SL 2017",
                "Belle B->hnunu had 2013",
                "BaBar B->Knunu SL 2010",
                "BaBar B->Knunu had 2013",
            ),
        ),
    )
}
GROUP_NAMES: tuple[str, ...] = tuple(GROUPS)
DEFAULT_SM_SAMPLES = 100
DEFAULT_EXP_SAMPLES = 5000
CACHE_ENV = "CHARGESEARCH_CACHE_DIR"
_SEED = 20240611


class GroupChi2(NamedTuple):
    """chi2 of a group at the model point, in the SM, and the pull (module docstring)."""

    chi2: float
    chi2_sm: float
    pull: float


class RayFit(NamedTuple):
    """Best alpha4 = g4^2/(4 pi)^2 along the model's ray and the groups' results there."""

    alpha4: float
    results: dict[str, GroupChi2]

    @property
    def g4(self) -> float:
        return 4.0 * math.pi * math.sqrt(self.alpha4)

    @property
    def chi2(self) -> float:
        return sum(r.chi2 for r in self.results.values())

    @property
    def chi2_sm(self) -> float:
        return sum(r.chi2_sm for r in self.results.values())

    @property
    def pull(self) -> float:
        return _pull(self.chi2, self.chi2_sm)


def _pull(chi2: float, chi2_sm: float) -> float:
    delta = chi2_sm - chi2
    return math.copysign(math.sqrt(abs(delta)), delta)


def _import_flavio() -> tuple[Any, Any]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import flavio  # type: ignore[import-untyped]
            import wilson  # type: ignore[import-untyped]
    except ImportError as exc:
        raise InputError("likelihood", INSTALL_HINT, "flavio not installed") from exc
    return flavio, wilson


def flavio_available() -> bool:
    """Whether the optional ``flavio`` extra is importable (imports it: slow the first time)."""
    try:
        _import_flavio()
    except InputError:
        return False
    return True


def resolve_groups(groups: Iterable[str] | str | None) -> tuple[ObservableGroup, ...]:
    """Group objects for names (None: all groups); unknown name -> InputError."""
    if groups is None:
        names: list[str] = list(GROUP_NAMES)
    elif isinstance(groups, str):
        names = [groups]
    else:
        names = list(groups)
    if not names:
        raise InputError("likelihood group", "at least one of " + ", ".join(GROUP_NAMES), names)
    out = []
    for name in names:
        if name not in GROUPS:
            raise InputError("likelihood group", "one of " + ", ".join(GROUP_NAMES), name)
        if GROUPS[name] not in out:
            out.append(GROUPS[name])
    return tuple(out)


def cache_dir() -> Path:
    """Directory of the cached covariances: ``$CHARGESEARCH_CACHE_DIR`` or ~/.cache/..."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "chargesearch" / "flavio"


def cache_key(group: ObservableGroup, n_sm: int, n_exp: int) -> str:
    """File-name key of a group's covariance: flavio version + group definition + samples."""
    flavio, _ = _import_flavio()
    payload = json.dumps(
        {
            "flavio": flavio.__version__,
            "group": group.fingerprint(),
            "n_sm": n_sm,
            "n_exp": n_exp,
            "seed": _SEED,
        },
        sort_keys=True,
    )
    digest = hashlib.sha256(payload.encode()).hexdigest()[:16]
    safe = "".join(c if c.isalnum() else "_" for c in group.name)
    return f"{safe}-{digest}"


def _atomic_pickle(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _compute_covariances(fl: Any, n_sm: int, n_exp: int) -> dict[str, Any]:
    import numpy as np

    state = np.random.get_state()
    np.random.seed(_SEED)
    try:
        central, cov_exp = fl.exp_covariance.get(N=n_exp, force=True)
        cov_sm = fl.sm_covariance.get(N=n_sm, force=True)
    finally:
        np.random.set_state(state)
    observables = list(fl.observables)
    return {
        "exp": {"observables": observables, "central": central, "covariance": cov_exp},
        "sm": {"observables": observables, "covariance": cov_sm},
    }


class _GroupLikelihood:
    """A group's FastLikelihood with disk-cached covariances and a cached SM chi2."""

    def __init__(self, group: ObservableGroup, n_sm: int, n_exp: int) -> None:
        _import_flavio()
        from flavio.statistics.likelihood import FastLikelihood  # type: ignore[import-untyped]

        self.group = group
        key = cache_key(group, n_sm, n_exp)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.fl = FastLikelihood(
                f"chargesearch {key}",
                observables=list(group.observables),
                include_measurements=list(group.measurements),
            )
            path = cache_dir() / f"{key}.pickle"
            data = None
            if path.is_file():
                try:
                    with path.open("rb") as handle:
                        data = pickle.load(handle)
                except (OSError, pickle.UnpicklingError, EOFError):
                    data = None
            if data is None:
                data = _compute_covariances(self.fl, n_sm, n_exp)
                try:
                    _atomic_pickle(path, data)
                except OSError:
                    pass  # an unwritable cache only costs time
            self.fl.exp_covariance.load_dict(data["exp"])
            self.fl.sm_covariance.load_dict(data["sm"])
            self.fl.make_measurement(N=n_sm, Nexp=n_exp, force=False, force_exp=False)
        self.par = self.fl.parameters_central
        self.chi2_sm = self.chi2(None)

    def chi2(self, wc_obj: Any) -> float:
        flavio, _ = _import_flavio()
        if wc_obj is None:
            wc_obj = flavio.WilsonCoefficients()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(-2.0 * self.fl.log_likelihood(self.par, wc_obj, delta=True))


@cache
def _group_likelihood(name: str, n_sm: int, n_exp: int) -> _GroupLikelihood:
    return _GroupLikelihood(GROUPS[name], n_sm, n_exp)


def prepare(
    groups: Iterable[str] | str | None = None,
    n_sm: int = DEFAULT_SM_SAMPLES,
    n_exp: int = DEFAULT_EXP_SAMPLES,
) -> None:
    """Build (or load from the disk cache) the likelihoods of ``groups`` ahead of time."""
    for group in resolve_groups(groups):
        _group_likelihood(group.name, n_sm, n_exp)


def _wilson_object(wet: Mapping[str, complex | float], scale_GeV: float) -> Any:
    _, wilson = _import_flavio()
    values = {k: v for k, v in wet.items() if v != 0}
    try:
        return wilson.Wilson(values, scale=scale_GeV, eft=WET_EFT, basis=WET_BASIS)
    except (KeyError, ValueError, AssertionError) as exc:
        raise InputError(
            "Wilson coefficients", "names of the WCxf WET flavio basis", sorted(values)
        ) from exc


def group_chi2(
    wet: Mapping[str, complex | float],
    groups: Iterable[str] | str | None = None,
    scale_GeV: float = DEFAULT_SCALE_GEV,
    n_sm: int = DEFAULT_SM_SAMPLES,
    n_exp: int = DEFAULT_EXP_SAMPLES,
) -> dict[str, GroupChi2]:
    """chi2, chi2_SM and pull of each group for new-physics coefficients ``wet``.

    ``wet`` is a dict in the WCxf WET ``flavio`` basis at ``scale_GeV`` (e.g. from
    :func:`chargesearch.wet.wet_coefficients`); ``groups`` are names of :data:`GROUPS`
    (None: all).  Unknown group -> InputError; flavio missing -> InputError.
    """
    resolved = resolve_groups(groups)
    _import_flavio()
    wc_obj = _wilson_object(wet, scale_GeV)
    out: dict[str, GroupChi2] = {}
    for group in resolved:
        lik = _group_likelihood(group.name, n_sm, n_exp)
        chi2 = lik.chi2(wc_obj)
        out[group.name] = GroupChi2(chi2, lik.chi2_sm, _pull(chi2, lik.chi2_sm))
    return out


def model_chi2(
    charges: Mapping[str, Fraction],
    g4: float,
    mass_TeV: float,
    groups: Iterable[str] | str | None = None,
    rh_ratio: float = 0.0,
    scale_GeV: float = DEFAULT_SCALE_GEV,
    running: str = "wilson",
    n_sm: int = DEFAULT_SM_SAMPLES,
    n_exp: int = DEFAULT_EXP_SAMPLES,
) -> dict[str, GroupChi2]:
    """:func:`group_chi2` of the model point (charges, g4, M_Z'), coefficients from
    :func:`chargesearch.wet.wet_coefficients` with ``running`` (default ``"wilson"``: with it
    flavio's Delta M_s reproduces the paper's eq. (97) to 0.1% for BM2)."""
    resolved = tuple(g.name for g in resolve_groups(groups))
    wet = wet_coefficients(charges, g4, mass_TeV, rh_ratio, scale_GeV, running)
    return group_chi2(wet, resolved, scale_GeV, n_sm, n_exp)


def _unit_ray(
    charges: Mapping[str, Fraction],
    mass_TeV: float,
    rh_ratio: float,
    scale_GeV: float,
    running: str,
) -> tuple[dict[str, complex | float], dict[str, complex | float]]:
    """Coefficients for g4 = 1 split into the g4^2 (Delta B = 1) and g4^4 (Delta B = 2) parts.

    The WET running is linear, so running the g4 = 1 point once suffices for the whole ray.
    """
    values: Mapping[str, complex | float] = tree_coefficients(charges, 1.0, mass_TeV, rh_ratio)
    if running == "wilson":
        values = run_with_wilson(values, mass_TeV * GEV_PER_TEV, scale_GeV)
    linear = {k: v for k, v in values.items() if not is_delta_b2(k)}
    quartic = {k: v for k, v in values.items() if is_delta_b2(k)}
    return linear, quartic


def best_alpha4_along_ray(
    charges: Mapping[str, Fraction],
    mass_TeV: float,
    groups: Iterable[str] | str | None = None,
    rh_ratio: float = 0.0,
    scale_GeV: float = DEFAULT_SCALE_GEV,
    running: str = "wilson",
    n_sm: int = DEFAULT_SM_SAMPLES,
    n_exp: int = DEFAULT_EXP_SAMPLES,
    max_c9: float = 5.0,
) -> RayFit:
    """alpha4 minimising the summed chi2 of ``groups`` along the model's ray, g4^2 >= 0.

    C_{Delta B=1} = g4^2 c1 and C_{Delta B=2} = g4^4 c2 with c1, c2 from
    :func:`chargesearch.wet.wet_coefficients` at g4 = 1 (``running`` as there).  The search
    is a bounded 1d minimisation (scipy) in t = g4^2 on [0, t_max], t_max chosen so that the
    largest |C_{Delta B=1}| is ``max_c9``; the SM point t = 0 is always a candidate.
    Returns ``RayFit(alpha4, {group: GroupChi2})`` (unpacks as a 2-tuple).
    """
    from scipy.optimize import minimize_scalar  # type: ignore[import-untyped]

    if running not in RUNNING_MODES:
        raise InputError("running", "one of " + ", ".join(RUNNING_MODES), running)
    if not (math.isfinite(mass_TeV) and mass_TeV > 0):
        raise InputError("mass", "a positive Z' mass in TeV", mass_TeV)
    resolved = tuple(g.name for g in resolve_groups(groups))
    _import_flavio()
    linear, quartic = _unit_ray(charges, mass_TeV, rh_ratio, scale_GeV, running)

    def wet_at(t: float) -> dict[str, complex | float]:
        point = {k: t * v for k, v in linear.items()}
        point.update({k: t * t * v for k, v in quartic.items()})
        return point

    def total(t: float) -> float:
        res = group_chi2(wet_at(t), resolved, scale_GeV, n_sm, n_exp)
        return sum(r.chi2 for r in res.values())

    scale = max((abs(v) for v in linear.values()), default=0.0)
    best_t, best_chi2 = 0.0, total(0.0)
    if scale > 0:
        t_max = max_c9 / scale
        opt = minimize_scalar(total, bounds=(0.0, t_max), method="bounded",
                              options={"xatol": 1e-4 * t_max})
        if opt.fun < best_chi2:
            best_t, best_chi2 = float(opt.x), float(opt.fun)
    results = group_chi2(wet_at(best_t), resolved, scale_GeV, n_sm, n_exp)
    return RayFit(alpha_from_g(math.sqrt(best_t)), results)
