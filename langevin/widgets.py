"""Interactive explorers: controls → a run (:mod:`langevin.experiments`) → ``view.update``.

Every ``explore_*()`` is callable with no arguments and returns an :class:`Explorer`, an
``ipywidgets.VBox`` with

- ``.controls`` — dict name → control (always a noise control where 0 = no noise, a step
  size, a number of steps and a seed ≥ 0),
- ``.figure`` — the matplotlib Figure (off-screen: drawn into an ``ipywidgets.Image``, so the
  saved widget state shows it in the static page too),
- ``.update()`` — run and redraw with the current values; ``.state`` — the run's dict (the
  data drawn); ``.error`` — the sentence shown when a run failed, else ``None``.

A run that raises (a diverging chain, a step past the stability bound) never leaves a stale
picture or a traceback: the figure is veiled and shows one plain sentence saying what happened
and what to change. Speed (DESIGN §7): the figure is built once and handed to a
:class:`langevin.plotting.LiveFigure`, which redraws only what changed (blitting over saved
backgrounds, per-axes redraws with stamped titles, labels and legends) and encodes a fast PNG.
"""
from __future__ import annotations

import gc
import textwrap
import warnings
from functools import partial

import ipywidgets as W
import numpy as np

from . import experiments as E
from . import plotting as P
from .potentials import GaussianMixture, local_minima
from .simulation import DivergenceError

__all__ = ["Explorer", "explore_score_sampling", "explore_newton", "explore_force_field",
           "explore_boltzmann", "explore_langevin_equation", "explore_discretisation",
           "explore_mode_weights", "explore_fokker_planck", "explore_annealed_langevin",
           "explore_kramers", "slider",
           "noise_slider", "seed_box", "choice"]

SEED_MAX = 2**32 - 1


# ----------------------------------------------------------------------------- controls
def slider(value, lo, hi, step, description, *, integer=False, log=False, fmt=None):
    """A slider that redraws on release; ``log=True``: ``lo``, ``hi`` are powers of 10."""
    kind = W.IntSlider if integer else (W.FloatLogSlider if log else W.FloatSlider)
    kw = {"base": 10} if log else {}
    if fmt or log:
        kw["readout_format"] = fmt or ".3g"
    return kind(value=value, min=lo, max=hi, step=step, description=description,
                continuous_update=False, style={"description_width": "initial"}, **kw)


def noise_slider(value=1.0, max=2.0, description="temperature T"):
    """The noise control: temperature, 0 = no noise."""
    return slider(value, 0.0, max, 0.05, description)


def seed_box(value=0):
    """The seed: an integer box bounded to [0, 2³² − 1] (a learner cannot type −1)."""
    return W.BoundedIntText(value=value, min=0, max=SEED_MAX, description="seed",
                            layout=W.Layout(width="160px"))


def choice(options, value, description):
    """A dropdown of named options."""
    return W.Dropdown(options=list(options), value=value, description=description)


# ----------------------------------------------------------------------------- the Explorer
def explain(err: Exception) -> str:
    """One plain sentence for a failed run: what happened and what to change."""
    if isinstance(err, DivergenceError):
        text = str(err)
        if not text.startswith("The"):
            text = (f"The chains diverged at step {err.step}"
                    + (f" (stable only for a step below {err.bound:g})" if err.bound else "")
                    + ". Lower the step size.")
    elif isinstance(err, (ValueError, FloatingPointError)):
        text = str(err)
    else:
        text = f"This setting failed ({type(err).__name__}: {err}). Try other values."
    return "\n".join(textwrap.wrap(text, 60))


