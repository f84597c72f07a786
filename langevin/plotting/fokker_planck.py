r"""Chapter 6: the Fokker–Planck density drawn over the histogram of many chains.

- :func:`draw_fokker_planck_grid` — small multiples: one row per potential, one column per
  time, each panel the chains' histogram, the density :math:`p(x, t)` and :math:`p_\infty`;
- :func:`draw_relative_entropy` — :math:`\ln \mathrm{KL}(p_t\|p_\infty)` against time beside
  the straight line of slope :math:`-2\lambda_1`;
- :func:`draw_fokker_planck` — the widget's view: chains and density at one time, a strip of
  particles under the histogram, and the relative entropy with the present time marked.

The densities, rates and runs come from :mod:`langevin.experiments.fokker_planck`; nothing
here computes physics.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .densities import draw_histogram, hist_density
from .style import DOT, NOISE_COLORS, View, new_figure, nice_ceil, tidy_ticks

_COARSE = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0)

__all__ = ["FP_LABEL", "PINF_LABEL", "style_fokker_planck_curves", "particle_heights",
           "draw_fokker_planck_grid", "draw_relative_entropy", "draw_fokker_planck"]

FP_LABEL = "Fokker–Planck $p(x,t)$"
PINF_LABEL = r"$p_\infty = e^{-U/T}/Z$"


def style_fokker_planck_curves(curves: dict) -> None:
    """The density :math:`p(x, t)` solid black, :math:`p_\\infty` dashed grey (by label)."""
    if FP_LABEL in curves:
        curves[FP_LABEL].set(color="k", lw=2.0, zorder=3)
    if PINF_LABEL in curves:
        curves[PINF_LABEL].set(color="0.45", lw=1.4, ls="--", zorder=2)


def particle_heights(n: int, top: float) -> np.ndarray:
    """Heights of ``n`` particle dots in a strip just below 0, spread without random numbers
    (the golden-ratio sequence), for a y axis that reaches ``top``.

    Examples
    --------
    >>> h = particle_heights(4, 1.0)
    >>> bool(np.all((h < 0) & (h > -0.12)))
    True
    """
    return -top * (0.015 + 0.085 * ((np.arange(n) * 0.6180339887) % 1.0))


class FokkerPlanckGridView(View):
    """Small multiples of chains against the Fokker–Planck density (see
    :func:`draw_fokker_planck_grid`)."""

    def __init__(self, axes, rows, bins):
        self.axes = list(np.ravel(axes))
        self.panels = []
        for i, (label, run) in enumerate(rows.items()):
            grid = np.asarray(run["grid"])
            edges = _edges(bins, label, grid)
            for j, t in enumerate(run["times"]):
                ax = axes[i][j]
                view = draw_histogram(
                    run["samples"][j], bins=edges, xlim=(grid[0], grid[-1]), ax=ax,
                    legend=False, label="chains", headroom=1.15,
                    densities={FP_LABEL: (grid, run["densities"][j]),
                               PINF_LABEL: (grid, run["stationary"])})
                style_fokker_planck_curves(view.curves)
                ax.set(title=f"$t$ = {t:g}", xlabel="$x$" if i == len(rows) - 1 else "",
                       ylabel=label if j == 0 else "")
                tidy_ticks(ax, 3)
                self.panels.append(view)
        self.changing = [a for p in self.panels for a in p.changing]

    def update(self, rows, **_) -> None:
        """New runs (same labels, same number of times)."""
        k = 0
        for run in rows.values():
            grid = np.asarray(run["grid"])
            for j, t in enumerate(run["times"]):
                self.panels[k].update(run["samples"][j], densities={
                    FP_LABEL: (grid, run["densities"][j]),
                    PINF_LABEL: (grid, run["stationary"])})
                self.panels[k].title.set_text(f"$t$ = {t:g}")
                k += 1


def _edges(bins, label, grid):
    b = bins[label] if isinstance(bins, dict) else bins
    return np.linspace(grid[0], grid[-1], int(b) + 1) if np.ndim(b) == 0 else np.asarray(b)


def draw_fokker_planck_grid(rows, *, bins=50, figsize=(7.0, 4.6)) -> FokkerPlanckGridView:
    r"""Chains against the Fokker–Planck density: one row per run, one column per time.

    Parameters
    ----------
    rows : dict label -> run
        Each run as :func:`langevin.experiments.fokker_planck_runs` returns it: ``samples``
        ``(n_times, n_chains)``, ``grid``, ``densities`` ``(n_times, n_grid)``,
        ``stationary``, ``times``; every run with the same number of times. The label is
        written beside its row.
    bins : int, array_like or dict label -> either
        Histogram bins over each row's grid (a number) or their edges.
    figsize : (float, float)

    Returns
    -------
    FokkerPlanckGridView
        ``.panels`` (``HistogramView``, row by row);
        ``.update(rows)``.

    Examples
    --------
    >>> g = np.linspace(-3, 3, 61)
    >>> run = {"samples": np.zeros((2, 10)), "grid": g, "times": [0.0, 1.0],
    ...        "densities": np.ones((2, 61)) / 6, "stationary": np.ones(61) / 6}
    >>> view = draw_fokker_planck_grid({"a": run, "b": run}, bins=12)
    >>> len(view.panels), view.axes[1].get_title()
    (4, '$t$ = 1')
    >>> plt.close("all")
    """
    n_cols = len(next(iter(rows.values()))["times"])
    fig, axes = plt.subplots(len(rows), n_cols, figsize=figsize, squeeze=False,
                             layout="constrained")
    fig.get_layout_engine().set(wspace=0.02, hspace=0.04)
    view = FokkerPlanckGridView(axes, rows, bins)
    first = view.panels[0]
    fig.legend(handles=[first.hist, first.curves[FP_LABEL], first.curves[PINF_LABEL]],
               labels=["chains (histogram)", FP_LABEL, PINF_LABEL], loc="outside upper center",
               ncols=3, frameon=False, handlelength=1.4, columnspacing=1.0)
    return view


class RelativeEntropyView(View):
    """:math:`\\ln\\mathrm{KL}` curves with their asymptotes (see :func:`draw_relative_entropy`)."""

    def __init__(self, axes, panels):
        self.axes = list(axes)
        self.curves, self.slopes = [], []
        for ax, title in zip(self.axes, panels):
            (curve,) = ax.plot([], [], color="k", lw=2, label=r"$\ln\mathrm{KL}(p_t\|p_\infty)$")
            (slope,) = ax.plot([], [], color=NOISE_COLORS["with"], lw=1.6, ls="--",
                               label=r"slope $-2\lambda_1$")
            ax.set(title=title, xlabel="time $t$")
            self.curves.append(curve)
            self.slopes.append(slope)
        self.axes[0].set_ylabel(r"$\ln \mathrm{KL}(p_t\,\|\,p_\infty)$")
        self.axes[0].legend(frameon=False, loc="upper right")
        self.changing = self.curves + self.slopes
        self.update(panels)

    def update(self, panels) -> None:
        """New ``(times, kl, rate)`` per panel (same titles, in order)."""
        for ax, curve, slope, (t, kl, rate) in zip(self.axes, self.curves, self.slopes,
                                                  panels.values()):
            t, y = np.asarray(t, dtype=float), np.log(np.asarray(kl, dtype=float))
            curve.set_data(t, y)
            half = t >= t[-1] / 2          # the asymptote, through the last point
            slope.set_data(t[half], y[-1] - rate * (t[half] - t[-1]))
            ax.set_xlim(0.0, t[-1])
            ax.set_ylim(np.floor(y.min()) - 1.0, np.ceil(y.max()) + 1.0)


def draw_relative_entropy(panels, *, axes=None, figsize=(7.0, 3.0)) -> RelativeEntropyView:
    r"""The relative entropy against time on a log scale, beside the slope :math:`-2\lambda_1`.

    Parameters
    ----------
    panels : dict title -> (times, kl, rate)
        ``times`` ``(n,)`` increasing from 0, ``kl`` ``(n,)`` > 0, ``rate`` the asymptotic
        decay rate of KL, :math:`2\lambda_1` (drawn as a dashed line through the last point,
        over the second half of the times). One panel per entry, side by side.
    axes : sequence of Axes, optional; figsize : (float, float)

    Returns
    -------
    RelativeEntropyView
        ``.curves``, ``.slopes`` (Line2D per panel); ``.update(panels)``.

    Examples
    --------
    >>> t = np.linspace(0, 4, 41)
    >>> view = draw_relative_entropy({"a": (t, np.exp(-2 * t) + np.exp(-6 * t), 2.0)})
    >>> round(float(np.diff(view.slopes[0].get_ydata())[0]), 6)   # -2 * dt
    -0.2
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = new_figure(figsize, len(panels))
    return RelativeEntropyView(np.atleast_1d(axes), panels)


