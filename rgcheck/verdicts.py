"""Verdict classes of a trajectory and the conditions that can fail (paper Sect. 4, (13)-(14)).

Classification (docs/rgcheck-running.md):

* ``pole``: the pole criterion holds at some step (an alpha above ``RunConfig.pole_alpha``,
  NaN/inf, step-size collapse or step budget exhausted); the trajectory stops there.
* ``unstable``: at some check scale a condition of (13)-(14) other than lambda > 0 fails first.
* ``higgs_unstable`` / ``higgs_metastable``: lambda > 0 fails first; the trajectory goes on to
  tell alpha_lambda < -1e-4 somewhere (unstable, stops there) from -1e-4 < alpha_lambda < 0
  all the way (metastable). A later pole still makes it ``pole``.
* ``stable_vplus`` / ``stable_vminus``: every check passes; the vacuum at the end scale is
  V+ (u >= 0) or V- (u < 0). Transitions V+ <-> V- on the way are counted, not failed.
"""

from __future__ import annotations

from enum import StrEnum

from rgcheck import dopri


class Verdict(StrEnum):
    """Outcome class of an RG trajectory (figure colours of Figs. 5, 7, 8, 10)."""

    STABLE_VPLUS = "stable_vplus"
    STABLE_VMINUS = "stable_vminus"
    POLE = "pole"
    UNSTABLE = "unstable"
    HIGGS_UNSTABLE = "higgs_unstable"
    HIGGS_METASTABLE = "higgs_metastable"

    @property
    def code(self) -> int:
        return _VERDICT_CODES[self]

    @classmethod
    def from_code(cls, code: int) -> Verdict:
        return _VERDICT_BY_CODE[int(code)]

    @property
    def planck_safe(self) -> bool:
        """No pole and a stable potential at every check scale (Sect. 4)."""
        return self in (Verdict.STABLE_VPLUS, Verdict.STABLE_VMINUS)

    @property
    def colour(self) -> str:
        """Colour code of the paper's Fig. 5 (V- has no colour there: green here)."""
        return _COLOURS[self]

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


class FailedCondition(StrEnum):
    """The condition whose failure decided the verdict."""

    NONE = "none"
    LAMBDA = "lambda > 0 (13)"
    DELTA = "Delta > 0 (14)"
    S = "s > 0 (13)"
    DELTA_PRIME = "delta' = delta + 2 sqrt(lambda Delta) > 0 (13)"
    DELTATILDE_PRIME = "deltatilde' = deltatilde + 2 sqrt(lambda s) > 0 (13)"
    W_PRIME = "w' = w + 2 sqrt(s Delta) > 0 (13)"
    TRIPLE = "2 sqrt(lambda Delta s) + ... + sqrt(delta' deltatilde' w') > 0 (13)"
    ALPHA_BOUND = "alpha above the pole bound"
    NON_FINITE = "coupling not finite (NaN or inf)"
    STEP_COLLAPSE = "step size collapsed"
    MAX_STEPS = "step budget exhausted"

    @property
    def code(self) -> int:
        return _CONDITION_CODES[self]

    @classmethod
    def from_code(cls, code: int) -> FailedCondition:
        return _CONDITION_BY_CODE[int(code)]


_VERDICT_CODES = {
    Verdict.STABLE_VPLUS: dopri.STABLE_VPLUS,
    Verdict.STABLE_VMINUS: dopri.STABLE_VMINUS,
    Verdict.POLE: dopri.POLE,
    Verdict.UNSTABLE: dopri.UNSTABLE,
    Verdict.HIGGS_UNSTABLE: dopri.HIGGS_UNSTABLE,
    Verdict.HIGGS_METASTABLE: dopri.HIGGS_METASTABLE,
}
_VERDICT_BY_CODE = {c: v for v, c in _VERDICT_CODES.items()}
_CONDITION_CODES = {
    FailedCondition.NONE: dopri.OK,
    FailedCondition.LAMBDA: dopri.COND_LAMBDA,
    FailedCondition.DELTA: dopri.COND_DELTA,
    FailedCondition.S: dopri.COND_S,
    FailedCondition.DELTA_PRIME: dopri.COND_DELTA_PRIME,
    FailedCondition.DELTATILDE_PRIME: dopri.COND_DELTATILDE_PRIME,
    FailedCondition.W_PRIME: dopri.COND_W_PRIME,
    FailedCondition.TRIPLE: dopri.COND_TRIPLE,
    FailedCondition.ALPHA_BOUND: dopri.COND_ALPHA_BOUND,
    FailedCondition.NON_FINITE: dopri.COND_NON_FINITE,
    FailedCondition.STEP_COLLAPSE: dopri.COND_STEP_COLLAPSE,
    FailedCondition.MAX_STEPS: dopri.COND_MAX_STEPS,
}
_CONDITION_BY_CODE = {c: v for v, c in _CONDITION_CODES.items()}
_COLOURS = {
    Verdict.POLE: "#d62728",
    Verdict.UNSTABLE: "#8c8c8c",
    Verdict.STABLE_VPLUS: "#1f4fd6",
    Verdict.STABLE_VMINUS: "#2ca02c",
    Verdict.HIGGS_UNSTABLE: "#8c564b",
    Verdict.HIGGS_METASTABLE: "#f2c80f",
}
_DESCRIPTIONS = {
    Verdict.POLE: "Landau pole below the end scale",
    Verdict.UNSTABLE: "potential unbounded from below (13)-(14)",
    Verdict.STABLE_VPLUS: "Planck-safe, stable vacuum V+",
    Verdict.STABLE_VMINUS: "Planck-safe, stable vacuum V-",
    Verdict.HIGGS_UNSTABLE: "Higgs unstable, alpha_lambda < -1e-4",
    Verdict.HIGGS_METASTABLE: "Higgs metastable, -1e-4 < alpha_lambda < 0",
}
