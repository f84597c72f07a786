r"""Chain statistics: what a run of a sampler actually gave, and how sure we can be of it.

- :func:`autocorrelation`, :func:`integrated_autocorrelation_time`,
  :func:`effective_sample_size` — how correlated successive states of a chain are
- :func:`mode_fractions`, :func:`mode_fraction_history`, :func:`crossing_fraction` — which
  mode the chains are in, and whether they crossed the valley
- :func:`mean_squared_displacement`, :func:`kinetic_temperature` — diffusion and equipartition
- :func:`energies` — kinetic, potential and total energy along an underdamped trajectory

The exact values these are compared with are in :mod:`langevin.references`.
"""
from __future__ import annotations

import numpy as np

from ._validation import check_count, check_finite_array, check_positive, check_potential
# The reference formulas lived here before langevin.references existed; re-exported so that
# ``from langevin.diagnostics import ula_gaussian_variance`` (and the others) keeps working.
from .references import (basin_probabilities, einstein_msd, ou_moments,  # noqa: F401
                         ula_gaussian_covariance, ula_gaussian_moments, ula_gaussian_variance)

__all__ = [
    "autocorrelation", "integrated_autocorrelation_time", "effective_sample_size",
    "mode_fractions", "mode_fraction_history", "crossing_fraction", "mean_squared_displacement",
    "kinetic_temperature", "energies",
]


def _as_chain(x, name="chain"):
    x = np.asarray(x, dtype=float)
    if x.ndim not in (1, 2, 3):
        raise ValueError(f"{name} must have shape (n_steps,), (n_steps, n_chains) or "
                         f"(n_steps, n_chains, dim); got shape {x.shape}")
    if x.shape[0] < 2:
        raise ValueError(f"{name} needs at least 2 steps; got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be finite")
    if x.ndim == 1:
        x = x[:, None, None]
    elif x.ndim == 2:
        x = x[:, :, None]
    return x


def autocorrelation(chain, max_lag: int | None = None) -> np.ndarray:
    r"""Normalised autocorrelation function, averaged over chains (computed by FFT).

    Parameters
    ----------
    chain : array_like, shape ``(n_steps,)``, ``(n_steps, n_chains)`` or
        ``(n_steps, n_chains, dim)`` — e.g. a trajectory from :func:`langevin.simulate`.
    max_lag : int, optional
        Largest lag returned (default ``n_steps - 1``).

    Returns
    -------
    rho : ndarray, shape ``(max_lag + 1,)``, or ``(max_lag + 1, dim)`` for a 3-D chain;
        ``rho[0] == 1``.

    Examples
    --------
    >>> rho = autocorrelation(np.random.default_rng(0).standard_normal(10_000), max_lag=2)
    >>> bool(abs(rho[1]) < 0.05)
    True
    """
    squeeze = np.ndim(chain) < 3
    x = _as_chain(chain)
    n = x.shape[0]
    if max_lag is None:
        max_lag = n - 1
    max_lag = check_count(max_lag, "max_lag")
    if max_lag >= n:
        raise ValueError(f"max_lag must be < n_steps = {n}; got {max_lag}")
    x = x - x.mean(axis=0)
    size = 1 << int(2 * n - 1).bit_length()
    f = np.fft.rfft(x, n=size, axis=0)
    acov = np.fft.irfft(f * np.conj(f), n=size, axis=0)[: max_lag + 1] / n
    acov = acov.mean(axis=1)  # average over chains -> (lags, dim)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = acov / acov[0]
    rho = np.where(acov[0] > 0, rho, np.where(np.arange(max_lag + 1)[:, None] == 0, 1.0, 0.0))
    return rho[:, 0] if squeeze else rho


def integrated_autocorrelation_time(chain, c: float = 5.0):
    r"""Integrated autocorrelation time :math:`\tau_{int} = 1 + 2\sum_{k\ge1}\rho_k`.

    The sum is cut at Sokal's automatic window, the smallest :math:`M` with
    :math:`M \ge c\,\tau_{int}(M)`, as in emcee. For an AR(1) chain with coefficient :math:`a`
    the exact value is :math:`(1+a)/(1-a)`.

    Parameters
    ----------
    chain : array_like, shape ``(n_steps,)``, ``(n_steps, n_chains)`` or
        ``(n_steps, n_chains, dim)``
    c : float > 0
        Window constant.

    Returns
    -------
    float, or ndarray of shape ``(dim,)`` for a 3-D chain.

    Examples
    --------
    >>> z = np.random.default_rng(1).standard_normal((20_000, 4))
    >>> bool(0.9 < integrated_autocorrelation_time(z) < 1.1)
    True
    """
    c = check_positive(c, "c")
    rho = autocorrelation(chain)
    squeeze = rho.ndim == 1
    rho = np.atleast_2d(rho.T).T  # (lags, dim)
    taus = 2.0 * np.cumsum(rho, axis=0) - 1.0
    out = np.empty(rho.shape[1])
    for j in range(rho.shape[1]):  # loop over dimensions, not particles
        m = np.arange(len(taus))
        ok = m >= c * taus[:, j]
        w = int(np.argmax(ok)) if ok.any() else len(taus) - 1
        out[j] = taus[w, j]
    return float(out[0]) if squeeze else out


