"""``rgcheck paper``: regenerate the paper's RG figures and tables (Sect. 4) into a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chunkrunner import check_out_dir
from rgcheck.errors import RGInputError
from rgcheck.parsing import parse_real

#: the output folder unless --out says otherwise
DEFAULT_OUT = "results/rg"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "paper",
        help="reproduce the paper's Sect. 4: Figs. 3-11, Landau poles, windows (51)-(58)",
        description="Regenerate the paper's RG figures and tables (Sect. 4) into a folder.",
    )
    parser.add_argument("--out", default=DEFAULT_OUT,
                        help="output folder (one you name must be a folder or a new one in an "
                             "existing folder)")
    parser.add_argument("--resolution", default="41", help="points per panel axis")
    parser.add_argument("--random", default="75000", help="Sobol points per benchmark")
    parser.add_argument("--seed", default="0", help="Sobol scrambling seed")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.set_defaults(func=run)


def _positive_int(text: str, field: str) -> int:
    value = parse_real(text, field)
    if value != int(value) or value < 2:
        raise RGInputError(field, "an integer >= 2", text)
    return int(value)


def run(args: argparse.Namespace) -> int:
    from rgcheck.figures import reproduce

    resolution = _positive_int(args.resolution, "--resolution")
    n_random = _positive_int(args.random, "--random")
    seed = parse_real(args.seed, "--seed")
    if seed != int(seed) or seed < 0:
        raise RGInputError("--seed", "an integer >= 0", args.seed)
    if args.out == DEFAULT_OUT:  # our choice of place: create its parent
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    check_out_dir(args.out, "--out")
    reproduce(
        args.out,
        resolution=resolution,
        n_random=n_random,
        seed=int(seed),
        progress=not args.no_progress,
        log=lambda msg: print(msg, file=sys.stderr),
    )
    print(f"wrote {args.out}/report.md and the figures")
    return 0
