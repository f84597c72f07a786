r"""Chapter 10's runs: escape times over a barrier, against Kramers' rate and the exact mean
first-passage time.

The double well :math:`U = b(x^2 - 1)^2` has its wells at :math:`\pm 1` and its barrier
:math:`\Delta U = b` at 0. Chains start at the bottom of the left well, :math:`x_0 = -1`, and
are timed until they first reach the bottom of the right one, :math:`+1`
(:func:`langevin.first_passage_steps`; time = steps · τ · γ). Every measured time stands beside
three exact numbers: ULA's own mean passage time at that step
(:func:`langevin.ula_mean_passage_steps`), the continuous diffusion's
(:func:`langevin.mean_first_passage_time`) and Kramers' :math:`1/k`
(:func:`langevin.kramers_rate`).

- :func:`exact_rates` — the exact MFPT and Kramers' rate over a range of :math:`b/T`;
- :func:`escape_table` — escape times over a range of :math:`b/T` (the chapter's table and
  Arrhenius plot), with the exact references;
- :func:`passage_survival` — the exact law of ULA's passage step, :math:`P(N > n)`;
- :func:`escape_law` — that law as a density and a survival curve in time;
- :func:`relaxation_table` — the Fokker–Planck relaxation rate :math:`\lambda_1` against
  :math:`2k` and :math:`2/\text{MFPT}`;
- :func:`hopping_paths` — a few long chains hopping between the wells;
- :func:`kramers_run` — the widget's run (:func:`langevin.widgets.explore_kramers`).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .._validation import check_positive
from ..diagnostics import mean_estimate
from ..escape import (_passage_kernel, first_passage_steps, kramers_rate,
                      mean_first_passage_time, ula_mean_passage_steps)
from ..fokker_planck import FokkerPlanck1D
from ..potentials import DoubleWell
from ..simulation import simulate
from .newton_to_boltzmann import _z_text

__all__ = ["exact_rates", "escape_table", "passage_survival", "escape_law",
           "relaxation_table", "hopping_paths", "kramers_run"]

_START, _TARGET, _SADDLE = -1.0, 1.0, 0.0


def _exact(barrier: float, temperature: float, friction: float = 1.0) -> dict:
    """Exact MFPT (−1 → +1 and −1 → 0) and Kramers' rate of the double well."""
    pot = DoubleWell(barrier)
    kw = {"temperature": temperature, "friction": friction}
    return {"mfpt": mean_first_passage_time(pot, _START, _TARGET, **kw),
            "mfpt_top": mean_first_passage_time(pot, _START, _SADDLE, **kw),
            "k": kramers_rate(pot, _START, _SADDLE, **kw)}


def exact_rates(barrier: float = 2.0, ratios=(1, 2, 3, 4, 5, 6), *,
                friction: float = 1.0) -> dict:
    r"""Exact mean first-passage times (−1 → +1, and −1 → 0) and Kramers' rate on
    :math:`b(x^2-1)^2` at :math:`T = b/r` for each ratio :math:`r`.

    Returns
    -------
    dict
        ``ratios``, ``mfpt``, ``mfpt_top``, ``k`` (arrays).

    Examples
    --------
    >>> e = exact_rates(ratios=(2, 3, 5))
    >>> np.round(e["mfpt"] * e["k"], 2).tolist(), np.round(e["mfpt_top"] / e["mfpt"], 3).tolist()
    ([1.25, 1.19, 1.11], [0.449, 0.477, 0.496])
    """
    ratios = np.asarray(ratios, dtype=float)
    rows = [_exact(barrier, barrier / r, friction) for r in ratios]
    return {"ratios": ratios, **{key: np.array([row[key] for row in rows])
                                 for key in ("mfpt", "mfpt_top", "k")}}


