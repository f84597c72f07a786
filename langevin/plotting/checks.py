"""Checks against exact values: measured numbers beside the formulas they should match.

The exact values come from :mod:`langevin.references`; the measured ones from the runs in
:mod:`langevin.experiments`. Chapter 7's discretisation figure and chapter 8's mode-weights
figure are composed here.
"""
from __future__ import annotations

import numpy as np

from ..references import ou_moments, ula_gaussian_variance
from .densities import draw_histogram
from .style import View, new_axes, new_figure, nice_ceil

__all__ = ["draw_measured_vs_exact", "draw_variance_vs_step", "draw_mode_fraction_history",
           "draw_overdamped_check", "draw_discretisation", "draw_mode_weights"]

_MARKERS = "osD^v"


class CurvesView(View):
    """Named lines on one axes; ``update(label=(x, y) or y, ...)`` changes their data."""

    def __init__(self, ax, lines: dict, x):
        self.axes = [ax]
        self.lines = lines
        self.x = x
        self.changing = list(lines.values())

    def __getitem__(self, label):
        return self.lines[label]

    def update(self, data: dict | None = None, **kwargs) -> None:
        """New data per label: ``(x, y)`` pairs, or ``y`` on the drawing's abscissa."""
        for label, y in {**(data or {}), **kwargs}.items():
            xx, yy = y if isinstance(y, tuple) else (self.x, y)
            self.lines[label].set_data(np.atleast_1d(xx), np.atleast_1d(yy))


def draw_measured_vs_exact(x, measured=None, exact=None, *, ax=None, xlabel="", ylabel="",
                           logx=False, legend=True) -> CurvesView:
    """Measured values as markers against exact curves as lines, on one axes.

    Parameters
    ----------
    x : array_like
        Abscissa for entries given as plain arrays.
    measured, exact : dict label -> y or (x, y), optional
    ax : Axes, optional; xlabel, ylabel : str; logx, legend : bool

    Returns
    -------
    CurvesView
        ``view[label]`` is the Line2D; ``view.update({label: y})``.

    Examples
    --------
    >>> view = draw_measured_vs_exact([1, 2, 3], measured={"m": [1.0, 2.1, 2.9]},
    ...                               exact={"e": [1.0, 2.0, 3.0]})
    >>> view.update({"m": [1.0, 2.0, 3.5]})
    >>> view["m"].get_ydata().tolist()
    [1.0, 2.0, 3.5]
    """
    ax = new_axes(ax)
    lines = {}
    for i, (label, y) in enumerate((exact or {}).items()):
        xx, yy = y if isinstance(y, tuple) else (x, y)
        (lines[label],) = ax.plot(xx, yy, lw=2.0, color=f"C{i}", alpha=0.8, label=label)
    for i, (label, y) in enumerate((measured or {}).items()):
        xx, yy = y if isinstance(y, tuple) else (x, y)
        (lines[label],) = ax.plot(xx, yy, ls="none", marker=_MARKERS[i % 5], ms=6,
                                  color=f"C{i + 3}", label=label)
    if logx:
        ax.set_xscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if legend:
        ax.legend(frameon=False)
    return CurvesView(ax, lines, x)


def draw_variance_vs_step(step_sizes, *, variance=1.0, temperature=1.0, measured=None,
                          ax=None) -> CurvesView:
    r"""ULA's stationary variance against the step size: the exact formula
    :func:`langevin.ula_gaussian_variance` (curve), the target :math:`Ts^2` (dashed) and
    measured values (markers, ``measured = {label: (step_sizes, variances)}``).

    Examples
    --------
    >>> view = draw_variance_vs_step([0.1, 0.5, 1.0], variance=1.0)
    >>> [round(float(v), 4) for v in view["formula"].get_ydata()]
    [1.0526, 1.3333, 2.0]
    """
    ax = new_axes(ax)
    tau = np.asarray(step_sizes, dtype=float)
    lines = {}
    (lines["formula"],) = ax.plot(tau, [ula_gaussian_variance(variance, s, temperature)
                                        for s in tau], color="C0", lw=2,
                                  label=r"ULA, exact: $Ts^2/(1-\tau/(2s^2))$")
    lines["truth"] = ax.axhline(temperature * variance, color="k", ls="--", lw=1.2,
                                label="target $Ts^2$")
    for i, (label, (xs, ys)) in enumerate((measured or {}).items()):
        (lines[label],) = ax.plot(xs, ys, ls="none", marker=_MARKERS[i % 5], ms=7,
                                  color=f"C{i + 3}", label=label)
    ax.set(xlabel=r"step size $\tau$", ylabel="stationary variance")
    ax.legend(frameon=False, loc="upper left")
    return CurvesView(ax, lines, tau)


