"""Trajectory loops: shapes, seeds, noise-free paths, divergence, and the statistical oracles
of DESIGN.md §6 (many independent chains in one vectorised array, fixed seeds, 5 SE)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import langevin
from langevin import (DivergenceError, FunctionPotential, Gaussian, GaussianMixture,
                      annealed_langevin, simulate, simulate_underdamped, ula_gaussian_covariance,
                      ula_gaussian_moments, ula_gaussian_variance)

from _stats import Z_ASSERT, Z_WRONG, check_variance, final_state


# ----------------------------------------------------------------------------- shapes, seeds
@pytest.mark.parametrize("shape", [(2,), (5, 2), (3, 4, 2)])
def test_trajectory_shapes(shape):
    g = Gaussian([0.0, 0.0], np.eye(2))
    x0 = np.random.default_rng(0).normal(size=shape)
    for method in ("ula", "mala"):
        traj = simulate(g, x0, step_size=0.1, n_steps=7, method=method, rng=1)
        assert traj.shape == (8, *shape)
        np.testing.assert_array_equal(traj[0], x0)
    xs, vs = simulate_underdamped(g, x0, np.zeros(shape), step_size=0.1, n_steps=7, friction=1.0,
                                  rng=1)
    assert xs.shape == vs.shape == (8, *shape)
    assert simulate(g, x0, step_size=0.1, n_steps=0).shape == (1, *shape)


def test_same_seed_gives_bit_identical_trajectories():
    gm = GaussianMixture.default()
    x0 = np.zeros((20, 1))
    for method in ("ula", "mala"):
        a = simulate(gm, x0, step_size=0.2, n_steps=50, method=method, rng=42)
        b = simulate(gm, x0, step_size=0.2, n_steps=50, method=method, rng=42)
        c = simulate(gm, x0, step_size=0.2, n_steps=50, method=method,
                     rng=np.random.default_rng(42))
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
        assert not np.array_equal(a, simulate(gm, x0, step_size=0.2, n_steps=50, method=method,
                                              rng=43))
    xs1, vs1 = simulate_underdamped(gm, x0, x0, step_size=0.1, n_steps=30, friction=1.0, rng=3)
    xs2, vs2 = simulate_underdamped(gm, x0, x0, step_size=0.1, n_steps=30, friction=1.0, rng=3)
    np.testing.assert_array_equal(xs1, xs2)
    np.testing.assert_array_equal(vs1, vs2)


def test_rng_accepts_none_int_and_generator():
    g = Gaussian(0.0, 1.0)
    x0 = np.zeros((4, 1))
    a = simulate(g, x0, step_size=0.1, n_steps=5, rng=None)
    b = simulate(g, x0, step_size=0.1, n_steps=5)
    assert a.shape == b.shape and not np.array_equal(a, b)  # fresh entropy each call
    gen = np.random.default_rng(5)
    first = simulate(g, x0, step_size=0.1, n_steps=5, rng=gen)
    second = simulate(g, x0, step_size=0.1, n_steps=5, rng=gen)  # the stream continues
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, simulate(g, x0, step_size=0.1, n_steps=5, rng=5))


def test_simulate_is_the_step_kernels_in_a_loop():
    gm = GaussianMixture([0.3, 0.7], [[-1.0, 0.0], [1.0, 1.0]],
                         [np.eye(2), [[0.5, 0.1], [0.1, 0.3]]])
    x0 = np.random.default_rng(0).normal(size=(6, 2))
    traj = simulate(gm, x0, step_size=0.1, n_steps=10, temperature=0.7, rng=8)
    gen, x = np.random.default_rng(8), x0
    for n in range(1, 11):
        x = langevin.ula_step(x, gm, 0.1, temperature=0.7, rng=gen)
        np.testing.assert_array_equal(traj[n], x)
    traj = simulate(gm, x0, step_size=0.3, n_steps=10, temperature=0.7, method="mala", rng=8)
    gen, x = np.random.default_rng(8), x0
    for n in range(1, 11):
        x, _ = langevin.mala_step(x, gm, 0.3, temperature=0.7, rng=gen)
        np.testing.assert_allclose(traj[n], x, rtol=1e-13, atol=1e-13)
    xs, vs = simulate_underdamped(gm, x0, -x0, step_size=0.1, n_steps=10, friction=2.0, mass=1.5,
                                  temperature=0.7, rng=8)
    gen, x, v = np.random.default_rng(8), x0, -x0
    for n in range(1, 11):
        x, v = langevin.baoab_step(x, v, gm, 0.1, friction=2.0, mass=1.5, temperature=0.7, rng=gen)
        np.testing.assert_allclose(xs[n], x, rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(vs[n], v, rtol=1e-13, atol=1e-13)


def test_inputs_are_never_modified():
    """The kernels work in place only on arrays they allocated themselves."""
    ident = FunctionPotential(lambda x: 0.5 * (x**2).sum(-1), lambda x: x, dim=1)  # ∇U aliases x
    x0 = np.linspace(-1, 1, 5)[:, None]
    keep = x0.copy()
    for pot in (ident, GaussianMixture.default(), GaussianMixture([0.3, 0.7], [-1.0, 2.0], [0.5, 1.5])):
        for method in ("ula", "mala"):
            simulate(pot, x0, step_size=0.1, n_steps=3, method=method, rng=0)
        simulate_underdamped(pot, x0, x0, step_size=0.1, n_steps=3, friction=1.0, rng=0)
        langevin.ula_step(x0, pot, 0.1, rng=0)
        for f in (pot.energy, pot.grad_energy, pot.score):
            f(x0)
        np.testing.assert_array_equal(x0, keep)
    gm = GaussianMixture.default()
    first = gm.grad_energy(x0)
    np.testing.assert_array_equal(gm.grad_energy(x0), first)  # no state kept between calls
    np.testing.assert_allclose(gm.responsibilities(x0).sum(-1), 1.0, rtol=1e-15)


# ----------------------------------------------------------------------------- no noise
def test_temperature_zero_draws_no_random_numbers():
    gm = GaussianMixture.default()
    x0 = np.linspace(-3, 3, 7)[:, None]
    gen = np.random.default_rng(0)
    state = gen.bit_generator.state
    a = simulate(gm, x0, step_size=0.1, n_steps=40, temperature=0, rng=gen)
    assert gen.bit_generator.state == state
    np.testing.assert_array_equal(a, simulate(gm, x0, step_size=0.1, n_steps=40, temperature=0,
                                              rng=999))
    xs, vs = simulate_underdamped(gm, x0, np.zeros_like(x0), step_size=0.1, n_steps=40,
                                  friction=1.0, temperature=0.0, rng=gen)
    assert gen.bit_generator.state == state
    xs2, _ = simulate_underdamped(gm, x0, np.zeros_like(x0), step_size=0.1, n_steps=40,
                                  friction=1.0, temperature=0.0, rng=7)
    np.testing.assert_array_equal(xs, xs2)


@pytest.mark.parametrize("m,s2,tau", [(1.0, 2.0, 0.2), (-0.5, 0.5, 0.8), (0.0, 1.0, 1.9)])
def test_noise_free_ula_on_gaussian_is_geometric(m, s2, tau):
    x0 = np.array([[3.0], [-2.0], [m]])
    traj = simulate(Gaussian(m, s2), x0, step_size=tau, n_steps=60, temperature=0)
    a = 1 - tau / s2
    n = np.arange(61)[:, None, None]
    np.testing.assert_allclose(traj, m + a**n * (x0 - m), rtol=1e-12, atol=1e-12)
    mean_n, var_n = ula_gaussian_moments(3.0, 0.0, m, s2, tau, np.arange(61), temperature=0)
    np.testing.assert_allclose(traj[:, 0, 0], mean_n, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(var_n, 0.0)


# ----------------------------------------------------------------------------- divergence
UNSTABLE = r"step_size=2\.5 is at or past the stability bound of ULA on this Gaussian \(stable iff step_size < 2\)"

def test_diverging_ula_chain_raises_at_the_first_non_finite_step():
    g, tau, x0 = Gaussian(0.0, 1.0), 2.5, np.array([[1.0], [0.5]])
    with pytest.raises(DivergenceError) as info, pytest.warns(RuntimeWarning, match=UNSTABLE):
        simulate(g, x0, step_size=tau, n_steps=5000, rng=0)
    err = info.value
    assert isinstance(err, FloatingPointError)
    assert err.bound == 2.0
    assert f"step {err.step}" in str(err) and "step_size < 2;" in str(err)
    assert "step_size=2.5" in str(err)
    # reproduce the count independently: x' = x − τ∇U(x) + √(2τ) z, ∇U(x) = x, with the same
    # random stream and the update's arithmetic (τx overflows one step before (1 − τ)x would)
    gen, x, step = np.random.default_rng(0), x0.copy(), 0
    with np.errstate(over="ignore", invalid="ignore"):
        while np.isfinite(x).all():
            step += 1
            x = x - tau * x + np.sqrt(2 * tau) * gen.standard_normal(x.shape)
    assert err.step == step
    assert 1500 < step < 2000  # |1 − τ|^n = 1.5^n reaches the float limit near n ≈ 1750


def test_diverging_noise_free_chain_step_count():
    with pytest.raises(DivergenceError) as info, pytest.warns(RuntimeWarning, match=UNSTABLE):
        simulate(Gaussian(0.0, 1.0), np.array([1.0]), step_size=2.5, n_steps=5000, temperature=0)
    x, step = 1.0, 0
    with np.errstate(over="ignore", invalid="ignore"):
        while np.isfinite(x):
            step += 1
            x = np.float64(x) - 2.5 * np.float64(x)  # x − τ∇U(x)
    assert info.value.step == step


def test_no_divergence_error_before_the_state_goes_non_finite():
    with pytest.warns(RuntimeWarning, match=UNSTABLE):
        traj = simulate(Gaussian(0.0, 1.0), np.array([1.0]), step_size=2.5, n_steps=100, rng=0)
    assert np.isfinite(traj).all() and abs(traj[-1, 0]) > 1e10


def test_diverging_verlet_names_its_bound_and_unknown_bound_is_none():
    with (pytest.raises(DivergenceError, match=r"not finite at step \d+.*step_size < 2;") as info,
          pytest.warns(RuntimeWarning, match=r"stability bound of VERLET.*step_size < 2\)")):
        simulate_underdamped(Gaussian(0.0, 1.0), [1.0], [0.0], step_size=2.5, n_steps=5000,
                             friction=0.0, temperature=0.0)
    assert info.value.bound == 2.0
    steep = FunctionPotential(lambda x: (x**2).sum(-1), lambda x: 2 * x, dim=1)
    with pytest.raises(DivergenceError, match="no exact stability bound") as info:
        simulate(steep, [1.0], step_size=1.5, n_steps=5000, temperature=0)
    assert info.value.bound is None and info.value.step > 0


# ----------------------------------------------------------------------------- statistical oracles
N_CHAINS = 200_000  # ULA bias 2.105 vs 2.0 is then ≥ 15 SE away


def test_ula_stationary_variance_is_biased():
    s2, tau = 2.0, 0.2
    # stationarity error a^{2n} v∞ with a = 0.9, n = 200: 0.9^400 ≈ 5e-19
    x = final_state(Gaussian(0.0, s2), np.zeros((N_CHAINS, 1)), n_steps=200, rng=10,
                    step_size=tau)
    expected = ula_gaussian_variance(s2, tau)
    assert abs(expected - 2.105263157894737) < 1e-12
    check_variance(x.var(), expected, s2, N_CHAINS, "ULA stationary variance")


def test_mala_removes_the_bias():
    s2, tau = 2.0, 0.2
    x = final_state(Gaussian(0.0, s2), np.zeros((N_CHAINS, 1)), n_steps=200, rng=11,
                    step_size=tau, method="mala")
    check_variance(x.var(), s2, ula_gaussian_variance(s2, tau), N_CHAINS, "MALA variance")


@pytest.mark.parametrize("temp", [0.5, 2.0])
def test_ula_variance_scales_with_temperature(temp):
    s2, tau, n = 1.0, 0.5, 40_000
    x = final_state(Gaussian(0.0, s2), np.zeros((n, 1)), n_steps=60, rng=12, step_size=tau,
                    temperature=temp)
    expected = temp * ula_gaussian_variance(s2, tau)
    assert expected == pytest.approx(ula_gaussian_variance(s2, tau, temp), rel=1e-14)
    check_variance(x.var(), expected, temp * s2, n, f"ULA variance at T={temp}")
    check_variance(x.var(), expected, ula_gaussian_variance(s2, tau), n, "T-independent variance")


def test_ula_stationary_covariance_2d():
    cov = np.array([[1.0, 0.5], [0.5, 0.8]])
    tau, temp, n = 0.4, 1.3, 100_000
    x = final_state(Gaussian([1.0, -1.0], cov), np.zeros((n, 2)), n_steps=150, rng=13,
                    step_size=tau, temperature=temp)
    expected = ula_gaussian_covariance(cov, tau, temp)
    c = np.cov(x.T)
    se = np.sqrt((np.outer(np.diag(expected), np.diag(expected)) + expected**2) / n)
    assert np.max(np.abs(c - expected) / se) < Z_ASSERT, (c, expected)
    wrong = temp * cov  # the unbiased target covariance
    assert np.max(np.abs(wrong - expected) / se) >= Z_WRONG
    # every entry: the elementwise (1 − τ/(2σ²))⁻¹ correction is wrong when Σ is not diagonal
    wrong_elementwise = temp * cov / (1 - tau / (2 * np.diag(cov)))[:, None]
    assert np.max(np.abs(wrong_elementwise - expected) / se) >= Z_WRONG


def test_ula_autocorrelation_and_integrated_time():
    s2, tau = 2.0, 0.2
    a = 1 - tau / s2
    n_chains, n_steps = 1000, 4000
    x0 = np.random.default_rng(14).normal(scale=np.sqrt(ula_gaussian_variance(s2, tau)),
                                          size=(n_chains, 1))  # start stationary
    traj = simulate(Gaussian(0.0, s2), x0, step_size=tau, n_steps=n_steps, rng=15)
    rho = langevin.autocorrelation(traj, max_lag=10)
    assert rho.shape == (11, 1)
    np.testing.assert_allclose(rho[:, 0], a ** np.arange(11), atol=0.01)
    iat = langevin.integrated_autocorrelation_time(traj)[0]
    assert iat == pytest.approx((1 + a) / (1 - a), rel=0.05)  # 19
    ess = langevin.effective_sample_size(traj)[0]
    assert ess == pytest.approx((n_steps + 1) * n_chains / iat, rel=1e-12)


def test_ula_n_step_mean_and_variance():
    m, s2, tau, x0, n = 1.0, 2.0, 0.5, 3.0, N_CHAINS
    traj = simulate(Gaussian(m, s2), np.full((n, 1), x0), step_size=tau, n_steps=8, rng=16)
    steps = np.arange(9)
    mean_n, var_n = ula_gaussian_moments(x0, 0.0, m, s2, tau, steps)
    # the continuous-time Ornstein–Uhlenbeck law at t = nτ is the wrong answer for fixed τ
    ou_mean = m + np.exp(-steps * tau / s2) * (x0 - m)
    ou_var = s2 * (1 - np.exp(-2 * steps * tau / s2))
    for k in steps[1:]:
        xs = traj[k, :, 0]
        se_m, se_v = np.sqrt(var_n[k] / n), var_n[k] * np.sqrt(2 / n)
        assert abs(xs.mean() - mean_n[k]) < Z_ASSERT * se_m, k
        assert abs(xs.var() - var_n[k]) < Z_ASSERT * se_v, k
        assert max(abs(ou_mean[k] - mean_n[k]) / se_m, abs(ou_var[k] - var_n[k]) / se_v) >= Z_WRONG
    assert traj[0].var() == 0.0


def test_ou_limit_small_step():
    """For small τ the n-step law approaches the exact Ornstein–Uhlenbeck transition."""
    m, s2, x0, t = 1.0, 2.0, 3.0, 1.0
    for tau, tol in ((0.01, 5e-3), (0.001, 5e-4)):
        n = int(round(t / tau))
        mean_n, var_n = ula_gaussian_moments(x0, 0.0, m, s2, tau, n)
        assert mean_n == pytest.approx(m + np.exp(-t / s2) * (x0 - m), rel=tol)
        assert var_n == pytest.approx(s2 * (1 - np.exp(-2 * t / s2)), rel=tol)


def test_free_particle_msd_is_einstein():
    free = FunctionPotential(lambda x: np.zeros(x.shape[:-1]), lambda x: np.zeros_like(x), dim=2)
    n, tau, temp = 20_000, 0.1, 0.7
    traj = simulate(free, np.zeros((n, 2)), step_size=tau, n_steps=50, temperature=temp, rng=17)
    msd = langevin.mean_squared_displacement(traj)
    expected = langevin.einstein_msd(tau * np.arange(51), temperature=temp, friction=1.0, dim=2)
    se = expected / np.sqrt(n)  # |d|² = σ² χ²₂ has sd equal to its mean
    assert np.all(np.abs(msd[1:] - expected[1:]) < Z_ASSERT * se[1:])
    assert np.all(np.abs(expected[1:] / 2 - expected[1:]) >= Z_WRONG * se[1:])  # √(τT) noise


def _mix_cdf(x, w=(0.3, 0.7), mu=(-1.0, 2.0), var=(0.5, 1.5)):
    return sum(wk * stats.norm(m, np.sqrt(v)).cdf(x) for wk, m, v in zip(w, mu, var))


def test_mala_preserves_mixture_exactly_ula_does_not():
    gm = GaussianMixture([0.3, 0.7], [-1.0, 2.0], [0.5, 1.5])
    x0 = gm.sample(20_000, rng=18)
    x_mala = simulate(gm, x0, step_size=0.5, n_steps=30, method="mala", rng=19)[-1, :, 0]
    assert stats.kstest(x_mala, _mix_cdf).pvalue > 1e-3
    x_ula = simulate(gm, x0, step_size=0.5, n_steps=30, rng=19)[-1, :, 0]
    assert stats.kstest(x_ula, _mix_cdf).pvalue < 1e-6  # ULA's bias is visible at this τ


# ----------------------------------------------------------------------------- keep, return_info
def _mix2d():
    return GaussianMixture([0.3, 0.7], [[-1.0, 0.0], [1.0, 1.0]],
                           [np.eye(2), [[0.5, 0.1], [0.1, 0.3]]])


@pytest.mark.parametrize("method", ["ula", "mala"])
@pytest.mark.parametrize("k", [1, 2, 3, 7, 20, 21, 50])
def test_keep_every_kth_step_is_the_full_trajectory_sliced_bit_for_bit(method, k):
    gm, n_steps = _mix2d(), 20
    x0 = np.random.default_rng(0).normal(size=(9, 2))
    full = simulate(gm, x0, step_size=0.3, n_steps=n_steps, method=method, rng=5)
    gen = np.random.default_rng(5)
    sub = simulate(gm, x0, step_size=0.3, n_steps=n_steps, method=method, rng=gen, keep=k)
    assert sub.shape == (n_steps // k + 1, 9, 2)
    np.testing.assert_array_equal(sub, full[::k])
    # the same random stream was consumed: the generator is where a full run leaves it
    ref = np.random.default_rng(5)
    simulate(gm, x0, step_size=0.3, n_steps=n_steps, method=method, rng=ref)
    assert gen.bit_generator.state == ref.bit_generator.state


@pytest.mark.parametrize("method", ["ula", "mala"])
def test_keep_final_is_the_last_state_bit_for_bit(method):
    gm = _mix2d()
    x0 = np.random.default_rng(1).normal(size=(4, 3, 2))
    full = simulate(gm, x0, step_size=0.2, n_steps=33, method=method, rng=6)
    last = simulate(gm, x0, step_size=0.2, n_steps=33, method=method, rng=6, keep="final")
    assert last.shape == x0.shape
    np.testing.assert_array_equal(last, full[-1])
    assert np.array_equal(simulate(gm, x0, step_size=0.2, n_steps=33, method=method, rng=6,
                                   keep="all"), full)


def test_keep_final_with_no_steps_is_a_copy_of_x0():
    x0 = np.ones((3, 1))
    out = simulate(Gaussian(0.0, 1.0), x0, step_size=0.1, n_steps=0, keep="final")
    np.testing.assert_array_equal(out, x0)
    out += 1.0
    np.testing.assert_array_equal(x0, 1.0)
    xs, vs = simulate_underdamped(Gaussian(0.0, 1.0), x0, x0, step_size=0.1, n_steps=0,
                                  friction=1.0, keep="final")
    xs += 1.0
    vs += 1.0
    np.testing.assert_array_equal(x0, 1.0)


@pytest.mark.parametrize("keep", ["final", 1, 4, 30])
def test_underdamped_keep_is_the_full_run_sliced_bit_for_bit(keep):
    gm, n_steps = _mix2d(), 30
    x0 = np.random.default_rng(2).normal(size=(5, 2))
    kw = dict(step_size=0.1, n_steps=n_steps, friction=1.5, mass=1.3, temperature=0.8)
    xs, vs = simulate_underdamped(gm, x0, -x0, rng=7, **kw)
    xk, vk = simulate_underdamped(gm, x0, -x0, rng=7, keep=keep, **kw)
    if keep == "final":
        np.testing.assert_array_equal(xk, xs[-1])
        np.testing.assert_array_equal(vk, vs[-1])
    else:
        assert xk.shape == vk.shape == (n_steps // keep + 1, 5, 2)
        np.testing.assert_array_equal(xk, xs[::keep])
        np.testing.assert_array_equal(vk, vs[::keep])


def test_keep_final_holds_only_the_state_in_memory():
    """10⁴ chains × 400 steps: the whole trajectory is 32 MB; keep="final" stays near x0's size."""
    import tracemalloc
    g, x0 = Gaussian(0.0, 1.0), np.zeros((10_000, 1))  # 80 kB per state
    tracemalloc.start()
    try:
        simulate(g, x0, step_size=0.1, n_steps=400, rng=0, keep="final")
        _, peak_final = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        simulate(g, x0, step_size=0.1, n_steps=400, rng=0, keep=100)
        _, peak_k = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak_final < 20 * x0.nbytes, peak_final       # a handful of temporaries
    assert peak_k < (5 + 20) * x0.nbytes, peak_k          # 5 kept states + temporaries


