"""The runs behind each chapter's figures, shared by the notebook cells and the widgets.

A chapter's cell and its ``explore_*`` widget call the same function here with the same seed,
so the static figure and the widget's default view show the same data. Everything here
simulates (or builds the potentials the chapters simulate on) and returns arrays; nothing
draws: the figures are made by :mod:`langevin.plotting`, the controls by
:mod:`langevin.widgets`. Imports only the package's potentials, simulation and diagnostics
(no matplotlib, no ipywidgets).

========================================  ==========================================
chapter                                   runs and potentials
========================================  ==========================================
1. Sampling by following the score        :func:`score_runs`
2. Newton's second law                    :func:`newton_run`
3. Force is the negative gradient         :func:`double_well_2d`,
                                          :func:`example_potentials_2d`,
                                          :func:`force_field_runs`
4. The Boltzmann distribution             :func:`example_potentials_1d`,
                                          :func:`boltzmann_runs`
5. The Langevin equation                  :func:`langevin_comparison_runs`
========================================  ==========================================
"""
from __future__ import annotations

import numpy as np

from .potentials import DoubleWell, FunctionPotential, Gaussian, GaussianMixture
from .simulation import DivergenceError, simulate, simulate_underdamped

__all__ = [
    "score_runs", "newton_run", "double_well_2d", "example_potentials_2d", "force_field_runs",
    "example_potentials_1d", "boltzmann_runs", "langevin_comparison_runs",
]


# ----------------------------------------------------------------------------- ch. 1
def score_runs(potential, *, temperature: float = 1.0, step_size: float = 0.1,
               n_steps: int = 200, n_particles: int = 20, seed=0):
    """Chapter 1's runs: ``n_particles`` white-noise starts, then ULA without and with noise.

    The starting points are ``default_rng(seed).standard_normal((n_particles, dim))`` and the
    noisy run continues with the same generator, so the chapter's cells and the widget agree.

    Parameters
    ----------
    potential : potential object
        E.g. :meth:`langevin.GaussianMixture.default`.
    temperature : float >= 0
        Temperature of the noisy run (the other run has ``temperature=0``).
    step_size : float > 0
        :math:`\\tau`.
    n_steps, n_particles : int
    seed : None, int or numpy.random.Generator

    Returns
    -------
    traj_without, traj_with : ndarray, shape ``(n_steps + 1, n_particles, dim)``
        The noise-free and the noisy trajectories from the same starts.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> w0, w1 = score_runs(GaussianMixture.default(), n_steps=5, n_particles=3)
    >>> w0.shape, bool((w0[0] == w1[0]).all())
    ((6, 3, 1), True)
    """
    rng = np.random.default_rng(seed)
    x0 = rng.standard_normal((n_particles, potential.dim))
    without = simulate(potential, x0, step_size=step_size, n_steps=n_steps, temperature=0.0)
    with_ = simulate(potential, x0, step_size=step_size, n_steps=n_steps,
                     temperature=temperature, rng=rng)
    return without, with_


# ----------------------------------------------------------------------------- ch. 2
def newton_run(potential, *, x0: float = -1.0, v0: float = 1.6, mass: float = 1.0,
               friction: float = 0.0, temperature: float = 0.0, step_size: float = 0.02,
               n_steps: int = 500, seed=0):
    """One ball in a 1-D potential: velocity Verlet (``friction = temperature = 0``) or BAOAB.

    Parameters
    ----------
    potential : 1-D potential object
    x0, v0 : float
        Start position and velocity.
    mass, friction, temperature : float
        :math:`m`, :math:`\\gamma`, :math:`kT` (see :func:`langevin.simulate_underdamped`).
    step_size : float > 0
        Time step :math:`h`.
    n_steps : int
    seed : None, int or numpy.random.Generator

    Returns
    -------
    times : ndarray, shape ``(n_steps + 1,)``
    xs, vs : ndarray, shape ``(n_steps + 1, 1)``
        Positions and velocities.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> t, xs, vs = newton_run(DoubleWell(), n_steps=4)
    >>> t.shape, xs.shape, float(xs[0, 0]), float(vs[0, 0])
    ((5,), (5, 1), -1.0, 1.6)
    """
    xs, vs = simulate_underdamped(potential, np.array([float(x0)]), np.array([float(v0)]),
                                  step_size=step_size, n_steps=n_steps, friction=friction,
                                  mass=mass, temperature=temperature, rng=seed)
    return step_size * np.arange(n_steps + 1), xs, vs