def effective_sample_size(chain, c: float = 5.0):
    r"""Effective number of independent samples, :math:`N_{steps} N_{chains} / \tau_{int}`.

    Parameters
    ----------
    chain : as in :func:`integrated_autocorrelation_time`
    c : float
        Window constant, as in :func:`integrated_autocorrelation_time`.

    Returns
    -------
    float
        Total number of samples divided by the integrated autocorrelation time.

    Examples
    --------
    >>> z = np.random.default_rng(2).standard_normal(5_000)
    >>> bool(4_000 < effective_sample_size(z) < 6_000)
    True
    """
    x = np.asarray(chain)
    n_total = x.shape[0] * (x.shape[1] if x.ndim >= 2 else 1)
    return n_total / integrated_autocorrelation_time(chain, c)


def mode_fractions(samples, centers) -> np.ndarray:
    """Fraction of samples closest to each center (e.g. the modes of a mixture).

    Parameters
    ----------
    samples : array_like, shape ``(..., dim)``
    centers : array_like, shape ``(K, dim)`` (or ``(K,)`` in one dimension)

    Returns
    -------
    fractions : ndarray, shape ``(K,)``, summing to 1

    Examples
    --------
    >>> mode_fractions(np.array([[-1.0], [0.5], [2.0], [3.0]]), [[-2.0], [2.0]])
    array([0.25, 0.75])
    """
    x = np.asarray(samples, dtype=float)
    c = np.asarray(centers, dtype=float)
    if c.ndim == 1:
        c = c[:, None]
    if c.ndim != 2 or x.ndim == 0 or x.shape[-1] != c.shape[1]:
        raise ValueError(f"samples must have shape (..., dim) and centers (K, dim) with the "
                         f"same dim; got {x.shape} and {np.shape(centers)}")
    x = x.reshape(-1, c.shape[1])
    if x.shape[0] == 0:
        raise ValueError("samples is empty")
    d2 = ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=-1)
    idx = d2.argmin(axis=1)
    return np.bincount(idx, minlength=c.shape[0]) / x.shape[0]


def mode_fraction_history(trajectory, centers) -> np.ndarray:
    """Fraction of particles closest to each center, at every step of a trajectory.

    Row ``k`` equals ``mode_fractions(trajectory[k], centers)``.

    Parameters
    ----------
    trajectory : array_like, shape ``(n_steps + 1, n_particles, dim)``
    centers : array_like, shape ``(K, dim)`` (or ``(K,)`` in one dimension)

    Returns
    -------
    fractions : ndarray, shape ``(n_steps + 1, K)``; each row sums to 1

    Examples
    --------
    >>> traj = np.array([[[-1.0], [1.0]], [[1.5], [2.0]]])  # 2 steps, 2 particles
    >>> mode_fraction_history(traj, [-2.0, 2.0])
    array([[0.5, 0.5],
           [0. , 1. ]])
    """
    t = np.asarray(trajectory, dtype=float)
    c = np.asarray(centers, dtype=float)
    if c.ndim == 1:
        c = c[:, None]
    if t.ndim != 3 or c.ndim != 2 or t.shape[-1] != c.shape[1]:
        raise ValueError(f"trajectory must have shape (n_steps + 1, n_particles, dim) and "
                         f"centers (K, dim) with the same dim; got {t.shape} and "
                         f"{np.shape(centers)}")
    # one (steps, particles) array per center: K is small, the trajectory large
    d2 = np.stack([((t - ck) ** 2).sum(axis=-1) for ck in c])   # (K, steps, particles)
    idx = d2.argmin(axis=0)
    return np.stack([(idx == k).mean(axis=1) for k in range(c.shape[0])], axis=-1)



