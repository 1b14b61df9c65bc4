"""Export of a Z' model's tree-level Wilson coefficients in the WCxf WET ``flavio`` basis.

Conventions (all new-physics parts; the SM is *not* included).  ``k`` is the quark-vertex unit
of :func:`chargesearch.matching.quark_vertex_unit`,

    k = N^-1 g_bs^L / (g4 M^2) = -(pi / (sqrt2 G_F alpha_e)) (F_Q3 - F_Q2) / M_Z'^2,

and ``r`` = g_bs^R / g_bs^L (``rh_ratio``, eq. (72)).

b -> s l l (eq. (34)), flavio's H_eff = -(4 G_F/sqrt2) V_tb V_ts^* (e^2/16pi^2) sum_i C_i O_i
with O9 = (s g_mu P_L b)(l g^mu l), O10 = (s g_mu P_L b)(l g^mu g5 l), primes P_L -> P_R:

    C9_bsll  = k (F_Ei + F_Li) g4^2,     C10_bsll  = k (F_Ei - F_Li) g4^2,
    C9p_bsll = r C9_bsll,                C10p_bsll = r C10_bsll          (l = e, mu, tau; i = 1,2,3)

b -> s nu nu, same prefactor, O_L = (s g_mu P_L b)(nu_i g^mu (1 - g5) nu_i): the Z' exchange
g_bs^L g4 F_Li (s g P_L b)(nu g P_L nu) / M^2 gives

    CL_bsnuinui = k F_Li g4^2,           CR_bsnuinui = r CL_bsnuinui.

In the paper's normalisation of eq. (59) the same amplitude is X_SM + 2 k F_Li g4^2 with
X_SM = -12.64, i.e. flavio's C_L is half of it (C_L^SM(flavio) ~ -6.3 = X_SM / 2) and
a = 2 k g4^2 / X_SM = CL_bsnuinui / (F_Li C_L^SM).  The flavio basis has no right-handed
neutrinos: the non-interfering |F_nu a|^2 term of (59) (permille level) is not exported.

Delta B = 2 (eqs. (92)-(93)), flavio/WCxf convention L_eff = +sum C_i O_i (H_eff = -sum C_i O_i),
O_VLL = (s_L g^mu b_L)^2, O_VRR = (s_R g^mu b_R)^2, O_VLR = (s_L g^mu b_L)(s_R g_mu b_R), in
GeV^-2.  Integrating out the Z' gives L_eff = -(1/2M^2) J_mu J^mu with
J ⊃ g_bs^L (s g P_L b) + g_bs^R (s g P_R b), hence

    CVLL_bsbs = -(g_bs^L)^2 / (2 M^2) = -(4 G_F/sqrt2) (V_tb V_ts^*)^2 C_LL^paper,
    CVRR_bsbs = -(g_bs^R)^2 / (2 M^2) = -(4 G_F/sqrt2) (V_tb V_ts^*)^2 C_RR^paper,
    CVLR_bsbs = -g_bs^L g_bs^R / M^2   = -(4 G_F/sqrt2) (V_tb V_ts^*)^2 C_LR^paper,

with g_bs^L = V_tb V_ts^* (F_Q3 - F_Q2) g4 (eq. (37)) and the paper's C's of eq. (93).
The sign is that of the SM's C_VLL (flavio: -G_F^2 M_W^2/(4 pi^2) (V_tb V_ts^*)^2 S_0 eta),
so the Z' adds constructively to Delta M_s, as in eq. (97).

Scale and running.  The matching is at tree level at mu = M_Z'.  With ``running="none"``
(default) the coefficients are quoted at ``scale_GeV`` (default 4.8 GeV, the b scale) without
running: C9, C10, C9', C10' and C_L, C_R are (partially) conserved currents and do not run
under QCD (QED/electroweak running changes them at the percent level), but the Delta B = 2
coefficients do run: their LO QCD factor from ~5 TeV to m_b is ~0.75 for C_VLL, and C_VLR mixes
into C_SLR.  That running is neglected in ``running="none"``.  With ``running="wilson"`` (needs
the ``flavio`` extra) the coefficients are placed at mu = M_Z' and evolved to ``scale_GeV``
with the one-loop QCD+QED WET running of the ``wilson`` package; every coefficient the running
generates is returned (e.g. CSLR_bsbs, small four-quark b -> s coefficients).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from chargesearch.chargefile import atomic_write_text
from chargesearch.errors import InputError
from chargesearch.matching import GEV_PER_TEV, Lepton, g_bs_left, quark_vertex_unit

WET_EFT = "WET"
WET_BASIS = "flavio"
DEFAULT_SCALE_GEV = 4.8
RUNNING_MODES: tuple[str, ...] = ("none", "wilson")
NEUTRINOS: tuple[str, ...] = ("nue", "numu", "nutau")
INSTALL_HINT = "the optional flavio extra: pip install -e '.[flavio]'"

#: coefficients written for every model (zeros included), in output order
EXPORTED_KEYS: tuple[str, ...] = (
    *(f"{c}_bs{lep.value}{lep.value}" for lep in Lepton for c in ("C9", "C10", "C9p", "C10p")),
    *(f"{c}_bs{nu}{nu}" for c in ("CL", "CR") for nu in NEUTRINOS),
    "CVLL_bsbs", "CVRR_bsbs", "CVLR_bsbs",
)


def is_delta_b2(key: str) -> bool:
    """Whether a flavio-basis coefficient is a Delta B = 2 (b s -> s b) one, scaling as g4^4."""
    return key.endswith("_bsbs")


def _check_inputs(g4: float, mass_TeV: float, scale_GeV: float, running: str) -> None:
    if not (math.isfinite(g4) and g4 >= 0):
        raise InputError("g4", "a finite coupling >= 0", g4)
    if not (math.isfinite(mass_TeV) and mass_TeV > 0):
        raise InputError("mass", "a positive Z' mass in TeV", mass_TeV)
    if not (math.isfinite(scale_GeV) and scale_GeV > 0):
        raise InputError("scale", "a positive scale in GeV", scale_GeV)
    if running not in RUNNING_MODES:
        raise InputError("running", "one of " + ", ".join(RUNNING_MODES), running)


def tree_coefficients(
    charges: Mapping[str, Fraction], g4: float, mass_TeV: float, rh_ratio: float = 0.0
) -> dict[str, float]:
    """Tree-level coefficients at mu = M_Z' (module docstring), keys :data:`EXPORTED_KEYS`."""
    k = quark_vertex_unit(charges, mass_TeV) * g4**2
    out: dict[str, float] = {}
    for lep in Lepton:
        i = lep.generation
        f_l, f_e = float(charges[f"F_L{i}"]), float(charges[f"F_E{i}"])
        c9, c10 = k * (f_e + f_l), k * (f_e - f_l)
        name = f"bs{lep.value}{lep.value}"
        out[f"C9_{name}"], out[f"C10_{name}"] = c9, c10
        out[f"C9p_{name}"], out[f"C10p_{name}"] = rh_ratio * c9, rh_ratio * c10
    for i, nu in enumerate(NEUTRINOS, start=1):
        out[f"CL_bs{nu}{nu}"] = k * float(charges[f"F_L{i}"])
    for nu in NEUTRINOS:
        out[f"CR_bs{nu}{nu}"] = rh_ratio * out[f"CL_bs{nu}{nu}"]
    m2 = (mass_TeV * GEV_PER_TEV) ** 2
    g_left = g_bs_left(charges, g4)
    g_right = rh_ratio * g_left
    out["CVLL_bsbs"] = -(g_left**2) / (2.0 * m2)
    out["CVRR_bsbs"] = -(g_right**2) / (2.0 * m2)
    out["CVLR_bsbs"] = -g_left * g_right / m2
    return {key: out[key] + 0.0 for key in EXPORTED_KEYS}  # + 0.0: no negative zeros


