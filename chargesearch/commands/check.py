"""``chargesearch check FILE``: anomaly sums, constraint verdicts, Yukawa textures, matching."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from chargesearch.anomaly import anomaly_sums
from chargesearch.bsmixing import rk_star_over_rk
from chargesearch.chargefile import read_charges
from chargesearch.constants import constant
from chargesearch.constraints import catalogue, select
from chargesearch.errors import NoFitError
from chargesearch.matching import MATCH_MODES
from chargesearch.scenarios import scenario
from chargesearch.summary import summarise
from chargesearch.yukawa import allowed_textures, format_textures

PHENO_KEYS = (
    "width_over_mass",
    "br_percent",
    "br_invisible_percent",
    "dineutrino_ratio",
    "muon_collider_ratio",
    "drell_yan_mu",
)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="judge one charge file",
        description=(
            "Print the six anomaly sums (15), every catalogue constraint's verdict, the allowed "
            "Yukawa textures (16) and, if the Wilson-sign pattern (40) holds, alpha4, C9, C10 "
            "and r_Bs matched to a fit scenario."
        ),
    )
    parser.add_argument("file", help="charge file (.toml, .yaml, .yml or .json)")
    parser.add_argument("--scenario", default="C9", help="fit scenario: C9, C9=-C10, C9,C10, 4d")
    parser.add_argument("--scenarios-file", default=None, help="YAML file with updated fits")
    parser.add_argument("--mode", default="paper", choices=MATCH_MODES, help="matching mode")
    parser.add_argument("--mass", type=_positive_float, default=5.0, help="M_Z' = mu0 in TeV")
    parser.add_argument(
        "--constraints", default=None, help="comma-separated catalogue names (default: all)"
    )
    parser.add_argument(
        "--right-handed",
        action="store_true",
        help="Appendix C option: g_bs^R = g_bs^L / X_s (C' = C / X_s)",
    )
    parser.add_argument(
        "--sqrt-s", type=_positive_float, default=3.0, help="muon-collider energy in TeV (69)"
    )
    parser.add_argument(
        "--with-masses", action="store_true", help="SM masses in the Z' widths (60), (61)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scn = scenario(args.scenario, args.scenarios_file)
    charges = read_charges(args.file)
    names = None if args.constraints is None else [n for n in args.constraints.split(",") if n]
    known = catalogue(charges.nu_r)
    constraints = select(names, charges.nu_r) if names is not None else list(known.values())
    verdicts = [c.check(charges) for c in constraints]
    sums = anomaly_sums(charges)
    textures = allowed_textures(charges)
    sign_ok = known["wilson-sign"].check(charges).satisfied
    matched: dict[str, Any] | None = None
    match_error = None
    if sign_ok:
        try:
            rh_ratio = 1.0 / constant("X_s") if args.right_handed else 0.0
            s = summarise(
                charges, scn, args.mass, args.mode, rh_ratio, 1000.0 * args.sqrt_s,
                with_masses=args.with_masses,
            )
            observables = s.as_dict()
            matched = {
                "scenario": scn.name,
                "mode": args.mode,
                "mu0_TeV": args.mass,
                "alpha4": s.match.alpha4,
                "C9": s.match.wilson.C9,
                "C10": s.match.wilson.C10,
                "C9p": s.match.wilson.C9p,
                "C10p": s.match.wilson.C10p,
                "r_Bs": s.bs.r_Bs,
                "delta_Ms_ratio": s.bs.delta_Ms_ratio,
                "rk_star_over_rk": rk_star_over_rk(s.match.wilson),
                "pull": s.match.pull,
                **{k: observables[k] for k in PHENO_KEYS},
            }
        except NoFitError as exc:
            match_error = str(exc)
    if args.json:
        out = {
            "charges": {k: str(v) for k, v in charges.items()},
            "anomaly_sums": {k: str(v) for k, v in sums.items()},
            "constraints": [
                {"name": v.name, "equation": v.equation, "satisfied": v.satisfied,
                 "violations": list(v.violations)} for v in verdicts
            ],
            "yukawa_textures": textures,
            "matching": matched,
            "matching_error": match_error,
        }
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    w = sys.stdout.write
    w(f"{charges.table()}\n\nAnomaly sums (15):\n")
    for name, value in sums.items():
        w(f"  {name:<15} {value}\n")
    w("\nConstraints:\n")
    for v in verdicts:
        w(f"  {v}\n")
    w(f"\nAllowed Yukawa textures (16) (rows i = Q/L generation, columns j):\n"
      f"{format_textures(textures)}\n")
    if matched is not None:
        w(f"\nMatched to scenario {scn.name} ({args.mode} mode) at M_Z' = {args.mass:g} TeV:\n")
        w(f"  alpha4 = {matched['alpha4']:.4g}  C9 = {matched['C9']:.3f}  "
          f"C10 = {matched['C10']:.3f}  r_Bs = {matched['r_Bs']:.3f}  "
          f"pull = {matched['pull']:.2f} sigma\n")
        br = ", ".join(f"{k} {v:.3g}" for k, v in matched["br_percent"].items())
        w(f"  Gamma/M = {matched['width_over_mass']:.3f} (60)-(65); BR % (Table 5): {br}\n")
        w(f"  B(invisible) = {matched['br_invisible_percent']:.1f}%  "
          f"B->K(*)nunu / SM = {matched['dineutrino_ratio']:.4f} (59)  "
          f"muon collider sigma_inv / SM at {args.sqrt_s:g} TeV = "
          f"{matched['muon_collider_ratio']:.3g} (69)/(70)\n")
        if args.right_handed:
            w(f"  C9' = {matched['C9p']:.3f}  C10' = {matched['C10p']:.3f}  "
              f"Delta M_s / SM = {matched['delta_Ms_ratio']:.3f} (97)  "
              f"R_K*/R_K = {matched['rk_star_over_rk']:.3f} (71)\n")
    elif match_error:
        w(f"\nNo match to scenario {scn.name}: {match_error}\n")
    else:
        w("\nWilson-sign pattern (40) violated: no matching.\n")
    return 0



