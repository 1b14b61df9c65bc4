"""``chargesearch discover``: the main job. Search survivors ranked through matching, Bs
mixing and Planck safety; writes results/discoveries/discoveries.{json,md} and plots.

Exit status: 0 models found, 1 empty result (the last line names the stage that left nothing),
2 bad input or configuration (checked, the output folders included, before any work),
130 interrupted (rerun the same command to resume).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from chargesearch.errors import InputError
from chunkrunner import check_out_dir

#: where the report goes and where a run keeps its resumable state unless told otherwise
DEFAULT_OUT = "results/discoveries"
DEFAULT_WORK = "runs/discover"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from chargesearch.discover.config import MATCH_MODES, MAX_QMAX, PRESETS, SCENARIOS

    d = PRESETS["default"]
    p = subparsers.add_parser(
        "discover",
        help="discover Planck-safe models: search -> match -> Bs mixing -> Planck safety -> rank",
        description="The main job: search survivors ranked through matching, Bs mixing and "
                    "Planck safety; writes discoveries.json, discoveries.md and plots. Options "
                    "left out take the preset's values (those of the default preset are shown).",
    )
    p.add_argument("--preset", default="default", choices=sorted(PRESETS),
                   help="starting configuration (rediscovery: bounds containing BM1-BM4)")
    p.add_argument("--qmax", type=int,
                   help=f"bound |F| <= QMAX on the integer charges (default: {d.qmax})")
    p.add_argument("--nu-r", help="right-handed neutrino counts, e.g. 0,3 "
                                  f"(default: {','.join(map(str, d.nu_r))})")
    p.add_argument("--scenario", action="append",
                   help=f"fit scenario, repeatable (default: {', '.join(SCENARIOS)})")
    p.add_argument("--scenarios-file", help="fit scenarios file of the shape of Table 2")
    p.add_argument("--mu0", type=float,
                   help=f"matching scale M_Z' = mu0 in TeV (default: {d.mu0_tev:g})")
    p.add_argument("--mode", choices=MATCH_MODES,
                   help=f"alpha4 matching mode (default: {d.match_mode})")
    p.add_argument("--likelihood", choices=("flavio",),
                   help="fit alpha4 to today's data with the flavio likelihood along each "
                   "model's ray (same as --mode likelihood; optional extra flavio; about 10 s "
                   "per charge set once the covariances are cached)")
    p.add_argument("--keep-rbs", action="store_true",
                   help="keep r_Bs > 1 with the right-handed-current cure of Appendix C")
    p.add_argument("--where", action="append", default=[], metavar="RELATION",
                   help="extra constraint on the charges, repeatable (e.g. 'F_Q3 = 0')")
    p.add_argument("--budget", type=float,
                   help=f"scale of the Planck-safety scans (default: {d.budget:g})")
    p.add_argument("--seed", type=int, help=f"Sobol scrambling seed (default: {d.seed})")
    p.add_argument("--top", type=int,
                   help=f"new models shown per scenario in the report (default: {d.top})")
    p.add_argument("--out", default=DEFAULT_OUT,
                   help="report folder (one you name must be a folder or a new one in an "
                        "existing folder)")
    p.add_argument("--work",
                   help=f"run state, resumable (default: {DEFAULT_WORK}/<config hash>)")
    p.add_argument("--workers", type=int, default=1,
                   help="local processes for the safety stage (1: one process, numba threads)")
    p.add_argument("--scheduler", help="Dask scheduler address, or 'local'")
    p.add_argument("--force", action="store_true", help=f"allow qmax above {MAX_QMAX}")
    p.add_argument("--no-plots", action="store_true", help="no figures in the report")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(func=run)


def config_from(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from chargesearch.discover.config import MAX_QMAX, preset

    changes: dict[str, object] = {}
    if args.nu_r is not None:
        try:
            changes["nu_r"] = tuple(int(x) for x in args.nu_r.split(","))
        except ValueError:
            raise InputError("nu-r", "comma-separated counts from 0..3", args.nu_r) from None
    if args.qmax is not None:
        changes["qmax"] = args.qmax
    for name, value in (("scenarios", tuple(args.scenario) if args.scenario else None),
                        ("scenarios_file", args.scenarios_file), ("mu0_tev", args.mu0),
                        ("match_mode", args.mode), ("budget", args.budget), ("seed", args.seed),
                        ("top", args.top)):
        if value is not None:
            changes[name] = value
    if args.likelihood is not None:
        if args.mode not in (None, "likelihood"):
            raise InputError("--likelihood", "no --mode other than likelihood", args.mode)
        changes["match_mode"] = "likelihood"
    if args.keep_rbs:
        changes["keep_rbs"] = True
    if args.where:
        changes["where"] = tuple(args.where)
    cfg = preset(args.preset, **changes)
    too_big = [q for q in cfg.qmaxes() if q > MAX_QMAX]
    if too_big and not args.force:
        raise InputError("qmax", f"a bound within reach (<= {MAX_QMAX}; the Planck stage "
                         "scales with the number of charge sets), or --force", too_big[0])
    return cfg


def run(args: argparse.Namespace) -> int:
    from chargesearch.discover import discover
    from chargesearch.discover.pipeline import config_hash
    from chargesearch.discover.report import empty_message, sensitivity, write_report

    cfg = config_from(args)
    if args.workers < 1:
        raise InputError("workers", "a positive integer", args.workers)
    work = args.work or str(Path(DEFAULT_WORK) / config_hash(cfg))
    folders = {"--out": (args.out, args.out == DEFAULT_OUT), "--work": (work, not args.work)}
    for field, (path, default) in folders.items():  # the user's first: nothing written on error
        if not default:
            check_out_dir(path, field)
    for field, (path, default) in folders.items():  # our defaults: create their parents
        if default:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            check_out_dir(path, field)
    command = "chargesearch " + " ".join(shlex.quote(a) for a in sys.argv[1:])

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    result = discover(cfg, work=work, workers=args.workers, scheduler=args.scheduler,
                      progress=not args.no_progress, log=log)
    if result.empty_stage and result.counts and result.counts[0].n_out == 0:
        raise InputError("qmax", "a search space that is not empty (no charge set of the "
                         f"paper preset within |F| <= {cfg.qmaxes()} for nu_R = {cfg.nu_r})")
    sens = sensitivity(result) if result.models and not args.no_plots else None
    md = write_report(result, args.out, command, plots=not args.no_plots, sensitivity=sens,
                      log=log)
    print(f"{len(result.models)} models ranked; report: {md}")
    for scn, n in _per_scenario(result).items():
        print(f"  {scn}: {n['all']} Planck-safe, {n['new']} not among BM1-BM4")
    if result.empty_stage:
        print(f"chargesearch: empty result: {empty_message(result)}", file=sys.stderr)
        return 1
    return 0


def _per_scenario(result) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    out: dict[str, dict[str, int]] = {}
    for m in result.models:
        d = out.setdefault(m["scenario"], {"all": 0, "new": 0})
        d["all"] += 1
        d["new"] += not m["is_paper_benchmark"]
    return out