def run_with_wilson(
    values: Mapping[str, complex | float], from_GeV: float, to_GeV: float
) -> dict[str, complex | float]:
    """Evolve flavio-basis WET coefficients from ``from_GeV`` to ``to_GeV`` with ``wilson``.

    Imaginary parts below 1e-9 of the modulus (numerical noise of the basis changes) are
    dropped; coefficients with modulus below 1e-30 are dropped unless in ``values``.
    """
    wilson = _import_wilson()
    nonzero = {k: v for k, v in values.items() if v != 0}
    if not nonzero:
        return dict(values)
    run = wilson.Wilson(nonzero, scale=from_GeV, eft=WET_EFT, basis=WET_BASIS)
    wc = run.match_run(to_GeV, WET_EFT, WET_BASIS).dict
    out: dict[str, complex | float] = {k: 0.0 for k in values}
    for key, value in wc.items():
        z = complex(value)
        if abs(z) < 1e-30 and key not in values:
            continue
        out[key] = z.real + 0.0 if abs(z.imag) <= 1e-9 * abs(z) else z
    return out


def _import_wilson() -> Any:
    try:
        import wilson  # type: ignore[import-untyped]
    except ImportError as exc:
        raise InputError("running", INSTALL_HINT, "wilson not installed") from exc
    return wilson


