"""Exact reference formulas (langevin.references)."""
from __future__ import annotations

import numpy as np
import pytest

import langevin
from _stats import Z_ASSERT, Z_WRONG, check_variance, final_state
from langevin import (einstein_msd, ou_moments, ula_gaussian_covariance, ula_gaussian_moments,
                      ula_gaussian_variance)


def test_ula_gaussian_variance_value_and_ar1_form():
    assert ula_gaussian_variance(2.0, 0.2) == pytest.approx(40 / 19, rel=1e-14)  # 2.105263…
    for s2, tau, temp in [(2.0, 0.2, 1.0), (0.5, 0.9, 0.3), (3.0, 5.9, 2.0)]:
        a = 1 - tau / s2
        assert ula_gaussian_variance(s2, tau, temp) == pytest.approx(2 * tau * temp / (1 - a * a),
                                                                     rel=1e-12)
        assert ula_gaussian_variance(s2, tau, temp) > temp * s2
    assert ula_gaussian_variance(2.0, 0.2, 0.0) == 0.0


@pytest.mark.parametrize("tau", [4.0, 5.0])
def test_ula_gaussian_variance_rejects_unstable_step(tau):
    with pytest.raises(ValueError, match=rf"step_size must be < 2 \* variance = 4.*got step_size={tau:g}"):
        ula_gaussian_variance(2.0, tau)


def test_ula_gaussian_covariance():
    cov = np.array([[1.0, 0.5], [0.5, 0.8]])
    tau, temp = 0.4, 1.3
    c = ula_gaussian_covariance(cov, tau, temp)
    lam, q = np.linalg.eigh(cov)
    expected = q @ np.diag([ula_gaussian_variance(l, tau, temp) for l in lam]) @ q.T
    np.testing.assert_allclose(c, expected, rtol=1e-12)
    np.testing.assert_allclose(c, c.T, rtol=1e-12)
    # it is the fixed point of the ULA covariance recursion C = A C Aᵀ + 2τT I, A = I − τΣ⁻¹
    a = np.eye(2) - tau * np.linalg.inv(cov)
    np.testing.assert_allclose(a @ c @ a.T + 2 * tau * temp * np.eye(2), c, rtol=1e-12)
    assert ula_gaussian_covariance([[2.0]], 0.2)[0, 0] == pytest.approx(ula_gaussian_variance(2.0, 0.2))
    with pytest.raises(ValueError, match="step_size must be < 2 \\* smallest eigenvalue"):
        ula_gaussian_covariance(cov, 2 * lam[0])
    with pytest.raises(ValueError, match="cov must be positive definite"):
        ula_gaussian_covariance([[1.0, 2.0], [2.0, 1.0]], 0.1)


@pytest.mark.parametrize("s2,tau,temp,v0", [(2.0, 0.2, 1.0, 0.0), (1.0, 0.5, 0.7, 0.3),
                                            (1.0, 1.7, 2.0, 1.0), (1.0, 2.0, 1.0, 0.5),
                                            (1.0, 2.5, 1.0, 0.0), (1.0, 0.3, 0.0, 0.4)])
def test_ula_gaussian_moments_follow_the_recursion(s2, tau, temp, v0):
    """mean' = m + a(mean − m), var' = a² var + 2τT — including unstable steps (|a| ≥ 1)."""
    m, x0 = -0.5, 2.0
    a = 1 - tau / s2
    mean, var = x0, v0
    steps = np.arange(25)
    mean_n, var_n = ula_gaussian_moments(x0, v0, m, s2, tau, steps, temperature=temp)
    for n in steps:
        assert mean_n[n] == pytest.approx(mean, rel=1e-12, abs=1e-12)
        assert var_n[n] == pytest.approx(var, rel=1e-12, abs=1e-12)
        assert ula_gaussian_moments(x0, v0, m, s2, tau, int(n), temperature=temp) == \
            pytest.approx((mean, var), rel=1e-12, abs=1e-12)
        mean, var = m + a * (mean - m), a * a * var + 2 * tau * temp


