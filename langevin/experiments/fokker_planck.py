r"""Chapter 6's runs: many ULA chains beside the Fokker–Planck density of the same start.

Every run here starts the chains from exact draws of a narrow Gaussian
:math:`N(x_0, s_0^2)` and the density :math:`p(x, 0)` from the same Gaussian on a grid, so the
histogram of the chains after :math:`n` steps of size :math:`\tau` and the Fokker–Planck
density at the physical time :math:`t = n\tau\gamma` (:class:`langevin.FokkerPlanck1D`)
describe the same thing.

- :func:`fokker_planck_runs` — chains and densities at the same steps (:func:`select_steps`
  picks some of them, e.g. a figure's columns out of an animation's frames);
- :func:`grid_moments`, :func:`moment_comparison` — the fraction right of a cut, the mean
  and the variance of the chains (± standard errors) beside the density's values;
- :func:`decay_rate` — the exponential rate of a decaying curve (relative entropy);
- :func:`smoluchowski_check` — underdamped chains (BAOAB) against the overdamped equation;
- :func:`drift_transport` — temperature 0: the start density carried by the drift alone;
- :func:`fokker_planck_run` — the widget's run (:func:`langevin.widgets.explore_fokker_planck`).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .._validation import check_count, check_positive
from ..diagnostics import mean_estimate, variance_estimate
from ..fokker_planck import FokkerPlanck1D
from ..potentials import DoubleWell, GaussianMixture, local_minima
from ..simulation import simulate, simulate_underdamped
from .newton_to_boltzmann import _z_text

__all__ = ["start_density", "fokker_planck_runs", "select_steps", "grid_moments",
           "moment_comparison", "decay_rate", "smoluchowski_check", "drift_transport",
           "fokker_planck_run"]


def start_density(grid, x0: float, start_sd: float) -> np.ndarray:
    r"""The start :math:`N(x_0, s_0^2)` on a uniform grid, normalised (``sum * dx == 1``).

    Examples
    --------
    >>> g = np.linspace(-3, 3, 601)
    >>> p = start_density(g, -1.5, 0.1)
    >>> round(float(p.sum() * (g[1] - g[0])), 12), round(float(g @ p * (g[1] - g[0])), 6)
    (1.0, -1.5)
    """
    g = np.asarray(grid, dtype=float)
    p = np.exp(-0.5 * ((g - x0) / check_positive(start_sd, "start_sd")) ** 2)
    mass = p.sum() * (g[1] - g[0])
    if not mass > 0:
        raise ValueError(f"x0 = {x0:g} must lie on the grid [{g[0]:g}, {g[-1]:g}] (the start "
                         f"N(x0, {start_sd:g}^2) has no mass there)")
    return p / mass


def _check_steps(steps) -> np.ndarray:
    s = np.asarray(steps)
    if s.ndim != 1 or s.size == 0 or not np.issubdtype(s.dtype, np.integer):
        raise ValueError(f"steps must be a non-empty 1-D sequence of ints; got {steps!r}")
    if np.any(s < 0) or np.any(np.diff(s) <= 0):
        raise ValueError(f"steps must be >= 0 and increasing; got {s.tolist()}")
    return s


def _chain_snapshots(potential, x, steps, *, step_size, temperature, rng):
    """The chains' positions at each of ``steps`` (increasing), from ``x`` at step 0."""
    snaps, done = [], 0
    for s in steps:
        if s > done:
            x = simulate(potential, x, step_size=step_size, n_steps=int(s - done),
                         temperature=temperature, rng=rng, keep="final")
            done = s
        snaps.append(x[:, 0].copy())
    return np.array(snaps), x


