"""``rgcheck betas``: print the beta functions of a charge assignment or a model file."""

from __future__ import annotations

import argparse
import json
import sys

from rgcheck.commands.common import add_row_option, charges_from_args
from rgcheck.errors import RGInputError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "betas",
        help="print the beta functions of a charge assignment",
        description="Print the one- or two-loop beta functions derived from the field content.",
    )
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--bm", help="benchmark BM1..BM4 (paper Table 3)")
    src.add_argument("--charges", help="YAML/JSON/TOML/Parquet file with F_Q1 .. F_phi")
    src.add_argument("--model", help="model file (YAML/JSON/TOML, docs/rgcheck-conventions.md)")
    add_row_option(parser)
    parser.add_argument("--loops", type=int, default=2, choices=(1, 2), help="loop order")
    parser.add_argument(
        "--format", default="python", choices=("latex", "json", "python"), help="output format"
    )
    parser.set_defaults(func=run)


def render(system, fmt: str) -> str:
    """The betas of ``system`` as LaTeX, JSON or Python text."""
    import sympy as sp

    if fmt == "json":
        out = {}
        for loop in range(1, system.loops + 1):
            polys = system.polynomials(loop)
            out[f"loop{loop}"] = {
                c: [[list(m), f"{v.numerator}/{v.denominator}"] for m, v in sorted(p.items())]
                for c, p in polys.items()
            }
        return json.dumps(
            {
                "convention": "d c/d ln mu = sum_n (16 pi^2)^-n beta^(n); monomials as lists "
                "of coupling names",
                "couplings": list(system.names),
                "charges": {k: str(v) for k, v in (system.charges or {}).items()},
                "betas": out,
            },
            indent=1,
        )
    lines = []
    for loop in range(1, system.loops + 1):
        ex = system.expressions(loop=loop)
        for c in system.names:
            e = sp.expand(ex[c])
            if fmt == "latex":
                lines.append(f"\\beta^{{({loop})}}_{{{sp.latex(sp.Symbol(c))}}} = {sp.latex(e)}")
            else:
                lines.append(f"beta{loop}_{c} = {sp.pycode(e)}")
    if fmt == "latex":
        lines.insert(0, "% d c / d ln mu = sum_n beta^{(n)} / (16 pi^2)^n")
    else:
        lines.insert(0, "# d c / d ln mu = sum_n beta<n>_c / (16 pi^2)**n")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from rgcheck.api import betas, model_betas
    from rgcheck.derive import DerivationError

    try:
        if args.model is not None:
            from rgcheck.model_file import load_model

            model, charges = load_model(args.model)
            system = model_betas(model, charges, loops=args.loops)
        else:
            system = betas(charges_from_args(args), loops=args.loops)
        text = render(system, args.format)
    except DerivationError as exc:
        raise RGInputError("model", str(exc)) from None
    sys.stdout.write(text)
    return 0
