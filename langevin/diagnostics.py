r"""Chain statistics: what a run of a sampler actually gave, and how sure we can be of it.

- :func:`autocorrelation`, :func:`integrated_autocorrelation_time`,
  :func:`effective_sample_size` — how correlated successive states of a chain are
- :func:`mode_fractions`, :func:`mode_fraction_history`, :func:`crossing_fraction` — which
  mode the chains are in, and whether they crossed the valley
- :func:`mean_squared_displacement`, :func:`kinetic_temperature` — diffusion and equipartition
- :func:`energies` — kinetic, potential and total energy along an underdamped trajectory
- :class:`Estimate`, :func:`mean_estimate`, :func:`variance_estimate` — a measured number with
  its standard error, printed as ``0.618 ± 0.004``

The exact values these are compared with are in :mod:`langevin.references`.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._validation import check_count, check_finite_array, check_positive, check_potential
# The reference formulas lived here before langevin.references existed; re-exported so that
# ``from langevin.diagnostics import ula_gaussian_variance`` (and the others) keeps working.
from .references import (basin_probabilities, einstein_msd, ou_moments,  # noqa: F401
                         ula_gaussian_covariance, ula_gaussian_moments, ula_gaussian_variance)

__all__ = [
    "autocorrelation", "integrated_autocorrelation_time", "effective_sample_size",
    "mode_fractions", "mode_fraction_history", "crossing_fraction", "mean_squared_displacement",
    "kinetic_temperature", "energies", "Estimate", "mean_estimate", "variance_estimate",
]


def _array(x, name: str) -> np.ndarray:
    """A non-empty, finite float array (booleans and ints converted), or ``ValueError``."""
    a = np.asarray(x)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be an array of numbers or booleans; got dtype {a.dtype}")
    a = a.astype(float)
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape})")
    check_finite_array(a, name)
    return a


def _as_chain(x, name: str = "chain", min_steps: int = 2) -> np.ndarray:
    """A chain as a float array of shape (n_steps, n_chains, dim)."""
    x = _array(x, name)
    if x.ndim not in (1, 2, 3):
        raise ValueError(f"{name} must have shape (n_steps,), (n_steps, n_chains) or "
                         f"(n_steps, n_chains, dim); got shape {x.shape}")
    if x.shape[0] < min_steps:
        raise ValueError(f"{name} needs at least {min_steps} steps; got shape {x.shape}")
    return x.reshape(x.shape + (1,) * (3 - x.ndim))


def _as_trajectory(trajectory) -> np.ndarray:
    t = _array(trajectory, "trajectory")
    if t.ndim != 3:
        raise ValueError(f"trajectory must have shape (n_steps + 1, n_chains, dim); "
                         f"got shape {t.shape}")
    return t


def _as_centers(centers, dim: int) -> np.ndarray:
    c = _array(centers, "centers")
    c = c[:, None] if c.ndim == 1 else c
    if c.ndim != 2 or c.shape[1] != dim:
        raise ValueError(f"centers must have shape (K, {dim}) (or (K,) in one dimension): the "
                         f"same dim as the samples; got shape {np.shape(centers)}")
    return c


def autocorrelation(chain, max_lag: int | None = None) -> np.ndarray:
    r"""Normalised autocorrelation function of one or many chains (computed by FFT).

    With :math:`\bar A_k` the lag-:math:`k` autocovariance of each chain about its own mean
    (divisor ``n_steps``), averaged over chains, and :math:`B` the variance of the chain means,
    :math:`\rho_k = (\bar A_k + B)/(\bar A_0 + B)` (the multi-chain estimator of Vehtari et al.
    2021, as in Stan). Chains that disagree, e.g. each stuck in its own mode, thus keep a
    correlation that does not decay; one chain gives the textbook :math:`A_k/A_0`.

    Parameters
    ----------
    chain : array_like, shape ``(n_steps,)``, ``(n_steps, n_chains)`` or
        ``(n_steps, n_chains, dim)`` — e.g. a trajectory from :func:`langevin.simulate`.
    max_lag : int, optional
        Largest lag returned (default ``n_steps - 1``).

    Returns
    -------
    rho : ndarray, shape ``(max_lag + 1,)``, or ``(max_lag + 1, dim)`` for a 3-D chain;
        ``rho[0] == 1`` (a constant chain has ``rho[k] = 0`` for ``k >= 1``).

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
    means = x.mean(axis=0)                     # (n_chains, dim)
    x = x - means
    size = 1 << int(2 * n - 1).bit_length()
    f = np.fft.rfft(x, n=size, axis=0)
    acov = np.fft.irfft(f * np.conj(f), n=size, axis=0)[: max_lag + 1] / n
    acov = acov.mean(axis=1)  # average over chains -> (lags, dim)
    between = means.var(axis=0, ddof=1) if means.shape[0] > 1 else 0.0 * acov[0]
    total = acov[0] + between
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = (acov + between) / total
    rho = np.where(total > 0, rho, np.where(np.arange(max_lag + 1)[:, None] == 0, 1.0, 0.0))
    return rho[:, 0] if squeeze else rho