# ----------------------------------------------------------------------------- ch. 3
def double_well_2d(barrier: float = 1.0) -> FunctionPotential:
    r"""A 2-D double well :math:`U(x, y) = b(x^2 - 1)^2 + y^2/2` as a ``FunctionPotential``.

    Parameters
    ----------
    barrier : float
        :math:`b`, the height of the barrier at the saddle :math:`(0, 0)`.

    Returns
    -------
    langevin.FunctionPotential
        With ``dim == 2``; minima at :math:`(\pm 1, 0)`.

    Examples
    --------
    >>> u = double_well_2d()
    >>> u.energy(np.array([[1.0, 0.0], [0.0, 0.0]]))
    array([0., 1.])
    """
    def energy(x):
        return barrier * (x[..., 0] ** 2 - 1.0) ** 2 + 0.5 * x[..., 1] ** 2

    def grad(x):
        return np.stack([4.0 * barrier * x[..., 0] * (x[..., 0] ** 2 - 1.0), x[..., 1]],
                        axis=-1)

    return FunctionPotential(energy, grad, dim=2)


def example_potentials_2d() -> dict:
    """The three 2-D potentials of chapter 3, by name.

    Returns
    -------
    dict
        ``"Gaussian"`` (correlated), ``"mixture"`` (three components) and ``"double well"``
        (:func:`double_well_2d`); every value has ``dim == 2``.

    Examples
    --------
    >>> sorted(example_potentials_2d())
    ['Gaussian', 'double well', 'mixture']
    """
    return {
        "Gaussian": Gaussian([0.0, 0.0], [[1.0, 0.6], [0.6, 1.0]]),
        "mixture": GaussianMixture([0.5, 0.3, 0.2], [[-1.5, -1.0], [1.5, 0.5], [-0.5, 1.8]],
                                   [np.eye(2) * 0.5, [[0.6, -0.2], [-0.2, 0.4]], np.eye(2) * 0.3]),
        "double well": double_well_2d(),
    }


def force_field_runs(potential, *, start=(0.05, 2.0), temperature: float = 0.0,
                     step_size: float = 0.02, n_steps: int = 500, n_particles: int = 5,
                     seed=0):
    """Chapter 3's paths: overdamped runs from one start (``n_particles`` copies).

    Parameters
    ----------
    potential : 2-D potential object
    start : array_like, shape ``(2,)``
    temperature : float >= 0
        Temperature of the noisy copies (the single noise-free path has ``temperature=0``).
    step_size : float > 0
    n_steps, n_particles : int
    seed : None, int or numpy.random.Generator

    Returns
    -------
    path_without : ndarray, shape ``(n_steps + 1, 1, 2)``
    paths_with : ndarray, shape ``(n_steps + 1, n_particles, 2)``

    Examples
    --------
    >>> p0, p1 = force_field_runs(double_well_2d(), temperature=0.3, n_steps=3)
    >>> p0.shape, p1.shape
    ((4, 1, 2), (4, 5, 2))
    """
    x0 = np.tile(np.asarray(start, dtype=float), (n_particles, 1))
    without = simulate(potential, x0[:1], step_size=step_size, n_steps=n_steps, temperature=0.0)
    with_ = simulate(potential, x0, step_size=step_size, n_steps=n_steps,
                     temperature=temperature, rng=seed)
    return without, with_


