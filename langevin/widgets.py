"""Interactive explorers: ``explore_*()`` returns an ipywidgets widget for a chapter.

Every ``explore_*`` is callable with no arguments (the defaults reproduce the chapter's
static figure) and has a noise control where 0 means no noise. Design, for speed (DESIGN §7):
the matplotlib figure is built **once**, off-screen (no pyplot, so nothing is displayed twice);
a control change recomputes the data, updates the artists in place and renders one PNG into an
``ipywidgets.Image``. The widget's saved state therefore shows the figure in the static page too.
The runs the chapters' figures are made from come from :mod:`langevin.experiments`, so a
widget's default view and the chapter's static figure show the same data.

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

from .experiments import (boltzmann_runs, example_potentials_1d, example_potentials_2d,
                          force_field_runs, langevin_comparison_runs, newton_run, score_runs)

__all__: list[str] = [
    "explore_score_sampling", "explore_newton", "explore_force_field", "explore_boltzmann",
]


def _book_rc(**overrides):
    """Context manager with the book's font sizes (:data:`langevin.plotting.BOOK_RC`).

    Artists a callback creates later (titles, legends) should be made inside it too.
    """
    import matplotlib as mpl

    from .plotting import BOOK_RC

    return mpl.rc_context({**BOOK_RC, **overrides})


def _figure(figsize=(10.0, 3.5), ncols: int = 1, **subplot_kw):
    """An off-screen Figure (Agg canvas, not pyplot) and its axes, in the book's font sizes.

    The tick-label size is fixed on the axes, so ticks made later, outside any rc context,
    keep it. The figure uses constrained layout until :func:`_explorer` freezes it.
    """
    from .plotting import BOOK_RC

    with _book_rc():
        fig = Figure(figsize=figsize, dpi=80, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(1, ncols, **subplot_kw)
    fig.get_layout_engine().set(w_pad=6 / 72, h_pad=4 / 72)
    for ax in fig.axes:
        ax.tick_params(labelsize=BOOK_RC["xtick.labelsize"])
    return fig, axes


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _explorer(controls: dict, fig, compute_and_draw, *, title: str | None = None,
              layout_rows: list[list[str]] | None = None):
    """Wire ``controls`` to ``compute_and_draw(**values) -> state dict`` and return the widget.

    ``compute_and_draw`` receives the current control values as keyword arguments, updates
    the figure's artists and returns a dict of the data it drew. The first drawing lays the
    figure out (constrained layout, titles set by the callback included); then the layout
    engine is switched off, because with it ``savefig`` draws the figure twice per PNG: every
    later control change costs one draw (DESIGN §7).
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
    fig.set_layout_engine(None)
    return box


def _slider(value, lo, hi, step, description, kind=W.FloatSlider, **kw):
    """A slider in the book's style: redraws on release, the label never truncated."""
    return kind(value=value, min=lo, max=hi, step=step, description=description,
                continuous_update=False, style={"description_width": "initial"}, **kw)


def _noise_slider(value=1.0, max=2.0, description="temperature T"):
    """The noise control: temperature, 0 = no noise."""
    return _slider(value, 0.0, max, 0.05, description)


def _seed(value=0):
    return W.IntText(value=value, description="seed", layout=W.Layout(width="150px"))

# ==== Part I (chapters 1–4): add explore_* above the Part II marker ====


# ----------------------------------------------------------------------------- Part I
def _fixed_ticks(ax, fmt="%.2f", axis="y"):
    """Fixed-width tick labels, so a frozen layout never clips them when the limits change."""
    from matplotlib.ticker import FormatStrFormatter

    getattr(ax, f"{axis}axis").set_major_formatter(FormatStrFormatter(fmt))


