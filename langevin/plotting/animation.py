"""Animations that play in the static page: ``animate_*`` returns a FuncAnimation;
:func:`animation_html` embeds its frames (``to_jshtml``) so it plays with no kernel, offline.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

from ..references import boltzmann_density
from .densities import hist_density
from .fokker_planck import (FP_LABEL, PINF_LABEL, particle_heights,
                            style_fokker_planck_curves)
from .style import DOT, NOISE_COLORS, book_rc, nice_ceil

__all__ = ["animation_html", "animate_particles", "animate_newton", "animate_fokker_planck"]


def animation_html(anim) -> str:
    """``anim.to_jshtml()`` (frames embedded, JavaScript controls), then close its figure so a
    notebook does not show it twice.

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


def animate_particles(potential, left, right, *, titles=("without noise", "with noise"),
                      colors=None, times=None, frames: int = 30, xlim=(-5.0, 5.0),
                      temperature: float = 1.0, interval: int = 150, dpi: int = 110,
                      figsize=(7.0, 2.8)):
    r"""Two runs side by side: particles as dots at :math:`(x_n, p(x_n))` on the density.

    Chapter 1 compares the same chains without and with noise (the defaults); chapter 5
    underdamped and overdamped motion.

    Parameters
    ----------
    potential : 1-D potential
    left, right : array_like, shape ``(n_steps + 1, n_particles, 1)`` (same step grid)
    titles : (str, str); colors : (color, color), optional
    times : array_like, shape ``(n_steps + 1,)``, optional — label frames with the time
    frames : int (evenly spaced steps, first and last included)
    xlim : (float, float); temperature : float (of the drawn density)
    interval : ms per frame; dpi : int; figsize : inches (drawn at the size the page shows)

    Returns
    -------
    matplotlib.animation.FuncAnimation

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> traj = np.zeros((5, 3, 1))
    >>> anim = animate_particles(GaussianMixture.default(), traj, traj, frames=1, dpi=20)
    >>> "<img" in animation_html(anim)
    True
    """
    colors = colors or (NOISE_COLORS["without"], NOISE_COLORS["with"])
    with book_rc():
        fig, axes = plt.subplots(1, 2, figsize=figsize, dpi=dpi, sharey=True,
                                 layout="constrained")
    grid = np.linspace(*xlim, 400)
    p = boltzmann_density(potential, grid, temperature)
    trajs = [np.asarray(left)[..., 0], np.asarray(right)[..., 0]]
    idx = np.unique(np.linspace(0, trajs[1].shape[0] - 1, frames).round().astype(int))
    dots = []
    for ax, traj, color, title in zip(axes, trajs, colors, titles):
        ax.fill_between(grid, p, color="0.88")
        ax.plot(grid, p, color="0.3", lw=1.2)
        x = traj[0]
        dots.append(ax.scatter(x, np.interp(x, grid, p), marker=DOT, s=30, color=color, zorder=3,
                               alpha=0.8))
        ax.set(xlim=xlim, xlabel="$x$", title=title)
    axes[0].set_ylabel("$p(x)$")

    def stamp(n):
        return f"t = {times[n]:.1f}" if times is not None else f"step {n}"

    label = fig.suptitle(stamp(0))

    def frame(k):
        n = idx[k]
        for dot, traj in zip(dots, trajs):
            dot.set_offsets(np.column_stack([traj[n], np.interp(traj[n], grid, p)]))
        label.set_text(stamp(n))
        return dots + [label]

    return FuncAnimation(fig, frame, frames=len(idx), interval=interval, blit=False)


