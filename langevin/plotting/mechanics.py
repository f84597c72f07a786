"""Mechanics: a ball in a 1-D landscape (position, energy), force fields over 2-D energies.

Energies come from :func:`langevin.energies`; nothing here computes physics.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..diagnostics import energies
from .paths import draw_paths_2d
from .style import NOISE_COLORS, View, new_axes, nice_ceil

__all__ = ["draw_newton", "draw_force_field", "draw_force_paths"]


class NewtonView(View):
    """Chapter 2's three panels (see :func:`draw_newton`)."""

    def __init__(self, potential, axes, *, xlim, color):
        self.axes = list(axes)
        self.potential = potential
        ax_u, ax_x, ax_e = axes
        grid = np.linspace(*xlim, 400)
        ax_u.plot(grid, potential.energy(grid[:, None]), color="k", lw=1.5)
        self.level = ax_u.axhline(0.0, color="tab:green", lw=1.2, ls="--",
                                  label="total energy $E$")
        (self.ball,) = ax_u.plot([], [], "o", color=color, ms=9)
        ax_u.set(xlabel="$x$", ylabel="$U(x)$", title="(a) the landscape")
        ax_u.legend(loc="upper center", handlelength=1.2, borderaxespad=0.2, frameon=False)
        (self.ref,) = ax_x.plot([], [], color="0.5", lw=1.2, ls="--", label="Newton")
        (self.x,) = ax_x.plot([], [], color=color, lw=1.4, label="this run")
        ax_x.set(xlabel="time $t$", ylabel="position $x(t)$")
        self.title = ax_x.set_title("(b) the motion")
        (self.kin,) = ax_e.plot([], [], color="tab:orange", lw=1.2, label="kinetic")
        (self.pot,) = ax_e.plot([], [], color="tab:purple", lw=1.2, label="potential")
        (self.tot,) = ax_e.plot([], [], color="k", lw=1.8, label="total")
        ax_e.set(xlabel="time $t$", ylabel="energy", title="(c) the energy")
        ax_e.legend(loc="upper center", ncols=3, handlelength=0.8, columnspacing=0.6,
                    handletextpad=0.3, borderaxespad=0.2, frameon=False)
        self.changing = [self.level, self.ball, self.ref, self.x, self.kin, self.pot,
                         self.tot, self.title]

    def update(self, times, xs, vs, *, mass: float = 1.0, reference=None, title=None,
               noisy: bool | None = None, **_) -> None:
        """A new trajectory ``xs, vs`` of shape ``(n, 1)`` at ``times``; ``reference`` =
        ``(xs_ref, vs_ref)`` dashed in panel (b) (hidden if ``None``)."""
        t = np.asarray(times, dtype=float)
        xs = np.asarray(xs, dtype=float)
        kin, pot, tot = energies(self.potential, xs, vs, mass)
        self.x.set_data(t, xs[:, 0])
        if noisy is not None:
            for line in (self.x, self.ball):
                line.set_color(NOISE_COLORS["with" if noisy else "without"])
        self.ref.set_visible(reference is not None)
        ys = [xs[:, 0]]
        if reference is not None:
            ys.append(np.asarray(reference[0])[:, 0])
            self.ref.set_data(t, ys[1])
        for line, e in ((self.kin, kin), (self.pot, pot), (self.tot, tot)):
            line.set_data(t, e)
        self.level.set_ydata([tot[0], tot[0]])
        self.ball.set_data([xs[0, 0]], [pot[0]])
        if title is not None:
            self.title.set_text(title)
        ax_u, ax_x, ax_e = self.axes
        ax_u.set_ylim(-0.15, nice_ceil(max(2.0, 1.5 * tot[0])))
        reach = nice_ceil(1.08 * max(np.abs(y).max() for y in ys))   # symmetric, rounded up
        t_end = t[0] + nice_ceil(max(t[-1] - t[0], 1e-9))   # nearby run lengths share axes
        ax_x.set_xlim(t[0], t_end)
        ax_x.set_ylim(-reach, reach)
        ax_e.set_xlim(t[0], t_end)
        ax_e.set_ylim(min(0.0, pot.min()) - 0.05,
                      nice_ceil(1.4 * max(tot.max(), kin.max(), pot.max()) + 0.05))


