"""Densities and histograms: samples against exact densities, p and its score, p^(1/T).

The densities come from the package (:func:`langevin.boltzmann_density`,
:func:`langevin.local_minima`); nothing here computes physics.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..potentials import local_minima
from ..references import boltzmann_density
from .style import NOISE_COLORS, View, _as_1d, new_axes, new_figure, nice_ceil

__all__ = ["hist_density", "draw_histogram", "HistogramView", "draw_density_strip",
           "draw_density_and_score", "draw_boltzmann_densities", "draw_histogram_panels",
           "draw_histogram_grid"]


def hist_density(samples, edges) -> np.ndarray:
    """Histogram as a density, normalised by ALL samples (those outside ``edges`` count too).

    Examples
    --------
    >>> hist_density([0.1, 0.2, 5.0], [0.0, 0.5, 1.0]).tolist()
    [1.3333333333333333, 0.0]
    """
    x = _as_1d(samples)
    counts, _ = np.histogram(x, edges)
    return counts / (max(x.size, 1) * np.diff(np.asarray(edges, dtype=float)))


class HistogramView(View):
    """A histogram of samples with reference curves (see :func:`draw_histogram`)."""

    def __init__(self, ax, samples, *, edges, potential, temperature, densities, color, label,
                 headroom):
        self.axes = [ax]
        self.edges = edges
        self.headroom = headroom
        self.potential = potential
        self.grid = np.linspace(edges[0], edges[-1], 600)
        self.hist = ax.stairs(np.zeros(len(edges) - 1), edges, fill=True, color=color,
                              alpha=0.45, label=label)
        self.curves = {}
        self.minima = []
        if potential is not None:
            (self.curves["$e^{-U/T}/Z$"],) = ax.plot(self.grid, 0 * self.grid, color="k",
                                                     lw=1.6, label=r"$e^{-U/T}/Z$")
            # a pool of dotted lines, placed at the minima of the current potential
            self.minima = [ax.axvline(0.0, color="k", lw=1.6, ls=":", visible=False)
                           for _ in range(4)]
        for i, (lab, (x, p)) in enumerate((densities or {}).items()):
            (self.curves[lab],) = ax.plot(x, p, lw=2, color=f"C{i}", label=lab)
        self.title = ax.set_title("")
        self.changing = [self.hist, *self.curves.values(), *self.minima, self.title]
        ax.set_xlim(edges[0], edges[-1])
        ax.set_xlabel("$x$")
        ax.set_ylabel("density")
        self.update(samples, temperature=temperature, densities=densities)

    def update(self, samples, *, temperature: float | None = None, potential=None,
               densities=None, title: str | None = None, **_) -> None:
        """New samples; optionally a new temperature or potential (Boltzmann curve and minima)
        or new data for the named ``densities`` curves. ``temperature=0``: no density, the
        minima of U are marked instead (where noise-free chains stop)."""
        ax = self.axes[0]
        if title is not None:
            self.title.set_text(title)
        if potential is not None:
            self.potential = potential
        values = hist_density(samples, self.edges)
        self.hist.set_data(values=values)
        top = [values.max(initial=0.0)]
        if self.potential is not None and temperature is not None:
            curve = self.curves["$e^{-U/T}/Z$"]
            hot = temperature > 0
            curve.set_visible(hot)
            mins = local_minima(self.potential, self.grid)
            for i, line in enumerate(self.minima):
                line.set_visible(not hot and i < len(mins))
                if i < len(mins):
                    line.set_xdata([mins[i], mins[i]])
            if hot:
                curve.set_ydata(boltzmann_density(self.potential, self.grid, temperature))
        for lab, (x, p) in (densities or {}).items():
            self.curves[lab].set_data(x, p)
        top += [np.max(c.get_ydata(), initial=0.0) for c in self.curves.values()
                if c.get_visible()]
        ax.set_ylim(0.0, nice_ceil(self.headroom * max(max(top), 1e-9)))


def draw_histogram(samples, *, bins=81, xlim=(-5.0, 5.0), potential=None,
                   temperature: float = 1.0, densities=None, ax=None, color=None,
                   label: str = "samples", legend: bool = True, legend_loc: str = "upper left",
                   headroom: float = 1.3, title: str | None = None) -> HistogramView:
    r"""Histogram of 1-D samples (as a density) against exact densities.

    Parameters
    ----------
    samples : array_like, shape ``(n,)`` or ``(n, 1)``
    bins : int or array_like
        The number of bins over ``xlim``, or the bin edges.
    xlim : (float, float)
    potential : 1-D potential, optional
        Draws its Boltzmann density :math:`e^{-U/T}/Z` at ``temperature``; at
        ``temperature=0`` dotted lines at its minima instead.
    temperature : float >= 0
    densities : dict label -> (x, p), optional
        Further curves (e.g. ULA's own stationary law).
    ax : Axes, optional; color : histogram colour (default: "with noise"); label : str
    legend : bool; legend_loc : str
    headroom : float
        The y axis goes to ``headroom`` × the highest bar or curve (room for the legend).
    title : str, optional

    Returns
    -------
    HistogramView
        ``.hist`` (StepPatch, values = density per bin), ``.curves`` (label -> Line2D),
        ``.minima``, ``.title``; ``.update(samples, temperature=, potential=, densities=,
        title=)``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> s = np.random.default_rng(0).standard_normal((1000, 1))
    >>> view = draw_histogram(s, potential=Gaussian(0.0, 1.0), bins=41)
    >>> values, edges, _ = view.hist.get_data()
    >>> len(values), round(float(np.sum(values * np.diff(edges))), 6)
    (41, 1.0)
    """
    ax = new_axes(ax)
    edges = (np.linspace(*xlim, int(bins) + 1) if np.ndim(bins) == 0
             else np.asarray(bins, dtype=float))
    color = NOISE_COLORS["with"] if color is None else color
    view = HistogramView(ax, samples, edges=edges, potential=potential, temperature=temperature,
                         densities=densities, color=color, label=label, headroom=headroom)
    if title is not None:
        view.title.set_text(title)
    if legend:
        ax.legend(loc=legend_loc, ncols=2 if len(view.curves) < 2 else 1, frameon=False,
                  handlelength=1.2, columnspacing=1.0)
    return view


class _StaticView(View):
    """A view whose ``update`` redraws by calling its ``draw`` again on the same axes."""

    def __init__(self, axes, draw, *args, **kwargs):
        self.axes = list(axes)
        self._draw = draw
        self.changing = []
        self.update(*args, **kwargs)

    def update(self, *args, **kwargs) -> None:
        """Redraw with new data (these figures are static in the book: built once or twice)."""
        for ax in self.axes:
            ax.clear()
        self.artists = self._draw(self.axes, *args, **kwargs)


def _strip(axes, potential, ylim, temperature):
    strip = axes[0]
    y = np.linspace(*ylim, 400)
    p = boltzmann_density(potential, y, temperature)
    strip.fill_betweenx(y, 0, p, color="0.82")
    (curve,) = strip.plot(p, y, color="0.2", lw=1.2)
    strip.set_xlim(0, 1.15 * p.max())
    strip.set_ylim(*ylim)
    strip.set_xticks([])
    strip.tick_params(labelleft=False)
    strip.set_xlabel("$p(x)$")
    return {"curve": curve}


def draw_density_strip(potential, ax, strip, *, ylim=(-5.0, 5.0), temperature: float = 1.0):
    """p(x) drawn sideways on ``strip``, a narrow axes beside ``ax`` sharing its y axis.

    Returns
    -------
    View
        ``.artists["curve"]``; ``.update(potential, ylim, temperature)``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> fig, (ax, strip) = plt.subplots(1, 2)
    >>> len(draw_density_strip(Gaussian(0.0, 1.0), ax, strip).artists["curve"].get_xdata())
    400
    >>> plt.close("all")
    """
    strip.sharey(ax)
    return _StaticView([strip], _strip, potential, ylim, temperature)


def _density_and_score(axes, potential, xlim, marks):
    grid = np.linspace(*xlim, 600)
    p = boltzmann_density(potential, grid)
    s = potential.score(grid[:, None])[:, 0]
    blue = NOISE_COLORS["without"]
    (dl,) = axes[0].plot(grid, p, color="k", lw=1.6)
    axes[0].fill_between(grid, p, color="0.88")
    if marks is not None:
        m = np.asarray(marks, dtype=float)
        pm, sm = np.interp(m, grid, p), potential.score(m[:, None])[:, 0]
        axes[0].quiver(m, pm, 0.4 * sm, np.zeros_like(sm), color=blue, angles="xy",
                       scale_units="xy", scale=1.0, width=0.006)
        axes[0].plot(m, pm, "o", color=blue, ms=5)
    axes[0].set(xlabel="$x$", ylabel="$p(x)$", title="the density (arrows: the score)")
    (sl,) = axes[1].plot(grid, s, color=blue, lw=1.6)
    axes[1].axhline(0.0, color="0.4", lw=0.8)
    axes[1].set(xlabel="$x$", ylabel=r"$\nabla \log p(x)$", title="the score")
    for ax in axes:
        ax.set_xlim(*xlim)
    return {"density": dl, "score": sl}


def draw_density_and_score(potential, *, axes=None, xlim=(-5.0, 5.0), marks=None,
                           figsize=(7.0, 2.9)):
    r"""Two panels: the density :math:`p(x)` and its score :math:`\nabla\log p(x)` (1-D).

    ``marks``: points marked on the density with arrows proportional to the score there;
    ``figsize`` is used when ``axes`` is None.

    Returns
    -------
    View
        ``.artists["density"]``, ``.artists["score"]`` (Line2D); ``.update(potential, xlim,
        marks)``.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> view = draw_density_and_score(GaussianMixture.default(), marks=[-1.0, 1.0])
    >>> len(view.artists["score"].get_ydata())
    600
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = new_figure(figsize, 2)
    return _StaticView(axes, _density_and_score, potential, xlim, marks)


def _boltzmann_densities(axes, potential, temperatures, xlim, cmap):
    ax = axes[0]
    grid = np.linspace(*xlim, 800)
    colors = plt.get_cmap(cmap)(np.linspace(0.0, 0.85, len(temperatures)))
    lines = [ax.plot(grid, boltzmann_density(potential, grid, t), color=c, lw=1.6,
                     label=f"$T = {t:g}$")[0] for t, c in zip(temperatures, colors)]
    ax.set(xlim=xlim, xlabel="$x$", ylabel=r"$p_T(x) = e^{-U(x)/T}/Z_T$")
    ax.legend(frameon=False)
    return {"lines": lines}


def draw_boltzmann_densities(potential, temperatures, *, ax=None, xlim=(-2.5, 2.5),
                             cmap: str = "plasma"):
    r"""Boltzmann densities :math:`e^{-U/T}/Z` of a 1-D potential at several temperatures.

    Returns
    -------
    View
        ``.artists["lines"]`` (one Line2D per temperature); ``.update(potential,
        temperatures, xlim, cmap)``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> view = draw_boltzmann_densities(DoubleWell(), [0.5, 1.0])
    >>> len(view.artists["lines"]), len(view.artists["lines"][0].get_ydata())
    (2, 800)
    >>> plt.close("all")
    """
    return _StaticView([new_axes(ax)], _boltzmann_densities, potential, temperatures, xlim,
                       cmap)


class HistogramPanelsView(View):
    """Side-by-side histograms sharing the y axis (see :func:`draw_histogram_panels`)."""

    def __init__(self, axes, panels, *, bins, densities, legend_loc):
        self.axes = list(axes)
        self.panels = []
        for i, (ax, (title, samples)) in enumerate(zip(axes, panels.items())):
            self.panels.append(draw_histogram(samples, bins=bins, densities=densities, ax=ax,
                                              color="0.5", legend_loc=legend_loc,
                                              headroom=1.45))
            ax.set_title(title)
            if i:
                ax.set_ylabel("")
        self.changing = [a for p in self.panels for a in p.changing]

    def update(self, panels, densities=None) -> None:
        """New samples for each panel (same titles, in order)."""
        for view, samples in zip(self.panels, panels.values()):
            view.update(samples, densities=densities)


def draw_histogram_panels(panels, *, bins, densities=None, figsize=(8.0, 3.2),
                          legend_loc="upper left") -> HistogramPanelsView:
    """:func:`draw_histogram` panels side by side, sharing the y axis.

    Parameters
    ----------
    panels : dict title -> samples
    bins : array_like (edges, the same for every panel)
    densities : dict label -> (x, p), optional (on every panel)
    figsize : (float, float); legend_loc : str

    Examples
    --------
    >>> s = np.random.default_rng(0).standard_normal(200)
    >>> view = draw_histogram_panels({"a": s, "b": s + 1.0}, bins=np.linspace(-4, 5, 19))
    >>> [ax.get_title() for ax in view.axes]
    ['a', 'b']
    >>> plt.close("all")
    """
    fig, axes = new_figure(figsize, len(panels), sharey=True, squeeze=False)
    fig.get_layout_engine().set(wspace=0.06)
    return HistogramPanelsView(axes[0], panels, bins=bins, densities=densities,
                               legend_loc=legend_loc)


class HistogramGridView(View):
    """Small multiples: one row of histograms per run, one column per step (see
    :func:`draw_histogram_grid`)."""

    def __init__(self, axes, rows, steps, *, potential, temperature, bins, xlim, ylim, follow,
                 colors):
        self.axes = list(np.ravel(axes))
        self.ylim, self.follow = ylim, follow
        self.panels, self.marks = [], []
        for i, (label, snaps) in enumerate(rows.items()):
            for j, step in enumerate(steps):
                ax = axes[i][j]
                self.panels.append(draw_histogram(
                    snaps[j], bins=bins, xlim=xlim, potential=potential, ax=ax, legend=False,
                    temperature=temperature, color=colors[i % len(colors)], label=label))
                ax.set(title=f"step {step}" if i == 0 else "",
                       xlabel="$x$" if i == len(rows) - 1 else "",
                       ylabel=label if j == 0 else "")
                if follow is not None:   # one chain, as a triangle on the x axis
                    self.marks.append(ax.plot([], [], "^", color="k", ms=8, clip_on=False,
                                              transform=ax.get_xaxis_transform())[0])
        self.changing = [a for p in self.panels for a in p.changing] + self.marks
        self.update(rows)

    def update(self, rows, **_) -> None:
        """New snapshots: ``rows`` as in :func:`draw_histogram_grid` (same labels and steps)."""
        snaps = [s for r in rows.values() for s in r]
        for k, (view, s) in enumerate(zip(self.panels, snaps)):
            view.update(s)
            view.axes[0].set_ylim(*self.ylim)
            if self.marks:
                self.marks[k].set_data([_as_1d(s)[self.follow]], [0.0])


def draw_histogram_grid(rows, steps, *, potential=None, temperature: float = 1.0, bins=41,
                        xlim=(-5.0, 5.0), ylim=(0.0, 0.45), follow: int | None = None,
                        colors=None, figsize=(7.0, 3.6)) -> HistogramGridView:
    r"""Small multiples of histograms: the states of many chains at several steps, per run.

    One row per run (e.g. without and with noise), one column per step, every panel on the
    same axes and against the same density, so the eye reads the change along a row. Bars
    taller than ``ylim`` are cut off at the top (chains piling up on a point).

    Parameters
    ----------
    rows : dict label -> array_like, shape ``(len(steps), n_chains)`` or
        ``(len(steps), n_chains, 1)``
        The label is written beside the row; e.g. ``simulate(..., keep=k)[steps // k]``.
    steps : sequence of int
        The step of each column (its title).
    potential : 1-D potential, optional
        Its density :math:`e^{-U/T}/Z` is drawn in every panel.
    temperature : float > 0
    bins : int or array_like; xlim, ylim : (float, float), the same for every panel
    follow : int, optional
        Mark chain ``follow``'s position in every panel with a triangle on the x axis.
    colors : list of colours, one per row (default: without/with noise)
    figsize : (float, float)

    Returns
    -------
    HistogramGridView
        ``.panels`` (``HistogramView``, row by row), ``.marks``; ``.update(rows)``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> rows = {"a": rng.standard_normal((3, 500)), "b": rng.standard_normal((3, 500))}
    >>> view = draw_histogram_grid(rows, [0, 5, 20], follow=0)
    >>> len(view.panels), [ax.get_title() for ax in view.axes[:3]]
    (6, ['step 0', 'step 5', 'step 20'])
    >>> view.update({k: v + 1.0 for k, v in rows.items()})
    >>> float(view.marks[0].get_xdata()[0]) == float(rows["a"][0, 0] + 1.0)
    True
    >>> plt.close("all")
    """
    colors = colors or [NOISE_COLORS["without"], NOISE_COLORS["with"]]
    fig, axes = plt.subplots(len(rows), len(steps), figsize=figsize, sharex=True, sharey=True,
                             squeeze=False, layout="constrained")
    fig.get_layout_engine().set(wspace=0.02, hspace=0.02)
    axes[0][0].xaxis.set_major_locator(MaxNLocator(3, steps=[1, 2, 4, 5, 10]))  # shared x
    view = HistogramGridView(axes, rows, list(steps), potential=potential,
                             temperature=temperature, bins=bins, xlim=xlim, ylim=ylim,
                             follow=follow, colors=colors)
    if potential is not None:
        fig.legend(handles=[view.panels[0].curves["$e^{-U/T}/Z$"]], labels=["$p(x)$"],
                   loc="outside upper right", frameon=False)
    return view
