"""Paths: chains against step or time (1-D), paths in the plane (2-D), and the chapters'
figures made of them (chapter 1's with/without noise, chapter 5's under/overdamped).
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from .densities import draw_density_strip
from .style import DOT, NOISE_COLORS, View, new_axes, new_figure, nice_ceil

__all__ = ["draw_paths", "PathsView", "draw_paths_2d", "SCORE_WIDTHS", "draw_score_sampling",
           "draw_langevin_comparison"]


def _segments(t, paths):
    """``(n_paths, n_times, 2)`` segments of ``x_i(t)`` for a LineCollection."""
    p = np.asarray(paths, dtype=float)
    p = p.reshape(p.shape[0], -1)
    t = np.arange(p.shape[0], dtype=float) if t is None else np.asarray(t, dtype=float)
    return np.stack([np.broadcast_to(t[:, None], p.shape), p], axis=-1).transpose(1, 0, 2)


class PathsView(View):
    """Chains :math:`x_i(t)` as one LineCollection (see :func:`draw_paths`)."""

    def __init__(self, ax, paths, t, *, color, alpha, lw, ends, highlight, label):
        self.axes = [ax]
        self.highlight = highlight
        faded = alpha if highlight is None else 0.25 * alpha
        self.lines = LineCollection([], colors=color, alpha=faded, linewidths=lw, label=label)
        ax.add_collection(self.lines)
        self.changing = [self.lines]
        self.bold = self.ends = None
        if highlight is not None:
            (self.bold,) = ax.plot([], [], color=color, lw=2.2 * lw, zorder=3)
            self.changing.append(self.bold)
        if ends:
            self.ends = ax.scatter([], [], marker=DOT, s=16, color=color, zorder=4)
            self.changing.append(self.ends)
        self.update(paths, t)

    def update(self, paths, t=None) -> None:
        """New chains (the numbers of steps and chains may change)."""
        segs = _segments(t, paths)
        self.lines.set_segments(segs)
        if self.bold is not None:
            self.bold.set_data(segs[self.highlight, :, 0], segs[self.highlight, :, 1])
        if self.ends is not None:
            self.ends.set_offsets(segs[:, -1, :])
        t0, t1 = float(segs[0, 0, 0]), float(segs[0, -1, 0])
        # the range rounded up (1, 1.2, 1.5, 2, 2.5, ... × 10ᵏ): nearby run lengths share axes
        self.axes[0].set_xlim(t0, t0 + nice_ceil(max(t1 - t0, 1e-9)))


def draw_paths(paths, t=None, *, ax=None, color=None, alpha: float = 0.6, lw: float = 1.0,
               ends: bool = False, highlight: int | None = None, modes=None, ylim=None,
               label=None, xlabel=None, ylabel="position $x$", title=None) -> PathsView:
    """Many 1-D chains against the step (``t=None``) or against time ``t``.

    Parameters
    ----------
    paths : array_like, shape ``(n_times, n_paths)`` or ``(n_times, n_paths, 1)``
        E.g. a trajectory from :func:`langevin.simulate`.
    t : array_like, shape ``(n_times,)``, optional
        Times; default the step numbers 0, 1, 2, ...
    ax : Axes, optional
    color, alpha, lw, label : line style (default colour: "with noise")
    ends : bool
        Dots at the last states.
    highlight : int, optional
        Draw this chain bold and fade the others (follow one chain by eye).
    modes : sequence of float, optional
        Dashed horizontal lines (e.g. the local maxima of p).
    ylim : (float, float), optional; xlabel, ylabel, title : str

    Returns
    -------
    PathsView
        ``.lines`` (LineCollection, segments ``(n_paths, n_times, 2)``), ``.bold``,
        ``.ends``; ``.update(paths, t=None)``.

    Examples
    --------
    >>> view = draw_paths(np.zeros((11, 3, 1)), ends=True)
    >>> view.update(np.ones((6, 2, 1)))
    >>> len(view.lines.get_segments()), [float(v) for v in view.axes[0].get_xlim()]
    (2, [0.0, 5.0])
    >>> view.update(np.ones((8, 2, 1)))   # 7 steps: the axis rounds up to 8
    >>> [float(v) for v in view.axes[0].get_xlim()]
    [0.0, 8.0]
    """
    ax = new_axes(ax)
    color = NOISE_COLORS["with"] if color is None else color
    for m in modes if modes is not None else ():
        ax.axhline(m, color="0.3", lw=0.8, ls="--", zorder=1)
    view = PathsView(ax, paths, t, color=color, alpha=alpha, lw=lw, ends=ends,
                     highlight=highlight, label=label)
    if ylim is not None:
        ax.set_ylim(*ylim)
    else:
        ax.autoscale_view(scalex=False)
    ax.set_xlabel(xlabel or ("step $n$" if t is None else "time $t$"))
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return view


class Paths2DView(View):
    """Paths in the plane (see :func:`draw_paths_2d`)."""

    def __init__(self, ax, paths, *, color, lw, label):
        self.axes = [ax]
        self.lines = LineCollection([], colors=color, linewidths=lw, alpha=0.85, label=label,
                                    zorder=3)
        ax.add_collection(self.lines)
        self.start = ax.scatter([], [], marker=DOT, s=50, facecolor="white", edgecolor="k",
                                zorder=4)
        self.ends = ax.scatter([], [], marker=DOT, s=22, color=color, edgecolor="k", linewidths=0.5,
                               zorder=5)
        self.changing = [self.lines, self.start, self.ends]
        self.update(paths)

    def update(self, paths, visible: bool = True) -> None:
        """New paths, shape ``(n_steps + 1, n_particles, 2)``; ``visible=False`` hides them."""
        p = np.asarray(paths, dtype=float)
        self.lines.set_segments(p.transpose(1, 0, 2))
        self.start.set_offsets(p[0])
        self.ends.set_offsets(p[-1])
        for a in self.changing:
            a.set_visible(visible)


def draw_paths_2d(paths, *, ax=None, color=None, lw: float = 1.2, label=None) -> Paths2DView:
    """2-D particle paths: lines, a white start marker and coloured end dots.

    Parameters
    ----------
    paths : array_like, shape ``(n_steps + 1, n_particles, 2)``
    ax : Axes, optional; color, lw, label : line style

    Returns
    -------
    Paths2DView
        ``.lines``, ``.start``, ``.ends``; ``.update(paths, visible=True)``.

    Examples
    --------
    >>> view = draw_paths_2d(np.zeros((5, 3, 2)))
    >>> view.update(np.ones((4, 2, 2)))
    >>> view.ends.get_offsets().tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    ax = new_axes(ax)
    color = NOISE_COLORS["with"] if color is None else color
    return Paths2DView(ax, paths, color=color, lw=lw, label=label)


