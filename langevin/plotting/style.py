"""The book's look, and the :class:`View` every ``draw_*`` function returns.

- :data:`NOISE_COLORS`, :data:`BOOK_RC`, :func:`use_book_style` — colours and font sizes
- :func:`new_axes` (pyplot, for the chapters' static figures) and :func:`offscreen_figure`
  (an Agg figure that is never shown, for widgets)
- :func:`tidy_ticks` — few, fixed-format tick labels (they are most of a redraw's cost)
- :class:`View` — artists built once, ``update(...)`` redraws them in place
- :func:`draw_message` — one plain sentence over a figure (a widget's error or warning)
"""
from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.ticker import FormatStrFormatter, MaxNLocator

try:  # inline figures at 2x in a notebook; plain Python has no IPython
    from IPython import get_ipython
    from matplotlib_inline.backend_inline import set_matplotlib_formats
except ImportError:  # pragma: no cover
    get_ipython = set_matplotlib_formats = None

__all__ = ["NOISE_COLORS", "BOOK_RC", "DOT", "use_book_style", "book_rc", "new_axes",
           "new_figure", "offscreen_figure", "tidy_ticks", "nice_ceil", "View", "draw_message"]

#: The colours of the book, by noise setting ("without" noise, "with" noise).
NOISE_COLORS = {"without": "#1f77b4", "with": "#d62728"}

#: The round marker of every scatter: a 32-gon, which looks like ``"o"`` at these sizes. For a
#: Bezier circle matplotlib 3.10 works out the curves' extent on every draw of a scatter
#: (1.6 ms a draw, against 0.17 ms for the polygon: a tenth of a widget's budget).
DOT = Path.unit_regular_polygon(32)

#: Font sizes of every figure. A figure is drawn about as wide as the page column shows it
#: (7–9 in at 100 dpi), so 12–13 pt stays at least 9 px tall on a phone.
BOOK_RC = {"font.size": 13, "axes.titlesize": 13, "axes.labelsize": 13, "xtick.labelsize": 12,
           "ytick.labelsize": 12, "legend.fontsize": 11, "figure.titlesize": 13}


def use_book_style() -> None:
    """Set the book's font sizes (:data:`BOOK_RC`) globally, and sharp (2×) inline figures.

    Call it once at the top of a chapter. In IPython the inline backend then saves PNGs at
    twice the pixel density ("retina"), shown at their nominal size, so figures stay sharp on
    2× screens and phones.

    Examples
    --------
    >>> with mpl.rc_context():  # here only inside the context; a chapter sets it globally
    ...     use_book_style()
    ...     float(mpl.rcParams["font.size"])
    13.0
    """
    plt.rcParams.update(BOOK_RC)
    if get_ipython is not None and get_ipython() is not None:
        set_matplotlib_formats("retina")


def book_rc(**overrides):
    """Context manager with the book's font sizes; artists made inside it keep them."""
    return mpl.rc_context({**BOOK_RC, **overrides})


