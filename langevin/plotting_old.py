"""Drawing: every figure of the book, static or live, is made by a ``draw_*`` function here.

Conventions
-----------
- ``draw_*(..., ax=None)`` draws on ``ax`` (a new figure's axes if ``None``) and returns the
  artists it made (a small dataclass or dict), so a widget can update them in place instead of
  redrawing the figure.
- ``update_*`` functions take those artists and new data and change them in place.
- ``animate_*`` functions return a ``matplotlib.animation.FuncAnimation``; chapters call
  ``.to_jshtml()`` on it so the static page plays it without a kernel.
- Nothing here imports ipywidgets; nothing here draws random numbers.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "new_axes", "NOISE_COLORS", "BOOK_RC", "use_book_style", "boltzmann_density",
    "local_minima", "animation_html", "draw_paths_1d", "update_paths_1d", "draw_density_strip",
    "SCORE_WIDTHS", "draw_score_sampling", "draw_density_and_score", "draw_histogram",
    "update_histogram", "animate_particles",
    "energies", "draw_newton", "update_newton", "animate_newton",
    "draw_force_field", "draw_paths_2d", "update_paths_2d",
    "draw_boltzmann_densities",
]

#: The colours of the book, by noise setting ("without" noise, "with" noise).
NOISE_COLORS = {"without": "#1f77b4", "with": "#d62728"}


def new_axes(ax=None, figsize=(6.0, 3.5)):
    """Return ``ax`` or a fresh axes on a new figure of ``figsize`` inches.

    Parameters
    ----------
    ax : matplotlib Axes, optional
        Returned unchanged if given.
    figsize : (float, float)
        Size in inches of the new figure (constrained layout) when ``ax`` is ``None``.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = new_axes(figsize=(4.0, 3.0))
    >>> [float(v) for v in ax.figure.get_size_inches()], new_axes(ax) is ax
    ([4.0, 3.0], True)
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax

# ==== Part I (chapters 1–4): add functions above the Part II marker ====


# ----------------------------------------------------------------------------- Part I: shared
#: Font sizes used by every figure of the book. A 10 in wide figure is shown about 7 in wide
#: in the page, so 12–13 pt here reads as 9–10 pt there.
BOOK_RC = {"font.size": 13, "axes.titlesize": 13, "axes.labelsize": 13, "xtick.labelsize": 12,
           "ytick.labelsize": 12, "legend.fontsize": 11, "figure.titlesize": 13}


def use_book_style() -> None:
    """Set the book's matplotlib font sizes (:data:`BOOK_RC`, all ≥ 11 pt) globally.

    Call it once at the top of a chapter; widgets use :data:`BOOK_RC` through their own context.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():  # here only inside the context; a chapter sets it globally
    ...     use_book_style()
    ...     float(mpl.rcParams["font.size"])
    13.0
    """
    plt.rcParams.update(BOOK_RC)