def explore_score_sampling(temperature: float = 1.0, step_size: float = 0.1, n_steps: int = 200,
                           n_particles: int = 20, seed: int = 0):
    """Chapter 1: the same starting points followed without noise (left) and with noise (right).

    Controls: temperature of the right panel (0 = no noise: both panels agree), step size
    τ, number of steps, seed. The potential is the source's mixture ½N(−2, 1) + ½N(2, 1).

    Parameters
    ----------
    temperature : float >= 0
        Initial value of the temperature slider (0 … 3) of the right panel.
    step_size : float > 0
        Initial step size τ (slider 0.01 … 1).
    n_steps : int
        Initial number of steps (slider 10 … 500).
    n_particles : int
        Number of chains (fixed).
    seed : int
        Initial seed (see :func:`langevin.experiments.score_runs`).

    Returns
    -------
    ipywidgets.VBox with ``.controls``, ``.figure``, ``.update()``, ``.state`` (``"without"``,
    ``"with"``: the trajectories drawn).

    Examples
    --------
    >>> w = explore_score_sampling()
    >>> sorted(w.controls)
    ['n_steps', 'seed', 'step_size', 'temperature']
    >>> w.state["with"].shape
    (201, 20, 1)
    """
    from . import plotting as P
    from .potentials import GaussianMixture

    gm = GaussianMixture.default()
    modes = P.local_minima(gm, np.linspace(-5, 5, 20001))
    fig, axes = _figure((9.0, 3.4), ncols=4, gridspec_kw={"width_ratios": P.SCORE_WIDTHS})
    with _book_rc():
        w0, w1 = score_runs(gm, temperature=temperature, step_size=step_size, n_steps=n_steps,
                            n_particles=n_particles, seed=seed)
        art = P.draw_score_sampling(gm, w0, w1, axes=axes, modes=modes, temperature=temperature)
    controls = {
        "temperature": _noise_slider(temperature, max=3.0),
        "step_size": _slider(step_size, 0.01, 1.0, 0.01, "step size τ"),
        "n_steps": _slider(n_steps, 10, 500, 10, "steps", kind=W.IntSlider),
        "seed": _seed(seed),
    }

    def compute_and_draw(temperature, step_size, n_steps, seed):
        w0, w1 = score_runs(gm, temperature=temperature, step_size=step_size,
                            n_steps=n_steps, n_particles=n_particles, seed=seed)
        P.update_paths_1d(art["without"], w0)
        P.update_paths_1d(art["with"], w1)
        with _book_rc():
            axes[2].set_title(f"with noise ($T = {temperature:g}$)" if temperature > 0
                              else "noise off ($T = 0$): same as the left")
        return {"without": w0, "with": w1}

    return _explorer(controls, fig, compute_and_draw,
                     title="Following the score: without noise (left) and with noise (right)")


