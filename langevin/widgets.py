"""Interactive explorers: ``explore_*()`` returns an ipywidgets widget for a chapter.

Every ``explore_*`` is callable with no arguments (the defaults reproduce the chapter's
static figure) and has a noise control where 0 means no noise. Design, for speed (DESIGN §7):
the matplotlib figure is built **once**, off-screen (no pyplot, so nothing is displayed twice);
a control change recomputes the data, updates the artists in place and renders one PNG into an
``ipywidgets.Image``. The widget's saved state therefore shows the figure in the static page too.

Each returned widget carries, for tests and benchmarks:

- ``widget.controls`` — dict name → control widget,
- ``widget.figure`` — the matplotlib Figure,
- ``widget.update()`` — recompute + redraw with the current control values,
- ``widget.state`` — dict of the data last drawn (arrays), so a test can see that a control
  change changed the drawn data.
"""
from __future__ import annotations

import io

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__: list[str] = []


def _figure(figsize=(10.0, 3.5), ncols: int = 1, **subplot_kw):
    """An off-screen Figure (Agg canvas, not pyplot) and its axes."""
    fig = Figure(figsize=figsize, dpi=80, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, **subplot_kw)
    return fig, axes


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _explorer(controls: dict, fig, compute_and_draw, *, title: str | None = None,
              layout_rows: list[list[str]] | None = None):
    """Wire ``controls`` to ``compute_and_draw(**values) -> state dict`` and return the widget.

    ``compute_and_draw`` receives the current control values as keyword arguments, updates
    the figure's artists and returns a dict of the data it drew.
    """
    image = W.Image(format="png", layout=W.Layout(width="100%", max_width=f"{fig.get_figwidth() * 80:.0f}px"))
    rows = layout_rows or [list(controls)]
    boxes = [W.HBox([controls[name] for name in row], layout=W.Layout(flex_flow="row wrap"))
             for row in rows]
    children = ([W.HTML(f"<b>{title}</b>")] if title else []) + boxes + [image]
    box = W.VBox(children)

    def update(*_):
        values = {name: c.value for name, c in controls.items()}
        box.state = compute_and_draw(**values)
        image.value = _png(fig)
        return box.state

    for c in controls.values():
        c.observe(update, names="value")
    box.controls = controls
    box.figure = fig
    box.image = image
    box.update = update
    update()
    return box


def _noise_slider(value=1.0, max=2.0, description="temperature T"):
    """The noise control: temperature, 0 = no noise."""
    return W.FloatSlider(value=value, min=0.0, max=max, step=0.05, description=description,
                         continuous_update=False, style={"description_width": "initial"})


def _seed(value=0):
    return W.IntText(value=value, description="seed", layout=W.Layout(width="150px"))

# ==== Part I (chapters 1–4): add explore_* above the Part II marker ====


# ==== Part II (chapters 5–7): add explore_* below ====