def test_acceptance_rate_is_the_fraction_of_moves_per_chain():
    gm = _mix2d()
    x0 = np.random.default_rng(3).normal(scale=2.0, size=(60, 2))
    kw = dict(step_size=0.9, n_steps=150, method="mala")
    traj = simulate(gm, x0, rng=8, **kw)
    moved = np.any(traj[1:] != traj[:-1], axis=-1)        # (n_steps, n_chains)
    expected = moved.sum(axis=0) / kw["n_steps"]
    assert 0.05 < expected.min() < expected.max() < 0.99  # differs from chain to chain
    for keep in ("all", "final", 7):
        states, info = simulate(gm, x0, rng=8, keep=keep, return_info=True, **kw)
        assert isinstance(info, langevin.SimulationInfo)
        assert info.acceptance_rate.shape == (60,)
        np.testing.assert_array_equal(info.acceptance_rate, expected)
        assert info.method == "mala" and info.n_steps == 150
    np.testing.assert_array_equal(states, traj[::7])
    # ULA always moves
    _, info = simulate(gm, x0.reshape(3, 20, 2), step_size=0.1, n_steps=5, rng=0,
                       return_info=True)
    assert info.acceptance_rate.shape == (3, 20)
    np.testing.assert_array_equal(info.acceptance_rate, 1.0)
    # no step, no proposal: the MALA rate is undefined
    _, info = simulate(gm, x0, step_size=0.1, n_steps=0, method="mala", return_info=True)
    assert np.isnan(info.acceptance_rate).all()
    with pytest.raises(AttributeError):
        info.method = "ula"  # frozen