def boltzmann_density(potential, grid, temperature: float = 1.0) -> np.ndarray:
    r"""Boltzmann density :math:`e^{-U(x)/T}/Z` of a 1-D potential on a grid.

    :math:`Z` is computed numerically (trapezoid rule over ``grid``), which is only possible
    because the grid is one-dimensional (chapter 4).

    Parameters
    ----------
    potential : 1-D potential object
    grid : array_like, shape ``(n,)``, increasing
    temperature : float > 0

    Returns
    -------
    density : ndarray, shape ``(n,)``, integrating to 1 over ``grid``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> g = np.linspace(-8, 8, 2001)
    >>> p = boltzmann_density(Gaussian(0.0, 1.0), g)
    >>> round(float(p[1000]), 4)   # 1/sqrt(2 pi)
    0.3989
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0 for a density; got {temperature}")
    g = np.asarray(grid, dtype=float)
    logp = -potential.energy(g[:, None]) / temperature
    p = np.exp(logp - logp.max())
    return p / np.trapezoid(p, g)


def local_minima(potential, grid) -> np.ndarray:
    """Grid points where the 1-D energy has a local minimum (where T → 0 chains end).

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> local_minima(DoubleWell(), np.linspace(-2, 2, 401))
    array([-1.,  1.])

    Parameters
    ----------
    potential : 1-D potential object
    grid : array_like, shape ``(n,)``, increasing

    Returns
    -------
    ndarray, shape ``(k,)``
        The grid points that are strictly lower than their left neighbour and not higher than
        their right one (end points excluded).
    """
    g = np.asarray(grid, dtype=float)
    u = potential.energy(g[:, None])
    i = np.flatnonzero((u[1:-1] < u[:-2]) & (u[1:-1] <= u[2:])) + 1
    return g[i]


def animation_html(anim) -> str:
    """``anim.to_jshtml()``, then close its figure so a notebook does not show it twice.

    Parameters
    ----------
    anim : matplotlib.animation.FuncAnimation
        E.g. from :func:`animate_particles` or :func:`animate_newton`.

    Returns
    -------
    str
        HTML with the frames embedded and JavaScript controls; it plays without a kernel.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> anim = animate_newton(DoubleWell(), np.zeros((3, 1)), frames=1, dpi=20)
    >>> html = animation_html(anim)
    >>> "<img" in html, plt.fignum_exists(anim._fig.number)
    (True, False)
    """
    html = anim.to_jshtml()
    plt.close(anim._fig)
    return html


def _paths_segments(t, paths):
    """Segments ``(n_paths, n_times, 2)`` for a LineCollection from ``t`` and ``paths``."""
    t = np.asarray(t, dtype=float)
    p = np.asarray(paths, dtype=float)
    if p.ndim == 3:  # (n_times, n_paths, 1) trajectory of 1-D states
        p = p[..., 0]
    p = p.reshape(p.shape[0], -1)  # (n_times, n_paths)
    seg = np.empty((p.shape[1], p.shape[0], 2))
    seg[:, :, 0] = t[None, :]
    seg[:, :, 1] = p.T
    return seg


def _segments_1d(traj):
    """``(n+1, n_particles, 1)`` trajectory → ``(n_particles, n+1, 2)`` (step, x) polylines."""
    return _paths_segments(np.arange(np.shape(traj)[0]), traj)


# ----------------------------------------------------------------------------- ch. 1
def draw_paths_1d(traj, *, ax=None, color=None, modes=None, ylim=(-5.0, 5.0), title=None):
    """Draw 1-D chains as lines of position against step number.

    Parameters
    ----------
    traj : array_like, shape ``(n_steps + 1, n_particles, 1)``
    ax : matplotlib Axes, optional
    color : colour of the lines (default: the "with noise" colour)
    modes : sequence of float, optional
        Positions drawn as dashed horizontal lines (e.g. the local maxima of p).
    ylim : (float, float)
    title : str, optional

    Returns
    -------
    dict
        ``"lines"`` (LineCollection, one polyline per chain), ``"ends"`` (PathCollection of
        the final positions), ``"ax"``.

    Examples
    --------
    >>> art = draw_paths_1d(np.zeros((11, 3, 1)), modes=[-2.0, 2.0])
    >>> len(art["lines"].get_segments()), art["ax"].get_xlim() == (0.0, 10.0)
    (3, True)
    >>> plt.close("all")
    """
    from matplotlib.collections import LineCollection

    ax = new_axes(ax)
    color = NOISE_COLORS["with"] if color is None else color
    segs = _segments_1d(traj)
    lines = LineCollection(segs, colors=color, linewidths=1.0, alpha=0.6)
    ax.add_collection(lines)
    ends = ax.scatter(segs[:, -1, 0], segs[:, -1, 1], s=16, color=color, zorder=3)
    for m in modes if modes is not None else ():
        ax.axhline(m, color="0.3", lw=0.8, ls="--", zorder=1)
    ax.set_xlim(0, max(segs.shape[1] - 1, 1))
    ax.set_ylim(*ylim)
    ax.set_xlabel("step $n$")
    ax.set_ylabel("position $x_n$")
    if title:
        ax.set_title(title)
    return {"lines": lines, "ends": ends, "ax": ax}


def update_paths_1d(artists, traj) -> None:
    """Replace the chains drawn by :func:`draw_paths_1d` with ``traj`` (in place).

    Parameters
    ----------
    artists : dict
        As returned by :func:`draw_paths_1d`.
    traj : array_like, shape ``(n_steps + 1, n_particles, 1)``
        The number of steps and particles may differ from the first drawing.

    Examples
    --------
    >>> art = draw_paths_1d(np.zeros((11, 3, 1)))
    >>> update_paths_1d(art, np.ones((6, 2, 1)))
    >>> len(art["lines"].get_segments()), art["ax"].get_xlim() == (0.0, 5.0)
    (2, True)
    >>> plt.close("all")
    """
    segs = _segments_1d(traj)
    artists["lines"].set_segments(segs)
    artists["ends"].set_offsets(segs[:, -1, :])
    artists["ax"].set_xlim(0, max(segs.shape[1] - 1, 1))


def draw_density_strip(potential, ax, strip, *, ylim=(-5.0, 5.0), temperature: float = 1.0):
    """Draw p(x) sideways on ``strip``, a narrow axes beside ``ax`` sharing its y axis.

    Returns
    -------
    dict
        ``"ax"`` (the strip) and ``"curve"`` (its Line2D).

    Parameters
    ----------
    potential : 1-D potential object
    ax : matplotlib Axes
        The main panel (its y axis is the position).
    strip : matplotlib Axes
        The narrow panel the density is drawn on.
    ylim : (float, float)
    temperature : float > 0

    Examples
    --------
    >>> from langevin import Gaussian
    >>> fig, (ax, strip) = plt.subplots(1, 2)
    >>> art = draw_density_strip(Gaussian(0.0, 1.0), ax, strip)
    >>> len(art["curve"].get_xdata())
    400
    >>> plt.close("all")
    """
    strip.sharey(ax)
    y = np.linspace(*ylim, 400)
    p = boltzmann_density(potential, y, temperature)
    strip.fill_betweenx(y, 0, p, color="0.82")
    (curve,) = strip.plot(p, y, color="0.2", lw=1.2)
    strip.set_xlim(0, 1.15 * p.max())
    strip.set_xticks([])
    strip.tick_params(labelleft=False)
    strip.set_xlabel("$p(x)$")
    return {"ax": strip, "curve": curve}


#: The width ratios of the four panels of chapter 1's figure (paths, density strip, paths, strip).
SCORE_WIDTHS = (1.0, 0.14, 1.0, 0.14)


def draw_score_sampling(potential, traj_without, traj_with, *, axes=None, modes=None,
                        ylim=(-5.0, 5.0), temperature: float = 1.0):
    """Chapter 1's two panels: the same chains without noise (left) and with noise (right).

    Parameters
    ----------
    potential : 1-D potential (its density is drawn sideways beside each panel)
    traj_without, traj_with : array_like, shape ``(n_steps + 1, n_particles, 1)``
    axes : four Axes, optional
        Paths, strip, paths, strip (width ratios :data:`SCORE_WIDTHS`); a new 8.5 × 3.3 in
        figure if ``None``.
    modes : sequence of float, optional; dashed lines at the local maxima of p
    ylim : (float, float)
    temperature : float
        Temperature of the right panel (shown in its title).

    Returns
    -------
    dict
        ``"without"`` and ``"with"``: the :func:`draw_paths_1d` artists of each panel.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> traj = np.zeros((6, 4, 1))
    >>> art = draw_score_sampling(GaussianMixture.default(), traj, traj + 1.0)
    >>> sorted(art), len(art["with"]["lines"].get_segments())
    (['with', 'without'], 4)
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = plt.subplots(1, 4, figsize=(8.5, 3.3), layout="constrained",
                               gridspec_kw={"width_ratios": SCORE_WIDTHS})
    out = {}
    pairs = (("without", traj_without, axes[0], axes[1]), ("with", traj_with, axes[2], axes[3]))
    for key, traj, ax, strip in pairs:
        out[key] = draw_paths_1d(traj, ax=ax, color=NOISE_COLORS[key], modes=modes, ylim=ylim)
        draw_density_strip(potential, ax, strip, ylim=ylim)
    axes[0].set_title("without noise ($T = 0$)")
    axes[2].set_title(f"with noise ($T = {temperature:g}$)")
    return out


