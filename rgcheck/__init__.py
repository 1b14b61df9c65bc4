"""rgcheck: two-loop beta functions of gauge-Yukawa-scalar theories derived from the field
content (several abelian factors with kinetic mixing), exact in the U(1)' charges, compiled
once per field content (charge-parametric kernel), batched RG running to the Planck scale with
Planck-safety verdicts, and scans of the critical surface. See docs/rgcheck-usage.md."""

from rgcheck.api import BetaSystem, betas, model_betas, parse_charges, symbolic_betas
from rgcheck.errors import RGInputError
from rgcheck.model import COUPLINGS, Model, Structure, paper_model
from rgcheck.running import (
    RunConfig,
    RunResult,
    Trajectory,
    initial_couplings,
    run,
    run_batch,
    run_model,
)
from rgcheck.verdicts import FailedCondition, Verdict

__all__ = [
    "COUPLINGS",
    "BetaSystem",
    "FailedCondition",
    "Model",
    "RGInputError",
    "RunConfig",
    "RunResult",
    "Structure",
    "Trajectory",
    "Verdict",
    "betas",
    "initial_couplings",
    "model_betas",
    "paper_model",
    "parse_charges",
    "run",
    "run_batch",
    "run_model",
    "symbolic_betas",
]