def integrated_autocorrelation_time(chain, *, monotone: bool = True):
    r"""Integrated autocorrelation time :math:`\tau_{int} = 1 + 2\sum_{k\ge1}\rho_k`.

    Estimated by Geyer's (1992) initial positive sequence: the sums of adjacent pairs
    :math:`\Gamma_m = \rho_{2m} + \rho_{2m+1}` are positive for a reversible chain, so the
    estimate :math:`-1 + 2\sum_m \Gamma_m` stops at the first pair that is not (noise from
    there on). With ``monotone=True`` (Geyer's initial monotone sequence, as in Stan) each
    :math:`\Gamma_m` is also capped by the one before. The result is floored at
    :math:`1/\log_{10} N` (:math:`N` all samples, Stan's rule), so it is never negative, even for
    an anticorrelated chain, whose true value is below 1. For an AR(1) chain with coefficient
    :math:`a` the exact value is :math:`(1+a)/(1-a)`.

    Parameters
    ----------
    chain : array_like, shape ``(n_steps,)``, ``(n_steps, n_chains)`` or
        ``(n_steps, n_chains, dim)``, ``n_steps >= 4``, finite
    monotone : bool
        Apply the initial monotone sequence correction.

    Returns
    -------
    float > 0, or ndarray of shape ``(dim,)`` for a 3-D chain.

    Raises
    ------
    ValueError
        For a chain shorter than 4 steps, not finite, or of another shape.

    Examples
    --------
    >>> z = np.random.default_rng(1).standard_normal((20_000, 4))
    >>> bool(0.9 < integrated_autocorrelation_time(z) < 1.1)
    True
    """
    x = _as_chain(chain, min_steps=4)
    rho = autocorrelation(x)                                   # (lags, dim)
    pairs = rho.shape[0] // 2
    gamma = rho[0:2 * pairs:2] + rho[1:2 * pairs:2]            # (pairs, dim)
    positive = np.cumprod(gamma > 0, axis=0).astype(bool)      # the initial positive run
    if monotone:
        gamma = np.minimum.accumulate(np.where(positive, gamma, np.inf), axis=0)
    tau = -1.0 + 2.0 * np.where(positive, gamma, 0.0).sum(axis=0)
    tau = np.maximum(tau, 1.0 / np.log10(x.shape[0] * x.shape[1]))
    return float(tau[0]) if np.ndim(chain) < 3 else tau


def effective_sample_size(chain, *, monotone: bool = True):
    r"""Effective number of independent samples, :math:`N_{steps} N_{chains} / \tau_{int}`.

    Parameters
    ----------
    chain : as in :func:`integrated_autocorrelation_time`
    monotone : bool
        As in :func:`integrated_autocorrelation_time`.

    Returns
    -------
    float, or ndarray of shape ``(dim,)`` for a 3-D chain.

    Examples
    --------
    >>> z = np.random.default_rng(2).standard_normal(5_000)
    >>> bool(4_000 < effective_sample_size(z) < 6_000)
    True
    """
    iat = integrated_autocorrelation_time(chain, monotone=monotone)
    x = np.asarray(chain)
    return x.shape[0] * (x.shape[1] if x.ndim >= 2 else 1) / iat