def fokker_planck_runs(potential, grid, *, x0: float, steps, step_size: float,
                       temperature: float = 1.0, friction: float = 1.0,
                       n_chains: int = 10_000, start_sd: float = 0.1, rng=None) -> dict:
    r"""ULA chains and the Fokker–Planck density from the same start, at the same steps.

    ``n_chains`` chains start from exact draws of :math:`N(x_0, s_0^2)` and run ULA with step
    :math:`\tau` (one generator, so the result depends only on ``rng``); the density starts
    from the same Gaussian on ``grid`` and is evolved by
    :meth:`langevin.FokkerPlanck1D.evolve` to the physical times :math:`t = n\tau\gamma`.

    Parameters
    ----------
    potential : 1-D potential
    grid : array_like, shape ``(n_grid,)``, uniform (see :class:`langevin.FokkerPlanck1D`)
    x0, start_sd : float
        The start :math:`N(x_0, s_0^2)`.
    steps : sequence of int, increasing, ``>= 0``
    step_size : float > 0
        ULA's :math:`\tau`.
    temperature : float > 0; friction : float > 0
    n_chains : int; rng : None, int or Generator

    Returns
    -------
    dict
        ``steps`` ``(n_times,)``, ``times`` (:math:`n\tau\gamma`), ``samples``
        ``(n_times, n_chains)``, ``grid``, ``densities`` ``(n_times, n_grid)``, ``stationary``
        (:math:`e^{-U/T}/Z` on the grid), ``p0``, ``fp`` (the
        :class:`~langevin.FokkerPlanck1D`), ``step_size``, ``temperature``, ``friction``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> r = fokker_planck_runs(DoubleWell(), np.linspace(-3, 3, 301), x0=-1.5,
    ...                        steps=[0, 50], step_size=0.002, n_chains=100, rng=0)
    >>> r["samples"].shape, r["densities"].shape, r["times"].tolist()
    ((2, 100), (2, 301), [0.0, 0.1])
    """
    steps = _check_steps(steps)
    fp = FokkerPlanck1D(potential, grid, temperature=temperature, friction=friction)
    p0 = start_density(fp.grid, x0, start_sd)
    n = check_count(n_chains, "n_chains")
    gen = np.random.default_rng(rng)
    start = x0 + start_sd * gen.standard_normal((n, 1))
    samples, _ = _chain_snapshots(potential, start, steps, step_size=step_size,
                                  temperature=temperature, rng=gen)
    times = steps * step_size * fp.friction
    return {"steps": steps, "times": times, "samples": samples, "grid": fp.grid,
            "densities": fp.evolve(p0, times), "stationary": fp.stationary(), "p0": p0,
            "fp": fp, "step_size": step_size, "temperature": fp.temperature,
            "friction": fp.friction}


def select_steps(run: dict, steps) -> dict:
    """The same run at some of its steps only (``steps`` must be among ``run["steps"]``).

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> r = fokker_planck_runs(DoubleWell(), np.linspace(-3, 3, 301), x0=-1.5,
    ...                        steps=[0, 10, 20], step_size=0.002, n_chains=5, rng=0)
    >>> s = select_steps(r, [0, 20])
    >>> s["times"].tolist(), s["samples"].shape, s["densities"].shape
    ([0.0, 0.04], (2, 5), (2, 301))
    """
    have = np.asarray(run["steps"])
    idx = np.minimum(np.searchsorted(have, steps), have.size - 1)
    if np.any(have[idx] != np.asarray(steps)):
        raise ValueError(f"steps must be among the run's steps {run['steps'].tolist()}; got "
                         f"{list(steps)}")
    return {**run, **{k: run[k][idx] for k in ("steps", "times", "samples", "densities")}}


def grid_moments(grid, p, cut: float = 0.0):
    r"""Fraction right of ``cut``, mean and variance of densities on a uniform grid.

    Each grid point is the centre of a cell of width ``dx`` holding mass ``p * dx``; the cell
    that contains ``cut`` counts in proportion.

    Parameters
    ----------
    grid : array_like, shape ``(n_grid,)``; p : array_like, shape ``(..., n_grid)``

    Returns
    -------
    (fraction, mean, variance) : each float or ndarray of shape ``p.shape[:-1]``

    Examples
    --------
    >>> g = np.linspace(-1, 1, 5)              # cells of width 0.5 centred at -1 ... 1
    >>> [round(m, 12) + 0.0 for m in grid_moments(g, np.full(5, 0.4))]  # half right of 0
    [0.5, 0.0, 0.5]
    """
    g = np.asarray(grid, dtype=float)
    p = np.asarray(p, dtype=float)
    dx = g[1] - g[0]
    right = np.clip((g + dx / 2 - cut) / dx, 0.0, 1.0)
    mass = p.sum(-1) * dx
    mean = (p @ g) * dx / mass
    var = (p @ g**2) * dx / mass - mean**2
    out = ((p @ right) * dx / mass, mean, var)
    return tuple(float(a) if np.ndim(a) == 0 else a for a in out)


