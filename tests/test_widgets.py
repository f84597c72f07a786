"""The explorers (langevin.widgets): every control works, no setting breaks a widget, the
picture is the data, and the code keeps the shape the maintainers agreed on (DESIGN §1, §4)."""
from __future__ import annotations

import ast
import inspect
import pathlib

import ipywidgets as W
import numpy as np
import pytest

import langevin as L
from langevin import experiments as E
from langevin import widgets as Wd

from conftest import pixels

ROOT = pathlib.Path(L.__file__).parent
NAMES = sorted(n for n in Wd.__all__ if n.startswith("explore_"))
COMMON = {"temperature", "step_size", "n_steps", "seed"}
#: one non-default value per control, for "every control changes the drawn data"
CHANGES = {
    "explore_score_sampling": {"step_size": 0.2, "n_steps": 120, "seed": 5},
    "explore_newton": {"mass": 2.0, "v0": 1.0, "friction": 1.2, "seed": 3, "step_size": 0.01,
                       "n_steps": 300},
    "explore_force_field": {"potential": "mixture", "x0": 1.0, "y0": -1.0, "seed": 2,
                            "step_size": 0.01, "n_steps": 200},
    "explore_boltzmann": {"potential": "mixture", "seed": 4, "step_size": 0.01, "n_steps": 100},
    "explore_langevin_equation": {"friction": 5.0, "seed": 3, "step_size": 0.02,
                                  "n_steps": 200},
    "explore_discretisation": {"method": "MALA", "seed": 3, "step_size": 1.0, "n_steps": 5},
    "explore_mode_weights": {"seed": 3, "step_size": 0.3, "n_steps": 300},
    "explore_fokker_planck": {"friction": 2.0, "potential": "mixture", "step_size": 0.02,
                              "n_steps": 200, "x0": 1.0, "seed": 3},
    "explore_annealed_langevin": {"n_levels": 5, "n_steps": 30, "sigma_max": 5.0,
                                  "step_size": 0.4, "seed": 3},
    "explore_kramers": {"barrier": 1.5, "friction": 2.0, "step_size": 0.03, "n_steps": 300,
                        "seed": 3},
}


def _arrays(state):
    out = {}
    for k, v in state.items():
        if isinstance(v, np.ndarray):
            out[k] = v
        elif isinstance(v, tuple) and all(isinstance(a, np.ndarray) for a in v):
            out.update({f"{k}{i}": a for i, a in enumerate(v)})
    return out


def _changed(a, b):
    a, b = _arrays(a), _arrays(b)
    return any(a[k].shape != b[k].shape or not np.array_equal(a[k], b[k], equal_nan=True)
               for k in a)


def _extremes(control):
    """The values a learner can reach: both ends of a slider, every option, seed limits."""
    if isinstance(control, (W.Dropdown, W.ToggleButtons)):
        return list(control.options)
    if isinstance(control, W.FloatLogSlider):
        return [control.base ** control.min, control.base ** control.max]
    return [control.min, control.max]


def test_all_explorers_listed():
    found = {n for n, f in inspect.getmembers(Wd, inspect.isfunction) if n.startswith("explore_")}
    assert found == set(NAMES) == set(CHANGES)


@pytest.mark.parametrize("name", NAMES)
def test_builds_with_no_arguments_with_the_common_controls(name):
    w = getattr(Wd, name)()
    assert isinstance(w, Wd.Explorer) and isinstance(w, W.Widget)
    assert COMMON <= set(w.controls)
    assert w.controls["temperature"].min == 0.0
    assert isinstance(w.controls["seed"], W.BoundedIntText) and w.controls["seed"].min == 0
    for key in ("step_size", "n_steps"):
        c = w.controls[key]
        assert c.min < c.value < c.max, f"{key}: default not inside its range"
    assert w.image.value[:8] == b"\x89PNG\r\n\x1a\n" and w.error is None
    shown = int(w.image.layout.max_width.removesuffix("px"))
    assert pixels(w.image.value).shape[1] == 2 * shown   # the saved picture: sharp at 2×