def draw_density_and_score(potential, *, axes=None, xlim=(-5.0, 5.0), marks=None):
    r"""Two panels: the density :math:`p(x)` and its score :math:`\nabla\log p(x)` (1-D).

    Where the score is positive, the update moves right; where negative, left; it is zero at
    the peaks and at the valley of :math:`p`.

    Parameters
    ----------
    potential : 1-D potential
    axes : pair of Axes, optional (a new 9 × 3 in figure if ``None``)
    xlim : (float, float)
    marks : sequence of float, optional
        Points marked with arrows of length proportional to the score on the density panel.

    Returns
    -------
    dict
        ``"density"`` and ``"score"`` (Line2D), ``"axes"``.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> art = draw_density_and_score(GaussianMixture.default(), marks=[-1.0, 1.0])
    >>> len(art["density"].get_xdata()), len(art["score"].get_ydata())
    (600, 600)
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(9.0, 3.0), layout="constrained")
    grid = np.linspace(*xlim, 600)
    p = boltzmann_density(potential, grid)
    s = potential.score(grid[:, None])[:, 0]
    (dl,) = axes[0].plot(grid, p, color="k", lw=1.6)
    axes[0].fill_between(grid, p, color="0.88")
    if marks is not None:
        m = np.asarray(marks, dtype=float)
        pm = np.interp(m, grid, p)
        sm = potential.score(m[:, None])[:, 0]
        axes[0].quiver(m, pm, 0.4 * sm, np.zeros_like(sm), color=NOISE_COLORS["without"],
                       angles="xy", scale_units="xy", scale=1.0, width=0.006)
        axes[0].plot(m, pm, "o", color=NOISE_COLORS["without"], ms=5)
    axes[0].set_xlabel("$x$")
    axes[0].set_ylabel("$p(x)$")
    axes[0].set_title("the density (arrows: the score)")
    (sl,) = axes[1].plot(grid, s, color=NOISE_COLORS["without"], lw=1.6)
    axes[1].axhline(0.0, color="0.4", lw=0.8)
    axes[1].set_xlabel("$x$")
    axes[1].set_ylabel(r"$\nabla \log p(x)$")
    axes[1].set_title("the score")
    for ax in axes:
        ax.set_xlim(*xlim)
    return {"density": dl, "score": sl, "axes": axes}


def draw_histogram(samples, potential=None, *, temperature: float = 1.0, ax=None,
                   xlim=(-5.0, 5.0), bins: int = 81, color=None, label="samples",
                   legend: bool = True):
    """Histogram of 1-D samples against the Boltzmann density :math:`e^{-U/T}/Z`.

    At ``temperature == 0`` there is no density; the local minima of U are marked instead
    (where noise-free chains end up).

    Parameters
    ----------
    samples : array_like, shape ``(..., 1)`` or ``(n,)``
    potential : 1-D potential, optional
    temperature : float >= 0
    ax : Axes, optional
    xlim : (float, float); bins : int
    color : colour of the histogram (default: the "with noise" colour)
    label : str
    legend : bool
        Draw a one-row legend at the top (the y range leaves room for it).

    Returns
    -------
    dict
        ``"hist"`` (StepPatch, values = density per bin), ``"curve"`` (Line2D or None),
        ``"minima"`` (list of Line2D), ``"edges"``, ``"grid"``, ``"ax"``, ``"potential"``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> s = np.random.default_rng(0).standard_normal((1000, 1))
    >>> art = draw_histogram(s, Gaussian(0.0, 1.0), bins=41)
    >>> values, edges, _ = art["hist"].get_data()
    >>> len(values), round(float(np.sum(values * np.diff(edges))), 6)
    (41, 1.0)
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    color = NOISE_COLORS["with"] if color is None else color
    edges = np.linspace(*xlim, bins + 1)
    values = _hist_density(samples, edges)
    hist = ax.stairs(values, edges, fill=True, color=color, alpha=0.45, label=label)
    grid = np.linspace(*xlim, 600)
    out = {"hist": hist, "curve": None, "minima": [], "edges": edges, "grid": grid, "ax": ax,
           "potential": potential}
    if potential is not None:
        (curve,) = ax.plot(grid, np.zeros_like(grid), color="k", lw=1.6,
                           label=r"$e^{-U/T}/Z$")
        out["curve"] = curve
        out["minima"] = [ax.axvline(m, color="k", lw=1.6, ls=":") for m in
                         local_minima(potential, grid)]
    ax.set_xlim(*xlim)
    ax.set_xlabel("$x$")
    ax.set_ylabel("density")
    update_histogram(out, samples, temperature=temperature)
    if legend:
        ax.legend(loc="upper left", ncols=2, handlelength=1.2, columnspacing=1.0)
    return out


def _hist_density(samples, edges):
    """Histogram normalised by the total number of samples (those outside ``edges`` count too)."""
    x = np.asarray(samples, dtype=float).ravel()
    counts, _ = np.histogram(x, edges)
    return counts / (max(x.size, 1) * np.diff(edges))


def update_histogram(artists, samples, *, temperature: float = 1.0, potential=None) -> None:
    """Redraw the histogram of :func:`draw_histogram` with new samples / temperature / potential.

    Parameters
    ----------
    artists : dict
        As returned by :func:`draw_histogram` (changed in place).
    samples : array_like, shape ``(..., 1)`` or ``(n,)``
    temperature : float >= 0
        At 0 the density curve is hidden and the minima of U are shown instead.
    potential : 1-D potential object, optional
        A new potential (its minima are redrawn); default: keep the drawn one.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> art = draw_histogram(np.zeros((10, 1)), DoubleWell())
    >>> update_histogram(art, np.ones((10, 1)), temperature=0.0)
    >>> art["curve"].get_visible(), len(art["minima"])
    (False, 2)
    >>> plt.close("all")
    """
    if potential is not None and potential is not artists["potential"]:
        artists["potential"] = potential
        for line in artists["minima"]:
            line.remove()
        artists["minima"] = [artists["ax"].axvline(m, color="k", lw=1.6, ls=":")
                             for m in local_minima(potential, artists["grid"])]
    values = _hist_density(samples, artists["edges"])
    artists["hist"].set_data(values, artists["edges"])
    top = values.max() if values.size else 1.0
    curve = artists["curve"]
    if curve is not None:
        hot = temperature > 0
        curve.set_visible(hot)
        for line in artists["minima"]:
            line.set_visible(not hot)
        if hot:
            p = boltzmann_density(artists["potential"], artists["grid"], temperature)
            curve.set_ydata(p)
            top = max(top, p.max())
    artists["ax"].set_ylim(0, 1.25 * max(top, 1e-9))  # headroom for a one-row legend


def animate_particles(potential, left, right, *, titles=("without noise", "with noise"),
                      colors=None, times=None, frames: int = 30, xlim=(-5.0, 5.0),
                      temperature: float = 1.0, interval: int = 150, dpi: int = 72):
    r"""Animate two runs side by side: particles sliding on the density :math:`p(x)`.

    Each panel shows :math:`p(x) \propto e^{-U/T}` and the particles as dots at
    :math:`(x_n, p(x_n))`. Chapter 1 compares the same chains without and with noise (the
    defaults); chapter 5 compares underdamped and overdamped motion.

    Parameters
    ----------
    potential : 1-D potential
    left, right : array_like, shape ``(n_steps + 1, n_particles, 1)``
        The two runs, on the same step grid.
    titles : (str, str)
    colors : (color, color), optional
        Default: the book's colours without and with noise.
    times : array_like, shape ``(n_steps + 1,)``, optional
        If given, frames are labelled with the time :math:`t` instead of the step number.
    frames : int
        Number of frames (evenly spaced steps, first and last included).
    xlim : (float, float); temperature : float (of the drawn density)
    interval : ms per frame; dpi : int

    Returns
    -------
    matplotlib.animation.FuncAnimation

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> traj = np.zeros((5, 3, 1))
    >>> anim = animate_particles(GaussianMixture.default(), traj, traj, frames=1, dpi=20)
    >>> "<img" in animation_html(anim)  # the frames, embedded in the page
    True
    """
    from matplotlib.animation import FuncAnimation

    colors = colors or (NOISE_COLORS["without"], NOISE_COLORS["with"])
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 2.8), dpi=dpi, sharey=True,
                             layout="constrained")
    grid = np.linspace(*xlim, 400)
    p = boltzmann_density(potential, grid, temperature)
    trajs = [np.asarray(left)[..., 0], np.asarray(right)[..., 0]]
    n_total = trajs[1].shape[0] - 1
    idx = np.unique(np.linspace(0, n_total, frames).round().astype(int))
    dots = []
    for ax, traj, color, title in zip(axes, trajs, colors, titles):
        ax.fill_between(grid, p, color="0.88")
        ax.plot(grid, p, color="0.3", lw=1.2)
        x = traj[0]
        dots.append(ax.scatter(x, np.interp(x, grid, p), s=30, color=color, zorder=3,
                               alpha=0.8))
        ax.set_xlim(*xlim)
        ax.set_xlabel("$x$")
        ax.set_title(title)
    axes[0].set_ylabel("$p(x)$")

    def stamp(n):
        return f"t = {times[n]:.1f}" if times is not None else f"step {n}"

    label = fig.suptitle(stamp(0))

    def frame(k):
        n = idx[k]
        for dot, traj in zip(dots, trajs):
            x = traj[n]
            dot.set_offsets(np.column_stack([x, np.interp(x, grid, p)]))
        label.set_text(stamp(n))
        return dots + [label]

    return FuncAnimation(fig, frame, frames=len(idx), interval=interval, blit=False)