def moment_comparison(samples, grid, densities, cut: float = 0.0) -> list[dict]:
    r"""The chains' fraction right of ``cut``, mean and variance (± SE) beside the density's.

    Parameters
    ----------
    samples : array_like, shape ``(n_times, n_chains)``
    grid : array_like, shape ``(n_grid,)``; densities : array_like, ``(n_times, n_grid)``

    Returns
    -------
    list of dict, one per time
        ``fraction``, ``mean``, ``variance``: :class:`langevin.Estimate` over the chains
        (:func:`langevin.mean_estimate`, :func:`langevin.variance_estimate`);
        ``fraction_fp``, ``mean_fp``, ``variance_fp``: the density's values
        (:func:`grid_moments`).

    Examples
    --------
    >>> g = np.linspace(-6, 6, 1201)
    >>> p = np.exp(-g**2 / 2)[None]
    >>> x = np.random.default_rng(0).standard_normal((1, 4000))
    >>> row = moment_comparison(x, g, p)[0]
    >>> bool(abs(row["mean"].z(row["mean_fp"])) < 3), round(row["variance_fp"], 3)
    (True, 1.0)
    """
    x = np.atleast_2d(np.asarray(samples, dtype=float))
    frac, mean, var = (np.atleast_1d(a) for a in grid_moments(grid, np.atleast_2d(densities),
                                                               cut))
    return [{"fraction": mean_estimate(xi > cut), "fraction_fp": float(frac[k]),
             "mean": mean_estimate(xi), "mean_fp": float(mean[k]),
             "variance": variance_estimate(xi), "variance_fp": float(var[k])}
            for k, xi in enumerate(x)]


def decay_rate(times, values) -> float:
    r"""The rate :math:`r` of :math:`v \approx c\,e^{-rt}`: minus the least-squares slope of
    :math:`\log v` against :math:`t`.

    Examples
    --------
    >>> t = np.linspace(0, 5, 11)
    >>> round(decay_rate(t, 3.0 * np.exp(-1.5 * t)), 12)
    1.5
    """
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.shape != v.shape or t.size < 2:
        raise ValueError("times and values must be 1-D of the same length >= 2; got shapes "
                         f"{t.shape} and {v.shape}")
    if np.any(v <= 0):
        raise ValueError(f"values must be > 0 (their log is fitted); got minimum {v.min():.3g}")
    return float(-np.polyfit(t, np.log(v), 1)[0])