def animate_newton(potential, xs, *, frames: int = 40, xlim=(-2.0, 2.0), interval: int = 100,
                   dpi: int = 110, trail: int = 5, figsize=(5.5, 2.8)):
    """A ball rolling in a 1-D potential: a dot at :math:`(x(t), U(x(t)))` with a fading trail.

    Parameters
    ----------
    potential : 1-D potential
    xs : array_like, shape ``(n_steps + 1, 1)`` or ``(n_steps + 1, n_balls, 1)``
    frames : int; xlim : (float, float); interval : ms per frame; dpi : int
    trail : int (previous frames shown faded); figsize : inches

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
    x = np.asarray(xs, dtype=float)
    x = x.reshape(x.shape[0], -1)  # (n, n_balls)
    with book_rc():
        fig, ax = plt.subplots(figsize=figsize, dpi=dpi, layout="constrained")
    grid = np.linspace(*xlim, 400)
    ax.plot(grid, potential.energy(grid[:, None]), color="k", lw=1.5)
    top = max(2.0, 1.5 * float(potential.energy(x.reshape(-1, 1)).max()))
    ax.set(xlim=xlim, ylim=(-0.1 * top, top), xlabel="$x$", ylabel="$U(x)$")
    idx = np.unique(np.linspace(0, x.shape[0] - 1, frames).round().astype(int))
    trail_dots = ax.scatter([], [], marker=DOT, s=25, color=NOISE_COLORS["without"], alpha=0.25)
    ball = ax.scatter([], [], marker=DOT, s=110, color=NOISE_COLORS["without"], zorder=3)
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


def animate_fokker_planck(panels, *, bins=50, n_dots: int = 100, interval: int = 250,
                          dpi: int = 110, figsize=(7.0, 2.5)):
    r"""Chains and their Fokker–Planck density moving together, one panel per run.

    Each frame shows, at one time, the histogram of the chains, the density :math:`p(x, t)`,
    :math:`p_\infty` (dashed) and the first ``n_dots`` chains as dots in a strip below the
    axis: the dots keep moving while the histogram settles on :math:`p_\infty`. The y axis is
    fixed (at most 2.5 times the peak of :math:`p_\infty`: a narrow start may go off the top
    in the first frames).

    Parameters
    ----------
    panels : dict title -> run
        As :func:`langevin.experiments.fokker_planck_runs` returns it (``samples``
        ``(n_frames, n_chains)``, ``grid``, ``densities``, ``stationary``, ``times``); one
        frame per time, the same number of times in every run.
    bins : int or dict title -> int (bins over each grid)
    n_dots : int; interval : ms per frame; dpi : int; figsize : inches

    Returns
    -------
    matplotlib.animation.FuncAnimation

    Examples
    --------
    >>> g = np.linspace(-3, 3, 61)
    >>> run = {"samples": np.zeros((2, 10)), "grid": g, "times": np.array([0.0, 1.0]),
    ...        "densities": np.ones((2, 61)) / 6, "stationary": np.ones(61) / 6}
    >>> "<img" in animation_html(animate_fokker_planck({"a": run}, dpi=20))
    True
    """
    with book_rc():
        fig, axes = plt.subplots(1, len(panels), figsize=figsize, dpi=dpi, squeeze=False,
                                 layout="constrained")
    artists = []
    for ax, (title, run) in zip(axes[0], panels.items()):
        grid = np.asarray(run["grid"])
        b = bins[title] if isinstance(bins, dict) else bins
        edges = np.linspace(grid[0], grid[-1], int(b) + 1)
        peak = float(np.max(run["stationary"]))
        top = nice_ceil(1.1 * max(peak, float(np.minimum(np.max(run["densities"], axis=1),
                                                         2.5 * peak).max())))
        hist = ax.stairs(hist_density(run["samples"][0], edges), edges, fill=True, alpha=0.45,
                         color=NOISE_COLORS["with"], label="chains")
        (curve,) = ax.plot(grid, run["densities"][0], label=FP_LABEL)
        (pinf,) = ax.plot(grid, run["stationary"], label=PINF_LABEL)
        style_fokker_planck_curves({FP_LABEL: curve, PINF_LABEL: pinf})
        n = min(n_dots, run["samples"].shape[1])
        heights = particle_heights(n, top)
        dots = ax.scatter(run["samples"][0, :n], heights, marker=DOT, s=8, lw=0, alpha=0.7,
                          color=NOISE_COLORS["with"], zorder=4)
        ax.axhline(0.0, color="0.3", lw=0.8)
        ax.set(xlim=(grid[0], grid[-1]), ylim=(-0.12 * top, top), xlabel="$x$")
        label = ax.set_title("")
        artists.append((run, edges, hist, curve, dots, heights, label, title))
    axes[0][0].set_ylabel("density")
    fig.legend(handles=[artists[0][2], artists[0][3], pinf], loc="outside upper center",
               ncols=3, frameon=False, handlelength=1.4, columnspacing=1.0)

    def frame(k):
        out = []
        for run, edges, hist, curve, dots, heights, label, title in artists:
            x = run["samples"][k]
            hist.set_data(values=hist_density(x, edges))
            curve.set_ydata(run["densities"][k])
            dots.set_offsets(np.column_stack([x[:heights.size], heights]))
            label.set_text(f"{title}, $t$ = {run['times'][k]:.2f}")
            out += [hist, curve, dots, label]
        return out

    frame(0)
    n_frames = len(next(iter(panels.values()))["times"])
    return FuncAnimation(fig, frame, frames=n_frames, interval=interval, blit=False)
