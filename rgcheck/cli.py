"""Command line: ``rgcheck betas --bm BM3 --loops 2 --format latex|json|python``
or ``rgcheck betas --charges FILE`` (YAML/JSON/TOML mapping of F_X to rationals).

Bad input: one line on stderr naming the field and the expected form, exit code 2, nothing
written to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rgcheck.errors import RGInputError


def _read_mapping(path: str) -> dict:
    p = Path(path)
    try:
        text = p.read_text()
    except OSError as exc:
        raise RGInputError("--charges", f"a readable file ({exc.strerror})", path) from None
    suffix = p.suffix.lower()
    try:
        if suffix == ".toml":
            import tomllib

            data = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:
        raise RGInputError(
            "--charges", f"a valid YAML/JSON/TOML file ({type(exc).__name__})", path
        ) from None
    if isinstance(data, dict) and "charges" in data and isinstance(data["charges"], dict):
        data = data["charges"]
    if not isinstance(data, dict):
        raise RGInputError(
            "--charges", "a mapping F_X: rational at top level (or under 'charges')", path
        )
    return data


def _render(system, fmt: str) -> str:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rgcheck", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("betas", help="print the beta functions of a charge assignment")
    src = b.add_mutually_exclusive_group(required=True)
    src.add_argument("--bm", help="benchmark BM1..BM4 (paper Table 3)")
    src.add_argument("--charges", help="YAML/JSON/TOML file with F_Q1..F_phi")
    src.add_argument("--model", help="model file (YAML/JSON/TOML, see docs/rgcheck-conventions.md)")
    b.add_argument("--loops", type=int, default=2, choices=(1, 2))
    b.add_argument("--format", default="python", choices=("latex", "json", "python"))
    args = parser.parse_args(argv)
    try:
        from rgcheck.api import betas
        from rgcheck.benchmarks import benchmark, names

        if args.model is not None:
            from rgcheck.api import model_betas
            from rgcheck.model_file import load_model

            model, charges = load_model(args.model)
            system = model_betas(model, charges, loops=args.loops)
            sys.stdout.write(_render(system, args.format))
            return 0
        if args.bm is not None:
            if args.bm not in names():
                raise RGInputError("--bm", f"one of {', '.join(names())}", args.bm)
            charges = benchmark(args.bm)
        else:
            charges = _read_mapping(args.charges)
        system = betas(charges, loops=args.loops)
        text = _render(system, args.format)
    except RGInputError as exc:
        print(f"rgcheck: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from rgcheck.derive import DerivationError

        if not isinstance(exc, DerivationError):
            raise
        print(f"rgcheck: error: model: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
