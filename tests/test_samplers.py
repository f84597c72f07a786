"""One-step kernels: exact arithmetic, randomness, MALA's acceptance rule, Verlet/BAOAB."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import langevin
from langevin import (DoubleWell, FunctionPotential, Gaussian, GaussianMixture, baoab_step,
                      mala_step, ula_step, velocity_verlet_step)
from langevin.samplers import _mala

from _stats import check_variance, final_state_underdamped


def free_particle(dim=1):
    return FunctionPotential(lambda x: np.zeros(x.shape[:-1]), lambda x: np.zeros_like(x), dim=dim)


def rng_state(g):
    return g.bit_generator.state


# ----------------------------------------------------------------------------- ULA
def test_ula_step_is_exactly_the_update():
    g = Gaussian([1.0, -1.0], [[2.0, 0.3], [0.3, 1.0]])
    x = np.random.default_rng(0).normal(size=(6, 2))
    tau, temp = 0.15, 0.7
    z = np.random.default_rng(9).standard_normal(x.shape)
    expected = x - tau * g.grad_energy(x) + np.sqrt(2 * tau * temp) * z
    np.testing.assert_allclose(ula_step(x, g, tau, temperature=temp, rng=9), expected,
                               rtol=1e-14, atol=1e-15)


def test_ula_step_noise_free_is_gradient_ascent_and_draws_nothing():
    g = Gaussian(2.0, 4.0)
    gen = np.random.default_rng(1)
    before = rng_state(gen)
    x1 = ula_step(np.array([[0.0], [6.0]]), g, 0.5, temperature=0, rng=gen)
    assert rng_state(gen) == before  # no random numbers drawn at T = 0
    np.testing.assert_allclose(x1, [[0.25], [5.5]], rtol=1e-15)  # x + τ(m − x)/s²
    np.testing.assert_array_equal(x1, ula_step(np.array([[0.0], [6.0]]), g, 0.5, temperature=0,
                                               rng=12345))


# ----------------------------------------------------------------------------- MALA
def test_mala_acceptance_is_the_metropolis_hastings_ratio():
    """Reproduce every accept/reject decision from the densities, computed independently."""
    w, mu = np.array([0.35, 0.65]), np.array([[-1.0, 0.5], [1.5, -0.5]])
    covs = np.array([[[0.6, 0.2], [0.2, 0.9]], [[1.4, -0.3], [-0.3, 0.5]]])
    gm = GaussianMixture(w, mu, covs)
    n, tau, temp = 4000, 0.6, 1.3
    x = np.random.default_rng(2).normal(scale=1.5, size=(n, 2))
    x_next, acc = mala_step(x, gm, tau, temperature=temp, rng=21)
    assert acc.shape == (n,) and acc.dtype == bool
    assert 0.2 < acc.mean() < 0.95  # both branches exercised

    # the same random stream: n×2 normals for the proposal, then n uniforms
    gen = np.random.default_rng(21)
    z = gen.standard_normal((n, 2))
    u = gen.random(n)

    def log_pi(y):  # log target at temperature T, up to a constant
        dens = sum(wk * stats.multivariate_normal(m, c).pdf(y) for wk, m, c in zip(w, mu, covs))
        return np.log(dens) / temp

    def score(y):
        dens = np.stack([wk * stats.multivariate_normal(m, c).pdf(y)
                         for wk, m, c in zip(w, mu, covs)], -1)
        r = dens / dens.sum(-1, keepdims=True)
        return sum(r[:, k, None] * ((mu[k] - y) @ np.linalg.inv(covs[k])) for k in range(2))

    def log_q(to, frm):  # density of proposing `to` from `frm`
        return stats.norm(frm + tau * score(frm), np.sqrt(2 * tau * temp)).logpdf(to).sum(-1)

    y = x + tau * score(x) + np.sqrt(2 * tau * temp) * z
    log_alpha = log_pi(y) - log_pi(x) + log_q(x, y) - log_q(y, x)
    clear = np.abs(np.log(u) - log_alpha) > 1e-8  # skip ties within rounding
    assert clear.mean() > 0.99
    np.testing.assert_array_equal(acc[clear], (np.log(u) < log_alpha)[clear])
    np.testing.assert_allclose(x_next[acc], y[acc], rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(x_next[~acc], x[~acc])


@pytest.mark.parametrize("pot,tau", [(GaussianMixture.default(), 0.05),   # < 1/16 rejected
                                     (GaussianMixture.default(), 1.5),    # ~ 1/3 rejected
                                     (Gaussian([0.0, 1.0], [[1.0, 0.3], [0.3, 2.0]]), 0.1),
                                     (Gaussian([0.0, 1.0], [[1.0, 0.3], [0.3, 2.0]]), 1.2)])
def test_mala_accept_step_copies_exactly_the_accepted_proposals(pot, tau):
    """Both ways of writing the accepted proposals (few or many rejections): bit for bit."""
    x = np.random.default_rng(3).normal(scale=2.0, size=(3000, pot.dim))
    u, g = (np.array(a) for a in pot.energy_and_grad(x))
    gen = np.random.default_rng(8)
    y = x - tau * g + np.sqrt(2 * tau) * gen.standard_normal(x.shape)
    u_y, g_y = pot.energy_and_grad(y)
    n_acc = np.full(x.shape[0], 5, dtype=np.int64)
    x1, acc, u1, g1 = _mala(x.copy(), pot, tau, 1.0, np.random.default_rng(8), u.copy(),
                            g.copy(), n_acc)
    assert (acc.mean() > 15 / 16) == (tau < 0.5) and 0 < acc.mean() < 1
    np.testing.assert_array_equal(n_acc, 5 + acc)
    np.testing.assert_array_equal(x1, np.where(acc[:, None], y, x))
    np.testing.assert_array_equal(u1, np.where(acc, u_y, u))
    np.testing.assert_array_equal(g1, np.where(acc[:, None], g_y, g))


def test_mala_needs_positive_temperature():
    with pytest.raises(ValueError, match=r"temperature must be > 0 for MALA.*got 0"):
        mala_step(np.zeros(1), Gaussian(0.0, 1.0), 0.1, temperature=0)


# ----------------------------------------------------------------------------- Verlet, BAOAB
def test_velocity_verlet_one_step_closed_form():
    g = Gaussian(0.0, 1.0)
    h, m = 0.1, 2.0
    x, v = velocity_verlet_step(np.array([1.0]), np.array([0.5]), g, h, mass=m)
    v_half = 0.5 - 0.5 * h / m * 1.0
    x_exp = 1.0 + h * v_half
    np.testing.assert_allclose(x, [x_exp], rtol=1e-15)
    np.testing.assert_allclose(v, [v_half - 0.5 * h / m * x_exp], rtol=1e-15)


def test_baoab_without_friction_and_noise_is_velocity_verlet():
    pot = DoubleWell(1.3)
    x = xb = np.array([[1.4], [-0.3], [0.1]])
    v = vb = np.array([[0.0], [1.0], [-2.0]])
    for _ in range(25):
        x, v = velocity_verlet_step(x, v, pot, 0.05, mass=1.5)
        xb, vb = baoab_step(xb, vb, pot, 0.05, friction=0.0, temperature=0.0, mass=1.5, rng=0)
        np.testing.assert_allclose(xb, x, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(vb, v, rtol=1e-12, atol=1e-12)
    xs, vs = langevin.simulate_underdamped(pot, [[1.4], [-0.3], [0.1]], [[0.0], [1.0], [-2.0]],
                                           step_size=0.05, n_steps=25, friction=0.0,
                                           temperature=0.0, mass=1.5)
    np.testing.assert_allclose(xs[-1], x, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(vs[-1], v, rtol=1e-12, atol=1e-12)


def _max_energy_error(h, t_end=10.0, mass=1.5):
    pot = DoubleWell(1.0)
    x, v = np.array([1.6]), np.array([0.0])
    e0 = pot.energy(x) + 0.5 * mass * v @ v
    err = 0.0
    for _ in range(int(round(t_end / h))):
        x, v = velocity_verlet_step(x, v, pot, h, mass=mass)
        err = max(err, abs(pot.energy(x) + 0.5 * mass * v @ v - e0))
    return err


def test_velocity_verlet_energy_error_is_second_order():
    e1, e2, e3 = (_max_energy_error(h) for h in (0.04, 0.02, 0.01))
    assert e1 < 0.05
    # halving h quarters the maximum energy error (O(h²)); first order would give 2
    assert 3.5 < e1 / e2 < 4.5, (e1, e2)
    assert 3.5 < e2 / e3 < 4.5, (e2, e3)


def test_baoab_free_particle_noise_free_friction_is_exact_exponential_decay():
    """Zero force, T = 0: v_n = e^{-γ n h/m} v_0 and x advances by h(1 + c1)/2 · v each step."""
    h, gamma, m = 0.1, 1.5, 2.0
    c1 = np.exp(-gamma * h / m)
    xs, vs = langevin.simulate_underdamped(free_particle(), [[0.0]], [[2.0]], step_size=h,
                                           n_steps=30, friction=gamma, mass=m, temperature=0.0)
    n = np.arange(31)
    np.testing.assert_allclose(vs[:, 0, 0], 2.0 * np.exp(-gamma * n * h / m), rtol=1e-12)
    np.testing.assert_allclose(np.diff(xs[:, 0, 0]), 0.5 * h * (1 + c1) * vs[:-1, 0, 0], rtol=1e-12)


def test_baoab_ornstein_uhlenbeck_velocity_law_for_a_free_particle():
    """The O step is exact: from v0 = 0, v_n ~ N(0, T/m (1 − e^{−2γ n h/m}))."""
    h, gamma, m, temp, n_steps, n = 0.1, 1.5, 2.0, 0.8, 10, 100_000
    _, v = final_state_underdamped(free_particle(), np.zeros((n, 1)), np.zeros((n, 1)),
                                   n_steps=n_steps, rng=5, step_size=h, friction=gamma, mass=m,
                                   temperature=temp)
    expected = temp / m * (1 - np.exp(-2 * gamma * n_steps * h / m))
    wrong = temp / m * (1 - np.exp(-gamma * n_steps * h / m))  # c1 = e^{-γh/(2m)}
    check_variance(v.var(), expected, wrong, n, "velocity variance")


def test_baoab_position_variance_exact_for_large_step_on_harmonic():
    """BAOAB samples positions exactly (kT/k) at any stable h; here h = 1 on N(0, 1)."""
    n, h, temp = 50_000, 1.0, 1.0
    x, v = final_state_underdamped(Gaussian(0.0, 1.0), np.zeros((n, 1)), np.zeros((n, 1)),
                                   n_steps=100, rng=6, step_size=h, friction=1.0,
                                   temperature=temp)
    # a biased integrator (e.g. ABOBA / Verlet-like) would give kT/k / (1 − h²ω²/4)
    check_variance(x.var(), temp, temp / (1 - h**2 / 4), n, "position variance")
    # the velocity variance is NOT kT/m at this h (it is biased, about T(1 − h²/4)):
    assert abs(langevin.kinetic_temperature(v) - temp) > 10 * temp * np.sqrt(2 / n)


def test_baoab_equipartition_at_small_step():
    n, h, m, temp = 50_000, 0.05, 2.0, 1.5
    x, v = final_state_underdamped(Gaussian(0.0, 0.5), np.zeros((n, 1)), np.zeros((n, 1)),
                                   n_steps=300, chunk=50, rng=7, step_size=h, friction=4.0,
                                   mass=m, temperature=temp)
    # ⟨m v²⟩ = kT per dimension; forgetting the mass in the O step would give kT/m·... etc.
    check_variance(langevin.kinetic_temperature(v, mass=m), temp, temp / m, n,
                   "kinetic temperature")
    check_variance(x.var(), temp * 0.5, temp * 0.5 * m, n, "position variance")


# ----------------------------------------------------------------------------- one evaluation per step
class CountingMixture(langevin.Potential):
    """Delegates to a mixture and counts every call of each method."""

    def __init__(self, inner):
        self.inner, self.dim = inner, inner.dim
        self.calls = {"energy": 0, "grad_energy": 0, "energy_and_grad": 0}

    def energy(self, x):
        self.calls["energy"] += 1
        return self.inner.energy(x)

    def grad_energy(self, x):
        self.calls["grad_energy"] += 1
        return self.inner.grad_energy(x)

    def energy_and_grad(self, x):
        self.calls["energy_and_grad"] += 1
        return self.inner.energy_and_grad(x)


def test_mala_costs_one_energy_and_gradient_evaluation_per_step():
    pot = CountingMixture(GaussianMixture.default())
    x0 = np.random.default_rng(0).normal(size=(50, 1))
    traj = langevin.simulate(pot, x0, step_size=0.5, n_steps=40, method="mala", rng=1)
    # one evaluation at the start (U and ∇U of x0), then one per step at the proposal
    assert pot.calls == {"energy": 0, "grad_energy": 0, "energy_and_grad": 41}
    np.testing.assert_array_equal(traj, langevin.simulate(GaussianMixture.default(), x0,
                                                          step_size=0.5, n_steps=40,
                                                          method="mala", rng=1))
    pot.calls = dict.fromkeys(pot.calls, 0)
    mala_step(x0, pot, 0.5, rng=1)
    assert pot.calls == {"energy": 0, "grad_energy": 0, "energy_and_grad": 2}


class _AliasingHarmonic(langevin.Potential):
    """U = |x|²/2 whose gradient *is* its argument (no copy): the kernels must not write into
    arrays a potential returns."""

    dim = 1

    def energy(self, x):
        return 0.5 * (x * x)[..., 0]

    def grad_energy(self, x):
        return x


def test_mala_with_a_potential_returning_its_argument():
    x0 = np.linspace(-2, 2, 41)[:, None]
    keep = x0.copy()
    a = langevin.simulate(_AliasingHarmonic(), x0, step_size=0.8, n_steps=60, method="mala",
                          rng=4)
    b = langevin.simulate(Gaussian(0.0, 1.0), x0, step_size=0.8, n_steps=60, method="mala", rng=4)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    x1, acc = mala_step(x0, _AliasingHarmonic(), 0.8, rng=4)
    np.testing.assert_array_equal(x0, keep)  # the caller's x is never written
    np.testing.assert_allclose(x1, b[1], rtol=1e-12, atol=1e-12)
    assert 0 < acc.mean() < 1
