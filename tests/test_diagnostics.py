"""Chain statistics (langevin.diagnostics); the exact formulas are tested in test_references.py."""
from __future__ import annotations

import numpy as np
import pytest

import langevin
from langevin import (autocorrelation, effective_sample_size, integrated_autocorrelation_time,
                      kinetic_temperature, mean_squared_displacement, mode_fractions,
                      stability_bound)


# ----------------------------------------------------------------------------- stability bound
def test_stability_bound():
    g1 = langevin.Gaussian(0.0, 2.0)
    assert stability_bound(g1) == 4.0
    g2 = langevin.Gaussian([0.0, 0.0], [[2.0, 0.0], [0.0, 0.5]])
    assert stability_bound(g2, "ula") == pytest.approx(1.0)
    assert stability_bound(g2, "verlet", mass=4.0) == pytest.approx(2 * np.sqrt(0.5 * 4.0))
    assert stability_bound(g1, "mala") is None
    assert stability_bound(langevin.DoubleWell()) is None


# ----------------------------------------------------------------------------- chain statistics
def test_autocorrelation_of_ar1_and_shapes():
    a, n = 0.7, 200_000
    gen = np.random.default_rng(0)
    x = np.empty(n)
    x[0] = gen.standard_normal() / np.sqrt(1 - a * a)
    z = gen.standard_normal(n)
    for i in range(1, n):
        x[i] = a * x[i - 1] + z[i]
    rho = autocorrelation(x, max_lag=5)
    assert rho.shape == (6,) and rho[0] == 1.0
    np.testing.assert_allclose(rho, a ** np.arange(6), atol=0.01)
    assert integrated_autocorrelation_time(x) == pytest.approx((1 + a) / (1 - a), rel=0.05)
    assert autocorrelation(x.reshape(-1, 4), max_lag=3).shape == (4,)
    assert autocorrelation(np.zeros((10, 3, 2)) + np.arange(10)[:, None, None],
                           max_lag=2).shape == (3, 2)


def test_autocorrelation_of_a_constant_chain_is_defined():
    np.testing.assert_array_equal(autocorrelation(np.ones(20), max_lag=3), [1.0, 0.0, 0.0, 0.0])


def test_autocorrelation_bad_input():
    with pytest.raises(ValueError, match="max_lag must be < n_steps = 5; got 5"):
        autocorrelation(np.arange(5.0), max_lag=5)
    with pytest.raises(ValueError, match="at least 2 steps"):
        autocorrelation(np.ones(1))
    with pytest.raises(ValueError, match="chain must be finite"):
        autocorrelation(np.array([1.0, np.nan, 2.0]))


def test_white_noise_iat_and_ess():
    z = np.random.default_rng(1).standard_normal((20_000, 4))
    assert integrated_autocorrelation_time(z) == pytest.approx(1.0, abs=0.1)
    assert effective_sample_size(z) == pytest.approx(80_000, rel=0.1)


def test_mode_fractions():
    np.testing.assert_array_equal(mode_fractions(np.array([[-1.0], [0.5], [2.0], [3.0]]),
                                                 [[-2.0], [2.0]]), [0.25, 0.75])
    s = langevin.GaussianMixture([0.3, 0.7], [-3.0, 3.0], [0.2, 0.2]).sample(10_000, rng=2)
    f = mode_fractions(s, [-3.0, 3.0])
    assert f.sum() == 1.0 and abs(f[0] - 0.3) < 5 * np.sqrt(0.21 / 10_000)
    with pytest.raises(ValueError, match="same dim"):
        mode_fractions(np.zeros((3, 2)), [0.0, 1.0])


def test_mode_fraction_history_rows_are_mode_fractions():
    traj = langevin.simulate(langevin.GaussianMixture.default(),
                             np.linspace(-3, 3, 50)[:, None], step_size=0.1, n_steps=30, rng=4)
    hist = langevin.mode_fraction_history(traj, [-2.0, 2.0])
    assert hist.shape == (31, 2)
    for k in (0, 7, 30):
        np.testing.assert_array_equal(hist[k], mode_fractions(traj[k], [-2.0, 2.0]))
    with pytest.raises(ValueError, match="same dim"):
        langevin.mode_fraction_history(traj, [[0.0, 1.0]])