# ----------------------------------------------------------------------------- ch. 2
def energies(potential, xs, vs, mass: float = 1.0):
    r"""Kinetic, potential and total energy along a trajectory.

    Parameters
    ----------
    potential : potential object
    xs, vs : array_like, shape ``(n_steps + 1, ..., dim)``
    mass : float

    Returns
    -------
    (kinetic, potential, total) : ndarrays of shape ``(n_steps + 1, ...)``

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> k, u, e = energies(DoubleWell(), np.array([[0.0]]), np.array([[2.0]]))
    >>> float(k[0]), float(u[0]), float(e[0])
    (2.0, 1.0, 3.0)
    """
    xs = np.asarray(xs, dtype=float)
    vs = np.asarray(vs, dtype=float)
    kin = 0.5 * mass * np.sum(vs * vs, axis=-1)
    pot = potential.energy(xs)
    return kin, pot, kin + pot


def draw_newton(potential, times, xs, vs, *, mass: float = 1.0, reference=None, axes=None,
                xlim=(-2.0, 2.0), color=None):
    """Chapter 2's three panels for one ball in a 1-D potential.

    (a) the landscape :math:`U(x)` with the ball's start and its energy level :math:`E`
    (the ball can only be where :math:`U(x) \\le E`); (b) position against time;
    (c) kinetic, potential and total energy against time.

    Parameters
    ----------
    potential : 1-D potential
    times : array_like, shape ``(n,)``
    xs, vs : array_like, shape ``(n, 1)`` — positions and velocities
    mass : float
    reference : (xs_ref, vs_ref), optional
        A second trajectory (e.g. pure Newton) drawn dashed in grey in panel (b).
    axes : three Axes, optional (a new 9.5 × 3.3 in figure if ``None``)
    xlim : (float, float) — range of the landscape
    color : colour of the trajectory (default: the "without noise" colour)

    Returns
    -------
    dict of artists: ``"x"``, ``"ref"``, ``"kin"``, ``"pot"``, ``"tot"``, ``"level"``,
    ``"ball"``, ``"axes"``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> t = np.linspace(0.0, 1.0, 11)
    >>> xs, vs = np.full((11, 1), -1.0), np.zeros((11, 1))
    >>> art = draw_newton(DoubleWell(), t, xs, vs)
    >>> len(art["x"].get_xdata()), float(art["tot"].get_ydata()[0])
    (11, 0.0)
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(9.5, 3.3), layout="constrained")
    color = NOISE_COLORS["without"] if color is None else color
    ax_u, ax_x, ax_e = axes
    grid = np.linspace(*xlim, 400)
    ax_u.plot(grid, potential.energy(grid[:, None]), color="k", lw=1.5)
    level = ax_u.axhline(0.0, color="tab:green", lw=1.2, ls="--", label="total energy $E$")
    (ball,) = ax_u.plot([], [], "o", color=color, ms=9)
    ax_u.set_xlabel("$x$")
    ax_u.set_ylabel("$U(x)$")
    ax_u.set_title("(a) the landscape")
    ax_u.legend(loc="upper center", handlelength=1.2, borderaxespad=0.2)
    (ref,) = ax_x.plot([], [], color="0.5", lw=1.2, ls="--", label="Newton")
    (xl,) = ax_x.plot([], [], color=color, lw=1.4, label="this run")
    ax_x.set_xlabel("time $t$")
    ax_x.set_ylabel("position $x(t)$")
    ax_x.set_title("(b) the motion")
    (kin,) = ax_e.plot([], [], color="tab:orange", lw=1.2, label="kinetic")
    (pot,) = ax_e.plot([], [], color="tab:purple", lw=1.2, label="potential")
    (tot,) = ax_e.plot([], [], color="k", lw=1.8, label="total")
    ax_e.set_xlabel("time $t$")
    ax_e.set_ylabel("energy")
    ax_e.set_title("(c) the energy")
    ax_e.legend(loc="upper center", ncols=3, handlelength=0.8, columnspacing=0.6,
                handletextpad=0.3, borderaxespad=0.2)
    out = {"x": xl, "ref": ref, "kin": kin, "pot": pot, "tot": tot, "level": level,
           "ball": ball, "axes": axes, "potential": potential}
    update_newton(out, times, xs, vs, mass=mass, reference=reference)
    return out


def update_newton(artists, times, xs, vs, *, mass: float = 1.0, reference=None) -> None:
    """Update the panels of :func:`draw_newton` in place with a new trajectory.

    Parameters
    ----------
    artists : dict
        As returned by :func:`draw_newton` (changed in place).
    times : array_like, shape ``(n,)``
    xs, vs : array_like, shape ``(n, 1)``
    mass : float
    reference : (xs_ref, vs_ref), optional
        Shapes ``(n, 1)``; the dashed grey curve is hidden when ``None``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> t, xs, vs = np.linspace(0.0, 1.0, 11), np.full((11, 1), -1.0), np.zeros((11, 1))
    >>> art = draw_newton(DoubleWell(), t, xs, vs)
    >>> update_newton(art, t[:6], xs[:6], vs[:6] + 1.0)
    >>> len(art["x"].get_xdata()), float(art["kin"].get_ydata()[0])
    (6, 0.5)
    >>> plt.close("all")
    """
    t = np.asarray(times, dtype=float)
    xs = np.asarray(xs, dtype=float)
    kin, pot, tot = energies(artists["potential"], xs, vs, mass)
    artists["x"].set_data(t, xs[:, 0])
    if reference is not None:
        artists["ref"].set_data(t, np.asarray(reference[0])[:, 0])
    artists["ref"].set_visible(reference is not None)
    for key, e in (("kin", kin), ("pot", pot), ("tot", tot)):
        artists[key].set_data(t, e)
    artists["level"].set_ydata([tot[0], tot[0]])
    artists["ball"].set_data([xs[0, 0]], [pot[0]])
    ax_u, ax_x, ax_e = artists["axes"]
    ax_u.set_ylim(-0.15, max(2.0, 1.5 * tot[0]))
    ys = [xs[:, 0]] + ([np.asarray(reference[0])[:, 0]] if reference is not None else [])
    ymin = min(y.min() for y in ys)
    ymax = max(y.max() for y in ys)
    pad = 0.08 * (ymax - ymin) + 1e-3
    ax_x.set_xlim(t[0], t[-1])
    ax_x.set_ylim(ymin - pad, ymax + pad)
    ax_e.set_xlim(t[0], t[-1])
    e_hi = max(tot.max(), kin.max(), pot.max())
    ax_e.set_ylim(min(0.0, pot.min()) - 0.05, 1.4 * e_hi + 0.05)


def animate_newton(potential, xs, *, frames: int = 40, xlim=(-2.0, 2.0), interval: int = 100,
                   dpi: int = 72, trail: int = 5):
    """Animate a ball rolling in a 1-D potential: a dot at :math:`(x(t), U(x(t)))`.

    Parameters
    ----------
    potential : 1-D potential
    xs : array_like, shape ``(n_steps + 1, 1)`` or ``(n_steps + 1, n_balls, 1)``
    frames : int; xlim : (float, float); interval : ms per frame; dpi : int
    trail : int
        Number of previous frames shown as a fading trail.

    Returns
    -------
    matplotlib.animation.FuncAnimation

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> anim = animate_newton(DoubleWell(), np.linspace(-1, 1, 9)[:, None], frames=1, dpi=20)
    >>> "<img" in animation_html(anim)
    True
    """
    from matplotlib.animation import FuncAnimation

    x = np.asarray(xs, dtype=float)
    x = x.reshape(x.shape[0], -1)  # (n, n_balls)
    fig, ax = plt.subplots(figsize=(5.5, 2.8), dpi=dpi, layout="constrained")
    grid = np.linspace(*xlim, 400)
    u = potential.energy(grid[:, None])
    ax.plot(grid, u, color="k", lw=1.5)
    ax.set_xlim(*xlim)
    top = max(2.0, 1.5 * float(potential.energy(x.reshape(-1, 1)).max()))
    ax.set_ylim(-0.1 * top, top)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$U(x)$")
    idx = np.unique(np.linspace(0, x.shape[0] - 1, frames).round().astype(int))
    trail_dots = ax.scatter([], [], s=25, color=NOISE_COLORS["without"], alpha=0.25)
    ball = ax.scatter([], [], s=110, color=NOISE_COLORS["without"], zorder=3)
    label = ax.set_title("step 0")

    def frame(k):
        now = x[idx[k]]
        past = x[idx[max(0, k - trail):k]].ravel()
        ball.set_offsets(np.column_stack([now, potential.energy(now[:, None])]))
        trail_dots.set_offsets(np.column_stack([past, potential.energy(past[:, None])])
                               if past.size else np.empty((0, 2)))
        label.set_text(f"step {idx[k]}")
        return [ball, trail_dots, label]

    return FuncAnimation(fig, frame, frames=len(idx), interval=interval, blit=False)


# ----------------------------------------------------------------------------- ch. 3
def draw_force_field(potential, *, ax=None, xlim=(-2.5, 2.5), ylim=(-2.5, 2.5),
                     n_grid: int = 120, n_arrows: int = 13, levels: int = 18):
    r"""Filled contours of a 2-D energy :math:`U` and arrows of the force :math:`-\nabla U`.

    Arrow lengths grow like :math:`|F|^{1/3}` (so weak and strong forces are both visible);
    they all point downhill, perpendicular to the contour lines.

    Parameters
    ----------
    potential : 2-D potential
    ax : Axes, optional
    xlim, ylim : (float, float)
    n_grid : int — resolution of the contours; n_arrows : int — arrows per axis
    levels : int — number of contour levels

    Returns
    -------
    dict
        ``"contour"`` (QuadContourSet), ``"lines"`` (contour lines), ``"quiver"`` (Quiver,
        whose ``U, V`` are the drawn force directions), ``"ax"``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> art = draw_force_field(Gaussian([0.0, 0.0], np.eye(2)), n_grid=30, n_arrows=5)
    >>> art["quiver"].N  # 5 x 5 arrows
    25
    >>> plt.close("all")
    """
    ax = new_axes(ax, figsize=(5.0, 4.5))
    gx, gy = np.meshgrid(np.linspace(*xlim, n_grid), np.linspace(*ylim, n_grid))
    u = potential.energy(np.stack([gx, gy], axis=-1))
    u = u - u.min()
    # equal-area levels: every part of the plane gets contour lines, valleys included
    lv = np.unique(np.quantile(u, np.linspace(0.0, 0.97, levels)))
    cs = ax.contourf(gx, gy, u, levels=lv, cmap="Greys", alpha=0.5, extend="max")
    cl = ax.contour(gx, gy, u, levels=lv, colors="0.45", linewidths=0.5)
    ax_x, ax_y = np.meshgrid(np.linspace(*xlim, n_arrows), np.linspace(*ylim, n_arrows))
    f = potential.force(np.stack([ax_x, ax_y], axis=-1))
    mag = np.linalg.norm(f, axis=-1)
    # length grows like |F|^(1/3): directions everywhere, strength still visible
    scale = np.cbrt(mag / max(mag.max(), 1e-12)) / np.maximum(mag, 1e-12)
    spacing = (xlim[1] - xlim[0]) / (n_arrows - 1)
    q = ax.quiver(ax_x, ax_y, f[..., 0] * scale, f[..., 1] * scale, color="#2b6e2b",
                  angles="xy", scale_units="xy", scale=1.0 / (0.9 * spacing), width=0.005,
                  headwidth=3.5, headlength=4.0, headaxislength=3.5)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    return {"contour": cs, "lines": cl, "quiver": q, "ax": ax}


def draw_paths_2d(paths, *, ax=None, color=None, lw: float = 1.2, label=None):
    """Draw 2-D particle paths: lines, a white start marker and coloured end dots.

    Parameters
    ----------
    paths : array_like, shape ``(n_steps + 1, n_particles, 2)``
    ax : Axes, optional; color : line colour; lw : line width; label : str, optional

    Returns
    -------
    dict
        ``"lines"`` (LineCollection), ``"start"``, ``"ends"`` (PathCollections), ``"ax"``.

    Examples
    --------
    >>> art = draw_paths_2d(np.zeros((5, 3, 2)))
    >>> len(art["lines"].get_segments()), art["ends"].get_offsets().shape
    (3, (3, 2))
    >>> plt.close("all")
    """
    from matplotlib.collections import LineCollection

    ax = new_axes(ax)
    color = NOISE_COLORS["with"] if color is None else color
    p = np.asarray(paths, dtype=float)
    lines = LineCollection(p.transpose(1, 0, 2), colors=color, linewidths=lw, alpha=0.85,
                           label=label, zorder=3)
    ax.add_collection(lines)
    start = ax.scatter(p[0, :, 0], p[0, :, 1], s=50, facecolor="white", edgecolor="k",
                       zorder=4)
    ends = ax.scatter(p[-1, :, 0], p[-1, :, 1], s=22, color=color, edgecolor="k",
                      linewidths=0.5, zorder=5)
    return {"lines": lines, "start": start, "ends": ends, "ax": ax}


def update_paths_2d(artists, paths) -> None:
    """Replace the paths drawn by :func:`draw_paths_2d` (in place).

    Parameters
    ----------
    artists : dict
        As returned by :func:`draw_paths_2d` (changed in place).
    paths : array_like, shape ``(n_steps + 1, n_particles, 2)``

    Examples
    --------
    >>> art = draw_paths_2d(np.zeros((5, 3, 2)))
    >>> update_paths_2d(art, np.ones((4, 2, 2)))
    >>> art["ends"].get_offsets().tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    >>> plt.close("all")
    """
    p = np.asarray(paths, dtype=float)
    artists["lines"].set_segments(p.transpose(1, 0, 2))
    artists["start"].set_offsets(p[0])
    artists["ends"].set_offsets(p[-1])


# ----------------------------------------------------------------------------- ch. 4
def draw_boltzmann_densities(potential, temperatures, *, ax=None, xlim=(-2.5, 2.5),
                             cmap: str = "plasma"):
    r"""Boltzmann densities :math:`e^{-U/T}/Z` of a 1-D potential at several temperatures.

    Parameters
    ----------
    potential : 1-D potential
    temperatures : sequence of float > 0
    ax : Axes, optional; xlim : (float, float); cmap : colormap name (cold = dark)

    Returns
    -------
    list of Line2D, one per temperature (``get_ydata()`` is the density).

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> lines = draw_boltzmann_densities(DoubleWell(), [0.5, 1.0])
    >>> len(lines), len(lines[0].get_ydata())
    (2, 800)
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    grid = np.linspace(*xlim, 800)
    colors = plt.get_cmap(cmap)(np.linspace(0.0, 0.85, len(temperatures)))
    lines = []
    for t, c in zip(temperatures, colors):
        (line,) = ax.plot(grid, boltzmann_density(potential, grid, t), color=c, lw=1.6,
                          label=f"$T = {t:g}$")
        lines.append(line)
    ax.set_xlim(*xlim)
    ax.set_xlabel("$x$")
    ax.set_ylabel(r"$p_T(x) = e^{-U(x)/T}/Z_T$")
    ax.legend()
    return lines



