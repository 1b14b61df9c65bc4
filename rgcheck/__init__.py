"""rgcheck: two-loop beta functions of gauge-Yukawa-scalar theories derived from the field
content (several abelian factors with kinetic mixing), exact in the U(1)' charges, compiled for
fast batched evaluation. See docs/rgcheck-conventions.md."""

from rgcheck.api import BetaSystem, betas, model_betas, parse_charges, symbolic_betas
from rgcheck.errors import RGInputError
from rgcheck.model import COUPLINGS, Model, Structure, paper_model

__all__ = [
    "COUPLINGS",
    "BetaSystem",
    "Model",
    "RGInputError",
    "Structure",
    "betas",
    "model_betas",
    "paper_model",
    "parse_charges",
    "symbolic_betas",
]