#: Width ratios of chapter 1's four panels (paths, density strip, paths, strip).
SCORE_WIDTHS = (1.0, 0.14, 1.0, 0.14)


def _noise_title(temperature: float) -> str:
    return (f"with noise ($T = {temperature:g}$)" if temperature > 0
            else "noise off ($T = 0$): same as the left")


class ScoreSamplingView(View):
    """Chapter 1's two panels (see :func:`draw_score_sampling`)."""

    def __init__(self, potential, traj_without, traj_with, axes, *, modes, ylim, temperature,
                 highlight):
        self.axes = list(axes)
        self.without = draw_paths(traj_without, ax=axes[0], color=NOISE_COLORS["without"],
                                  modes=modes, ylim=ylim, ends=True, highlight=highlight)
        self.with_ = draw_paths(traj_with, ax=axes[2], color=NOISE_COLORS["with"], modes=modes,
                                ylim=ylim, ends=True, highlight=highlight)
        axes[2].set_ylabel("")
        for ax, strip in ((axes[0], axes[1]), (axes[2], axes[3])):
            draw_density_strip(potential, ax, strip, ylim=ylim)
        axes[0].set_title("without noise ($T = 0$)")
        self.title = axes[2].set_title(_noise_title(temperature))
        self.changing = self.without.changing + self.with_.changing + [self.title]

    def update(self, traj_without, traj_with, temperature: float = 1.0, **_) -> None:
        """New runs (and the temperature of the right panel, shown in its title)."""
        self.without.update(traj_without)
        self.with_.update(traj_with)
        self.title.set_text(_noise_title(temperature))


