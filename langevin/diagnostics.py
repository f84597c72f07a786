r"""Exact reference formulas and chain statistics.

Reference formulas (the oracles the tests and chapters compare against):

- :func:`ula_gaussian_variance` — ULA's biased stationary variance on :math:`N(m, s^2)`
- :func:`ula_gaussian_covariance` — the same for :math:`N(\mu, \Sigma)`
- :func:`ula_gaussian_moments` — mean and variance after ``n`` ULA steps on :math:`N(m, s^2)`
- :func:`einstein_msd` — mean squared displacement :math:`2dDt`, :math:`D = T/\gamma`
- :func:`ou_moments` — exact mean and variance of the overdamped (Ornstein–Uhlenbeck) particle
  on :math:`N(m, s^2)`

Chain statistics: :func:`autocorrelation`, :func:`integrated_autocorrelation_time`,
:func:`effective_sample_size`, :func:`mode_fractions`, :func:`crossing_fraction`,
:func:`mean_squared_displacement`,
:func:`kinetic_temperature`.
"""
from __future__ import annotations

import numpy as np

from ._validation import check_count, check_nonnegative, check_positive

__all__ = [
    "ula_gaussian_variance", "ula_gaussian_covariance", "ula_gaussian_moments", "einstein_msd",
    "ou_moments",
    "autocorrelation", "integrated_autocorrelation_time", "effective_sample_size",
    "mode_fractions", "mode_fraction_history", "basin_probabilities", "crossing_fraction", "mean_squared_displacement", "kinetic_temperature",
]


def ula_gaussian_variance(variance: float, step_size: float, temperature: float = 1.0) -> float:
    r"""Exact stationary variance of ULA on :math:`N(m, s^2)`: :math:`T s^2 / (1 - \tau/(2s^2))`.

    ULA there is the AR(1) chain :math:`x' = m + a(x - m) + \sqrt{2\tau T}z`,
    :math:`a = 1 - \tau/s^2`, whose stationary variance is :math:`2\tau T/(1-a^2)`.
    It exceeds the target :math:`T s^2` for every :math:`\tau > 0`.

    Parameters
    ----------
    variance : float > 0
        :math:`s^2`.
    step_size : float, ``0 < step_size < 2 * variance``
    temperature : float >= 0

    Returns
    -------
    float
        The stationary variance of the chain (``0.0`` at ``temperature=0``).

    Raises
    ------
    ValueError
        If ``step_size >= 2 * variance``: the chain diverges and has no stationary law.

    Examples
    --------
    >>> round(ula_gaussian_variance(2.0, 0.2), 6)
    2.105263
    """
    s2 = check_positive(variance, "variance")
    tau = check_positive(step_size, "step_size")
    temp = check_nonnegative(temperature, "temperature")
    if tau >= 2.0 * s2:
        raise ValueError(f"step_size must be < 2 * variance = {2 * s2:.6g} for ULA to have a "
                         f"stationary law (it diverges otherwise); got step_size={tau:.6g}")
    return temp * s2 / (1.0 - tau / (2.0 * s2))


def ula_gaussian_covariance(cov, step_size: float, temperature: float = 1.0) -> np.ndarray:
    r"""Stationary covariance of ULA on :math:`N(\mu, \Sigma)`: :math:`T\Sigma(I - \tau\Sigma^{-1}/2)^{-1}`.

    Parameters
    ----------
    cov : array_like, shape ``(dim, dim)``, positive definite
    step_size : float, below ``2 * min eigenvalue(cov)``
    temperature : float >= 0

    Returns
    -------
    ndarray, shape ``(dim, dim)``

    Examples
    --------
    >>> ula_gaussian_covariance([[2.0]], 0.2).round(6)
    array([[2.105263]])
    """
    c = np.atleast_2d(np.asarray(cov, dtype=float))
    if c.ndim != 2 or c.shape[0] != c.shape[1]:
        raise ValueError(f"cov must have shape (dim, dim); got shape {np.shape(cov)}")
    tau = check_positive(step_size, "step_size")
    temp = check_nonnegative(temperature, "temperature")
    lam = np.linalg.eigvalsh(c)
    if lam[0] <= 0:
        raise ValueError(f"cov must be positive definite; got eigenvalues {lam.tolist()}")
    if tau >= 2.0 * lam[0]:
        raise ValueError(f"step_size must be < 2 * smallest eigenvalue of cov = {2 * lam[0]:.6g}; "
                         f"got step_size={tau:.6g}")
    dim = c.shape[0]
    return temp * c @ np.linalg.inv(np.eye(dim) - 0.5 * tau * np.linalg.inv(c))


