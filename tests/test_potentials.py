"""Potentials: energies, gradients and scores against closed forms and finite differences,
normalisation, the two-mode example's numbers, and exact samplers (KS tests)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, optimize, stats

import langevin
from langevin import DoubleWell, FunctionPotential, Gaussian, GaussianMixture

from _stats import central_diff_grad

X_STAR = 1.998651346030   # local maximum of ½N(−2,1)+½N(2,1) (DESIGN.md §6)
BARRIER = 1.307189        # U(0) − U(x*)


def spd(rng, dim):
    a = rng.standard_normal((dim, dim))
    return a @ a.T + 0.5 * np.eye(dim)


# ----------------------------------------------------------------------------- Gaussian
def test_gaussian_multid_closed_form_and_finite_differences():
    rng = np.random.default_rng(0)
    dim = 3
    mean, cov = rng.standard_normal(dim), spd(rng, dim)
    g = Gaussian(mean, cov)
    x = rng.standard_normal((7, dim)) * 2
    prec = np.linalg.inv(cov)
    d = x - mean
    np.testing.assert_allclose(g.energy(x), -stats.multivariate_normal(mean, cov).logpdf(x),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g.grad_energy(x), d @ prec.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g.score(x), -(d @ prec.T), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g.force(x), g.score(x))
    np.testing.assert_allclose(g.log_density(x), -g.energy(x))
    np.testing.assert_allclose(g.grad_energy(x), central_diff_grad(g.energy, x),
                               rtol=1e-6, atol=1e-7)


def test_gaussian_scalar_parameters_for_dim_1():
    g = Gaussian(1.5, 2.0)
    assert g.dim == 1
    x = np.linspace(-4, 4, 9)[:, None]
    np.testing.assert_allclose(g.energy(x), -stats.norm(1.5, np.sqrt(2.0)).logpdf(x[:, 0]),
                               rtol=1e-12)
    np.testing.assert_allclose(g.score(x), (1.5 - x) / 2.0, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(g.grad_energy(x), central_diff_grad(g.energy, x),
                               rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("shape", [(2,), (5, 2), (3, 4, 2)])
def test_vectorised_shapes(shape):
    x = np.ones(shape)
    for pot in (Gaussian([0.0, 1.0], np.eye(2)),
                GaussianMixture([0.4, 0.6], [[0, 0], [1, 1]], [np.eye(2), 2 * np.eye(2)]),
                FunctionPotential(lambda y: (y**2).sum(-1), lambda y: 2 * y, dim=2)):
        assert pot.energy(x).shape == shape[:-1]
        assert pot.log_density(x).shape == shape[:-1]
        assert pot.grad_energy(x).shape == shape
        assert pot.score(x).shape == shape


# ----------------------------------------------------------------------------- mixtures
MIX1 = dict(weights=[0.3, 0.7], means=[-1.0, 2.0], variances=[0.5, 1.5])


def mix1():
    return GaussianMixture(MIX1["weights"], np.array(MIX1["means"])[:, None],
                           np.array(MIX1["variances"])[:, None, None])


def mix1_pdf_parts(x, weights=MIX1["weights"]):
    """(weighted component pdfs (..., K)) by scipy, for a 1-d x."""
    return np.stack([w * stats.norm(m, np.sqrt(v)).pdf(x)
                     for w, m, v in zip(weights, MIX1["means"], MIX1["variances"])], axis=-1)


def test_mixture_1d_unequal_closed_form_and_finite_differences():
    gm = mix1()
    x = np.linspace(-5, 6, 23)
    parts = mix1_pdf_parts(x)
    r = parts / parts.sum(-1, keepdims=True)
    mu, var = np.array(MIX1["means"]), np.array(MIX1["variances"])
    np.testing.assert_allclose(gm.energy(x[:, None]), -np.log(parts.sum(-1)), rtol=1e-12)
    np.testing.assert_allclose(gm.responsibilities(x[:, None]), r, rtol=1e-10, atol=1e-14)
    score = (r * (mu - x[:, None]) / var).sum(-1)
    np.testing.assert_allclose(gm.score(x[:, None])[:, 0], score, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gm.grad_energy(x[:, None]), central_diff_grad(gm.energy, x[:, None]),
                               rtol=1e-6, atol=1e-7)


def test_mixture_1d_shorthand_means_and_variances():
    a = GaussianMixture(MIX1["weights"], MIX1["means"], MIX1["variances"])
    x = np.linspace(-3, 3, 5)[:, None]
    np.testing.assert_array_equal(a.energy(x), mix1().energy(x))


def make_mix2():
    rng = np.random.default_rng(3)
    w = np.array([0.2, 0.5, 0.3])
    mu = np.array([[-2.0, 0.0], [1.0, 1.5], [2.0, -1.0]])
    covs = np.stack([spd(rng, 2) for _ in range(3)])
    return w, mu, covs


def test_mixture_2d_unequal_covariances_score_is_sum_of_responsibility_weighted_pulls():
    w, mu, covs = make_mix2()
    gm = GaussianMixture(w, mu, covs)
    x = np.random.default_rng(4).normal(scale=2.5, size=(11, 2))
    dens = np.stack([wk * stats.multivariate_normal(m, c).pdf(x) for wk, m, c in zip(w, mu, covs)],
                    axis=-1)
    r = dens / dens.sum(-1, keepdims=True)
    np.testing.assert_allclose(gm.energy(x), -np.log(dens.sum(-1)), rtol=1e-12)
    # score = sum_k r_k Σ_k^{-1} (μ_k − x)
    expected = sum(r[:, k, None] * ((mu[k] - x) @ np.linalg.inv(covs[k]).T) for k in range(3))
    np.testing.assert_allclose(gm.score(x), expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gm.grad_energy(x), central_diff_grad(gm.energy, x),
                               rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(gm.responsibilities(x).sum(-1), 1.0, rtol=1e-14)


def test_default_mixture_score_is_tanh_formula():
    gm = GaussianMixture.default()
    x = np.linspace(-6, 6, 241)
    np.testing.assert_allclose(gm.score(x[:, None])[:, 0], -x + 2 * np.tanh(2 * x),
                               rtol=1e-12, atol=1e-12)


def test_default_mixture_local_maximum_and_barrier():
    gm = GaussianMixture.default()
    # noise-free ULA is gradient ascent on log p: it stops at the local maximum x*
    traj = langevin.simulate(gm, np.array([0.5]), step_size=0.1, n_steps=600, temperature=0)
    x_end = traj[-1, 0]
    assert abs(x_end - X_STAR) < 1e-9
    root = optimize.brentq(lambda x: -x + 2 * np.tanh(2 * x), 1.0, 3.0, xtol=1e-15)
    assert abs(root - X_STAR) < 1e-11
    barrier = gm.energy(np.array([0.0])) - gm.energy(np.array([X_STAR]))
    assert abs(barrier - BARRIER) < 1e-6


@pytest.mark.parametrize("x", [40.0, -40.0, 1e3, -3e4])
def test_mixture_log_sum_exp_is_stable_far_from_modes(x):
    """exp of every component term underflows to 0 here; log-sum-exp must still be exact."""
    gm = GaussianMixture.default()
    u = gm.energy(np.array([x]))
    exact = -(np.logaddexp(-0.5 * (x + 2) ** 2, -0.5 * (x - 2) ** 2) + np.log(0.5)
              - 0.5 * np.log(2 * np.pi))
    assert np.isfinite(u)
    np.testing.assert_allclose(u, exact, rtol=1e-12)
    np.testing.assert_allclose(gm.score(np.array([x]))[0], -x + 2 * np.tanh(2 * x), rtol=1e-12)


# ----------------------------------------------------------------------------- normalisation
def test_gaussian_and_mixture_densities_integrate_to_one_1d():
    for pot in (Gaussian(0.7, 0.3), mix1(), GaussianMixture.default()):
        val, err = integrate.quad(lambda t: float(np.exp(pot.log_density(np.array([t])))),
                                  -np.inf, np.inf, epsabs=1e-12, epsrel=1e-12)
        assert abs(val - 1.0) < 1e-9, pot


def test_gaussian_and_mixture_densities_integrate_to_one_2d():
    w, mu, covs = make_mix2()
    t = np.linspace(-25, 25, 1001)
    xx, yy = np.meshgrid(t, t, indexing="ij")
    grid = np.stack([xx, yy], axis=-1)
    for pot in (Gaussian([0.5, -0.5], [[1.0, 0.4], [0.4, 0.5]]), GaussianMixture(w, mu, covs)):
        p = np.exp(pot.log_density(grid))
        total = np.trapezoid(np.trapezoid(p, t, axis=1), t)
        assert abs(total - 1.0) < 1e-8, pot


# ----------------------------------------------------------------------------- DoubleWell, FunctionPotential
def test_double_well_closed_form_and_finite_differences():
    dw = DoubleWell(2.5)
    x = np.linspace(-2, 2, 17)[:, None]
    np.testing.assert_allclose(dw.energy(x), 2.5 * (x[:, 0] ** 2 - 1) ** 2, rtol=1e-14)
    np.testing.assert_allclose(dw.grad_energy(x), 10.0 * x * (x**2 - 1), rtol=1e-14)
    np.testing.assert_allclose(dw.score(x), -10.0 * x * (x**2 - 1), rtol=1e-14)
    np.testing.assert_allclose(dw.grad_energy(x), central_diff_grad(dw.energy, x),
                               rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(dw.energy(np.array([[1.0], [-1.0], [0.0]])), [0.0, 0.0, 2.5])


def test_function_potential_wraps_callables():
    def energy(x):
        return x[..., 0] ** 4 + 3 * x[..., 0] * x[..., 1] ** 2 + 0.5 * x[..., 1] ** 2

    def grad(x):
        return np.stack([4 * x[..., 0] ** 3 + 3 * x[..., 1] ** 2,
                         6 * x[..., 0] * x[..., 1] + x[..., 1]], axis=-1)

    fp = FunctionPotential(energy, grad, dim=2)
    x = np.random.default_rng(5).normal(size=(9, 2))
    np.testing.assert_allclose(fp.energy(x), energy(x))
    np.testing.assert_allclose(fp.grad_energy(x), grad(x))
    np.testing.assert_allclose(fp.score(x), -grad(x))
    np.testing.assert_allclose(fp.log_density(x), -energy(x))
    np.testing.assert_allclose(fp.grad_energy(x), central_diff_grad(fp.energy, x),
                               rtol=1e-6, atol=1e-6)
    with pytest.raises(NotImplementedError):
        fp.sample(3)


def test_function_potential_rejects_gradient_of_wrong_shape():
    fp = FunctionPotential(lambda x: x.sum(-1), lambda x: x.sum(-1), dim=2)
    with pytest.raises(ValueError, match=r"grad_energy returned shape \(4,\); expected x.shape \(4, 2\)"):
        fp.grad_energy(np.zeros((4, 2)))


# ----------------------------------------------------------------------------- exact samplers
def mix1_cdf(x, weights=MIX1["weights"]):
    return sum(w * stats.norm(m, np.sqrt(v)).cdf(x)
               for w, m, v in zip(weights, MIX1["means"], MIX1["variances"]))


def test_mixture_sample_passes_ks_against_exact_cdf_and_fails_a_wrong_one():
    s = mix1().sample(20_000, rng=11)
    assert s.shape == (20_000, 1)
    assert stats.kstest(s[:, 0], mix1_cdf).pvalue > 1e-3
    # the same test has power: swapped weights on this unequal mixture are rejected
    swapped = lambda x: mix1_cdf(x, weights=MIX1["weights"][::-1])  # noqa: E731
    assert stats.kstest(s[:, 0], swapped).pvalue < 1e-6


def test_gaussian_sample_matches_mean_and_covariance():
    mean, cov = np.array([1.0, -2.0]), np.array([[2.0, 0.8], [0.8, 1.0]])
    n = 100_000
    s = Gaussian(mean, cov).sample(n, rng=2)
    assert s.shape == (n, 2)
    se_mean = np.sqrt(np.diag(cov) / n)
    assert np.all(np.abs(s.mean(0) - mean) < 5 * se_mean)
    c = np.cov(s.T)
    se_cov = np.sqrt((np.outer(np.diag(cov), np.diag(cov)) + cov**2) / n)
    assert np.all(np.abs(c - cov) < 5 * se_cov)
    # each margin is normal
    for i in range(2):
        assert stats.kstest(s[:, i], stats.norm(mean[i], np.sqrt(cov[i, i])).cdf).pvalue > 1e-3


def test_mixture_2d_sample_component_covariances():
    w, mu, covs = make_mix2()
    gm = GaussianMixture(w, mu, covs)
    n = 60_000
    s = gm.sample(n, rng=8)
    mean = w @ mu
    cov = sum(wk * (c + np.outer(m - mean, m - mean)) for wk, m, c in zip(w, mu, covs))
    se = np.sqrt(np.diag(cov) / n)
    assert np.all(np.abs(s.mean(0) - mean) < 5 * se)
    np.testing.assert_allclose(np.cov(s.T), cov, rtol=0.05)


def test_samplers_are_reproducible():
    gm = GaussianMixture.default()
    np.testing.assert_array_equal(gm.sample(50, rng=3), gm.sample(50, rng=3))
    np.testing.assert_array_equal(gm.sample(50, rng=3), gm.sample(50, rng=np.random.default_rng(3)))
    assert not np.array_equal(gm.sample(50, rng=3), gm.sample(50, rng=4))
    assert gm.sample(5).shape == (5, 1)


# ----------------------------------------------------------------------------- energy_and_grad
class _PlainHarmonic(langevin.Potential):
    """A subclass that defines only energy and grad_energy: the base class fuses nothing."""

    dim = 2

    def energy(self, x):
        return 0.5 * (np.asarray(x) ** 2).sum(-1)

    def grad_energy(self, x):
        return np.asarray(x, dtype=float) * 1.0

    def __repr__(self) -> str:  # a stable test id (pytest-xdist workers must agree)
        return "_PlainHarmonic(dim=2)"


def _every_potential():
    w, mu, covs = make_mix2()
    rng = np.random.default_rng(7)
    return [
        Gaussian(1.5, 2.0), Gaussian(rng.standard_normal(3), spd(rng, 3)),
        GaussianMixture.default(), mix1(), GaussianMixture(w, mu, covs),
        GaussianMixture([0.2, 0.8], [[0.0, 1.0, 2.0], [1.0, -1.0, 0.5]],
                        [2.0 * np.eye(3), np.diag([0.5, 1.0, 3.0])]),
        GaussianMixture([0.5, 0.5], [[0.0] * 4, [1.0] * 4], [np.eye(4), 3.0 * np.eye(4)]),
        DoubleWell(1.7),
        FunctionPotential(lambda x: (x**4).sum(-1), lambda x: 4 * x**3, dim=2),
        _PlainHarmonic(),
    ]


@pytest.mark.parametrize("pot", _every_potential(), ids=repr)
@pytest.mark.parametrize("lead", [(), (1,), (17,), (4, 5)])
def test_energy_and_grad_equals_energy_and_grad_energy(pot, lead):
    x = np.random.default_rng(8).normal(scale=3.0, size=lead + (pot.dim,))
    u, g = pot.energy_and_grad(x)
    assert np.shape(u) == lead and g.shape == lead + (pot.dim,)
    np.testing.assert_allclose(u, pot.energy(x), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(g, pot.grad_energy(x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("x", [40.0, -3e4])
def test_energy_and_grad_is_stable_far_from_the_modes(x):
    u, g = GaussianMixture.default().energy_and_grad(np.array([x]))
    exact = -(np.logaddexp(-0.5 * (x + 2) ** 2, -0.5 * (x - 2) ** 2) + np.log(0.5)
              - 0.5 * np.log(2 * np.pi))
    np.testing.assert_allclose(u, exact, rtol=1e-12)
    np.testing.assert_allclose(-g[0], -x + 2 * np.tanh(2 * x), rtol=1e-12)


PAIRS = [([0.5, 0.5], [-2.0, 2.0], [1.0, 1.0]), ([0.2, 0.8], [-2.0, 2.0], [1.0, 1.0]),
         ([0.3, 0.7], [-1.0, 2.5], [0.5, 2.0]), ([0.5, 0.5], [1000.0, 1001.0], [0.1, 0.2]),
         ([0.01, 0.99], [-7.0, 7.0], [1.0, 0.25]), ([0.5, 0.5], [-14.0, 14.0], [1.0, 1.0]),
         ([0.4, 0.6], [0.0, 0.0], [1.0, 1.0])]


@pytest.mark.parametrize("w,mu,var", PAIRS)
def test_two_component_closed_form_equals_the_log_sum_exp(w, mu, var):
    fast, lse = GaussianMixture(w, mu, var), GaussianMixture(w, mu, var)
    assert fast._pair is not None
    lse._pair = None  # force the log-sum-exp path
    rng = np.random.default_rng(4)
    for scale in (0.3, 3.0, 30.0, 3e4):
        x = np.mean(mu) + rng.normal(scale=scale, size=(2000, 1))
        (u, g), (u0, g0) = fast.energy_and_grad(x), lse.energy_and_grad(x)
        np.testing.assert_array_less(np.abs(u - u0) / np.maximum(1, np.abs(u0)), 1e-12)
        np.testing.assert_array_less(np.abs(g - g0) / np.maximum(1, np.abs(g0)), 1e-12)
        np.testing.assert_array_equal(g0, lse.grad_energy(x))


@pytest.mark.parametrize("w,mu,var", [([0.5, 0.5], [-20.0, 20.0], [1.0, 1.0]),
                                      ([0.5, 0.5], [-1.0, 1.0], [0.1, 1.0])])
def test_two_component_closed_form_is_not_used_where_it_would_cancel_digits(w, mu, var):
    gm = GaussianMixture(w, mu, var)
    assert gm._pair is None  # modes too far apart, or variances too different
    x = np.linspace(-40, 40, 101)[:, None]
    u, g = gm.energy_and_grad(x)
    np.testing.assert_array_equal(u, gm.energy(x))
    np.testing.assert_array_equal(g, gm.grad_energy(x))


# ----------------------------------------------------------------------------- fast paths
FAST_PATH_CASES = [
    ("iso", [np.eye(3), 2.5 * np.eye(3)]),
    ("iso", [0.3 * np.eye(3), 0.3 * np.eye(3)]),
    ("diag", [np.diag([0.5, 1.0, 3.0]), 2.0 * np.eye(3)]),
    ("diag", [np.diag([0.5, 1.0, 3.0]), np.diag([2.0, 0.1, 1.0])]),
    ("full", [np.diag([0.5, 1.0, 3.0]), [[1.0, 0.2, 0.0], [0.2, 1.0, 0.0], [0.0, 0.0, 1.0]]]),
]


@pytest.mark.parametrize("kind,covs", FAST_PATH_CASES)
def test_isotropic_and_diagonal_fast_paths_equal_the_full_covariance_path(kind, covs):
    w, mu = [0.35, 0.65], [[-1.0, 0.5, 2.0], [1.5, -0.5, 0.0]]
    fast = GaussianMixture(w, mu, covs)
    assert fast._kind == kind
    full = GaussianMixture(w, mu, covs)
    full._kind = "full"  # force the general path: x − μ_k times Σ_k⁻¹ by a matmul
    x = np.random.default_rng(9).normal(scale=3.0, size=(6, 7, 3))
    np.testing.assert_allclose(fast.grad_energy(x), full.grad_energy(x), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(fast.energy(x), full.energy(x), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(fast.responsibilities(x), full.responsibilities(x), rtol=1e-12,
                               atol=1e-13)
    u, g = fast.energy_and_grad(x)
    np.testing.assert_allclose(g, full.grad_energy(x), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(u, full.energy(x), rtol=1e-12, atol=1e-13)
    # and both against the formula Σ_k r_k Σ_k⁻¹ (x − μ_k), densities by scipy
    xf = x.reshape(-1, 3)
    dens = np.stack([wk * stats.multivariate_normal(m, c).pdf(xf) for wk, m, c in zip(w, mu, covs)],
                    -1)
    r = dens / dens.sum(-1, keepdims=True)
    expected = sum(r[:, k, None] * ((xf - np.array(mu[k])) @ np.linalg.inv(covs[k]))
                   for k in range(2))
    np.testing.assert_allclose(fast.grad_energy(x).reshape(-1, 3), expected, rtol=1e-10,
                               atol=1e-12)
    np.testing.assert_allclose(fast.energy(x).ravel(), -np.log(dens.sum(-1)), rtol=1e-12)


def test_high_dimensional_mixture_gradient_against_finite_differences():
    rng = np.random.default_rng(10)
    dim = 40
    covs = np.stack([spd(rng, dim) / dim for _ in range(3)])
    gm = GaussianMixture([0.2, 0.5, 0.3], rng.standard_normal((3, dim)), covs)
    assert gm._kind == "full"
    x = rng.standard_normal((5, dim))
    np.testing.assert_allclose(gm.grad_energy(x), central_diff_grad(gm.energy, x, h=1e-6),
                               rtol=1e-5, atol=1e-5)


# ----------------------------------------------------------------------------- noised
@pytest.mark.parametrize("sigma", [0.3, 1.0, 3.0])
def test_noised_mixture_score_is_the_score_of_the_convolution(sigma):
    """p_σ(y) = ∫ p(x) N(y − x; 0, σ²) dx by quadrature on a fine grid; its score
    ∂_y p_σ / p_σ against GaussianMixture.noised(σ).score."""
    gm = mix1()
    x = np.linspace(-25.0, 25.0, 50_001)  # dx = 0.001
    p = np.exp(gm.log_density(x[:, None]))
    y = np.linspace(-6.0, 7.0, 27)
    diff = y[:, None] - x[None, :]
    kern = np.exp(-0.5 * diff**2 / sigma**2)
    p_sigma = np.trapezoid(p * kern, x, axis=1) / np.sqrt(2 * np.pi * sigma**2)
    dp_sigma = np.trapezoid(p * kern * (-diff / sigma**2), x, axis=1) / np.sqrt(2 * np.pi * sigma**2)
    noised = gm.noised(sigma)
    np.testing.assert_allclose(np.exp(noised.log_density(y[:, None])), p_sigma, rtol=1e-8)
    np.testing.assert_allclose(noised.score(y[:, None])[:, 0], dp_sigma / p_sigma, rtol=1e-7,
                               atol=1e-9)
    # and it is not the clean score (the test has power)
    assert np.max(np.abs(gm.score(y[:, None])[:, 0] - dp_sigma / p_sigma)) > 0.05


def test_noised_mixtures_are_kept_per_sigma():
    """Annealing asks for the same sigma again: the same mixture comes back, equal to a fresh
    one; another sigma gives another mixture."""
    gm = mix1()
    first = gm.noised(0.8)
    assert gm.noised(0.8) is first and gm.noised(0.5) is not first
    fresh = GaussianMixture(gm.weights, gm.means, gm.covs + 0.8**2)
    np.testing.assert_array_equal(first.covs, fresh.covs)
    x = np.linspace(-4.0, 4.0, 9)[:, None]
    np.testing.assert_array_equal(first.grad_energy(x), fresh.grad_energy(x))


def test_noised_is_the_law_of_x_plus_sigma_z():
    gm, sigma, n = mix1(), 0.8, 20_000
    rng = np.random.default_rng(12)
    y = gm.sample(n, rng=rng)[:, 0] + sigma * rng.standard_normal(n)
    noised = gm.noised(sigma)
    noised_cdf = lambda t: sum(w * stats.norm(m, np.sqrt(v + sigma**2)).cdf(t)  # noqa: E731
                               for w, m, v in zip(MIX1["weights"], MIX1["means"], MIX1["variances"]))
    assert stats.kstest(y, noised_cdf).pvalue > 1e-3
    assert stats.kstest(y, mix1_cdf).pvalue < 1e-6  # the clean law is rejected
    np.testing.assert_array_equal(noised.weights, gm.weights)
    np.testing.assert_array_equal(noised.means, gm.means)
    np.testing.assert_allclose(noised.covs, gm.covs + sigma**2, rtol=1e-15)
    w, mu, covs = make_mix2()
    gm2 = GaussianMixture(w, mu, covs).noised(1.5)
    np.testing.assert_allclose(gm2.covs, covs + 2.25 * np.eye(2), rtol=1e-15)
    g = Gaussian([1.0, -1.0], [[2.0, 0.3], [0.3, 1.0]]).noised(2.0)
    np.testing.assert_allclose(g.cov, [[6.0, 0.3], [0.3, 5.0]], rtol=1e-15)
    np.testing.assert_array_equal(g.mean, [1.0, -1.0])
    np.testing.assert_allclose(GaussianMixture.default().noised(0.0).energy(np.ones((3, 1))),
                               GaussianMixture.default().energy(np.ones((3, 1))), rtol=1e-15)
    # isotropic components stay on the fast path
    assert GaussianMixture([0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]],
                           [np.eye(2), 2 * np.eye(2)]).noised(1.0)._kind == "iso"


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), "1", None])
def test_noised_rejects_bad_sigma(bad):
    for pot in (Gaussian(0.0, 1.0), GaussianMixture.default()):
        with pytest.raises(ValueError, match=rf"sigma must be a finite number >= 0; got {bad!r}"):
            pot.noised(bad)


# ----------------------------------------------------------------------------- local_minima
def test_local_minima_of_double_well_and_mixture():
    np.testing.assert_array_equal(langevin.local_minima(DoubleWell(), np.linspace(-2, 2, 401)),
                                  [-1.0, 1.0])
    grid = np.linspace(-5, 5, 10_001)  # dx = 0.001
    mins = langevin.local_minima(GaussianMixture.default(), grid)
    assert mins.shape == (2,)
    np.testing.assert_allclose(mins, [-X_STAR, X_STAR], atol=1e-3)
    # the unequal mixture: one minimum per mode, at the grid point of lowest energy nearby
    gm = mix1()
    for m in langevin.local_minima(gm, grid):
        local = grid[np.abs(grid - m) < 0.5]
        assert m == local[np.argmin(gm.energy(local[:, None]))]


def test_local_minima_semantics_plateaus_and_ends():
    steps = FunctionPotential(lambda x: np.interp(x[..., 0], [0, 1, 2, 3, 4], [3, 2, 2, 2, 3]),
                              np.zeros_like, dim=1)
    # strictly below the left neighbour and not above the right one: a flat bottom counts once,
    # at its left end
    np.testing.assert_array_equal(langevin.local_minima(steps, np.arange(5.0)), [1.0])
    # a minimum at an end point is not a local minimum of the grid; monotone: none
    assert langevin.local_minima(Gaussian(0.0, 1.0), np.linspace(0, 1, 11)).shape == (0,)
    assert langevin.local_minima(Gaussian(0.0, 1.0), [0.0, 1.0]).shape == (0,)


@pytest.mark.parametrize("pot,grid,match", [
    (Gaussian([0.0, 0.0], np.eye(2)), np.linspace(-1, 1, 5),
     r"potential must be one-dimensional \(dim 1\); got dim 2"),
    (DoubleWell(), np.zeros((3, 3)), r"grid must be a 1-D array of points; got shape \(3, 3\)"),
    (DoubleWell(), [0.0, np.nan, 1.0], r"grid must be finite"),
    (DoubleWell(), [0.0, 2.0, 1.0], r"grid must be strictly increasing"),
    (object(), [0.0, 1.0, 2.0], r"potential must be a langevin potential"),
])
def test_local_minima_rejects_bad_input(pot, grid, match):
    with pytest.raises(ValueError, match=match):
        langevin.local_minima(pot, grid)