def escape_table(barrier: float = 2.0, ratios=(1, 2, 3, 4, 5, 6), *, step_size: float = 0.01,
                 n_chains: int = 2000, seed: int = 0, friction: float = 1.0) -> dict:
    r"""Escape times from −1 to +1 on :math:`b(x^2-1)^2` at the temperatures :math:`T = b/r`.

    For each ratio :math:`r = b/T`, ``n_chains`` ULA chains (seed ``seed + i``) run until every
    one has reached +1 (at most 25 times ULA's exact mean number of steps: a chance of
    :math:`e^{-25}` per chain for an exponential law).

    Returns
    -------
    dict
        Arrays over the ratios: ``ratios``, ``temperatures``, ``mean`` (list of
        :class:`langevin.Estimate` of the mean time), ``times`` (list of arrays, one time per
        chain), ``ula`` (ULA's exact mean time), ``mfpt`` (exact), ``mfpt_top`` (exact, to the
        barrier top 0), ``k`` (Kramers), ``not_arrived`` (counts); ``step_size``, ``barrier``,
        ``friction``, ``n_chains``.

    Examples
    --------
    >>> t = escape_table(ratios=(2,), n_chains=200)
    >>> round(float(t["mfpt"][0] * t["k"][0]), 4), int(t["not_arrived"][0])
    (1.25, 0)
    """
    pot, ratios = DoubleWell(barrier), np.asarray(ratios, dtype=float)
    out = {k: [] for k in ("mean", "times", "ula", "mfpt", "mfpt_top", "k", "not_arrived")}
    for i, r in enumerate(ratios):
        temp = barrier / r
        ula = ula_mean_passage_steps(pot, _START, _TARGET, step_size=step_size,
                                     temperature=temp)
        steps = first_passage_steps(pot, np.full((n_chains, 1), _START), _TARGET,
                                    step_size=step_size, max_steps=int(25 * ula) + 100,
                                    temperature=temp, rng=seed + i)
        times = steps[steps > 0] * step_size * friction
        for key, value in _exact(barrier, temp, friction).items():
            out[key].append(value)
        out["mean"].append(mean_estimate(times))
        out["times"].append(times)
        out["ula"].append(ula * step_size * friction)
        out["not_arrived"].append(int(np.sum(steps < 0)))
    arrays = {k: np.asarray(v) for k, v in out.items() if k not in ("mean", "times")}
    return {"ratios": ratios, "temperatures": barrier / ratios, "mean": out["mean"],
            "times": out["times"], **arrays, "step_size": step_size, "barrier": barrier,
            "friction": friction, "n_chains": n_chains}


def passage_survival(potential, start: float, target: float, steps, *, step_size: float,
                     temperature: float = 1.0) -> np.ndarray:
    r"""The exact law of ULA's passage step :math:`N`: :math:`P(N > n)` at the given ``steps``.

    With the kernel :math:`K` of one ULA step killed at ``target`` (what
    :func:`langevin.ula_mean_passage_steps` solves with),
    :math:`P(N > n) = (K^n 1)(\text{start})`; between equally spaced ``steps`` the power
    :math:`K^{\Delta}` is formed once. The sum over all :math:`n \ge 0` is the exact mean.

    Parameters
    ----------
    steps : array_like of int, shape ``(m,)``, increasing, ``>= 0``

    Returns
    -------
    ndarray, shape ``(m,)``

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> s = passage_survival(DoubleWell(2.0), -1.0, 1.0, np.arange(0, 20001), step_size=0.01)
    >>> round(float(s[0]), 6), round(float(s.sum()), 1)     # 1, and the mean 509.9 steps
    (1.0, 509.9)
    """
    n = np.asarray(steps)
    if n.ndim != 1 or n.size == 0 or n.dtype.kind not in "iu" or np.any(n < 0) \
            or np.any(np.diff(n) <= 0):
        raise ValueError(f"steps must be a 1-D increasing sequence of ints >= 0; got {steps!r}")
    a, row = _passage_kernel(potential, start, target, step_size, temperature)
    out, v, m, powers = np.ones(n.size), np.ones(a.shape[0]), 0, {}
    for i, n_i in enumerate(n[n > 0], start=int(np.sum(n == 0))):
        gap = int(n_i) - 1 - m            # P(N > n) = row · a^(n-1) · 1
        if gap:
            if gap not in powers:
                powers[gap] = np.linalg.matrix_power(a, gap)
            v, m = powers[gap] @ v, int(n_i) - 1
        out[i] = row @ v
    return out