# ==== Part II (chapters 5–7): add functions below ====

__all__ += [
    "draw_time_paths", "update_time_paths", "draw_langevin_comparison",
    "update_langevin_comparison", "draw_measured_vs_exact", "draw_variance_vs_step",
    "draw_sample_histogram", "update_sample_histogram", "draw_mode_fraction_history",
    "draw_overdamped_check",
    "draw_histogram_panels",
]


def draw_time_paths(t, paths, *, ax=None, color="#1f77b4", alpha=0.6, linewidth=1.0,
                    label=None):
    """Draw many paths :math:`x_i(t)` as one LineCollection (fast to update).

    Parameters
    ----------
    t : array_like, shape ``(n_times,)``
    paths : array_like, shape ``(n_times, n_paths)`` or ``(n_times, n_paths, 1)``
        E.g. a 1-D trajectory from :func:`langevin.simulate`.
    ax : matplotlib Axes, optional
    color, alpha, linewidth, label : line style

    Returns
    -------
    matplotlib.collections.LineCollection
        Its segments have shape ``(n_paths, n_times, 2)``; change them with
        :func:`update_time_paths`.

    Examples
    --------
    >>> lc = draw_time_paths(np.arange(4.0), np.zeros((4, 2)))
    >>> len(lc.get_segments()), lc.get_segments()[0].shape
    (2, (4, 2))
    >>> plt.close("all")
    """
    from matplotlib.collections import LineCollection

    ax = new_axes(ax)
    lc = LineCollection(_paths_segments(t, paths), colors=color, alpha=alpha,
                        linewidths=linewidth, label=label)
    ax.add_collection(lc)
    ax.autoscale_view()
    return lc