def test_ula_gaussian_moments_limits():
    mean, var = ula_gaussian_moments(3.0, 0.7, 1.0, 2.0, 0.2, 0)
    assert (mean, var) == (3.0, 0.7)
    mean, var = ula_gaussian_moments(3.0, 0.7, 1.0, 2.0, 0.2, 5000)
    assert mean == pytest.approx(1.0) and var == pytest.approx(ula_gaussian_variance(2.0, 0.2))
    assert ula_gaussian_moments(1.0, 0.0, 0.0, 1.0, 0.5, 2, temperature=0) == (0.25, 0.0)
    with pytest.raises(ValueError, match="n_steps must be non-negative integer"):
        ula_gaussian_moments(1.0, 0.0, 0.0, 1.0, 0.5, 2.0)
    with pytest.raises(ValueError, match="n_steps must be non-negative integer"):
        ula_gaussian_moments(1.0, 0.0, 0.0, 1.0, 0.5, [1, -1])


def test_einstein_msd():
    assert einstein_msd(2.0, temperature=1.0, friction=4.0, dim=3) == 3.0
    np.testing.assert_allclose(einstein_msd(np.arange(3.0), 0.5, 2.0), [0.0, 0.5, 1.0])


def test_ou_moments_formula():
    # U = x²/2 (the defaults): mean x0 e^{-t/γ}, variance T(1 - e^{-2t/γ})
    t = np.array([0.0, 0.5, 2.0])
    mean, var = ou_moments(t, 2.0, 4.0, 0.5)
    np.testing.assert_allclose(mean, 2.0 * np.exp(-t / 4.0), rtol=1e-15)
    np.testing.assert_allclose(var, 0.5 * (1 - np.exp(-2 * t / 4.0)), rtol=1e-15)
    # N(m, s²): mean m + e^{-t/(γs²)}(x0 - m), variance s²T(1 - e^{-2t/(γs²)}) (DESIGN §6)
    mean, var = ou_moments(1.0, 3.0, 2.0, 0.8, mean=1.0, variance=0.5)
    assert mean == pytest.approx(1.0 + np.exp(-1.0) * 2.0, rel=1e-15)
    assert var == pytest.approx(0.5 * 0.8 * (1 - np.exp(-2.0)), rel=1e-15)
    mean, var = ou_moments(1e3, 3.0, 2.0, 0.8, mean=1.0, variance=0.5)  # long run: the target
    assert (mean, var) == (pytest.approx(1.0), pytest.approx(0.4))
    assert ou_moments(1.0, 3.0, 2.0, 0.0)[1] == 0.0  # no noise: a deterministic decay
    with pytest.raises(ValueError, match="friction"):
        ou_moments(1.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="variance"):
        ou_moments(1.0, 0.0, 1.0, variance=-1.0)


def test_ou_moments_match_a_fine_overdamped_simulation():
    """Many chains of ULA with a tiny step τ = dt/γ against the exact OU transition.

    Left-over discretisation bias (τ/s² = 0.002) is ≈ 0.5 SE; the plausible wrong formulas
    (γ or s² left out of the rate, a missing factor 2 in the variance) are ≥ 10 SE away.
    """
    m, s2, gamma, temp, x0, t = 1.0, 0.5, 2.0, 0.8, 3.0, 0.5
    tau = 0.001
    n_steps, n = round(t / (gamma * tau)), 50_000
    pot = langevin.Gaussian(m, s2)
    x = final_state(pot, np.full((n, 1), x0), n_steps=n_steps, step_size=tau,
                    temperature=temp, rng=11)[:, 0]
    mean, var = ou_moments(t, x0, gamma, temp, mean=m, variance=s2)
    se_mean = np.sqrt(var / n)
    wrong_means = [m + np.exp(-t / gamma) * (x0 - m), m + np.exp(-t / s2) * (x0 - m)]
    for wrong in wrong_means:
        assert abs(wrong - mean) / se_mean >= Z_WRONG
    assert abs(x.mean() - mean) / se_mean < Z_ASSERT
    wrong_var = s2 * temp * (1 - np.exp(-t / (gamma * s2)))  # factor 2 dropped
    check_variance(x.var(), var, wrong_var, n, "OU variance")