def escape_law(barrier: float, temperature: float, *, step_size: float, t_max: float,
               n_points: int = 200, friction: float = 1.0) -> dict:
    r"""ULA's exact law of the escape time from −1 to +1 on :math:`b(x^2-1)^2`
    (:func:`passage_survival`), on ``n_points`` times in :math:`[0, t_{max}]`.

    Returns
    -------
    dict
        ``t``, ``survival`` :math:`P(t_{esc} > t)`, ``density`` (its negative slope, at the
        midpoints ``t`` of each interval: same length).

    Examples
    --------
    >>> law = escape_law(2.0, 1.0, step_size=0.01, t_max=40.0)
    >>> round(float(np.sum(law["density"]) * (law["t"][1] - law["t"][0])), 3)  # ≈ 1 - S(40)
    1.0
    """
    scale = step_size * friction
    stride = max(1, int(round(t_max / scale / n_points)))
    steps = np.arange(n_points + 1) * stride
    s = passage_survival(DoubleWell(barrier), _START, _TARGET, steps, step_size=step_size,
                         temperature=temperature)
    t = steps * scale
    return {"t": 0.5 * (t[1:] + t[:-1]), "survival": 0.5 * (s[1:] + s[:-1]),
            "density": -np.diff(s) / np.diff(t)}


def relaxation_table(barrier: float = 2.0, ratios=(1, 2, 3, 4, 5, 6), *,
                     grid=None) -> dict:
    r"""The slowest relaxation rate :math:`\lambda_1` of the Fokker–Planck equation
    (:class:`langevin.FokkerPlanck1D`, γ = 1) on :math:`b(x^2-1)^2` at :math:`T = b/r`,
    beside Kramers' :math:`2k` and :math:`2/\text{MFPT}(-1 \to +1)`.

    Returns
    -------
    dict of arrays, one entry per ratio
        ``ratios``, ``lambda1`` (the spectral gap of the discretised generator), ``k``, ``mfpt``.

    Examples
    --------
    >>> t = relaxation_table(ratios=(5,))
    >>> round(float(t["lambda1"][0] / (2 * t["k"][0])), 4)
    0.9153
    """
    g = np.linspace(-2.5, 2.5, 801) if grid is None else grid
    ex = exact_rates(barrier, ratios)
    lam = [FokkerPlanck1D(DoubleWell(barrier), g, temperature=barrier / r).relaxation_rate()
           for r in ex["ratios"]]
    return {"ratios": ex["ratios"], "lambda1": np.array(lam), "k": ex["k"], "mfpt": ex["mfpt"]}


