"""A figure redrawn fast, for live widgets: blitting, per-axes redraws, stamped decorations.

:class:`LiveFigure` owns how a figure whose view changes is turned into a PNG quickly (the
50 ms budget of DESIGN.md §7); :class:`langevin.widgets.Explorer` uses one. The layout is
computed once and then frozen. A change then costs, from cheapest to dearest:

- **blit** — the static part of the figure (everything but the view's ``changing`` artists)
  is kept as a background per axis-limits setting (a few are cached), and only the changing
  artists are drawn over it;
- **per-axes redraw** — when some axes changed their limits, only their *slots* (each axes'
  drawn extent) are wiped and redrawn, and the parts of an axes that do not depend on its
  limits (title, axis labels, a legend at a fixed place) are not laid out again: they were
  rendered once as *stamps* (their colour over black and over white, which gives colour and
  coverage) and are composited back with numpy;
- **full draw** — when the view's static content changed (``view.static_key()``).

The PNG is RGB with zlib level 1. Tests check that every path draws what a full draw does.
"""
from __future__ import annotations

import io

import numpy as np
from matplotlib.legend import Legend
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from .style import tidy_ticks

__all__ = ["LiveFigure"]

MAX_BACKGROUNDS = 12  # ~1 MB each: the recent settings


class LiveFigure:
    """Fast redraws of ``figure``, whose ``changing`` artists move on every update.

    Parameters
    ----------
    figure : matplotlib Figure (Agg canvas)
    changing : list of artists
        Redrawn on every render (made animated: they are never part of a background).
    static_key : callable () -> hashable
        Names the static content; a new value forces a full draw.
    overlay_axes : list of Axes
        Axes over the whole figure (a message layer): never redrawn per axes.

    Examples
    --------
    >>> from langevin.plotting import offscreen_figure
    >>> fig, ax = offscreen_figure()
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> live = LiveFigure(fig, [line], lambda: None)
    >>> live.render()[:4]
    b'\\x89PNG'
    """

    def __init__(self, figure, changing, static_key, overlay_axes=()):
        self.figure, self.changing, self.static_key = figure, list(changing), static_key
        for ax in figure.axes:
            tidy_ticks(ax)
        figure.canvas.draw()  # lay out once (titles, labels), then freeze the layout
        figure.set_layout_engine(None)
        self.axes = [ax for ax in figure.axes if ax not in overlay_axes]
        for ax in self.axes:  # and the axis labels where that layout put them
            for axis in (ax.xaxis, ax.yaxis):
                where = axis.label.get_transform().transform(axis.label.get_position())
                axis.set_label_coords(*ax.transAxes.inverted().transform(where))
        for artist in self.changing:
            artist.set_animated(True)
        # a rectangle in pixels: wipes an axes' slot before it is redrawn
        self._blank = Rectangle((0, 0), 1, 1, transform=None, linewidth=0,
                                facecolor=figure.get_facecolor())
        self._blank.set_figure(figure)
        self.backgrounds, self._last = {}, None
        renderer = figure.canvas.get_renderer()
        # each axes' slot: its drawn extent with room for wider tick labels; axes whose slots
        # overlap are redrawn together
        self.slots = _slots(self.axes, renderer)
        self.groups = [{j for j, b in enumerate(self.slots) if _share_area(a, b)}
                       for a in self.slots]
        self.stamps = [[self._stamp(a, renderer) for a in _fixed_decorations(ax, self.changing)]
                       for ax in self.axes]

    def render(self) -> bytes:
        """Redraw what changed since the last render, then a fast PNG."""
        fig, canvas = self.figure, self.figure.canvas
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.axes)
        key = (limits, self.static_key())
        if key in self.backgrounds:
            canvas.restore_region(self.backgrounds[key])
        elif self._last in self.backgrounds and key[1] == self._last[1]:
            canvas.restore_region(self.backgrounds[self._last])
            changed = {i for i, (lim, old) in enumerate(zip(limits, self._last[0])) if lim != old}
            self._redraw_axes(sorted({j for i in changed for j in self.groups[i]}))
            self._keep(key, canvas.copy_from_bbox(fig.bbox))
        else:
            canvas.draw()
            self._keep(key, canvas.copy_from_bbox(fig.bbox))
        self._last = key
        for artist in self.changing:
            if artist.get_visible():
                fig.draw_artist(artist)
        return _png(canvas)

    def sharp_png(self, scale: int = 2) -> bytes:
        """The whole figure at ``scale`` × the pixels it is shown at: the first picture, which
        the saved widget state (the static page) shows, stays sharp on 2× screens and phones.
        Live renders are 1× (four times fewer pixels: the 50 ms budget)."""
        fig, dpi = self.figure, self.figure.dpi
        for artist in self.changing:
            artist.set_animated(False)
        fig.set_dpi(scale * dpi)
        fig.canvas.draw()
        png = _png(fig.canvas)
        fig.set_dpi(dpi)
        for artist in self.changing:
            artist.set_animated(True)
        self.backgrounds.clear()
        self._last = None
        return png

    def _redraw_axes(self, redraw) -> None:
        """Wipe the slots of the axes ``redraw``, draw them without their fixed decorations,
        then stamp those back."""
        fig = self.figure
        for j in redraw:
            self._blank.set_bounds(*self.slots[j].bounds)
            fig.draw_artist(self._blank)
        pixels = np.asarray(fig.canvas.buffer_rgba())
        for j in redraw:
            stamps = [s for s in self.stamps[j] if s.fits()]
            for s in stamps:
                s.artist.set_visible(False)
            fig.draw_artist(self.axes[j])
            for s in stamps:
                s.artist.set_visible(True)
                s.apply(pixels)

    def _stamp(self, artist, renderer) -> "_Stamp":
        """Render ``artist`` alone over black and over white (then redraw the figure later)."""
        box = artist.get_window_extent(renderer).padded(2)
        height = self.figure.canvas.get_width_height()[1]
        x0, x1 = max(int(np.floor(box.x0)), 0), int(np.ceil(box.x1))
        rows = slice(max(height - int(np.ceil(box.y1)), 0), height - int(np.floor(box.y0)))
        over = []
        for colour in ("black", "white"):
            self._blank.set_facecolor(colour)
            self._blank.set_bounds(x0, height - rows.stop, x1 - x0, rows.stop - rows.start)
            self.figure.draw_artist(self._blank)
            self.figure.draw_artist(artist)
            over.append(np.asarray(self.figure.canvas.buffer_rgba())[rows, x0:x1, :3]
                        .astype(np.float32))
        self._blank.set_facecolor(self.figure.get_facecolor())
        return _Stamp(artist, (rows, slice(x0, x1)), over[0], (over[1] - over[0]) / 255.0)

    def _keep(self, key, background) -> None:
        self.backgrounds[key] = background
        while len(self.backgrounds) > MAX_BACKGROUNDS:
            self.backgrounds.pop(next(iter(self.backgrounds)))