def draw_newton(potential, times, xs, vs, *, mass: float = 1.0, reference=None, axes=None,
                xlim=(-2.0, 2.0), color=None, title=None, noisy=None,
                figsize=(7.0, 5.0)) -> NewtonView:
    """Chapter 2's three panels for one ball in a 1-D potential.

    (a) the landscape :math:`U(x)` with the start and the energy level :math:`E` (the ball
    stays where :math:`U(x) \\le E`); (b) position against time; (c) kinetic, potential and
    total energy against time.

    Parameters
    ----------
    potential : 1-D potential
    times : array_like, shape ``(n,)``
    xs, vs : array_like, shape ``(n, 1)`` — positions and velocities
    mass : float
    reference : (xs_ref, vs_ref), optional — drawn dashed grey in (b)
    axes : three Axes, or one Axes, optional
        Three: the panels. One (e.g. a widget's): it is replaced by the default layout on its
        figure. Default: a new figure of ``figsize`` with (a) and (b) side by side above (c),
        which spans the width (on a phone, at most two panels across).
    xlim : range of the landscape; color : of the trajectory
    title : str, optional — of panel (b)
    figsize : (float, float), used when ``axes`` is None

    Returns
    -------
    NewtonView
        ``.x``, ``.ref``, ``.kin``, ``.pot``, ``.tot``, ``.level``, ``.ball``;
        ``.update(times, xs, vs, mass=, reference=, title=, noisy=)``.

    Examples
    --------
    >>> from langevin import DoubleWell
    >>> t, xs, vs = np.linspace(0.0, 1.0, 11), np.full((11, 1), -1.0), np.zeros((11, 1))
    >>> view = draw_newton(DoubleWell(), t, xs, vs)
    >>> view.update(t[:6], xs[:6], vs[:6] + 1.0)
    >>> len(view.x.get_xdata()), float(view.kin.get_ydata()[0])
    (6, 0.5)
    """
    if axes is None or isinstance(axes, Axes):
        fig = plt.figure(figsize=figsize, layout="constrained") if axes is None else axes.figure
        if axes is not None:
            axes.remove()
        ax = fig.subplot_mosaic([["a", "b"], ["c", "c"]])
        axes = [ax["a"], ax["b"], ax["c"]]
    color = NOISE_COLORS["without"] if color is None else color
    view = NewtonView(potential, axes, xlim=xlim, color=color)
    view.update(times, xs, vs, mass=mass, reference=reference, title=title, noisy=noisy)
    return view


def _field_artists(ax, potential, xlim, ylim, n_grid, n_arrows, levels):
    gx, gy = np.meshgrid(np.linspace(*xlim, n_grid), np.linspace(*ylim, n_grid))
    u = potential.energy(np.stack([gx, gy], axis=-1))
    u = u - u.min()
    # equal-area levels: every part of the plane gets contour lines, valleys included
    lv = np.unique(np.quantile(u, np.linspace(0.0, 0.97, levels)))
    cs = ax.contourf(gx, gy, u, levels=lv, cmap="Greys", alpha=0.5, extend="max")
    cl = ax.contour(gx, gy, u, levels=lv, colors="0.45", linewidths=0.5)
    qx, qy = np.meshgrid(np.linspace(*xlim, n_arrows), np.linspace(*ylim, n_arrows))
    f = potential.force(np.stack([qx, qy], axis=-1))
    mag = np.linalg.norm(f, axis=-1)
    # length grows like |F|^(1/3): directions everywhere, strength still visible
    scale = np.cbrt(mag / max(mag.max(), 1e-12)) / np.maximum(mag, 1e-12)
    spacing = (xlim[1] - xlim[0]) / (n_arrows - 1)
    q = ax.quiver(qx, qy, f[..., 0] * scale, f[..., 1] * scale, color="#2b6e2b", angles="xy",
                  scale_units="xy", scale=1.0 / (0.9 * spacing), width=0.005, headwidth=3.5,
                  headlength=4.0, headaxislength=3.5)
    return {"contour": cs, "lines": cl, "quiver": q}


