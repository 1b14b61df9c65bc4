"""eta map from G (docs/rgcheck-conventions.md; paper eq. (18))."""

from __future__ import annotations

import numpy as np

from rgcheck.kinetic import G_from_eta, eta_beta, eta_from_G


def test_round_trip_and_GGT():
    g1, g14, g4 = 0.36, -0.05, 0.6
    gh1, gh4, eta = eta_from_G(g1, g14, g4)
    G = np.array([[g1, g14], [0, g4]])
    Kinv = np.array([[1, eta], [eta, 1]])
    D = np.diag([gh1, gh4])
    assert np.allclose(G @ G.T, D @ Kinv @ D, rtol=1e-14)
    assert np.allclose(G_from_eta(gh1, gh4, eta), (g1, g14, g4), rtol=1e-14)


def test_eta_beta_finite_difference():
    g = np.array([0.36, 0.02, 0.5])
    dg = np.array([1e-3, -2e-3, 5e-4])
    h = 1e-6
    num = (eta_from_G(*(g + h * dg))[2] - eta_from_G(*(g - h * dg))[2]) / (2 * h)
    assert abs(eta_beta(*g, *dg) - num) < 1e-8