def ula_gaussian_moments(x0_mean: float, x0_variance: float, mean: float, variance: float,
                         step_size: float, n_steps, temperature: float = 1.0):
    r"""Mean and variance of ULA on :math:`N(m, s^2)` after ``n`` steps, exactly.

    With :math:`a = 1 - \tau/s^2` and :math:`v_\infty = 2\tau T/(1-a^2)`:
    mean :math:`m + a^n(\bar x_0 - m)`, variance :math:`a^{2n}v_0 + v_\infty(1 - a^{2n})`.
    At ``temperature=0`` this is the noise-free path :math:`x_n = m + a^n(x_0 - m)`.

    Parameters
    ----------
    x0_mean, x0_variance : float
        Mean and variance of the starting points (``x0_variance=0`` for a fixed start).
    mean, variance : float
        :math:`m`, :math:`s^2` of the target.
    step_size : float > 0
    n_steps : int or array of ints
    temperature : float >= 0

    Returns
    -------
    (mean_n, variance_n) : floats or arrays shaped like ``n_steps``

    Examples
    --------
    >>> ula_gaussian_moments(1.0, 0.0, 0.0, 1.0, 0.5, 2, temperature=0)
    (0.25, 0.0)
    """
    s2 = check_positive(variance, "variance")
    tau = check_positive(step_size, "step_size")
    temp = check_nonnegative(temperature, "temperature")
    v0 = check_nonnegative(x0_variance, "x0_variance")
    n = np.asarray(n_steps)
    if n.dtype.kind not in "iu" or np.any(n < 0):
        raise ValueError(f"n_steps must be non-negative integer(s); got {n_steps!r}")
    a = 1.0 - tau / s2
    a2n = a ** (2 * n)
    # noise part: 2 tau T sum_{j<n} a^(2j) = v_inf (1 - a^(2n)); for |a| > 1 (a diverging chain)
    # v_inf is negative and the product still correct; at |a| = 1 the sum is n.
    if a * a != 1.0:
        noise = 2.0 * tau * temp / (1.0 - a * a) * (1.0 - a2n)
    else:
        noise = 2.0 * tau * temp * n
    var_n = a2n * v0 + (noise if temp > 0 else 0.0 * a2n)
    mean_n = mean + a ** n * (x0_mean - mean)
    if np.ndim(n_steps) == 0:
        return float(mean_n), float(var_n)
    return mean_n, var_n


def einstein_msd(t, temperature: float, friction: float, dim: int = 1):
    r"""Einstein's mean squared displacement of a free overdamped particle, :math:`2dDt`.

    :math:`D = k T/\gamma`.

    Parameters
    ----------
    t : float or array_like, shape ``(n,)``
        Times :math:`t \ge 0`.
    temperature : float >= 0
        :math:`kT`.
    friction : float > 0
        :math:`\gamma`.
    dim : int >= 1
        Number of dimensions :math:`d`.

    Returns
    -------
    float or ndarray, shape ``(n,)``
        :math:`\langle |x(t) - x(0)|^2\rangle`, shaped like ``t``.

    Examples
    --------
    >>> einstein_msd(2.0, temperature=1.0, friction=4.0, dim=3)
    3.0
    """
    temp = check_nonnegative(temperature, "temperature")
    gamma = check_positive(friction, "friction")
    d = check_count(dim, "dim")
    t = np.asarray(t, dtype=float)
    out = 2.0 * d * (temp / gamma) * t
    return float(out) if out.ndim == 0 else out