def update_time_paths(lc, t, paths):
    """Replace the paths drawn by :func:`draw_time_paths` in place.

    Parameters
    ----------
    lc : matplotlib.collections.LineCollection
        As returned by :func:`draw_time_paths`.
    t : array_like, shape ``(n_times,)``
    paths : array_like, shape ``(n_times, n_paths)`` or ``(n_times, n_paths, 1)``

    Returns
    -------
    matplotlib.collections.LineCollection
        ``lc``, with segments of shape ``(n_paths, n_times, 2)``.

    Examples
    --------
    >>> lc = draw_time_paths(np.arange(4.0), np.zeros((4, 2)))
    >>> len(update_time_paths(lc, np.arange(3.0), np.ones((3, 5, 1))).get_segments())
    5
    >>> plt.close("all")
    """
    lc.set_segments(_paths_segments(t, paths))
    return lc


def draw_langevin_comparison(t, underdamped, overdamped, *, friction, temperature,
                             axes=None, ylim=(-2.2, 2.2)):
    r"""Two panels: underdamped (BAOAB) paths and overdamped paths over the same time.

    Parameters
    ----------
    t : array_like, shape ``(n_times,)``
        Physical time :math:`t = n h`.
    underdamped, overdamped : array_like, shape ``(n_times, n_paths[, 1])``
        Positions from :func:`langevin.simulate_underdamped` with friction :math:`\gamma`
        and from :func:`langevin.simulate` with step :math:`\tau = h/\gamma`.
    friction, temperature : float
        Shown in the titles.
    axes : pair of Axes, optional
    ylim : (float, float)

    Returns
    -------
    dict
        ``"under"``, ``"over"`` (LineCollections), ``"axes"``, ``"titles"`` (Text).

    Examples
    --------
    >>> t = np.linspace(0.0, 1.0, 11)
    >>> art = draw_langevin_comparison(t, np.zeros((11, 3)), np.zeros((11, 3)), friction=2.0,
    ...                                temperature=1.0)
    >>> len(art["under"].get_segments()), len(art["over"].get_segments())
    (3, 3)
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8.0, 3.2), sharey=True, layout="constrained")
    out = {"axes": axes}
    out["under"] = draw_time_paths(t, underdamped, ax=axes[0], color=NOISE_COLORS["without"],
                                   alpha=0.5)
    out["over"] = draw_time_paths(t, overdamped, ax=axes[1], color=NOISE_COLORS["with"],
                                  alpha=0.5)
    for ax in axes:
        ax.set_xlim(float(np.min(t)), float(np.max(t)))
        ax.set_ylim(*ylim)
        ax.set_xlabel("time $t$")
        ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
    axes[0].set_ylabel("position $x$")
    engine = axes[0].figure.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):  # room between the time axes
        engine.set(wspace=0.06)
    out["titles"] = [axes[0].set_title(""), axes[1].set_title("")]
    _langevin_comparison_titles(out, friction, temperature)
    return out


def _langevin_comparison_titles(artists, friction, temperature):
    artists["titles"][0].set_text(
        f"underdamped, $\\gamma$ = {friction:.3g}, T = {temperature:.2g}")
    artists["titles"][1].set_text(f"overdamped, $\\tau = h/\\gamma$, T = {temperature:.2g}")


def update_langevin_comparison(artists, t, underdamped, overdamped, *, friction, temperature):
    """Update the artists of :func:`draw_langevin_comparison` in place.

    Parameters
    ----------
    artists : dict
        As returned by :func:`draw_langevin_comparison` (changed in place).
    t : array_like, shape ``(n_times,)``
    underdamped, overdamped : array_like, shape ``(n_times, n_paths[, 1])``
    friction, temperature : float
        Shown in the titles.

    Returns
    -------
    dict
        ``artists``.

    Examples
    --------
    >>> t = np.linspace(0.0, 1.0, 11)
    >>> art = draw_langevin_comparison(t, np.zeros((11, 3)), np.zeros((11, 3)), friction=2.0,
    ...                                temperature=1.0)
    >>> _ = update_langevin_comparison(art, t[:6], np.ones((6, 2)), np.ones((6, 2)),
    ...                                friction=5.0, temperature=0.0)
    >>> len(art["under"].get_segments()), art["axes"][0].get_xlim() == (0.0, 0.5)
    (2, True)
    >>> plt.close("all")
    """
    update_time_paths(artists["under"], t, underdamped)
    update_time_paths(artists["over"], t, overdamped)
    for ax in artists["axes"]:
        ax.set_xlim(float(np.min(t)), float(np.max(t)))
    _langevin_comparison_titles(artists, friction, temperature)
    return artists


def draw_measured_vs_exact(x, measured=None, exact=None, *, ax=None, xlabel="", ylabel="",
                           logx=False):
    """Measured values as markers against exact curves as lines, on one axes.

    Parameters
    ----------
    x : array_like
        Default abscissa for the entries given as plain arrays.
    measured, exact : dict label -> array or (x, y) pair, optional
    ax : Axes, optional
    xlabel, ylabel : str
    logx : bool

    Returns
    -------
    dict label -> Line2D, for every curve drawn.

    Examples
    --------
    >>> out = draw_measured_vs_exact([1, 2, 3], measured={"m": [1.0, 2.1, 2.9]},
    ...                              exact={"e": [1.0, 2.0, 3.0]})
    >>> sorted(out), out["m"].get_ydata().tolist()
    (['e', 'm'], [1.0, 2.1, 2.9])
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    out = {}
    markers = "osD^v"
    for i, (label, y) in enumerate((exact or {}).items()):
        xx, yy = y if isinstance(y, tuple) else (x, y)
        (out[label],) = ax.plot(xx, yy, lw=2.0, color=f"C{i}", alpha=0.8, label=label)
    for i, (label, y) in enumerate((measured or {}).items()):
        xx, yy = y if isinstance(y, tuple) else (x, y)
        (out[label],) = ax.plot(xx, yy, ls="none", marker=markers[i % 5], ms=6,
                                color=f"C{i + 3}", label=label)
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False)
    return out