class Explorer(W.VBox):
    """Controls → ``run(**values)`` → ``view.update(**data)``, drawn into an Image.

    Parameters
    ----------
    controls : dict name → ipywidgets control
        Their values are passed to ``run`` by name.
    run : callable
        A run from :mod:`langevin.experiments`: keyword arguments in, a dict out.
    draw : callable ``(data, axes) -> View``
        Builds the view from the first run's dict on the given axes.
    title : str, optional
    rows : list of lists of control names, optional (the layout of the controls)
    figsize, ncols, subplot_kw : the figure (see :func:`langevin.plotting.offscreen_figure`)
    rc : dict, optional — matplotlib rc overrides while the view is built
    """

    def __init__(self, controls: dict, run, draw, *, title=None, rows=None,
                 figsize=(9.0, 3.5), ncols=1, rc=None, **subplot_kw):
        self.controls, self.run = controls, run
        with P.book_rc(**(rc or {})):
            self.figure, axes = P.offscreen_figure(figsize, ncols, **subplot_kw)
            self.state = run(**self.values)
            self.view = draw(self.state, axes)
            self.message = P.draw_message(self.figure)
        self.live = P.LiveFigure(self.figure, self.view.changing + self.message.changing,
                                 self.view.static_key, self.message.axes)
        self.error = None
        width = self.figure.canvas.get_width_height()[0]
        self.image = W.Image(format="png", layout=W.Layout(width="100%",
                                                            max_width=f"{width}px"))
        self.note = W.HTML()
        boxes = [W.HBox([controls[n] for n in row], layout=W.Layout(flex_flow="row wrap"))
                 for row in rows or [list(controls)]]
        super().__init__(([W.HTML(f"<b>{title}</b>")] if title else []) + boxes
                         + [self.image, self.note])
        for c in controls.values():
            c.observe(self.update, names="value")
        self.image.value = self.live.sharp_png()
        self.live.render()  # the live (1×) background, so the first change is a blit too
        gc.collect()  # the build's garbage now, not in the middle of the first slider moves

    @property
    def values(self) -> dict:
        """The controls' current values, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def update(self, *_) -> dict:
        """Run with the current values and redraw; a failed run is shown, never raised."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                data = self.run(**self.values)
                self.view.update(**data)
            self.state, self.error = data, None
            notes = {str(w.message).split("\n")[0] for w in caught
                     if issubclass(w.category, RuntimeWarning)}
            self.note.value = "<br>".join(f"<small>⚠ {n}</small>" for n in sorted(notes))
        except Exception as err:  # shown to the learner as a sentence in the figure
            self.error = explain(err)
            self.note.value = ""
        self.message.update(self.error)
        self.image.value = self.live.render()
        return self.state


def _two_panels(controls, run, draw, *, rows, height=3.8, legend=10, **subplot_kw) -> Explorer:
    """An Explorer of two panels, 7 in wide, drawn by ``draw(data, axes=axes)`` from a run."""
    return Explorer(controls, run, lambda data, axes: draw(data, axes=axes), rows=rows,
                    figsize=(7.0, height), ncols=2,
                    rc={"legend.fontsize": legend} if legend else None, **subplot_kw)


# ----------------------------------------------------------------------------- chapters
def explore_score_sampling(temperature: float = 1.0, step_size: float = 0.1, n_steps: int = 200,
                           n_particles: int = 20, seed: int = 0) -> Explorer:
    """Chapter 1: the same starting points without noise (left) and with noise (right).

    The target is the source's mixture ½N(−2, 1) + ½N(2, 1). Controls: temperature of the
    right panel (0 … 3; 0 = no noise, both panels agree), step size τ (0.01 … 2.5: past τ = 2
    the noise-free chains no longer settle on a peak, and by 2.5 the chains blow up and the
    figure says so, as exercise 1 asks to see), steps (10 … 500), seed. One chain is drawn
    bold, the others faded.

    Examples
    --------
    >>> w = explore_score_sampling()
    >>> sorted(w.controls), w.state["traj_with"].shape
    (['n_steps', 'seed', 'step_size', 'temperature'], (201, 20, 1))
    """
    gm = GaussianMixture.default()
    controls = {"temperature": noise_slider(temperature, max=3.0),
                "step_size": slider(step_size, 0.01, 2.5, 0.01, "step size τ"),
                "n_steps": slider(n_steps, 10, 500, 10, "steps", integer=True),
                "seed": seed_box(seed)}
    run = partial(E.score_sampling_run, potential=gm, n_particles=n_particles)

    def draw(data, axes):
        return P.draw_score_sampling(gm, **data, axes=axes, highlight=0,
                                     modes=local_minima(gm, np.linspace(-5, 5, 20001)))
    return Explorer(controls, run, draw, figsize=(7.0, 3.2), ncols=4,
                    gridspec_kw={"width_ratios": P.SCORE_WIDTHS},
                    title="Following the score: without noise (left) and with noise (right)")


