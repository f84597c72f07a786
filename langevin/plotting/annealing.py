r"""Chapter 9: annealed Langevin dynamics — noised densities, where the chains end, levels.

- :func:`draw_noised_densities` — :math:`p_\sigma` at several noise levels above their scores;
- :func:`draw_samples_2d` — final positions in the plane, the target's centres marked;
- :func:`draw_levels_effect` — the fraction right of 0 against the steps per level, one line
  per number of levels, measured (± SE) and exact;
- :func:`draw_annealing` — the widget's view: the final histogram against :math:`p^{1/T}` and
  the sampler's exact law, and the fraction right of 0 after each level;
- :func:`animate_annealing` — plain and annealed chains through the levels, side by side.

The runs and the exact laws come from :mod:`langevin.experiments.diffusion`; the densities
from :func:`langevin.boltzmann_density`; nothing here computes physics.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.ticker import NullLocator

from ..references import boltzmann_density
from .checks import RunAndCheckView, draw_measured_vs_exact
from .densities import _StaticView, hist_density
from .style import DOT, NOISE_COLORS, View, book_rc, new_axes, new_figure, nice_ceil

__all__ = ["draw_noised_densities", "draw_samples_2d", "draw_levels_effect", "draw_annealing",
           "animate_annealing"]


# ----------------------------------------------------------------------------- static figures
def _noised(axes, potential, sigmas, xlim, data_variance, cmap):
    grid = np.linspace(*xlim, 801)
    colors = plt.get_cmap(cmap)(np.linspace(0.0, 0.85, len(sigmas)))
    dens, scores = [], []
    for s, c in zip(sigmas, colors):
        noised = potential.noised(s)
        label = r"$\sigma = 0$: $p$" if s == 0 else rf"$\sigma = {s:g}$"
        dens.append(axes[0].plot(grid, boltzmann_density(noised, grid), color=c, lw=1.8,
                                 label=label)[0])
        scale = data_variance + s**2
        scores.append(axes[1].plot(grid, scale * noised.score(grid[:, None])[:, 0], color=c,
                                   lw=1.8)[0])
    axes[1].axhline(0.0, color="0.4", lw=0.8)
    var = "1" if data_variance == 1 else f"{data_variance:g}"
    axes[0].set(ylabel=r"$p_\sigma(x)$", xlim=xlim)
    axes[1].set(xlabel="$x$", ylabel=rf"$({var} + \sigma^2)\,\nabla\log p_\sigma$", xlim=xlim)
    axes[0].legend(frameon=False, loc="upper left", fontsize=11)
    return {"densities": dens, "scores": scores}


def draw_noised_densities(potential, sigmas, *, xlim=(-12.0, 12.0), data_variance: float = 1.0,
                          cmap: str = "viridis", axes=None, figsize=(7.0, 5.2)):
    r"""Two panels, one above the other: the noised densities :math:`p_\sigma` (the law of
    :math:`x + \sigma z`, ``potential.noised(σ)``) and their scores times
    :math:`s^2 + \sigma^2` (``data_variance`` :math:`s^2`), so that every level fits one axis:
    where that curve crosses zero with negative slope, :math:`p_\sigma` has a mode.

    Returns
    -------
    View
        ``.artists["densities"]``, ``.artists["scores"]`` (one Line2D per σ);
        ``.update(potential, sigmas, xlim, data_variance, cmap)``.

    Examples
    --------
    >>> from langevin import GaussianMixture
    >>> gm = GaussianMixture([0.8, 0.2], [5.0, -5.0], [1.0, 1.0])
    >>> view = draw_noised_densities(gm, [0.0, 20.0])
    >>> len(view.artists["scores"]), round(float(view.artists["scores"][1].get_ydata()[400]), 2)
    (2, 3.0)
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = plt.subplots(2, 1, figsize=figsize, sharex=True, layout="constrained")
    return _StaticView(axes, _noised, potential, list(sigmas), xlim, data_variance, cmap)