def mode_fractions(samples, centers) -> np.ndarray:
    """Fraction of samples closest to each center (e.g. the modes of a mixture).

    Parameters
    ----------
    samples : array_like, shape ``(..., dim)``, finite, not empty
    centers : array_like, shape ``(K, dim)`` (or ``(K,)`` in one dimension), ``K >= 1``

    Returns
    -------
    fractions : ndarray, shape ``(K,)``, summing to 1

    Examples
    --------
    >>> mode_fractions(np.array([[-1.0], [0.5], [2.0], [3.0]]), [[-2.0], [2.0]])
    array([0.25, 0.75])
    """
    x = _array(samples, "samples")
    if x.ndim == 0:
        raise ValueError(f"samples must have shape (..., dim); got a scalar {samples!r}")
    c = _as_centers(centers, x.shape[-1])
    x = x.reshape(-1, c.shape[1])
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
    t = _as_trajectory(trajectory)
    c = _as_centers(centers, t.shape[-1])
    if c.shape[0] == 2:  # two centers: which side of the bisecting plane (ties go to the first)
        side = t @ (c[1] - c[0]) > 0.5 * (c[1] @ c[1] - c[0] @ c[0])
        return np.stack([(~side).mean(axis=1), side.mean(axis=1)], axis=-1)
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
    trajectory : array_like, shape ``(n_steps + 1, n_chains, dim)``, finite, not empty
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
    t = _as_trajectory(trajectory)
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real) \
            or not np.isfinite(threshold):
        raise ValueError(f"threshold must be a finite number; got {threshold!r}")
    x = t[..., 0]
    return float(((x > threshold).any(axis=0) & (x < threshold).any(axis=0)).mean())


def mean_squared_displacement(trajectory) -> np.ndarray:
    r"""Mean squared displacement :math:`\langle |x_n - x_0|^2\rangle` over particles.

    Parameters
    ----------
    trajectory : array_like, shape ``(n_steps + 1, n_particles, dim)``, finite, not empty

    Returns
    -------
    msd : ndarray, shape ``(n_steps + 1,)``

    Examples
    --------
    >>> mean_squared_displacement(np.array([[[0.0]], [[1.0]], [[2.0]]]))
    array([0., 1., 4.])
    """
    t = _as_trajectory(trajectory)
    d = t - t[0]
    return (d * d).sum(axis=-1).mean(axis=1)


