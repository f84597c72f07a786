"""Part II's runs (chapters 5, 7, 8): the Langevin equation, the discrete update, gradient
descent. Chapter 6 (Fokker–Planck) is in :mod:`langevin.experiments.fokker_planck`."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..diagnostics import mean_estimate, mode_fraction_history, variance_estimate
from ..potentials import DoubleWell, Gaussian, GaussianMixture
from ..references import (basin_probabilities, boltzmann_density, ula_gaussian_moments,
                          ula_gaussian_variance)
from ..simulation import DivergenceError, simulate, simulate_underdamped
from .newton_to_boltzmann import _z_text

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
        ``temperature``.

    Examples
    --------
    >>> r = langevin_comparison_run(n_steps=4)
    >>> r["underdamped"].shape
    (5, 12)
    """
    potential = DoubleWell(1.0) if potential is None else potential
    x0 = np.linspace(-1.8, 1.8, n_particles)[:, None]
    t, xs, xo, _ = langevin_comparison_runs(potential, x0, friction=friction,
                                            temperature=temperature, step_size=step_size,
                                            n_steps=n_steps, rng=seed)
    if np.isnan(xo).all():
        raise DivergenceError("The overdamped chains diverged: τ = h/γ is too large. Lower the "
                              "time step h or raise the friction γ.", n_steps)
    return {"t": t, "underdamped": xs[..., 0], "overdamped": xo[..., 0], "friction": friction,
            "temperature": temperature}


# ----------------------------------------------------------------------------- ch. 7
@lru_cache(maxsize=2)
def _exact_start(seed: int, n_chains: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n_chains, 1))


@lru_cache(maxsize=8)
def _variance_curve(s2: float, temperature: float):
    """ULA's stationary variance against τ over the stable range (the widget's right panel)."""
    taus = np.linspace(0.02, 1.95 * s2, 200)
    return taus, [ula_gaussian_variance(s2, t, temperature) for t in taus]


def _normal_pdf(grid, variance):
    return np.exp(-grid**2 / (2 * variance)) / np.sqrt(2 * np.pi * variance)