def crossing_fraction(trajectory, threshold: float = 0.0) -> float:
    """Fraction of chains that visit both sides of ``threshold`` (in the first coordinate).

    A chain that stays on one side never crossed the barrier there; noise-free gradient
    ascent never does, a noisy chain eventually does.

    Parameters
    ----------
    trajectory : array_like, shape ``(n_steps + 1, n_chains, dim)``
    threshold : float
        Where the two sides meet (e.g. the valley between two modes).

    Returns
    -------
    float in ``[0, 1]``

    Examples
    --------
    >>> traj = np.array([[[-1.0], [1.0]], [[0.5], [2.0]]])  # 2 steps, 2 chains
    >>> crossing_fraction(traj)
    0.5
    """
    t = np.asarray(trajectory, dtype=float)
    if t.ndim != 3:
        raise ValueError(f"trajectory must have shape (n_steps + 1, n_chains, dim); "
                         f"got shape {t.shape}")
    x = t[..., 0]
    return float(((x > threshold).any(axis=0) & (x < threshold).any(axis=0)).mean())


def mean_squared_displacement(trajectory) -> np.ndarray:
    r"""Mean squared displacement :math:`\langle |x_n - x_0|^2\rangle` over particles.

    Parameters
    ----------
    trajectory : array_like, shape ``(n_steps + 1, n_particles, dim)``

    Returns
    -------
    msd : ndarray, shape ``(n_steps + 1,)``

    Examples
    --------
    >>> mean_squared_displacement(np.array([[[0.0]], [[1.0]], [[2.0]]]))
    array([0., 1., 4.])
    """
    t = np.asarray(trajectory, dtype=float)
    if t.ndim != 3:
        raise ValueError(f"trajectory must have shape (n_steps + 1, n_particles, dim); "
                         f"got shape {t.shape}")
    d = t - t[0]
    return (d * d).sum(axis=-1).mean(axis=1)


def kinetic_temperature(velocities, mass: float = 1.0) -> float:
    r"""Kinetic temperature :math:`\langle m v^2\rangle` per degree of freedom.

    Equipartition, :math:`\langle \tfrac12 m v^2\rangle = \tfrac12 kT` per dimension, makes this
    equal to :math:`kT` at equilibrium.

    Parameters
    ----------
    velocities : array_like, shape ``(..., dim)``
    mass : float > 0

    Returns
    -------
    float
        :math:`\langle m |v|^2\rangle / \mathrm{dim}`, averaged over every leading axis.

    Examples
    --------
    >>> kinetic_temperature(np.array([[1.0], [-1.0]]), mass=2.0)
    2.0
    """
    m = check_positive(mass, "mass")
    v = np.asarray(velocities, dtype=float)
    if v.ndim == 0 or v.size == 0:
        raise ValueError(f"velocities must have shape (..., dim); got shape {v.shape}")
    return float(m * np.mean(v * v))


def energies(potential, xs, vs, mass: float = 1.0):
    r"""Kinetic, potential and total energy along a trajectory.

    :math:`E_{kin} = \tfrac12 m |v|^2`, :math:`U(x)` and :math:`E = E_{kin} + U`: with no
    friction and no noise (Newton, :func:`langevin.velocity_verlet_step`) :math:`E` is
    conserved up to the integrator's error.

    Parameters
    ----------
    potential : potential object
    xs, vs : array_like, the same shape ``(n_steps + 1, ..., dim)`` with
        ``dim == potential.dim`` — positions and velocities, e.g. from
        :func:`langevin.simulate_underdamped`.
    mass : float > 0

    Returns
    -------
    (kinetic, potential, total) : ndarrays of shape ``xs.shape[:-1]``

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> k, u, e = energies(DoubleWell(), np.array([[0.0]]), np.array([[2.0]]))
    >>> float(k[0]), float(u[0]), float(e[0])
    (2.0, 1.0, 3.0)
    """
    check_potential(potential)
    m = check_positive(mass, "mass")
    xs = np.asarray(xs, dtype=float)
    vs = np.asarray(vs, dtype=float)
    if xs.ndim == 0 or xs.shape[-1] != potential.dim:
        raise ValueError(f"xs must have shape (..., {potential.dim}) (last axis = potential.dim); "
                         f"got shape {xs.shape}")
    if vs.shape != xs.shape:
        raise ValueError(f"vs must have the shape of xs {xs.shape}; got shape {vs.shape}")
    check_finite_array(xs, "xs")
    check_finite_array(vs, "vs")
    kin = 0.5 * m * np.sum(vs * vs, axis=-1)
    pot = potential.energy(xs)
    return kin, pot, kin + pot
