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
    with pytest.raises(ValueError, match="cov must be symmetric"):     # was returned as is
        ula_gaussian_covariance([[1.0, 0.5], [0.0, 1.0]], 0.1)
    with pytest.raises(ValueError, match="cov must be finite"):        # was all NaN, no error
        ula_gaussian_covariance([[np.nan]], 0.1)


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


# ----------------------------------------------------------------------------- ULA's own law
def _moments(grid, p):
    dx = grid[1] - grid[0]
    mean = np.sum(grid * p) * dx
    return mean, np.sum((grid - mean) ** 2 * p) * dx


@pytest.mark.parametrize("m,s2,tau,temp", [(0.0, 2.0, 0.2, 1.0), (1.0, 0.5, 0.3, 2.5),
                                           (-1.0, 1.0, 1.5, 0.5)])
def test_ula_stationary_density_on_a_gaussian_is_the_exact_ar1_law(m, s2, tau, temp):
    """On N(m, s²) ULA is AR(1): its stationary law is N(m, ula_gaussian_variance) exactly."""
    grid = np.linspace(m - 25, m + 25, 2001)
    p = langevin.ula_stationary_density(langevin.Gaussian(m, s2), tau, grid, temperature=temp)
    v = ula_gaussian_variance(s2, tau, temp)
    assert np.sum(p) * (grid[1] - grid[0]) == pytest.approx(1.0, abs=1e-12)
    mean, var = _moments(grid, p)
    assert mean == pytest.approx(m, abs=1e-9)
    assert var == pytest.approx(v, abs=1e-9)
    np.testing.assert_allclose(p, np.exp(-(grid - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v),
                               atol=1e-10)
    if (m, s2, tau, temp) == (0.0, 2.0, 0.2, 1.0):
        assert round(var, 6) == 2.105263           # DESIGN §6, not the target's 2


def test_ula_stationary_density_mixture_oracles():
    """DESIGN §6: ½N(−2,1) + ½N(2,1) at τ = 0.1 has variance 5.0206 under ULA (target 5);
    0.2 N(−2,1) + 0.8 N(2,1) puts 0.21818 left of 0 (target 0.2137)."""
    grid = np.linspace(-12, 12, 2000)            # 0 is a cell midpoint: P(x<0) = Σ_{x<0} p dx
    dx = grid[1] - grid[0]
    p = langevin.ula_stationary_density(langevin.GaussianMixture.default(), 0.1, grid)
    assert _moments(grid, p)[1] == pytest.approx(5.020607, abs=1e-6)
    mix = langevin.GaussianMixture([0.2, 0.8], [-2.0, 2.0], [1.0, 1.0])
    left = np.sum(langevin.ula_stationary_density(mix, 0.1, grid)[grid < 0]) * dx
    # checked independently by Ulam's method (cell-averaged kernel, O(dx²)): 0.218343 (800
    # cells), 0.218222 (1600), 0.218192 (3200) -> 0.21818
    assert left == pytest.approx(0.218181, abs=2e-6)
    target = langevin.basin_probabilities(mix, mix.means)[0]
    assert target == pytest.approx(0.2137, abs=1e-4) and left - target > 0.004


@pytest.mark.parametrize("case", ["mixture", "double_well"])
def test_ula_stationary_density_is_invariant_under_one_ula_step(case):
    """p(y) = ∫ N(y; x − τU'(x), 2τT) p(x) dx, by plain quadrature on the caller's grid."""
    if case == "mixture":
        pot, tau, temp = langevin.GaussianMixture([0.2, 0.8], [-2.0, 2.0], [1.0, 0.5]), 0.2, 1.0
        grid = np.linspace(-10, 10, 1501)
    else:
        pot, tau, temp = langevin.DoubleWell(2.0), 0.02, 0.4
        grid = np.linspace(-2.5, 2.5, 1201)
    p = langevin.ula_stationary_density(pot, tau, grid, temperature=temp)
    assert p.min() >= 0
    mu = grid - tau * pot.grad_energy(grid[:, None])[:, 0]
    s2 = 2 * tau * temp
    kern = np.exp(-(grid[:, None] - mu[None, :]) ** 2 / (2 * s2)) / np.sqrt(2 * np.pi * s2)
    p_next = kern @ p * (grid[1] - grid[0])
    np.testing.assert_allclose(p_next, p, atol=1e-9 * p.max())
    # and it is not the Boltzmann density (the bias the chapters discuss)
    assert np.max(np.abs(p - langevin.boltzmann_density(pot, grid, temp))) > 1e-3 * p.max()


def test_ula_stationary_density_matches_many_ula_chains():
    """10⁵ ULA chains at τ = 0.8 on the default mixture (started from the target, 100 steps):
    the sample variance agrees with the grid law 5.3303, and is ≥ 10 SE from both the target's
    5 and the per-mode Gaussian guess 4 + 1/(1 − τ/2) = 5.667."""
    gm, tau, n = langevin.GaussianMixture.default(), 0.8, 100_000
    grid = np.linspace(-15, 15, 3001)
    exact = _moments(grid, langevin.ula_stationary_density(gm, tau, grid))[1]
    x = final_state(gm, gm.sample(n, rng=30), n_steps=100, step_size=tau, rng=31)[:, 0]
    est = langevin.variance_estimate(x)
    assert abs(est.z(exact)) < Z_ASSERT, f"{est} vs {exact:.4f}"
    for wrong in (5.0, 4 + 1 / (1 - tau / 2)):
        assert abs(wrong - exact) / est.se >= Z_WRONG


def test_ula_stationary_density_bad_input():
    g, grid = langevin.Gaussian(0.0, 1.0), np.linspace(-8, 8, 101)
    usd = langevin.ula_stationary_density
    with pytest.raises(ValueError, match="temperature must be > 0 for a density; got 0"):
        usd(g, 0.1, grid, temperature=0.0)
    with pytest.raises(ValueError, match="temperature must be a finite number >= 0"):
        usd(g, 0.1, grid, temperature=-1.0)
    with pytest.raises(ValueError, match="step_size must be a finite number > 0; got 0"):
        usd(g, 0.0, grid)
    with pytest.raises(ValueError, match="step_size must be a finite number > 0; got -0.1"):
        usd(g, -0.1, grid)
    with pytest.raises(ValueError, match=r"grid must be uniform \(equal spacing\)"):
        usd(g, 0.1, np.concatenate([grid[:50], grid[50:] + 0.01]))
    with pytest.raises(ValueError, match="grid must be strictly increasing"):
        usd(g, 0.1, grid[::-1])
    with pytest.raises(ValueError, match=r"grid must be a 1-D array of at least 3 points"):
        usd(g, 0.1, [0.0, 1.0])
    with pytest.raises(ValueError, match=r"grid must be a 1-D array .*got shape \(10, 10\)"):
        usd(g, 0.1, np.zeros((10, 10)))
    with pytest.raises(ValueError, match=r"potential must be one-dimensional \(dim 1\); got dim 2"):
        usd(langevin.Gaussian([0.0, 0.0], np.eye(2)), 0.1, grid)
    nan_grad = langevin.FunctionPotential(lambda x: 0.5 * np.sum(x * x, axis=-1),
                                          lambda x: np.where(x > 3, np.nan, x), 1)
    with pytest.raises(ValueError, match="potential.grad_energy must be finite"):
        usd(nan_grad, 0.1, grid)
    with pytest.raises(ValueError, match=r"step_size=1e-05 is too small.*boltzmann_density"):
        usd(g, 1e-5, grid)


def test_ula_stationary_density_warns_when_the_grid_cuts_the_law_off():
    with pytest.warns(RuntimeWarning, match=r"of the mass lies within one noise width.*widen"):
        langevin.ula_stationary_density(langevin.GaussianMixture.default(), 0.1,
                                        np.linspace(-4, 4, 401))


def test_reference_formulas_bad_input():
    with pytest.raises(ValueError, match=r"t must be finite times >= 0; got -1"):
        einstein_msd(-1.0, temperature=1.0, friction=1.0)
    with pytest.raises(ValueError, match=r"t must be finite times >= 0"):
        einstein_msd([0.0, np.nan], temperature=1.0, friction=1.0)
    with pytest.raises(ValueError, match="friction must be a finite number > 0; got -2"):
        einstein_msd(1.0, temperature=1.0, friction=-2.0)
    with pytest.raises(ValueError, match="dim must be a positive int; got 0"):
        einstein_msd(1.0, temperature=1.0, friction=1.0, dim=0)
    with pytest.raises(ValueError, match=r"t must be finite times >= 0"):
        ou_moments([1.0, -0.5], 0.0, 1.0)
    with pytest.raises(ValueError, match="x0 must be a finite number; got nan"):
        ou_moments(1.0, np.nan, 1.0)
    with pytest.raises(ValueError, match="friction must be a finite number > 0; got -1"):
        ou_moments(1.0, 0.0, -1.0)
    with pytest.raises(ValueError, match="x0_mean must be a finite number; got inf"):
        ula_gaussian_moments(np.inf, 0.0, 0.0, 1.0, 0.1, 3)
    with pytest.raises(ValueError, match="mean must be a finite number; got nan"):
        ula_gaussian_moments(0.0, 0.0, np.nan, 1.0, 0.1, 3)
    mix = langevin.GaussianMixture.default()
    with pytest.raises(ValueError, match=r"centers must be finite, of shape \(K, 1\) or \(K,\)"):
        langevin.basin_probabilities(mix, [])
    with pytest.raises(ValueError, match=r"centers must be finite"):
        langevin.basin_probabilities(mix, [-2.0, np.nan])
    with pytest.raises(ValueError, match=r"centers must be distinct"):
        langevin.basin_probabilities(mix, [2.0, 2.0])
    with pytest.raises(ValueError, match=r"midpoints between them inside \(lo, hi\)"):
        langevin.basin_probabilities(mix, [15.0, 25.0])
    with pytest.raises(ValueError, match="temperature must be a finite number >= 0; got -1"):
        langevin.basin_probabilities(mix, [-2.0, 2.0], -1.0)


def test_baoab_free_msd_is_what_baoab_measures_and_tends_to_einstein():
    """Free particle, v0 ~ N(0, T): BAOAB's exact MSD (not Einstein's 2dDt) is what the chains
    give at a finite step, at 5 SE; as h -> 0 it tends to the continuous-time Langevin MSD."""
    h, gamma, temp, n = 0.5, 1.0, 1.0, np.array([1, 4, 20])
    free = langevin.FunctionPotential(lambda x: 0.0 * x[..., 0], lambda x: 0.0 * x, dim=1)
    rng = np.random.default_rng(11)
    v0 = rng.standard_normal((40_000, 1))
    xs, _ = langevin.simulate_underdamped(free, np.zeros((40_000, 1)), v0, step_size=h,
                                          n_steps=20, friction=gamma, temperature=temp, rng=rng)
    exact = langevin.baoab_free_msd(n, h, gamma, temp)
    for k, m in zip(n, exact):
        est = langevin.mean_estimate(xs[k, :, 0] ** 2)
        assert abs(est.z(m)) < 5
    t = 2.0   # continuous time: 2T/gamma (t - (1 - e^{-gamma t})/gamma), dim 1
    cont = 2 * temp / gamma * (t - (1 - np.exp(-gamma * t)) / gamma)
    assert langevin.baoab_free_msd(2000, t / 2000, gamma, temp) == pytest.approx(cont, rel=1e-5)
    assert float(langevin.baoab_free_msd(20, h, gamma, temp)) != pytest.approx(
        float(langevin.einstein_msd(20 * h, temp, gamma)), rel=0.05)   # not Einstein here
    with pytest.raises(ValueError, match="n_steps"):
        langevin.baoab_free_msd(-1, h, gamma)
