r"""Exact reference formulas: what a sampler *should* give, computed without sampling.

Every number a chapter measures from chains is set beside one of these (DESIGN.md §6):

- :func:`ula_gaussian_variance` — ULA's biased stationary variance on :math:`N(m, s^2)`
- :func:`ula_gaussian_covariance` — the same for :math:`N(\mu, \Sigma)`
- :func:`ula_gaussian_moments` — mean and variance after ``n`` ULA steps on :math:`N(m, s^2)`
- :func:`einstein_msd` — mean squared displacement :math:`2dDt`, :math:`D = T/\gamma`
- :func:`ou_moments` — exact mean and variance of the overdamped (Ornstein–Uhlenbeck) particle
  on :math:`N(m, s^2)`
- :func:`basin_probabilities` — exact mass of each nearest-center basin under
  :math:`e^{-U/T}` (1-D)
- :func:`boltzmann_density` — the target itself, :math:`e^{-U/T}/Z` on a 1-D grid
- :func:`ula_stationary_density` — what ULA at a finite step really samples (1-D grid)

The statistics of the chains themselves (autocorrelation, standard errors, mode fractions) are
in :mod:`langevin.diagnostics`.
"""
from __future__ import annotations

import numbers
import warnings

import numpy as np

from ._validation import (check_1d_potential, check_count, check_covariance, check_nonnegative,
                          check_positive, check_positive_count)

__all__ = [
    "ula_gaussian_variance", "ula_gaussian_covariance", "ula_gaussian_moments", "einstein_msd",
    "ou_moments", "basin_probabilities", "boltzmann_density",
    "ula_stationary_density", "baoab_free_msd",
]