def discretisation_run(*, step_size: float = 0.5, method: str = "ULA", temperature: float = 1.0,
                       n_steps: int = 20, seed: int = 0, variance: float = 1.0,
                       n_chains: int = 20_000) -> dict:
    r"""Chapter 7's widget run: ULA's bias on :math:`N(0, s^2)` and MALA's fix.

    ``n_chains`` chains start from exact draws of the target :math:`N(0, Ts^2)` and run
    ``n_steps`` steps of ULA or MALA (MALA needs noise: at ``temperature=0`` ULA runs). ULA
    moves them towards its own stationary law, variance :func:`langevin.ula_gaussian_variance`;
    the title measures them against ULA's exact law after those ``n_steps`` steps
    (:func:`langevin.ula_gaussian_moments`) and the target; MALA leaves them on the target.

    Returns
    -------
    dict
        ``samples``, ``bins``, ``densities`` (target and ULA's law on a grid), ``taus`` and
        ``formula`` (ULA's variance against τ), ``target_line``, ``step_size``,
        ``measured_variance`` and its standard error ``measured_se``
        (:func:`langevin.variance_estimate`), ``ula_variance``, ``target_variance``,
        ``acceptance`` (MALA: ``info.acceptance_rate`` of the run, averaged), ``ylim``,
        ``title`` (the variance ± SE with z against ULA's exact law after ``n_steps`` steps
        and the target).

    Raises
    ------
    ValueError
        At or past the stability bound :math:`\tau \ge 2s^2` (ULA diverges there).

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
    v0 = s2 * (temperature if temperature > 0 else 1.0)     # the start: exact draws, N(0, v0)
    x0 = np.sqrt(v0) * _exact_start(seed, n_chains)
    x, info = simulate(Gaussian(0.0, s2), x0, step_size=step_size, n_steps=n_steps,
                       temperature=temperature, method=use, rng=seed + 1, keep="final",
                       return_info=True)
    v_ula = ula_gaussian_variance(s2, step_size, temperature)
    # ULA's exact variance after these n steps from this start (its law on the way to v_ula)
    v_n = ula_gaussian_moments(0.0, v0, 0.0, s2, step_size, n_steps, temperature)[1]
    v_true, est = temperature * s2, variance_estimate(x[:, 0])
    acceptance = float(np.mean(info.acceptance_rate))
    grid = np.linspace(-5.0, 5.0, 301)
    taus, formula = _variance_curve(s2, temperature)
    name = "MALA" if use == "mala" else ("ULA" if temperature > 0 else "ULA, T = 0")
    steps = f"{n_steps} step{'s' if n_steps != 1 else ''}"
    head = (f"{name} after {steps}: variance {est:.3f}"
            + (f", acceptance {acceptance:.2f}" if use == "mala" else ""))
    if use == "mala":    # MALA keeps the target, its start, exactly
        refs = (f"target {v_true:.3f}{_z_text(est, v_true)}, which MALA keeps; "
                f"ULA's after {steps}: {v_n:.3f}")
    elif temperature > 0:
        refs = (f"ULA's exact law after {steps} {v_n:.3f}{_z_text(est, v_n)}, "
                f"target {v_true:.3f}{_z_text(est, v_true)}")
    else:
        refs = f"no noise: exact {v_n:.3f}{_z_text(est, v_n)}, contracting onto the mode"
    return {
        "samples": x[:, 0], "bins": np.linspace(-5.0, 5.0, 81),
        "densities": {"target $N(0, Ts^2)$": (grid, _normal_pdf(grid, v_true) if v_true else 0 * grid),
                      "ULA stationary": (grid, _normal_pdf(grid, v_ula) if v_ula else 0 * grid)},
        "taus": taus, "formula": formula,
        "target_line": (taus[[0, -1]], [v_true, v_true]), "step_size": step_size,
        "measured_variance": float(est.value), "measured_se": float(est.se),
        "ula_variance": v_ula, "target_variance": v_true, "acceptance": acceptance,
        "ylim": (0.0, max(4.0 * v_true, 1.3 * v_ula, 0.1)),
        "title": f"{head}\n{refs}",
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

    "Left" is the chapter's *left cell* :math:`x < 0`: the points nearer the centre −2 than
    the centre 2 (what :func:`langevin.mode_fractions` counts and
    :func:`langevin.basin_probabilities` integrates), not the basin of attraction of gradient
    ascent, which ends at the valley of :math:`p`. The whole history up to ``max_steps`` is
    computed once per temperature, step size and seed (cached), so changing ``n_steps`` only
    slices it.

    Returns
    -------
    dict
        ``samples`` (positions after ``n_steps``), ``bins``, ``densities`` (:math:`p^{1/T}`),
        ``steps``, ``fraction_history`` (fraction with :math:`x < 0` by step), ``fraction``
        and its standard error ``fraction_se`` (:func:`langevin.mean_estimate` over the
        chains), ``exact`` (:math:`P(x < 0)` under :math:`p^{1/T}`), ``weight``
        (:math:`w_1`), ``n_steps``, ``ylim``, ``title`` (the fraction ± SE with z against
        ``exact``).

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
    est = mean_estimate(traj[n_steps, :, 0] < 0.0)
    grid = np.linspace(-6.0, 6.0, 301)
    dens = boltzmann_density(gm, grid, temperature) if temperature > 0 else 0 * grid
    return {"samples": traj[n_steps, :, 0], "bins": np.linspace(-6.0, 6.0, 41),
            "densities": {"$p^{1/T}$": (grid, dens)}, "steps": np.arange(max_steps + 1),
            "fraction_history": frac, "fraction": float(frac[n_steps]),
            "fraction_se": float(est.se), "exact": exact, "weight": float(weights[0]),
            "n_steps": n_steps, "ylim": (0.0, 0.65 if weights[0] <= 0.4 else 1.0),
            "title": f"after {n_steps} steps, x < 0: {est:.3f}\n"
                     f"exact for $p^{{1/T}}$: {exact:.3f}{_z_text(est, exact)}"}