def hopping_paths(barrier: float = 2.0, temperature: float = 2 / 3, *, n_chains: int = 2,
                  t_max: float = 200.0, step_size: float = 0.01, every: int = 10,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n_chains`` ULA chains from −1, kept every ``every`` steps up to time ``t_max``:
    ``(t, paths)`` with ``paths`` of shape ``(len(t), n_chains)``.

    Examples
    --------
    >>> t, x = hopping_paths(t_max=1.0)
    >>> t.shape, x.shape, float(x[0, 0])
    ((11,), (11, 2), -1.0)
    """
    n = int(round(t_max / step_size))
    x = simulate(DoubleWell(barrier), np.full((n_chains, 1), _START), step_size=step_size,
                 n_steps=n, temperature=temperature, rng=seed, keep=every)
    return np.arange(x.shape[0]) * every * step_size, x[..., 0]


# ----------------------------------------------------------------------------- the widget
@lru_cache(maxsize=32)
def _exact_cached(barrier: float, temperature: float) -> dict:
    return _exact(barrier, temperature)


@lru_cache(maxsize=32)
def _ula_cached(barrier: float, temperature: float, step_size: float) -> float | None:
    """ULA's exact mean passage steps; None when it is too long to solve for (> 1e10)."""
    try:
        return ula_mean_passage_steps(DoubleWell(barrier), _START, _TARGET, step_size=step_size,
                                      temperature=temperature)
    except ValueError:
        return None


@lru_cache(maxsize=16)
def _steps_cached(barrier, temperature, step_size, n_steps, seed, n_chains) -> np.ndarray:
    return first_passage_steps(DoubleWell(barrier), np.full((n_chains, 1), _START), _TARGET,
                               step_size=step_size, max_steps=n_steps,
                               temperature=temperature, rng=seed)


def kramers_run(*, barrier: float = 1.0, temperature: float = 0.5, friction: float = 1.0,
                step_size: float = 0.05, n_steps: int = 1500, seed: int = 0,
                n_chains: int = 500) -> dict:
    r"""Chapter 10's widget run: ``n_chains`` escape times from −1 to +1 on
    :math:`b(x^2-1)^2`, at most ``n_steps`` steps each, against the exact laws.

    Times are drawn in units of the exact MFPT (the exponential law is :math:`e^{-s}` at every
    setting, so the axes never move). The passage steps are cached per barrier, temperature,
    step, steps and seed: the friction only rescales time (:math:`t = n\tau\gamma`), so moving
    it re-runs nothing. At ``temperature=0`` no chain escapes (ULA without noise only slides
    downhill): every passage step is −1, there is no exact MFPT (times are then in units of the
    run's length), and the title says so.

    Returns
    -------
    dict
        ``times`` (the arrived chains' times), ``n_chains``, ``unit``, ``t_max``
        (:math:`n_{max}\tau\gamma`), ``bins``, ``xlim``, ``ymax``, ``xlabel``, ``mfpt``,
        ``kramers_time`` (:math:`1/k`), ``ula`` (ULA's exact mean time; ``None`` over 1e10
        steps) — all ``None`` at T = 0 —,
        ``mean`` (:class:`langevin.Estimate`, or ``None`` unless every chain arrived),
        ``not_arrived``, ``title``.

    Raises
    ------
    ValueError
        For a step past ULA's stability bound at the wells, :math:`\tau \ge 2/U''(\pm1) =
        1/(4b)`.

    Examples
    --------
    >>> r = kramers_run(n_chains=100)
    >>> r["not_arrived"], round(r["mfpt"], 3), round(r["mfpt"] / r["kramers_time"], 3)
    (0, 10.259, 1.25)
    """
    barrier, step_size = check_positive(barrier, "barrier"), float(step_size)
    if step_size >= 1 / (4 * barrier):
        raise ValueError(f"Step τ = {step_size:g} is past ULA's stability bound at the wells, "
                         f"τ < 2/U''(±1) = 1/(4b) = {1 / (4 * barrier):.3g}: the chains would "
                         "oscillate and blow up. Lower the step or the barrier.")
    steps = _steps_cached(barrier, float(temperature), step_size, int(n_steps), int(seed),
                          int(n_chains))
    scale = step_size * friction
    times, t_max = steps[steps > 0] * scale, n_steps * scale
    out = {"times": times, "n_chains": int(n_chains), "t_max": t_max,
           "not_arrived": int(n_chains - times.size), "mean": None,
           "bins": np.linspace(0.0, 5.0, 41), "xlim": (0.0, 5.0), "ymax": 1.6}
    if temperature == 0:
        return {**out, "unit": t_max, "xlabel": "time $t$ / length of the run", "mfpt": None,
                "kramers_time": None, "ula": None,
                "title": f"T = 0, no noise: none of the {n_chains} chains crossed the barrier "
                         f"in {n_steps} steps\n(t = {t_max:.3g}): without noise ULA only "
                         "slides downhill"}
    ex = _exact_cached(barrier, float(temperature))
    mfpt, kt = ex["mfpt"] * friction, friction / ex["k"]
    ula = _ula_cached(barrier, float(temperature), step_size)
    ula = None if ula is None else ula * scale
    head = f"b/T = {barrier / temperature:.3g}: "
    if times.size == n_chains and ula is not None:
        out["mean"] = mean = mean_estimate(times)
        digits = max(0, 1 - int(np.floor(np.log10(mean.se)))) if mean.se > 0 else 2
        head += f"mean escape time {mean:.{digits}f}"
        refs = f"ULA's exact {ula:.{digits}f}{_z_text(mean, ula)}"
    else:                           # ULA's mean over 1e10 steps: too long to solve for
        head += f"{out['not_arrived']} of {n_chains} not arrived by t = {t_max:.3g}"
        refs = "raise the steps; ULA's exact mean " + ("over 1e10 steps" if ula is None
                                                        else f"{ula:.3g}")
    return {**out, "unit": mfpt, "xlabel": "escape time $t$ / exact MFPT", "mfpt": mfpt,
            "kramers_time": kt, "ula": ula,
            "title": f"{head}\n{refs}, exact MFPT {mfpt:.3g}, Kramers 1/k {kt:.3g}"}
