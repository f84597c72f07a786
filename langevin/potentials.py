r"""Potentials: energies, forces, scores and exact samplers.

A potential :math:`U` defines the Boltzmann density :math:`p(x) \propto e^{-U(x)/T}`.
Every class here has ``dim`` and vectorised methods on arrays of shape ``(..., dim)``:

- ``energy(x)`` → :math:`U(x)`, shape ``(...)``
- ``grad_energy(x)`` → :math:`\nabla U(x)`, shape ``(..., dim)``; the force is ``-grad_energy``
- ``energy_and_grad(x)`` → both in one pass (what MALA calls: one evaluation per step)
- ``log_density(x)`` = ``-energy(x)`` and ``score(x)`` = ``-grad_energy(x)``
- ``sample(n, rng=None)`` → ``(n, dim)`` exact draws where exact sampling exists.

For :class:`Gaussian` and :class:`GaussianMixture` the energy is :math:`-\log p` *with* the
normalising constant, so ``exp(log_density)`` integrates to one.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ._validation import (as_rng, as_state, check_1d_potential, check_covariance,
                          check_finite_array, check_nonnegative, check_positive,
                          check_positive_count)

__all__ = ["Potential", "Gaussian", "GaussianMixture", "DoubleWell", "FunctionPotential",
           "local_minima"]

_LOG_2PI = np.log(2.0 * np.pi)
_LOG_2 = float(np.log(2.0))


class Potential:
    """Base class: subclasses define ``dim``, ``energy`` and ``grad_energy``.

    ``log_density``, ``score`` and ``force`` follow from them (at temperature 1). The base
    class takes no constructor arguments; ``sample`` raises ``NotImplementedError`` unless a
    subclass has an exact sampler.

    Attributes
    ----------
    dim : int
        The dimension: states have shape ``(..., dim)``; ``energy(x)`` returns shape
        ``x.shape[:-1]`` and ``grad_energy(x)`` shape ``x.shape``.

    Examples
    --------
    >>> class Harmonic(Potential):
    ...     dim = 1
    ...     def energy(self, x):
    ...         return 0.5 * (x ** 2).sum(-1)
    ...     def grad_energy(self, x):
    ...         return x
    >>> h = Harmonic()
    >>> h.log_density(np.array([[2.0]])), h.score(np.array([[2.0]]))
    (array([-2.]), array([[-2.]]))
    """

    dim: int

    def energy(self, x) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def grad_energy(self, x) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def energy_and_grad(self, x) -> tuple[np.ndarray, np.ndarray]:
        """``(energy(x), grad_energy(x))``, shapes ``(...)`` and ``(..., dim)``.

        Subclasses override it where the two share work (a mixture's log-sum-exp).
        """
        return self.energy(x), self.grad_energy(x)

    def force(self, x) -> np.ndarray:
        """Force :math:`F = -\\nabla U(x)`, shape ``(..., dim)``."""
        return -self.grad_energy(x)

    def log_density(self, x) -> np.ndarray:
        """:math:`\\log p(x) = -U(x)`, shape ``(...)``."""
        return -self.energy(x)

    def score(self, x) -> np.ndarray:
        """:math:`\\nabla \\log p(x) = -\\nabla U(x)`, shape ``(..., dim)``."""
        return -self.grad_energy(x)

    def sample(self, n: int, *, rng=None) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} has no exact sampler")

    def _x(self, x) -> np.ndarray:
        return as_state(x, self.dim, "x")


class Gaussian(Potential):
    r"""Gaussian :math:`N(\mu, \Sigma)` with :math:`U(x) = -\log p(x)` (normalised).

    Parameters
    ----------
    mean : array_like, shape ``(dim,)`` or scalar for dim 1
    cov : array_like, shape ``(dim, dim)`` or scalar for dim 1; positive definite

    Examples
    --------
    >>> g = Gaussian(0.0, 2.0)
    >>> g.score(np.array([[1.0]]))
    array([[-0.5]])
    """

    def __init__(self, mean, cov):
        m = np.atleast_1d(np.asarray(mean, dtype=float))
        if m.ndim != 1:
            raise ValueError(f"mean must have shape (dim,); got shape {np.shape(mean)}")
        if not np.all(np.isfinite(m)):
            raise ValueError(f"mean must be finite; got {m.tolist()}")
        self.dim = m.shape[0]
        self.mean = m
        self.cov = check_covariance(cov, self.dim, "cov")
        self.precision = np.linalg.inv(self.cov)
        self._chol = np.linalg.cholesky(self.cov)
        _, logdet = np.linalg.slogdet(self.cov)
        self._log_norm = 0.5 * (self.dim * _LOG_2PI + logdet)

    def __repr__(self) -> str:
        return f"Gaussian(mean={self.mean.tolist()}, cov={self.cov.tolist()})"

    def energy(self, x) -> np.ndarray:
        """:math:`U(x) = \\tfrac12 (x-\\mu)^T\\Sigma^{-1}(x-\\mu)` :math:`+ \\tfrac12\\log|2\\pi\\Sigma|`."""
        d = self._x(x) - self.mean
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.precision, d) + self._log_norm

    def grad_energy(self, x) -> np.ndarray:
        """:math:`\\nabla U(x) = \\Sigma^{-1}(x-\\mu)`, shape ``(..., dim)``."""
        return (self._x(x) - self.mean) @ self.precision  # precision is symmetric

    def energy_and_grad(self, x) -> tuple[np.ndarray, np.ndarray]:
        """``(energy(x), grad_energy(x))`` sharing :math:`\\Sigma^{-1}(x-\\mu)`."""
        d = self._x(x) - self.mean
        pd = d @ self.precision
        return 0.5 * np.einsum("...i,...i->...", d, pd) + self._log_norm, pd

    def noised(self, sigma: float) -> "Gaussian":
        r"""The law of :math:`x + \sigma z`, :math:`z \sim N(0, I)`: :math:`N(\mu, \Sigma + \sigma^2 I)`.

        Parameters
        ----------
        sigma : float >= 0
            The noise level :math:`\sigma`.

        Returns
        -------
        Gaussian

        Examples
        --------
        >>> Gaussian(1.0, 2.0).noised(3.0)
        Gaussian(mean=[1.0], cov=[[11.0]])
        """
        sigma = check_nonnegative(sigma, "sigma")
        return Gaussian(self.mean, self.cov + sigma**2 * np.eye(self.dim))

    def sample(self, n: int, *, rng=None) -> np.ndarray:
        """``n`` exact draws, shape ``(n, dim)``."""
        n = check_positive_count(n, "n")
        rng = as_rng(rng)
        return self.mean + rng.standard_normal((n, self.dim)) @ self._chol.T


class GaussianMixture(Potential):
    r"""Mixture :math:`\sum_k w_k N(\mu_k, \Sigma_k)`, :math:`U = -\log p` via log-sum-exp.

    :meth:`GaussianMixture.default` is the source article's two-mode example
    :math:`\tfrac12 N(-2, 1) + \tfrac12 N(2, 1)`.

    Parameters
    ----------
    weights : array_like, shape ``(K,)``; positive, summing to 1
    means : array_like, shape ``(K, dim)`` (or ``(K,)`` for dim 1)
    covs : array_like, shape ``(K, dim, dim)`` (or ``(K,)`` variances for dim 1)

    Examples
    --------
    >>> gm = GaussianMixture([0.5, 0.5], [[-2.0], [2.0]], [[[1.0]], [[1.0]]])
    >>> round(float(gm.score(np.array([1.0]))[0]), 6)  # -x + 2 tanh(2x) at x = 1
    0.928055
    """

    def __init__(self, weights, means, covs):
        w = np.asarray(weights, dtype=float)
        if w.ndim != 1 or w.size == 0:
            raise ValueError(f"weights must have shape (K,) with K >= 1; got shape {w.shape}")
        k = w.shape[0]
        if not np.all(np.isfinite(w)) or np.any(w <= 0):
            raise ValueError(f"weights must be finite and > 0; got {w.tolist()}")
        if not np.isclose(w.sum(), 1.0, rtol=0, atol=1e-8):
            raise ValueError(f"weights must sum to 1; got {w.tolist()} (sum {w.sum():.12g})")
        m = np.asarray(means, dtype=float)
        if m.ndim == 1 and m.shape[0] == k:
            m = m[:, None]
        if m.ndim != 2 or m.shape[0] != k:
            raise ValueError(f"means must have shape ({k}, dim) for {k} weights; got shape {m.shape}")
        if not np.all(np.isfinite(m)):
            raise ValueError(f"means must be finite; got {m.tolist()}")
        dim = m.shape[1]
        c = np.asarray(covs, dtype=float)
        if dim == 1 and c.shape == (k,):
            c = c[:, None, None]
        if c.shape != (k, dim, dim):
            raise ValueError(f"covs must have shape ({k}, {dim}, {dim}); got shape {c.shape}")
        c = np.stack([check_covariance(ci, dim, f"covs[{i}]") for i, ci in enumerate(c)])
        self.dim = dim
        self.weights = w
        self.means = m
        self.covs = c
        self.precisions = np.linalg.inv(c)
        self._prec1 = self.precisions[:, 0, 0].tolist()  # dim 1 fast path: plain floats
        self._mean1 = m[:, 0].tolist()
        self._chols = np.linalg.cholesky(c)
        logdets = np.linalg.slogdet(c)[1]
        self._log_coef = np.log(w) - 0.5 * (dim * _LOG_2PI + logdets)  # (K,)
        self._log_coef1 = self._log_coef.tolist()
        self._pair = self._pair_coefficients() if dim == 1 and k == 2 else None
        self._noised = {}  # sigma -> self.noised(sigma)
        # dim > 1: Σ_k⁻¹(x − μ_k) by a BLAS matmul, or with no matmul at all when every
        # covariance is diagonal ("diag") or a multiple of the identity ("iso")
        variances = c[:, np.arange(dim), np.arange(dim)]                   # (K, dim)
        self._prec_diag = 1.0 / variances
        self._prec_iso = (1.0 / variances[:, 0]).tolist()
        if np.count_nonzero(c) != np.count_nonzero(variances):
            self._kind = "full"
        elif np.all(variances == variances[:, :1]):
            self._kind = "iso"
        else:
            self._kind = "diag"

    @classmethod
    def default(cls) -> "GaussianMixture":
        """The source's two-mode example: ``0.5 N(-2, 1) + 0.5 N(2, 1)`` in one dimension."""
        return cls([0.5, 0.5], [[-2.0], [2.0]], [[[1.0]], [[1.0]]])

    def __repr__(self) -> str:
        return (f"GaussianMixture(weights={self.weights.tolist()}, means={self.means.tolist()}, "
                f"covs={self.covs.tolist()})")

    def _component_terms(self, x):
        """Per component ``k``: ``pd[k]`` = :math:`\\Sigma_k^{-1}(x-\\mu_k)` and ``logt[k]`` =
        :math:`\\log w_k + \\log N(x; \\mu_k, \\Sigma_k)`, shape ``(...)``.

        A Python loop over the (few) components keeps every array operation on arrays of one
        component (numpy reductions and broadcasts over a short axis are several times slower).
        ``dim == 1``: ``pd[k]`` has shape ``(...)``. ``dim > 1``: shape ``(..., dim)``, by a BLAS
        matmul (full covariances) or an elementwise product (diagonal ones); for isotropic
        covariances :math:`c_k I` it is :math:`x - \\mu_k`, and :meth:`_grad_from` applies
        :math:`1/c_k`.
        """
        x = self._x(x)
        pds, logts = [], []
        if self.dim == 1:  # fast path: plain float parameters, (...)-shaped arrays, in place
            x0 = x[..., 0]
            for k in range(self.weights.shape[0]):
                d = np.subtract(x0, self._mean1[k], out=np.empty(x0.shape))
                pd = d * self._prec1[k]
                d *= pd          # the quadratic form ...
                d *= -0.5
                d += self._log_coef1[k]  # ... becomes log w_k + log N(x; mu_k, s_k^2)
                pds.append(pd)
                logts.append(d)
            return pds, logts
        rows = x.reshape(-1, self.dim)  # 2-D, so that @ is one BLAS call
        for k in range(self.weights.shape[0]):
            d = rows - self.means[k]
            if self._kind == "full":
                pd = d @ self.precisions[k]  # Σ_k⁻¹ is symmetric
            elif self._kind == "diag":
                pd = d * self._prec_diag[k]
            else:
                pd = d
            quad = np.einsum("ij,ij->i", d, pd)
            if self._kind == "iso":
                quad *= self._prec_iso[k]
            quad *= -0.5
            quad += self._log_coef1[k]
            pds.append(pd.reshape(x.shape))
            logts.append(quad.reshape(x.shape[:-1]))
        return pds, logts

    @staticmethod
    def _shifted_exp(logt):
        """Log-sum-exp pieces: the max ``mx``, ``exp(logt[k] - mx)`` and their sum.

        Overwrites the arrays in ``logt`` (which :meth:`_component_terms` allocated) with
        ``exp(logt[k] - mx)``.
        """
        mx = np.array(logt[0], copy=True)
        for t in logt[1:]:
            np.maximum(mx, t, out=mx)
        for t in logt:
            t -= mx
            np.exp(t, out=t)
        total = logt[0].copy()
        for ek in logt[1:]:
            total += ek
        return mx, logt, total

    def energy(self, x) -> np.ndarray:
        """:math:`U(x) = -\\log\\sum_k w_k N(x; \\mu_k, \\Sigma_k)`, stable via log-sum-exp."""
        _, logt = self._component_terms(x)
        mx, _, total = self._shifted_exp(logt)
        return self._energy_from(mx, total)

    def responsibilities(self, x) -> np.ndarray:
        """Posterior component probabilities :math:`r_k(x)`, shape ``(..., K)``."""
        _, logt = self._component_terms(x)
        _, e, total = self._shifted_exp(logt)
        return np.stack([ek / total for ek in e], axis=-1)

    def grad_energy(self, x) -> np.ndarray:
        """:math:`\\nabla U(x) = \\sum_k r_k(x)\\,\\Sigma_k^{-1}(x-\\mu_k)`."""
        pd, logt = self._component_terms(x)
        _, e, total = self._shifted_exp(logt)
        return self._grad_from(pd, e, total)

    def energy_and_grad(self, x) -> tuple[np.ndarray, np.ndarray]:
        """``(energy(x), grad_energy(x))`` from one pass: the component terms and the
        log-sum-exp are computed once. Two components in one dimension (MALA on the default
        mixture): a closed form instead, equal to the log-sum-exp to rounding (see
        ``_pair_coefficients``); ``energy`` and ``grad_energy`` keep the log-sum-exp."""
        if self._pair is not None:
            return self._pair_energy_and_grad(self._x(x))
        pd, logt = self._component_terms(x)
        mx, e, total = self._shifted_exp(logt)
        g = self._grad_from(pd, e, total)
        return self._energy_from(mx, total), g

    def _pair_coefficients(self):
        r"""Two components in one dimension: the closed form of :meth:`energy_and_grad`.

        With :math:`L_k = \log w_k N(x; \mu_k, s_k^2)`, :math:`h = (L_1 - L_0)/2` and
        :math:`p_k = (x - \mu_k)/s_k^2`: :math:`r_1 - r_0 = \tanh h`, so
        :math:`\nabla U = (p_0 + p_1)/2 + \tanh(h)\,(p_1 - p_0)/2`, and
        :math:`U = -(L_0 + L_1)/2 - \log(2\cosh h)
        = -(L_0 + L_1)/2 - \log 2 - |h| + \log(1 + |\tanh h|)` (as
        :math:`1 + e^{-2|h|} = 2/(1 + |\tanh h|)`: the gradient's ``tanh`` serves the energy).
        In :math:`z = x - (\mu_0 + \mu_1)/2` all but the ``tanh`` and the ``log`` are
        polynomials: returns the centre and their coefficients. They cancel digits where one
        component dominates (more for distant modes, unequal variances): ``None`` (log-sum-exp)
        unless the variances are within a factor 4 and the modes within ~20 sds. Measured
        relative error against a long-double log-sum-exp: < 1e-13 there, 1e-15 on the default.
        """
        (p0, p1), (m0, m1), (c0, c1) = self._prec1, self._mean1, self._log_coef1
        half = (m1 - m0) / 2
        if max(p0, p1) > 4.0 * min(p0, p1) or (p0 + p1) * half * half > 400.0:
            return None
        h = ((p0 - p1) / 4, (p0 + p1) * half / 2, (c1 - c0) / 2 - (p1 - p0) * half * half / 4)
        grad = ((p0 + p1) / 2, (p0 - p1) * half / 2, (p1 - p0) / 2, -h[1])  # a z + b, c z + d
        energy = ((p0 + p1) / 4, grad[1], (p0 + p1) * half * half / 4 - (c0 + c1) / 2 - _LOG_2)
        return (m0 + m1) / 2, h, grad, energy

    def _pair_energy_and_grad(self, x):
        """:meth:`energy_and_grad` by :meth:`_pair_coefficients`: one ``tanh``, one ``log`` and a
        few products, against two ``exp``, one ``log`` and some twenty array operations."""
        centre, h_coef, (a, b, c, d), u_coef = self._pair
        z = x.reshape(-1)  # dim 1: the states as a flat array, only read
        if centre != 0.0:
            z = z - centre
        h = _quadratic(z, *h_coef)
        g = np.tanh(h)     # r_1 - r_0
        log_1p_th = np.abs(g)
        log_1p_th += 1.0
        np.log(log_1p_th, out=log_1p_th)
        g *= d if c == 0.0 else _quadratic(z, 0.0, c, d)
        g += z if a == 1.0 else z * a
        if b != 0.0:
            g += b
        u = _quadratic(z, *u_coef)
        u -= np.abs(h, out=h)
        u += log_1p_th
        return u.reshape(x.shape[:-1]), g.reshape(x.shape)

    @staticmethod
    def _energy_from(mx, total):
        """:math:`U = -(\\text{mx} + \\log \\text{total})`, in place in the scratch array ``total``."""
        np.log(total, out=total)
        total += mx
        return np.negative(total, out=total)

    def _grad_from(self, pd, e, total):
        """:math:`\\sum_k (e_k/\\text{total})\\,\\text{pd}_k`; overwrites the scratch arrays ``e``."""
        if self.dim == 1:  # pd[k] has shape (...); e[k] are scratch arrays
            g = e[0]
            g /= total
            g *= pd[0]
            for ek, pk in zip(e[1:], pd[1:]):
                ek /= total
                ek *= pk
                g += ek
            return g[..., None]
        g = None
        for k, (ek, pk) in enumerate(zip(e, pd)):  # r_k = e_k / total (times 1/c_k if Σ_k = c_k I)
            ek /= total
            if self._kind == "iso":
                ek *= self._prec_iso[k]
            if g is None:
                g = np.multiply(pk, ek[..., None])
            else:
                pk *= ek[..., None]
                g += pk
        return g

    def noised(self, sigma: float) -> "GaussianMixture":
        r"""The law of :math:`x + \sigma z`, :math:`z \sim N(0, I)`: the same weights and means,
        covariances :math:`\Sigma_k + \sigma^2 I`.

        Its score is the exact noised score :math:`\nabla\log p_\sigma` that a score-based
        model learns at noise level :math:`\sigma` (Song & Ermon 2019).

        Parameters
        ----------
        sigma : float >= 0
            Standard deviation of the added noise; 0 returns an equal mixture.

        Returns
        -------
        GaussianMixture
            Same weights and means, every covariance widened by :math:`\sigma^2 I`.

        Examples
        --------
        >>> GaussianMixture.default().noised(1.0)
        GaussianMixture(weights=[0.5, 0.5], means=[[-2.0], [2.0]], covs=[[[2.0]], [[2.0]]])
        """
        sigma = check_nonnegative(sigma, "sigma")
        if sigma not in self._noised:  # kept: annealing (and its widget) asks for the same σ again
            if len(self._noised) >= 64:
                self._noised.clear()
            self._noised[sigma] = GaussianMixture(self.weights, self.means,
                                                  self.covs + sigma**2 * np.eye(self.dim))
        return self._noised[sigma]

    def sample(self, n: int, *, rng=None) -> np.ndarray:
        """``n`` exact draws, shape ``(n, dim)``: pick a component, then draw from it."""
        n = check_positive_count(n, "n")
        rng = as_rng(rng)
        comp = rng.choice(self.weights.shape[0], size=n, p=self.weights)
        z = rng.standard_normal((n, self.dim))
        return self.means[comp] + np.einsum("nij,nj->ni", self._chols[comp], z)


class DoubleWell(Potential):
    r"""One-dimensional double well :math:`U(x) = b\,(x^2 - 1)^2`, minima at :math:`\pm 1`.

    Not normalised: ``log_density`` is :math:`-U` up to a constant.

    Parameters
    ----------
    barrier : float > 0
        Height :math:`b` of the barrier at :math:`x = 0`.

    Examples
    --------
    >>> float(DoubleWell(2.0).energy(np.array([0.0])))
    2.0
    """

    dim = 1

    def __init__(self, barrier: float = 1.0):
        self.barrier = check_positive(barrier, "barrier")

    def __repr__(self) -> str:
        return f"DoubleWell(barrier={self.barrier})"

    def energy(self, x) -> np.ndarray:
        x = self._x(x)[..., 0]
        return self.barrier * (x * x - 1.0) ** 2

    def grad_energy(self, x) -> np.ndarray:
        x = self._x(x)
        return 4.0 * self.barrier * x * (x * x - 1.0)

    def energy_and_grad(self, x) -> tuple[np.ndarray, np.ndarray]:
        """``(energy(x), grad_energy(x))`` sharing :math:`x^2 - 1`."""
        x = self._x(x)
        w = x * x - 1.0
        return self.barrier * (w * w)[..., 0], (4.0 * self.barrier) * x * w


class FunctionPotential(Potential):
    """Wrap user callables ``energy(x) -> (...)`` and ``grad_energy(x) -> (..., dim)``.

    Each callable receives its own copy of ``x``, so a callback that changes its argument
    cannot change the caller's states.

    Parameters
    ----------
    energy : callable
        ``energy(x)`` with ``x`` of shape ``(..., dim)`` returns :math:`U(x)`, shape ``(...)``
        (checked).
    grad_energy : callable
        ``grad_energy(x)`` returns :math:`\\nabla U(x)`, shape ``(..., dim)`` (checked).
    dim : int >= 1

    Examples
    --------
    >>> quartic = FunctionPotential(lambda x: (x**4).sum(-1), lambda x: 4 * x**3, dim=1)
    >>> quartic.score(np.array([1.0]))
    array([-4.])
    """

    def __init__(self, energy: Callable, grad_energy: Callable, dim: int):
        if not callable(energy) or not callable(grad_energy):
            raise ValueError(
                f"energy and grad_energy must be callables; got {type(energy).__name__} "
                f"and {type(grad_energy).__name__}"
            )
        self.dim = check_positive_count(dim, "dim")
        self._energy = energy
        self._grad = grad_energy

    def __repr__(self) -> str:
        return f"FunctionPotential(dim={self.dim})"

    def energy(self, x) -> np.ndarray:
        x = self._x(x)
        u = np.asarray(self._energy(x.copy()), dtype=float)
        if u.shape != x.shape[:-1]:
            raise ValueError(f"energy returned shape {u.shape}; expected x.shape[:-1] "
                             f"{x.shape[:-1]}")
        return u

    def grad_energy(self, x) -> np.ndarray:
        x = self._x(x)
        g = np.asarray(self._grad(x.copy()), dtype=float)
        if g.shape != x.shape:
            raise ValueError(f"grad_energy returned shape {g.shape}; expected x.shape {x.shape}")
        return g


def _quadratic(x, a: float, b: float, c: float) -> np.ndarray:
    """``(a x + b) x + c`` as a new array, skipping the zero coefficients."""
    if a == 0.0:
        out = x * b
    else:
        out = x * a
        if b != 0.0:
            out += b
        out *= x
    if c != 0.0:
        out += c
    return out


def local_minima(potential, grid) -> np.ndarray:
    """Grid points where a 1-D energy has a local minimum (where noise-free chains end).

    Parameters
    ----------
    potential : potential object with ``dim == 1``
    grid : array_like, shape ``(n,)``, finite and strictly increasing

    Returns
    -------
    ndarray, shape ``(k,)``
        The grid points whose energy is strictly lower than at their left neighbour and not
        higher than at their right one (end points excluded; not refined between grid points).

    Examples
    --------
    >>> local_minima(DoubleWell(), np.linspace(-2, 2, 401))
    array([-1.,  1.])
    """
    check_1d_potential(potential)
    g = np.asarray(grid, dtype=float)
    if g.ndim != 1:
        raise ValueError(f"grid must be a 1-D array of points; got shape {g.shape}")
    check_finite_array(g, "grid")
    if np.any(np.diff(g) <= 0):
        raise ValueError("grid must be strictly increasing")
    u = potential.energy(g[:, None])
    i = np.flatnonzero((u[1:-1] < u[:-2]) & (u[1:-1] <= u[2:])) + 1
    return g[i]
