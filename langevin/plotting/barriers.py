r"""Chapter 10: escape over a barrier — the Arrhenius plot and the law of the escape times.

- :func:`draw_arrhenius` — escape rates against :math:`b/T` on a log scale (measured ± SE,
  exact :math:`1/\text{MFPT}`, Kramers' :math:`k`, the Fokker–Planck :math:`\lambda_1/2`), and
  the mean times in units of Kramers' :math:`1/k`;
- :func:`draw_escape_times` — the histogram of escape times against the exponential law with
  the exact mean, and the survival :math:`P(t_{esc} > t)` on a log scale (the widget's view).

The runs and exact values come from :mod:`langevin.experiments.barriers`; nothing here
computes physics (a histogram and an empirical survival curve are counts of the data).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from matplotlib.ticker import FuncFormatter, MultipleLocator

from .densities import _StaticView
from .style import View, new_figure

__all__ = ["draw_arrhenius", "draw_escape_times"]

_MEASURED, _EXACT, _KRAMERS, _ULA, _RELAX = "C3", "k", "C0", "C1", "C2"


def _arrhenius(axes, table, exact, relaxation):
    ax_r, ax_t = axes
    r = np.asarray(table["ratios"], dtype=float)
    mean = np.array([m.value for m in table["mean"]])
    se = np.array([m.se for m in table["mean"]])
    k = np.asarray(table["k"], dtype=float)
    fine = exact if exact is not None else {"ratios": r, "mfpt": table["mfpt"], "k": k}
    fr, fk = np.asarray(fine["ratios"]), np.asarray(fine["k"])
    ax_r.plot(fr, 1 / np.asarray(fine["mfpt"]), color=_EXACT, lw=1.6, label="exact 1/MFPT")
    ax_r.plot(fr, fk, color=_KRAMERS, lw=1.6, ls="--", label="Kramers $k$")
    ax_r.errorbar(r, 1 / mean, yerr=se / mean**2, fmt="o", ms=6, color=_MEASURED, capsize=3,
                  label=r"chains: $1/\langle t\rangle$")
    ax_t.axhline(1.0, color=_KRAMERS, lw=1.4, ls="--", label="Kramers: 1")
    ax_t.plot(fr, np.asarray(fine["mfpt"]) * fk, color=_EXACT, lw=1.6, label="exact MFPT·$k$")
    ax_t.plot(r, np.asarray(table["ula"]) * k, ls="none", marker="x", ms=8, mew=1.8,
              color=_ULA, label=r"ULA's exact $\langle t\rangle k$")
    ax_t.errorbar(r, mean * k, yerr=se * k, fmt="o", ms=6, color=_MEASURED, capsize=3,
                  label=r"chains $\langle t\rangle k$")
    if relaxation is not None:
        rr, lam = np.asarray(relaxation["ratios"]), np.asarray(relaxation["lambda1"])
        ax_r.plot(rr, lam / 2, ls="none", marker="s", ms=7, mfc="none", mew=1.5,
                  color=_RELAX, label=r"Fokker–Planck $\lambda_1/2$")
        ax_t.plot(rr, 2 * np.asarray(relaxation["k"]) / lam, ls="none", marker="s", ms=7,
                  mfc="none", mew=1.5, color=_RELAX, label=r"$(2/\lambda_1)\,k$")
    ax_r.set_yscale("log")
    ax_r.set(xlabel=r"barrier / temperature  $b/T$", ylabel="escape rate")
    ax_t.set(xlabel=r"barrier / temperature  $b/T$", ylabel="mean time × Kramers' $k$")
    ax_r.legend(frameon=False, loc="lower left", fontsize=10)
    lo, hi = ax_t.get_ylim()
    ax_t.set_ylim(min(0.85, lo), hi + 0.6 * (hi - min(0.85, lo)))   # room for the legend
    ax_t.legend(frameon=False, loc="upper right", fontsize=10, ncols=2, columnspacing=1.0,
                handletextpad=0.4)
    return {}


def draw_arrhenius(table, *, exact=None, relaxation=None, axes=None, figsize=(7.0, 6.4)):
    r"""Two panels, one above the other: escape rates against :math:`b/T` on a log scale, and
    mean escape times in units of Kramers' :math:`1/k` (→ 1 as the barrier grows).

    Parameters
    ----------
    table : dict
        :func:`langevin.experiments.escape_table`'s dict (``ratios``, ``mean`` — Estimates —,
        ``ula``, ``mfpt``, ``k``).
    exact : dict, optional
        :func:`langevin.experiments.exact_rates` on a finer grid of ratios (smooth curves).
    relaxation : dict, optional
        :func:`langevin.experiments.relaxation_table`'s dict (``ratios``, ``lambda1``, ``k``).

    Returns
    -------
    View
        ``.update(table, exact, relaxation)`` redraws.

    Examples
    --------
    >>> from langevin import Estimate
    >>> t = {"ratios": [2, 4], "mean": [Estimate(5.0, 0.1, 100), Estimate(34.0, 0.5, 100)],
    ...      "ula": [5.1, 33.8], "mfpt": [5.13, 34.6], "k": [0.2437, 0.0330]}
    >>> view = draw_arrhenius(t)
    >>> view.axes[0].get_yscale(), len(view.axes[1].get_legend().get_texts())
    ('log', 4)
    """
    if axes is None:
        _, axes = plt.subplots(2, 1, figsize=figsize, layout="constrained")
    return _StaticView(axes, _arrhenius, table, exact, relaxation)


def _log10(values):
    """log10 of a fraction; NaN (not drawn) where it is 0 or unknown."""
    v = np.asarray(values, dtype=float)
    out = np.full(v.shape, np.nan)
    np.log10(v, out=out, where=v > 0)
    return out


class EscapeTimesView(View):
    """The histogram of escape times and their survival curve (see :func:`draw_escape_times`)."""

    def __init__(self, axes, data, *, suptitle: bool, legend: bool, n_fine: int = 300):
        self.axes = list(axes)
        ax_h, ax_s = axes
        self.n_fine = n_fine
        edges = np.asarray(data["bins"], dtype=float)
        self.hist = ax_h.stairs(np.zeros(edges.size - 1), edges, fill=True, color=_MEASURED,
                                alpha=0.4, label="chains")
        (self.pdf,) = ax_h.plot([], [], color=_EXACT, lw=1.8, label="exponential law")
        (self.law_pdf,) = ax_h.plot([], [], color=_ULA, lw=1.6, ls="-.", label="ULA's exact law")
        self.mfpt = ax_h.axvline(0.0, color=_EXACT, lw=1.3, ls="--", label="exact MFPT")
        self.kt = ax_h.axvline(0.0, color=_KRAMERS, lw=1.3, ls=":", label="Kramers $1/k$")
        (self.surv,) = ax_s.plot([], [], color=_MEASURED, lw=2.0, drawstyle="steps-post",
                                 label="chains")
        (self.exp_s,) = ax_s.plot([], [], color=_EXACT, lw=1.6, label=r"$e^{-t/\mathrm{MFPT}}$")
        (self.kr_s,) = ax_s.plot([], [], color=_KRAMERS, lw=1.4, ls="--", label=r"$e^{-kt}$")
        (self.law_s,) = ax_s.plot([], [], color=_ULA, lw=1.6, ls="-.", label="ULA's exact")
        ax_s.yaxis.set_major_locator(MultipleLocator(1.0))     # log10 of the fraction
        ax_s.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"$10^{{{v:g}}}$"))
        ax_h.set_ylabel("density")
        ax_s.set_ylabel(r"$P(t_{\mathrm{esc}} > t)$")
        self.title = (ax_h.figure.suptitle(" \n ") if suptitle else ax_h.set_title(" "))
        self.changing = [self.hist, self.pdf, self.law_pdf, self.mfpt, self.kt, self.surv,
                         self.exp_s, self.kr_s, self.law_s, self.title]
        self.xlabel = None
        self.update(**data)
        ax_h.set_xlim(*data["xlim"])
        ax_s.set_xlim(*data["xlim"])
        ax_h.set_ylim(0.0, data.get("ymax", 1.6))
        # down to 10^-4.2 (a range over which MaxNLocator, which widgets apply, keeps the
        # integer powers of ten): the last of 4000 chains is at 10^-3.6
        ax_s.set_ylim(-4.2, 0.15)
        if legend:
            shown = [a for a in (self.hist, self.pdf, self.law_pdf, self.mfpt, self.kt)
                     if a.get_visible()]
            ax_h.legend(handles=shown, frameon=False, loc="upper right", fontsize=10,
                        handlelength=1.5)
            ax_s.legend(handles=[a for a in (self.surv, self.exp_s, self.kr_s, self.law_s)
                                 if a.get_visible()], frameon=False, loc="lower left",
                        fontsize=10)

    def static_key(self):
        """The time unit's name (a new one redraws the axis labels)."""
        return self.xlabel

    def update(self, *, times, n_chains, unit, t_max, bins, xlim, xlabel, mfpt=None,
               kramers_time=None, law=None, title="", **_) -> None:
        """New escape times (the keys of :func:`langevin.experiments.kramers_run`); times are
        drawn in units of ``unit`` (e.g. the exact MFPT), censored at ``t_max``."""
        times = np.sort(np.asarray(times, dtype=float)) / unit
        edges = np.asarray(bins, dtype=float)
        counts, _ = np.histogram(times, edges)
        self.hist.set_data(values=counts / (max(n_chains, 1) * np.diff(edges)), edges=edges)
        s = np.linspace(xlim[0], xlim[1], self.n_fine)
        alive = 1.0 - np.searchsorted(times, s, side="right") / max(n_chains, 1)
        self.surv.set_data(s, _log10(np.where(s <= t_max / unit, alive, np.nan)))
        hot = mfpt is not None
        for artist in (self.pdf, self.mfpt, self.kt, self.exp_s, self.kr_s):
            artist.set_visible(hot)
        if hot:
            m, kt = mfpt / unit, kramers_time / unit
            self.pdf.set_data(s, np.exp(-s / m) / m)
            self.exp_s.set_data(s, -s / m / np.log(10))
            self.kr_s.set_data(s, -s / kt / np.log(10))
            self.mfpt.set_xdata([m, m])
            self.kt.set_xdata([kt, kt])
        for artist in (self.law_pdf, self.law_s):
            artist.set_visible(law is not None)
        if law is not None:
            self.law_pdf.set_data(np.asarray(law["t"]) / unit, np.asarray(law["density"]) * unit)
            self.law_s.set_data(np.asarray(law["t"]) / unit, _log10(law["survival"]))
        if xlabel != self.xlabel:
            self.xlabel = xlabel
            for ax in self.axes:
                ax.set_xlabel(xlabel)
        self.title.set_text(title)


