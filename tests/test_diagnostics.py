"""Chain statistics (langevin.diagnostics); the exact formulas are tested in test_references.py."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import lfilter

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
def _ar1(a, n_steps, n_chains, rng):
    """Stationary AR(1) chains x' = a x + z, shape (n_steps, n_chains): IAT (1 + a)/(1 − a)."""
    z = np.random.default_rng(rng).standard_normal((n_steps, n_chains))
    z[0] /= np.sqrt(1 - a * a)
    return lfilter([1.0], [1.0, -a], z, axis=0)


def test_autocorrelation_of_ar1_and_shapes():
    a = 0.7
    x = _ar1(a, 200_000, 1, 0)[:, 0]
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


@pytest.mark.parametrize("a,n_steps,n_chains,tol", [(-0.5, 10_000, 10, 0.04),
                                                    (0.0, 1000, 20, 0.12),
                                                    (0.9, 2000, 400, 1.5)])
def test_iat_of_ar1_chains_by_geyer(a, n_steps, n_chains, tol):
    """IAT (1 + a)/(1 − a) = 1/3, 1, 19. Tolerances are ≥ 5 of the estimator's own spread,
    measured over 30 seeds: sd 0.0073 (a = −0.5, 10 × 10⁴), 0.022 (a = 0, 20 × 10³), 0.28
    (a = 0.9, 400 × 2000). The old Sokal window gave −0.81 on anticorrelated ULA chains."""
    x = _ar1(a, n_steps, n_chains, 7)
    exact = (1 + a) / (1 - a)
    for monotone in (True, False):
        iat = integrated_autocorrelation_time(x, monotone=monotone)
        assert iat == pytest.approx(exact, abs=tol)
    ess = effective_sample_size(x)
    assert ess == pytest.approx(n_steps * n_chains / integrated_autocorrelation_time(x),
                                rel=1e-14)


def test_iat_is_never_negative_and_floored():
    """Strongly anticorrelated chains (true IAT below 1/log10 N) get the floor 1/log10(N)
    (Stan's rule), never a negative value. The issue's case, ULA at τ = 1.9 on N(0, 1)
    (a = −0.9, true IAT 0.053), was −0.81 with the old window."""
    x = _ar1(-0.95, 10_000, 10, 1)
    assert integrated_autocorrelation_time(x) == pytest.approx(1 / np.log10(100_000))
    traj = langevin.simulate(langevin.Gaussian(0.0, 1.0), np.zeros((1000, 1)), step_size=1.9,
                             n_steps=999, rng=5)
    iat = integrated_autocorrelation_time(traj)[0]
    assert iat == pytest.approx(1 / 6)                              # N = 10⁶ samples
    assert effective_sample_size(traj)[0] == pytest.approx(6e6)
    for seed in range(100):                                         # short chains: still > 0
        assert integrated_autocorrelation_time(_ar1(-0.95, 8, 1, seed)[:, 0]) > 0
    assert integrated_autocorrelation_time(np.ones(100)) == 1.0     # constant: nothing to learn


def test_iat_sees_chains_that_never_mix():
    """Ten chains, each jittering in its own mode: between-chain variance makes the ESS ≈ the
    number of chains, not the number of samples (per-chain centring said ≈ 10⁴)."""
    rng = np.random.default_rng(3)
    x = rng.choice([-2.0, 2.0], size=10) + 0.01 * rng.standard_normal((1000, 10))
    assert effective_sample_size(x) < 20
    assert effective_sample_size(x - x.mean(axis=0)) > 5_000   # the same chains, centred