def explore_newton(mass: float = 1.0, v0: float = 1.6, temperature: float = 0.0,
                   friction: float = 0.0, step_size: float = 0.02, n_steps: int = 500,
                   seed: int = 0) -> Explorer:
    """Chapter 2: a ball in the double well U = (x² − 1)², started at the bottom x = −1.

    Controls: mass (0.2 … 3), initial velocity (0 … 3), temperature T (0 … 1) and friction γ
    (0 … 2) of a heat bath (kicks need friction: with γ = 0 the run stays Newton), time step
    h (0.005 … 0.1, below Verlet's bound ≈ 0.2 for the lightest ball), steps, seed. The grey
    dashed line is always pure Newton from the same start. Panels (a) and (b) above (c), as in
    the chapter's figure.

    Examples
    --------
    >>> w = explore_newton()
    >>> float(w.state["times"][-1])
    10.0
    """
    controls = {"mass": slider(mass, 0.2, 3.0, 0.1, "mass m"),
                "v0": slider(v0, 0.0, 3.0, 0.05, "initial velocity v₀"),
                "temperature": noise_slider(temperature, max=1.0),
                "friction": slider(friction, 0.0, 2.0, 0.05, "friction γ"),
                "step_size": slider(step_size, 0.005, 0.1, 0.005, "time step h", fmt=".3f"),
                "n_steps": slider(n_steps, 100, 1200, 100, "steps", integer=True),
                "seed": seed_box(seed)}
    dw = E.example_potentials_1d()["double well"]
    return Explorer(controls, partial(E.newton_explorer_run, potential=dw),
                    lambda data, axes: P.draw_newton(dw, **data, axes=axes), figsize=(7.0, 5.0),
                    title="A ball in a double well: Newton, and Newton plus a heat bath",
                    rows=[["mass", "v0", "seed"], ["temperature", "friction"],
                          ["step_size", "n_steps"]])


def explore_force_field(potential: str = "double well", temperature: float = 0.0,
                        x0: float = 0.05, y0: float = 2.0, step_size: float = 0.02,
                        n_steps: int = 500, seed: int = 0) -> Explorer:
    """Chapter 3: contours of a 2-D energy, its force field, and paths that follow the force.

    Controls: the potential (``"Gaussian"``, ``"mixture"``, ``"double well"``), temperature
    (0 … 1; 0 = the blue gradient-flow path only), the start, step size τ (0.005 … 0.05),
    steps (50 … 600), seed. Blue: noise-free; red: five noisy copies.

    Examples
    --------
    >>> w = explore_force_field()
    >>> w.state["name"], w.state["paths_with"].shape
    ('double well', (501, 5, 2))
    """
    controls = {"potential": choice(E.example_potentials_2d(), potential, "potential"),
                "temperature": noise_slider(temperature, max=1.0),
                "x0": slider(x0, -2.4, 2.4, 0.05, "start x₀"),
                "y0": slider(y0, -2.4, 2.4, 0.05, "start y₀"),
                "step_size": slider(step_size, 0.005, 0.05, 0.005, "step size τ", fmt=".3f"),
                "n_steps": slider(n_steps, 50, 600, 50, "steps", integer=True),
                "seed": seed_box(seed)}
    def draw(data, axes):
        return P.draw_force_paths(data["potential"], data["path_without"], data["paths_with"],
                                  temperature=data["temperature"], title=data["title"], ax=axes)
    return Explorer(controls, E.force_paths_run, draw,
                    figsize=(5.6, 5.0), title="Force is the negative gradient of the potential",
                    rows=[["potential", "temperature", "seed"], ["x0", "y0"],
                          ["step_size", "n_steps"]])