def draw_escape_times(data, *, axes=None, suptitle: bool = True, legend: bool = True,
                      figsize=(7.0, 3.6)) -> EscapeTimesView:
    r"""Escape times in units of ``data["unit"]`` (the exact MFPT: the exponential law is then
    :math:`e^{-s}` at every barrier): their histogram (a density over *all* chains, so chains
    that never arrived lower its area) against the exponential law with the exact mean, the
    exact MFPT and Kramers' :math:`1/k` marked (left); the fraction not yet escaped,
    :math:`P(t_{esc} > t)`, on a log scale (``log10`` drawn, ``10^k`` written) against :math:`e^{-t/\mathrm{MFPT}}` and
    :math:`e^{-kt}` — a straight line is a memoryless (exponential) law (right), up to the
    run's end ``t_max``. ULA's exact law is drawn too where ``data["law"]`` gives it. The axes
    keep their limits (``xlim``, ``ymax``) from the first data: updates redraw only the data.

    Parameters
    ----------
    data : dict
        ``times`` (physical, arrived chains), ``n_chains``, ``unit``, ``t_max``, ``bins`` and
        ``xlim`` (in units), ``xlabel``, ``mfpt`` and ``kramers_time`` (physical; ``None``: no
        exact law, e.g. at T = 0), ``title``; optional ``ymax`` and ``law`` = {``t``,
        ``density``, ``survival``} (:func:`langevin.experiments.escape_law`).
    axes : two Axes, optional
    suptitle : bool
        The title over the figure (a widget), or over the left panel (a panel of a grid).
    legend : bool

    Returns
    -------
    EscapeTimesView
        ``.hist``, ``.pdf``, ``.surv``, ...; ``.update(**data)``.

    Examples
    --------
    >>> d = {"times": [2.0, 4.0, 8.0], "n_chains": 4, "unit": 2.0, "t_max": 20.0,
    ...      "bins": np.linspace(0, 5, 6), "xlim": (0.0, 5.0), "xlabel": "t / MFPT",
    ...      "mfpt": 2.0, "kramers_time": 1.6, "title": "three of four"}
    >>> view = draw_escape_times(d)
    >>> [float(v) for v in view.hist.get_data().values]   # 1 of 4 chains per unit
    [0.0, 0.25, 0.25, 0.0, 0.25]
    >>> view.update(**{**d, "mfpt": None, "times": []})
    >>> view.pdf.get_visible(), float(np.nanmax(view.surv.get_ydata()))   # log10 P = 0
    (False, 0.0)
    """
    if axes is None:
        _, axes = new_figure(figsize, 2)
    return EscapeTimesView(axes, data, suptitle=suptitle, legend=legend)
