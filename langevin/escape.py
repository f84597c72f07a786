r"""Barrier crossing: Kramers' rate, the exact mean first-passage time, and passage steps.

For the overdamped diffusion :math:`\gamma\,dx = -U'(x)\,dt + \sqrt{2\gamma T}\,dW` in one
dimension:

- :func:`kramers_rate` — Kramers' high-barrier rate
  :math:`k = \sqrt{U''(a)\,|U''(b)|}\,/\,(2\pi\gamma)\;e^{-(U(b) - U(a))/T}`;
- :func:`mean_first_passage_time` — the exact mean time to first reach a target, by
  quadrature of :math:`\frac{\gamma}{T}\int_s^t dy\, e^{U(y)/T}\int_{-\infty}^{y} e^{-U(z)/T}dz`;
- :func:`first_passage_steps` — the ULA step at which each of many chains first reaches the
  target, for measuring the same time by simulation (time = steps · τ · γ);
- :func:`ula_mean_passage_steps` — the exact mean of that step number for ULA itself (the
  honest reference for a sampler at a finite step);
- :func:`barrier_height` — the energy, in units of T, between the two sides of a point.

Double well :math:`U = b(x^2 - 1)^2`, :math:`\gamma = 1`: the exact MFPT from −1 to +1 times
Kramers' rate is 1.25, 1.19, 1.11 at :math:`b/T` = 2, 3, 5, tending to 1 as the barrier grows.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from ._validation import (as_rng, as_state, check_1d_potential, check_finite_array,
                          check_nonnegative, check_positive, check_positive_count)
from .references import _check_real, _grid_energy, _ula_kernel_log
from .samplers import _ula
from .simulation import DivergenceError

__all__ = ["kramers_rate", "mean_first_passage_time", "first_passage_steps",
           "ula_mean_passage_steps", "barrier_height"]

#: Gauss–Legendre order per panel of the quadrature in mean_first_passage_time.
_GL_ORDER = 16
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(_GL_ORDER)
#: The far side is cut where e^{-U/T} has fallen by e^{-_TAIL} below its largest value.
_TAIL = 60.0
_RTOL = 1e-12
_MAX_PANELS = 4096


def _check_point(value, name: str) -> float:
    """A finite real number (a position on the line); arrays of one element accepted."""
    arr = np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "iuf" or arr.ndim > 1:
        raise ValueError(f"{name} must be a finite number (a point on the line); got {value!r}")
    v = float(arr.reshape(()))
    if not math.isfinite(v):
        raise ValueError(f"{name} must be a finite number (a point on the line); got {value!r}")
    return v


def _check_temperature(temperature, what: str) -> float:
    if (isinstance(temperature, numbers.Real) and not isinstance(temperature, bool)
            and temperature == 0):
        raise ValueError(f"temperature must be > 0: at T = 0 there is no thermal escape and {what}"
                         " (only downhill motion); got 0")
    return check_positive(temperature, "temperature")


def _check_common(potential, first, second, temperature, friction, at_zero: str):
    """Checks shared by kramers_rate and mean_first_passage_time: two distinct points."""
    check_1d_potential(potential)
    (a, a_name), (b, b_name) = first, second
    a, b = _check_point(a, a_name), _check_point(b, b_name)
    temperature = _check_temperature(temperature, at_zero)
    friction = check_positive(friction, "friction")
    if a == b:
        raise ValueError(f"{b_name} must differ from {a_name}; got both {a!r}")
    return a, b, temperature, friction


def _energy(potential, x) -> np.ndarray:
    """U at the points ``x`` (any shape), checked finite."""
    x = np.asarray(x, dtype=float)
    u = np.asarray(potential.energy(x[..., None]), dtype=float)
    if u.shape != x.shape or not np.all(np.isfinite(u)):
        raise ValueError("potential.energy must return finite values of shape x.shape[:-1]; got "
                         f"shape {u.shape} at x in [{x.min():.6g}, {x.max():.6g}]")
    return u


def _curvature(potential, x: float) -> float:
    """U''(x) by the fourth-order central difference of grad_energy (error ~ 1e-12)."""
    h = 1e-3 * max(1.0, abs(x))
    pts = x + h * np.array([-2.0, -1.0, 1.0, 2.0])
    g = np.asarray(potential.grad_energy(pts[:, None]), dtype=float)[:, 0]
    if not np.all(np.isfinite(g)):
        raise ValueError(f"potential.grad_energy must be finite near x = {x:g}")
    return float((g[0] - 8.0 * g[1] + 8.0 * g[2] - g[3]) / (12.0 * h))


def kramers_rate(potential, minimum: float, saddle: float, *, temperature: float = 1.0,
                 friction: float = 1.0) -> float:
    r"""Kramers' overdamped escape rate from the well at ``minimum`` over the barrier at ``saddle``.

    .. math:: k = \frac{\sqrt{U''(a)\,|U''(b)|}}{2\pi\gamma}\, e^{-(U(b) - U(a))/T}

    the high-barrier (:math:`\Delta U \gg T`) limit of the exact rate
    :math:`1/\text{MFPT}`; it is within 11 % at :math:`\Delta U / T = 5` for the double well.
    :math:`U''` is a fourth-order finite difference of ``grad_energy`` (relative error
    :math:`\sim 10^{-10}`).

    Parameters
    ----------
    potential : Potential
        One-dimensional (``dim == 1``).
    minimum, saddle : float
        :math:`a`, the bottom of the well (:math:`U''(a) > 0`), and :math:`b`, the top of the
        barrier (:math:`U''(b) < 0`, :math:`U(b) > U(a)`).
    temperature : float > 0
        :math:`T` (0 raises: nothing escapes without noise).
    friction : float > 0
        :math:`\gamma`.

    Returns
    -------
    float
        The rate, per unit of physical time (the time of :func:`mean_first_passage_time`).

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> b = 2.0
    >>> exact = 32 ** 0.5 * b / (2 * np.pi) * np.exp(-b)      # sqrt(32) b / (2 pi) e^{-b}
    >>> round(kramers_rate(DoubleWell(b), -1.0, 0.0), 6), round(float(exact), 6)
    (0.243689, 0.243689)
    """
    a, b, temperature, friction = _check_common(potential, (minimum, "minimum"), (saddle, "saddle"),
                                                temperature, friction, "the rate is 0")
    ca, cb = _curvature(potential, a), _curvature(potential, b)
    if not ca > 0:
        raise ValueError(f"minimum must be the bottom of a well, U''(minimum) > 0; got U''({a:g}) "
                         f"= {ca:.6g}")
    if not cb < 0:
        raise ValueError(f"saddle must be the top of a barrier, U''(saddle) < 0; got U''({b:g}) "
                         f"= {cb:.6g}")
    ua, ub = _energy(potential, np.array([a, b]))
    if not ub > ua:
        raise ValueError(f"saddle must be higher than minimum; got U({b:g}) = {ub:.6g} <= "
                         f"U({a:g}) = {ua:.6g}")
    return math.sqrt(ca * -cb) / (2.0 * math.pi * friction) * math.exp(-(ub - ua) / temperature)


# ----------------------------------------------------------------------------- exact MFPT
def _far_cutoff(u, start: float, target: float, temperature: float) -> float:
    """A point left of ``start`` beyond which e^{-u/T} is below e^{-_TAIL} of its maximum.

    The distance is doubled from 1e-3 (target - start) until U there is _TAIL T above the
    smallest U seen on [cutoff, target], so the cutoff is within a factor 2 of what is needed.
    """
    width = 1e-3 * (target - start)
    right = u(np.linspace(start, target, 2049))
    for k in range(80):
        lo = start - width * 2.0 ** k
        left = u(np.linspace(lo, start, 2049))
        if (left[0] - min(left.min(), right.min())) / temperature >= _TAIL:
            return lo
    raise ValueError("potential must confine the far side: e^{-U/T} must be integrable towards "
                     f"{'-' if u.sign > 0 else '+'}infinity (the diffusion is reflected there); "
                     f"U did not rise {_TAIL:g} T above its minimum within {width * 2.0 ** 79:.3g} "
                     "of start")


def _panels(lo: float, hi: float, n: int):
    """Gauss–Legendre nodes and weights on n equal panels of [lo, hi], shape (n, order)."""
    edges = np.linspace(lo, hi, n + 1)
    half = 0.5 * np.diff(edges)[:, None]
    return edges[:-1], edges[:-1, None] + half * (_GL_NODES + 1.0), half * _GL_WEIGHTS


def _log_mfpt_sum(u, lo: float, start: float, target: float, temperature: float, n: int):
    r"""log of :math:`\int_s^t e^{U(y)/T}\int_{lo}^y e^{-U(z)/T}dz\,dy`, n panels per part."""
    T = temperature
    _, z_in, w_in = _panels(lo, start, n)            # [lo, s]: the inner integral up to s
    left, y, w_out = _panels(start, target, n)       # [s, t]: the outer integral
    # inner integral from each outer panel's left edge to each of its nodes
    frac = 0.5 * (_GL_NODES + 1.0)
    z_part = left[:, None, None] + (y - left[:, None])[:, :, None] * frac        # (n, m, m)
    w_part = 0.5 * (y - left[:, None])[:, :, None] * _GL_WEIGHTS
    u_in, u_y, u_part = u(z_in), u(y), u(z_part)
    c_in = min(u_in.min(), u_y.min(), u_part.min())  # shift: every exponential <= 1
    c_out = u_y.max()
    f_in = np.exp(-(u_in - c_in) / T)
    f_y = np.exp(-(u_y - c_in) / T)
    base = np.sum(w_in * f_in)
    full = np.sum(w_out * f_y, axis=1)                                           # (n,)
    before = base + np.concatenate([[0.0], np.cumsum(full)[:-1]])
    inner = before[:, None] + np.sum(w_part * np.exp(-(u_part - c_in) / T), axis=2)
    total = np.sum(w_out * np.exp((u_y - c_out) / T) * inner)
    return math.log(total) + (c_out - c_in) / T


class _Oriented:
    """U(sign * y): turns a passage to the left into one to the right (mirror image)."""

    def __init__(self, potential, sign: float):
        self.potential, self.sign = potential, sign

    def __call__(self, y):
        return _energy(self.potential, self.sign * np.asarray(y))


def mean_first_passage_time(potential, start: float, target: float, *, temperature: float = 1.0,
                            friction: float = 1.0) -> float:
    r"""Exact mean first-passage time of the overdamped diffusion from ``start`` to ``target``.

    For ``target > start``, with reflection at :math:`-\infty` (the mirror image otherwise):

    .. math:: \tau(s \to t) = \frac{\gamma}{T}\int_s^t e^{U(y)/T}\, I(y)\, dy,

    .. math:: I(y) = \int_{-\infty}^{y} e^{-U(z)/T}\, dz .

    Computed by composite Gauss–Legendre quadrature (order 16 per panel, the number of panels
    doubled until two results agree to :math:`10^{-12}`), with energies shifted so no
    exponential overflows; the far side is cut where :math:`e^{-U/T}` has fallen by
    :math:`e^{-60}`, so :math:`U` must keep rising beyond (no deeper well hidden behind a wall
    60 :math:`T` high).

    Parameters
    ----------
    potential : Potential
        One-dimensional; :math:`e^{-U/T}` integrable on the far side of ``start``.
    start, target : float
        Distinct points.
    temperature : float > 0
        :math:`T` (0 raises: without noise an uphill target is never reached).
    friction : float > 0
        :math:`\gamma`; the time is physical: ULA steps of size τ take τγ each.

    Returns
    -------
    float
        The mean time; ``inf`` if it overflows a float (a barrier over ~700 T).

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> b = 3.0
    >>> mfpt = mean_first_passage_time(DoubleWell(b), -1.0, 1.0)
    >>> round(mfpt * kramers_rate(DoubleWell(b), -1.0, 0.0), 2)   # -> 1 as b/T grows
    1.19
    >>> half = mean_first_passage_time(DoubleWell(b), -1.0, 0.0)
    >>> round(half / mfpt, 3)      # about half: 0.449, 0.477, 0.496 at b/T = 2, 3, 5
    0.477
    """
    s, t, temperature, friction = _check_common(potential, (start, "start"), (target, "target"),
                                                temperature, friction,
                                                "an uphill target is never reached")
    sign = 1.0 if t > s else -1.0
    u = _Oriented(potential, sign)
    s, t = sign * s, sign * t
    lo = _far_cutoff(u, s, t, temperature)
    n, previous = 8, None
    while True:
        value = _log_mfpt_sum(u, lo, s, t, temperature, n)
        if previous is not None and abs(value - previous) <= _RTOL * max(1.0, abs(value)):
            break
        if n >= _MAX_PANELS:
            raise RuntimeError(f"mean_first_passage_time: the quadrature did not converge with "
                               f"{n} panels (last two log-values {previous!r}, {value!r})")
        n, previous = 2 * n, value
    log_tau = value + math.log(friction / temperature)
    return math.exp(log_tau) if log_tau < 709.0 else math.inf


# ----------------------------------------------------------------------------- simulation
def first_passage_steps(potential, x0, target: float, *, step_size: float, max_steps: int,
                        temperature: float = 1.0, rng=None) -> np.ndarray:
    r"""The ULA step at which each chain first reaches ``target``; −1 if not within ``max_steps``.

    Runs :math:`x' = x - \tau U'(x) + \sqrt{2\tau T}\,z` (the package's ULA kernel) on all chains
    at once, dropping each chain as it arrives and stopping when all have. A chain *reaches*
    the target when it crosses it: :math:`x \ge` ``target`` when it starts below, :math:`x \le`
    ``target`` when it starts above. All chains must start strictly on the same side.

    Time: step ``n`` is at physical time :math:`n\,\tau\,\gamma` (a ULA step of size τ is
    τγ of the overdamped dynamics with friction γ; with γ = 1, time = steps · τ), so
    ``steps * step_size * friction`` estimates :func:`mean_first_passage_time`. ULA with a
    finite τ has its own bias: the crossing is only checked at the steps, and the drift is
    discretised; both vanish as τ → 0.

    Parameters
    ----------
    potential : Potential
        One-dimensional.
    x0 : array_like, shape ``(..., 1)``
        Starting points, all below or all above ``target``.
    target : float
    step_size : float > 0
        τ.
    max_steps : int > 0
    temperature : float >= 0
        :math:`T`; 0 is gradient descent (reaches only downhill targets).
    rng : None, int or numpy.random.Generator

    Returns
    -------
    ndarray of int, shape ``x0.shape[:-1]``
        The first step at which the chain was at or past ``target`` (1 ... ``max_steps``), or −1.

    Raises
    ------
    DivergenceError
        If a chain stops being finite (step size too large for the potential).

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> steps = first_passage_steps(DoubleWell(2.0), np.full((2000, 1), -1.0), 1.0,
    ...                             step_size=0.01, max_steps=20_000, rng=0)
    >>> steps.shape, int((steps == -1).sum())
    ((2000,), 0)
    >>> exact = mean_first_passage_time(DoubleWell(2.0), -1.0, 1.0)
    >>> bool(abs(steps.mean() * 0.01 / exact - 1) < 0.1)            # up to ULA's bias and noise
    True
    """
    check_1d_potential(potential)
    x = as_state(x0, 1, "x0")
    check_finite_array(x, "x0")
    target = _check_point(target, "target")
    step_size = check_positive(step_size, "step_size")
    max_steps = check_positive_count(max_steps, "max_steps")
    temperature = check_nonnegative(temperature, "temperature")
    rng = as_rng(rng)
    side = np.sign(x[..., 0] - target)
    if np.any(side == 0):
        raise ValueError(f"x0 must not start at target = {target:g}; got {int(np.sum(side == 0))}"
                         " chain(s) exactly there")
    below, above = int(np.sum(side < 0)), int(np.sum(side > 0))
    if below and above:
        raise ValueError(f"target {target:g} is on the wrong side for some chains: all x0 must "
                         f"start on the same side of target; got {below} below and {above} above")
    sign = -1.0 if above else 1.0  # crossed when sign * (x - target) >= 0

    shape = x.shape[:-1]
    steps = np.full(x.shape[:-1], -1, dtype=np.int64).reshape(-1)
    active = np.arange(steps.size)
    pos = x.reshape(-1, 1).copy()
    with np.errstate(over="ignore", invalid="ignore"):  # a runaway chain raises, below
        for n in range(1, max_steps + 1):
            pos = _ula(pos, potential, step_size, temperature, rng)
            if not np.all(np.isfinite(pos)):  # before the crossing test: +inf has not arrived
                raise DivergenceError(f"first_passage_steps: a chain stopped being finite at "
                                      f"step {n} (step_size={step_size:g} is too large for this "
                                      "potential)", n)
            crossed = sign * (pos[:, 0] - target) >= 0
            if crossed.any():
                steps[active[crossed]] = n
                keep = ~crossed
                active, pos = active[keep], pos[keep]
                if active.size == 0:
                    break
    return steps.reshape(shape)


#: ula_mean_passage_steps: points per noise width, fewest/most points, far-side fall of U/T
_PASSAGE_PER_WIDTH, _PASSAGE_MIN, _PASSAGE_MAX, _PASSAGE_TAIL = 8.0, 201, 4001, 40.0


def _passage_kernel(potential, start, target, step_size, temperature):
    r"""ULA's one-step kernel killed at ``target``, by Nyström with Simpson weights: returns
    ``(a, row)`` with ``a[i, j] = N(x_j; x_i - τU'(x_i), 2τT) w_j`` on a uniform grid from the
    far side to ``target`` (``x_j`` not yet arrived) and ``row`` the same from ``start``."""
    check_1d_potential(potential)
    start, target = _check_real(start, "start"), _check_real(target, "target")
    tau = check_positive(step_size, "step_size")
    temp = check_nonnegative(temperature, "temperature")
    if temp == 0:
        raise ValueError("temperature must be > 0; got 0 (without noise ULA is gradient descent)")
    if start == target:
        raise ValueError(f"target must differ from start; got both {start!r}")
    inside = _grid_energy(potential, np.linspace(start, target, 401)).min()
    for k in range(60):  # the far end: where e^{-U/T} has fallen by e^{-40}
        far = start + (start - target) * 2.0 ** (k - 2)
        if (_grid_energy(potential, np.array([far]))[0] - inside) / temp >= _PASSAGE_TAIL:
            break
    else:
        raise ValueError("potential must confine the far side of start (U must rise 40 T above "
                         f"its minimum); it did not within {abs(far - start):.3g} of start")
    s2 = 2.0 * tau * temp
    n = max(_PASSAGE_MIN, int(np.ceil(abs(target - far) * _PASSAGE_PER_WIDTH / np.sqrt(s2))))
    n += 1 - n % 2                                   # odd: Simpson's rule
    if n > _PASSAGE_MAX:
        raise ValueError(f"step_size={tau:.6g} at temperature={temp:.6g} is too small for the "
                         f"exact solution: {n} grid points (at most {_PASSAGE_MAX}) needed")
    x, w = np.linspace(far, target, n), np.full(n, 2.0)
    w[1::2], w[[0, -1]] = 4.0, 1.0                   # Simpson, times the kernel's 1/sqrt(2πs²)
    w *= abs(x[1] - x[0]) / 3.0 / np.sqrt(2 * np.pi * s2)
    pts = np.append(x, start)
    grad = np.asarray(potential.grad_energy(pts[:, None]), dtype=float)
    if grad.shape != (n + 1, 1) or not np.all(np.isfinite(grad)):
        raise ValueError(f"potential.grad_energy must be finite with shape ({n + 1}, 1) between "
                         f"{far:.6g} and {target:.6g}")
    k = np.exp(_ula_kernel_log(pts - tau * grad[:, 0], x, s2)) * w   # (from, to)
    return k[:-1], k[-1]


def ula_mean_passage_steps(potential, start: float, target: float, *, step_size: float,
                           temperature: float = 1.0) -> float:
    r"""The exact mean number of ULA steps from ``start`` until the chain first reaches ``target``.

    What :func:`langevin.first_passage_steps` measures, computed without sampling: the honest
    reference for ULA at a finite step (ULA's own law, not the continuous diffusion's
    :func:`langevin.mean_first_passage_time`). The mean :math:`m(x)` solves

    .. math:: m(x) = 1 + \int_{\text{not arrived}} K(x, y)\, m(y)\, dy,

    with ULA's kernel :math:`K(x, y) = N\big(y;\, x - \tau U'(x),\, 2\tau T\big)`,
    discretised by the Nyström method with Simpson weights on a uniform grid from the far side
    of ``start`` (where :math:`e^{-U/T}` has fallen by :math:`e^{-40}`) to ``target``, eight
    points per noise width :math:`\sqrt{2\tau T}`, solved densely: relative error below 1e-6
    up to 1e7 steps, about 1e-4 at 1e10; longer means are refused (rounding).

    Parameters
    ----------
    potential : potential with ``dim == 1``
    start, target : float
        Distinct points; the chain arrives at the first step with :math:`x \ge` ``target``
        (``target > start``; :math:`x \le` ``target`` otherwise).
    step_size, temperature : float > 0
        :math:`\tau` (times are ``steps * step_size * friction``) and :math:`T`.

    Returns
    -------
    float
        The mean number of steps.

    Raises ``ValueError`` for ``dim != 1``, equal points, ``temperature <= 0``, a far side that
    does not rise, a grid of more than 4001 points, or a mean over 1e10 steps.

    Examples
    --------
    >>> from langevin import DoubleWell, mean_first_passage_time
    >>> m = ula_mean_passage_steps(DoubleWell(2.0), -1.0, 1.0, step_size=0.01)
    >>> round(m, 1), round(m * 0.01 / mean_first_passage_time(DoubleWell(2.0), -1.0, 1.0), 4)
    (509.9, 0.9941)
    """
    a, row = _passage_kernel(potential, start, target, step_size, temperature)
    m = np.linalg.solve(np.eye(a.shape[0]) - a, np.ones(a.shape[0]))
    if not (m.min() >= 1.0 and m.max() <= 1e10):   # (I - a) is then too ill-conditioned
        raise ValueError("the mean passage is too long (over 1e10 steps) for an exact solve in "
                         "double precision; mean_first_passage_time gives its order of magnitude")
    return float(1.0 + row @ m)


def barrier_height(potential, *, split: float = 0.0, lo: float = -8.0, hi: float = 8.0,
                   temperature: float = 1.0, n_grid: int = 16001) -> float:
    r"""The energy a chain must climb, in units of :math:`T`, to cross ``split`` from the left.

    On a grid over ``[lo, hi]``: from the lowest point left of ``split`` to the highest point
    between it and the lowest point right of ``split``,
    :math:`(U_{\max} - U_{\min,\text{left}})/T`. It is 0 when the left side has no well of its
    own (the lowest point left of ``split`` is ``split`` itself).

    Parameters
    ----------
    potential : potential with ``dim == 1``
    split : float
        The point between the two wells (e.g. 0 for a symmetric pair of modes).
    lo, hi : float, ``lo < split < hi``
    temperature : float > 0
    n_grid : int >= 3

    Returns
    -------
    float

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> round(barrier_height(DoubleWell(2.0), temperature=0.5), 6)
    4.0
    """
    check_1d_potential(potential)
    split, lo, hi = (_check_real(v, name) for v, name in ((split, "split"), (lo, "lo"), (hi, "hi")))
    if not lo < split < hi:
        raise ValueError(f"need lo < split < hi; got lo={lo}, split={split}, hi={hi}")
    temp = check_positive(temperature, "temperature")
    n = check_positive_count(n_grid, "n_grid")
    if n < 3:
        raise ValueError(f"n_grid must be >= 3; got {n}")
    g = np.linspace(lo, hi, n)
    u = _grid_energy(potential, g) / temp
    left = int(np.argmin(np.where(g <= split, u, np.inf)))
    right = int(np.argmin(np.where(g >= split, u, np.inf)))
    return float(u[left:right + 1].max() - u[left])