@pytest.mark.parametrize("name", NAMES)
def test_every_control_changes_the_data_and_the_picture(name):
    w = getattr(Wd, name)()
    w.controls["temperature"].value = 0.0
    cold = dict(w.state)
    if name == "explore_newton":  # kicks need friction
        w.controls["friction"].value = 0.5
    w.controls["temperature"].value = 0.7
    assert _changed(cold, w.state), "temperature 0 and 0.7 drew the same data"
    for control, value in CHANGES[name].items():
        before, png = dict(w.state), w.image.value
        w.controls[control].value = value
        assert w.error is None, w.error
        assert _changed(before, w.state), f"changing {control} did not change the data"
        assert w.image.value != png, f"changing {control} did not redraw"


def _is_expected(error: str) -> bool:
    """A sentence from a run that refused a setting (a divergence, a step past a bound), not
    the Explorer's fallback for an unexpected exception (a bug: \"This setting failed (...)\")."""
    return bool(error.strip()) and not error.startswith("This setting failed")


@pytest.mark.parametrize("name", NAMES)
def test_no_control_extreme_or_corner_breaks_a_widget(name):
    """As a learner would: every control at each end; then the corners (largest step with
    fewest and with most steps, at T = 0 and at the hottest) — nothing escapes, and the
    picture is either the run or one plain sentence."""
    w = getattr(Wd, name)()
    defaults = w.values
    for key, control in w.controls.items():
        for value in _extremes(control):
            control.value = value
            assert w.error is None or _is_expected(w.error), (key, value, w.error)
        control.value = defaults[key]
    step, steps, temp = (w.controls[k] for k in ("step_size", "n_steps", "temperature"))
    for corner in [(step.max, steps.min, temp.min), (step.max, steps.max, temp.max),
                   (step.min, steps.max, temp.max), (step.max, steps.max, temp.min)]:
        for control, value in zip((step, steps, temp), corner):
            control.value = value
        assert w.error is None or _is_expected(w.error), (corner, w.error)
        if w.error is None:
            assert all(np.isfinite(a).all() for a in _arrays(w.state).values())
        else:
            assert w.message.text.get_visible() and w.message.text.get_text() == w.error


@pytest.mark.parametrize("name", NAMES)
def test_a_negative_seed_cannot_be_entered(name):
    w = getattr(Wd, name)()
    w.controls["seed"].value = -1
    assert w.controls["seed"].value == 0 and w.error is None


def test_beyond_the_bound_says_so_then_recovers(differ):
    """Chapter 1's exercise asks for τ = 1.9 "and beyond": beyond, the figure says why."""
    w = Wd.explore_score_sampling()
    w.update()                    # a live (1×) picture of the default setting
    good = w.image.value
    w.controls["step_size"].value = 1.9
    assert w.error is None
    w.controls["n_steps"].value = 500
    w.controls["step_size"].value = 2.5
    assert w.error is not None and "step size" in w.error.lower()
    assert w.message.veil.get_visible()
    w.controls["step_size"].value = 0.1
    w.controls["n_steps"].value = 200
    assert w.error is None and not w.message.veil.get_visible()
    assert not differ(w.image.value, good)  # back to the same picture


def test_discretisation_builds_for_any_variance_and_names_the_bound():
    w = Wd.explore_discretisation(variance=0.5)  # built with a 1.9 slider before: bound is 1.0
    assert w.controls["step_size"].max > 1.0
    w.controls["step_size"].value = w.controls["step_size"].max
    assert w.error is not None and "stability bound" in w.error and "1" in w.error


