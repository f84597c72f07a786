"""Shared fixtures: a headless matplotlib (Agg), figures closed after every test, and a helper
that says whether two pictures differ."""
from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from PIL import Image  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def pixels(png: bytes) -> np.ndarray:
    """The RGB pixels of a PNG, as an int array ``(height, width, 3)``."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def images_differ(a: bytes, b: bytes, *, tolerance: int = 0) -> bool:
    """True if two PNGs differ in size, or in some pixel channel by more than ``tolerance``."""
    pa, pb = pixels(a), pixels(b)
    return pa.shape != pb.shape or bool(np.abs(pa - pb).max() > tolerance)


@pytest.fixture
def differ():
    """``differ(png_a, png_b, tolerance=0)`` → whether the pictures differ."""
    return images_differ