def draw_score_sampling(potential, traj_without, traj_with, *, axes=None, modes=None,
                        ylim=(-5.0, 5.0), temperature: float = 1.0,
                        highlight: int | None = None,
                        figsize=(7.0, 3.2)) -> ScoreSamplingView:
    """Chapter 1: the same chains without noise (left) and with noise (right), p(x) beside each.

    Parameters
    ----------
    potential : 1-D potential (its density is drawn sideways beside each panel)
    traj_without, traj_with : array_like, shape ``(n_steps + 1, n_particles, 1)``
    axes : four Axes, optional
        Paths, strip, paths, strip (width ratios :data:`SCORE_WIDTHS`).
    modes : sequence of float, optional; dashed lines at the local maxima of p
    ylim : (float, float)
    temperature : float (of the right panel, in its title)
    highlight : int, optional; one chain drawn bold in both panels (the others faded)
    figsize : (float, float), used when ``axes`` is None

    Returns
    -------
    ScoreSamplingView
        ``.without``, ``.with_`` (``PathsView``); ``.update(traj_without, traj_with,
        temperature)``.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> view = draw_score_sampling(GaussianMixture.default(), np.zeros((6, 4, 1)),
    ...                            np.ones((6, 4, 1)))
    >>> len(view.with_.lines.get_segments())
    4
    """
    if axes is None:
        _, axes = new_figure(figsize, 4, gridspec_kw={"width_ratios": SCORE_WIDTHS})
    return ScoreSamplingView(potential, traj_without, traj_with, axes, modes=modes, ylim=ylim,
                             temperature=temperature, highlight=highlight)


def _comparison_titles(friction, temperature):
    return (f"underdamped, $\\gamma$ = {friction:.3g}, T = {temperature:.2g}",
            f"overdamped, $\\tau = h/\\gamma$, T = {temperature:.2g}")


class LangevinComparisonView(View):
    """Chapter 5's two panels (see :func:`draw_langevin_comparison`)."""

    def __init__(self, t, underdamped, overdamped, axes, *, friction, temperature, ylim,
                 highlight=None):
        self.axes = list(axes)
        self.under = draw_paths(underdamped, t, ax=axes[0], color=NOISE_COLORS["without"],
                                alpha=0.5, ylim=ylim, highlight=highlight)
        self.over = draw_paths(overdamped, t, ax=axes[1], color=NOISE_COLORS["with"],
                               alpha=0.5, ylim=ylim, ylabel="", highlight=highlight)
        for ax in axes:
            ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
        self.titles = [ax.set_title(s) for ax, s in
                       zip(axes, _comparison_titles(friction, temperature))]
        self.changing = self.under.changing + self.over.changing + self.titles

    def update(self, t, underdamped, overdamped, *, friction, temperature, **_) -> None:
        """New runs over times ``t`` (and the titles' γ and T)."""
        self.under.update(underdamped, t)
        self.over.update(overdamped, t)
        for title, s in zip(self.titles, _comparison_titles(friction, temperature)):
            title.set_text(s)


def draw_langevin_comparison(t, underdamped, overdamped, *, friction, temperature, axes=None,
                             ylim=(-2.2, 2.2), highlight: int | None = None,
                             figsize=(7.0, 3.2)) -> LangevinComparisonView:
    r"""Chapter 5: underdamped (BAOAB) paths and overdamped paths over the same time.

    Parameters
    ----------
    t : array_like, shape ``(n_times,)``
        Physical time :math:`t = n h`.
    underdamped, overdamped : array_like, shape ``(n_times, n_paths[, 1])``
    friction, temperature : float (shown in the titles)
    axes : pair of Axes, optional; ylim : (float, float)
    highlight : int, optional
        Draw this path bold in both panels and fade the others: one overdamped path can be
        followed by eye where many overlap (at small γ they fill the panel).
    figsize : (float, float), used when ``axes`` is None

    Returns
    -------
    LangevinComparisonView
        ``.under``, ``.over`` (``PathsView``), ``.titles``; ``.update(t, underdamped,
        overdamped, friction=, temperature=)``.

    Examples
    --------
    >>> t = np.linspace(0.0, 1.0, 11)
    >>> view = draw_langevin_comparison(t, np.zeros((11, 3)), np.zeros((11, 3)),
    ...                                 friction=2.0, temperature=1.0)
    >>> view.update(t[:6], np.ones((6, 2)), np.ones((6, 2)), friction=5.0, temperature=0.0)
    >>> len(view.under.lines.get_segments()), [float(v) for v in view.axes[0].get_xlim()]
    (2, [0.0, 0.5])
    """
    if axes is None:
        _, axes = new_figure(figsize, 2, sharey=True)
    return LangevinComparisonView(t, underdamped, overdamped, axes, friction=friction,
                                  temperature=temperature, ylim=ylim, highlight=highlight)