def draw_variance_vs_step(step_sizes, *, variance=1.0, temperature=1.0, measured=None, ax=None):
    r"""ULA's stationary variance against the step size: formula, truth and measurements.

    Draws :func:`langevin.ula_gaussian_variance` as a curve, the true variance
    :math:`T s^2` as a horizontal line, and any measured values as markers.

    Parameters
    ----------
    step_sizes : array_like
        Step sizes :math:`\tau` for the curve, all below :math:`2 s^2`.
    variance : float
        :math:`s^2` of the target :math:`N(0, s^2)`.
    temperature : float
    measured : dict label -> (step_sizes, variances), optional
    ax : Axes, optional

    Returns
    -------
    dict
        ``"formula"``, ``"truth"`` (Line2D) and one Line2D per measured label.

    Examples
    --------
    >>> out = draw_variance_vs_step([0.1, 0.5, 1.0], variance=1.0)
    >>> sorted(out), [round(float(v), 4) for v in out["formula"].get_ydata()]
    (['formula', 'truth'], [1.0526, 1.3333, 2.0])
    >>> plt.close("all")
    """
    from .diagnostics import ula_gaussian_variance

    ax = new_axes(ax)
    tau = np.asarray(step_sizes, dtype=float)
    out = {}
    (out["formula"],) = ax.plot(tau, [ula_gaussian_variance(variance, s, temperature) for s in tau],
                                color="C0", lw=2, label="ULA, exact: $Ts^2/(1-\\tau/2s^2)$")
    out["truth"] = ax.axhline(temperature * variance, color="k", ls="--", lw=1.2,
                              label="target $Ts^2$")
    markers = {0: ("o", "C3"), 1: ("s", "C2"), 2: ("D", "C4")}
    for i, (label, (xs, ys)) in enumerate((measured or {}).items()):
        m, c = markers[i % 3]
        (out[label],) = ax.plot(xs, ys, ls="none", marker=m, ms=7, color=c, label=label)
    ax.set_xlabel("step size $\\tau$")
    ax.set_ylabel("stationary variance")
    ax.legend(frameon=False, loc="upper left")
    return out