@pytest.mark.parametrize("name, control, values", [
    ("explore_discretisation", "step_size", (0.3, 1.2, 0.7, 1.2)),   # limits change, come back
    ("explore_newton", "n_steps", (300, 900, 300)),                   # two of three axes change
    ("explore_mode_weights", "temperature", (0.3, 1.7, 0.3)),
    ("explore_force_field", "potential", ("Gaussian", "mixture", "double well")),
    ("explore_annealed_langevin", "n_levels", (4, 12, 1, 4)),        # the level axis changes
])
def test_partial_redraws_equal_a_full_redraw(differ, name, control, values):
    """Blitting, per-axes redraws and cached backgrounds draw exactly what a full draw does."""
    w = getattr(Wd, name)()
    for value in values:
        w.controls[control].value = value
        drawn = w.image.value
        w.live.backgrounds.clear()    # force a full draw of everything
        assert not differ(w.live.render(), drawn, tolerance=8), f"{control}={value}"


def _random_value(control, rng):
    """A valid value for ``control`` that differs from its current one, or ``None``."""
    if hasattr(control, "options"):
        others = [v for v in control.options if v != control.value]
        if not others:
            return None
        chosen = others[rng.integers(len(others))]
        return chosen[1] if isinstance(chosen, tuple) else chosen
    if isinstance(control.value, bool):
        return not control.value
    if isinstance(control, W.BoundedIntText):
        return int(rng.integers(0, 50))
    lo, hi, step = control.min, control.max, control.step
    value = lo + step * rng.integers(0, int(round((hi - lo) / step)) + 1)
    return type(control.value)(control.base ** value if hasattr(control, "base") else value)


@pytest.mark.parametrize("name", NAMES)
def test_any_sequence_of_changes_draws_what_a_full_redraw_draws(differ, name):
    """Random walks over the controls (cache hits, then partial redraws from a state drawn
    earlier; stamped titles, labels and legends): every live picture equals a full draw."""
    w, rng = getattr(Wd, name)(), np.random.default_rng(11)
    names = sorted(w.controls)
    for _ in range(8):
        control = w.controls[names[rng.integers(len(names))]]
        value = _random_value(control, rng)
        if value is None or value == control.value:
            continue
        control.value = value
        drawn, kept = w.image.value, dict(w.live.backgrounds)
        w.live.backgrounds.clear()                     # a full draw of everything ...
        assert not differ(w.live.render(), drawn, tolerance=8), w.values
        w.live.backgrounds.update(kept)                # ... and the cache as it was


def test_score_sampling_noise_off_equals_deterministic_run():
    w = Wd.explore_score_sampling(temperature=0.0)
    np.testing.assert_array_equal(w.state["traj_with"], w.state["traj_without"])
    without, _ = E.score_runs(L.GaussianMixture.default(), temperature=1.0)
    np.testing.assert_array_equal(w.state["traj_without"], without)
    # noise-free chains stop at the local maxima ±x*, x* = 1.998651346030 (DESIGN §6)
    np.testing.assert_allclose(np.abs(without[-1]), 1.998651346030, atol=1e-6)


def test_the_drawn_lines_are_the_run():
    w = Wd.explore_score_sampling()
    segs = w.view.with_.lines.get_segments()
    np.testing.assert_allclose(segs[3][:, 1], w.state["traj_with"][:, 3, 0])
    assert len(segs) == w.state["traj_with"].shape[1]


def test_newton_widget_is_newton_until_a_bath_is_added():
    w = Wd.explore_newton(temperature=0.5)
    np.testing.assert_array_equal(w.state["xs"], w.state["reference"][0])
    assert "no kicks" in w.view.title.get_text()
    e = L.energies(L.DoubleWell(), w.state["xs"], w.state["vs"])[2]
    assert np.abs(e / e[0] - 1).max() < 5e-3          # Verlet conserves energy
    w.controls["temperature"].value = 0.0
    w.controls["friction"].value = 0.5                # friction, no kicks: energy decreases
    e = L.energies(L.DoubleWell(), w.state["xs"], w.state["vs"])[2]
    assert e[-1] < e[0]


def test_chapter_1_to_3_widgets_fit_a_phone_column():
    """At most 7 in wide (issue 14); chapter 2's three panels in two rows, as in its figure."""
    for make in (Wd.explore_score_sampling, Wd.explore_newton, Wd.explore_force_field):
        assert make().figure.get_size_inches()[0] <= 7.0, make.__name__
    w = Wd.explore_newton()
    a, b, c = (ax.get_position() for ax in w.view.axes)
    assert a.y0 > c.y1 and b.y0 > c.y1 and a.x1 < b.x0 and c.width > 1.5 * a.width