def explore_newton(mass: float = 1.0, v0: float = 1.6, temperature: float = 0.0,
                   friction: float = 0.0, step_size: float = 0.02, n_steps: int = 500,
                   seed: int = 0):
    """Chapter 2: a ball in the double well U = (x² − 1)², started at the bottom x = −1.

    Controls: mass, initial velocity, temperature T (0 = no thermal kicks) and friction γ of a
    heat bath, time step h (0.005 … 0.1, below Verlet's stability bound h < 2√(m/U'') ≈ 0.2
    for the lightest ball), number of steps (100 … 1200), seed. The grey dashed line is always
    pure Newton (γ = 0, T = 0) with the same mass, start, h and steps, so the effect of the
    kicks on the same trajectory is visible.
    Kicks need friction (fluctuation–dissipation): with γ = 0 and T > 0 the run stays Newton
    and the title says so.

    Parameters
    ----------
    mass, v0 : float
        Initial mass :math:`m` (slider 0.2 … 3) and initial velocity (0 … 3).
    temperature, friction : float >= 0
        Initial :math:`kT` (0 … 1) and :math:`\\gamma` (0 … 2) of the heat bath.
    step_size : float > 0
        Initial time step :math:`h`.
    n_steps : int
        Initial number of steps.
    seed : int

    Returns
    -------
    ipywidgets.VBox with ``.controls``, ``.figure``, ``.update()``, ``.state``
    (``"times"``, ``"xs"``, ``"vs"``, ``"newton_xs"``, ``"energy"``).

    Examples
    --------
    >>> w = explore_newton()
    >>> sorted(w.controls)
    ['friction', 'mass', 'n_steps', 'seed', 'step_size', 'temperature', 'v0']
    >>> float(w.state["times"][-1])
    10.0
    """
    from . import plotting as P
    from .potentials import DoubleWell

    dw = DoubleWell(1.0)
    fig, axes = _figure((10.0, 3.4), ncols=3)
    with _book_rc():
        t, xs, vs = newton_run(dw, v0=v0, mass=mass, step_size=step_size, n_steps=n_steps)
        art = P.draw_newton(dw, t, xs, vs, mass=mass, reference=(xs, vs), axes=axes)
    _fixed_ticks(axes[0], "%.1f")
    _fixed_ticks(axes[1])
    _fixed_ticks(axes[2])
    controls = {
        "mass": _slider(mass, 0.2, 3.0, 0.1, "mass m"),
        "v0": _slider(v0, 0.0, 3.0, 0.05, "initial velocity v₀"),
        "temperature": _noise_slider(temperature, max=1.0),
        "friction": _slider(friction, 0.0, 2.0, 0.05, "friction γ"),
        "step_size": _slider(step_size, 0.005, 0.1, 0.005, "time step h",
                             readout_format=".3f"),
        "n_steps": _slider(n_steps, 100, 1200, 100, "steps", kind=W.IntSlider),
        "seed": _seed(seed),
    }

    def compute_and_draw(mass, v0, temperature, friction, step_size, n_steps, seed):
        steps = {"step_size": step_size, "n_steps": n_steps}
        t, xn, vn = newton_run(dw, v0=v0, mass=mass, **steps)
        bath = friction > 0
        if bath:
            t, xs, vs = newton_run(dw, v0=v0, mass=mass, friction=friction,
                                   temperature=temperature, seed=seed, **steps)
        else:
            xs, vs = xn, vn
        P.update_newton(art, t, xs, vs, mass=mass, reference=(xn, vn))
        art["x"].set_color(P.NOISE_COLORS["with" if bath and temperature > 0 else "without"])
        with _book_rc():
            if not bath and temperature > 0:
                title = "(b) γ = 0: no bath, so no kicks (raise γ)"
            elif bath:
                title = f"(b) bath: γ = {friction:g}, T = {temperature:g}"
            else:
                title = "(b) the motion (Newton)"
            axes[1].set_title(title)
        energy = P.energies(dw, xs, vs, mass)[2]
        return {"times": t, "xs": xs, "vs": vs, "newton_xs": xn, "energy": energy}

    return _explorer(controls, fig, compute_and_draw,
                     title="A ball in a double well: Newton, and Newton plus a heat bath",
                     layout_rows=[["mass", "v0", "seed"], ["temperature", "friction"],
                                  ["step_size", "n_steps"]])