def new_axes(ax=None, figsize=(6.0, 3.5)):
    """Return ``ax``, or the axes of a new pyplot figure of ``figsize`` inches.

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


def new_figure(figsize=(9.0, 3.5), ncols: int = 1, **subplot_kw):
    """A new pyplot figure with ``ncols`` axes side by side (constrained layout): ``(fig, axes)``.

    Examples
    --------
    >>> fig, axes = new_figure((6.0, 3.0), ncols=2)
    >>> len(axes)
    2
    >>> plt.close("all")
    """
    return plt.subplots(1, ncols, figsize=figsize, layout="constrained", **subplot_kw)


def offscreen_figure(figsize=(9.0, 3.5), ncols: int = 1, *, dpi: int = 80, **subplot_kw):
    """A figure with an Agg canvas and no pyplot (never displayed twice), in the book's fonts.

    Returns ``(fig, axes)``; constrained layout until a widget freezes it after its first draw.

    Examples
    --------
    >>> fig, axes = offscreen_figure((6.0, 3.0), ncols=2)
    >>> len(axes), fig.canvas.get_width_height()
    (2, (480, 240))
    """
    with book_rc(**{"axes.titley": 1.0}):  # titles at a fixed height: no per-draw search
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(1, ncols, **subplot_kw)
    fig.get_layout_engine().set(w_pad=6 / 72, h_pad=4 / 72)
    for ax in fig.axes:
        ax.tick_params(labelsize=BOOK_RC["xtick.labelsize"])
    return fig, axes


def tidy_ticks(ax, nbins: int = 5, fmt: str | None = None, axis: str = "both") -> None:
    """At most ``nbins`` tick intervals; with ``fmt``, fixed-width labels (a frozen layout
    never clips them when the limits change).

    Examples
    --------
    >>> ax = new_axes()
    >>> tidy_ticks(ax, fmt="%.1f", axis="y")
    >>> ax.yaxis.get_major_formatter().fmt
    '%.1f'
    >>> plt.close("all")
    """
    for name in ("x", "y") if axis == "both" else (axis,):
        a = getattr(ax, f"{name}axis")
        if not ax.axison or len(a.get_majorticklocs()) == 0:  # ticks removed on purpose
            continue
        a.set_major_locator(MaxNLocator(nbins))
        if fmt is not None:
            a.set_major_formatter(FormatStrFormatter(fmt))


_NICE = np.array([1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])


def nice_ceil(x: float, steps=_NICE) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ that is ≥ ``x`` (``x > 0``);
    ``steps``: another increasing list of mantissas from 1 to 10 (fewer: coarser limits).

    Axis limits set from data go through it, so small changes of the data keep the limits (and
    a widget redraws only what changed instead of the whole figure).

    Examples
    --------
    >>> nice_ceil(0.37), nice_ceil(4.2), nice_ceil(1.0)
    (0.4, 5.0, 1.0)
    """
    if not x > 0:
        return 1.0
    k = np.floor(np.log10(x))
    m = x / 10.0**k
    steps = np.asarray(steps, dtype=float)
    return float(round(steps[np.searchsorted(steps, m - 1e-12)] * 10.0**k, 12))


class View:
    """What a ``draw_*`` function returns: the artists it built, and ``update`` for new data.

    ``update`` takes the same data as the ``draw_*`` call and changes the artists in place
    (never re-creating the figure). ``changing`` lists the artists an update may change, so a
    widget can redraw only those over a saved background (blitting); everything else is
    drawn once. Subclasses set ``self.axes`` (a list) and the artists they need.
    """

    axes: list
    changing: list

    @property
    def figure(self):
        """The figure the view draws on."""
        return self.axes[0].figure

    def update(self, *args, **kwargs):  # pragma: no cover - every view overrides it
        raise NotImplementedError

    def static_key(self):
        """Changes when something outside ``changing`` changed (a widget then redraws all)."""
        return None


class MessageView(View):
    """A sentence over the whole figure on a white veil (see :func:`draw_message`)."""

    def __init__(self, fig):
        self.axes = [fig.add_axes((0.0, 0.0, 1.0, 1.0), zorder=100)]
        ax = self.axes[0]
        ax.set_axis_off()
        ax.set_in_layout(False)
        self.veil = ax.add_patch(mpl.patches.Rectangle((0, 0), 1, 1, color="white", alpha=0.82,
                                                       transform=ax.transAxes))
        self.text = ax.text(0.5, 0.5, "", ha="center", va="center", wrap=True, fontsize=14,
                            color="#8b0000", transform=ax.transAxes)
        self.changing = [self.veil, self.text]
        self.update(None)

    def update(self, message: str | None) -> None:
        """Show ``message`` (``None`` or ``""`` hides the veil)."""
        self.text.set_text(message or "")
        for a in self.changing:
            a.set_visible(bool(message))


def draw_message(fig) -> MessageView:
    """A hidden message layer over ``fig``; ``update("...")`` shows one sentence, ``None`` hides.

    Examples
    --------
    >>> fig, _ = offscreen_figure()
    >>> msg = draw_message(fig)
    >>> msg.update("The chain diverged: lower the step size.")
    >>> msg.text.get_visible(), msg.text.get_text()[:9]
    (True, 'The chain')
    """
    return MessageView(fig)


def _as_1d(samples) -> np.ndarray:
    return np.asarray(samples, dtype=float).ravel()