# ----------------------------------------------------------------------------- annealed Langevin
SIGMAS = np.geomspace(20.0, 0.01, 10)
SONG_ERMON = GaussianMixture([0.8, 0.2], [5.0, -5.0], [1.0, 1.0])  # 0.8 N(5, 1) + 0.2 N(−5, 1)


def _ula_law_on_grids(levels, lo=-8.0, hi=8.0):
    """Exact law of ULA started uniform on [lo, hi] (mass on a grid), run level after level.

    ``levels``: (potential, τ, n_steps, grid). Each step is the transition matrix
    K(y | x) ∝ exp(−(y − x + τU′(x))² / 4τ) on that level's grid (columns normalised); the
    density passes between grids by linear interpolation. Independent of the sampler's loop.
    """
    w = grid = None
    for pot, tau, n, g in levels:
        if w is None:
            w = ((g > lo) & (g < hi)).astype(float)
        else:
            w = np.interp(g, grid, w / (grid[1] - grid[0]), left=0.0, right=0.0) * (g[1] - g[0])
        w /= w.sum()
        drift = g - tau * pot.grad_energy(g[:, None])[:, 0]
        k = np.exp(-((g[:, None] - drift[None, :]) ** 2) / (4 * tau))
        k /= k.sum(axis=0, keepdims=True)
        for _ in range(n):
            w = k @ w
        grid = g
    return grid, w


