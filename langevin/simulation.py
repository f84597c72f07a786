"""Loops over the one-step kernels: whole trajectories, with a divergence check.

- :func:`simulate` — overdamped Langevin (ULA or MALA), trajectory ``(n_steps + 1, *x0.shape)``
- :func:`simulate_underdamped` — BAOAB, positions and velocities
- :class:`DivergenceError` — raised when a state stops being finite
"""
from __future__ import annotations

import numpy as np

from ._validation import (as_state, check_count, check_finite_array, check_nonnegative,
                          check_positive, check_potential)
from .potentials import Gaussian
from .samplers import _baoab, _check_friction_temperature, _check_velocity, _mala, _ula

__all__ = ["simulate", "simulate_underdamped", "DivergenceError", "stability_bound"]

_METHODS = ("ula", "mala")


class DivergenceError(FloatingPointError):
    """A chain stopped being finite.

    A ``FloatingPointError``, raised by :func:`simulate` and :func:`simulate_underdamped`
    with a message naming the step and, where known, the stability bound.

    Parameters
    ----------
    message : str
    step : int
        The first step (1-based) whose state is not finite.
    bound : float or None
        The step-size stability bound, where known.

    Attributes
    ----------
    step : int
        The first step (1-based) whose state is not finite.
    bound : float or None
        The step-size stability bound, where known (ULA on a Gaussian: ``2 σ²_min``).

    Examples
    --------
    >>> from langevin import Gaussian
    >>> try:
    ...     simulate(Gaussian(0.0, 1.0), np.ones((1, 1)), step_size=2.5, n_steps=2000,
    ...              temperature=0.0)
    ... except DivergenceError as err:
    ...     print(err.step, err.bound)
    1750 2.0
    """

    def __init__(self, message: str, step: int, bound: float | None = None):
        super().__init__(message)
        self.step = step
        self.bound = bound


def stability_bound(potential, method: str = "ula", *, mass: float = 1.0) -> float | None:
    r"""Largest stable step size where it is known exactly, else ``None``.

    For a Gaussian with smallest variance :math:`s^2` (smallest eigenvalue of the covariance):
    ULA is stable iff :math:`\tau < 2 s^2`; velocity Verlet and BAOAB iff
    :math:`h < 2 s\sqrt{m}` (:math:`h\omega < 2`). MALA never diverges (it rejects), so ``None``.

    Parameters
    ----------
    potential : potential object
        Only a :class:`Gaussian` has a known bound.
    method : ``"ula"``, ``"mala"``, ``"verlet"`` or ``"baoab"``
    mass : float > 0
        Mass :math:`m` (velocity Verlet and BAOAB).

    Returns
    -------
    float or None
        The bound on ``step_size`` (exclusive), or ``None`` where none is known.

    Examples
    --------
    >>> stability_bound(Gaussian(0.0, 2.0), "ula")
    4.0
    """
    if not isinstance(potential, Gaussian):
        return None
    s2 = float(np.linalg.eigvalsh(potential.cov)[0])
    if method == "ula":
        return 2.0 * s2
    if method in ("verlet", "baoab"):
        return 2.0 * np.sqrt(s2 * mass)
    return None


def _divergence(method, step, step_size, potential, mass=1.0):
    bound = stability_bound(potential, method, mass=mass)
    if bound is not None:
        where = (f"the stability bound for {method.upper()} on this Gaussian is step_size < "
                 f"{bound:.6g}; got step_size={step_size:.6g}")
    else:
        where = (f"no exact stability bound is known for {type(potential).__name__}; "
                 f"try a smaller step_size than {step_size:.6g}")
    return DivergenceError(f"{method.upper()} chain diverged: state not finite at step {step}; "
                           + where, step, bound)


def _check_run(potential, x0, step_size, n_steps, temperature):
    check_potential(potential)
    x = as_state(x0, potential.dim, "x0")
    check_finite_array(x, "x0")
    step_size = check_positive(step_size, "step_size")
    n_steps = check_count(n_steps, "n_steps")
    temperature = check_nonnegative(temperature, "temperature")
    return x, step_size, n_steps, temperature