#: the legend's name for the density (plain text: cheaper to draw than mathtext)
_FP_TEXT = "Fokker–Planck p(x, t)"
#: the fixed range of the ln KL axis (the run cuts KL at 1e-11, ln = -25.3)
_LN_KL_RANGE = (-26.0, 8.0)
#: what the relative-entropy panel says at temperature 0
_COLD_NOTE = ("No noise: no stationary\ndensity, so no relative\nentropy. The drift\n"
              "carries the mass onto\nthe minima, and each\nminimum keeps what\n"
              "started in its basin.")


class FokkerPlanckView(View):
    """The widget's view (see :func:`draw_fokker_planck`)."""

    def __init__(self, axes, data, n_dots):
        self.axes = list(axes)
        left, right = self.axes
        self.n_dots = n_dots
        self.hist = left.stairs(np.zeros(len(data["bins"]) - 1), data["bins"], fill=True,
                                alpha=0.45, color=NOISE_COLORS["with"], label="chains")
        (self.density,) = left.plot([], [], label=FP_LABEL)
        (self.stationary,) = left.plot([], [], label=PINF_LABEL)
        style_fokker_planck_curves({FP_LABEL: self.density, PINF_LABEL: self.stationary})
        self.minima = [left.axvline(0.0, color="k", lw=1.4, ls=":", visible=False)
                       for _ in range(4)]
        self.dots = left.scatter(np.zeros(n_dots), np.zeros(n_dots), marker=DOT, s=9, lw=0,
                                 alpha=0.7, color=NOISE_COLORS["with"], zorder=4)
        left.axhline(0.0, color="0.3", lw=0.8)
        left.set(xlabel="$x$", ylabel="density")
        (self.kl,) = right.plot([], [], color="k", lw=2)
        (self.slope,) = right.plot([], [], color=NOISE_COLORS["with"], lw=1.5, ls="--",
                                   label=r"slope $-2\lambda_1$")
        (self.now,) = right.plot([], [], "o", color=NOISE_COLORS["with"], ms=7)
        right.set(xlabel="time $t$", ylabel=r"$\ln\mathrm{KL}(p_t\|p_\infty)$")
        # one legend for both panels, under them: it is never redrawn with an axes (limits)
        self.legend = left.figure.legend(
            [Patch(color=NOISE_COLORS["with"], alpha=0.45), Line2D([], [], color="k", lw=2.0),
             Line2D([], [], color="0.45", lw=1.4, ls="--"),
             Line2D([], [], color=NOISE_COLORS["with"], lw=1.5, ls="--")],
            ["chains", _FP_TEXT, "p∞ (Boltzmann)", "slope −2λ₁ of ln KL"],
            loc="outside lower center", ncols=4, frameon=False, fontsize=10, handlelength=1.4,
            columnspacing=1.0)
        self._hot = None
        self.note = right.text(0.5, 0.5, "", ha="center", va="center", fontsize=12,
                               transform=right.transAxes, linespacing=1.5)
        self.title = left.set_title("", fontsize=12)
        self.kl_title = right.set_title("", fontsize=12)
        self.stats = left.figure.suptitle(" ", fontsize=12)
        self.changing = [self.hist, self.density, self.stationary, *self.minima, self.dots,
                         self.kl, self.slope, self.now, self.note, self.title, self.kl_title,
                         self.stats]
        self.update(**data)

    def update(self, samples, *, bins, density, stationary, time, kl_times, kl, kl_now,
               kl_rate, minima, title, kl_title, stats, **_) -> None:
        """A new run's dict (:func:`langevin.experiments.fokker_planck_run`)."""
        left, right = self.axes
        x = np.asarray(samples, dtype=float).ravel()
        values = hist_density(x, bins)
        hot = stationary is not None
        self.hist.set_data(values=values, edges=bins)
        self.hist.set_color(NOISE_COLORS["with" if hot else "without"])
        if hot != self._hot:
            self._legends(hot)
        self.density.set_data(*density)
        self.stationary.set_visible(hot)
        top = max(values.max(initial=0.0), 1e-9)
        if hot:   # (without noise the carried density is a spike: the chains set the scale)
            self.stationary.set_data(*stationary)
            top = max(top, np.max(density[1]), np.max(stationary[1]))
        top = nice_ceil(1.2 * top, steps=_COARSE)  # few distinct limits: few axes redraws
        for i, line in enumerate(self.minima):
            line.set_visible(i < len(minima))
            if i < len(minima):
                line.set_xdata([minima[i], minima[i]])
        self.dots.set_offsets(np.column_stack([x[:self.n_dots],
                                               particle_heights(min(self.n_dots, x.size), top)]))
        self.dots.set_color(NOISE_COLORS["with" if hot else "without"])
        left.set_xlim(bins[0], bins[-1])
        left.set_ylim(-0.12 * top, top)
        for artist in (self.kl, self.slope, self.now):
            artist.set_visible(hot)
        self.note.set_text("" if hot else _COLD_NOTE)
        if hot:
            t, y = np.asarray(kl_times), np.log(np.asarray(kl))
            self.kl.set_data(t, y)
            half = t >= t[-1] / 2
            self.slope.set_data(t[half], y[-1] - kl_rate * (t[half] - t[-1]))
            self.now.set_data([time], [np.log(kl_now)])
            right.set_xlim(0.0, nice_ceil(1.04 * t[-1]))  # nearby ranges share axes
            # fixed unless the curve leaves it: a temperature change then redraws one axes only
            right.set_ylim(min(_LN_KL_RANGE[0], np.floor(y.min()) - 1.0),
                           max(_LN_KL_RANGE[1], np.ceil(y.max()) + 1.0))
        self.title.set_text(title)
        self.kl_title.set_text(kl_title)
        self.stats.set_text(stats)

    def _legends(self, hot: bool) -> None:
        """With noise: chains, p(x, t), p_inf, slope; at T = 0: chains and the drift alone."""
        handles, texts = self.legend.legend_handles, self.legend.get_texts()
        handles[0].set_color(NOISE_COLORS["with" if hot else "without"])
        texts[1].set_text(_FP_TEXT if hot else "drift alone (no noise)")
        for artist in (*handles[2:], *texts[2:]):
            artist.set_visible(hot)
        right = self.axes[1]
        right.set_axis_on() if hot else right.set_axis_off()
        self._hot = hot

    def static_key(self):
        """The legends differ with and without noise (a widget then redraws everything)."""
        return self._hot