def explore_boltzmann(temperature: float = 1.0, potential: str = "double well",
                      step_size: float = 0.02, n_steps: int = 300, seed: int = 0) -> Explorer:
    """Chapter 4: 3 000 noisy chains from uniform starts against the Boltzmann density at T.

    Controls: temperature (0 … 3; 0 = no noise: chains stop in the minima of U, dotted), the
    potential, step size τ (0.005 … 0.025: the stiff double well diverges near τ = 0.04 from
    the edges at T = 3), steps (50 … 500), seed. The title gives the chains' mean energy ± its
    standard error beside the exact ⟨U⟩_T and z (ULA's step-size bias shows as z > 0).

    Examples
    --------
    >>> w = explore_boltzmann()
    >>> w.state["samples"].shape
    (3000, 1)
    """
    controls = {"temperature": noise_slider(temperature, max=3.0),
                "potential": choice(E.example_potentials_1d(), potential, "potential"),
                "step_size": slider(step_size, 0.005, 0.025, 0.005, "step size τ", fmt=".3f"),
                "n_steps": slider(n_steps, 50, 500, 50, "steps", integer=True),
                "seed": seed_box(seed)}
    def draw(data, axes):
        return P.draw_histogram(data["samples"], potential=data["potential"], xlim=(-4.5, 4.5),
                                temperature=data["temperature"], title=data["title"], bins=91,
                                ax=axes, label="3000 chains, final states")
    return Explorer(controls, E.boltzmann_run, draw,
                    figsize=(7.0, 3.6), title="The Boltzmann distribution",
                    rows=[["temperature", "potential", "seed"], ["step_size", "n_steps"]])


def explore_langevin_equation(friction: float = 0.5, temperature: float = 1.0, *,
                              step_size: float = 0.05, n_steps: int = 400,
                              n_particles: int = 12, seed: int = 0) -> Explorer:
    r"""Chapter 5: underdamped (BAOAB) paths on the double well beside their overdamped limit.

    Controls: friction γ (0.3 … 30, logarithmic), temperature (0 … 2), time step h
    (0.01 … 0.1), steps (50 … 600), seed. The overdamped run is ULA with τ = h/γ in sub-steps
    of at most 0.05. Large γ makes the panels agree; small γ shows inertia. One path is drawn
    bold in both panels (at small γ the overdamped paths overlap into a band).

    Examples
    --------
    >>> w = explore_langevin_equation()
    >>> w.state["underdamped"].shape
    (401, 12)
    """
    controls = {"friction": slider(friction, np.log10(0.3), np.log10(30.0), 0.05,
                                   "friction γ", log=True),
                "temperature": noise_slider(temperature),
                "step_size": slider(step_size, 0.01, 0.1, 0.01, "time step h"),
                "n_steps": slider(n_steps, 50, 600, 50, "steps", integer=True),
                "seed": seed_box(seed)}
    return Explorer(controls, partial(E.langevin_comparison_run, n_particles=n_particles),
                    lambda d, axes: P.draw_langevin_comparison(
                        d["t"], d["underdamped"], d["overdamped"], friction=d["friction"],
                        temperature=d["temperature"], axes=axes,
                        highlight=min(2, n_particles - 1)), figsize=(7.0, 3.4), ncols=2,
                    sharey=True, rows=[["friction", "temperature"],
                                       ["step_size", "n_steps", "seed"]])


def explore_discretisation(step_size: float = 0.5, method: str = "ULA",
                           temperature: float = 1.0, n_steps: int = 20, *,
                           variance: float = 1.0, n_chains: int = 20_000,
                           seed: int = 0) -> Explorer:
    r"""Chapter 7: ULA's bias on :math:`N(0, s^2)` and MALA's fix (20 000 chains from the target).

    Controls: step τ (up to 1.2 × the stability bound 2s²: past it, the figure says why
    nothing can be drawn), ULA/MALA, temperature (0 … 2; MALA needs noise), steps (1 … 60),
    seed. Left: histogram against the target and ULA's exact stationary law; right: the
    measured variance against :func:`langevin.ula_gaussian_variance`; above: the variance ± its
    standard error, with z against ULA's law and the target.

    Examples
    --------
    >>> w = explore_discretisation()
    >>> round(w.state["ula_variance"], 4)
    1.3333
    """
    s2 = float(variance)
    controls = {"step_size": slider(step_size, 0.05 * s2, 2.4 * s2, 0.05 * s2, "step τ"),
                "method": W.ToggleButtons(options=["ULA", "MALA"], value=method,
                                          description="method", style={"button_width": "70px"}),
                "temperature": noise_slider(temperature),
                "n_steps": slider(n_steps, 1, 60, 1, "steps", integer=True),
                "seed": seed_box(seed)}
    run = partial(E.discretisation_run, variance=s2, n_chains=n_chains)
    return _two_panels(controls, run, P.draw_discretisation, height=4.2, legend=11,
                       rows=[["step_size", "method"], ["temperature", "n_steps"], ["seed"]])


