"""Chapter 9's runs: annealed Langevin dynamics on noised mixtures (Song & Ermon 2019)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import sparse

from .._validation import check_positive, check_positive_count
from ..diagnostics import mean_estimate
from ..potentials import GaussianMixture, local_minima
from ..references import boltzmann_density
from ..simulation import annealed_langevin, simulate
from .newton_to_boltzmann import _z_text

__all__: list[str] = ["song_ermon_mixture", "noise_levels", "level_step_sizes", "mass_above",
                      "ula_law", "level_table", "levels_steps_table", "annealing_snapshots",
                      "annealed_run"]


def _bulk(potential, tau: float = 0.0, temperature: float = 1.0, sd: float = 8.0):
    """Where ULA's law on the potential lives (1-D): its means ± ``sd`` standard deviations of
    ULA's widest component (on N(m, c) ULA's variance is T c / (1 − τ/2c)); and the variance of
    the narrowest component."""
    means = np.atleast_1d(getattr(potential, "means", getattr(potential, "mean", None)))
    covs = np.atleast_1d(getattr(potential, "covs", getattr(potential, "cov", None))).ravel()
    if tau >= 2 * covs.min():
        raise ValueError(f"step_size {tau:g} is past ULA's stability bound 2c = "
                         f"{2 * covs.min():g} of {potential!r}")
    spread = sd * np.sqrt(max(temperature, 1.0) * covs.max() / (1 - tau / (2 * covs.min())))
    return float(means.min() - spread), float(means.max() + spread), float(covs.min())


def mass_above(grid, density, threshold: float = 0.0) -> float:
    """The mass of a grid density above ``threshold``: node ``i`` carries the cell
    ``[g_i - dx/2, g_i + dx/2]``, and the cell holding ``threshold`` counts in proportion.

    Examples
    --------
    >>> g = np.linspace(-1.0, 1.0, 5)            # 0 is a node: half its cell is above 0
    >>> mass_above(g, np.full(5, 0.4))
    0.5
    """
    g, p = np.asarray(grid, dtype=float), np.asarray(density, dtype=float)
    dx = g[1] - g[0]
    part = np.clip((g + dx / 2 - threshold) / dx, 0.0, 1.0)
    return float(np.sum(p * part) * dx)


def _transition(g, drift, tau_t, width: float = 8.0):
    """ULA's transition matrix on the grid ``g`` (sparse, columns normalised): column j holds
    N(y; drift_j, 2τT) at the nodes within ``width`` noise sds of ``drift_j``; a column whose
    window misses the grid puts its mass on the nearest end."""
    m, dx = g.size, g[1] - g[0]
    half = int(np.ceil(width * np.sqrt(2.0 * tau_t) / dx))
    centre = np.rint((drift - g[0]) / dx).astype(np.int64)
    rows = centre[None, :] + np.arange(-half, half + 1)[:, None]
    inside = (rows >= 0) & (rows < m)
    rows = np.clip(rows, 0, m - 1)
    vals = np.where(inside, np.exp(-((g[rows] - drift[None, :]) ** 2) / (4.0 * tau_t)), 0.0)
    lost = ~inside.any(axis=0)
    vals[0, lost] = 1.0
    vals /= vals.sum(axis=0, keepdims=True)
    cols = np.broadcast_to(np.arange(m), rows.shape)
    return sparse.csr_matrix((vals.ravel(), (rows.ravel(), cols.ravel())), shape=(m, m))


def ula_law(levels, start=(-8.0, 8.0), *, temperature: float = 1.0,
            points_per_sd: float = 3.0, keep: str = "final", max_points: int = 20_000):
    r"""The exact law of 1-D ULA run level after level, on a grid: no sampling error.

    Each level ``(potential, step_size, n_steps)`` applies ``n_steps`` times ULA's transition,
    :math:`K(x \to y) = N(y;\, x - \tau U'(x),\, 2\tau T)`, to the mass on a uniform grid
    (Nyström, the kernel cut 8 noise standard deviations from its centre, a sparse matrix; each
    column normalised, so no mass is lost), then hands the density to the next
    level's grid by linear interpolation. One level on ``p`` is plain ULA; the levels of
    ``p.noised(σ_i)`` are annealed Langevin dynamics (:func:`langevin.annealed_langevin`). This
    is the reference for a fraction measured from chains: the law *of that sampler after that
    many steps*, which is neither the target nor ULA's stationary law
    (:func:`langevin.ula_stationary_density`) when the chains have not mixed.

    Parameters
    ----------
    levels : sequence of ``(potential, step_size, n_steps)``
        1-D :class:`langevin.Gaussian` or :class:`langevin.GaussianMixture` potentials (their
        means and covariances set the grid's range: ±8 standard deviations around the means,
        and the previous level's range).
    start : ``(lo, hi)`` or callable
        Uniform starts on ``[lo, hi]``, or a start density ``f(x)`` (need not be normalised).
    temperature : float > 0
    points_per_sd : float > 0
        Grid points per standard deviation of the noise, :math:`\sqrt{2\tau T}`, or of the
        narrowest component, :math:`\sqrt{T c_{\min}}`, whichever is smaller (3: fractions to
        ~1e-4; see the tests).
    keep : ``"final"`` or ``"levels"``
    max_points : int
        The most grid points of one level.

    Returns
    -------
    (grid, density)
        ``keep="final"``: the law after the last level, ``density.sum() * dx == 1``;
        ``keep="levels"``: a list of such pairs, the start and after each level.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> g, p = ula_law([(Gaussian(0.0, 1.0), 0.5, 200)])   # ULA's variance 1/(1 - 0.25)
    >>> dx = g[1] - g[0]
    >>> round(float(np.sum(g**2 * p) * dx), 4)
    1.3333
    """
    temperature = check_positive(temperature, "temperature")
    points = check_positive(points_per_sd, "points_per_sd")
    if keep not in ("final", "levels"):
        raise ValueError(f"keep must be 'final' or 'levels'; got {keep!r}")
    levels = list(levels)
    if not levels:
        raise ValueError("levels must hold at least one (potential, step_size, n_steps)")
    if callable(start):
        f, (lo, hi, _) = start, _bulk(levels[0][0])
    else:
        lo, hi = (float(v) for v in start)
        if not hi > lo:
            raise ValueError(f"start must be (lo, hi) with lo < hi, or a density; got {start!r}")
        f = None
    out, grid, mass = [], None, None
    for potential, step_size, n_steps in levels:
        if getattr(potential, "dim", None) != 1:
            raise ValueError(f"ula_law needs 1-D potentials; got {potential!r}")
        tau = check_positive(step_size, "step_size")
        n = check_positive_count(n_steps, "n_steps")
        a, b, narrow = _bulk(potential, tau, temperature)
        a, b = min(a, lo), max(b, hi)
        dx = min(np.sqrt(2.0 * tau), np.sqrt(narrow)) * np.sqrt(temperature) / points
        size = int(np.ceil((b - a) / dx)) + 1
        if size > max_points:
            raise ValueError(f"ula_law would need {size} grid points at {potential!r} "
                             f"(max_points={max_points}); raise max_points or lower points_per_sd")
        g = np.linspace(a, b, size)
        dx = g[1] - g[0]
        if grid is None:   # the start's mass in each node's cell [g - dx/2, g + dx/2]
            mass = (f(g) * dx if f is not None else
                    np.clip(np.minimum(g + dx / 2, hi) - np.maximum(g - dx / 2, lo), 0.0, None))
            out.append((g, mass / (mass.sum() * dx)))
        else:
            mass = np.interp(g, grid, mass / (grid[1] - grid[0]), left=0.0, right=0.0)
        mass = mass / mass.sum()
        k = _transition(g, g - tau * potential.grad_energy(g[:, None])[:, 0], tau * temperature)
        for _ in range(n):
            mass = k @ mass
        grid = g
        cum = np.cumsum(mass)      # the next grid covers where this law has mass (and its bulk)
        lo = g[np.searchsorted(cum, 1e-13)]
        hi = g[min(np.searchsorted(cum, 1 - 1e-13), g.size - 1)]
        out.append((g, mass / dx))
    return out if keep == "levels" else out[-1]


# ----------------------------------------------------------------------------- the set-up
@lru_cache(maxsize=8)
def song_ermon_mixture(dim: int = 1, *, weight: float = 0.8, distance: float = 5.0):
    r"""Song & Ermon's (2019, Fig. 3) mixture :math:`wN(d\mathbf 1, I) + (1-w)N(-d\mathbf 1, I)`.

    The defaults are the paper's: :math:`0.8\,N((5, 5), I) + 0.2\,N((-5, -5), I)` for
    ``dim=2``; ``dim=1`` gives :math:`0.8\,N(5, 1) + 0.2\,N(-5, 1)`.

    Examples
    --------
    >>> song_ermon_mixture()
    GaussianMixture(weights=[0.8, 0.2], means=[[5.0], [-5.0]], covs=[[[1.0]], [[1.0]]])
    """
    d = int(dim)
    ones = np.ones(d)
    return GaussianMixture([weight, round(1.0 - weight, 12)], [distance * ones, -distance * ones],
                           [np.eye(d), np.eye(d)])


def noise_levels(n_levels: int, sigma_max: float = 20.0, sigma_min: float = 0.01) -> np.ndarray:
    """``n_levels`` geometric noise levels from ``sigma_max`` down to ``sigma_min``; one level is
    ``[sigma_min]`` alone (plain Langevin on a practically un-noised target).

    Examples
    --------
    >>> noise_levels(3, 20.0, 0.2).round(6).tolist(), noise_levels(1).tolist()
    ([20.0, 2.0, 0.2], [0.01])
    """
    n = check_positive_count(n_levels, "n_levels")
    hi, lo = check_positive(sigma_max, "sigma_max"), check_positive(sigma_min, "sigma_min")
    if n > 1 and not hi > lo:
        raise ValueError(f"sigma_max must be above sigma_min = {lo:g}; got {hi:g}")
    return np.array([lo]) if n == 1 else np.geomspace(hi, lo, n)


def level_step_sizes(sigmas, eps: float, data_variance: float = 1.0) -> np.ndarray:
    r"""One ULA step per level, :math:`\tau_i = \varepsilon\,(s^2 + \sigma_i^2)`: the same fraction
    :math:`\varepsilon` of the variance of each noised component (data variance :math:`s^2`),
    so every level contracts alike, :math:`1 - \varepsilon` per step (stable for
    :math:`\varepsilon < 2`). For :math:`\sigma_i \gg s` this is Song & Ermon's rule
    :math:`\tau_i \propto \sigma_i^2`.

    Examples
    --------
    >>> level_step_sizes([20.0, 1.0], 0.05).tolist()
    [20.05, 0.1]
    """
    eps = check_positive(eps, "eps")
    return eps * (check_positive(data_variance, "data_variance") + np.asarray(sigmas) ** 2)


def _barrier(potential, grid):
    """``(n_modes, barrier)``: the energy from the shallower minimum up to the valley (1-D)."""
    mins = local_minima(potential, grid)
    if len(mins) < 2:
        return len(mins), 0.0
    u = potential.energy(grid[:, None])
    inside = (grid > mins[0]) & (grid < mins[-1])
    top = u[inside].max()
    return len(mins), float(top - max(potential.energy(mins[:, None])))


# ----------------------------------------------------------------------------- ch. 9 tables
def level_table(potential, states, sigmas, step_sizes, steps_per_level: int, *,
                start=(-8.0, 8.0)) -> dict:
    r"""What happens at each level of an annealed run (1-D): the noised target, the exact law
    of the sampler and the chains, side by side.

    Parameters
    ----------
    potential : 1-D potential with ``noised``
    states : ndarray, shape ``(L + 1, n, 1)``
        ``annealed_langevin(..., keep="levels")`` from starts uniform on ``start``.
    sigmas, step_sizes : array_like, shape ``(L,)``
    steps_per_level : int

    Returns
    -------
    dict
        ``sigma``, ``tau``, ``n_modes`` (of :math:`p_\sigma`), ``barrier`` (energy from the
        shallower mode up to the valley, 0 when unimodal), ``target`` (:math:`P_\sigma(x > 0)`,
        what a fully mixed level would give), ``law`` (the exact law of the sampler after the
        level, :func:`ula_law`), ``measured`` (:class:`langevin.Estimate` of the fraction of
        chains with :math:`x > 0`), one entry per level.

    Examples
    --------
    >>> from langevin import annealed_langevin
    >>> gm, sig = song_ermon_mixture(), np.array([20.0, 1.0])
    >>> x0 = np.random.default_rng(0).uniform(-8, 8, (500, 1))
    >>> xs = annealed_langevin(gm, x0, sigmas=sig, steps_per_level=50,
    ...                        step_size=level_step_sizes(sig, 0.1), rng=1, keep="levels")
    >>> t = level_table(gm, xs, sig, level_step_sizes(sig, 0.1), 50)
    >>> t["n_modes"], round(t["target"][0], 3)
    ([1, 2], 0.559)
    """
    sig, taus = np.asarray(sigmas, dtype=float), np.asarray(step_sizes, dtype=float)
    laws = ula_law([(potential.noised(s), t, steps_per_level) for s, t in zip(sig, taus)],
                   start, keep="levels")
    rows = {"sigma": sig.tolist(), "tau": taus.tolist(), "n_modes": [], "barrier": [],
            "target": [], "law": [], "measured": []}
    for i, s in enumerate(sig):
        noised = potential.noised(s)
        grid = np.linspace(*_bulk(noised)[:2], 4001)
        modes, barrier = _barrier(noised, grid)
        rows["n_modes"].append(modes)
        rows["barrier"].append(barrier)
        rows["target"].append(mass_above(grid, boltzmann_density(noised, grid)))
        rows["law"].append(mass_above(*laws[i + 1]))
        rows["measured"].append(mean_estimate(states[i + 1, :, 0] > 0))
    return rows


def levels_steps_table(potential, x0, n_levels, steps, *, eps: float = 0.05,
                       sigma_max: float = 20.0, sigma_min: float = 0.01, rng=None,
                       start=(-8.0, 8.0)) -> dict:
    """The fraction right of 0 after annealing, for every number of levels × steps per level.

    Each cell runs :func:`langevin.annealed_langevin` from the same starts ``x0`` (uniform on
    ``start``) with :func:`noise_levels` and :func:`level_step_sizes`, and computes the exact
    law of that sampler (:func:`ula_law`).

    Returns
    -------
    dict
        ``n_levels``, ``steps`` (the axes), ``measured`` (``len(n_levels) × len(steps)`` nested
        lists of :class:`langevin.Estimate`), ``exact`` (array of the same shape).

    Examples
    --------
    >>> x0 = np.random.default_rng(0).uniform(-8, 8, (300, 1))
    >>> t = levels_steps_table(song_ermon_mixture(), x0, [2, 5], [10], rng=1)
    >>> t["exact"].shape, round(float(t["exact"][0, 0]), 3)
    ((2, 1), 0.532)
    """
    rng = np.random.default_rng(rng)
    exact = np.empty((len(n_levels), len(steps)))
    measured = []
    for i, n_lev in enumerate(n_levels):
        sig = noise_levels(n_lev, sigma_max, sigma_min)
        taus = level_step_sizes(sig, eps)
        row = []
        for j, n in enumerate(steps):
            x = annealed_langevin(potential, x0, sigmas=sig, steps_per_level=n, step_size=taus,
                                  rng=rng)
            row.append(mean_estimate(x[..., 0] > 0))
            exact[i, j] = mass_above(*ula_law([(potential.noised(s), t, n)
                                               for s, t in zip(sig, taus)], start))
        measured.append(row)
    return {"n_levels": list(n_levels), "steps": list(steps), "measured": measured,
            "exact": exact}


def annealing_snapshots(potential, x0, sigmas, step_sizes, steps_per_level: int, *,
                        per_level: int = 4, plain_step_size: float = 0.05, rng=None,
                        xlim=(-12.0, 12.0)) -> dict:
    r"""Snapshots of an annealed run and of plain ULA over the same number of steps (1-D), for
    an animation: ``per_level`` snapshots per level.

    The annealed run is :func:`langevin.annealed_langevin` called level by level, in chunks of
    ``steps_per_level // per_level`` steps, on one random stream: the same chains as one call
    with ``rng`` (the tests check it). The plain run (stream ``rng + 1``) is
    :func:`langevin.simulate` at ``plain_step_size``.

    Returns
    -------
    dict
        ``steps`` (the step of each frame), ``sigma`` (the level's noise, frame by frame; the
        first frame, the start, shows the first level), ``annealed``, ``plain`` (positions,
        ``(frames, n)``), ``grid`` and ``densities`` (:math:`p_\sigma` on the grid, per frame),
        ``target`` (:math:`p` on the grid).

    Examples
    --------
    >>> gm, sig = song_ermon_mixture(), np.array([20.0, 1.0])
    >>> x0 = np.random.default_rng(0).uniform(-8, 8, (50, 1))
    >>> s = annealing_snapshots(gm, x0, sig, level_step_sizes(sig, 0.1), 20, per_level=2, rng=1)
    >>> s["steps"].tolist(), s["annealed"].shape
    ([0, 10, 20, 30, 40], (5, 50))
    """
    sig, taus = np.asarray(sigmas, dtype=float), np.asarray(step_sizes, dtype=float)
    chunk = check_positive_count(steps_per_level, "steps_per_level") // per_level
    if chunk < 1 or chunk * per_level != steps_per_level:
        raise ValueError(f"per_level must divide steps_per_level = {steps_per_level}; "
                         f"got {per_level}")
    seed = int(rng) if rng is not None else 0
    stream = np.random.default_rng(seed)
    x, frames, sig_of = np.asarray(x0, dtype=float), [np.asarray(x0, dtype=float)], [sig[0]]
    for s, t in zip(sig, taus):
        for _ in range(per_level):
            x = annealed_langevin(potential, x, sigmas=[s], steps_per_level=chunk, step_size=[t],
                                  rng=stream)
            frames.append(x)
            sig_of.append(s)
    steps = np.arange(len(frames)) * chunk
    plain = simulate(potential, x0, step_size=plain_step_size, n_steps=int(steps[-1]),
                     rng=seed + 1, keep=chunk)
    grid = np.linspace(*xlim, 481)
    cache = {s: boltzmann_density(potential.noised(s), grid) for s in sig}
    return {"steps": steps, "sigma": np.array(sig_of), "annealed": np.array(frames)[..., 0],
            "plain": plain[..., 0], "grid": grid,
            "densities": np.array([cache[s] for s in sig_of]),
            "target": boltzmann_density(potential, grid)}


# ----------------------------------------------------------------------------- ch. 9 widget
@lru_cache(maxsize=4)
def _uniform_starts(seed: int, n: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-8.0, 8.0, (n, 1))


@lru_cache(maxsize=32)
def _exact_levels(n_levels, n_steps, sigma_max, temperature, step_size, sigma_min):
    """The exact law after each level of the widget's run, or None (no noise, or a grid too
    fine for a live update)."""
    gm = song_ermon_mixture()
    sig = noise_levels(n_levels, sigma_max, sigma_min)
    if temperature == 0:
        return None
    try:  # at most 4000 points per level: a few ms
        laws = ula_law([(gm.noised(s), t, n_steps) for s, t in
                        zip(sig, level_step_sizes(sig, step_size))],
                       temperature=temperature, points_per_sd=3.0, keep="levels", max_points=4000)
    except ValueError:
        return None
    return [mass_above(*law) for law in laws], laws[-1]


def annealed_run(*, n_levels: int = 10, n_steps: int = 20, sigma_max: float = 20.0,
                 temperature: float = 1.0, step_size: float = 0.2, seed: int = 0,
                 n_particles: int = 1000, sigma_min: float = 0.01) -> dict:
    r"""Chapter 9's widget run: annealed Langevin dynamics on :math:`0.8\,N(5,1) + 0.2\,N(-5,1)`.

    ``n_particles`` chains start uniform on [−8, 8] and run ``n_steps`` ULA steps at each of
    ``n_levels`` geometric noise levels from ``sigma_max`` to ``sigma_min`` (one level: plain
    Langevin), with :math:`\tau_i = \varepsilon(1 + \sigma_i^2)`, ``step_size`` = ε. At
    temperature :math:`T` the chains aim at :math:`p^{1/T}`; at 0 they do gradient ascent on
    each :math:`\log p_\sigma`. The exact law of this sampler (:func:`ula_law`) is cached per
    setting (not per seed).

    Returns
    -------
    dict
        ``samples`` (final positions), ``bins``, ``densities`` (target :math:`p^{1/T}` and the
        sampler's exact law on a grid; NaN, so not drawn, at :math:`T = 0` or where the law's
        grid would be too fine for a live update), ``levels`` (0 … L), ``steps`` (the ULA steps
        taken by the end of each level), ``fractions`` (measured fraction right of 0 after each
        level), ``references`` (the exact law's fraction after each level and :math:`P(x > 0)`
        under :math:`p^{1/T}`, as ``(steps, y)`` curves),
        ``weight`` (that :math:`P(x > 0)`), ``estimate`` (:class:`langevin.Estimate` of the
        final fraction), ``title``.

    Raises
    ------
    ValueError
        ``step_size`` ≥ 2: every level would diverge (τ ≥ 2 × the component variance).

    Examples
    --------
    >>> r = annealed_run(n_levels=3, n_steps=10, n_particles=200)
    >>> r["fractions"].shape, r["samples"].shape
    ((4,), (200,))
    """
    if step_size >= 2:
        raise ValueError(f"Step ε = {step_size:g} is past the stability bound ε < 2 (τ below "
                         "twice the variance of each noised component): choose ε below 2.")
    gm = song_ermon_mixture()
    sig = noise_levels(n_levels, sigma_max, sigma_min)
    states = annealed_langevin(gm, _uniform_starts(seed, n_particles), sigmas=sig,
                               steps_per_level=n_steps, step_size=level_step_sizes(sig, step_size),
                               temperature=temperature, rng=seed + 1, keep="levels")[..., 0]
    fractions = (states > 0).mean(axis=1)
    est = mean_estimate(states[-1] > 0)
    grid, levels = np.linspace(-10.0, 10.0, 401), np.arange(len(sig) + 1)
    exact = _exact_levels(n_levels, n_steps, sigma_max, temperature, step_size, sigma_min)
    nan = np.full_like(grid, np.nan)
    target = boltzmann_density(gm, grid, temperature) if temperature > 0 else nan
    weight = mass_above(grid, target) if temperature > 0 else float("nan")
    law = np.interp(grid, *exact[1], left=0.0, right=0.0) if exact else nan
    by_level = np.array(exact[0]) if exact else np.full(levels.shape, np.nan)
    if temperature == 0:
        line2 = r"no noise: gradient ascent on each $\log p_\sigma$"
    else:
        line2 = (f"sampler's exact law {by_level[-1]:.3f}{_z_text(est, by_level[-1])}; "
                 if exact else "(exact law not computed here); ")
        line2 += f"$p^{{1/T}}$: {weight:.3f}{_z_text(est, weight)}"
    head = (f"{len(sig)} levels × {n_steps} steps" if len(sig) > 1 else
            f"plain Langevin, {n_steps} steps")
    return {"samples": states[-1], "bins": np.linspace(-10.0, 10.0, 81),
            "densities": {"$p^{1/T}$": (grid, target), "sampler's exact law": (grid, law)},
            "levels": levels, "steps": levels * n_steps, "fractions": fractions,
            "references": {"$p^{1/T}$": (levels[[0, -1]] * n_steps, np.full(2, weight)),
                           "sampler's exact law": (levels * n_steps, by_level)},
            "weight": weight, "estimate": est, "title": f"{head}: x > 0 for {est:.3f}\n{line2}"}