def test_crossing_fraction():
    # chains: stays left; crosses; touches 0 only (not a crossing); stays right
    x = np.array([[-1.0, -1.0, 0.0, 1.0],
                  [-2.0, 1.0, 0.0, 2.0],
                  [-0.5, -1.0, 0.0, 3.0]])[:, :, None]
    assert langevin.crossing_fraction(x) == 0.25
    assert langevin.crossing_fraction(x, threshold=1.5) == 0.25     # only the last chain
    # noise-free ascent on the symmetric mixture never crosses; the noisy chains do
    gm = langevin.GaussianMixture.default()
    x0 = np.linspace(-3, 3, 20)[:, None] + 0.01
    still = langevin.simulate(gm, x0, step_size=0.1, n_steps=200, temperature=0.0)
    noisy = langevin.simulate(gm, x0, step_size=0.1, n_steps=200, temperature=1.0, rng=0)
    assert langevin.crossing_fraction(still) == 0.0
    assert langevin.crossing_fraction(noisy) > 0.5
    with pytest.raises(ValueError, match=r"trajectory must have shape.*got shape \(3, 4\)"):
        langevin.crossing_fraction(x[..., 0])


def test_mean_squared_displacement_and_kinetic_temperature():
    t = np.zeros((3, 2, 2))
    t[1] = [[1.0, 0.0], [0.0, 1.0]]
    t[2] = [[1.0, 1.0], [2.0, 0.0]]
    np.testing.assert_allclose(mean_squared_displacement(t), [0.0, 1.0, 3.0])
    with pytest.raises(ValueError, match="trajectory must have shape"):
        mean_squared_displacement(np.zeros((3, 2)))
    assert kinetic_temperature(np.array([[1.0], [-1.0]]), mass=2.0) == 2.0
    assert kinetic_temperature(np.array([[1.0, 3.0]])) == 5.0


def test_reference_formulas_still_importable_from_diagnostics():
    from langevin import diagnostics, references
    for name in ["ula_gaussian_variance", "ula_gaussian_covariance", "ula_gaussian_moments",
                 "einstein_msd", "ou_moments", "basin_probabilities"]:
        assert getattr(diagnostics, name) is getattr(references, name) is getattr(langevin, name)


def test_energies_kinetic_potential_total():
    k, u, e = langevin.energies(langevin.DoubleWell(), np.array([[0.0], [1.0]]),
                                np.array([[1.0], [2.0]]), mass=2.0)
    np.testing.assert_allclose(k, [1.0, 4.0])       # ½·2·v²
    np.testing.assert_allclose(u, [1.0, 0.0])       # (x² − 1)²
    np.testing.assert_allclose(e, [2.0, 4.0])
    # shapes: (steps, particles, dim) -> (steps, particles); |v|² sums over the dimension
    g = langevin.Gaussian([0.0, 0.0], np.eye(2))
    xs, vs = np.ones((3, 4, 2)), np.full((3, 4, 2), 2.0)
    k, u, e = langevin.energies(g, xs, vs)
    assert k.shape == u.shape == e.shape == (3, 4)
    np.testing.assert_allclose(k, 4.0)
    np.testing.assert_allclose(u, g.energy(xs))


def test_energies_bad_input():
    dw = langevin.DoubleWell()
    with pytest.raises(ValueError, match=r"vs must have the shape of xs \(2, 1\); got shape \(2, 2\)"):
        langevin.energies(dw, np.zeros((2, 1)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"xs must have shape \(\.\.\., 1\).*got shape \(2, 3\)"):
        langevin.energies(dw, np.zeros((2, 3)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="mass must be a finite number > 0; got -1"):
        langevin.energies(dw, np.zeros((2, 1)), np.zeros((2, 1)), mass=-1.0)
    with pytest.raises(ValueError, match="vs must be finite"):
        langevin.energies(dw, np.zeros((2, 1)), np.array([[0.0], [np.nan]]))
