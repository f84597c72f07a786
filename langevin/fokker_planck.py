r"""The density's equation: overdamped Fokker–Planck (Smoluchowski) in one dimension.

Many independent overdamped Langevin chains :math:`\gamma\,dx = -U'(x)\,dt + \sqrt{2\gamma T}\,dW`
have a density :math:`p(x, t)` that obeys a deterministic equation,

.. math:: \partial_t p = \partial_x\!\left[\frac{U'(x)\,p + T\,\partial_x p}{\gamma}\right]
          = -\partial_x J, \qquad J = -\frac{1}{\gamma}\left(U' p + T\,\partial_x p\right),

whose stationary solution is the Boltzmann density :math:`e^{-U/T}/Z` (zero current,
:math:`J = 0`: detailed balance). :class:`FokkerPlanck1D` discretises it on a uniform grid by
finite volumes with Scharfetter–Gummel (exponential-fitting) fluxes, so the discrete Boltzmann
density is its *exact* stationary state, mass is conserved and :math:`p \ge 0`.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

from scipy.linalg import eigh_tridiagonal  # LAPACK's tridiagonal solver: 10-100x a dense eigh

from ._validation import check_1d_potential, check_finite_array, check_positive

__all__ = ["FokkerPlanck1D"]

_EPS = np.finfo(float).eps
#: The eigen-decomposition path is used when its estimated error is below this fraction of the
#: density's scale; otherwise :meth:`FokkerPlanck1D.evolve` takes the robust matrix-exponential
#: path (see its Notes).
_FAST_PATH_RTOL = 1e-9
#: Cells that would spoil the fast path are dropped when they carry less mass than this.
_NEGLIGIBLE_MASS = 1e-15
#: The robust route: q = (largest exit rate) * h per Taylor step (all terms are non-negative,
#: so any q is exact; larger q means fewer, longer steps), steps between checks, and the number
#: of steps after which the rest is done by matrix squaring.
_ROBUST_Q = 16.0
_ROBUST_BLOCK = 2
_ROBUST_MAX_STEPS = 512


def _taylor_terms(q: float) -> int:
    """Terms of sum_j q^j/j! needed so the tail is below 1e-17 of e^q."""
    j, term, tol = 0, 1.0, 1e-17 * math.exp(q)
    while not (j > q and term < tol):
        j += 1
        term *= q / j
    return j + 1


def _bernoulli(s: np.ndarray) -> np.ndarray:
    r""":math:`B(s) = s/(e^s - 1)`, with :math:`B(0) = 1`, without overflow for any finite s."""
    out = np.ones_like(s)
    pos, neg = s > 0, s < 0
    sp = s[pos]
    out[pos] = sp * np.exp(-sp) / -np.expm1(-sp)  # = s e^{-s} / (1 - e^{-s})
    out[neg] = s[neg] / np.expm1(s[neg])
    return out


def _sym_coupling(s: np.ndarray) -> np.ndarray:
    r""":math:`\sqrt{B(s)B(-s)} = (s/2)/\sinh(s/2)`, even in s, 1 at 0, without overflow."""
    a = np.abs(s)
    out = np.ones_like(a)
    nz = a > 0
    an = a[nz]
    out[nz] = an * np.exp(-0.5 * an) / -np.expm1(-an)
    return out


def _flush(a: np.ndarray, rel: float = 1e-60) -> np.ndarray:
    """Zero the entries below ``rel`` times the largest: they change nothing, but products of
    two tiny numbers underflow to subnormals, which make a matrix product 10-100x slower."""
    a[np.abs(a) < rel * np.abs(a).max(initial=0.0)] = 0.0
    return a


def _with_exact_zero_mode(lam: np.ndarray, vec: np.ndarray, sqrt_pi: np.ndarray):
    r"""Put the exact zero mode :math:`\sqrt\pi` (eigenvalue 0) in the last column of ``vec``.

    An eigensolver mixes the zero mode with any mode whose eigenvalue is within rounding of 0
    (two wells behind a high barrier). A Householder reflection :math:`H` in coefficient space
    with :math:`H e_{last} \propto c = V^T v_0` keeps the basis orthonormal, makes its last
    column :math:`v_0` and changes the other columns only by their overlap with :math:`v_0`.
    """
    v0 = sqrt_pi / np.linalg.norm(sqrt_pi)
    c = vec.T @ v0
    u = c.copy()
    u[-1] += 1.0 if c[-1] >= 0 else -1.0  # the sign that avoids cancellation: |u|^2 >= 2
    vec = vec - np.outer(vec @ u, u) * (2.0 / (u @ u))
    vec[:, -1] = v0  # = -sign(c_last) * v0 up to rounding; eigenvectors have no sign
    vec[np.abs(vec) < 1e-200] = 0.0  # no subnormal products in evolve (see _flush)
    lam = np.minimum(lam, 0.0)  # the generator is negative semi-definite
    lam[-1] = 0.0
    return lam, vec


def _check_grid(grid) -> tuple[np.ndarray, float]:
    g = np.asarray(grid, dtype=float)
    if g.ndim != 1:
        raise ValueError("grid must be a 1-D array of points, shape (n_grid,); got shape "
                         f"{g.shape}")
    if g.size < 3:
        raise ValueError(f"grid must have at least 3 points; got {g.size}")
    check_finite_array(g, "grid")
    d = np.diff(g)
    dx = (g[-1] - g[0]) / (g.size - 1)
    if not dx > 0 or np.any(d <= 0):
        raise ValueError("grid must be strictly increasing (e.g. np.linspace(-3, 3, 401)); "
                         f"got steps between {d.min():.3g} and {d.max():.3g}")
    if np.max(np.abs(d - dx)) > 1e-6 * dx:
        raise ValueError("grid must be uniform (equal spacing, e.g. np.linspace); got steps "
                         f"between {d.min():.6g} and {d.max():.6g}")
    return g, float(dx)


class FokkerPlanck1D:
    r"""Overdamped Fokker–Planck (Smoluchowski) equation on a uniform 1-D grid.

    .. math:: \partial_t p = \partial_x\!\left[\frac{U'(x)\,p + T\,\partial_x p}{\gamma}\right]

    Finite volumes: each grid point is the centre of a cell of width ``dx``; the two ends have
    no flux (reflecting walls half a cell beyond the first and last points). The flux through
    the face between cells :math:`i` and :math:`i+1` is the Scharfetter–Gummel flux

    .. math:: J_{i+\frac12} = \frac{T}{\gamma\,dx}\left[B(s)\,p_i - B(-s)\,p_{i+1}\right],

    .. math:: s = \frac{U_{i+1} - U_i}{T},\qquad B(s) = \frac{s}{e^s - 1},

    exact for a constant current through a linear piece of :math:`U`. It vanishes exactly when
    :math:`p_{i+1}/p_i = e^{-(U_{i+1}-U_i)/T}`, so the discrete Boltzmann density is the exact
    stationary state; the generator is tridiagonal with non-negative off-diagonal entries and
    zero column sums, so mass is conserved and :math:`p` stays :math:`\ge 0`. It is symmetrised
    by the Boltzmann weights and eigen-decomposed once, at construction (about 10 ms for 400
    points with scipy's tridiagonal solver), so :meth:`evolve` to new times is a matrix product.

    **Time is physical.** One ULA step of size :math:`\tau`,
    :math:`x' = x - \tau U'(x) + \sqrt{2\tau T}\,z`, advances :math:`t` by :math:`\tau\gamma`:
    to compare chains after ``n`` steps with :meth:`evolve`, use ``t = n * step_size *
    friction``.

    Parameters
    ----------
    potential : Potential
        A one-dimensional potential (``potential.dim == 1``); only ``energy`` is used, at the
        grid points.
    grid : array_like, shape ``(n_grid,)``
        Uniform, strictly increasing points, ``n_grid >= 3`` (e.g. ``np.linspace(-3, 3, 401)``).
        The walls sit half a cell beyond the ends, so choose a range where :math:`e^{-U/T}`
        is negligible at the ends for the whole-line dynamics.
    temperature : float > 0
        :math:`T`. Must be positive: at :math:`T = 0` there is no density to evolve (the
        chains follow :math:`-U'` and the density collapses onto the minima), so ``0`` raises
        ``ValueError``.
    friction : float > 0
        :math:`\gamma`; it only rescales time.

    Attributes
    ----------
    grid : ndarray, shape ``(n_grid,)``
    dx : float
        The grid spacing (cell width); densities are normalised to ``sum(p) * dx == 1``.
    potential, temperature, friction
        As given.
    energies : ndarray, shape ``(n_grid,)``
        :math:`U` at the grid points.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> fp = FokkerPlanck1D(Gaussian(0.0, 0.5), np.linspace(-4, 4, 401))
    >>> round(fp.relaxation_rate(), 3)   # exact: 1/(gamma s^2) = 2
    2.0
    >>> p0 = np.exp(-(fp.grid - 2.0) ** 2 / 0.02)          # a narrow start at x = 2
    >>> t = np.array([0.0, 0.5, 5.0])
    >>> p = fp.evolve(p0, t)
    >>> p.shape, np.round(p @ fp.grid * fp.dx, 3), np.round(2.0 * np.exp(-2.0 * t), 3)
    ((3, 401), array([2.   , 0.736, 0.   ]), array([2.   , 0.736, 0.   ]))
    >>> bool(np.all(np.diff(fp.relative_entropy(p)) < 0))
    True
    """

    def __init__(self, potential, grid, *, temperature: float = 1.0, friction: float = 1.0):
        check_1d_potential(potential)
        self.grid, self.dx = _check_grid(grid)
        if (isinstance(temperature, numbers.Real) and not isinstance(temperature, bool)
                and temperature == 0):
            raise ValueError("temperature must be > 0 for a density; at T = 0 the density "
                             "collapses onto the minima (no noise: each chain follows -U'); got 0")
        self.temperature = check_positive(temperature, "temperature")
        self.friction = check_positive(friction, "friction")
        self.potential = potential
        u = np.asarray(potential.energy(self.grid[:, None]), dtype=float)
        if u.shape != self.grid.shape or not np.all(np.isfinite(u)):
            raise ValueError("potential.energy must be finite on the grid, shape (n_grid,); got "
                             f"shape {u.shape} with {np.size(u) - np.count_nonzero(np.isfinite(u))}"
                             " non-finite value(s)")
        self.energies = u
        T, dx = self.temperature, self.dx
        # log of the normalised Boltzmann density, computed without under/overflow
        e = -(u - u.min()) / T
        self._log_pi = e - (math.log(np.sum(np.exp(e)) * dx))
        self._pi = np.exp(self._log_pi)
        self._pi_max = float(self._pi.max())
        self._sqrt_pi = np.exp(0.5 * self._log_pi)

        s = np.diff(u) / T
        c = T / (self.friction * dx * dx)
        self._up = c * _bernoulli(-s)    # A[i, i+1]: from cell i+1 into cell i
        self._down = c * _bernoulli(s)   # A[i+1, i]: from cell i into cell i+1
        self._diag = -(np.r_[self._down, 0.0] + np.r_[0.0, self._up])
        # D^{-1/2} A D^{1/2} is symmetric with off-diagonal c * sqrt(B(s) B(-s))
        off = c * _sym_coupling(s)
        lam, vec = eigh_tridiagonal(self._diag, off)
        self._lam, self._vec = _with_exact_zero_mode(lam, vec, self._sqrt_pi)

    def __repr__(self) -> str:
        return (f"FokkerPlanck1D({self.potential!r}, grid=[{self.grid[0]:g} .. {self.grid[-1]:g}] "
                f"({self.grid.size} points), temperature={self.temperature:g}, "
                f"friction={self.friction:g})")

    # ------------------------------------------------------------------------- the operator
    def generator(self) -> np.ndarray:
        r"""The generator :math:`A`, shape ``(n_grid, n_grid)``: :math:`dp/dt = A p` (tridiagonal).

        Its off-diagonal entries are :math:`\ge 0` and its columns sum to zero (mass is
        conserved); ``A @ fp.stationary()`` is zero up to rounding.

        Examples
        --------
        >>> from langevin import DoubleWell
        >>> fp = FokkerPlanck1D(DoubleWell(), np.linspace(-2, 2, 101))
        >>> a = fp.generator()
        >>> bool(np.abs(a.sum(axis=0)).max() < 1e-9), bool(np.abs(a @ fp.stationary()).max() < 1e-9)
        (True, True)
        """
        n = self.grid.size
        a = np.diag(self._diag)
        idx = np.arange(n - 1)
        a[idx, idx + 1] = self._up
        a[idx + 1, idx] = self._down
        return a

    def stationary(self) -> np.ndarray:
        r"""The Boltzmann density :math:`e^{-U/T}/Z` at the grid points, shape ``(n_grid,)``.

        Normalised on the grid: ``sum(p) * dx == 1``. It is the exact stationary state of the
        discrete equation (zero flux through every face).

        Examples
        --------
        >>> from langevin import Gaussian
        >>> fp = FokkerPlanck1D(Gaussian(0.0, 1.0), np.linspace(-8, 8, 161))
        >>> p = fp.stationary()
        >>> float(p.sum() * fp.dx), round(float(p.max()), 6)   # 1/sqrt(2 pi) = 0.398942
        (1.0, 0.398942)
        """
        return self._pi.copy()

    def current(self, p) -> np.ndarray:
        r"""The probability current :math:`J` through the faces between grid points.

        Parameters
        ----------
        p : array_like, shape ``(..., n_grid)``
            Densities on the grid.

        Returns
        -------
        ndarray, shape ``(..., n_grid - 1)``
            :math:`J_{i+1/2}`, at :math:`x_i + dx/2`; positive means to the right. Zero at
            :meth:`stationary` (detailed balance).

        Examples
        --------
        >>> from langevin import DoubleWell
        >>> fp = FokkerPlanck1D(DoubleWell(), np.linspace(-2, 2, 101))
        >>> bool(np.abs(fp.current(fp.stationary())).max() < 1e-12)
        True
        """
        p = self._check_density(p, "p", normalise=False)
        return self.dx * (self._down * p[..., :-1] - self._up * p[..., 1:])

    def relaxation_rate(self) -> float:
        r""":math:`\lambda_1`, the slowest non-zero decay rate (the spectral gap).

        Every density approaches :meth:`stationary` like :math:`e^{-\lambda_1 t}` at late times.
        Ornstein–Uhlenbeck :math:`U = x^2/(2s^2)`: :math:`\lambda_1 = 1/(\gamma s^2)`;
        a double well: about twice Kramers' escape rate. The grid's error is second order:
        for Ornstein–Uhlenbeck the relative error is :math:`-(dx/s)^2/6` (:math:`-2.7\times
        10^{-4}` at :math:`dx = 0.04\,s`). Rounding adds about :math:`10^{-16}` times the
        largest rate :math:`\approx 4T/(\gamma\,dx^2)`.

        Examples
        --------
        >>> from langevin import Gaussian
        >>> round(FokkerPlanck1D(Gaussian(0.0, 2.0), np.linspace(-10, 10, 401),
        ...                      friction=2.0).relaxation_rate(), 3)   # 1/(2 * 2)
        0.25
        """
        return float(-self._lam[-2])

    # ------------------------------------------------------------------------- densities
    def _check_density(self, p, name, normalise=True):
        arr = np.asarray(p, dtype=float)
        n = self.grid.size
        if arr.ndim == 0 or arr.shape[-1] != n:
            raise ValueError(f"{name} must be a density on the grid, shape (..., {n}); "
                             f"got shape {arr.shape}")
        check_finite_array(arr, name)
        if normalise:
            if np.any(arr < 0):
                raise ValueError(f"{name} must be >= 0 (a density); got minimum {arr.min():.3g}")
            mass = arr.sum(axis=-1, keepdims=True) * self.dx
            if np.any(mass <= 0):
                raise ValueError(f"{name} must have positive mass (sum(p) * dx > 0); got 0")
            arr = arr / mass
        return arr

    def evolve(self, p0, times) -> np.ndarray:
        r"""The densities at ``times``, started from ``p0`` at time 0.

        Parameters
        ----------
        p0 : array_like, shape ``(n_grid,)``
            A non-negative density on the grid with positive mass. It is normalised here
            (``p0 / (sum(p0) * dx)``), so histogram counts are accepted.
        times : float or array_like, shape ``(n_times,)``
            Finite times :math:`\ge 0`, in any order (physical time; see the class notes).

        Returns
        -------
        ndarray, shape ``(n_times, n_grid)`` (``(n_grid,)`` for a scalar ``times``)
            Each row normalised (``sum * dx == 1`` to rounding) and :math:`\ge 0`.

        Notes
        -----
        Fast path: :math:`p(t) = D^{1/2} V e^{\Lambda t} V^T D^{-1/2} p_0` from the
        eigen-decomposition made at construction (:math:`D` = diag of the Boltzmann density
        :math:`\pi`): a few microseconds per time for 400 points, error
        :math:`\lesssim 10^{-11}`. Rounding in that route is amplified where the density is
        far above its equilibrium share, by up to :math:`p_j/\sqrt{\pi_j}` (a start 20
        :math:`T` or more above the lowest minimum). So an error bound is computed first;
        cells whose amplified error would exceed :math:`10^{-9}` of the density's scale are
        dropped if they hold less than :math:`10^{-15}` of the mass, and otherwise ``evolve``
        moves the density on by a robust route until the bound holds: steps of a Taylor
        series of :math:`e^{A h}` with non-negative terms only (no cancellation), and for long
        remaining times :math:`e^{At}` by squaring (about 0.1 s per time for 400 points).
        Rounding noise below zero (:math:`\sim 10^{-15}`) is set to zero.

        Examples
        --------
        >>> from langevin import DoubleWell
        >>> fp = FokkerPlanck1D(DoubleWell(), np.linspace(-2.5, 2.5, 201), temperature=0.5)
        >>> p0 = (np.abs(fp.grid + 1.0) < 0.1).astype(float)    # all mass in the left well
        >>> p = fp.evolve(p0, [0.0, 1.0, 100.0])
        >>> np.round(p[:, fp.grid > 0].sum(axis=1) * fp.dx, 3)  # mass in the right well
        array([0.   , 0.081, 0.499])
        """
        p0 = self._check_density(p0, "p0")
        if p0.ndim != 1:
            raise ValueError(f"p0 must have shape ({self.grid.size},); got shape {p0.shape}")
        t = np.asarray(times, dtype=float)
        if t.ndim > 1:
            raise ValueError(f"times must be a number or a 1-D array; got shape {t.shape}")
        check_finite_array(t, "times")
        if np.any(t < 0):
            raise ValueError(f"times must be >= 0; got minimum {t.min():.6g}")
        flat = np.atleast_1d(t)
        order = np.argsort(flat, kind="stable")
        out = np.empty((flat.size, self.grid.size))
        t_ref, p_ref, k = 0.0, p0, 0
        while k < flat.size:
            p_fast = self._fast_start(p_ref)
            if p_fast is not None:  # every later time in one matrix product
                rest = order[k:]
                out[rest] = self._evolve_fast(p_fast, flat[rest] - t_ref)
                out[rest[flat[rest] == t_ref]] = p_ref
                break
            # move on robustly until the fast path is accurate again (or to the next time)
            t_ref, p_ref = self._robust(p_ref, t_ref, flat[order[k]])
            while k < flat.size and flat[order[k]] == t_ref:
                out[order[k]] = p_ref
                k += 1
        np.maximum(out, 0.0, out=out)
        return out if t.ndim else out[0]

    # ------------------------------------------------------------------------- evolve's routes
    def _fast_start(self, p):
        """``p`` ready for the eigen route, or None where its rounding error would be too big.

        The error of the eigen route is about ``eps sqrt(pi_max) sum_j p_j / sqrt(pi_j)``
        (measured: 0.01 to 1.1 times that, double wells at b/T from 1 to 20, starts up to
        45 T uphill, 200 to 800 points); the bound used is 10 times it. Cells that would push
        it past _FAST_PATH_RTOL of the density's scale are dropped when they carry less than
        _NEGLIGIBLE_MASS (their share of any later density is no more than their mass);
        otherwise None.
        """
        budget = _FAST_PATH_RTOL * max(self._pi_max, p.max()) / (10.0 * _EPS * self._sqrt_pi.max())
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(p > 0, p / self._sqrt_pi, 0.0)
        if ratio.sum() <= budget:
            return p
        order = np.argsort(ratio)  # keep the cells with the smallest ratios within the budget
        bad = np.zeros(p.shape, dtype=bool)
        bad[order[np.searchsorted(np.cumsum(ratio[order]), budget, side="right"):]] = True
        if p[bad].sum() * self.dx > _NEGLIGIBLE_MASS:
            return None
        return np.where(bad, 0.0, p)

    def _evolve_fast(self, p, dt) -> np.ndarray:
        """p(t) for time steps ``dt`` (float, shape ``(n_times,)`` -> ``(n_times, n_grid)``)."""
        # cells where sqrt(pi) underflowed to 0 hold no mass here (_fast_start dropped it)
        r = np.divide(p, self._sqrt_pi, out=np.zeros_like(p), where=self._sqrt_pi > 0)
        q = self._vec.T @ _flush(r)
        return self._sqrt_pi * (_flush(np.exp(np.multiply.outer(dt, self._lam)) * q) @ self._vec.T)

    def _robust(self, p, t0: float, t1: float):
        r"""Move ``p`` from ``t0`` towards ``t1`` without cancellation; returns ``(t, p(t))``.

        Steps of :math:`e^{Ah} = e^{-q}\sum_j M^j/j!` with :math:`M = Ah + qI \ge 0` entrywise
        (:math:`q` = the largest exit rate times :math:`h`), applied to the vector, checking
        after each block of steps whether the fast path has become accurate. After
        _ROBUST_MAX_STEPS steps the rest of the way is one matrix :math:`e^{A(t_1 - t)}` by
        squaring (the same non-negative series), whose cost does not grow with the time.
        """
        rate = float(-self._diag.min())
        h = _ROBUST_Q / rate
        t, steps = t0, 0
        while t < t1:
            if steps >= _ROBUST_MAX_STEPS:
                return t1, self._propagator(t1 - t) @ p
            n_block = min(_ROBUST_BLOCK, math.ceil((t1 - t) / h))
            for _ in range(n_block):
                dt = min(h, t1 - t)
                p = self._taylor_step(p, dt, rate * dt)
                t = t + h if dt == h else t1
            steps += n_block
            if t < t1 and self._fast_start(p) is not None:
                break
        return t, p

    def _taylor_step(self, v, h: float, q: float):
        r""":math:`e^{Ah} v` by the non-negative series in :math:`M = Ah + qI` (tridiagonal)."""
        diag_m = self._diag * h + q
        up, down = self._up * h, self._down * h
        term, acc, nxt = v.copy(), v.copy(), np.empty_like(v)
        for j in range(1, _taylor_terms(q)):
            np.multiply(diag_m, term, out=nxt)
            nxt[:-1] += up * term[1:]
            nxt[1:] += down * term[:-1]
            nxt *= 1.0 / j
            acc += nxt
            term, nxt = nxt, term
        return acc * math.exp(-q)

    def _propagator(self, dt: float) -> np.ndarray:
        r""":math:`e^{A\,dt}` by scaling and squaring with non-negative terms only.

        :math:`M = A h + qI \ge 0` entrywise (:math:`h = dt/2^k`, :math:`q` = the largest exit
        rate times :math:`h \le 1/2`), :math:`e^{Ah} = e^{-q} \sum_j M^j/j!`, then squared
        :math:`k` times: every operation adds non-negative numbers, so small entries stay
        accurate.
        """
        a = self.generator()
        n = a.shape[0]
        rate = float(-self._diag.min())
        k = max(0, math.ceil(math.log2(2.0 * rate * dt)))
        h = dt / 2.0 ** k
        q = rate * h
        m = a * h
        m[np.diag_indices(n)] += q
        term = np.eye(n)
        expm = np.eye(n)
        for j in range(1, _taylor_terms(q)):
            term = term @ m / j
            expm += term
        expm *= math.exp(-q)
        for _ in range(k):
            expm = _flush(expm @ expm, 1e-200)  # entries <= 1 (columns sum to 1)
        return expm

    def relative_entropy(self, p) -> np.ndarray:
        r"""Relative entropy :math:`\mathrm{KL}(p\,\|\,\pi) = \sum_i p_i \log(p_i/\pi_i)\,dx`.

        :math:`\pi` = :meth:`stationary`, :math:`0 \log 0 = 0`. Never increases along
        :meth:`evolve`, and is zero only at :math:`\pi`.

        Parameters
        ----------
        p : array_like, shape ``(..., n_grid)``
            Non-negative densities on the grid (each normalised first, as in :meth:`evolve`).

        Returns
        -------
        float or ndarray, shape ``(...)``

        Examples
        --------
        >>> from langevin import Gaussian
        >>> fp = FokkerPlanck1D(Gaussian(0.0, 1.0), np.linspace(-10, 10, 2001))
        >>> p = np.exp(-(fp.grid - 1.0) ** 2 / 2)   # N(1, 1): KL to N(0, 1) is 1/2
        >>> kl = fp.relative_entropy(np.stack([p, fp.stationary()]))
        >>> np.round(kl, 6) + 0.0
        array([0.5, 0. ])
        """
        p = self._check_density(p, "p")
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(p > 0, p * (np.log(p) - self._log_pi), 0.0)
        kl = terms.sum(axis=-1) * self.dx
        return kl if kl.ndim else float(kl)