def test_force_field_switch_shows_exactly_one_field():
    w = Wd.explore_force_field()
    w.controls["potential"].value = "Gaussian"
    quivers = [c for c in w.figure.axes[0].collections
               if type(c).__name__ == "Quiver" and c.get_visible()]
    assert len(quivers) == 1
    np.testing.assert_allclose(w.state["path_without"][-1, 0], [0.0, 0.0], atol=1e-2)  # at the minimum


def test_boltzmann_at_zero_temperature_collapses_onto_the_minima():
    w = Wd.explore_boltzmann(temperature=0.0)
    np.testing.assert_allclose(np.abs(w.state["samples"]), 1.0, atol=1e-6)
    assert not w.view.curves["$e^{-U/T}/Z$"].get_visible()
    assert sum(m.get_visible() for m in w.view.minima) == 2
    w.controls["temperature"].value = 1.0
    grid = w.view.grid
    np.testing.assert_allclose(w.view.curves["$e^{-U/T}/Z$"].get_ydata(),
                               L.boltzmann_density(L.DoubleWell(), grid))


def test_discretisation_shows_the_bias_and_mala_removes_it():
    w = Wd.explore_discretisation(step_size=1.0)
    assert w.state["ula_variance"] == pytest.approx(2.0)
    assert w.state["measured_variance"] == pytest.approx(2.0, rel=0.05)
    w.controls["method"].value = "MALA"
    assert w.state["measured_variance"] == pytest.approx(1.0, rel=0.05)
    assert 0 < w.state["acceptance"] < 1
    w.controls["temperature"].value = 0.0
    assert w.state["measured_variance"] < 1e-6


def test_mode_weights_at_zero_temperature_is_gradient_ascent():
    w = Wd.explore_mode_weights(temperature=0.0, n_steps=800)
    gm = L.GaussianMixture([0.2, 0.8], [[-2.0], [2.0]], [[[1.0]], [[1.0]]])
    x0 = np.random.default_rng(0).standard_normal((400, 1))
    ascent = L.simulate(gm, x0, step_size=0.1, n_steps=800, temperature=0.0, keep="final")
    np.testing.assert_array_equal(w.state["samples"], ascent[:, 0])
    assert w.state["exact"] == 0.0



def test_annealed_langevin_widget_one_level_is_plain_langevin_and_no_noise_piles_up():
    """One level is plain ULA at sigma = 0.01 (the exact law's 0.509 after 20 steps, not 0.8);
    without noise, gradient ascent on p_20 brings every chain to its single mode near 3, so all
    end on the heavy mode."""
    w = Wd.explore_annealed_langevin(n_levels=1)
    x0 = np.random.default_rng(0).uniform(-8, 8, (1000, 1))
    plain = L.simulate(E.song_ermon_mixture().noised(0.01), x0, step_size=0.2 * 1.0001,
                       n_steps=20, rng=1, keep="final")
    np.testing.assert_allclose(w.state["samples"], plain[:, 0], rtol=1e-12)
    law = w.state["references"]["sampler's exact law"][1][-1]
    assert law == pytest.approx(0.509, abs=5e-3) and abs(w.state["estimate"].z(law)) < 5
    w.controls["n_levels"].value = 10
    w.controls["temperature"].value = 0.0
    assert w.state["estimate"].value == 1.0 and "no noise" in w.view.title.get_text()


