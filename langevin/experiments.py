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
7. From the equation to the update        :func:`discretisation_run`
8. Langevin dynamics and gradient descent :func:`mode_weights_run`
========================================  ==========================================

The ``*_run`` functions are what the widgets of :mod:`langevin.widgets` call on every control
change: keyword arguments in (the controls' values), a dict out whose keys are exactly what
the chapter's view (:mod:`langevin.plotting`) ``update`` takes. They raise ``ValueError`` or
:class:`langevin.DivergenceError` with a plain sentence when a setting cannot work; the widget
shows that sentence in the figure.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .diagnostics import kinetic_temperature, mode_fraction_history
from .potentials import DoubleWell, FunctionPotential, Gaussian, GaussianMixture
from .references import basin_probabilities, boltzmann_density, ula_gaussian_variance
from .simulation import DivergenceError, simulate, simulate_underdamped

__all__ = [
    "score_runs", "newton_run", "double_well_2d", "example_potentials_2d", "force_field_runs",
    "example_potentials_1d", "boltzmann_runs", "langevin_comparison_runs",
    "score_sampling_run", "newton_explorer_run", "force_paths_run", "boltzmann_run",
    "langevin_comparison_run", "discretisation_run", "mode_weights_run",
]


def _bounded(traj, step_size, limit=1e6):
    """Raise :class:`DivergenceError` when a run's states left every sensible bound."""
    big = np.abs(traj) > limit
    if big.any():
        step = int(np.argmax(big.reshape(big.shape[0], -1).any(axis=1)))
        raise DivergenceError(f"The chains blew up (|x| > {limit:.0e} by step {step}): step "
                              f"size {step_size:g} is too large for this target. Choose a "
                              f"smaller step size.", step)
    return traj


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


def score_sampling_run(*, temperature: float = 1.0, step_size: float = 0.1, n_steps: int = 200,
                       seed: int = 0, potential=None, n_particles: int = 20) -> dict:
    """Chapter 1's widget run: :func:`score_runs`, checked for divergence.

    Returns
    -------
    dict
        ``traj_without``, ``traj_with`` (``(n_steps + 1, n_particles, 1)``), ``temperature``.

    Examples
    --------
    >>> sorted(score_sampling_run(n_steps=3))
    ['temperature', 'traj_with', 'traj_without']
    """
    potential = GaussianMixture.default() if potential is None else potential
    w0, w1 = score_runs(potential, temperature=temperature, step_size=step_size,
                        n_steps=n_steps, n_particles=n_particles, seed=seed)
    return {"traj_without": _bounded(w0, step_size), "traj_with": _bounded(w1, step_size),
            "temperature": temperature}


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


def newton_explorer_run(*, mass: float = 1.0, v0: float = 1.6, temperature: float = 0.0,
                        friction: float = 0.0, step_size: float = 0.02, n_steps: int = 500,
                        seed: int = 0, potential=None) -> dict:
    """Chapter 2's widget run: a ball in the double well, and pure Newton from the same start.

    Kicks need friction (fluctuation–dissipation): with ``friction=0`` the run is Newton,
    whatever the temperature, and the title says so.

    Returns
    -------
    dict
        ``times``, ``xs``, ``vs``, ``mass``, ``reference`` (Newton's ``(xs, vs)``), ``noisy``,
        ``title``.

    Examples
    --------
    >>> r = newton_explorer_run(n_steps=10, friction=1.0, temperature=0.5)
    >>> r["xs"].shape, r["noisy"]
    ((11, 1), True)
    """
    potential = DoubleWell(1.0) if potential is None else potential
    steps = {"step_size": step_size, "n_steps": n_steps, "v0": v0, "mass": mass}
    t, xn, vn = newton_run(potential, **steps)
    xs, vs, bath = xn, vn, friction > 0
    if bath:
        t, xs, vs = newton_run(potential, friction=friction, temperature=temperature,
                               seed=seed, **steps)
    if not bath and temperature > 0:
        title = "(b) γ = 0: no bath, so no kicks (raise γ)"
    else:
        title = f"(b) bath: γ = {friction:g}, T = {temperature:g}" if bath else "(b) Newton"
    return {"times": t, "xs": xs, "vs": vs, "mass": mass, "reference": (xn, vn),
            "noisy": bool(bath and temperature > 0), "title": title}


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


def force_paths_run(*, potential: str = "double well", temperature: float = 0.0,
                    x0: float = 0.05, y0: float = 2.0, step_size: float = 0.02,
                    n_steps: int = 500, seed: int = 0) -> dict:
    """Chapter 3's widget run: :func:`force_field_runs` on a potential chosen by name.

    Returns
    -------
    dict
        ``potential`` (the object), ``name``, ``path_without``, ``paths_with``,
        ``temperature``, ``title``.

    Examples
    --------
    >>> r = force_paths_run(n_steps=5)
    >>> r["name"], r["paths_with"].shape
    ('double well', (6, 5, 2))
    """
    pot = _POTENTIALS_2D[potential]
    p0, p1 = force_field_runs(pot, start=(x0, y0), temperature=temperature,
                              step_size=step_size, n_steps=n_steps, seed=seed)
    return {"potential": pot, "name": potential, "path_without": _bounded(p0, step_size),
            "paths_with": _bounded(p1, step_size), "temperature": temperature,
            "title": f"{potential}: force $-\\nabla U$ and paths, $T = {temperature:g}$"}


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


def boltzmann_run(*, temperature: float = 1.0, potential: str = "double well",
                  step_size: float = 0.02, n_steps: int = 300, seed: int = 0,
                  n_chains: int = 3000) -> dict:
    """Chapter 4's widget run: :func:`boltzmann_runs` on a potential chosen by name.

    Returns
    -------
    dict
        ``samples`` ``(n_chains, 1)``, ``temperature``, ``potential`` (the object), ``title``.

    Examples
    --------
    >>> r = boltzmann_run(n_steps=5, n_chains=10)
    >>> r["samples"].shape
    (10, 1)
    """
    pot = _POTENTIALS_1D[potential]
    s = boltzmann_runs(pot, temperature=temperature, step_size=step_size, n_steps=n_steps,
                       n_chains=n_chains, seed=seed)
    title = f"{potential}, $T = {temperature:g}$" + (
        "" if temperature > 0 else ": no noise, chains stop in the minima")
    return {"samples": _bounded(s, step_size), "temperature": temperature, "potential": pot,
            "title": title}


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


def langevin_comparison_run(*, friction: float = 0.5, temperature: float = 1.0,
                            step_size: float = 0.05, n_steps: int = 400, seed: int = 0,
                            potential=None, n_particles: int = 12) -> dict:
    """Chapter 5's widget run: :func:`langevin_comparison_runs` from rest on [−1.8, 1.8].

    Returns
    -------
    dict
        ``t``, ``underdamped``, ``overdamped`` (``(n_steps + 1, n_particles)``), ``friction``,
        ``temperature``, ``kinetic_temperature`` (of the second half of the underdamped run).

    Examples
    --------
    >>> r = langevin_comparison_run(n_steps=4)
    >>> r["underdamped"].shape
    (5, 12)
    """
    potential = DoubleWell(1.0) if potential is None else potential
    x0 = np.linspace(-1.8, 1.8, n_particles)[:, None]
    t, xs, xo, vs = langevin_comparison_runs(potential, x0, friction=friction,
                                             temperature=temperature, step_size=step_size,
                                             n_steps=n_steps, rng=seed)
    if np.isnan(xo).all():
        raise DivergenceError("The overdamped chains diverged: τ = h/γ is too large. Lower the "
                              "time step h or raise the friction γ.", n_steps)
    return {"t": t, "underdamped": xs[..., 0], "overdamped": xo[..., 0], "friction": friction,
            "temperature": temperature,
            "kinetic_temperature": kinetic_temperature(vs[n_steps // 2:])}


# ----------------------------------------------------------------------------- ch. 7
@lru_cache(maxsize=2)
def _exact_start(seed: int, n_chains: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n_chains, 1))


def _normal_pdf(grid, variance):
    return np.exp(-grid**2 / (2 * variance)) / np.sqrt(2 * np.pi * variance)


def discretisation_run(*, step_size: float = 0.5, method: str = "ULA", temperature: float = 1.0,
                       n_steps: int = 20, seed: int = 0, variance: float = 1.0,
                       n_chains: int = 20_000) -> dict:
    r"""Chapter 7's widget run: ULA's bias on :math:`N(0, s^2)` and MALA's fix.

    ``n_chains`` chains start from exact draws of the target :math:`N(0, Ts^2)` and run
    ``n_steps`` steps of ULA or MALA (MALA needs noise: at ``temperature=0`` ULA runs). ULA
    moves them towards its own stationary law, variance :func:`langevin.ula_gaussian_variance`;
    MALA leaves them on the target.

    Returns
    -------
    dict
        ``samples``, ``bins``, ``densities`` (target and ULA's law on a grid), ``taus`` and
        ``formula`` (ULA's variance against τ), ``target_line``, ``step_size``,
        ``measured_variance``, ``ula_variance``, ``target_variance``, ``acceptance``,
        ``ylim``, ``title``.

    Raises
    ------
    ValueError
        At or past the stability bound :math:`	au \ge 2s^2` (ULA diverges there).

    Examples
    --------
    >>> r = discretisation_run(step_size=0.5, n_chains=2000)
    >>> round(r["ula_variance"], 4)
    1.3333
    """
    s2 = float(variance)
    if step_size >= 2 * s2:
        raise ValueError(f"Step size τ = {step_size:g} is past ULA's stability bound "
                         f"τ < 2s² = {2 * s2:g}: the chain diverges (|1 − τ/s²| ≥ 1). "
                         f"Choose τ below {2 * s2:g}.")
    use = method.lower() if temperature > 0 else "ula"
    x0 = np.sqrt(s2 * (temperature if temperature > 0 else 1.0)) * _exact_start(seed, n_chains)
    x, info = simulate(Gaussian(0.0, s2), x0, step_size=step_size, n_steps=n_steps,
                       temperature=temperature, method=use, rng=seed + 1, keep="final",
                       return_info=True)
    v_ula = ula_gaussian_variance(s2, step_size, temperature)
    v_true, v_meas = temperature * s2, float(np.var(x))
    grid = np.linspace(-5.0, 5.0, 301)
    taus = np.linspace(0.02, 1.95 * s2, 200)
    name = "MALA" if use == "mala" else ("ULA" if temperature > 0 else "ULA, T = 0")
    return {
        "samples": x[:, 0], "bins": np.linspace(-5.0, 5.0, 81),
        "densities": {"target $N(0, Ts^2)$": (grid, _normal_pdf(grid, v_true) if v_true else 0 * grid),
                      "ULA stationary": (grid, _normal_pdf(grid, v_ula) if v_ula else 0 * grid)},
        "taus": taus, "formula": [ula_gaussian_variance(s2, t, temperature) for t in taus],
        "target_line": (taus[[0, -1]], [v_true, v_true]), "step_size": step_size,
        "measured_variance": v_meas, "ula_variance": v_ula, "target_variance": v_true,
        "acceptance": float(np.mean(info.acceptance_rate)),
        "ylim": (0.0, max(4.0 * v_true, 1.5 * v_meas, 0.1)),
        "title": f"{name}: variance {v_meas:.3f}\nULA formula {v_ula:.3f}, target {v_true:.3f}",
    }


# ----------------------------------------------------------------------------- ch. 8
@lru_cache(maxsize=2)
def _mode_weights_history(weights, temperature, step_size, seed, n_particles, max_steps):
    gm = GaussianMixture(list(weights), [[-2.0], [2.0]], [[[1.0]], [[1.0]]])
    x0 = np.random.default_rng(seed).standard_normal((n_particles, 1))
    traj = simulate(gm, x0, step_size=step_size, n_steps=max_steps, temperature=temperature,
                    rng=seed + 1)
    return gm, traj, mode_fraction_history(traj, gm.means)[:, 0]


def mode_weights_run(*, temperature: float = 1.0, n_steps: int = 20, step_size: float = 0.1,
                     seed: int = 0, weights=(0.2, 0.8), n_particles: int = 400,
                     max_steps: int = 800) -> dict:
    r"""Chapter 8's widget run: white-noise starts on :math:`w_1N(-2,1) + w_2N(2,1)`.

    The whole history up to ``max_steps`` is computed once per temperature, step size and
    seed (cached), so changing ``n_steps`` only slices it.

    Returns
    -------
    dict
        ``samples`` (positions after ``n_steps``), ``bins``, ``densities`` (:math:`p^{1/T}`),
        ``steps``, ``fraction_history`` (left fraction by step), ``fraction``, ``exact``
        (left-basin probability at T), ``weight`` (:math:`w_1`), ``n_steps``, ``title``.

    Examples
    --------
    >>> r = mode_weights_run(n_particles=50, max_steps=40, n_steps=20)
    >>> round(r["exact"], 3), r["fraction_history"].shape
    (0.214, (41,))
    """
    if not 0 <= n_steps <= max_steps:
        raise ValueError(f"n_steps must be in [0, {max_steps}]; got {n_steps}")
    gm, traj, frac = _mode_weights_history(tuple(weights), temperature, step_size, seed,
                                           n_particles, max_steps)
    exact = float(basin_probabilities(gm, gm.means, temperature)[0])
    grid = np.linspace(-6.0, 6.0, 301)
    dens = boltzmann_density(gm, grid, temperature) if temperature > 0 else 0 * grid
    return {"samples": traj[n_steps, :, 0], "bins": np.linspace(-6.0, 6.0, 41),
            "densities": {"$p^{1/T}$": (grid, dens)}, "steps": np.arange(max_steps + 1),
            "fraction_history": frac, "fraction": float(frac[n_steps]), "exact": exact,
            "weight": float(weights[0]), "n_steps": n_steps,
            "title": f"n = {n_steps}: left {frac[n_steps]:.3f}, exact {exact:.3f}"}


#: the potentials the widgets choose by name (built once)
_POTENTIALS_2D = example_potentials_2d()
_POTENTIALS_1D = example_potentials_1d()