def ou_moments(t, x0, friction: float, temperature: float = 1.0, *, mean: float = 0.0,
               variance: float = 1.0):
    r"""Exact mean and variance of the overdamped particle on :math:`N(m, s^2)` at time ``t``.

    The overdamped Langevin equation in :math:`U = (x - m)^2/(2s^2)`,
    :math:`\gamma\,\mathrm{d}x = -\nabla U\,\mathrm{d}t + \sqrt{2\gamma T}\,\mathrm{d}W`, is an
    Ornstein–Uhlenbeck process. Started at :math:`x_0`, at time :math:`t` it is Gaussian with
    mean :math:`m + e^{-t/(\gamma s^2)}(x_0 - m)` and variance
    :math:`s^2 T (1 - e^{-2t/(\gamma s^2)})`: the exact transition, with no discretisation
    error. The defaults :math:`m = 0`, :math:`s^2 = 1` give :math:`U = x^2/2`, mean
    :math:`x_0 e^{-t/\gamma}` and variance :math:`T(1 - e^{-2t/\gamma})`.

    Parameters
    ----------
    t : float or array_like, shape ``(n,)``
        Times :math:`t \ge 0`.
    x0 : float
        Start position.
    friction : float > 0
        :math:`\gamma`.
    temperature : float >= 0
        :math:`kT`.
    mean, variance : float
        :math:`m` and :math:`s^2 > 0` of the target.

    Returns
    -------
    (mean_t, variance_t) : ndarrays shaped like ``t``

    Examples
    --------
    >>> m, v = ou_moments([0.0, 1.0], x0=2.0, friction=1.0)
    >>> m.round(4), v.round(4)
    (array([2.    , 0.7358]), array([0.    , 0.8647]))
    """
    gamma = check_positive(friction, "friction")
    temp = check_nonnegative(temperature, "temperature")
    s2 = check_positive(variance, "variance")
    t = np.asarray(t, dtype=float)
    decay = np.exp(-t / (gamma * s2))
    return mean + decay * (x0 - mean), s2 * temp * (1.0 - decay**2)


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


def basin_probabilities(potential, centers, temperature: float = 1.0, *, lo: float = -10.0,
                        hi: float = 10.0, n_grid: int = 4001) -> np.ndarray:
    r"""Exact probability of each nearest-center basin under :math:`p^{1/T} \propto e^{-U/T}`.

    One-dimensional: the basins are the intervals between the midpoints of the sorted centers,
    each integrated by the trapezoid rule on ``n_grid`` points. It is the reference for
    :func:`mode_fractions`: a mixture's basins do not carry exactly its component weights,
    because the components' tails cross the valley. At ``temperature=0`` the law sits on the
    global minimum of :math:`U`.

    Parameters
    ----------
    potential : potential with ``dim == 1``
    centers : array_like, shape ``(K, 1)`` or ``(K,)``
    temperature : float >= 0
    lo, hi : float
        Quadrature interval; it must hold practically all the mass.
    n_grid : int

    Returns
    -------
    ndarray, shape ``(K,)``, summing to 1

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> mix = GaussianMixture([0.2, 0.8], [-2.0, 2.0], [1.0, 1.0])
    >>> basin_probabilities(mix, mix.means).round(4)   # 0.2 Φ(2) + 0.8 Φ(−2), not 0.2
    array([0.2137, 0.7863])
    """
    if getattr(potential, "dim", None) != 1:
        raise ValueError(f"potential must be one-dimensional (dim 1); got dim "
                         f"{getattr(potential, 'dim', None)!r}")
    temp = check_nonnegative(temperature, "temperature")
    n_grid = check_count(n_grid, "n_grid")
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi) or n_grid < 2:
        raise ValueError(f"need finite lo < hi and n_grid >= 2; got lo={lo!r}, hi={hi!r}, "
                         f"n_grid={n_grid!r}")
    c = np.asarray(centers, dtype=float).reshape(-1)
    order = np.argsort(c)
    cuts = np.concatenate([[lo], 0.5 * (c[order][1:] + c[order][:-1]), [hi]])  # basin edges
    grids = [np.linspace(a, b, n_grid) for a, b in zip(cuts[:-1], cuts[1:])]
    energies = [potential.energy(g[:, None]) for g in grids]
    u_min = min(e.min() for e in energies)
    if temp == 0:
        mass = np.array([float(np.any(e == u_min)) for e in energies])
    else:  # trapezoid rule on each basin separately: the edges are grid points
        mass = np.array([np.trapezoid(np.exp(-(e - u_min) / temp), g)
                         for g, e in zip(grids, energies)])
    out = np.empty_like(mass)
    out[order] = mass / mass.sum()
    return out


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