def explore_force_field(potential: str = "double well", temperature: float = 0.0,
                        x0: float = 0.05, y0: float = 2.0, step_size: float = 0.02,
                        n_steps: int = 500, seed: int = 0):
    """Chapter 3: contours of a 2-D energy, its force field, and paths that follow the force.

    Controls: the potential (``"Gaussian"``, ``"mixture"``, ``"double well"``), temperature
    (0 = no noise: the path is the gradient flow, perpendicular to the contours), the start
    point, step size τ (0.005 … 0.05; the stiff double well diverges near τ = 0.1 from the
    corners), number of steps (50 … 600), seed. The blue path is always noise-free; red
    paths are five noisy copies.

    Parameters
    ----------
    potential : ``"Gaussian"``, ``"mixture"`` or ``"double well"``
        The initial choice (:func:`langevin.experiments.example_potentials_2d`).
    temperature : float >= 0
        Temperature of the red paths (slider 0 … 1).
    x0, y0 : float
        The start point (sliders −2.4 … 2.4).
    step_size : float > 0
    n_steps : int
    seed : int

    Returns
    -------
    ipywidgets.VBox with ``.controls``, ``.figure``, ``.update()``, ``.state``
    (``"potential"``, ``"without"``, ``"with"``).

    Examples
    --------
    >>> w = explore_force_field()
    >>> sorted(w.controls)
    ['n_steps', 'potential', 'seed', 'step_size', 'temperature', 'x0', 'y0']
    >>> w.state["potential"], w.state["with"].shape
    ('double well', (501, 5, 2))
    """
    from . import plotting as P

    pots = example_potentials_2d()
    fig, ax = _figure((5.6, 5.0))
    fields = {}
    with _book_rc():
        for name, pot in pots.items():
            f = P.draw_force_field(pot, ax=ax)
            fields[name] = [f["contour"], f["lines"], f["quiver"]]
        p0, p1 = force_field_runs(pots[potential], start=(x0, y0), temperature=temperature,
                                  step_size=step_size, n_steps=n_steps, seed=seed)
        red = P.draw_paths_2d(p1, ax=ax, color=P.NOISE_COLORS["with"], lw=1.0)
        blue = P.draw_paths_2d(p0, ax=ax, color=P.NOISE_COLORS["without"], lw=2.0)
    controls = {
        "potential": W.Dropdown(options=list(pots), value=potential, description="potential"),
        "temperature": _noise_slider(temperature, max=1.0),
        "x0": _slider(x0, -2.4, 2.4, 0.05, "start x₀"),
        "y0": _slider(y0, -2.4, 2.4, 0.05, "start y₀"),
        "step_size": _slider(step_size, 0.005, 0.05, 0.005, "step size τ",
                             readout_format=".3f"),
        "n_steps": _slider(n_steps, 50, 600, 50, "steps", kind=W.IntSlider),
        "seed": _seed(seed),
    }

    def compute_and_draw(potential, temperature, x0, y0, step_size, n_steps, seed):
        for name, artists in fields.items():
            for a in artists:
                a.set_visible(name == potential)
        p0, p1 = force_field_runs(pots[potential], start=(x0, y0), temperature=temperature,
                                  step_size=step_size, n_steps=n_steps, seed=seed)
        P.update_paths_2d(blue, p0)
        P.update_paths_2d(red, p1)
        for a in (red["lines"], red["ends"]):
            a.set_visible(temperature > 0)
        with _book_rc():
            ax.set_title(f"{potential}: force $-\\nabla U$ and paths, $T = {temperature:g}$")
        return {"potential": potential, "without": p0, "with": p1}

    return _explorer(controls, fig, compute_and_draw,
                     title="Force is the negative gradient of the potential",
                     layout_rows=[["potential", "temperature", "seed"], ["x0", "y0"],
                                  ["step_size", "n_steps"]])


def explore_boltzmann(temperature: float = 1.0, potential: str = "double well",
                      step_size: float = 0.02, n_steps: int = 300, seed: int = 0):
    """Chapter 4: histogram of many noisy chains against the Boltzmann density at temperature T.

    Controls: temperature from 0 (no noise: every chain stops in a minimum of U, marked by
    dotted lines), the potential, step size τ (0.005 … 0.025: the stiff double well, started on
    [−3, 3], diverges near τ = 0.04 at T = 3), number of steps (50 … 500), seed. Step size
    and steps are shared by the three potentials.

    Parameters
    ----------
    temperature : float >= 0
        Initial temperature (slider 0 … 3).
    potential : ``"double well"``, ``"mixture"`` or ``"Gaussian"``
        The initial choice (:func:`langevin.experiments.example_potentials_1d`).
    step_size : float > 0
    n_steps : int
    seed : int

    Returns
    -------
    ipywidgets.VBox with ``.controls``, ``.figure``, ``.update()``, ``.state``
    (``"samples"``, ``"density"``).

    Examples
    --------
    >>> w = explore_boltzmann()
    >>> sorted(w.controls)
    ['n_steps', 'potential', 'seed', 'step_size', 'temperature']
    >>> w.state["samples"].shape
    (3000, 1)
    """
    from . import plotting as P

    pots = example_potentials_1d()
    fig, ax = _figure((8.0, 3.6))
    with _book_rc():
        s = boltzmann_runs(pots[potential], temperature=temperature, step_size=step_size,
                           n_steps=n_steps, seed=seed)
        art = P.draw_histogram(s, pots[potential], temperature=temperature, ax=ax,
                               xlim=(-4.5, 4.5), bins=91, label="3000 chains, final states")
    _fixed_ticks(ax)
    controls = {
        "temperature": _noise_slider(temperature, max=3.0),
        "potential": W.Dropdown(options=list(pots), value=potential, description="potential"),
        "step_size": _slider(step_size, 0.005, 0.025, 0.005, "step size τ",
                             readout_format=".3f"),
        "n_steps": _slider(n_steps, 50, 500, 50, "steps", kind=W.IntSlider),
        "seed": _seed(seed),
    }

    def compute_and_draw(temperature, potential, step_size, n_steps, seed):
        s = boltzmann_runs(pots[potential], temperature=temperature, step_size=step_size,
                           n_steps=n_steps, seed=seed)
        P.update_histogram(art, s, temperature=temperature, potential=pots[potential])
        with _book_rc():
            ax.set_title(f"{potential}, $T = {temperature:g}$"
                         + ("" if temperature > 0 else ": no noise, chains stop in the minima"))
        curve = art["curve"].get_ydata() if temperature > 0 else None
        return {"samples": s, "density": curve}

    return _explorer(controls, fig, compute_and_draw, title="The Boltzmann distribution",
                     layout_rows=[["temperature", "potential", "seed"],
                                  ["step_size", "n_steps"]])