def wet_coefficients(
    charges: Mapping[str, Fraction],
    g4: float,
    mass_TeV: float,
    rh_ratio: float = 0.0,
    scale_GeV: float = DEFAULT_SCALE_GEV,
    running: str = "none",
) -> dict[str, complex | float]:
    """New-physics WET coefficients in the WCxf ``flavio`` basis at ``scale_GeV``.

    b -> s l l (l = e, mu, tau), b -> s nu_i nu_i and Delta B = 2 (bsbs) as in the module
    docstring; ``running`` is ``"none"`` (tree-level values, no running) or ``"wilson"``.
    Values are floats (complex only where ``wilson`` running produces an imaginary part).
    """
    _check_inputs(g4, mass_TeV, scale_GeV, running)
    tree = tree_coefficients(charges, g4, mass_TeV, rh_ratio)
    if running == "none":
        return dict(tree)
    return run_with_wilson(tree, mass_TeV * GEV_PER_TEV, scale_GeV)


def _yaml_value(value: complex | float) -> float | dict[str, float]:
    z = complex(value)
    if z.imag != 0.0:
        return {"Re": float(z.real), "Im": float(z.imag)}
    return float(z.real)


def wcxf_document(
    values: Mapping[str, complex | float],
    scale_GeV: float = DEFAULT_SCALE_GEV,
    description: str | None = None,
) -> dict[str, Any]:
    """A WCxf Wilson-coefficient document (eft WET, basis flavio) as a plain dict."""
    doc: dict[str, Any] = {
        "eft": WET_EFT,
        "basis": WET_BASIS,
        "scale": float(scale_GeV),
        "values": {k: _yaml_value(v) for k, v in values.items()},
    }
    if description:
        doc["metadata"] = {"description": description}
    return doc


def check_wcxf_path(path: str | os.PathLike[str], field: str = "wcxf path") -> Path:
    """``path`` if a WCxf file can be written there: a new or existing ``.yaml``/``.yml`` file
    (not a folder) in an existing folder; else :class:`InputError` (checked before any work)."""
    target = Path(path)
    if target.is_dir() or target.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(field, "a .yaml file path (not a folder)", str(target))
    if not target.absolute().parent.is_dir():
        raise InputError(field, "a file in an existing folder", str(target))
    return target


def write_wcxf_values(
    path: str | os.PathLike[str],
    values: Mapping[str, complex | float],
    scale_GeV: float = DEFAULT_SCALE_GEV,
    description: str | None = None,
) -> Path:
    """Write ``values`` as a WCxf YAML file atomically (temporary file + rename)."""
    target = check_wcxf_path(path)
    text = yaml.safe_dump(
        wcxf_document(values, scale_GeV, description), sort_keys=False, default_flow_style=False
    )
    try:
        atomic_write_text(target, text)
    except OSError as exc:
        raise InputError("wcxf path", "a writable file path", str(target)) from exc
    return target


def write_wcxf(
    path: str | os.PathLike[str],
    charges: Mapping[str, Fraction],
    g4: float,
    mass_TeV: float,
    rh_ratio: float = 0.0,
    scale_GeV: float = DEFAULT_SCALE_GEV,
    running: str = "none",
    description: str | None = None,
) -> Path:
    """Write :func:`wet_coefficients` as a WCxf YAML file (eft WET, basis flavio, scale).

    Returns the path written; a bad path raises :class:`~chargesearch.errors.InputError`.
    """
    values = wet_coefficients(charges, g4, mass_TeV, rh_ratio, scale_GeV, running)
    if description is None:
        description = (
            f"chargesearch: tree-level Z' matching at M_Z' = {mass_TeV:g} TeV, g4 = {g4:.6g}, "
            f"g_bs^R/g_bs^L = {rh_ratio:g}; running: {running}; new-physics parts only"
        )
    return write_wcxf_values(path, values, scale_GeV, description)
