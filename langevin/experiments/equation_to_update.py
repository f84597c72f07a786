"""Part II's runs (chapters 5, 7, 8): the Langevin equation, the discrete update, gradient
descent. Chapter 6 (Fokker–Planck) is in :mod:`langevin.experiments.fokker_planck`."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..diagnostics import kinetic_temperature, mode_fraction_history
from ..potentials import DoubleWell, Gaussian, GaussianMixture
from ..references import basin_probabilities, boltzmann_density, ula_gaussian_variance
from ..simulation import DivergenceError, simulate, simulate_underdamped

__all__ = [
    "langevin_comparison_runs", "langevin_comparison_run", "discretisation_run", "mode_weights_run",
]


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