def kinetic_temperature(velocities, mass: float = 1.0) -> float:
    r"""Kinetic temperature :math:`\langle m v^2\rangle` per degree of freedom.

    Equipartition, :math:`\langle \tfrac12 m v^2\rangle = \tfrac12 kT` per dimension, makes this
    equal to :math:`kT` at equilibrium.

    Parameters
    ----------
    velocities : array_like, shape ``(..., dim)``, finite, not empty
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
    v = _array(velocities, "velocities")
    if v.ndim == 0:
        raise ValueError(f"velocities must have shape (..., dim); got a scalar {velocities!r}")
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


# ----------------------------------------------------------------------------- estimates
@dataclass(frozen=True)
class Estimate:
    r"""A number measured from samples, with its standard error.

    ``format(est, ".3f")`` gives ``"0.618 ± 0.004"`` (the format spec applies to both numbers);
    ``str(est)`` rounds both to the second significant digit of the standard error. When the
    estimate was taken along one axis of a larger array, ``value`` and ``se`` are arrays of the
    remaining shape and the formatting is element by element.

    Attributes
    ----------
    value : float or ndarray
    se : float or ndarray, >= 0, shaped like ``value``
        Standard error of ``value``.
    n : int >= 1
        Number of samples the estimate was made from (before any autocorrelation correction).

    Examples
    --------
    >>> est = Estimate(0.6181, 0.0042, 10_000)
    >>> format(est, ".3f"), str(est)
    ('0.618 ± 0.004', '0.6181 ± 0.0042')
    >>> round(est.z(0.6), 2)   # 4.3 standard errors above 0.6
    4.31
    """

    value: float | np.ndarray
    se: float | np.ndarray
    n: int

    def __post_init__(self):
        se = np.asarray(self.se, dtype=float)
        if np.shape(self.value) != se.shape:
            raise ValueError(f"se must have the shape of value {np.shape(self.value)}; got "
                             f"{se.shape}")
        if np.any(np.isnan(se)) or np.any(se < 0):
            raise ValueError(f"se must be >= 0 (not NaN); got {self.se!r}")
        if isinstance(self.n, bool) or not isinstance(self.n, (int, np.integer)) or self.n < 1:
            raise ValueError(f"n must be a positive int; got {self.n!r}")

    def z(self, reference):
        r"""How many standard errors ``value`` lies from ``reference``: (value − reference)/se.

        Parameters
        ----------
        reference : float or array_like broadcastable to ``value``

        Returns
        -------
        float, or ndarray shaped like ``value``

        Raises
        ------
        ValueError
            Where ``se == 0``. A zero standard error from samples (all values equal, e.g. every
            chain in one mode) means the error could not be estimated, not that there is none,
            so no z is claimed: compare ``value`` directly, or take more samples.
        """
        ref = np.asarray(reference, dtype=float)
        if not np.all(np.isfinite(ref)):
            raise ValueError(f"reference must be finite; got {reference!r}")
        se = np.asarray(self.se, dtype=float)
        if np.any(se == 0):
            raise ValueError("z is undefined where se == 0 (all samples equal: the standard "
                             "error could not be estimated); compare value directly or take "
                             "more samples")
        z = (np.asarray(self.value, dtype=float) - ref) / se
        return float(z) if z.ndim == 0 else z

    def __format__(self, spec: str) -> str:
        v, s = np.asarray(self.value, dtype=float), np.asarray(self.se, dtype=float)
        if v.ndim == 0:
            return _plus_minus(float(v), float(s), spec)
        return _nested(v.tolist(), s.tolist(), spec)

    def __str__(self) -> str:
        return format(self, "")


def _plus_minus(v: float, s: float, spec: str) -> str:
    if spec:
        return f"{format(v, spec)} ± {format(s, spec)}"
    if not (np.isfinite(s) and s > 0):
        return f"{v:g} ± {s:g}"
    digits = 1 - int(np.floor(np.log10(s)))          # the second significant digit of se
    if digits >= 0:
        return f"{v:.{digits}f} ± {s:.{digits}f}"
    return f"{round(v, digits):.0f} ± {round(s, digits):.0f}"


def _nested(v, s, spec: str) -> str:
    if not isinstance(v, list):
        return _plus_minus(v, s, spec)
    return "[" + ", ".join(_nested(a, b, spec) for a, b in zip(v, s)) + "]"


def _as_values(values, axis):
    """Samples as a float array (booleans become 0/1), the axis to reduce, and its length."""
    x = _array(values, "values")
    if axis is None:
        x, axis = x.reshape(-1), 0
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)) \
            or not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis must be None or an int in [-{x.ndim}, {x.ndim}) for values of "
                         f"shape {x.shape}; got {axis!r}")
    n = x.shape[axis]
    if n < 2:
        raise ValueError(f"values needs at least 2 samples along axis {axis} for a standard "
                         f"error; got shape {x.shape}")
    return x, int(axis), n


def _estimate(value, se, n) -> Estimate:
    if np.ndim(value) == 0:
        return Estimate(float(value), float(se), n)
    return Estimate(value, se, n)


def mean_estimate(values, *, axis: int | None = 0, iat=1.0) -> Estimate:
    r"""The mean along ``axis`` with its standard error :math:`\sqrt{s^2\,\tau_{int}/n}`.

    For independent samples (e.g. the final states of many chains) ``iat=1``: the textbook
    :math:`s/\sqrt n`, :math:`s^2` with ddof 1. For successive states of one correlated chain
    pass its integrated autocorrelation time (:func:`integrated_autocorrelation_time`).
    A fraction is the mean of a boolean array: ``mean_estimate(x[:, 0] < 0)`` is the fraction
    left of 0 with its binomial standard error :math:`\sqrt{\hat p(1 - \hat p)/(n-1)}`.

    Parameters
    ----------
    values : array_like of numbers or booleans, any shape with ``n >= 2`` along ``axis``
    axis : int or None
        The axis of the samples; ``None`` uses every value.
    iat : float or array_like >= 1, broadcastable to the remaining shape
        Integrated autocorrelation time. Values below 1 (an anticorrelated chain) are refused;
        pass ``max(iat, 1)`` for a conservative standard error.

    Returns
    -------
    Estimate
        ``value`` and ``se`` floats when ``values`` is 1-D (or ``axis=None``), otherwise
        arrays of shape ``values.shape`` without ``axis``; ``n = values.shape[axis]``.

    Examples
    --------
    >>> x = np.random.default_rng(0).random(10_000) < 0.3   # Bernoulli(0.3)
    >>> est = mean_estimate(x)
    >>> print(f"{est:.3f}")
    0.301 ± 0.005
    >>> bool(abs(est.z(0.3)) < 5)
    True
    """
    x, axis, n = _as_values(values, axis)
    value = x.mean(axis=axis)
    tau = np.asarray(iat)
    if tau.dtype.kind not in "iuf" or not np.all(np.isfinite(tau)) or np.any(tau < 1):
        raise ValueError(f"iat must be a finite number >= 1 (pass max(iat, 1) for an "
                         f"anticorrelated chain); got {iat!r}")
    try:
        se = np.sqrt(x.var(axis=axis, ddof=1) * tau / n)
    except ValueError:
        raise ValueError(f"iat must broadcast to shape {np.shape(value)}; got shape "
                         f"{tau.shape}") from None
    if se.shape != np.shape(value):
        raise ValueError(f"iat must broadcast to shape {np.shape(value)}; got shape {tau.shape}")
    return _estimate(value, se, n)


def variance_estimate(values, *, axis: int | None = 0) -> Estimate:
    r"""The variance along ``axis`` (ddof 1) with its standard error :math:`\sqrt{(m_4 - m_2^2)/n}`.

    :math:`m_k` are the central moments of the samples (divisor :math:`n`). No Gaussian
    assumption: for :math:`N(\mu, \sigma^2)`, :math:`m_4 = 3\sigma^4` and this is the familiar
    :math:`\sigma^2\sqrt{2/n}`, but a heavy-tailed or bimodal law gets its own error. Using
    :math:`m_2^2` for :math:`s^4` keeps the standard error real (:math:`m_4 \ge m_2^2`); the
    difference is :math:`O(1/n)`. Samples must be independent.

    Parameters
    ----------
    values : array_like of numbers, any shape with ``n >= 2`` along ``axis``
    axis : int or None
        The axis of the samples; ``None`` uses every value.

    Returns
    -------
    Estimate
        Floats for 1-D ``values`` (or ``axis=None``), else arrays without ``axis``.

    Examples
    --------
    >>> x = np.random.default_rng(1).standard_normal(100_000)
    >>> est = variance_estimate(x)
    >>> print(est)                   # se ≈ sqrt(2 / n) = 0.0045
    0.9931 ± 0.0045
    """
    x, axis, n = _as_values(values, axis)
    d = x - x.mean(axis=axis, keepdims=True)
    m2 = np.mean(d * d, axis=axis)
    m4 = np.mean(d**4, axis=axis)
    return _estimate(x.var(axis=axis, ddof=1), np.sqrt(np.maximum(m4 - m2 * m2, 0.0) / n), n)