def _check_real(value, name: str) -> float:
    """A finite real number (any sign)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return float(value)


def _check_times(t) -> np.ndarray:
    """Times as a float array, finite and >= 0."""
    a = np.asarray(t)
    if a.dtype.kind not in "iuf" or not np.all(np.isfinite(a)) or np.any(a < 0):
        raise ValueError(f"t must be finite times >= 0; got {t!r}")
    return a.astype(float)


def _check_grid(grid, *, min_points: int = 2) -> np.ndarray:
    """A finite, strictly increasing 1-D grid of at least ``min_points`` points."""
    g = np.asarray(grid, dtype=float)
    if g.ndim != 1 or g.size < min_points:
        raise ValueError(f"grid must be a 1-D array of at least {min_points} points; got shape "
                         f"{g.shape}")
    if not np.all(np.isfinite(g)):
        raise ValueError("grid must be finite; got NaN or inf")
    if not np.all(np.diff(g) > 0):
        raise ValueError("grid must be strictly increasing")
    return g


def _grid_energy(potential, g: np.ndarray) -> np.ndarray:
    """``potential.energy`` on a 1-D grid, checked: shape ``(n,)``, never NaN (+inf allowed)."""
    u = np.asarray(potential.energy(g[:, None]), dtype=float)
    if u.shape != g.shape or np.any(np.isnan(u)) or np.any(u == -np.inf):
        raise ValueError(f"potential.energy must return finite values (or +inf) of shape "
                         f"{g.shape} on the grid; got shape {u.shape} with "
                         f"{int(np.sum(~(np.isfinite(u) | (u == np.inf))))} NaN or -inf")
    return u


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
    c = check_covariance(c, c.shape[0], "cov")
    tau = check_positive(step_size, "step_size")
    temp = check_nonnegative(temperature, "temperature")
    lam = np.linalg.eigvalsh(c)
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
    x0_mean, mean = _check_real(x0_mean, "x0_mean"), _check_real(mean, "mean")
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
    d = check_positive_count(dim, "dim")
    t = _check_times(t)
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
    x0, mean = _check_real(x0, "x0"), _check_real(mean, "mean")
    t = _check_times(t)
    decay = np.exp(-t / (gamma * s2))
    return mean + decay * (x0 - mean), s2 * temp * (1.0 - decay**2)


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
    check_1d_potential(potential)
    temp = check_nonnegative(temperature, "temperature")
    n_grid = check_count(n_grid, "n_grid")
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi) or n_grid < 2:
        raise ValueError(f"need finite lo < hi and n_grid >= 2; got lo={lo!r}, hi={hi!r}, "
                         f"n_grid={n_grid!r}")
    c = np.asarray(centers, dtype=float)
    if c.size == 0 or c.ndim > 2 or (c.ndim == 2 and c.shape[1] != 1) \
            or not np.all(np.isfinite(c)):
        raise ValueError(f"centers must be finite, of shape (K, 1) or (K,) with K >= 1; got "
                         f"{centers!r}")
    c = c.reshape(-1)
    order = np.argsort(c)
    cuts = np.concatenate([[lo], 0.5 * (c[order][1:] + c[order][:-1]), [hi]])  # basin edges
    if not (np.all(np.diff(cuts) > 0) and np.all(np.diff(c[order]) > 0)):
        raise ValueError(f"centers must be distinct, with the midpoints between them inside "
                         f"(lo, hi) = ({lo!r}, {hi!r}); got centers {c.tolist()}")
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


def boltzmann_density(potential, grid, temperature: float = 1.0) -> np.ndarray:
    r"""Boltzmann density :math:`e^{-U(x)/T}/Z` of a 1-D potential on a grid.

    :math:`Z` is computed numerically (trapezoid rule over ``grid``), which is only possible
    because the grid is one-dimensional (chapter 4). The grid must hold practically all the mass.
    For ULA's own stationary law at a finite step see :func:`ula_stationary_density`.

    Parameters
    ----------
    potential : potential with ``dim == 1``
    grid : array_like, shape ``(n,)``, strictly increasing, ``n >= 2``
    temperature : float > 0
        At ``temperature=0`` there is no density (the law is a point mass at the minimum of
        :math:`U`): ``ValueError``.

    Returns
    -------
    density : ndarray, shape ``(n,)``, integrating to 1 over ``grid`` (trapezoid rule).

    Raises
    ------
    ValueError
        For a potential of ``dim != 1``, a grid that is not finite and strictly increasing, or
        ``temperature <= 0``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> g = np.linspace(-8, 8, 2001)
    >>> p = boltzmann_density(Gaussian(0.0, 1.0), g)
    >>> round(float(p[1000]), 4)   # 1/sqrt(2 pi)
    0.3989
    """
    check_1d_potential(potential)
    g = _check_grid(grid)
    temp = check_nonnegative(temperature, "temperature")
    if temp == 0:
        raise ValueError("temperature must be > 0 for a density; got 0 (at T = 0 the law is a "
                         "point mass at the minimum of U)")
    logp = -_grid_energy(potential, g) / temp
    if not np.isfinite(logp.max()):
        raise ValueError("potential.energy is +inf everywhere on the grid: no mass to normalise")
    p = np.exp(logp - logp.max())
    return p / np.trapezoid(p, g)


#: Internal grid of :func:`ula_stationary_density`: points per kernel width (sets the accuracy,
#: ~exp(-2π² · this²)), the fewest points, and the most (a dense solve of that size).
_POINTS_PER_WIDTH, _MIN_POINTS, _MAX_POINTS = 2.0, 101, 4000


def _ula_kernel_log(x_to, mu, s2):
    """log N(x_to; mu, s2) up to a constant, shape (len(x_to), len(mu)): column i from mu_i."""
    return -((x_to[:, None] - mu[None, :]) ** 2) / (2.0 * s2)


def ula_stationary_density(potential, step_size: float, grid, *,
                           temperature: float = 1.0) -> np.ndarray:
    r"""The exact stationary density of 1-D ULA at a finite step, on a uniform grid.

    ULA, :math:`x' = x - \tau U'(x) + \sqrt{2\tau T}\,z`, is a Markov chain with transition
    density :math:`K(x \to y) = N(y;\, x - \tau U'(x),\, 2\tau T)`. Its stationary law
    :math:`p = Kp` is not :math:`e^{-U/T}/Z`: this is the honest reference for a fixed-step
    sampler (on :math:`N(m, s^2)` it has the variance :func:`ula_gaussian_variance`).

    The operator is discretised by the Nyström method: on an internal uniform grid over
    ``[grid[0], grid[-1]]`` fine enough to resolve the kernel (two points per width
    :math:`\sqrt{2\tau T}/|1 - \tau U''|`, so the quadrature error is ~1e-17), with each column
    normalised so that no mass is lost (what would leave the interval is put back on it); the
    leading eigenvector (eigenvalue 1) is found by a direct solve, and evaluated on ``grid`` by
    one more application of :math:`K`, which leaves it unchanged. The cost does not grow with
    ``len(grid)`` beyond one matrix product.

    Parameters
    ----------
    potential : potential with ``dim == 1``
    step_size : float > 0
        :math:`\tau`.
    grid : array_like, shape ``(n,)``, uniform and increasing, ``n >= 3``
        Where to evaluate the density; it must hold practically all the mass.
    temperature : float > 0
        At ``temperature=0`` ULA is a deterministic map with no density: ``ValueError``.

    Returns
    -------
    density : ndarray, shape ``(n,)``, ``>= 0``, normalised: ``density.sum() * dx == 1``.

    Raises
    ------
    ValueError
        For a potential of ``dim != 1``, a grid that is not uniform and increasing,
        ``step_size <= 0``, ``temperature <= 0``, a gradient that is not finite on the grid, or
        a step so small that the kernel would need more than 4000 internal points over the grid
        (use :func:`boltzmann_density`, which ULA approaches as :math:`O(\tau)`).

    Warns
    -----
    RuntimeWarning
        If more than 1e-6 of the mass lies within one noise width :math:`\sqrt{2\tau T}` of an
        end of the grid: the grid cuts the law off (widen it), or the step is unstable.

    Examples
    --------
    >>> from langevin import Gaussian, GaussianMixture
    >>> g = np.linspace(-15, 15, 2001)
    >>> p = ula_stationary_density(Gaussian(0.0, 2.0), 0.2, g)
    >>> dx = g[1] - g[0]
    >>> round(float(np.sum(g**2 * p) * dx), 6), round(ula_gaussian_variance(2.0, 0.2), 6)
    (2.105263, 2.105263)
    >>> p = ula_stationary_density(GaussianMixture.default(), 0.1, g)
    >>> round(float(np.sum(g**2 * p) * dx), 4)   # the target's variance is 5
    5.0206
    """
    check_1d_potential(potential)
    tau = check_positive(step_size, "step_size")
    temp = check_nonnegative(temperature, "temperature")
    if temp == 0:
        raise ValueError("temperature must be > 0 for a density; got 0 (at T = 0 ULA is a "
                         "deterministic map: gradient descent, ending on a point)")
    g = _check_grid(grid, min_points=3)
    dx = (g[-1] - g[0]) / (g.size - 1)
    if np.max(np.abs(np.diff(g) - dx)) > 1e-6 * dx:
        raise ValueError(f"grid must be uniform (equal spacing); spacings range from "
                         f"{np.diff(g).min():.6g} to {np.diff(g).max():.6g}")
    s2 = 2.0 * tau * temp
    lo, hi = g[0], g[-1]

    def drift(x):
        grad = np.asarray(potential.grad_energy(x[:, None]), dtype=float)
        if grad.shape != (x.size, 1) or not np.all(np.isfinite(grad)):
            raise ValueError(f"potential.grad_energy must be finite with shape ({x.size}, 1) "
                             f"on the grid [{lo:.6g}, {hi:.6g}]")
        return x - tau * grad[:, 0]

    # kernel width in x: sqrt(2τT)/|1 - τU''| where the law lives (a step stays on the grid and
    # e^{-U/T} is not negligible); U'' by central differences on a probe grid
    probe = np.linspace(lo, hi, max(g.size, 2001))
    eps = 1e-4 * np.sqrt(s2)
    jac = (drift(probe + eps) - drift(probe - eps)) / (2 * eps)
    u = _grid_energy(potential, probe)
    mu = drift(probe)
    live = (mu >= lo) & (mu <= hi) & ((u - u.min()) / temp < 70.0)
    stretch = max(1.0, float(np.max(np.abs(jac[live])))) if live.any() else 1.0
    h = np.sqrt(s2) / stretch / _POINTS_PER_WIDTH
    n_int = max(_MIN_POINTS, int(np.ceil((hi - lo) / h)) + 1)
    if n_int > _MAX_POINTS:
        raise ValueError(f"step_size={tau:.6g} is too small for an exact solution on "
                         f"[{lo:.6g}, {hi:.6g}]: the one-step kernel would need {n_int} grid "
                         f"points (at most {_MAX_POINTS}); narrow the grid, or use "
                         f"boltzmann_density, which ULA approaches as step_size -> 0")
    x = np.linspace(lo, hi, n_int)
    mu = drift(x)
    logk = _ula_kernel_log(x, mu, s2)               # (to, from)
    shift = logk.max(axis=0)
    k = np.exp(logk - shift)
    norm = k.sum(axis=0)
    k /= norm                                       # columns sum to 1: mass conserved
    a = k - np.eye(n_int)
    a[-1, :] = 1.0                                  # the last balance follows from the others
    rhs = np.zeros(n_int)
    rhs[-1] = 1.0
    w = np.maximum(np.linalg.solve(a, rhs), 0.0)    # stationary weights, sum 1
    edge = np.sqrt(s2)
    edge_mass = w[(x < lo + edge) | (x > hi - edge)].sum()
    if edge_mass > 1e-6:
        warnings.warn(f"ula_stationary_density: {edge_mass:.2g} of the mass lies within one "
                      f"noise width ({edge:.3g}) of the ends of the grid [{lo:.6g}, {hi:.6g}]; "
                      f"the grid cuts the law off (widen it) or the step is unstable",
                      RuntimeWarning, stacklevel=2)
    p = np.exp(_ula_kernel_log(g, mu, s2) - shift) @ (w / norm)   # one more step of K
    return p / (p.sum() * dx)


def baoab_free_msd(n_steps, step_size: float, friction: float, temperature: float = 1.0, *,
                   dim: int = 1) -> np.ndarray:
    r"""Exact mean squared displacement of BAOAB for a free particle (unit mass), velocities
    starting from equilibrium :math:`N(0, T)`, after ``n_steps`` steps of size :math:`h`.

    With :math:`c = e^{-\gamma h}` and :math:`q_n = (n - 1 - nc + c^n)/(1-c)^2` it is
    :math:`\frac{d h^2}{4}\, 2T(1+c)\,[n + (1+c)\,q_n]`: what
    :func:`langevin.simulate_underdamped` measures at a finite step, beside Einstein's
    :math:`2dDt` (:func:`einstein_msd`) that it approaches as :math:`h \to 0` and :math:`t`
    grows.

    Parameters
    ----------
    n_steps : array_like of int >= 0
    step_size, friction : float > 0
        :math:`h` and :math:`\gamma`.
    temperature : float >= 0
    dim : int >= 1

    Returns
    -------
    ndarray, the shape of ``n_steps``

    Examples
    --------
    >>> h, c = 0.1, np.exp(-0.1)          # one step: x1 - x0 = h/2 ((1 + c) v0 + sqrt(1 - c²) ξ)
    >>> bool(np.isclose(baoab_free_msd(1, h, 1.0), h**2 / 4 * ((1 + c) ** 2 + 1 - c**2)))
    True
    """
    h, gamma = check_positive(step_size, "step_size"), check_positive(friction, "friction")
    temp = check_nonnegative(temperature, "temperature")
    dim = check_positive_count(dim, "dim")
    n = np.asarray(n_steps, dtype=float)
    if not np.all(np.isfinite(n)) or np.any(n < 0):
        raise ValueError(f"n_steps must be non-negative; got {n_steps!r}")
    c = np.exp(-gamma * h)
    var = 2 * temp * (1 + c) * (n + (1 + c) * (n - 1 - n * c + c**n) / (1 - c) ** 2)
    return dim * h**2 / 4 * var