class SamplesView(View):
    """Points in the plane (see :func:`draw_samples_2d`)."""

    def __init__(self, ax, samples, *, centers, lim, color, title, size):
        self.axes = [ax]
        self.points = ax.scatter(*np.asarray(samples)[:, :2].T, marker=DOT, s=size, color=color,
                                 alpha=0.5, linewidths=0)
        if centers is not None:
            c = np.asarray(centers, dtype=float)
            ax.plot(c[:, 0], c[:, 1], "+", color="k", ms=14, mew=2.0)
        ax.set(xlim=lim, ylim=lim, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
        self.title = ax.set_title(title or "")
        self.changing = [self.points, self.title]

    def update(self, samples, *, title: str | None = None, **_) -> None:
        """New points (any number); optionally a new title."""
        self.points.set_offsets(np.asarray(samples)[:, :2])
        if title is not None:
            self.title.set_text(title)


def draw_samples_2d(samples, *, ax=None, centers=None, lim=(-8.0, 8.0), color=None,
                    title: str | None = None, size: float = 5.0) -> SamplesView:
    """Samples in the plane, shape ``(n, 2)``, with the target's centres as black crosses.

    Examples
    --------
    >>> view = draw_samples_2d(np.zeros((4, 2)), centers=[[5, 5], [-5, -5]], title="a")
    >>> view.update(np.ones((3, 2)), title="b")
    >>> view.points.get_offsets().shape, view.title.get_text()
    ((3, 2), 'b')
    >>> plt.close("all")
    """
    color = NOISE_COLORS["with"] if color is None else color
    return SamplesView(new_axes(ax, figsize=(3.5, 3.5)), samples, centers=centers, lim=lim,
                       color=color, title=title, size=size)


def _levels_effect(axes, steps, measured, exact, weight, xlabel):
    ax = axes[0]
    for i, (label, (values, ses)) in enumerate(measured.items()):
        color = f"C{i}"
        ax.errorbar(steps, values, yerr=ses, fmt="o", ms=5, color=color, capsize=3,
                    label=label)
        if label in exact:
            ax.plot(steps, exact[label], color=color, lw=1.4, alpha=0.8)
    if weight is not None:
        ax.axhline(weight, color="k", ls="--", lw=1.2, label=f"weight {weight:g}")
    ax.set_xscale("log")
    ax.set_xticks(steps, [f"{s:g}" for s in steps])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set(xlabel=xlabel, ylabel="fraction with $x > 0$")
    ax.legend(frameon=False, loc="upper left", fontsize=11, ncols=2)
    return {}


def draw_levels_effect(steps, measured, exact=None, *, weight=None, ax=None,
                       xlabel="steps per level"):
    """Measured fractions (markers ± their standard errors) against the steps per level, one
    colour per label (e.g. a number of levels), with the exact values as lines of the same
    colour and the weight dashed.

    Parameters
    ----------
    steps : array_like, shape ``(m,)``
    measured : dict label -> (values, standard errors), each shape ``(m,)``
    exact : dict label -> values, shape ``(m,)``, optional
    weight : float, optional

    Returns
    -------
    View
        ``.update(steps, measured, exact, weight, xlabel)`` redraws.

    Examples
    --------
    >>> view = draw_levels_effect([10, 100], {"2 levels": ([0.5, 0.6], [0.01, 0.01])},
    ...                           {"2 levels": [0.52, 0.61]}, weight=0.8)
    >>> sorted(t.get_text() for t in view.axes[0].get_legend().get_texts())
    ['2 levels', 'weight 0.8']
    >>> plt.close("all")
    """
    return _StaticView([new_axes(ax, figsize=(7.0, 3.8))], _levels_effect, list(steps),
                       dict(measured), dict(exact or {}), weight, xlabel)


# ----------------------------------------------------------------------------- the widget
class AnnealingView(RunAndCheckView):
    """Chapter 9's widget: final positions against the target and the sampler's law (left);
    the fraction right of 0 at the end of each level, against the ULA steps taken (right: the
    same colours for :math:`p^{1/T}` and the law, red dots for the chains)."""

    headroom, hist_label = 1.5, "chains"

    def draw_check(self, ax, data) -> View:
        self.frac = draw_measured_vs_exact(
            data["steps"], {"chains": data["fractions"]}, data["references"], ax=ax,
            xlabel="ULA steps (dots: chains)", ylabel="fraction with $x > 0$",
            legend=False)                           # the curves' colours: the left legend
        self.frac["chains"].set_clip_on(False)      # the first and last dots sit on the edges
        ax.set_ylim(0.4, 1.02)
        return self.frac

    def update(self, *, samples, densities, steps, fractions, references, title, **_) -> None:
        """New run (the keys of :func:`langevin.experiments.annealed_run`)."""
        self.hist.update(samples, densities=densities)
        self.frac.update({"chains": (steps, fractions), **references})
        self.axes[1].set_xlim(0, nice_ceil(max(steps[-1], 1)))  # nearby run lengths share axes
        self.title.set_text(title)


def draw_annealing(data, *, axes=None) -> AnnealingView:
    """Chapter 9's widget figure from :func:`langevin.experiments.annealed_run`'s dict.

    Examples
    --------
    >>> from langevin.experiments import annealed_run
    >>> view = draw_annealing(annealed_run(n_levels=3, n_steps=10, n_particles=200))
    >>> len(view.frac["chains"].get_xdata())
    4
    >>> plt.close("all")
    """
    if axes is None:
        _, axes = new_figure((7.0, 3.8), 2)
    return AnnealingView(axes, data)


# ----------------------------------------------------------------------------- animation
def animate_annealing(snapshots, *, frames=None, bins=None, xlim=(-12.0, 12.0),
                      interval: int = 250, dpi: int = 110, figsize=(7.0, 3.3),
                      titles=("plain Langevin", "annealed")):
    r"""Plain and annealed chains side by side, frame by frame: the histogram of the positions
    over the target :math:`p` (grey) and, for the annealed run, the current :math:`p_\sigma`
    (red); the fraction right of 0 written in each panel.

    Parameters
    ----------
    snapshots : dict
        :func:`langevin.experiments.annealing_snapshots`'s dict.
    frames : sequence of int, optional
        The snapshots to show, in order (default: all).
    bins : array_like, optional (edges; default 61 over ``xlim``)
    xlim, interval (ms per frame), dpi, figsize, titles

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Plays offline through :func:`langevin.plotting.animation_html` (frames embedded).

    Examples
    --------
    >>> grid = np.linspace(-12, 12, 5)
    >>> snaps = {"steps": np.array([0, 10]), "sigma": np.array([20.0, 1.0]),
    ...          "annealed": np.zeros((2, 3)), "plain": np.ones((2, 3)), "grid": grid,
    ...          "densities": np.ones((2, 5)) / 24, "target": np.ones(5) / 24}
    >>> anim = animate_annealing(snaps, frames=[0, 1], dpi=20)
    >>> anim._func(1)[-1].get_text()
    'step 10 — annealed level σ = 1'
    >>> from langevin.plotting import animation_html
    >>> "<img" in animation_html(anim)
    True
    """
    edges = np.linspace(*xlim, 62) if bins is None else np.asarray(bins, dtype=float)
    grid, target = snapshots["grid"], snapshots["target"]
    with book_rc():
        fig, axes = plt.subplots(1, 2, figsize=figsize, dpi=dpi, sharey=True,
                                 layout="constrained")
    runs = [snapshots["plain"], snapshots["annealed"]]
    colors = [NOISE_COLORS["without"], NOISE_COLORS["with"]]
    top = 1.15 * max(float(target.max()), max(hist_density(r[-1], edges).max() for r in runs))
    bars, texts = [], []
    for ax, run, color, title in zip(axes, runs, colors, titles):
        ax.plot(grid, target, color="0.35", lw=1.4, label="$p$")
        bars.append(ax.stairs(hist_density(run[0], edges), edges, fill=True, color=color,
                              alpha=0.5))
        texts.append(ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top", fontsize=12))
        ax.set(xlim=xlim, ylim=(0.0, top), xlabel="$x$", title=title)
    (noised,) = axes[1].plot(grid, snapshots["densities"][0], color=NOISE_COLORS["with"], lw=1.8,
                             label=r"$p_\sigma$")
    axes[0].set_ylabel("density")
    axes[1].legend(frameon=False, loc="upper right", fontsize=11)
    label = fig.suptitle(" ")
    index = list(range(len(snapshots["steps"]))) if frames is None else list(frames)

    def frame(i):
        k = index[i]
        for bar, text, run in zip(bars, texts, runs):
            bar.set_data(values=hist_density(run[k], edges))
            text.set_text(f"$x > 0$: {np.mean(run[k] > 0):.2f}")
        noised.set_ydata(snapshots["densities"][k])
        label.set_text(f"step {snapshots['steps'][k]} — annealed level "
                       f"σ = {snapshots['sigma'][k]:.3g}")
        return bars + texts + [noised, label]

    frame(0)
    return FuncAnimation(fig, frame, frames=len(index), interval=interval, blit=False)
