"""``rgcheck paper``: regenerate the paper's RG figures and tables (Sect. 4) into a folder."""

from __future__ import annotations

import argparse
import sys

from rgcheck.errors import RGInputError
from rgcheck.parsing import parse_real


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "paper",
        help="reproduce the paper's Sect. 4: Figs. 3-11, Landau poles, windows (51)-(58)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("--out", default="results/rg", help="output folder (results/rg)")
    parser.add_argument("--resolution", default="41", help="points per panel axis (41)")
    parser.add_argument("--random", default="75000", help="Sobol points per benchmark (75000)")
    parser.add_argument("--seed", default="0", help="Sobol seed (0)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.set_defaults(func=run)


def _positive_int(text: str, field: str) -> int:
    value = parse_real(text, field)
    if value != int(value) or value < 2:
        raise RGInputError(field, "an integer >= 2", text)
    return int(value)


def run(args: argparse.Namespace) -> int:
    from rgcheck.figures import reproduce

    reproduce(
        args.out,
        resolution=_positive_int(args.resolution, "--resolution"),
        n_random=_positive_int(args.random, "--random"),
        seed=int(parse_real(args.seed, "--seed")),
        progress=not args.no_progress,
        log=lambda msg: print(msg, file=sys.stderr),
    )
    print(f"wrote {args.out}/report.md and the figures")
    return 0