def test_iat_and_ess_shapes_and_bad_input():
    x = _ar1(0.5, 500, 4, 2)
    per_dim = integrated_autocorrelation_time(np.stack([x, x[::-1]], axis=-1))
    assert per_dim.shape == (2,)
    ess = effective_sample_size(np.stack([x, x], axis=-1))
    assert ess.shape == (2,) and ess[0] == ess[1]
    with pytest.raises(ValueError, match=r"chain needs at least 4 steps; got shape \(3,\)"):
        integrated_autocorrelation_time(np.arange(3.0))
    with pytest.raises(ValueError, match=r"chain needs at least 4 steps; got shape \(2, 5\)"):
        effective_sample_size(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="chain must be finite; got 1 non-finite"):
        integrated_autocorrelation_time(np.array([1.0, 2.0, np.inf, 0.0, 1.0]))
    with pytest.raises(ValueError, match=r"chain must have shape \(n_steps,\)"):
        integrated_autocorrelation_time(np.zeros((5, 2, 2, 2)))
    with pytest.raises(ValueError, match="chain is empty"):
        autocorrelation(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="chain must be an array of numbers"):
        autocorrelation(["a", "b", "c"])


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
    with pytest.raises(ValueError,
                       match=r"vs must have the shape of xs \(2, 1\); got shape \(2, 2\)"):
        langevin.energies(dw, np.zeros((2, 1)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"xs must have shape \(\.\.\., 1\).*got shape \(2, 3\)"):
        langevin.energies(dw, np.zeros((2, 3)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="mass must be a finite number > 0; got -1"):
        langevin.energies(dw, np.zeros((2, 1)), np.zeros((2, 1)), mass=-1.0)
    with pytest.raises(ValueError, match="vs must be finite"):
        langevin.energies(dw, np.zeros((2, 1)), np.array([[0.0], [np.nan]]))


# ----------------------------------------------------------------------------- estimates
def test_estimate_format_and_str():
    est = langevin.Estimate(0.6181, 0.0042, 10_000)
    assert format(est, ".3f") == "0.618 ± 0.004"
    assert f"{est:.3f}" == "0.618 ± 0.004"
    assert f"{est:.2e}" == "6.18e-01 ± 4.20e-03"
    assert str(est) == "0.6181 ± 0.0042"                       # two significant digits of se
    assert str(langevin.Estimate(5.134, 0.051, 10_000)) == "5.134 ± 0.051"
    assert str(langevin.Estimate(1234.5, 123.0, 10)) == "1230 ± 120"
    assert str(langevin.Estimate(2.0, 0.0, 10)) == "2 ± 0"
    assert repr(est) == "Estimate(value=0.6181, se=0.0042, n=10000)"
    arr = langevin.Estimate(np.array([0.5, 0.25]), np.array([0.01, 0.02]), 100)
    assert format(arr, ".2f") == "[0.50 ± 0.01, 0.25 ± 0.02]"


def test_estimate_z_and_bad_input():
    assert langevin.Estimate(1.0, 0.5, 10).z(0.0) == 2.0
    assert langevin.Estimate(5.134, 0.05, 10_000).z(5.0206) == pytest.approx(2.268)
    np.testing.assert_allclose(langevin.Estimate(np.array([1.0, 2.0]), np.array([0.5, 0.25]),
                                                 9).z([0.0, 3.0]), [2.0, -4.0])
    with pytest.raises(ValueError, match="z is undefined where se == 0"):
        langevin.Estimate(1.0, 0.0, 10).z(1.0)
    with pytest.raises(ValueError, match="reference must be finite"):
        langevin.Estimate(1.0, 0.1, 10).z(np.nan)
    with pytest.raises(ValueError, match="se must be >= 0"):
        langevin.Estimate(1.0, -0.1, 10)
    with pytest.raises(ValueError, match="n must be a positive int; got 0"):
        langevin.Estimate(1.0, 0.1, 0)
    with pytest.raises(ValueError, match=r"se must have the shape of value \(2,\)"):
        langevin.Estimate(np.zeros(2), 0.1, 3)


def test_mean_estimate_of_a_bernoulli_fraction():
    """A fraction is the mean of booleans; its se is the binomial sqrt(p(1 − p)/n)."""
    p, n = 0.3, 40_000
    x = np.random.default_rng(20).random(n) < p
    est = langevin.mean_estimate(x)
    assert est.n == n and est.value == x.mean()
    assert est.se == pytest.approx(np.sqrt(est.value * (1 - est.value) / (n - 1)), rel=1e-12)
    assert est.se == pytest.approx(np.sqrt(p * (1 - p) / n), rel=0.02)   # sqrt(p(1-p)/n)
    assert abs(est.z(p)) < 5
    # iat multiplies the variance of the mean: se ∝ sqrt(iat)
    assert langevin.mean_estimate(x, iat=4.0).se == pytest.approx(2 * est.se, rel=1e-14)


def test_mean_estimate_se_matches_the_spread_of_replicates():
    """10⁴ replicate means of 50 exponential draws: their spread is the reported se.

    The spread is known to ≈ 0.7 % (relative), so the 5 % tolerance is ≈ 7 of its SEs.
    """
    x = np.random.default_rng(21).exponential(size=(50, 10_000))
    est = langevin.mean_estimate(x)                     # axis 0: one estimate per replicate
    assert est.value.shape == est.se.shape == (10_000,) and est.n == 50
    spread = est.value.std(ddof=1)                      # true se 1/sqrt(50) = 0.1414
    assert spread == pytest.approx(1 / np.sqrt(50), rel=0.05)
    assert np.mean(est.se) == pytest.approx(spread, rel=0.05)
    np.testing.assert_array_equal(langevin.mean_estimate(x.T, axis=1).value, est.value)
    flat = langevin.mean_estimate(x, axis=None)
    assert flat.n == x.size and flat.value == pytest.approx(x.mean())


def test_variance_estimate_gaussian_and_uniform():
    n = 100_000
    z = np.random.default_rng(22).standard_normal(n)
    est = langevin.variance_estimate(z)
    assert est.value == pytest.approx(z.var(ddof=1), rel=1e-14)
    assert est.se == pytest.approx(np.sqrt(2 / n), rel=0.02)        # Gaussian: sqrt(2/n)
    assert abs(est.z(1.0)) < 5
    u = np.random.default_rng(23).random(n)
    d = u - u.mean()
    m2, m4 = np.mean(d**2), np.mean(d**4)
    est = langevin.variance_estimate(u)
    assert est.se == pytest.approx(np.sqrt((m4 - m2**2) / n), rel=1e-12)
    # population: m4 = 1/80, s⁴ = 1/144 -> se² = 1/(180 n); the Gaussian formula would be
    # (1/12)·sqrt(2/n), 1.55 times larger
    assert est.se == pytest.approx(np.sqrt(1 / 180 / n), rel=0.02)
    assert abs(est.z(1 / 12)) < 5


def test_variance_estimate_se_matches_the_spread_of_replicates():
    """10⁴ replicate variances of 200 uniforms: spread 0.00527 (known to ≈ 0.7 %) is the se;
    the Gaussian formula s²·sqrt(2/n) = 0.00833 would be 58 % too large."""
    u = np.random.default_rng(24).random((200, 10_000))
    est = langevin.variance_estimate(u, axis=0)
    spread = est.value.std(ddof=1)
    assert np.mean(est.se) == pytest.approx(spread, rel=0.05)
    assert np.mean(est.value) * np.sqrt(2 / 200) == pytest.approx(1.58 * spread, rel=0.05)


@pytest.mark.parametrize("values,kw,match", [
    ([], {}, r"values is empty"),
    ([1.0], {}, r"values needs at least 2 samples along axis 0"),
    ([1.0, np.nan, 2.0], {}, r"values must be finite; got 1 non-finite"),
    (np.zeros((3, 2)), {"axis": 2}, r"axis must be None or an int in \[-2, 2\)"),
    (["a", "b"], {}, r"values must be an array of numbers or booleans"),
    ([1.0, 2.0, 3.0], {"iat": 0.5}, r"iat must be a finite number >= 1.*got 0.5"),
    ([1.0, 2.0, 3.0], {"iat": np.inf}, r"iat must be a finite number >= 1"),
    (np.zeros((3, 2)), {"iat": [1.0, 2.0, 3.0]}, r"iat must broadcast to shape \(2,\)"),
])
def test_mean_estimate_bad_input(values, kw, match):
    with pytest.raises(ValueError, match=match):
        langevin.mean_estimate(values, **kw)


def test_variance_estimate_bad_input():
    with pytest.raises(ValueError, match="values needs at least 2 samples"):
        langevin.variance_estimate(np.zeros((1, 5)))
    with pytest.raises(ValueError, match="values must be finite"):
        langevin.variance_estimate([0.0, np.inf])


def test_chain_statistics_bad_input():
    traj = np.zeros((3, 2, 1))
    nan_traj = traj.copy()
    nan_traj[1, 0, 0] = np.nan
    with pytest.raises(ValueError, match="centers is empty"):
        mode_fractions(np.zeros((4, 1)), [])
    with pytest.raises(ValueError, match="centers is empty"):
        langevin.mode_fraction_history(traj, np.zeros((0, 1)))
    with pytest.raises(ValueError, match="centers must be finite"):
        mode_fractions(np.zeros((4, 1)), [0.0, np.nan])
    with pytest.raises(ValueError, match="samples must be finite; got 1 non-finite"):
        mode_fractions(np.array([[0.0], [np.nan]]), [0.0, 1.0])
    with pytest.raises(ValueError, match="samples is empty"):
        mode_fractions(np.zeros((0, 1)), [0.0, 1.0])
    with pytest.raises(ValueError, match="trajectory must be finite"):
        langevin.mode_fraction_history(nan_traj, [0.0, 1.0])
    with pytest.raises(ValueError, match="trajectory must be finite"):
        langevin.crossing_fraction(nan_traj)
    with pytest.raises(ValueError, match=r"trajectory is empty \(shape \(3, 0, 1\)\)"):
        langevin.crossing_fraction(np.zeros((3, 0, 1)))
    with pytest.raises(ValueError, match="threshold must be a finite number; got nan"):
        langevin.crossing_fraction(traj, threshold=np.nan)
    with pytest.raises(ValueError, match="trajectory must be finite"):
        mean_squared_displacement(nan_traj)
    with pytest.raises(ValueError, match="trajectory is empty"):
        mean_squared_displacement(np.zeros((3, 0, 2)))
    with pytest.raises(ValueError, match="velocities must be finite"):
        kinetic_temperature(np.array([[np.nan]]))
    with pytest.raises(ValueError, match="velocities is empty"):
        kinetic_temperature(np.zeros((0, 1)))
    with pytest.raises(ValueError, match="mass must be a finite number > 0; got 0"):
        kinetic_temperature(np.ones((2, 1)), mass=0.0)
