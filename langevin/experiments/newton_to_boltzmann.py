"""Part I's runs (chapters 1–4): following the score, Newton, force fields, Boltzmann."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..diagnostics import mean_estimate
from ..potentials import DoubleWell, FunctionPotential, Gaussian, GaussianMixture
from ..references import boltzmann_density
from ..simulation import DivergenceError, simulate, simulate_underdamped

__all__ = [
    "score_runs", "score_sampling_run", "newton_run", "newton_explorer_run", "double_well_2d",
    "example_potentials_2d", "force_field_runs", "force_paths_run", "example_potentials_1d",
    "boltzmann_runs", "boltzmann_run",
]

def _z_text(est, reference: float) -> str:
    """" (z = +1.2)": how many standard errors ``est`` lies from ``reference`` ("" if se = 0)."""
    return f" (z = {est.z(reference):+.1f})" if est.se > 0 else ""


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

    Only the final states are kept (``keep="final"``), so 10⁵ chains cost no more memory than
    their final positions.

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
    return simulate(potential, x0, step_size=step_size, n_steps=n_steps,
                    temperature=temperature, rng=rng, keep="final")


def boltzmann_run(*, temperature: float = 1.0, potential: str = "double well",
                  step_size: float = 0.02, n_steps: int = 300, seed: int = 0,
                  n_chains: int = 3000) -> dict:
    """Chapter 4's widget run: :func:`boltzmann_runs` on a potential chosen by name.

    At ``temperature > 0`` the title gives the chains' mean energy ± its standard error beside
    the exact Boltzmann :math:`\\langle U\\rangle_T` and z (the step-size bias of ULA shows
    as a positive z growing with τ).

    Returns
    -------
    dict
        ``samples`` ``(n_chains, 1)``, ``temperature``, ``potential`` (the object), ``title``,
        ``mean_energy`` (:class:`langevin.Estimate`, ``None`` at T = 0) and
        ``exact_mean_energy`` (:math:`\\langle U\\rangle_T`, ``None`` at T = 0).

    Examples
    --------
    >>> r = boltzmann_run(n_steps=5, n_chains=10)
    >>> r["samples"].shape, round(r["exact_mean_energy"], 4)
    ((10, 1), 0.4173)
    """
    pot = _POTENTIALS_1D[potential]
    s = _bounded(boltzmann_runs(pot, temperature=temperature, step_size=step_size,
                                n_steps=n_steps, n_chains=n_chains, seed=seed), step_size)
    title = f"{potential}, $T = {temperature:g}$: no noise, chains stop in the minima"
    u = exact = None
    if temperature > 0:
        u, exact = mean_estimate(pot.energy(s)), _boltzmann_mean_energy(potential, temperature)
        title = (f"{potential}, $T = {temperature:g}$: $\\langle U\\rangle$ = {u:.3f}, "
                 f"exact {exact:.3f}{_z_text(u, exact)}")
    return {"samples": s, "temperature": temperature, "potential": pot, "title": title,
            "mean_energy": u, "exact_mean_energy": exact}


@lru_cache(maxsize=256)
def _boltzmann_mean_energy(potential: str, temperature: float) -> float:
    """Exact :math:`\\langle U\\rangle_T` of a named 1-D potential, by quadrature."""
    pot, grid = _POTENTIALS_1D[potential], np.linspace(-15.0, 15.0, 6001)
    return float(np.trapezoid(pot.energy(grid[:, None]) * boltzmann_density(pot, grid,
                                                                          temperature), grid))


#: the potentials the widgets choose by name (built once)
_POTENTIALS_2D = example_potentials_2d()
_POTENTIALS_1D = example_potentials_1d()
