"""Paper validation: BM1-BM4 recomputed beside the paper's Tables 3, 5, 6 and eqs. (59)-(69).

Each compared quantity has a stated tolerance (see :data:`TOLERANCES`): the half-unit of the
quoted digits widened where the paper rounds intermediate numbers. Disagreements that are
understood are listed in :data:`KNOWN_DISAGREEMENTS` with a one-line explanation; they are
reported, never hidden, and nothing in the computation is adjusted to meet them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chargesearch.benchmarks import Benchmark, all_benchmarks
from chargesearch.observables import BR_KEYS
from chargesearch.phenomenology.electroweak import scalar_mixing_bound
from chargesearch.scenarios import scenario
from chargesearch.summary import summarise


@dataclass(frozen=True)
class Tolerance:
    """Agreement criterion: |computed - paper| <= max(absolute, relative * |paper|)."""

    absolute: float = 0.0
    relative: float = 0.0
    text: str = ""

    def agrees(self, paper: float, computed: float) -> bool:
        return abs(computed - paper) <= max(self.absolute, self.relative * abs(paper)) + 1e-12


TOLERANCES: dict[str, Tolerance] = {
    "alpha4": Tolerance(relative=0.01, text="1% (three digits quoted)"),
    "C9": Tolerance(absolute=0.005, text="0.005 (two decimals quoted)"),
    "C10": Tolerance(absolute=0.005, text="0.005 (two decimals quoted)"),
    "r_Bs": Tolerance(absolute=0.01, text="0.01 (two decimals quoted)"),
    "width_over_mass": Tolerance(absolute=0.005, text="0.005 (two decimals quoted)"),
    "br_major": Tolerance(absolute=1.0, text="1 point (integer percent quoted)"),
    "br_minor": Tolerance(absolute=0.15, text="0.15 point (one decimal quoted)"),
    "br_invisible_percent": Tolerance(absolute=1.5, text="1.5 points (sum of rounded entries)"),
    "dineutrino_ratio": Tolerance(absolute=0.005, text="0.005 (two decimals quoted)"),
    "muon_collider_ratio": Tolerance(relative=0.10, text="10% ('about' in the paper)"),
    "gbs_over_M2_TeV": Tolerance(relative=0.02, text="2%"),
    "scalar_mixing_bound": Tolerance(absolute=0.05, text="0.05 (one decimal quoted)"),
}

#: (benchmark, quantity) -> one-line explanation of an understood disagreement or offset
KNOWN_DISAGREEMENTS: dict[tuple[str, str], str] = {
    ("BM1", "br_invisible_percent"): (
        "Table 6 quotes 73% but Table 5's own psi + nu = 54 + 15 = 69%; eq. (60) gives 68.9%"
    ),
    ("BM2", "gbs_over_M2_TeV"): (
        "eq. (44) quotes 1.16e-5 TeV^-2, which needs |V_tb V_ts| ~ 0.042; Table 6's r_Bs = 0.86 "
        "needs 0.0405 (used here): the paper is internally inconsistent"
    ),
    ("BM4", "scalar_mixing_bound"): (
        "paper's 2.4 follows from the small-angle form 2 beta ~ 0.2 (gives 2.44); the exact "
        "tan(2 arcsin 0.1) of (26)-(28) gives 2.47"
    ),
}

#: systematic offsets inside tolerance, explained once
KNOWN_OFFSETS: dict[str, str] = {
    "muon_collider_ratio": (
        "computed ratios sit 8-9% below the paper for all four benchmarks: the SM Z couplings "
        "of (70) depend on alpha_e and sin^2 theta_W inputs the paper does not state "
        "(here MSbar values at M_Z)"
    ),
    "alpha4": "BM4: Table 6 prints 2.46e-2, Table 3 prints 2.45e-2; compared with Table 3",
}


@dataclass(frozen=True)
class Comparison:
    """One paper number beside the computed one."""

    quantity: str
    paper: Any
    computed: Any
    tolerance: str
    agree: bool
    source: str
    note: str = ""


def _compare(
    bm: str, quantity: str, paper: Any, computed: Any, tol_key: str, source: str
) -> Comparison:
    if isinstance(paper, bool):
        agree, tol_text = paper == computed, "exact"
    else:
        tol = TOLERANCES[tol_key]
        agree, tol_text = tol.agrees(float(paper), float(computed)), tol.text
    note = KNOWN_DISAGREEMENTS.get((bm, quantity), "")
    return Comparison(quantity, paper, computed, tol_text, agree, source, note)


def _br_tolerance(paper_value: float) -> str:
    return "br_major" if float(paper_value) >= 2 else "br_minor"


def compare_benchmark(bm: Benchmark) -> tuple[dict[str, Any], list[Comparison]]:
    """Computed figures of one benchmark (matched as in the paper) and their comparisons."""
    summary = summarise(bm.charges, scenario(bm.scenario), bm.mu0_TeV, mode="paper")
    computed = {"name": bm.name, **summary.as_dict()}
    paper = bm.paper
    rows: list[Comparison] = [
        _compare(bm.name, "anomaly_free", True, computed["anomaly_free"], "", "Table 3, (15)")
    ]
    for key in ("alpha4", "C9", "C10", "r_Bs", "width_over_mass", "br_invisible_percent",
                "dineutrino_ratio", "muon_collider_ratio"):
        entry = paper[key]
        rows.append(
            _compare(bm.name, key, entry["value"], computed[key], key, entry["source"])
        )
    br_paper = paper["br_percent"]
    for key in BR_KEYS:
        value = br_paper["value"][key]
        rows.append(
            _compare(bm.name, f"br_percent.{key}", value, computed["br_percent"][key],
                     _br_tolerance(value), br_paper["source"])
        )
    for key, value in paper["yukawa"]["value"].items():
        rows.append(
            _compare(bm.name, f"yukawa.{key}", bool(value), computed["yukawa"][key], "",
                     paper["yukawa"]["source"])
        )
    if bm.name == "BM2":
        rows.append(
            _compare(bm.name, "gbs_over_M2_TeV", 1.16e-5, computed["gbs_over_M2_TeV"],
                     "gbs_over_M2_TeV", "eq. (44)")
        )
    bound_paper = {5.0: 4.1, 3.0: 2.4}.get(bm.mu0_TeV)
    if bound_paper is not None:
        bound = scalar_mixing_bound(1000.0 * bm.mu0_TeV)
        computed["scalar_mixing_bound"] = bound
        rows.append(
            _compare(bm.name, "scalar_mixing_bound", bound_paper, bound, "scalar_mixing_bound",
                     "eq. (29)")
        )
    return computed, rows


def validate_all() -> list[tuple[dict[str, Any], list[Comparison]]]:
    """All four benchmarks."""
    return [compare_benchmark(bm) for bm in all_benchmarks()]


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def render_report(results: list[tuple[dict[str, Any], list[Comparison]]],
                  write: Callable[[str], object]) -> tuple[int, int]:
    """Human-readable report; returns (number of comparisons, number of disagreements)."""
    total = bad = 0
    write("Validation of BM1-BM4 against the paper (matching mode: paper, M_Z' = mu0)\n")
    for computed, rows in results:
        write(f"\n== {computed['name']}  (mu0 = {computed['mu0_TeV']:g} TeV, scenario "
              f"{computed['scenario']})\n")
        write(f"{'quantity':<26} {'paper':>10} {'computed':>11}  {'verdict':<9} tolerance\n")
        for row in rows:
            total += 1
            bad += not row.agree
            verdict = "agree" if row.agree else ("KNOWN" if row.note else "DISAGREE")
            write(f"{row.quantity:<26} {_fmt(row.paper):>10} {_fmt(row.computed):>11}  "
                  f"{verdict:<9} {row.tolerance}; {row.source}\n")
            if row.note:
                write(f"{'':<26} note: {row.note}\n")
    write("\nSystematic notes:\n")
    for key, text in KNOWN_OFFSETS.items():
        write(f"- {key}: {text}\n")
    write(f"\n{total - bad} of {total} comparisons agree; {bad} disagree "
          f"({sum(1 for _, rows in results for r in rows if not r.agree and r.note)} explained)\n")
    return total, bad


def json_ready(results: list[tuple[dict[str, Any], list[Comparison]]]) -> list[dict[str, Any]]:
    """One object per benchmark: computed figures plus the comparison rows."""
    out = []
    for computed, rows in results:
        item = dict(computed)
        item["comparisons"] = [row.__dict__ for row in rows]
        out.append(item)
    return out