def _grid(sigma, tau):
    """Wide enough for the σ-noised law (modes ±5, sd √(1 + σ²)), five points per noise sd."""
    r, dx = 10 + 6 * np.sqrt(1 + sigma**2), np.sqrt(2 * tau) / 5
    return np.arange(-r, r + dx / 2, dx)


def test_annealed_langevin_recovers_the_weights_plain_langevin_does_not():
    """DESIGN §6 (Song & Ermon 2019, Fig. 3): 5000 starts uniform on [−8, 8]. Plain ULA
    (τ = 0.05, 1000 steps) leaves ≈ 0.50 of the chains right of 0; ten geometric levels
    σ = 20 … 0.01, 100 steps each, τᵢ = 0.05(1 + σᵢ²): ≈ 0.76. Each fraction is compared with
    the exact law of that sampler (transition matrices on a grid, converged to < 1e-3) at
    5 SE of a fraction of 5000 chains (SE ≈ 0.007)."""
    n = 5000
    x0 = np.random.default_rng(0).uniform(-8.0, 8.0, size=(n, 1))
    taus = 0.05 * (1 + SIGMAS**2)
    plain = (simulate(SONG_ERMON, x0, step_size=0.05, n_steps=1000, rng=1, keep="final") > 0).mean()
    annealed = (annealed_langevin(SONG_ERMON, x0, sigmas=SIGMAS, steps_per_level=100,
                                  step_size=taus, rng=2) > 0).mean()
    g, w = _ula_law_on_grids([(SONG_ERMON, 0.05, 1000, _grid(0.0, 0.05))])
    exact_plain = w[g > 0].sum()
    g, w = _ula_law_on_grids([(SONG_ERMON.noised(s), t, 100, _grid(s, t))
                              for s, t in zip(SIGMAS, taus)])
    exact_annealed = w[g > 0].sum()
    assert abs(exact_plain - 0.509) < 2e-3 and abs(exact_annealed - 0.7547) < 1e-3
    for measured, exact, wrong in ((plain, exact_plain, 0.8), (annealed, exact_annealed, exact_plain)):
        se = np.sqrt(exact * (1 - exact) / n)
        assert abs(measured - exact) < Z_ASSERT * se, (measured, exact, se)
        assert abs(wrong - exact) >= Z_WRONG * se  # plain misses the weight; annealing fixes it
    assert abs(plain - 0.50) < 0.02 and abs(annealed - 0.76) < 0.02  # the numbers DESIGN quotes


