"""``chargesearch validate``: reproduce the paper's benchmark numbers (Tables 3, 5, 6)."""

from __future__ import annotations

import argparse
import json
import sys

from chargesearch.validate import json_ready, render_report, validate_all


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "validate",
        help="recompute BM1-BM4 and compare with the paper",
        description="Recompute BM1-BM4 and print each paper value beside the computed one.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list, one per benchmark")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if an unexplained disagreement remains"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    results = validate_all()
    if args.json:
        json.dump(json_ready(results), sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        unexplained = sum(1 for _, rows in results for r in rows if not r.agree and not r.note)
    else:
        render_report(results, sys.stdout.write)
        unexplained = sum(1 for _, rows in results for r in rows if not r.agree and not r.note)
    return 1 if (args.strict and unexplained) else 0