def explore_mode_weights(temperature: float = 1.0, n_steps: int = 20, step_size: float = 0.1,
                         *, weights=(0.2, 0.8), n_particles: int = 400, max_steps: int = 800,
                         seed: int = 0) -> Explorer:
    r"""Chapter 8: from white noise to the mixture's mode weights — short runs versus long.

    400 chains from :math:`N(0, 1)` run ULA on :math:`w_1N(-2,1) + w_2N(2,1)`. Left: positions
    after ``n_steps`` against :math:`p^{1/T}`; right: the fraction left of 0 (the left cell,
    nearer −2 than 2) against the steps, with its exact value under :math:`p^{1/T}` and the
    weight :math:`w_1`; above: the fraction ± its standard error, with z. Controls:
    temperature (0 … 2), run length (0 … 800), step τ (0.02 … 0.5), seed.

    Examples
    --------
    >>> w = explore_mode_weights()
    >>> round(w.state["exact"], 3)
    0.214
    """
    controls = {"temperature": noise_slider(temperature),
                "n_steps": slider(n_steps, 0, max_steps, 10, "run length", integer=True),
                "step_size": slider(step_size, 0.02, 0.5, 0.02, "step τ"),
                "seed": seed_box(seed)}
    run = partial(E.mode_weights_run, weights=tuple(weights), n_particles=n_particles,
                  max_steps=max_steps)
    return _two_panels(controls, run, P.draw_mode_weights, height=4.2, legend=11,
                       rows=[["temperature", "n_steps"], ["step_size", "seed"]])


def explore_fokker_planck(temperature: float = 0.5, friction: float = 1.0,
                          step_size: float = 0.01, n_steps: int = 400, x0: float = -1.5,
                          potential: str = "double well", seed: int = 0, *,
                          n_chains: int = 2000) -> Explorer:
    r"""Chapter 6: 2000 ULA chains and their Fokker–Planck density, moving together.

    The chains start at :math:`N(x_0, 0.15^2)` and take ``n_steps`` steps of size τ: time
    :math:`t = n\tau\gamma`. Left: their histogram (dots: 150 of them), the density
    :math:`p(x, t)` of :class:`langevin.FokkerPlanck1D` from the same start, and
    :math:`p_\infty`; above: the fraction right of 0, chains ± SE against the density, with z.
    Right: :math:`\ln\mathrm{KL}(p_t\|p_\infty)` and its slope :math:`-2\lambda_1`.
    Controls: temperature (0 … 2; 0 = no noise: the start is only carried downhill, there is no
    Fokker–Planck density, and the figure says so), friction γ (0.5 … 4: it only rescales
    time), step τ (0.002 … 0.03), steps (0 … 1000), start x₀ (−2.5 … 2.5), the potential
    (double well :math:`(x^2-1)^2` or the mixture ½N(−2, 1) + ½N(2, 1)), seed.

    Examples
    --------
    >>> w = explore_fokker_planck()
    >>> w.state["time"], w.state["samples"].shape
    (4.0, (2000,))
    """
    controls = {"temperature": noise_slider(temperature),
                "friction": slider(friction, 0.5, 4.0, 0.1, "friction γ"),
                "potential": choice(["double well", "mixture"], potential, "potential"),
                "step_size": slider(step_size, 0.002, 0.03, 0.002, "step τ", fmt=".3f"),
                "n_steps": slider(n_steps, 0, 1000, 10, "steps n", integer=True),
                "x0": slider(x0, -2.5, 2.5, 0.1, "start x₀"),
                "seed": seed_box(seed)}
    run = partial(E.fokker_planck_run, n_chains=n_chains)
    return _two_panels(controls, run, P.draw_fokker_planck, legend=None,
                       gridspec_kw={"width_ratios": [1.5, 1.0]},
                       rows=[["temperature", "friction", "potential"], ["step_size", "n_steps"],
                             ["x0", "seed"]])