def test_annealed_langevin_on_a_gaussian_follows_the_exact_recurrence():
    """On N(m, s²) each level is linear: mean ← m + a(mean − m), var ← a²var + 2τT with
    a = 1 − τ/(s² + σ²). 10⁵ chains, 5 SE; the target's variance is ≫ 10 SE away."""
    m, s2, eps, steps, n = 1.0, 0.5, 0.05, 4, 100_000
    sig = np.array([3.0, 1.0, 0.3])
    x0 = np.random.default_rng(3).normal(0.0, 2.0, size=(n, 1))
    x = annealed_langevin(Gaussian(m, s2), x0, sigmas=sig, steps_per_level=steps, step_size=eps,
                          rng=4)
    mean, var = 0.0, 4.0
    for s, tau in zip(sig, eps * sig**2 / sig[-1] ** 2):  # the paper's rule τᵢ = ε σᵢ²/σ_L²
        a = 1 - tau / (s2 + s**2)
        for _ in range(steps):
            mean, var = m + a * (mean - m), a * a * var + 2 * tau
    assert abs(x.mean() - mean) < Z_ASSERT * np.sqrt(var / n)
    check_variance(x.var(), var, s2, n, "annealed variance")


def test_annealed_langevin_is_ula_level_after_level():
    gm = GaussianMixture([0.3, 0.7], [[-1.0, 0.0], [1.0, 1.0]],
                         [np.eye(2), [[0.5, 0.1], [0.1, 0.3]]])
    x0 = np.random.default_rng(5).normal(size=(7, 2))
    sig = np.array([2.0, 0.7, 0.1])
    levels = annealed_langevin(gm, x0, sigmas=sig, steps_per_level=6, step_size=0.01,
                               temperature=0.6, rng=6, keep="levels")
    assert levels.shape == (4, 7, 2)
    np.testing.assert_array_equal(levels[0], x0)
    gen, x = np.random.default_rng(6), x0
    taus = 0.01 * sig**2 / sig[-1] ** 2  # τᵢ = ε σᵢ²/σ_L²
    for i, s in enumerate(sig):
        x = simulate(gm.noised(s), x, step_size=taus[i], n_steps=6, temperature=0.6, rng=gen,
                     keep="final")
        np.testing.assert_array_equal(levels[i + 1], x)
    final = annealed_langevin(gm, x0, sigmas=sig, steps_per_level=6, step_size=0.01,
                              temperature=0.6, rng=6)
    np.testing.assert_array_equal(final, levels[-1])
    # a float ε is the array ε σᵢ²/σ_L², bit for bit
    np.testing.assert_array_equal(final, annealed_langevin(
        gm, x0, sigmas=sig, steps_per_level=6, step_size=taus, temperature=0.6, rng=6))
    # no noise, no random numbers
    gen = np.random.default_rng(0)
    state = gen.bit_generator.state
    annealed_langevin(gm, x0, sigmas=sig, steps_per_level=6, step_size=0.01, temperature=0.0,
                      rng=gen)
    assert gen.bit_generator.state == state


def test_annealed_langevin_warns_and_raises_at_an_unstable_level():
    g = Gaussian(0.0, 1.0)  # level 2: N(0, 1.25), ULA bound 2.5
    with (pytest.warns(RuntimeWarning, match=r"step_size=3 \(level 2, sigma=0\.5\) is at or past "
                                              r"the stability bound of ULA on this Gaussian "
                                              r"\(stable iff step_size < 2\.5\)"),
          pytest.raises(DivergenceError, match=r"not finite at step \d+ \(level 2 of 2, "
                                               r"sigma=0\.5\); the stability bound") as info):
        annealed_langevin(g, np.ones((3, 1)), sigmas=[1.0, 0.5], steps_per_level=5000,
                          step_size=[0.1, 3.0], rng=0)
    assert info.value.step > 5000 and info.value.bound == 2.5
