"""Map between rgcheck's upper-triangular abelian coupling matrix G = [[g1, g14], [0, g4]]
and the paper's kinetic-mixing parametrisation (eq. (18)):

  L = -1/(4(1-eta^2)) (F, F')^T [[1, -eta], [-eta, 1]] (F, F'),  D = d - i gh1 Y B - i gh4 F B'.

Canonically normalising the bosons, G G^T = diag(gh1, gh4) K^-1 diag(gh1, gh4) with
K^-1 = [[1, eta], [eta, 1]], hence (docs/rgcheck-conventions.md)

  gh4 = g4,  gh1 = sqrt(g1^2 + g14^2),  eta = g14 / sqrt(g1^2 + g14^2);
  inversely g1 = gh1 sqrt(1 - eta^2), g14 = eta gh1, g4 = gh4.

Only G G^T is convention free; eta = 0 <=> g14 = 0.
"""

from __future__ import annotations

import numpy as np


def eta_from_G(g1, g14, g4):
    """(gh1, gh4, eta) of the paper from (g1, g14, g4); numpy-vectorised."""
    gh1 = np.sqrt(np.asarray(g1) ** 2 + np.asarray(g14) ** 2)
    return gh1, np.asarray(g4) * 1.0, np.asarray(g14) / gh1


def G_from_eta(gh1, gh4, eta):
    """(g1, g14, g4) from the paper's (gh1, gh4, eta)."""
    gh1 = np.asarray(gh1)
    return gh1 * np.sqrt(1.0 - np.asarray(eta) ** 2), np.asarray(eta) * gh1, np.asarray(gh4) * 1.0


def eta_beta(g1, g14, g4, dg1, dg14, dg4):
    """d eta/d ln mu from the betas of (g1, g14, g4) (chain rule of eta = g14/sqrt(g1^2+g14^2))."""
    r2 = g1**2 + g14**2
    return (dg14 * r2 - g14 * (g1 * dg1 + g14 * dg14)) / r2**1.5