# ----------------------------------------------------------------------------- ch. 4
def example_potentials_1d() -> dict:
    """Chapter 4's 1-D potentials, by name.

    Returns
    -------
    dict
        ``"double well"`` (:class:`langevin.DoubleWell`), ``"mixture"``
        (:meth:`langevin.GaussianMixture.default`) and ``"Gaussian"`` (:math:`N(0, 1)`);
        every value has ``dim == 1``.

    Examples
    --------
    >>> list(example_potentials_1d())
    ['double well', 'mixture', 'Gaussian']
    """
    return {"double well": DoubleWell(1.0), "mixture": GaussianMixture.default(),
            "Gaussian": Gaussian(0.0, 1.0)}


def boltzmann_runs(potential, *, temperature: float = 1.0, step_size: float = 0.02,
                   n_steps: int = 300, n_chains: int = 3000, seed=0):
    """Chapter 4's runs: ``n_chains`` chains from uniform starts on [−3, 3], final states.

    Parameters
    ----------
    potential : 1-D potential object
    temperature : float >= 0
    step_size : float > 0
    n_steps, n_chains : int
    seed : None, int or numpy.random.Generator
        Draws the starts, then the noise (one generator).

    Returns
    -------
    samples : ndarray, shape ``(n_chains, 1)``
        The state of every chain after ``n_steps``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> boltzmann_runs(DoubleWell(), n_steps=10, n_chains=4).shape
    (4, 1)
    """
    rng = np.random.default_rng(seed)
    x0 = rng.uniform(-3.0, 3.0, size=(n_chains, 1))
    traj = simulate(potential, x0, step_size=step_size, n_steps=n_steps,
                    temperature=temperature, rng=rng)
    return traj[-1]


# ----------------------------------------------------------------------------- ch. 5
def langevin_comparison_runs(potential, x0, *, friction, temperature, step_size, n_steps,
                             rng=None, max_substep=0.05):
    r"""Underdamped paths (BAOAB, at rest) and overdamped paths over the same time.

    The overdamped run is ULA with :math:`\tau = h/\gamma`, split into :math:`k` sub-steps of
    at most ``max_substep`` (so it stays stable) and sampled every :math:`k`-th step. The two
    runs use the two streams of ``np.random.default_rng(rng).spawn(2)``.

    Parameters
    ----------
    potential : potential object
    x0 : ndarray, shape ``(n_particles, dim)``
        Start positions of both runs (the underdamped particles start at rest).
    friction, temperature : float
        :math:`\gamma > 0` and :math:`kT \ge 0`.
    step_size : float > 0
        Time step :math:`h` of the underdamped run.
    n_steps : int
    rng : None, int or numpy.random.Generator
    max_substep : float > 0
        Largest ULA step of the overdamped run.

    Returns
    -------
    t : ndarray, shape ``(n_steps + 1,)``
    xs, xo : ndarray, shape ``(n_steps + 1, *x0.shape)``
        Underdamped and overdamped positions. ``xo`` is all NaN if the overdamped chain
        diverged.
    vs : ndarray, shape ``(n_steps + 1, *x0.shape)``
        Underdamped velocities.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> x0 = np.array([[-1.0], [1.0]])
    >>> t, xs, xo, vs = langevin_comparison_runs(
    ...     DoubleWell(), x0, friction=1.0, temperature=1.0, step_size=0.1,
    ...     n_steps=4, rng=0)
    >>> t.shape, xs.shape, xo.shape, float(vs[0].max())
    ((5,), (5, 2, 1), (5, 2, 1), 0.0)
    """
    rng_u, rng_o = np.random.default_rng(rng).spawn(2)
    xs, vs = simulate_underdamped(potential, x0, np.zeros_like(x0), step_size=step_size,
                                  n_steps=n_steps, friction=friction,
                                  temperature=temperature, rng=rng_u)
    tau = step_size / friction
    k = max(1, int(np.ceil(tau / max_substep - 1e-9)))
    try:
        xo = simulate(potential, x0, step_size=tau / k, n_steps=n_steps * k,
                      temperature=temperature, rng=rng_o)[::k]
    except DivergenceError:
        xo = np.full_like(xs, np.nan)
    return np.arange(n_steps + 1) * step_size, xs, xo, vs
