"""``rgcheck scan``: critical-surface scans of the BSM couplings (48) at mu0.

``--panel top|bottom`` reproduces a panel of the paper's Figs. 5, 7, 8, 10 for ``--bm``
((alpha_y, alpha_deltatilde) or (alpha_delta, alpha_deltatilde), the others at the sample
point); ``--grid X=lo:hi:n,Y=lo:hi:n`` any two couplings; ``--random N`` a Sobol scan over all
seven with their signs (``--box`` ranges). ``--out DIR`` writes Parquet + manifest and resumes.
Exit 0 when some point is Planck-safe, 1 when none is, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys

from chunkrunner import check_out_dir
from rgcheck.commands.common import add_charge_source, charges_from_args, fail
from rgcheck.commands.run import add_run_options, point_from_args, positive_real, run_config
from rgcheck.errors import RGInputError
from rgcheck.parsing import parse_real
from rgcheck.running import M_PLANCK_GEV
from rgcheck.scan import ScanSpec, base_alphas, parse_axis, parse_box

#: the two panels of Figs. 5, 7, 8, 10 (axes in log10 alpha; ranges are our choice: the paper's
#: axis ranges are not in its text)
PANELS = {
    "top": ("alpha_y=-3:0:{n}", "alpha_deltatilde=-6:0:{n}"),
    "bottom": ("alpha_delta=-6:0:{n}", "alpha_deltatilde=-6:0:{n}"),
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "scan",
        help="scan the BSM couplings at mu0 (grids like Figs. 5-10, Sobol random scans)",
        description="Critical-surface scans of the BSM couplings (48) at mu0: a panel of the "
                    "paper's Figs. 5, 7, 8, 10, any two-coupling grid, or a Sobol random scan.",
    )
    add_charge_source(parser)
    parser.add_argument("--mu0", help="matching scale in TeV (default: the benchmark's, (47))")
    parser.add_argument("--set", dest="assign", help="fixed alphas at mu0 (name=value,...)")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--panel", choices=tuple(PANELS), help="a panel of Figs. 5, 7, 8, 10")
    kind.add_argument("--grid", help="two axes X=lo:hi:n,Y=lo:hi:n in log10 alpha")
    kind.add_argument("--random", help="number of Sobol points over the seven couplings (48)")
    parser.add_argument("--resolution", default="41", help="points per axis of --panel")
    parser.add_argument("--box", help="random-scan ranges name=lo:hi[:sign],... (log10)")
    parser.add_argument("--seed", default="0", help="Sobol scrambling seed")
    parser.add_argument("--out", help="directory for Parquet parts + manifest (resumable)")
    parser.add_argument("--workers", default="1",
                        help="local processes (1: one process using numba threads)")
    parser.add_argument("--scheduler", help="Dask scheduler address, or 'local'")
    parser.add_argument("--chunk-size", default="4096", help="trajectories per chunk")
    parser.add_argument("--mu-end", default=f"{M_PLANCK_GEV:g}", help="end scale in GeV")
    parser.add_argument("--loops", type=int, default=2, choices=(1, 2), help="loop order")
    add_run_options(parser)
    parser.add_argument("--plot", help="write the verdict map (grid scans) to this file")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def _count(text: str, field: str, lo: int = 1) -> int:
    value = parse_real(text, field)
    if value != int(value) or value < lo:
        raise RGInputError(field, f"an integer >= {lo}", text)
    return int(value)


def spec_from_args(args: argparse.Namespace) -> ScanSpec:
    from rgcheck.sm_inputs import sm_alphas

    charges = charges_from_args(args)
    mu0_gev, given = point_from_args(args)
    config = run_config(args, store=False)
    grid = None
    if args.panel is not None:
        n = _count(args.resolution, "--resolution")
        grid = tuple(parse_axis(a.format(n=n)) for a in PANELS[args.panel])
    elif args.grid is not None:
        axes = args.grid.split(",")
        if len(axes) != 2:
            raise RGInputError("--grid", "two axes X=lo:hi:n,Y=lo:hi:n", args.grid)
        grid = tuple(parse_axis(a) for a in axes)
    if args.box is not None and args.random is None:
        raise RGInputError("--box", "used with --random")
    box = parse_box(args.box) if args.box else ()
    if args.random is not None and not box:
        from rgcheck.scan import DEFAULT_BOX

        box = DEFAULT_BOX
    scanned = {a.name for a in grid or ()} | {b.name for b in box}
    base = {**sm_alphas(mu0_gev, args.sm), **{k: v for k, v in given.items() if k not in scanned}}
    return ScanSpec(
        charges=tuple((k, str(v)) for k, v in charges.items()),
        mu0_gev=mu0_gev,
        base=base_alphas(base),
        mu_end_gev=positive_real(args.mu_end, "--mu-end"),
        loops=args.loops,
        grid=grid,  # type: ignore[arg-type]
        box=box,
        n_random=_count(args.random, "--random") if args.random is not None else 0,
        seed=_count(args.seed, "--seed", lo=0),
        pole_alpha=config.pole_alpha,
        n_checks=config.n_checks,
        rtol=config.rtol,
        chunk_size=_count(args.chunk_size, "--chunk-size"),
    )


def run(args: argparse.Namespace) -> int:
    from rgcheck.scan import run_scan

    if args.out is not None:
        check_out_dir(args.out, "--out")
    spec = spec_from_args(args)
    workers = _count(args.workers, "--workers")
    provenance = {"command": "rgcheck " + " ".join(sys.argv[1:]), "bm": args.bm}
    result = run_scan(spec, out=args.out, workers=workers, scheduler=args.scheduler,
                      progress=not args.no_progress, provenance=provenance)
    summary = result.summary()
    if spec.grid is None:
        from rgcheck.windows import extract

        summary["windows"] = extract(result).as_dict()
    if args.plot:
        if spec.grid is None:
            raise RGInputError("--plot", "a grid scan (--panel or --grid)")
        from rgcheck.plots import panel_from_scan, plot_panels

        plot_panels([panel_from_scan(result, dict(spec.base))], args.plot, title=args.bm)
    if args.json:
        json.dump(summary, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(summary))
    if not summary["counts"]["stable_vplus"] + summary["counts"]["stable_vminus"]:
        return fail("no Planck-safe point in the scan")
    return 0


def render_text(summary: dict) -> str:
    lines = [f"{summary['n']} trajectories in {summary['seconds']:.1f} s "
             f"({summary['n'] / max(summary['seconds'], 1e-9):,.0f}/s)"]
    lines += [f"  {k:18s} {v}" for k, v in summary["counts"].items()]
    lines.append(f"Planck-safe fraction: {summary['planck_safe_fraction']:.4f}")
    if "windows" in summary:
        w = summary["windows"]
        lines.append(f"windows (log10, from {w['n_safe']} safe points): alpha_y >= "
                     f"{w['log10_alpha_y_min']}, alpha_delta in {w['log10_alpha_delta_window']}"
                     f" or alpha_deltatilde in {w['log10_alpha_deltatilde_window']}")
    if summary.get("out"):
        lines.append(f"rows: {summary['out']}")
    return "\n".join(lines) + "\n"