def test_basin_probabilities_against_normal_cdf():
    from scipy.stats import norm

    mix = langevin.GaussianMixture([0.2, 0.8], [-2.0, 2.0], [1.0, 1.0])
    exact = 0.2 * norm.cdf(2.0) + 0.8 * norm.cdf(-2.0)          # mass of x < 0
    p = langevin.basin_probabilities(mix, mix.means)
    assert abs(p[0] - exact) < 1e-6 and abs(p.sum() - 1.0) < 1e-12
    assert abs(p[0] - 0.2) > 0.01                                 # not the component weight
    np.testing.assert_allclose(langevin.basin_probabilities(langevin.GaussianMixture.default(),
                                                            [-2.0, 2.0]), [0.5, 0.5], atol=1e-12)
    # T = 0: all mass at the global minimum of U (the heavier mode); T = 2 flattens p^(1/T)
    np.testing.assert_array_equal(langevin.basin_probabilities(mix, mix.means, 0.0), [0.0, 1.0])
    assert p[0] < langevin.basin_probabilities(mix, mix.means, 2.0)[0] < 0.5
    with pytest.raises(ValueError, match="one-dimensional"):
        langevin.basin_probabilities(langevin.Gaussian([0.0, 0.0], np.eye(2)), [[0.0, 0.0]])


# ----------------------------------------------------------------------------- boltzmann_density
def test_boltzmann_density_is_the_normalised_gaussian():
    """exp(−U/T)/Z of N(0, 1) at T = 2 is N(0, 2), exactly (Z by the trapezoid rule)."""
    grid = np.linspace(-10, 10, 4001)
    p = langevin.boltzmann_density(langevin.Gaussian(0.0, 1.0), grid, temperature=2.0)
    assert p.shape == grid.shape
    assert np.trapezoid(p, grid) == pytest.approx(1.0, abs=1e-14)
    np.testing.assert_allclose(p, np.exp(-grid**2 / 4) / np.sqrt(4 * np.pi), atol=1e-12)
    # an unnormalised energy (the double well): same shape as exp(-U/T), any non-uniform grid
    g2 = np.sort(np.random.default_rng(0).uniform(-3, 3, 3000))
    q = langevin.boltzmann_density(langevin.DoubleWell(2.0), g2, 0.5)
    shape = np.exp(-2.0 * (g2**2 - 1) ** 2 / 0.5)
    np.testing.assert_allclose(q, shape / np.trapezoid(shape, g2), rtol=1e-12)


def test_boltzmann_density_bad_input():
    g, grid = langevin.Gaussian(0.0, 1.0), np.linspace(-5, 5, 11)
    with pytest.raises(ValueError, match=r"temperature must be > 0 for a density; got 0"):
        langevin.boltzmann_density(g, grid, temperature=0.0)
    with pytest.raises(ValueError, match=r"temperature must be a finite number >= 0; got -1"):
        langevin.boltzmann_density(g, grid, temperature=-1.0)
    with pytest.raises(ValueError, match="grid must be strictly increasing"):
        langevin.boltzmann_density(g, grid[::-1])
    with pytest.raises(ValueError, match=r"grid must be a 1-D array of at least 2 points; got "
                                         r"shape \(1,\)"):
        langevin.boltzmann_density(g, [0.0])
    with pytest.raises(ValueError, match="grid must be finite"):
        langevin.boltzmann_density(g, [0.0, np.nan])
    with pytest.raises(ValueError, match=r"potential must be one-dimensional \(dim 1\); got dim 2"):
        langevin.boltzmann_density(langevin.Gaussian([0.0, 0.0], np.eye(2)), grid)
    with pytest.raises(ValueError, match="potential must be a langevin potential"):
        langevin.boltzmann_density(object(), grid)
    nan_energy = langevin.FunctionPotential(lambda x: np.full(x.shape[:-1], np.nan),
                                            lambda x: np.zeros_like(x), 1)
    with pytest.raises(ValueError, match="potential.energy must return finite values"):
        langevin.boltzmann_density(nan_energy, grid)