class _Stamp:
    """An artist's pixels: drawing it over ``dst`` gives ``base + keep * dst`` (Agg blends
    linearly; ``base`` is the artist over black, ``keep`` = (over white − over black)/255)."""

    def __init__(self, artist, where, base, keep):
        self.artist, self.where, self.base, self.keep = artist, where, base, keep
        self.content = _content(artist)

    def fits(self) -> bool:
        """Whether the artist still shows what was stamped (else it is drawn as usual)."""
        return self.artist.get_visible() and _content(self.artist) == self.content

    def apply(self, pixels) -> None:
        region = pixels[self.where + (slice(0, 3),)]
        region[...] = np.rint(self.base + self.keep * region)


def _content(artist):
    if isinstance(artist, Legend):
        return tuple(t.get_text() for t in artist.get_texts())
    return artist.get_text()


def _fixed_decorations(ax, changing) -> list:
    """The parts of ``ax`` that do not depend on its limits: title, axis labels, and a legend
    at a fixed place (not ``loc="best"``, which follows the data)."""
    legend = ax.get_legend()
    items = [ax.title, ax.xaxis.label, ax.yaxis.label]
    if legend is not None and legend._get_loc() != 0:
        items.append(legend)
    return [a for a in items if a.get_visible() and a not in changing
            and (not isinstance(a, Text) or a.get_text())]


def _png(canvas) -> bytes:
    """The canvas as a PNG, fast (RGB, zlib level 1)."""
    width, height = canvas.get_width_height()
    buf = io.BytesIO()
    Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1) \
        .convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _share_area(a, b) -> bool:
    """Whether two pixel boxes overlap by more than a pixel (touching is not overlapping)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1


def _slots(axes, renderer, pad: float = 12.0) -> list:
    """Each axes' drawn extent (pixels), grown by up to ``pad`` on each side for wider tick
    labels, but never past half the gap to a neighbour's extent."""
    boxes = [ax.get_tightbbox(renderer) for ax in axes]
    slots = []
    for i, b in enumerate(boxes):
        x0, y0, x1, y1 = b.x0 - pad, b.y0 - pad / 3, b.x1 + pad, b.y1 + pad / 3
        for j, o in enumerate(boxes):
            if j == i:
                continue
            if o.y0 < b.y1 and b.y0 < o.y1:           # side by side
                if o.x0 >= b.x1:
                    x1 = min(x1, (b.x1 + o.x0) / 2)
                elif o.x1 <= b.x0:
                    x0 = max(x0, (o.x1 + b.x0) / 2)
            if o.x0 < b.x1 and b.x0 < o.x1:           # one above the other
                if o.y0 >= b.y1:
                    y1 = min(y1, (b.y1 + o.y0) / 2)
                elif o.y1 <= b.y0:
                    y0 = max(y0, (o.y1 + b.y0) / 2)
        slots.append(Bbox.from_extents(x0, y0, x1, y1))
    return slots