def simulate(potential, x0, *, step_size: float, n_steps: int, temperature: float = 1.0,
             method: str = "ula", rng=None) -> np.ndarray:
    r"""Run overdamped Langevin chains, all particles at once.

    Each step is :math:`x' = x - \tau\nabla U(x) + \sqrt{2\tau T}\,z` (``"ula"``), or that
    proposal with a Metropolis accept step (``"mala"``, needs ``temperature > 0``).

    Parameters
    ----------
    potential : potential object
    x0 : array_like, shape ``(..., dim)``
        Starting states; e.g. ``(n_particles, dim)``.
    step_size : float > 0
    n_steps : int >= 0
    temperature : float >= 0
        ``0`` = no noise: gradient ascent on :math:`\log p`.
    method : ``"ula"`` or ``"mala"``
    rng : None, int or numpy.random.Generator

    Returns
    -------
    trajectory : ndarray, shape ``(n_steps + 1, *x0.shape)``; ``trajectory[0] == x0``.

    Raises
    ------
    ValueError
        Bad input, before any work.
    DivergenceError
        A state stops being finite.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> traj = simulate(GaussianMixture.default(), np.zeros((5, 1)), step_size=0.1,
    ...                 n_steps=100, rng=0)
    >>> traj.shape
    (101, 5, 1)
    """
    if not isinstance(method, str) or method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}; got {method!r}")
    x, step_size, n_steps, temperature = _check_run(potential, x0, step_size, n_steps, temperature)
    if method == "mala" and temperature == 0.0:
        raise ValueError("temperature must be > 0 for method='mala' (without noise there is "
                         "nothing to Metropolis-adjust; use method='ula'); got 0")
    rng = np.random.default_rng(rng)
    out = np.empty((n_steps + 1,) + x.shape)
    out[0] = x
    with np.errstate(over="ignore", invalid="ignore"):
        if method == "ula":
            for n in range(1, n_steps + 1):
                x = _ula(x, potential, step_size, temperature, rng)
                if not np.isfinite(x).all():
                    raise _divergence("ula", n, step_size, potential)
                out[n] = x
        else:
            u, g = potential.energy(x), potential.grad_energy(x)
            for n in range(1, n_steps + 1):
                x, _, u, g = _mala(x, potential, step_size, temperature, rng, u, g)
                if not np.isfinite(x).all():
                    raise _divergence("mala", n, step_size, potential)
                out[n] = x
    return out


def simulate_underdamped(potential, x0, v0, *, step_size: float, n_steps: int, friction: float,
                         mass: float = 1.0, temperature: float = 1.0, rng=None):
    r"""Run underdamped Langevin dynamics with BAOAB, all particles at once.

    Integrates :math:`dx = v\,dt`, :math:`m\,dv = -\nabla U\,dt - \gamma v\,dt +
    \sqrt{2\gamma T}\,dW`. With ``friction=0, temperature=0`` this is Newton (velocity Verlet).

    Parameters
    ----------
    potential : potential object
    x0, v0 : array_like, shape ``(..., dim)``
    step_size : float > 0
        Time step :math:`h`.
    n_steps : int >= 0
    friction : float >= 0
        :math:`\gamma`; zero friction requires zero temperature (fluctuation–dissipation).
    mass : float > 0
    temperature : float >= 0
    rng : None, int or numpy.random.Generator

    Returns
    -------
    (xs, vs) : ndarrays, each of shape ``(n_steps + 1, *x0.shape)``

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> xs, vs = simulate_underdamped(DoubleWell(), np.ones((2, 1)), np.zeros((2, 1)),
    ...                               step_size=0.01, n_steps=10, friction=0.0, temperature=0.0)
    >>> xs.shape
    (11, 2, 1)
    """
    x, step_size, n_steps, temperature = _check_run(potential, x0, step_size, n_steps, temperature)
    v = _check_velocity(v0, x, "v0", "x0")
    mass = check_positive(mass, "mass")
    friction = _check_friction_temperature(friction, temperature)
    rng = np.random.default_rng(rng)
    xs = np.empty((n_steps + 1,) + x.shape)
    vs = np.empty_like(xs)
    xs[0], vs[0] = x, v
    method = "verlet" if friction == 0.0 else "baoab"
    with np.errstate(over="ignore", invalid="ignore"):
        force = -potential.grad_energy(x)
        for n in range(1, n_steps + 1):
            x, v, force = _baoab(x, v, force, potential, step_size, friction, mass, temperature, rng)
            if not (np.isfinite(x).all() and np.isfinite(v).all()):
                raise _divergence(method, n, step_size, potential, mass)
            xs[n], vs[n] = x, v
    return xs, vs