# ==== Part II (chapters 5–7): add explore_* below ====

__all__ += ["explore_langevin_equation", "explore_discretisation", "explore_mode_weights"]


def _few_ticks(fig, nbins: int = 5):
    """At most ``nbins`` intervals per axis: tick labels are most of the drawing time."""
    for ax in fig.axes:
        ax.locator_params(nbins=nbins)


def _log_slider(value, min_exp, max_exp, description, step=0.05):
    return _slider(value, min_exp, max_exp, step, description, kind=W.FloatLogSlider, base=10,
                   readout_format=".3g")


def explore_langevin_equation(friction: float = 0.5, temperature: float = 1.0, *,
                              step_size: float = 0.05, n_steps: int = 400,
                              n_particles: int = 12, barrier: float = 1.0, seed: int = 0):
    r"""Chapter 5: underdamped Langevin paths next to their overdamped limit.

    Left: BAOAB on the double well :math:`U = b(x^2-1)^2` with friction :math:`\gamma`, time
    step :math:`h`, particles started at rest, spread over :math:`[-1.8, 1.8]`. Right: the
    overdamped equation :math:`\gamma\,dx = -\nabla U\,dt + \sqrt{2\gamma T}\,dW` over the same
    time (ULA with :math:`\tau = h/\gamma`, split into sub-steps of at most 0.05 so it stays
    stable). Large :math:`\gamma` makes the two panels agree; small :math:`\gamma` shows
    oscillation (inertia) that the overdamped equation cannot have.

    Parameters
    ----------
    friction : float
        :math:`\gamma` (slider 0.3 … 30, logarithmic).
    temperature : float
        :math:`kT`; 0 = no noise.
    step_size : float
        Time step :math:`h` of the underdamped integrator (slider).
    n_steps : int
        Number of time steps (slider); the run covers time :math:`h \times` ``n_steps``.
    n_particles : int
    barrier : float
    seed : int

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.figure``, ``.update()``, ``.state`` (keys ``"t"``,
        ``"underdamped"``, ``"overdamped"``, ``"kinetic_temperature"``).

    Examples
    --------
    >>> w = explore_langevin_equation()
    >>> sorted(w.controls)
    ['friction', 'n_steps', 'seed', 'step_size', 'temperature']
    >>> w.state["underdamped"].shape
    (401, 12)
    """
    from .diagnostics import kinetic_temperature
    from .plotting import draw_langevin_comparison, update_langevin_comparison
    from .potentials import DoubleWell

    pot = DoubleWell(barrier)
    x0 = np.linspace(-1.8, 1.8, n_particles)[:, None]
    controls = {
        "friction": _log_slider(friction, np.log10(0.3), np.log10(30.0), "friction γ"),
        "temperature": _noise_slider(temperature),
        "step_size": _slider(step_size, 0.01, 0.1, 0.01, "time step h"),
        "n_steps": _slider(n_steps, 50, 600, 50, "steps", kind=W.IntSlider),
        "seed": _seed(seed),
    }
    with _book_rc(**{"legend.fontsize": 12}):
        fig, axes = _figure((9.0, 3.4), ncols=2, sharey=True)
        t0 = np.arange(n_steps + 1) * step_size
        art = draw_langevin_comparison(t0, np.zeros((n_steps + 1, n_particles)),
                                       np.zeros((n_steps + 1, n_particles)),
                                       friction=friction, temperature=temperature, axes=axes)
    _few_ticks(fig)

    def compute_and_draw(friction, temperature, step_size, n_steps, seed):
        t, xs, xo, vs = langevin_comparison_runs(pot, x0, friction=friction,
                                                 temperature=temperature,
                                                 step_size=step_size, n_steps=n_steps,
                                                 rng=seed)
        diverged = bool(np.isnan(xo).all())
        update_langevin_comparison(art, t, xs, xo, friction=friction, temperature=temperature)
        if diverged:
            art["titles"][1].set_text("overdamped diverged:\nlower h or raise γ")
        half = vs[n_steps // 2:]
        return {"t": t, "underdamped": xs[..., 0], "overdamped": xo[..., 0],
                "kinetic_temperature": kinetic_temperature(half)}

    return _explorer(controls, fig, compute_and_draw, layout_rows=[
        ["friction", "temperature"], ["step_size", "n_steps", "seed"]])


def explore_discretisation(step_size: float = 0.5, method: str = "ULA",
                           temperature: float = 1.0, n_steps: int = 20, *, variance: float = 1.0,
                           n_chains: int = 20_000, seed: int = 0):
    r"""Chapter 6: ULA's discretisation bias on :math:`N(0, s^2)`, and MALA's fix.

    ``n_chains`` independent chains start from exact draws of the target :math:`N(0, Ts^2)`
    (cached per seed) and run ``n_steps`` steps. ULA moves them away from the target towards
    its own stationary law: after :math:`n` steps what is left of the start is
    :math:`a^{2n}` (:math:`a = 1 - \tau/s^2`), so a few steps suffice unless :math:`\tau` is
    tiny; MALA leaves them on the target. Left: histogram of the final states against the
    target and ULA's exact stationary law. Right: the measured variance against
    :func:`langevin.ula_gaussian_variance` and the truth :math:`Ts^2`.

    Parameters
    ----------
    step_size : float
        :math:`\tau`, slider from 0.05 to 1.9 (ULA diverges at :math:`\tau \ge 2s^2`).
    method : ``"ULA"`` or ``"MALA"``
        MALA needs noise; at temperature 0 the widget runs ULA (plain gradient ascent).
    temperature : float
        0 = no noise.
    n_steps : int
        Steps run from the exact start, slider from 1 to 60.
    variance : float
        :math:`s^2`.
    n_chains : int
    seed : int

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.figure``, ``.update()``, ``.state`` (keys ``"samples"``,
        ``"measured_variance"``, ``"ula_variance"``, ``"target_variance"``,
        ``"acceptance"``, ``"n_steps"``).

    Examples
    --------
    >>> w = explore_discretisation()
    >>> sorted(w.controls)
    ['method', 'n_steps', 'seed', 'step_size', 'temperature']
    >>> round(w.state["ula_variance"], 4)  # ULA's stationary variance at τ = 0.5
    1.3333
    """
    from .diagnostics import ula_gaussian_variance
    from .plotting import draw_sample_histogram, draw_variance_vs_step, update_sample_histogram
    from .potentials import Gaussian
    from .simulation import simulate

    s2 = float(variance)
    pot = Gaussian(0.0, s2)
    cache = {}

    def start(seed):
        if seed not in cache:
            cache.clear()
            cache[seed] = np.sqrt(s2) * np.random.default_rng(seed).standard_normal((n_chains, 1))
        return cache[seed]

    controls = {
        "step_size": _slider(step_size, 0.05, 1.9, 0.05, "step τ"),
        "method": W.ToggleButtons(options=["ULA", "MALA"], value=method, description="method",
                                  style={"button_width": "70px"}),
        "temperature": _noise_slider(temperature),
        "n_steps": _slider(n_steps, 1, 60, 1, "steps", kind=W.IntSlider),
        "seed": _seed(seed),
    }
    grid = np.linspace(-5.0, 5.0, 301)
    bins = np.linspace(-5.0, 5.0, 81)
    taus = np.linspace(0.02, 1.9, 200)
    with _book_rc(**{"legend.fontsize": 12}):
        fig, (ax_h, ax_v) = _figure((9.0, 3.8), ncols=2)
        hist = draw_sample_histogram(np.zeros(1), bins=bins, ax=ax_h, legend_loc="upper left",
                                     densities={"target $N(0, Ts^2)$": (grid, 0 * grid),
                                                "ULA stationary": (grid, 0 * grid)})
        var = draw_variance_vs_step(taus, variance=s2, temperature=1.0, ax=ax_v,
                                    measured={"measured": ([step_size], [1.0])})
        ax_v.set_xlim(0.0, 2.0)
        var["formula"].set_label("ULA formula")
        ax_v.legend(frameon=False, loc="upper left")
        title = ax_h.set_title("")
    _few_ticks(fig)

    def normal(v):
        return np.exp(-grid**2 / (2 * v)) / np.sqrt(2 * np.pi * v) if v > 0 else 0 * grid

    def compute_and_draw(step_size, method, temperature, n_steps, seed):
        n = n_steps
        use = method.lower() if temperature > 0 else "ula"
        x0 = start(seed) * (np.sqrt(temperature) if temperature > 0 else 1.0)
        traj = simulate(pot, x0, step_size=step_size, n_steps=n, temperature=temperature,
                        method=use, rng=seed + 1)
        x = traj[-1, :, 0]
        acc = float(np.mean(traj[-1] != traj[-2])) if use == "mala" else 1.0
        v_ula = ula_gaussian_variance(s2, step_size, temperature)
        v_true = temperature * s2
        v_meas = float(np.var(x))
        update_sample_histogram(hist, x, {"target $N(0, Ts^2)$": (grid, normal(v_true)),
                                          "ULA stationary": (grid, normal(v_ula))})
        top = max(hist["hist"].get_data().values.max(), normal(v_true).max() if v_true else 0)
        ax_h.set_ylim(0.0, 1.45 * top + 1e-9)
        var["formula"].set_ydata([ula_gaussian_variance(s2, s, temperature) for s in taus])
        var["truth"].set_ydata([v_true, v_true])
        var["measured"].set_data([step_size], [v_meas])
        ax_v.set_ylim(0.0, max(4.0 * v_true, 1.5 * v_meas, 0.1))
        name = "MALA" if use == "mala" else ("ULA" if temperature > 0 else "ULA, T = 0")
        title.set_text(f"{name}: variance {v_meas:.3f}\n"
                       f"ULA formula {v_ula:.3f}, target {v_true:.3f}")
        return {"samples": x, "measured_variance": v_meas, "ula_variance": v_ula,
                "target_variance": v_true, "acceptance": acc, "n_steps": n}

    return _explorer(controls, fig, compute_and_draw,
                     layout_rows=[["step_size", "method"], ["temperature", "n_steps"], ["seed"]])


def explore_mode_weights(temperature: float = 1.0, n_steps: int = 20, step_size: float = 0.1,
                         *, weights=(0.2, 0.8), n_particles: int = 400, max_steps: int = 800,
                         seed: int = 0):
    r"""Chapter 7: from white noise to the mixture's mode weights — short runs versus long runs.

    ``n_particles`` chains start from white noise :math:`N(0, 1)` and run ULA on
    :math:`w_1 N(-2, 1) + w_2 N(2, 1)`. Left: positions after ``n_steps`` against the density
    :math:`p^{1/T}`. Right: the fraction of particles in the left basin (nearest center
    :math:`-2`) against the step count, with the exact basin probability at temperature T
    and the component weight :math:`w_1`. At T = 0 this is gradient ascent: every particle
    stops at the mode whose basin it started in.

    Parameters
    ----------
    temperature : float
        0 = no noise.
    n_steps : int
        Run length (slider; the whole history up to ``max_steps`` is computed once per
        temperature, step size and seed, so moving this slider only slices it).
    step_size : float
    weights : pair of floats
    n_particles, max_steps, seed : int

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.figure``, ``.update()``, ``.state`` (keys ``"samples"``,
        ``"fraction_history"``, ``"fraction"``, ``"exact"``).

    Examples
    --------
    >>> w = explore_mode_weights()
    >>> sorted(w.controls)
    ['n_steps', 'seed', 'step_size', 'temperature']
    >>> round(w.state["exact"], 3)  # left-basin probability at T = 1
    0.214
    """
    from .diagnostics import basin_probabilities, mode_fraction_history
    from .plotting import (boltzmann_density, draw_mode_fraction_history,
                           draw_sample_histogram, update_sample_histogram)
    from .potentials import GaussianMixture
    from .simulation import simulate

    gm = GaussianMixture(list(weights), [[-2.0], [2.0]], [[[1.0]], [[1.0]]])
    centers = gm.means
    cache = {}
    controls = {
        "temperature": _noise_slider(temperature),
        "n_steps": _slider(n_steps, 0, max_steps, 10, "run length", kind=W.IntSlider),
        "step_size": _slider(step_size, 0.02, 0.5, 0.02, "step τ"),
        "seed": _seed(seed),
    }
    grid = np.linspace(-6.0, 6.0, 301)
    steps = np.arange(max_steps + 1)
    with _book_rc(**{"legend.fontsize": 12}):
        fig, (ax_h, ax_f) = _figure((9.0, 3.8), ncols=2)
        hist = draw_sample_histogram(np.zeros(1), bins=np.linspace(-6.0, 6.0, 41), ax=ax_h,
                                     densities={"$p^{1/T}$": (grid, 0 * grid)},
                                     legend_loc="upper left")
        fr = draw_mode_fraction_history(steps, np.zeros(max_steps + 1), ax=ax_f,
                                        marker_step=0,
                                        reference={"exact at T": 0.0,
                                                   f"weight {weights[0]:g}": weights[0]})
        title = ax_f.set_title("")
    ax_f.set_xlim(0, max_steps)
    _few_ticks(fig)

    def run(temperature, step_size, seed):
        key = (temperature, step_size, seed)
        if key not in cache:
            cache.clear()
            x0 = np.random.default_rng(seed).standard_normal((n_particles, 1))
            traj = simulate(gm, x0, step_size=step_size, n_steps=max_steps,
                            temperature=temperature, rng=seed + 1)
            cache[key] = traj, mode_fraction_history(traj, centers)[:, 0]
        return cache[key]

    def compute_and_draw(temperature, n_steps, step_size, seed):
        traj, hist_frac = run(temperature, step_size, seed)
        exact = float(basin_probabilities(gm, centers, temperature)[0])
        x = traj[n_steps, :, 0]
        dens = boltzmann_density(gm, grid, temperature) if temperature > 0 else 0 * grid
        update_sample_histogram(hist, x, {"$p^{1/T}$": (grid, dens)})
        top = max(hist["hist"].get_data().values.max(), dens.max())
        ax_h.set_ylim(0.0, 1.35 * top + 1e-9)
        fr["fraction"].set_ydata(hist_frac)
        fr["exact at T"].set_ydata([exact, exact])
        fr["marker"].set_xdata([n_steps, n_steps])
        title.set_text(f"n = {n_steps}: left {hist_frac[n_steps]:.3f}, "
                       f"exact {exact:.3f}")
        return {"samples": x, "fraction_history": hist_frac,
                "fraction": float(hist_frac[n_steps]), "exact": exact}

    return _explorer(controls, fig, compute_and_draw,
                     layout_rows=[["temperature", "n_steps"], ["step_size", "seed"]])