def explore_annealed_langevin(n_levels: int = 10, n_steps: int = 20, sigma_max: float = 20.0,
                              temperature: float = 1.0, step_size: float = 0.2, *,
                              n_particles: int = 1000, seed: int = 0) -> Explorer:
    r"""Chapter 9: annealed Langevin dynamics on :math:`0.8\,N(5,1) + 0.2\,N(-5,1)`.

    1000 chains start uniform on [−8, 8] and take ``n_steps`` ULA steps at each of ``n_levels``
    geometric noise levels from :math:`\sigma_{\max}` down to 0.01, on the exact noised
    mixture, with :math:`\tau_i = \varepsilon(1 + \sigma_i^2)`. Left: the final histogram
    against :math:`p^{1/T}` and the exact law of this sampler; right: the fraction right of 0
    after each level, chains against that law; above: the final fraction ± SE with z.
    Controls: levels (1 … 15; 1 = plain Langevin), steps per level (5 … 50), :math:`\sigma_{\max}`
    (1 … 50, logarithmic), temperature (0 … 2; 0 = no noise), step ε (0.02 … 1, inside the
    stability bound ε < 2), seed.

    Examples
    --------
    >>> w = explore_annealed_langevin()
    >>> w.state["fractions"].shape, w.state["samples"].shape
    ((11,), (1000,))
    """
    controls = {"n_levels": slider(n_levels, 1, 15, 1, "levels L", integer=True),
                "n_steps": slider(n_steps, 5, 50, 5, "steps per level", integer=True),
                "sigma_max": slider(sigma_max, 0.0, np.log10(50.0), 0.05, "σ_max", log=True),
                "temperature": noise_slider(temperature),
                "step_size": slider(step_size, 0.02, 1.0, 0.02, "step ε"),
                "seed": seed_box(seed)}
    run = partial(E.annealed_run, n_particles=n_particles)
    return _two_panels(controls, run, P.draw_annealing,
                       rows=[["n_levels", "n_steps", "sigma_max"], ["temperature", "step_size"],
                             ["seed"]])


def explore_kramers(barrier: float = 1.0, temperature: float = 0.5, friction: float = 1.0,
                    step_size: float = 0.05, n_steps: int = 1500, seed: int = 0, *,
                    n_chains: int = 500) -> Explorer:
    r"""Chapter 10: escape times of 500 chains over the barrier of :math:`b(x^2-1)^2`.

    The chains start at −1 and are timed until they first reach +1 (at most ``n_steps`` ULA
    steps; time :math:`t = n\tau\gamma`), drawn in units of the exact MFPT :math:`M`. Left:
    the histogram of escape times against the exponential law with mean :math:`M`, Kramers'
    :math:`1/k` marked; right: :math:`P(t_{esc} > t)` on a log scale; above: the mean ± SE with
    z against ULA's own exact mean. Controls: barrier :math:`b` (0.5 … 3), temperature (0 … 2;
    0 = no noise: nothing escapes, and the figure says so), friction γ (0.5 … 4: it only
    rescales time), step τ (0.005 … 0.08, inside ULA's bound 1/(4b) at the wells for every
    b ≤ 3, but far from harmless near it), steps (100 … 4000; chains not arrived by then are
    counted), seed.

    Examples
    --------
    >>> w = explore_kramers()
    >>> w.state["not_arrived"], round(w.state["mfpt"], 2)
    (0, 10.26)
    """
    controls = {"barrier": slider(barrier, 0.5, 3.0, 0.1, "barrier b"),
                "temperature": noise_slider(temperature),
                "friction": slider(friction, 0.5, 4.0, 0.1, "friction γ"),
                "step_size": slider(step_size, 0.005, 0.08, 0.005, "step τ", fmt=".3f"),
                "n_steps": slider(n_steps, 100, 4000, 100, "steps (at most)", integer=True),
                "seed": seed_box(seed)}
    run = partial(E.kramers_run, n_chains=n_chains)
    return _two_panels(controls, run, P.draw_escape_times,
                       rows=[["barrier", "temperature", "friction"], ["step_size", "n_steps"],
                             ["seed"]])