def draw_fokker_planck(data, *, axes=None, n_dots: int = 150,
                       figsize=(7.0, 3.6)) -> FokkerPlanckView:
    r"""Chains and the Fokker–Planck density at one time (left), the relative entropy (right).

    Left: the histogram of the chains, the density :math:`p(x, t)` (at temperature 0 the start
    density carried by the drift, and the minima of U dotted), :math:`p_\infty`, and the first
    ``n_dots`` chains as dots in a strip below the axis. Right: :math:`\ln\mathrm{KL}(p_t\|
    p_\infty)` against time, its asymptotic slope :math:`-2\lambda_1` and the present time
    (hidden at temperature 0). Above: ``data["stats"]``.

    Parameters
    ----------
    data : dict
        As :func:`langevin.experiments.fokker_planck_run` returns it.
    axes : (Axes, Axes), optional; n_dots : int; figsize : (float, float)

    Returns
    -------
    FokkerPlanckView
        ``.hist``, ``.density``, ``.stationary``, ``.minima``, ``.dots``, ``.kl``, ``.slope``,
        ``.now``, ``.title``, ``.kl_title``, ``.stats``; ``.update(**data)``.

    Examples
    --------
    >>> from langevin.experiments import fokker_planck_run
    >>> view = draw_fokker_planck(fokker_planck_run(n_steps=50, n_chains=300))
    >>> view.kl.get_visible(), len(view.dots.get_offsets())
    (True, 150)
    >>> view.update(**fokker_planck_run(temperature=0.0, n_steps=50, n_chains=300))
    >>> view.kl.get_visible(), sum(m.get_visible() for m in view.minima)
    (False, 2)
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = new_figure(figsize, 2, gridspec_kw={"width_ratios": [1.5, 1.0]})
    return FokkerPlanckView(axes, data, n_dots)
