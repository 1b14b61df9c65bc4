"""Figures in the style of the paper: coupling trajectories (Figs. 3, 4, 6, 9, 11) and
critical-surface projections coloured by verdict (Figs. 5, 7, 8, 10)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rgcheck.running import M_PLANCK_GEV, RunResult
from rgcheck.scan import ScanResult
from rgcheck.verdicts import Verdict

LABELS = {
    "alpha_1": r"$\alpha_1$",
    "alpha_2": r"$\alpha_2$",
    "alpha_3": r"$\alpha_3$",
    "alpha_4": r"$\alpha_4$",
    "eta": r"$|\eta|$",
    "alpha_t": r"$\alpha_t$",
    "alpha_b": r"$\alpha_b$",
    "alpha_y": r"$\alpha_y$",
    "alpha_lambda": r"$\alpha_\lambda$",
    "alpha_s": r"$\alpha_s$",
    "alpha_u": r"$\alpha_u$",
    "alpha_v": r"$\alpha_v$",
    "alpha_delta": r"$\alpha_\delta$",
    "alpha_deltatilde": r"$\alpha_{\tilde\delta}$",
    "alpha_w": r"$\alpha_w$",
}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: str | Path) -> None:
    """Write atomically (temp file + rename)."""
    p = Path(path)
    tmp = p.with_name(f".{p.name}.tmp{p.suffix}")
    fig.savefig(tmp, dpi=130, bbox_inches="tight")
    tmp.replace(p)


def plot_trajectory(result: RunResult, path: str | Path, title: str | None = None) -> None:
    """All alphas and |eta| against log10(mu/TeV) on a log scale; negative quartics dashed;
    the last decade below M_Pl shaded as the Planck region (as the grey area of Fig. 4)."""
    if result.trajectory is None:
        raise ValueError("run with RunConfig(store_trajectory=True) to plot a trajectory")
    plt = _pyplot()
    traj = result.trajectory
    x = np.log10(np.asarray(traj.scales_gev) / 1e3)
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    palette = (*plt.get_cmap("tab10").colors, "black", "#b15928", "#6a3d9a", "#1b9e77", "#e7298a")
    for i, (name, values) in enumerate(traj.alphas().items()):
        v = np.asarray(values)
        colour = palette[i % len(palette)]
        ax.plot(x, np.where(v > 0, v, np.nan) if name != "eta" else np.abs(v), color=colour,
                label=LABELS.get(name, name), lw=1.4)
        if name != "eta" and np.any(v < 0):
            ax.plot(x, np.where(v < 0, -v, np.nan), color=colour, lw=1.4, ls="--")
    lo = np.log10(M_PLANCK_GEV / 1e3)
    ax.axvspan(lo - 1, max(lo, x[-1]), color="0.85", zorder=0)
    ax.set_yscale("log")
    ax.set_ylim(1e-7, 10)
    ax.set_xlim(x[0], x[-1])
    ax.set_xlabel(r"$\log_{10}(\mu/\mathrm{TeV})$")
    ax.set_ylabel(r"$\alpha$ (dashed: $-\alpha$ where negative)")
    verdict = result.verdict.value if isinstance(result.verdict, Verdict) else ""
    ax.set_title(f"{title or ''} {verdict}".strip())
    ax.legend(ncol=3, fontsize=7, loc="lower right")
    _save(fig, path)
    plt.close(fig)


def plot_panels(
    panels: Sequence[dict], path: str | Path, title: str | None = None
) -> None:
    """Verdict maps: each panel dict has ``x``, ``y`` (log10 alpha grids, 1-D), ``verdicts``
    (2-D array of Verdict values, shape (len(y), len(x))), ``xlabel``, ``ylabel`` and the
    ``cross`` (x, y) of the sample point."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    plt = _pyplot()
    order = list(Verdict)
    cmap = ListedColormap([v.colour for v in order])
    fig, axes = plt.subplots(len(panels), 1, figsize=(5.0, 4.2 * len(panels)), squeeze=False)
    for ax, panel in zip(axes[:, 0], panels, strict=True):
        codes = np.vectorize(lambda v: order.index(Verdict(v)))(panel["verdicts"])
        x, y = np.asarray(panel["x"]), np.asarray(panel["y"])
        dx = (x[1] - x[0]) / 2 if len(x) > 1 else 0.5
        dy = (y[1] - y[0]) / 2 if len(y) > 1 else 0.5
        ax.imshow(codes, origin="lower", cmap=cmap, vmin=-0.5, vmax=len(order) - 0.5,
                  extent=(x[0] - dx, x[-1] + dx, y[0] - dy, y[-1] + dy), aspect="auto",
                  interpolation="nearest")
        if panel.get("cross") is not None:
            ax.plot(*panel["cross"], marker="x", color="black", ms=10, mew=2.5)
        ax.set_xlabel(panel["xlabel"])
        ax.set_ylabel(panel["ylabel"])
    handles = [Patch(color=v.colour, label=v.value) for v in order]
    axes[0, 0].legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        axes[0, 0].set_title(title, fontsize=9)
    _save(fig, path)
    plt.close(fig)


def panel_from_scan(result: ScanResult, cross: Mapping[str, float] | None = None) -> dict[str, Any]:
    """A panel for :func:`rgcheck.plots.plot_panels` from a finished grid scan."""
    assert result.spec.grid is not None
    ax, ay = result.spec.grid
    order = np.argsort(result.column("index"))
    verdicts = result.verdicts()[order].reshape(ay.n, ax.n)
    point = None
    if cross and ax.name in cross and ay.name in cross and cross[ax.name] > 0 < cross[ay.name]:
        point = (math.log10(cross[ax.name]), math.log10(cross[ay.name]))
    return {
        "x": np.linspace(ax.lo, ax.hi, ax.n),
        "y": np.linspace(ay.lo, ay.hi, ay.n),
        "verdicts": verdicts,
        "xlabel": rf"$\log_{{10}}$ {LABELS.get(ax.name, ax.name)}",
        "ylabel": rf"$\log_{{10}}$ {LABELS.get(ay.name, ay.name)}",
        "cross": point,
    }
