"""Drawing: every figure of the book, static or live, is made by a ``draw_*`` function here.

Conventions
-----------
- ``draw_*(..., ax=None)`` draws on ``ax`` (a new figure's axes if ``None``) and returns the
  artists it made (a small dataclass or dict), so a widget can update them in place instead of
  redrawing the figure.
- ``update_*`` functions take those artists and new data and change them in place.
- ``animate_*`` functions return a :class:`matplotlib.animation.FuncAnimation`; chapters call
  ``.to_jshtml()`` on it so the static page plays it without a kernel.
- Nothing here imports ipywidgets; nothing here draws random numbers.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["new_axes", "NOISE_COLORS"]

#: Colours used throughout the book: without noise / with noise.
NOISE_COLORS = {"without": "#1f77b4", "with": "#d62728"}


def new_axes(ax=None, figsize=(6.0, 3.5)):
    """Return ``ax`` or a fresh axes on a new figure of ``figsize`` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax

# ==== Part I (chapters 1–4): add functions above the Part II marker ====


# ==== Part II (chapters 5–7): add functions below ====
