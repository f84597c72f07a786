"""Loops over the one-step kernels: whole trajectories, with a divergence check.

- :func:`simulate` — overdamped Langevin (ULA or MALA), trajectory ``(n_steps + 1, *x0.shape)``
- :func:`simulate_underdamped` — BAOAB, positions and velocities
- :func:`annealed_langevin` — ULA on noised targets from a large noise level down to a small one
- :class:`DivergenceError` — raised when a state stops being finite
"""
from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import (as_rng, as_state, check_count, check_finite_array, check_nonnegative,
                          check_positive, check_positive_count, check_potential)
from .potentials import Gaussian
from .samplers import (_baoab, _check_friction_temperature, _check_velocity, _energy_and_grad,
                       _mala, _ula)

__all__ = ["simulate", "simulate_underdamped", "annealed_langevin", "DivergenceError",
           "stability_bound", "SimulationInfo"]

_METHODS = ("ula", "mala")
_BOUND_METHODS = ("ula", "mala", "verlet", "baoab")


@dataclass(frozen=True, eq=False)
class SimulationInfo:
    """What :func:`simulate` measured besides the states (``return_info=True``).

    Attributes
    ----------
    acceptance_rate : ndarray, shape ``x0.shape[:-1]``
        Per chain, the fraction of the ``n_steps`` proposals that were accepted: MALA's
        Metropolis acceptance; ones for ULA (every move is taken). NaN for MALA with
        ``n_steps == 0`` (no proposal was made).
    method : str
        ``"ula"`` or ``"mala"``.
    n_steps : int
        The number of steps run.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> _, info = simulate(Gaussian(0.0, 1.0), np.zeros((3, 1)), step_size=0.5, n_steps=200,
    ...                    method="mala", rng=0, keep="final", return_info=True)
    >>> info.acceptance_rate.shape, bool(0.8 < info.acceptance_rate.mean() < 1.0)
    ((3,), True)
    """

    acceptance_rate: np.ndarray
    method: str
    n_steps: int


def _check_keep(keep):
    """``keep`` → the stride between kept states, or ``None`` for only the final state."""
    if isinstance(keep, str):
        if keep == "all":
            return 1
        if keep == "final":
            return None
    elif isinstance(keep, (numbers.Integral, np.integer)) and not isinstance(keep, bool) and keep > 0:
        return int(keep)
    raise ValueError(f"keep must be 'all', 'final' or a positive int k (every k-th step); "
                     f"got {keep!r}")


def _check_flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False; got {value!r}")
    return bool(value)


