"""Judge a matched model against today's data, beside the paper's 2021 judgement.

The paper fixed alpha4 with the 2021 global fits (Table 2, R_K = 0.846). Here the same matched
model is compared with the measurements of ``data/measurements.yaml``: every registered
observable that names a measurement (R_K and R_K* from LHCb 2022, B(B+ -> K+ nu nu) from Belle II
2023) and Delta M_s (the ratio (97) times the SM prediction against the world average). Each
comparison is a one-dimensional pull on the side of the measurement's uncertainty that faces
the prediction; no correlations. A model is :attr:`Standing.DISFAVOURED` by an observable with
|pull| >= 3, in :attr:`Standing.TENSION` with 2 <= |pull| < 3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from chargesearch.measurements import Measurement, measurement
from chargesearch.observables import OBSERVABLES, ModelPoint, evaluate
from chargesearch.summary import ModelSummary

#: Delta M_s: experiment and the SM prediction the ratio (97) multiplies
DELTA_MS_EXP = "DeltaMs_exp_PDG"
DELTA_MS_SM = "DeltaMs_SM_DKLR2019"
#: the registered observables that name a measurement
MEASURED: tuple[str, ...] = tuple(k for k, o in OBSERVABLES.items() if o.measurement is not None)


class Standing(StrEnum):
    """How a prediction compares with a measurement."""

    CONSISTENT = "consistent"
    TENSION = "tension"
    DISFAVOURED = "disfavoured"

    @classmethod
    def of(cls, pull: float) -> Standing:
        if abs(pull) >= 3.0:
            return cls.DISFAVOURED
        return cls.TENSION if abs(pull) >= 2.0 else cls.CONSISTENT


_ORDER = (Standing.CONSISTENT, Standing.TENSION, Standing.DISFAVOURED)


@dataclass(frozen=True)
class Comparison:
    """One prediction against one measurement."""

    key: str
    label: str
    predicted: float
    sigma_predicted: float
    measured: Measurement

    @property
    def pull(self) -> float:
        """(prediction - measurement) / sqrt(sigma_exp^2 + sigma_pred^2), sides facing."""
        sigma_exp = self.measured.sigma_towards(self.predicted)
        total = (sigma_exp**2 + self.sigma_predicted**2) ** 0.5
        return (self.predicted - self.measured.value) / total

    @property
    def standing(self) -> Standing:
        return Standing.of(self.pull)


@dataclass(frozen=True)
class TodayJudgement:
    """A model judged against Table 2 (2021) and against today's measurements."""

    name: str
    scenario: str
    mu0_TeV: float
    alpha4: float
    pull_2021: float
    comparisons: tuple[Comparison, ...]

    @property
    def standing(self) -> Standing:
        """The worst standing over the comparisons."""
        return max((c.standing for c in self.comparisons), key=_ORDER.index,
                   default=Standing.CONSISTENT)

    def reasons(self) -> list[str]:
        """The comparisons that are not consistent, worst first."""
        bad = sorted((c for c in self.comparisons if c.standing is not Standing.CONSISTENT),
                     key=lambda c: -abs(c.pull))
        return [f"{c.label} = {c.predicted:.3g} vs {c.measured.value:.3g} ({c.pull:+.1f} sigma)"
                for c in bad]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "scenario": self.scenario, "mu0_TeV": self.mu0_TeV,
            "alpha4": self.alpha4, "pull_2021": self.pull_2021, "standing": self.standing.value,
            "comparisons": [
                {"key": c.key, "predicted": c.predicted, "measurement": c.measured.key,
                 "measured": c.measured.value, "pull": c.pull, "standing": c.standing.value}
                for c in self.comparisons
            ],
        }


def _delta_ms(ratio: float) -> Comparison:
    """Delta M_s = ratio (97) x SM prediction, with the SM uncertainty scaled alike."""
    sm = measurement(DELTA_MS_SM)
    exp = measurement(DELTA_MS_EXP)
    predicted = ratio * sm.value
    sigma = ratio * (sm.sigma_minus if predicted >= exp.value else sm.sigma_plus)
    return Comparison("delta_Ms", "Delta M_s [ps^-1]", predicted, sigma, exp)


def compare(key: str, value: float) -> Comparison | None:
    """The registered observable ``key`` with prediction ``value`` against its measurement
    (None if it has none); the prediction carries the relative uncertainty of its SM part."""
    obs = OBSERVABLES[key]
    if obs.measurement is None:
        return None
    sigma = 0.0
    if obs.sm_prediction is not None:
        sm = measurement(obs.sm_prediction)
        sigma = abs(value) * sm.sigma / sm.value
    return Comparison(key, obs.label, value, sigma, measurement(obs.measurement))


def _comparisons(observables: Mapping[str, Any]) -> list[Comparison]:
    out = [c for k in MEASURED if (c := compare(k, observables[k])) is not None]
    out.append(_delta_ms(observables["delta_Ms_ratio"]))
    return out


def judge_today(summary: ModelSummary, name: str) -> TodayJudgement:
    """Compare one matched model with every registered measurement and Delta M_s."""
    return TodayJudgement(
        name=name,
        scenario=summary.match.scenario,
        mu0_TeV=summary.mass_TeV,
        alpha4=summary.match.alpha4,
        pull_2021=summary.match.pull,
        comparisons=tuple(_comparisons(summary.observables)),
    )


def judge_sm(template: ModelSummary) -> TodayJudgement:
    """The Standard Model (g4 = 0) judged like a model: the reference row of the report."""
    match = replace(template.match, alpha4=0.0, g4=0.0,
                    flavoured=template.match.flavoured.scaled(0.0), chi2=template.match.chi2_sm)
    point = ModelPoint(template.charges, match)
    observables = {**evaluate(point, MEASURED), **evaluate(point, ("delta_Ms_ratio",))}
    return TodayJudgement("SM", "-", 0.0, 0.0, 0.0, tuple(_comparisons(observables)))


def render_table(judgements: Sequence[TodayJudgement]) -> list[str]:
    """Markdown rows: one model per row, predictions with their pulls."""
    if not judgements:
        return ["(no models)"]
    keys = [c.key for c in judgements[0].comparisons]
    labels = [c.label for c in judgements[0].comparisons]
    head = ("| model | scenario | mu0 TeV | alpha4 | 2021 fit pull (Table 2) | "
            + " | ".join(labels) + " | today |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for j in judgements:
        by_key = {c.key: c for c in j.comparisons}
        cells = [f"{by_key[k].predicted:.3g} ({by_key[k].pull:+.1f}σ)" for k in keys]
        fit = f"{j.mu0_TeV:g} | {j.alpha4:.3g} | {j.pull_2021:.1f}σ" if j.mu0_TeV else "- | 0 | -"
        lines.append(f"| {j.name} | {j.scenario} | {fit} | " + " | ".join(cells)
                     + f" | {j.standing.value} |")
    return lines