def smoluchowski_check(potential, grid, *, x0: float, frictions, scaled_times,
                       step_size: float, temperature: float = 1.0, n_chains: int = 10_000,
                       start_sd: float = 0.1, mass: float = 1.0, rng=None) -> dict:
    r"""Underdamped chains (BAOAB) against the overdamped Fokker–Planck equation.

    For each friction :math:`\gamma`, ``n_chains`` particles start at :math:`N(x_0, s_0^2)`
    with Maxwell velocities :math:`N(0, T/m)` and run BAOAB (time step ``step_size``) to the
    times :math:`t = \gamma\,s` for ``s`` in ``scaled_times``; their mean position is set beside
    the mean of :meth:`langevin.FokkerPlanck1D.evolve` (friction :math:`\gamma`) at the same times.
    The overdamped equation is the limit :math:`\gamma \to \infty`; the step must resolve the
    velocity's relaxation time :math:`m/\gamma` (``step_size * friction`` small).

    Returns
    -------
    dict friction -> dict
        ``times`` ``(n_times,)``, ``mean`` (:class:`langevin.Estimate`, arrays),
        ``mean_fp`` ``(n_times,)``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> r = smoluchowski_check(DoubleWell(), np.linspace(-3, 3, 301), x0=-1.5,
    ...                        frictions=[10.0], scaled_times=[0.1, 0.2], step_size=0.01,
    ...                        n_chains=200, rng=0)
    >>> r[10.0]["times"].tolist(), round(float(r[10.0]["mean_fp"][0]), 3)
    ([1.0, 2.0], -1.111)
    """
    gen = np.random.default_rng(rng)
    s = np.asarray(scaled_times, dtype=float)
    out = {}
    for gamma in frictions:
        fp = FokkerPlanck1D(potential, grid, temperature=temperature, friction=gamma)
        steps = np.round(s * fp.friction / step_size).astype(int)
        every = int(np.gcd.reduce(steps))
        x = x0 + start_sd * gen.standard_normal((n_chains, 1))
        v = np.sqrt(temperature / mass) * gen.standard_normal((n_chains, 1))
        xs, _ = simulate_underdamped(potential, x, v, step_size=step_size,
                                     n_steps=int(steps.max()), friction=gamma,
                                     mass=mass, temperature=temperature, rng=gen, keep=every)
        times = steps * step_size
        p = fp.evolve(start_density(fp.grid, x0, start_sd), times)
        out[gamma] = {"times": times, "mean": mean_estimate(xs[steps // every, :, 0], axis=1),
                      "mean_fp": grid_moments(fp.grid, p)[1]}
    return out


def drift_transport(potential, *, x0: float, start_sd: float, step_size: float, steps,
                    n_points: int = 801, cut: float = 0.0) -> dict:
    r"""Temperature 0: the start density carried by the drift alone (no diffusion).

    Without noise the Fokker–Planck equation is the continuity equation
    :math:`\partial_t p = \partial_x(U'p/\gamma)`: mass moves along :math:`-U'` and piles up
    at the minima; there is no stationary density and :class:`langevin.FokkerPlanck1D` refuses
    :math:`T = 0`. This follows ``n_points`` start points :math:`y` spread over
    :math:`x_0 \pm 6s_0` with the chains' own noise-free ULA map, and gives the density of the
    carried mass as :math:`p(X) = p_0(y) / |\mathrm{d}X/\mathrm{d}y|` — exactly the law of
    noise-free chains drawn from :math:`N(x_0, s_0^2)` (while the map stays monotone,
    :math:`\tau\,U'' < 1`).

    Returns
    -------
    dict
        ``x`` and ``density``, each ``(len(steps), n_points)`` (the carried points, in
        increasing order, and the density there; where the points have merged to rounding the
        density is capped at 1e12: a spike), ``mass_right`` ``(len(steps),)`` (the carried mass
        right of ``cut``, integrated over the start points, so exact even then), ``steps``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> r = drift_transport(Gaussian(0.0, 1.0), x0=2.0, start_sd=0.5, step_size=0.1,
    ...                     steps=[0, 10])
    >>> p = r["density"][1]                  # N(2 a^n, (0.5 a^n)^2), a = 0.9
    >>> round(float(np.trapezoid(p, r["x"][1])), 4), round(float(p.max()), 3)
    (1.0, 2.288)
    """
    steps = _check_steps(steps)
    y = x0 + start_sd * np.linspace(-6.0, 6.0, check_count(n_points, "n_points"))
    p0 = start_density(y, x0, start_sd)
    xs, _ = _chain_snapshots(potential, y[:, None], steps, step_size=step_size,
                             temperature=0.0, rng=0)
    with np.errstate(divide="ignore"):
        dens = p0 / np.abs(np.gradient(xs, y, axis=-1))
    order = np.argsort(xs, axis=-1, kind="stable")
    return {"x": np.take_along_axis(xs, order, -1),
            "density": np.take_along_axis(np.minimum(dens, 1e12), order, -1),
            "mass_right": np.trapezoid(p0 * (xs > cut), y, axis=-1), "steps": steps}


# ----------------------------------------------------------------------------- the widget's run
#: the widget's potentials, their grids (the plotted range) and histogram bins
_WIDGET = {"double well": (DoubleWell(1.0), np.linspace(-2.6, 2.6, 209),
                           np.linspace(-2.6, 2.6, 53)),
           "mixture": (GaussianMixture.default(), np.linspace(-7.0, 7.0, 281),
                       np.linspace(-7.0, 7.0, 57))}
_START_SD = 0.15
_EVERY = 10          # the chains are kept every _EVERY steps (n_steps moves in these steps)
_N_KL = 61           # points of the relative-entropy curve
_KL_FLOOR = 1e-11    # below this the grid's KL is rounding


@lru_cache(maxsize=16)
def _fp(potential: str, temperature: float) -> FokkerPlanck1D:
    """The equation at friction 1: the friction only rescales time (the density at friction
    γ and time t is this one at t/γ), so one eigen-decomposition serves every γ."""
    pot, grid, _ = _WIDGET[potential]
    return FokkerPlanck1D(pot, grid, temperature=temperature)


class _History:
    """Chains kept every _EVERY steps, extended on demand with one generator (so the states at
    step n do not depend on the order in which the widget asked for them)."""

    def __init__(self, potential, x0, step_size, temperature, seed, n_chains):
        self.pot, self.tau, self.temp = potential, step_size, temperature
        self.rng = np.random.default_rng(seed)
        x = x0 + _START_SD * self.rng.standard_normal((n_chains, 1))
        self.snaps, self.x = [x[:, 0].copy()], x

    def at(self, n_steps: int) -> np.ndarray:
        k = n_steps // _EVERY
        if len(self.snaps) <= k:   # one call: ULA draws its noise step by step, so the states
            more = simulate(self.pot, self.x, step_size=self.tau,   # do not depend on how the
                            n_steps=(k + 1 - len(self.snaps)) * _EVERY,   # run was cut
                            temperature=self.temp, rng=self.rng, keep=_EVERY)
            self.x = more[-1]
            self.snaps.extend(more[1:, :, 0])
        return self.snaps[k]


@lru_cache(maxsize=8)
def _history(potential: str, x0: float, step_size: float, temperature: float, seed: int,
             n_chains: int) -> _History:
    return _History(_WIDGET[potential][0], x0, step_size, temperature, seed, n_chains)


@lru_cache(maxsize=16)
def _kl_curve(potential: str, temperature: float, x0: float, t_max: float):
    """KL(p_t || p_inf) on [0, t_max] at friction 1 (denser early, where it bends), cut where
    it reaches rounding (1e-11)."""
    fp = _fp(potential, temperature)
    times = t_max * np.linspace(0.0, 1.0, _N_KL) ** 1.5
    kl = fp.relative_entropy(fp.evolve(start_density(fp.grid, x0, _START_SD), times))
    keep = np.cumprod(kl > _KL_FLOOR).astype(bool)
    keep[:2] = True
    return times[keep], np.maximum(kl[keep], _KL_FLOOR)


@lru_cache(maxsize=8)
def _transport(potential: str, x0: float, step_size: float, max_steps: int) -> dict:
    return drift_transport(_WIDGET[potential][0], x0=x0, start_sd=_START_SD,
                           step_size=step_size, steps=np.arange(0, max_steps + 1, _EVERY),
                           n_points=401)


def fokker_planck_run(*, temperature: float = 0.5, friction: float = 1.0,
                      step_size: float = 0.01, n_steps: int = 400, x0: float = -1.5,
                      seed: int = 0, potential: str = "double well", n_chains: int = 2000,
                      max_steps: int = 1000) -> dict:
    r"""Chapter 6's widget run: chains and the Fokker–Planck density at :math:`t = n\tau\gamma`.

    ``n_chains`` ULA chains from :math:`N(x_0, 0.15^2)` on the double well
    :math:`(x^2-1)^2` or the mixture :math:`\tfrac12N(-2,1)+\tfrac12N(2,1)`, kept every 10
    steps (cached: moving ``n_steps`` or ``friction`` re-runs nothing). The density comes
    from :class:`langevin.FokkerPlanck1D`, built once per temperature at friction 1 (the
    friction only rescales time: the density at friction γ and time t is the friction-1
    density at t/γ), so a new time or friction is one matrix-vector product; the relative
    entropy :math:`\mathrm{KL}(p_t\|p_\infty)` on :math:`[0, n_{max}\tau\gamma]`. At ``temperature=0`` there is no Fokker–Planck density:
    the curve is :func:`drift_transport` (the start carried by the drift), and there is no
    :math:`p_\infty` and no relative entropy.

    Returns
    -------
    dict
        ``samples`` ``(n_chains,)``, ``bins``, ``density`` (x, p), ``stationary`` (x, p) or
        ``None``, ``time``, ``kl_times``, ``kl``, ``kl_now``, ``kl_rate`` (:math:`2\lambda_1`)
        — empty / ``None`` at T = 0 —, ``minima`` (of U; at T = 0), ``fraction``
        (:class:`langevin.Estimate` of the chains right of 0), ``fraction_fp``,
        ``title``, ``kl_title``, ``stats``.

    Examples
    --------
    >>> r = fokker_planck_run(n_steps=20, n_chains=200)
    >>> r["time"], r["samples"].shape, round(r["fraction_fp"], 4)
    (0.2, (200,), 0.0007)
    """
    if potential not in _WIDGET:
        raise ValueError(f"potential must be one of {sorted(_WIDGET)}; got {potential!r}")
    if not 0 <= n_steps <= max_steps:
        raise ValueError(f"n_steps must be in [0, {max_steps}]; got {n_steps}")
    pot, grid, bins = _WIDGET[potential]
    time = n_steps * step_size * friction
    x = _history(potential, float(x0), float(step_size), float(temperature), int(seed),
                 int(n_chains)).at(int(n_steps))
    if not np.all(np.isfinite(x)) or np.abs(x).max() > 1e3:
        raise ValueError(f"The chains left the picture (|x| > 1000): step size {step_size:g} "
                         "is too large here. Choose a smaller step size.")
    frac = mean_estimate(x > 0.0)
    head = f"t = nτγ = {time:.2f} ({n_steps} steps)"
    if temperature == 0:
        tr = _transport(potential, float(x0), float(step_size), int(max_steps))
        k = n_steps // _EVERY
        exact = float(tr["mass_right"][k])
        return {"samples": x, "bins": bins, "density": (tr["x"][k], tr["density"][k]),
                "stationary": None, "time": time, "kl_times": np.empty(0), "kl": np.empty(0),
                "kl_now": None, "kl_rate": None, "fraction": frac, "fraction_fp": exact,
                "minima": local_minima(pot, grid),
                "title": f"{head}, T = 0: drift only",
                "kl_title": "T = 0",
                "stats": f"x > 0: chains {frac:.3f}, drift alone {exact:.3f} (no noise)"}
    fp = _fp(potential, float(temperature))              # friction 1: time t / γ
    p = fp.evolve(start_density(grid, x0, _START_SD), n_steps * step_size)
    kl_t, kl = _kl_curve(potential, float(temperature), float(x0), max_steps * step_size)
    rate = 2 * fp.relaxation_rate() / friction            # 2 λ₁ at friction γ
    exact = grid_moments(grid, p)[0]
    return {"samples": x, "bins": bins, "density": (grid, p),
            "stationary": (grid, fp.stationary()), "time": time,
            "kl_times": kl_t * friction, "kl": kl,
            "kl_now": max(float(fp.relative_entropy(p)), _KL_FLOOR), "kl_rate": rate,
            "fraction": frac, "fraction_fp": exact, "minima": np.empty(0),
            "title": f"{head}, T = {temperature:g}",
            "kl_title": f"KL(pₜ ‖ p∞); 2λ₁ = {rate:.3g}",
            "stats": f"x > 0: chains {frac:.3f}, Fokker–Planck {exact:.3f}{_z_text(frac, exact)}"}