class _Kept:
    """The states a run keeps: every ``stride``-th one (``stride=1``: all), or only the last."""

    def __init__(self, x, n_steps: int, stride):
        self.stride = stride
        self.out = None
        if stride is not None:
            self.out = np.empty((n_steps // stride + 1,) + x.shape)
            self.out[0] = x

    def store(self, n: int, x) -> None:
        if self.stride is not None and n % self.stride == 0:
            self.out[n // self.stride] = x

    def result(self, x, x_start):
        if self.out is not None:
            return self.out
        return x.copy() if x is x_start else x  # never hand back the caller's own x0


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
    ULA on N(0, 1) is stable for step sizes below 2: ``simulate`` warns before it starts, and
    raises when the state overflows.

    >>> import warnings
    >>> from langevin import Gaussian
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     try:
    ...         simulate(Gaussian(0.0, 1.0), np.ones((1, 1)), step_size=2.5, n_steps=2000,
    ...                  temperature=0.0)
    ...     except DivergenceError as err:
    ...         print(err.step, err.bound)
    1750 2.0
    >>> caught[0].category.__name__
    'RuntimeWarning'
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

    Raises
    ------
    ValueError
        An unknown ``method`` or a ``mass`` that is not a finite number > 0.

    Examples
    --------
    >>> stability_bound(Gaussian(0.0, 2.0), "ula")
    4.0
    """
    if not isinstance(method, str) or method not in _BOUND_METHODS:
        raise ValueError(f"method must be one of {_BOUND_METHODS}; got {method!r}")
    mass = check_positive(mass, "mass")
    if not isinstance(potential, Gaussian):
        return None
    s2 = float(np.linalg.eigvalsh(potential.cov)[0])
    if method == "ula":
        return 2.0 * s2
    if method in ("verlet", "baoab"):
        return 2.0 * np.sqrt(s2 * mass)
    return None


def _divergence(method, step, step_size, potential, mass=1.0, label=""):
    bound = stability_bound(potential, method, mass=mass)
    if bound is not None:
        where = (f"the stability bound for {method.upper()} on this Gaussian is step_size < "
                 f"{bound:.6g}; got step_size={step_size:.6g}")
    else:
        where = (f"no exact stability bound is known for {type(potential).__name__}; "
                 f"try a smaller step_size than {step_size:.6g}")
    return DivergenceError(f"{method.upper()} chain diverged: state not finite at step "
                           f"{step}{label}; " + where, step, bound)


def _warn_if_unstable(method, step_size, potential, mass=1.0, label=""):
    """A ``RuntimeWarning`` before the loop when ``step_size`` is at or past a known bound.

    Returns whether it warned."""
    bound = stability_bound(potential, method, mass=mass)
    if bound is not None and step_size >= bound:
        warnings.warn(
            f"step_size={step_size:.6g}{label} is at or past the stability bound of {method.upper()} on "
            f"this Gaussian (stable iff step_size < {bound:.6g}): the chains will not settle and "
            "will overflow if run long enough", RuntimeWarning, stacklevel=3)
        return True
    return False


def _initial_evaluation(potential, x):
    """``(U(x0), ∇U(x0))``, checked once before the loop: right shapes and finite.

    A potential that is already broken at the start is the caller's ``ValueError`` (naming
    ``energy`` or ``grad_energy``), not a divergence of the chain.
    """
    u, g = _energy_and_grad(potential, x)
    u, g = np.asarray(u, dtype=float), np.asarray(g, dtype=float)
    for name, value, shape, what in (("energy", u, x.shape[:-1], "x0.shape[:-1]"),
                                     ("grad_energy", g, x.shape, "x0.shape")):
        if value.shape != shape:
            raise ValueError(f"potential.{name}(x0) must have shape {shape} ({what}); "
                             f"got shape {value.shape}")
        bad = ~np.isfinite(value)
        if bad.any():
            where = np.argwhere(bad.reshape(x.shape[:-1] + (-1,)).any(-1))
            first = tuple(int(i) for i in where[0]) if where.size else ()
            raise ValueError(
                f"potential.{name} must be finite at the starting states; it is not at "
                f"{len(where) or 1} of them (first: x0[{', '.join(map(str, first))}] = "
                f"{x[first].tolist()}); fix the potential or start elsewhere")
    return u, g


def _check_run(potential, x0, step_size, n_steps, temperature):
    check_potential(potential)
    x = as_state(x0, potential.dim, "x0")
    check_finite_array(x, "x0")
    step_size = check_positive(step_size, "step_size")
    n_steps = check_count(n_steps, "n_steps")
    temperature = check_nonnegative(temperature, "temperature")
    return x, step_size, n_steps, temperature


def simulate(potential, x0, *, step_size: float, n_steps: int, temperature: float = 1.0,
             method: str = "ula", rng=None, keep="all", return_info: bool = False):
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
    keep : ``"all"``, ``"final"`` or int k > 0
        Which states to return (and hold in memory): all of them, only the last, or those at
        steps 0, k, 2k, … ≤ ``n_steps`` — bit for bit ``simulate(...)[::k]``.
    return_info : bool
        Also return a :class:`SimulationInfo` (per-chain acceptance rate).

    Returns
    -------
    states : ndarray
        ``keep="all"``: the trajectory, shape ``(n_steps + 1, *x0.shape)``, ``states[0] == x0``;
        ``keep="final"``: the last state, shape ``x0.shape``; ``keep=k``: shape
        ``(n_steps // k + 1, *x0.shape)``.
    info : SimulationInfo
        Only with ``return_info=True``: ``(states, info)``.

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
    >>> simulate(GaussianMixture.default(), np.zeros((5, 1)), step_size=0.1, n_steps=100,
    ...          rng=0, keep="final").shape
    (5, 1)
    """
    if not isinstance(method, str) or method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}; got {method!r}")
    x, step_size, n_steps, temperature = _check_run(potential, x0, step_size, n_steps, temperature)
    stride = _check_keep(keep)
    return_info = _check_flag(return_info, "return_info")
    if method == "mala" and temperature == 0.0:
        raise ValueError("temperature must be > 0 for method='mala' (without noise there is "
                         "nothing to Metropolis-adjust; use method='ula'); got 0")
    rng = as_rng(rng)
    u, g = _initial_evaluation(potential, x)
    _warn_if_unstable(method, step_size, potential)
    x_start = x
    kept = _Kept(x, n_steps, stride)
    with np.errstate(over="ignore", invalid="ignore"):
        if method == "ula":
            for n in range(1, n_steps + 1):
                x = _ula(x, potential, step_size, temperature, rng)
                if not np.isfinite(x).all():
                    raise _divergence("ula", n, step_size, potential)
                kept.store(n, x)
            rate = np.ones(x.shape[:-1])
        else:
            n_accepted = np.zeros(x.shape[:-1], dtype=np.int64)
            x, u, g = x.copy(), u.copy(), g.copy()  # the loop's own: _mala updates them in place
            for n in range(1, n_steps + 1):
                x, _, u, g = _mala(x, potential, step_size, temperature, rng, u, g, n_accepted)
                if not np.isfinite(x).all():
                    raise _divergence("mala", n, step_size, potential)
                kept.store(n, x)
            rate = n_accepted / n_steps if n_steps else np.full(x.shape[:-1], np.nan)
            if n_steps and not n_accepted.any():
                warnings.warn(
                    f"MALA accepted none of its {n_steps * max(n_accepted.size, 1)} proposals "
                    f"({n_accepted.size} chain(s) x {n_steps} step(s)): no chain moved from x0. "
                    f"step_size={step_size:.6g} is too large where the chains are (e.g. far in "
                    "the tail); try a smaller step_size", RuntimeWarning, stacklevel=2)
    states = kept.result(x, x_start)
    if return_info:
        return states, SimulationInfo(acceptance_rate=np.asarray(rate), method=method,
                                      n_steps=n_steps)
    return states


def simulate_underdamped(potential, x0, v0, *, step_size: float, n_steps: int, friction: float,
                         mass: float = 1.0, temperature: float = 1.0, rng=None, keep="all"):
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
    keep : ``"all"``, ``"final"`` or int k > 0
        As in :func:`simulate`, for both positions and velocities.

    Returns
    -------
    (xs, vs) : ndarrays, each of shape ``(n_steps + 1, *x0.shape)`` (``keep="all"``),
        ``x0.shape`` (``keep="final"``) or ``(n_steps // k + 1, *x0.shape)`` (``keep=k``)

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
    stride = _check_keep(keep)
    rng = as_rng(rng)
    _, g = _initial_evaluation(potential, x)
    method = "verlet" if friction == 0.0 else "baoab"
    _warn_if_unstable(method, step_size, potential, mass)
    x_start, v_start = x, v
    kept_x, kept_v = _Kept(x, n_steps, stride), _Kept(v, n_steps, stride)
    with np.errstate(over="ignore", invalid="ignore"):
        force = -g
        for n in range(1, n_steps + 1):
            x, v, force = _baoab(x, v, force, potential, step_size, friction, mass, temperature, rng)
            if not (np.isfinite(x).all() and np.isfinite(v).all()):
                raise _divergence(method, n, step_size, potential, mass)
            kept_x.store(n, x)
            kept_v.store(n, v)
    return kept_x.result(x, x_start), kept_v.result(v, v_start)


def _check_sigmas(sigmas) -> np.ndarray:
    try:
        sig = np.asarray(sigmas, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"sigmas must be a 1-D sequence of noise levels; got {sigmas!r}") from None
    if sig.ndim != 1 or sig.size == 0:
        raise ValueError("sigmas must be a non-empty 1-D sequence of noise levels, largest first; "
                         f"got shape {sig.shape}")
    if not np.all(np.isfinite(sig)) or np.any(sig <= 0):
        raise ValueError(f"sigmas must be finite and > 0; got {sig.tolist()}")
    if np.any(np.diff(sig) >= 0):
        raise ValueError("sigmas must be strictly decreasing (from the largest noise level to the "
                         f"smallest); got {sig.tolist()}")
    return sig


def _level_step_sizes(step_size, sig) -> np.ndarray:
    """τ_i = ε σ_i² / σ_L² for a float ε, or the given array of one τ per level."""
    if np.ndim(step_size) == 0:
        eps = check_positive(step_size.item() if isinstance(step_size, np.ndarray) else step_size,
                             "step_size")
        return eps * sig**2 / sig[-1] ** 2
    try:
        taus = np.asarray(step_size, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"step_size must be a float or an array of floats; got {step_size!r}") from None
    if taus.shape != sig.shape:
        raise ValueError(f"step_size must be a float ε (τ_i = ε σ_i²/σ_L²) or an array of one step "
                         f"size per level, shape {sig.shape}; got shape {taus.shape}")
    if not np.all(np.isfinite(taus)) or np.any(taus <= 0):
        raise ValueError(f"step_size must be finite and > 0 at every level; got {taus.tolist()}")
    return taus


def annealed_langevin(potential, x0, *, sigmas, steps_per_level: int, step_size,
                      temperature: float = 1.0, rng=None, keep: str = "final") -> np.ndarray:
    r"""Annealed Langevin dynamics (Song & Ermon 2019): ULA on ever less noised targets.

    For each noise level :math:`\sigma_i` of the decreasing sequence ``sigmas``, run
    ``steps_per_level`` ULA steps :math:`x' = x + \tau_i\nabla\log p_{\sigma_i}(x) +
    \sqrt{2\tau_i T}\,z` on ``potential.noised(σ_i)``, the law of :math:`x + \sigma_i z`,
    starting each level where the last one ended. At large :math:`\sigma` the modes overlap,
    so chains move between them and settle in proportion to the weights; the small levels then
    sharpen each chain onto its mode.

    Parameters
    ----------
    potential : Gaussian or GaussianMixture
        Anything with ``noised(sigma)`` returning a potential.
    x0 : array_like, shape ``(..., dim)``
        Starting states.
    sigmas : array_like, shape ``(L,)``
        Noise levels, finite, > 0 and strictly decreasing.
    steps_per_level : int > 0
    step_size : float > 0, or array_like of shape ``(L,)``
        A float :math:`\varepsilon` gives :math:`\tau_i = \varepsilon\,\sigma_i^2/\sigma_L^2`
        (the paper's rule, :math:`\sigma_L` the last level); an array gives one
        :math:`\tau_i` per level.
    temperature : float >= 0
        ``0`` = no noise (gradient ascent on each noised :math:`\log p_{\sigma_i}`).
    rng : None, int or numpy.random.Generator
    keep : ``"final"`` or ``"levels"``

    Returns
    -------
    ndarray
        ``keep="final"``: the last state, shape ``x0.shape``; ``keep="levels"``: the start and
        the state after each level, shape ``(L + 1, *x0.shape)``.

    Raises
    ------
    ValueError
        Bad input, before any work (a potential without ``noised``, sigmas not positive or not
        decreasing, a step-size array of the wrong length, ...).
    DivergenceError
        A state stops being finite.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> gm = GaussianMixture([0.8, 0.2], [5.0, -5.0], [1.0, 1.0])
    >>> x0 = np.random.default_rng(0).uniform(-8, 8, size=(2000, 1))
    >>> sigmas = np.geomspace(20, 0.01, 10)
    >>> x = annealed_langevin(gm, x0, sigmas=sigmas, steps_per_level=100,
    ...                       step_size=0.05 * (1 + sigmas**2), rng=1)
    >>> x.shape, bool(0.7 < (x > 0).mean() < 0.82)
    ((2000, 1), True)
    """
    check_potential(potential)
    if not callable(getattr(potential, "noised", None)):
        raise ValueError("potential must have a .noised(sigma) method giving the law of "
                         "x + sigma z (e.g. langevin.Gaussian, langevin.GaussianMixture); got "
                         f"{type(potential).__name__}")
    x = as_state(x0, potential.dim, "x0")
    check_finite_array(x, "x0")
    sig = _check_sigmas(sigmas)
    steps = check_positive_count(steps_per_level, "steps_per_level")
    taus = _level_step_sizes(step_size, sig)
    temperature = check_nonnegative(temperature, "temperature")
    if not isinstance(keep, str) or keep not in ("final", "levels"):
        raise ValueError(f"keep must be 'final' or 'levels'; got {keep!r}")
    rng = as_rng(rng)
    levels = [potential.noised(float(s)) for s in sig]
    _initial_evaluation(levels[0], x)
    for i, (level, tau, s) in enumerate(zip(levels, taus, sig)):
        if _warn_if_unstable("ula", tau, level, label=f" (level {i + 1}, sigma={s:.6g})"):
            break
    out = np.empty((len(sig) + 1,) + x.shape) if keep == "levels" else None
    if out is not None:
        out[0] = x
    x_start, n = x, 0
    with np.errstate(over="ignore", invalid="ignore"):
        for i, (level, tau, s) in enumerate(zip(levels, taus, sig)):
            for _ in range(steps):
                n += 1
                x = _ula(x, level, tau, temperature, rng)
                if not np.isfinite(x).all():
                    raise _divergence("ula", n, tau, level,
                                      label=f" (level {i + 1} of {len(sig)}, sigma={s:.6g})")
            if out is not None:
                out[i + 1] = x
    if out is not None:
        return out
    return x.copy() if x is x_start else x
