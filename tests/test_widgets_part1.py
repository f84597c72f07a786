"""Chapters 1–4: the explore_* widgets (run headless) and the draw_* functions they share.

Every widget: callable with no arguments, returns an ipywidgets widget with a noise control
where 0 means no noise, and every control changes the data it draws (``widget.state``).
"""
import ipywidgets as W
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import langevin as L  # noqa: E402
from langevin import experiments as E  # noqa: E402
from langevin import plotting as P  # noqa: E402
from langevin import widgets as Wd  # noqa: E402

EXPLORERS = {
    "explore_score_sampling": {"step_size": 0.2, "n_steps": 120, "seed": 5},
    "explore_newton": {"mass": 2.0, "v0": 1.0, "friction": 1.2, "seed": 3,
                       "step_size": 0.01, "n_steps": 300},
    "explore_force_field": {"potential": "mixture", "x0": 1.0, "y0": -1.0, "seed": 2,
                            "step_size": 0.01, "n_steps": 200},
    "explore_boltzmann": {"potential": "mixture", "seed": 4, "step_size": 0.01, "n_steps": 100},
}
#: The controls DESIGN §4 asks of every explorer: noise (0 = none), step size, steps, seed.
COMMON_CONTROLS = {"temperature", "step_size", "n_steps", "seed"}
#: Chapters 5–7 (tests/test_widgets_part2.py).
PART_II = {"explore_langevin_equation", "explore_discretisation", "explore_mode_weights"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _arrays(state):
    return {k: np.asarray(v) for k, v in state.items() if isinstance(v, np.ndarray)}


def _differs(a, b):
    a, b = _arrays(a), _arrays(b)
    return any(a[k].shape != b[k].shape or not np.array_equal(a[k], b[k]) for k in a)


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_explorer_builds_with_no_arguments(name):
    w = getattr(Wd, name)()
    assert isinstance(w, W.Widget)
    assert {"temperature", "seed"} <= set(w.controls)
    assert w.controls["temperature"].min == 0.0
    assert w.image.value[:8] == b"\x89PNG\r\n\x1a\n"  # the saved picture exists
    assert name in Wd.__all__


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_changes_the_drawn_data(name):
    w = getattr(Wd, name)()
    # the noise control: temperature 0 vs a positive value
    w.controls["temperature"].value = 0.0
    cold = dict(w.state)
    w.controls["temperature"].value = 0.7
    if name == "explore_newton":  # kicks need friction; friction alone is a separate control
        w.controls["friction"].value = 0.5
    hot = dict(w.state)
    assert _differs(cold, hot), "temperature 0 and 0.7 drew the same data"
    for control, value in EXPLORERS[name].items():
        before = dict(w.state)
        png = w.image.value
        w.controls[control].value = value
        assert _differs(before, w.state), f"changing {control} did not change the data"
        assert w.image.value != png, f"changing {control} did not redraw"


def test_explorers_cover_part_one():
    part_one = {n for n in Wd.__all__ if n.startswith("explore_")} - PART_II
    assert part_one == set(EXPLORERS)


@pytest.mark.parametrize("name", sorted(n for n in Wd.__all__ if n.startswith("explore_")))
def test_explorer_has_temperature_step_size_steps_and_seed(name):  # every chapter's widget
    w = getattr(Wd, name)()
    assert COMMON_CONTROLS <= set(w.controls)
    assert w.controls["temperature"].min == 0.0
    assert w.controls["step_size"].min > 0
    assert w.controls["n_steps"].min >= 0            # 0 steps = the starting points
    for key in ("step_size", "n_steps"):
        c = w.controls[key]
        assert c.min < c.value < c.max, f"{key}: default not inside its range"


@pytest.mark.parametrize("name, extremes", [
    ("explore_newton", {"mass": 0.2, "v0": 3.0, "friction": 0.05}),
    ("explore_newton", {"mass": 0.2, "v0": 3.0, "friction": 2.0}),
    ("explore_force_field", {"x0": 2.4, "y0": 2.4}),
    ("explore_force_field", {"x0": -2.4, "y0": -2.4, "potential": "mixture"}),
    ("explore_force_field", {"x0": 2.4, "y0": -2.4, "potential": "Gaussian"}),
    ("explore_boltzmann", {}),
    ("explore_boltzmann", {"potential": "mixture"}),
    ("explore_boltzmann", {"potential": "Gaussian"}),
])
def test_step_controls_at_their_limits_stay_finite(name, extremes):
    """The slider ranges stay below the stability bounds: largest step, most steps, hottest."""
    w = getattr(Wd, name)()
    for key, value in extremes.items():
        w.controls[key].value = value
    for key in ("temperature", "step_size", "n_steps"):
        w.controls[key].value = w.controls[key].max
    for seed in range(3):
        w.controls["seed"].value = seed
        for v in _arrays(w.state).values():
            assert np.all(np.isfinite(v))


def test_step_controls_default_to_the_chapter_runs():
    dw = L.DoubleWell()
    w = Wd.explore_newton()
    np.testing.assert_array_equal(w.state["xs"], E.newton_run(dw, x0=-1.0, v0=1.6)[1])
    np.testing.assert_allclose(w.state["times"][-1], 10.0)
    w = Wd.explore_force_field()
    path, _ = E.force_field_runs(E.example_potentials_2d()["double well"], temperature=0.0)
    np.testing.assert_array_equal(w.state["without"], path)
    w = Wd.explore_boltzmann()
    s = E.boltzmann_runs(dw, temperature=1.0, step_size=0.02, n_steps=300, seed=0)
    np.testing.assert_array_equal(w.state["samples"], s)


def test_newton_step_controls_set_time_axis():
    w = Wd.explore_newton()
    w.controls["step_size"].value = 0.05
    w.controls["n_steps"].value = 400
    assert w.state["xs"].shape == (401, 1)
    np.testing.assert_allclose(w.state["times"][-1], 20.0)
    np.testing.assert_array_equal(w.state["xs"], w.state["newton_xs"])  # still pure Newton


def test_score_sampling_noise_off_equals_deterministic_run():
    w = Wd.explore_score_sampling(temperature=0.0)
    np.testing.assert_array_equal(w.state["with"], w.state["without"])
    without, _ = E.score_runs(L.GaussianMixture.default(), temperature=1.0)
    np.testing.assert_array_equal(w.state["without"], without)
    # noise-free chains stop at the local maxima ±x*, x* = 1.998651346030 (DESIGN §6)
    np.testing.assert_allclose(np.abs(w.state["without"][-1]), 1.998651346030, atol=1e-6)
    w.controls["temperature"].value = 1.0
    assert not np.array_equal(w.state["with"], w.state["without"])
    np.testing.assert_array_equal(w.state["with"][0], w.state["without"][0])  # same starts


def test_score_sampling_artists_hold_the_trajectories():
    w = Wd.explore_score_sampling()
    ax = w.figure.axes[2]
    lines = [c for c in ax.collections if hasattr(c, "get_segments")][0]
    segs = lines.get_segments()
    np.testing.assert_allclose(segs[0][:, 1], w.state["with"][:, 0, 0])
    assert len(segs) == w.state["with"].shape[1]


def test_newton_noise_off_is_newton():
    w = Wd.explore_newton()
    np.testing.assert_array_equal(w.state["xs"], w.state["newton_xs"])
    e = w.state["energy"]
    assert np.abs(e / e[0] - 1).max() < 5e-3  # Verlet conserves energy
    w.controls["friction"].value = 0.5        # friction, no kicks: energy only decreases
    e = w.state["energy"]
    assert e[-1] < e[0]
    w.controls["temperature"].value = 0.5
    assert not np.array_equal(w.state["xs"], w.state["newton_xs"])


def test_newton_temperature_without_friction_stays_newton():
    w = Wd.explore_newton(temperature=0.5, friction=0.0)
    np.testing.assert_array_equal(w.state["xs"], w.state["newton_xs"])
    assert "no kicks" in w.figure.axes[1].get_title()


def test_force_field_noise_off_paths_coincide_and_end_in_minimum():
    w = Wd.explore_force_field()
    paths = w.state["with"]
    np.testing.assert_allclose(paths, np.broadcast_to(w.state["without"], paths.shape))
    np.testing.assert_allclose(w.state["without"][-1, 0], [1.0, 0.0], atol=1e-3)
    w.controls["temperature"].value = 0.5
    assert not np.allclose(w.state["with"][-1], w.state["without"][-1])


def test_force_field_potential_switch_shows_one_field():
    w = Wd.explore_force_field()
    w.controls["potential"].value = "Gaussian"
    visible = [c for c in w.figure.axes[0].collections if c.get_visible()]
    quivers = [c for c in visible if type(c).__name__ == "Quiver"]
    assert len(quivers) == 1


def test_boltzmann_temperature_zero_collapses_onto_minima():
    w = Wd.explore_boltzmann(temperature=0.0)
    s = w.state["samples"]
    assert w.state["density"] is None
    np.testing.assert_allclose(np.abs(s), 1.0, atol=1e-6)
    w.controls["temperature"].value = 1.0
    s = w.state["samples"]
    assert np.abs(np.abs(s) - 1.0).max() > 0.5
    grid = np.linspace(-4.5, 4.5, 600)
    np.testing.assert_allclose(w.state["density"], P.boltzmann_density(L.DoubleWell(), grid))


# ----------------------------------------------------------------------------- draw_*
def test_boltzmann_density_normalised_and_gaussian():
    grid = np.linspace(-10, 10, 4001)
    p = P.boltzmann_density(L.Gaussian(0.0, 1.0), grid, temperature=2.0)
    assert np.trapezoid(p, grid) == pytest.approx(1.0)
    np.testing.assert_allclose(p, np.exp(-grid**2 / 4) / np.sqrt(4 * np.pi), atol=1e-10)
    with pytest.raises(ValueError, match="temperature"):
        P.boltzmann_density(L.Gaussian(0.0, 1.0), grid, temperature=0.0)


def test_draw_paths_1d_and_update():
    traj = np.random.default_rng(0).standard_normal((11, 3, 1))
    art = P.draw_paths_1d(traj)
    segs = art["lines"].get_segments()
    assert len(segs) == 3
    np.testing.assert_allclose(segs[1][:, 0], np.arange(11))
    np.testing.assert_allclose(segs[1][:, 1], traj[:, 1, 0])
    np.testing.assert_allclose(art["ends"].get_offsets()[:, 1], traj[-1, :, 0])
    P.update_paths_1d(art, traj[:6] * 2)
    np.testing.assert_allclose(art["lines"].get_segments()[2][:, 1], 2 * traj[:6, 2, 0])
    assert art["ax"].get_xlim() == (0.0, 5.0)


def test_draw_score_sampling_two_panels():
    gm = L.GaussianMixture.default()
    w0, w1 = E.score_runs(gm, n_steps=20, n_particles=4)
    art = P.draw_score_sampling(gm, w0, w1, modes=[-2, 2])
    np.testing.assert_allclose(art["without"]["ends"].get_offsets()[:, 1], w0[-1, :, 0])
    np.testing.assert_allclose(art["with"]["ends"].get_offsets()[:, 1], w1[-1, :, 0])


def test_draw_histogram_values_are_a_density():
    s = np.random.default_rng(1).standard_normal((5000, 1))
    art = P.draw_histogram(s, L.Gaussian(0.0, 1.0), xlim=(-6, 6), bins=61)
    values, edges, _ = art["hist"].get_data()
    assert np.sum(values * np.diff(edges)) == pytest.approx(1.0)
    assert art["curve"].get_visible()
    P.update_histogram(art, np.zeros((10, 1)), temperature=0.0)
    assert not art["curve"].get_visible()
    assert all(m.get_visible() for m in art["minima"])


def test_local_minima_and_energies():
    np.testing.assert_allclose(P.local_minima(L.DoubleWell(), np.linspace(-2, 2, 401)), [-1, 1])
    k, u, e = P.energies(L.DoubleWell(), np.array([[0.0], [1.0]]), np.array([[1.0], [2.0]]),
                         mass=2.0)
    np.testing.assert_allclose(k, [1.0, 4.0])
    np.testing.assert_allclose(u, [1.0, 0.0])
    np.testing.assert_allclose(e, [2.0, 4.0])


def test_draw_newton_data():
    dw = L.DoubleWell()
    t, xs, vs = E.newton_run(dw, n_steps=50)
    art = P.draw_newton(dw, t, xs, vs)
    np.testing.assert_allclose(art["x"].get_ydata(), xs[:, 0])
    np.testing.assert_allclose(art["tot"].get_ydata(), P.energies(dw, xs, vs)[2])
    assert art["level"].get_ydata()[0] == pytest.approx(0.5 * 1.6**2)


def test_draw_force_field_arrows_point_downhill():
    pot = E.double_well_2d()
    art = P.draw_force_field(pot, n_arrows=9)
    q = art["quiver"]
    pts = q.get_offsets()
    uv = np.column_stack([q.U.ravel(), q.V.ravel()])
    grad = pot.grad_energy(pts)
    assert np.all(np.sum(uv * grad, axis=1) <= 1e-12)  # never uphill


def test_draw_paths_2d_and_update():
    p = np.random.default_rng(2).standard_normal((7, 3, 2))
    art = P.draw_paths_2d(p)
    np.testing.assert_allclose(art["lines"].get_segments()[1], p[:, 1])
    P.update_paths_2d(art, p[::-1])
    np.testing.assert_allclose(art["ends"].get_offsets(), p[0])


def test_draw_boltzmann_densities_lines():
    lines = P.draw_boltzmann_densities(L.DoubleWell(), [0.5, 1.0])
    assert len(lines) == 2
    assert lines[0].get_ydata().max() > lines[1].get_ydata().max()  # colder = sharper


def test_animate_particles_frames_follow_the_runs():
    gm = L.GaussianMixture.default()
    w0, w1 = E.score_runs(gm, n_steps=10, n_particles=3)
    anim = P.animate_particles(gm, w0, w1, frames=3, times=0.5 * np.arange(11),
                               titles=("left run", "right run"))
    fig = anim._fig
    anim._func(2)                                   # the last frame: step 10, t = 5.0
    assert fig._suptitle.get_text() == "t = 5.0"
    left, right = (c for ax in fig.axes for c in ax.collections if c.get_offsets().shape[0] == 3)
    np.testing.assert_allclose(left.get_offsets()[:, 0], w0[-1, :, 0])
    np.testing.assert_allclose(right.get_offsets()[:, 0], w1[-1, :, 0])
    assert [ax.get_title() for ax in fig.axes] == ["left run", "right run"]
    assert "<img" in P.animation_html(anim)         # renders (and closes the figure)


@pytest.mark.parametrize("animate", ["score", "newton"])
def test_animations_render_to_html(animate):
    if animate == "score":
        gm = L.GaussianMixture.default()
        w0, w1 = E.score_runs(gm, n_steps=10, n_particles=3)
        anim = P.animate_particles(gm, w0, w1, frames=3)
    else:
        t, xs, _ = E.newton_run(L.DoubleWell(), n_steps=10)
        anim = P.animate_newton(L.DoubleWell(), xs, frames=3)
    n_before = len(plt.get_fignums())
    html = P.animation_html(anim)
    assert "<img" in html or "animation" in html.lower()
    assert len(plt.get_fignums()) == n_before - 1  # the figure was closed