def draw_mode_fraction_history(steps, fraction, *, reference=None, ax=None, label="measured",
                               marker_step=None, color="C3", ylabel="fraction in left mode",
                               ylim=(0.0, 1.0)) -> CurvesView:
    """Fraction of chains in a mode against the number of steps, with reference levels.

    ``reference`` = {label: level} (dashed lines); ``marker_step``: a vertical line there.

    Returns
    -------
    CurvesView
        Lines ``"fraction"``, ``"marker"`` (if any) and one per reference label.

    Examples
    --------
    >>> view = draw_mode_fraction_history(np.arange(3), [0.5, 0.3, 0.2], reference={"w": 0.2},
    ...                                   marker_step=1)
    >>> sorted(view.lines), view["fraction"].get_ydata().tolist()
    (['fraction', 'marker', 'w'], [0.5, 0.3, 0.2])
    """
    ax = new_axes(ax)
    lines = {}
    (lines["fraction"],) = ax.plot(steps, fraction, color=color, lw=1.8, label=label)
    for i, (lab, val) in enumerate((reference or {}).items()):
        lines[lab] = ax.axhline(val, color=["k", "0.5", "C2"][i % 3],
                                ls=["--", ":", "-."][i % 3], lw=1.3, label=lab)
    if marker_step is not None:
        lines["marker"] = ax.axvline(marker_step, color="C0", lw=1.2, alpha=0.7)
    ax.set(xlabel="steps $n$", ylabel=ylabel, ylim=ylim)
    ax.legend(frameon=False, loc="upper right")
    return CurvesView(ax, lines, np.asarray(steps))


class OverdampedCheckView(View):
    """Mean and variance of underdamped runs against the overdamped (OU) formula."""

    def __init__(self, t, runs, axes, *, x0, temperature):
        self.axes = list(axes)
        self.panels = []
        for i, what in enumerate(["mean", "variance"]):
            meas, ex = self._data(t, runs, x0, temperature, i)
            self.panels.append(draw_measured_vs_exact(t, meas, ex, ax=axes[i], legend=False,
                                                      xlabel="time $t$",
                                                      ylabel=f"{what} of $x$"))
        self.changing = [a for p in self.panels for a in p.changing]
        fig = axes[0].figure
        handles, labels = axes[0].get_legend_handles_labels()
        loc = "outside lower center" if fig.get_layout_engine() is not None else "lower center"
        fig.legend(handles, labels, loc=loc, ncols=2, frameon=False, columnspacing=1.2,
                   handletextpad=0.4)

    @staticmethod
    def _data(t, runs, x0, temperature, i):
        """Measured moments at ``t`` (markers); the formula on a fine grid (smooth lines)."""
        t = np.asarray(t, dtype=float)
        meas = {f"BAOAB, $\\gamma$ = {g:g}": (t, r.mean(1) if i == 0 else r.var(1))
                for g, r in runs.items()}
        fine = np.linspace(t[0], t[-1], 400)
        ex = {f"overdamped, $\\gamma$ = {g:g}": (fine, ou_moments(fine, x0, g, temperature)[i])
              for g in runs}
        return meas, ex

    def update(self, t, runs, *, x0, temperature=1.0) -> None:
        """New runs (same frictions)."""
        for i, panel in enumerate(self.panels):
            meas, ex = self._data(t, runs, x0, temperature, i)
            panel.x = t
            panel.update({**meas, **ex})


def draw_overdamped_check(t, runs, *, x0, temperature=1.0, axes=None) -> OverdampedCheckView:
    r"""Two panels: the mean and variance of underdamped runs against :func:`langevin.ou_moments`
    (the overdamped limit in :math:`U = x^2/2`). ``runs`` = {friction: positions ``(n, m)``}.

    Examples
    --------
    >>> t = np.linspace(0.0, 2.0, 5)
    >>> view = draw_overdamped_check(t, {1.0: np.full((5, 100), 2.0)}, x0=2.0)
    >>> sorted(view.panels[0].lines)
    ['BAOAB, $\\gamma$ = 1', 'overdamped, $\\gamma$ = 1']
    """
    if axes is None:
        _, axes = new_figure((8.0, 3.6), 2)
    return OverdampedCheckView(t, runs, axes, x0=x0, temperature=temperature)