def draw_sample_histogram(samples, *, bins=None, densities=None, ax=None, color="0.5",
                          headroom=1.45, legend_loc="upper right"):
    """Histogram of 1-D samples (as a density) with reference density curves.

    Parameters
    ----------
    samples : array_like, shape ``(n,)`` or ``(n, 1)``
    bins : array_like, optional
        Bin edges (default: 61 edges over the samples' range).
    densities : dict label -> (x, p), optional
        Curves to draw on top, e.g. the exact density.
    ax : Axes, optional
    color : histogram colour
    headroom : float
        The y axis goes up to ``headroom`` times the highest bar or curve, leaving room for
        the legend above the peaks.
    legend_loc : str

    Returns
    -------
    dict
        ``"hist"`` (a StepPatch whose values are the histogram), ``"bins"``, and one Line2D
        per density label. Change them with :func:`update_sample_histogram`.

    Examples
    --------
    >>> s = np.random.default_rng(0).standard_normal(500)
    >>> grid = np.linspace(-5, 5, 101)
    >>> art = draw_sample_histogram(s, bins=np.linspace(-5, 5, 21),
    ...                             densities={"N(0, 1)": (grid, np.exp(-grid**2 / 2) / 2.5066)})
    >>> sorted(art), len(art["hist"].get_data().values)
    (['N(0, 1)', 'bins', 'hist'], 20)
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    s = np.asarray(samples, dtype=float).ravel()
    if bins is None:
        bins = np.linspace(s.min(), s.max(), 61)
    bins = np.asarray(bins, dtype=float)
    h = _hist_density(s, bins)
    out = {"bins": bins}
    out["hist"] = ax.stairs(h, bins, fill=True, color=color, alpha=0.45, label="samples")
    top = 0.0
    for i, (label, (x, p)) in enumerate((densities or {}).items()):
        (out[label],) = ax.plot(x, p, lw=2, color=f"C{i}", label=label)
        top = max(top, float(np.max(p)))
    ax.set_xlim(bins[0], bins[-1])
    ax.set_xlabel("$x$")
    ax.set_ylabel("density")
    ax.set_ylim(0.0, headroom * max(h.max(), top, 1e-12))
    ax.legend(frameon=False, loc=legend_loc)
    return out


def update_sample_histogram(artists, samples, densities=None):
    """Update the artists of :func:`draw_sample_histogram` in place.

    Parameters
    ----------
    artists : dict
        As returned by :func:`draw_sample_histogram` (changed in place; same bins).
    samples : array_like, shape ``(n,)`` or ``(n, 1)``
    densities : dict label -> (x, p), optional
        New data for curves drawn with the same labels.

    Returns
    -------
    artists : dict
        The same dict, its histogram and curves changed in place.

    Examples
    --------
    >>> art = draw_sample_histogram(np.zeros(10), bins=np.linspace(-1, 1, 5))
    >>> _ = update_sample_histogram(art, np.full(10, 100.0))  # all outside the bins
    >>> float(art["hist"].get_data().values.max())
    0.0
    >>> plt.close("all")
    """
    s = np.asarray(samples, dtype=float).ravel()
    h = _hist_density(s, artists["bins"])
    artists["hist"].set_data(values=h)
    for label, (x, p) in (densities or {}).items():
        artists[label].set_data(x, p)
    return artists


def draw_mode_fraction_history(steps, fraction, *, reference=None, ax=None, label="measured",
                               marker_step=None, color="C3"):
    """Fraction of samples in a mode against the number of steps, with a reference level.

    Parameters
    ----------
    steps : array_like, shape ``(n,)``
    fraction : array_like, shape ``(n,)``
        E.g. ``mode_fractions(traj[k], centers)[0]`` for each step ``k``.
    reference : dict label -> float, optional
        Horizontal lines (true weights).
    ax : Axes, optional
    label : str
    marker_step : int, optional
        Draw a vertical line at this step (the run length).
    color : colour of the measured line

    Returns
    -------
    dict
        ``"fraction"`` (Line2D), ``"marker"`` (Line2D or None) and one Line2D per reference.

    Examples
    --------
    >>> f = draw_mode_fraction_history(np.arange(3), [0.5, 0.3, 0.2], reference={"w": 0.2},
    ...                                marker_step=1)
    >>> sorted(f), f["fraction"].get_ydata().tolist()
    (['fraction', 'marker', 'w'], [0.5, 0.3, 0.2])
    >>> plt.close("all")
    """
    ax = new_axes(ax)
    out = {}
    (out["fraction"],) = ax.plot(steps, fraction, color=color, lw=1.8, label=label)
    for i, (lab, val) in enumerate((reference or {}).items()):
        out[lab] = ax.axhline(val, color=["k", "0.5", "C2"][i % 3], ls=["--", ":", "-."][i % 3],
                              lw=1.3, label=lab)
    out["marker"] = (ax.axvline(marker_step, color="C0", lw=1.2, alpha=0.7)
                     if marker_step is not None else None)
    ax.set_xlabel("steps $n$")
    ax.set_ylabel("fraction in left mode")
    ax.set_ylim(0.0, 1.0)
    ax.legend(frameon=False, loc="upper right")
    return out


def draw_overdamped_check(t, runs, *, x0, temperature=1.0, axes=None):
    r"""Two panels: measured mean and variance of underdamped runs against the OU formula.

    The formula is :func:`langevin.ou_moments`, the overdamped limit in :math:`U = x^2/2`.

    Parameters
    ----------
    t : array_like, shape ``(n,)``
    runs : dict friction -> positions, shape ``(n, n_particles)``
    x0, temperature : float
    axes : pair of Axes, optional (default: a new 8 in wide figure)

    Returns
    -------
    list of two dicts label -> Line2D (see :func:`draw_measured_vs_exact`).

    Examples
    --------
    >>> t = np.linspace(0.0, 2.0, 5)
    >>> out = draw_overdamped_check(t, {1.0: np.full((5, 100), 2.0)}, x0=2.0)
    >>> len(out), sorted(out[0])
    (2, ['BAOAB, $\\gamma$ = 1', 'overdamped, $\\gamma$ = 1'])
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8.0, 3.6), layout="constrained")
    from .diagnostics import ou_moments

    exact = {g: ou_moments(t, x0, g, temperature) for g in runs}
    out = []
    for i, what in enumerate(["mean", "variance"]):
        meas = {f"BAOAB, $\\gamma$ = {g:g}": (runs[g].mean(1) if i == 0 else runs[g].var(1))
                for g in runs}
        ex = {f"overdamped, $\\gamma$ = {g:g}": exact[g][i] for g in runs}
        out.append(draw_measured_vs_exact(t, meas, ex, ax=axes[i], xlabel="time $t$",
                                          ylabel=f"{what} of $x$"))
        axes[i].get_legend().remove()
    fig = axes[0].figure
    handles, labels = axes[0].get_legend_handles_labels()
    loc = "outside lower center" if fig.get_layout_engine() is not None else "lower center"
    fig.legend(handles, labels, loc=loc, ncols=2, frameon=False,
               columnspacing=1.2, handletextpad=0.4)
    return out


def draw_histogram_panels(panels, *, bins, densities=None, figsize=(8.0, 3.2),
                          legend_loc="upper left"):
    """Side-by-side :func:`draw_sample_histogram` panels sharing the y axis.

    Parameters
    ----------
    panels : dict title -> samples
    bins : array_like
        Bin edges, the same for every panel.
    densities : dict label -> (x, p), optional
        Curves drawn on every panel.
    figsize : (float, float)
    legend_loc : str

    Returns
    -------
    ndarray of Axes

    Examples
    --------
    >>> s = np.random.default_rng(0).standard_normal(200)
    >>> axes = draw_histogram_panels({"a": s, "b": s + 1.0}, bins=np.linspace(-4, 5, 19))
    >>> [ax.get_title() for ax in axes]
    ['a', 'b']
    >>> plt.close("all")
    """
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, sharey=True,
                             layout="constrained", squeeze=False)
    fig.get_layout_engine().set(wspace=0.06)
    for i, (ax, (title, samples)) in enumerate(zip(axes[0], panels.items())):
        draw_sample_histogram(samples, bins=bins, densities=densities, ax=ax,
                              legend_loc=legend_loc)
        ax.set_title(title)
        if i:
            ax.set_ylabel("")
    return axes[0]