def test_kramers_widget_measures_against_ulas_own_law_and_nothing_escapes_without_noise():
    """Default b = 1, T = 0.5 (b/T = 2), τ = 0.05: 500 chains, all arrived; the mean ± SE
    within 5 SE of ULA's exact mean (9.69, 5.5 % below the diffusion's 10.26); MFPT·k = 1.25.
    Friction only rescales time; T = 0 leaves every chain at -1 (all -1) and says so."""
    w = Wd.explore_kramers()
    s = w.state
    assert s["not_arrived"] == 0 and s["mean"].n == 500
    assert s["ula"] == pytest.approx(9.69, abs=0.01) and s["mfpt"] == pytest.approx(10.2586, abs=1e-4)
    assert abs(s["mean"].z(s["ula"])) < 5 and s["mfpt"] / s["kramers_time"] == pytest.approx(1.25, abs=1e-3)
    assert f"ULA's exact {s['ula']:.2f} (z = {s['mean'].z(s['ula']):+.1f})" in w.view.title.get_text()
    w.controls["friction"].value = 2.0
    np.testing.assert_allclose(w.state["times"], 2 * s["times"])
    assert w.state["mfpt"] == pytest.approx(2 * s["mfpt"])
    w.controls["temperature"].value = 0.0
    assert w.state["times"].size == 0 and w.state["not_arrived"] == 500 and w.error is None
    assert "none of the 500 chains crossed" in w.view.title.get_text()
    assert not w.view.pdf.get_visible()
    w.controls["temperature"].value = 0.5
    w.controls["barrier"].value = 3.0                      # the sliders stop inside τ < 1/(4b)
    w.controls["step_size"].value = w.controls["step_size"].max
    assert w.error is None and w.state["mfpt"] > 50 * w.state["ula"]  # a huge step bias
    with pytest.raises(ValueError, match=r"stability bound at the wells, τ < 2/U''\(±1\)"):
        E.kramers_run(barrier=3.2, step_size=0.08, n_chains=10)


# ----------------------------------------------------------------------------- code shape
def _functions(path):
    tree = ast.parse(path.read_text())
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_no_module_over_600_lines():
    long = {p.name: n for p in ROOT.rglob("*.py") if (n := len(p.read_text().splitlines())) > 600}
    assert not long


def test_no_control_characters_in_the_package_source():
    """A TeX escape in a non-raw docstring (\\frac, \\to, \\big) turns into a form feed, tab or
    backspace, and the API page shows the formula as broken text."""
    bad = {f"{p.name}:{i}": line.strip()[:60] for p in ROOT.rglob("*.py")
           for i, line in enumerate(p.read_text().splitlines(), 1)
           if any(ord(ch) < 32 and ch != "\n" for ch in line)}
    assert not bad


def test_no_import_inside_a_function_in_plotting_or_widgets():
    files = [ROOT / "widgets.py", *sorted((ROOT / "plotting").glob("*.py"))]
    offenders = [f"{p.name}:{f.name}" for p in files for f in _functions(p)
                 if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(f))]
    assert not offenders


def test_every_explorer_is_short():
    """About 20 lines of code each: controls, a run, a view (docstrings not counted)."""
    source = (ROOT / "widgets.py").read_text().splitlines()
    for f in _functions(ROOT / "widgets.py"):
        if f.name.startswith("explore_"):
            doc = f.body[0]
            code = f.end_lineno - doc.end_lineno
            assert code <= 30, f"{f.name}: {code} lines"
            assert "set_" not in "\n".join(source[doc.end_lineno:f.end_lineno])  # no artists


def test_fokker_planck_density_and_chains_move_together():
    w = Wd.explore_fokker_planck(temperature=1.0)
    w.controls["n_steps"].value = 150
    fp = L.FokkerPlanck1D(L.DoubleWell(), w.view.density.get_xdata())
    start = E.start_density(fp.grid, -1.5, 0.15)
    np.testing.assert_allclose(w.view.density.get_ydata(), fp.evolve(start, 1.5), atol=1e-10)
    np.testing.assert_allclose(w.view.dots.get_offsets()[:, 0], w.state["samples"][:150])
    w.controls["temperature"].value = 0.0             # no Fokker-Planck density: said so
    assert w.error is None and w.state["stationary"] is None
    assert "drift" in w.state["title"] and "No noise" in w.view.note.get_text()