def _run_histogram(ax, data, *, headroom, label="samples"):
    """A run's final states (``data["samples"]``) against its reference ``densities``."""
    return draw_histogram(data["samples"], bins=data["bins"], ax=ax, color="0.5",
                          densities=data["densities"], headroom=headroom, label=label)


class RunAndCheckView(View):
    """A run's final states against reference densities (left) beside a check of the same run
    against exact values (right), under a two-line title over both panels.

    Subclasses set ``headroom`` (room above the histogram) and ``hist_label``, and draw the
    right panel in ``draw_check(ax, data)``, which returns its view (kept as ``check``).
    """

    headroom, hist_label = 1.4, "samples"

    def __init__(self, axes, data):
        self.axes = list(axes)
        self.hist = _run_histogram(self.axes[0], data, headroom=self.headroom,
                                   label=self.hist_label)
        self.check = self.draw_check(self.axes[1], data)
        self.title = self.axes[0].figure.suptitle(" \n ")  # two lines over both panels
        self.changing = self.hist.changing + self.check.changing + [self.title]
        self.update(**data)

    def draw_check(self, ax, data) -> View:  # pragma: no cover - abstract
        raise NotImplementedError


class DiscretisationView(RunAndCheckView):
    """Chapter 7: ULA's histogram against the target and ULA's own law; variance against τ."""

    headroom = 1.45

    def draw_check(self, ax, data) -> View:
        self.var = draw_measured_vs_exact(
            data["taus"], {"measured": ([data["step_size"]], [data["measured_variance"]])},
            {"ULA, exact": data["formula"], "target $Ts^2$": data["target_line"]}, ax=ax,
            xlabel=r"step size $\tau$", ylabel="variance")
        ax.legend(frameon=False, loc="upper left")
        return self.var

    def update(self, *, samples, densities, taus, formula, target_line, step_size,
               measured_variance, title, ylim, **_) -> None:
        """New run (the keys of :func:`langevin.experiments.discretisation_run`)."""
        self.hist.update(samples, densities=densities)
        self.var.x = taus
        self.var.update({"ULA, exact": formula, "target $Ts^2$": target_line,
                         "measured": ([step_size], [measured_variance])})
        self.axes[1].set_ylim(ylim[0], nice_ceil(ylim[1]))
        self.title.set_text(title)


def draw_discretisation(data, *, axes=None) -> DiscretisationView:
    """Chapter 7's widget figure from :func:`langevin.experiments.discretisation_run`'s dict.

    Examples
    --------
    >>> from langevin.experiments import discretisation_run
    >>> view = draw_discretisation(discretisation_run(step_size=0.5, n_chains=500))
    >>> view.title.get_text().splitlines()[0][:3]
    'ULA'
    """
    if axes is None:
        _, axes = new_figure((9.0, 3.8), 2)
    return DiscretisationView(axes, data)


class ModeWeightsView(RunAndCheckView):
    """Chapter 8: positions after n steps against p^(1/T); the left fraction against n."""

    headroom = 1.35

    def draw_check(self, ax, data) -> View:
        self.frac = draw_mode_fraction_history(
            data["steps"], data["fraction_history"], ax=ax, marker_step=data["n_steps"],
            reference={"exact at T": data["exact"], f"weight $w_1$ = {data['weight']:g}":
                       data["weight"]}, ylabel="fraction with $x < 0$",
            ylim=data.get("ylim", (0.0, 1.0)))
        ax.set_xlim(0, data["steps"][-1])
        return self.frac

    def update(self, *, samples, densities, steps, fraction_history, exact, n_steps, title,
               **_) -> None:
        """New run (the keys of :func:`langevin.experiments.mode_weights_run`)."""
        self.hist.update(samples, densities=densities)
        self.frac.x = steps
        self.frac.update(fraction=fraction_history, marker=([n_steps, n_steps], [0, 1]))
        self.frac.update({"exact at T": ([0, 1], [exact, exact])})
        self.title.set_text(title)


def draw_mode_weights(data, *, axes=None) -> ModeWeightsView:
    """Chapter 8's widget figure from :func:`langevin.experiments.mode_weights_run`'s dict.

    Examples
    --------
    >>> from langevin.experiments import mode_weights_run
    >>> data = mode_weights_run(n_particles=50, max_steps=40, n_steps=20)
    >>> draw_mode_weights(data).frac["fraction"].get_ydata().shape  # one fraction per step
    (41,)
    """
    if axes is None:
        _, axes = new_figure((9.0, 3.8), 2)
    return ModeWeightsView(axes, data)