class ForceFieldView(View):
    """Contours of U and arrows of −∇U; switching potentials toggles cached drawings."""

    def __init__(self, ax, potential, *, xlim, ylim, n_grid, n_arrows, levels):
        self.axes = [ax]
        self._opts = (xlim, ylim, n_grid, n_arrows, levels)
        self._drawn = {}
        self.changing = []
        self.update(potential)
        ax.set(xlim=xlim, ylim=ylim, aspect="equal", xlabel="$x$", ylabel="$y$")

    def update(self, potential) -> None:
        """Show the field of ``potential`` (drawn once per potential, then shown/hidden)."""
        if id(potential) not in self._drawn:
            self._drawn[id(potential)] = _field_artists(self.axes[0], potential, *self._opts)
        for key, art in self._drawn.items():
            for a in art.values():
                a.set_visible(key == id(potential))
        self.artists = self._drawn[id(potential)]
        self.quiver = self.artists["quiver"]
        self._key = id(potential)

    def static_key(self):
        """The potential shown (switching it redraws the whole figure)."""
        return self._key


def draw_force_field(potential, *, ax=None, xlim=(-2.5, 2.5), ylim=(-2.5, 2.5),
                     n_grid: int = 120, n_arrows: int = 13, levels: int = 12) -> ForceFieldView:
    r"""Filled contours of a 2-D energy :math:`U` and arrows of the force :math:`-\nabla U`.

    Arrow lengths grow like :math:`|F|^{1/3}` (weak and strong forces both visible); all point
    downhill, perpendicular to the contour lines.

    Returns
    -------
    ForceFieldView
        ``.quiver`` (its ``U, V`` are the drawn force directions), ``.artists``;
        ``.update(potential)``.

    Examples
    --------
    >>> from langevin import Gaussian
    >>> view = draw_force_field(Gaussian([0.0, 0.0], np.eye(2)), n_grid=30, n_arrows=5)
    >>> view.quiver.N  # 5 x 5 arrows
    25
    """
    return ForceFieldView(new_axes(ax, figsize=(5.0, 4.5)), potential, xlim=xlim, ylim=ylim,
                          n_grid=n_grid, n_arrows=n_arrows, levels=levels)


class ForcePathsView(View):
    """Chapter 3's widget figure: a force field, one noise-free path and noisy copies."""

    def __init__(self, ax, potential, path_without, paths_with, temperature, title):
        self.axes = [ax]
        self.field = draw_force_field(potential, ax=ax)
        self.with_ = draw_paths_2d(paths_with, ax=ax, color=NOISE_COLORS["with"], lw=1.0)
        self.without = draw_paths_2d(path_without, ax=ax, color=NOISE_COLORS["without"],
                                     lw=2.0)
        self.title = ax.set_title(title)
        self.changing = self.with_.changing + self.without.changing + [self.title]
        self.update(potential, path_without, paths_with, temperature, title)

    def update(self, potential, path_without, paths_with, temperature, title, **_) -> None:
        """New potential (field) and paths; noisy paths hidden at ``temperature=0``."""
        self.field.update(potential)
        self.without.update(path_without)
        self.with_.update(paths_with, visible=temperature > 0)
        self.title.set_text(title)

    def static_key(self):
        return self.field.static_key()


def draw_force_paths(potential, path_without, paths_with, *, temperature, title="",
                     ax=None) -> ForcePathsView:
    """A force field with a noise-free path (blue) and noisy copies (red) from one start.

    Examples
    --------
    >>> from langevin.experiments import double_well_2d
    >>> view = draw_force_paths(double_well_2d(), np.zeros((3, 1, 2)), np.ones((3, 5, 2)),
    ...                         temperature=0.0)
    >>> view.with_.lines.get_visible()
    False
    """
    return ForcePathsView(new_axes(ax, figsize=(5.6, 5.0)), potential, path_without,
                          paths_with, temperature, title)
