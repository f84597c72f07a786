"""The views of langevin.plotting: each draw_* draws its data, and update(...) with the same
kind of data redraws in place (same artists, new data)."""
from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest

import langevin as L
from langevin import experiments as E
from langevin import plotting as P
from langevin.plotting import fokker_planck as FP


def _small_fp_run(**kw):
    return E.fokker_planck_runs(L.DoubleWell(), np.linspace(-3, 3, 121), x0=-1.5,
                                steps=[0, 50, 200], step_size=0.002, n_chains=400, rng=0, **kw)


def test_every_draw_returns_a_view_with_update():
    names = [n for n in P.__all__ if n.startswith("draw_") and n != "draw_message"]
    rng = np.random.default_rng(0)
    gm, dw = L.GaussianMixture.default(), L.DoubleWell()
    calls = {
        "draw_paths": lambda: P.draw_paths(rng.standard_normal((5, 2, 1))),
        "draw_paths_2d": lambda: P.draw_paths_2d(np.zeros((3, 2, 2))),
        "draw_score_sampling": lambda: P.draw_score_sampling(gm, np.zeros((3, 2, 1)),
                                                             np.ones((3, 2, 1))),
        "draw_langevin_comparison": lambda: P.draw_langevin_comparison(
            np.arange(3.0), np.zeros((3, 2)), np.zeros((3, 2)), friction=1.0, temperature=1.0),
        "draw_histogram": lambda: P.draw_histogram(np.zeros(5), potential=dw),
        "draw_density_strip": lambda: P.draw_density_strip(dw, *plt.subplots(1, 2)[1]),
        "draw_density_and_score": lambda: P.draw_density_and_score(gm),
        "draw_boltzmann_densities": lambda: P.draw_boltzmann_densities(dw, [1.0]),
        "draw_histogram_panels": lambda: P.draw_histogram_panels({"a": np.zeros(3)},
                                                                 bins=np.linspace(-1, 1, 5)),
        "draw_histogram_grid": lambda: P.draw_histogram_grid({"a": np.zeros((2, 3))}, [0, 1]),
        "draw_measured_vs_exact": lambda: P.draw_measured_vs_exact([1, 2], {"m": [1, 2]}),
        "draw_variance_vs_step": lambda: P.draw_variance_vs_step([0.1, 0.2]),
        "draw_mode_fraction_history": lambda: P.draw_mode_fraction_history([0, 1], [0.5, 0.4]),
        "draw_overdamped_check": lambda: P.draw_overdamped_check(
            np.arange(3.0), {1.0: np.zeros((3, 4))}, x0=0.0),
        "draw_discretisation": lambda: P.draw_discretisation(E.discretisation_run(n_chains=50)),
        "draw_mode_weights": lambda: P.draw_mode_weights(
            E.mode_weights_run(n_particles=20, max_steps=10, n_steps=5)),
        "draw_newton": lambda: P.draw_newton(dw, np.arange(3.0), np.zeros((3, 1)),
                                             np.zeros((3, 1))),
        "draw_force_field": lambda: P.draw_force_field(E.double_well_2d(), n_grid=20),
        "draw_force_paths": lambda: P.draw_force_paths(E.double_well_2d(), np.zeros((3, 1, 2)),
                                                       np.zeros((3, 2, 2)), temperature=1.0),
        "draw_fokker_planck_grid": lambda: P.draw_fokker_planck_grid({"a": _small_fp_run()}),
        "draw_relative_entropy": lambda: P.draw_relative_entropy(
            {"a": (np.arange(3.0), np.exp(-np.arange(3.0)), 1.0)}),
        "draw_fokker_planck": lambda: P.draw_fokker_planck(
            E.fokker_planck_run(n_steps=20, n_chains=50)),
        "draw_noised_densities": lambda: P.draw_noised_densities(gm, [0.0, 2.0]),
        "draw_samples_2d": lambda: P.draw_samples_2d(np.zeros((3, 2))),
        "draw_levels_effect": lambda: P.draw_levels_effect([1, 2],
                                                           {"a": ([0.5, 0.6], [0.1, 0.1])}),
        "draw_annealing": lambda: P.draw_annealing(
            E.annealed_run(n_levels=2, n_steps=5, n_particles=50)),
        "draw_arrhenius": lambda: P.draw_arrhenius(E.escape_table(ratios=(2,), n_chains=20)),
        "draw_escape_times": lambda: P.draw_escape_times(E.kramers_run(n_chains=20)),
    }
    assert set(names) == set(calls)
    for name, call in calls.items():
        view = call()
        assert isinstance(view, P.View), name
        assert view.figure is view.axes[0].figure, name
        plt.close(view.figure)  # more than 20 open figures warn (an error here)


def test_langevin_comparison_highlights_one_path_in_both_panels():
    t = np.linspace(0.0, 1.0, 11)
    under, over = np.arange(33.0).reshape(11, 3), -np.arange(33.0).reshape(11, 3)
    view = P.draw_langevin_comparison(t, under, over, friction=2.0, temperature=1.0,
                                      highlight=1)
    np.testing.assert_array_equal(view.under.bold.get_ydata(), under[:, 1])
    np.testing.assert_array_equal(view.over.bold.get_ydata(), over[:, 1])
    assert view.over.lines.get_alpha() < 0.5 * 0.5          # the others are faded
    assert [float(v) for v in view.figure.get_size_inches()] == [7.0, 3.2]
    plt.close("all")


def test_paths_view_draws_the_chains_and_updates_in_place():
    traj = np.random.default_rng(0).standard_normal((11, 3, 1))
    view = P.draw_paths(traj, ends=True, highlight=1)
    segs = view.lines.get_segments()
    assert len(segs) == 3
    np.testing.assert_allclose(segs[1][:, 0], np.arange(11))
    np.testing.assert_allclose(segs[1][:, 1], traj[:, 1, 0])
    np.testing.assert_allclose(view.bold.get_ydata(), traj[:, 1, 0])   # the highlighted chain
    lines = view.lines
    view.update(2 * traj[:6], t=0.5 * np.arange(6))
    assert view.lines is lines                                         # same artist
    np.testing.assert_allclose(view.lines.get_segments()[2][:, 1], 2 * traj[:6, 2, 0])
    np.testing.assert_allclose(view.ends.get_offsets()[:, 1], 2 * traj[5, :, 0])
    assert [float(v) for v in view.axes[0].get_xlim()] == [0.0, 2.5]


def test_paths_2d_view():
    p = np.random.default_rng(2).standard_normal((7, 3, 2))
    view = P.draw_paths_2d(p)
    np.testing.assert_allclose(view.lines.get_segments()[1], p[:, 1])
    view.update(p[::-1], visible=False)
    np.testing.assert_allclose(view.ends.get_offsets(), p[0])
    assert not view.lines.get_visible()


def test_histogram_is_a_density_and_switches_to_minima_at_zero_temperature():
    s = np.random.default_rng(1).standard_normal((5000, 1))
    view = P.draw_histogram(s, potential=L.Gaussian(0.0, 1.0), xlim=(-6, 6), bins=61)
    values, edges, _ = view.hist.get_data()
    assert np.sum(values * np.diff(edges)) == pytest.approx(1.0)
    curve = view.curves["$e^{-U/T}/Z$"]
    np.testing.assert_allclose(curve.get_ydata(), L.boltzmann_density(L.Gaussian(0.0, 1.0),
                                                                       view.grid))
    view.update(np.zeros((10, 1)), temperature=0.0, potential=L.DoubleWell())
    assert not curve.get_visible()
    shown = sorted(m.get_xdata()[0] for m in view.minima if m.get_visible())
    np.testing.assert_allclose(shown, [-1.0, 1.0], atol=0.02)   # the double well's minima
    assert P.hist_density([0.1, 0.2, 5.0], [0.0, 0.5, 1.0]).sum() * 0.5 == pytest.approx(2 / 3)


def test_histogram_grid_rows_of_snapshots_on_one_scale_and_follows_one_chain():
    gm = L.GaussianMixture.default()
    snaps = np.random.default_rng(3).standard_normal((2, 3, 400, 1))   # 2 runs, 3 steps
    view = P.draw_histogram_grid({"a": snaps[0], "b": snaps[1]}, [0, 5, 20], potential=gm,
                                 follow=7, ylim=(0.0, 0.5), bins=21)
    assert len(view.panels) == 6 and [ax.get_title() for ax in view.axes[:3]] == \
        ["step 0", "step 5", "step 20"]
    assert [ax.get_ylabel() for ax in view.axes[::3]] == ["a", "b"]
    for k, panel in enumerate(view.panels):                  # row by row, step by step
        values, edges, _ = panel.hist.get_data()
        np.testing.assert_allclose(values, P.hist_density(snaps[k // 3, k % 3], edges))
        assert panel.axes[0].get_ylim() == (0.0, 0.5)        # one scale, tall bars cut off
        assert view.marks[k].get_xdata()[0] == snaps[k // 3, k % 3, 7, 0]
    hist = view.panels[4].hist
    view.update({"a": snaps[1], "b": 2.0 + snaps[0]})
    assert view.panels[4].hist is hist and view.axes[4].get_ylim() == (0.0, 0.5)
    assert view.marks[4].get_xdata()[0] == 2.0 + snaps[0, 1, 7, 0]
    curve = view.panels[0].curves["$e^{-U/T}/Z$"]
    np.testing.assert_allclose(curve.get_ydata(), L.boltzmann_density(gm, view.panels[0].grid))


def test_score_sampling_view_titles_follow_the_temperature():
    gm = L.GaussianMixture.default()
    w0, w1 = E.score_runs(gm, n_steps=20, n_particles=4)
    view = P.draw_score_sampling(gm, w0, w1, modes=[-2, 2])
    np.testing.assert_allclose(view.without.ends.get_offsets()[:, 1], w0[-1, :, 0])
    np.testing.assert_allclose(view.with_.ends.get_offsets()[:, 1], w1[-1, :, 0])
    view.update(w0, w0, temperature=0.0)
    assert "T = 0" in view.title.get_text()


def test_newton_view_energies():
    dw = L.DoubleWell()
    t, xs, vs = E.newton_run(dw, n_steps=50)
    view = P.draw_newton(dw, t, xs, vs)
    np.testing.assert_allclose(view.x.get_ydata(), xs[:, 0])
    np.testing.assert_allclose(view.tot.get_ydata(), L.energies(dw, xs, vs)[2])
    assert view.level.get_ydata()[0] == pytest.approx(0.5 * 1.6**2)
    a, b, c = (ax.get_position() for ax in view.axes)     # (a) (b) above a wide (c)
    assert a.y0 > c.y1 and b.y0 > c.y1 and a.x1 < b.x0 and c.width > 1.5 * a.width
    assert view.figure.get_size_inches()[0] <= 7.0
    fig, ax = plt.subplots()                                # one axes: replaced by the three
    view = P.draw_newton(dw, t, xs, vs, axes=ax)
    assert ax not in fig.axes and len(fig.axes) == 3 and view.figure is fig


def test_force_field_arrows_point_downhill_and_fields_are_cached():
    pot = E.double_well_2d()
    view = P.draw_force_field(pot, n_arrows=9)
    q = view.quiver
    uv = np.column_stack([q.U.ravel(), q.V.ravel()])
    assert np.all(np.sum(uv * pot.grad_energy(q.get_offsets()), axis=1) <= 1e-12)  # downhill
    g = L.Gaussian([0.0, 0.0], np.eye(2))
    view.update(g)
    view.update(pot)
    assert view.quiver is q and view.static_key() == id(pot)   # drawn once, shown again


def test_checks_views():
    view = P.draw_variance_vs_step([0.1, 0.5, 1.0], variance=2.0, measured={"m": ([0.2], [2.1])})
    np.testing.assert_allclose(view["formula"].get_ydata(),
                               [L.ula_gaussian_variance(2.0, s) for s in (0.1, 0.5, 1.0)])
    view = P.draw_mode_fraction_history(np.arange(3), [0.5, 0.3, 0.2], marker_step=1)
    view.update(fraction=[0.1, 0.2, 0.3])
    np.testing.assert_array_equal(view["fraction"].get_ydata(), [0.1, 0.2, 0.3])
    t = np.linspace(0.0, 2.0, 5)
    view = P.draw_overdamped_check(t, {1.0: np.full((5, 100), 2.0)}, x0=2.0)
    exact = view.panels[0]["overdamped, $\\gamma$ = 1"]          # a smooth curve over t
    np.testing.assert_allclose(exact.get_ydata(), L.ou_moments(exact.get_xdata(), 2.0, 1.0)[0])
    assert exact.get_xdata()[0] == 0.0 and exact.get_xdata()[-1] == 2.0
    np.testing.assert_array_equal(view.panels[0]["BAOAB, $\\gamma$ = 1"].get_xdata(), t)


def test_message_layer_shows_and_hides():
    fig, _ = P.offscreen_figure()
    msg = P.draw_message(fig)
    assert not msg.text.get_visible()
    msg.update("The chains diverged.")
    assert msg.text.get_visible() and msg.veil.get_visible()
    msg.update(None)
    assert not msg.veil.get_visible()


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
    n_before = len(plt.get_fignums())
    assert "<img" in P.animation_html(anim)
    assert len(plt.get_fignums()) == n_before - 1  # the figure was closed


def test_plotting_computes_no_physics_and_imports_no_widgets():
    """DESIGN §1: physics lives in the package modules; plotting only draws."""
    code = ("import sys, langevin.plotting as P; "
            "print('ipywidgets' in sys.modules, hasattr(P, 'boltzmann_density'), "
            "hasattr(P, 'energies'), hasattr(P, 'local_minima'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False"] * 4


# ----------------------------------------------------------------------------- chapter 9
def test_noised_densities_draw_p_sigma_and_the_scaled_score():
    gm = E.song_ermon_mixture()
    view = P.draw_noised_densities(gm, [0.0, 3.0, 20.0], xlim=(-12, 12))
    x = view.artists["densities"][1].get_xdata()
    np.testing.assert_allclose(view.artists["densities"][1].get_ydata(),
                               L.boltzmann_density(gm.noised(3.0), x))
    np.testing.assert_allclose(view.artists["scores"][2].get_ydata(),
                               401.0 * gm.noised(20.0).score(x[:, None])[:, 0])
    # at sigma = 20 the scaled score is the responsibility-weighted mean minus x: on [-8, 8]
    # the responsibility of the heavy mode stays in [0.766, 0.830], so the mean is 3 +- 0.34
    inside = np.abs(x) <= 8
    np.testing.assert_allclose((view.artists["scores"][2].get_ydata() + x)[inside], 3.0,
                               atol=0.35)
    assert view.axes[1].get_ylabel() == r"$(1 + \sigma^2)\,\nabla\log p_\sigma$"
    plt.close("all")


def test_annealing_view_draws_the_run_and_updates_to_fewer_levels():
    run = E.annealed_run(n_levels=6, n_steps=5, n_particles=200)
    view = P.draw_annealing(run)
    np.testing.assert_array_equal(view.frac["chains"].get_ydata(), run["fractions"])
    values, edges, _ = view.hist.hist.get_data()
    np.testing.assert_allclose(values, P.hist_density(run["samples"], edges))
    plain = E.annealed_run(n_levels=1, n_steps=5, n_particles=200, temperature=0.0)
    view.update(**plain)
    np.testing.assert_array_equal(view.frac["chains"].get_xdata(), [0, 5])   # one level
    assert view.axes[1].get_xlim() == (0.0, 5.0)
    assert view.title.get_text().startswith("plain Langevin")
    plt.close("all")


def test_animate_annealing_frames_are_the_snapshots():
    gm, sig = E.song_ermon_mixture(), np.array([20.0, 1.0])
    x0 = np.random.default_rng(0).uniform(-8, 8, (300, 1))
    snaps = E.annealing_snapshots(gm, x0, sig, E.level_step_sizes(sig, 0.1), 10, per_level=2,
                                  rng=1)
    anim = P.animate_annealing(snaps, dpi=30)
    plain, annealed = (c for ax in anim._fig.axes for c in ax.patches)
    anim._func(3)
    edges = annealed.get_data().edges
    np.testing.assert_allclose(annealed.get_data().values,
                               P.hist_density(snaps["annealed"][3], edges))
    np.testing.assert_allclose(plain.get_data().values, P.hist_density(snaps["plain"][3], edges))
    assert anim._fig._suptitle.get_text() == "step 15 — annealed level σ = 1"
    assert "<img" in P.animation_html(anim)


# ----------------------------------------------------------------------------- ch. 6
def test_fokker_planck_grid_draws_the_chains_and_the_densities():
    run = _small_fp_run()
    view = P.draw_fokker_planck_grid({"a": run, "b": run}, bins=30)
    assert len(view.panels) == 6 and view.axes[2].get_title() == "$t$ = 0.4"
    edges = np.linspace(-3, 3, 31)
    for j, panel in enumerate(view.panels[:3]):
        values, got_edges, _ = panel.hist.get_data()
        np.testing.assert_allclose(got_edges, edges)
        np.testing.assert_allclose(values, P.hist_density(run["samples"][j], edges))
        np.testing.assert_allclose(panel.curves[FP.FP_LABEL].get_ydata(), run["densities"][j])
        np.testing.assert_allclose(panel.curves[FP.PINF_LABEL].get_ydata(), run["stationary"])
    curve = view.panels[1].curves[FP.FP_LABEL]
    view.update({"a": {**run, "densities": 2 * run["densities"]}, "b": run})
    assert view.panels[1].curves[FP.FP_LABEL] is curve                  # same artist
    np.testing.assert_allclose(curve.get_ydata(), 2 * run["densities"][1])


def test_relative_entropy_view_draws_ln_kl_and_the_slope():
    t = np.linspace(0.0, 4.0, 41)
    kl = np.exp(-2.0 * t) + 0.5 * np.exp(-6.0 * t)
    view = P.draw_relative_entropy({"a": (t, kl, 2.0), "b": (t, kl, 3.0)})
    np.testing.assert_allclose(view.curves[0].get_ydata(), np.log(kl))
    for slope, rate in zip(view.slopes, (2.0, 3.0)):
        x, y = slope.get_data()
        assert x[0] >= 2.0 and y[-1] == pytest.approx(np.log(kl[-1]))   # through the last point
        np.testing.assert_allclose(np.diff(y) / np.diff(x), -rate)


def test_fokker_planck_view_with_and_without_noise():
    hot = E.fokker_planck_run(n_steps=50, n_chains=400)
    view = P.draw_fokker_planck(hot)
    np.testing.assert_allclose(view.kl.get_ydata(), np.log(hot["kl"]))
    assert view.now.get_xdata()[0] == hot["time"] == 0.5
    assert view.now.get_ydata()[0] == pytest.approx(np.log(hot["kl_now"]))
    np.testing.assert_allclose(view.density.get_ydata(), hot["density"][1])
    np.testing.assert_allclose(view.hist.get_data()[0], P.hist_density(hot["samples"],
                                                                        hot["bins"]))
    np.testing.assert_allclose(view.dots.get_offsets()[:, 0], hot["samples"][:150])
    assert view.stats.get_text() == hot["stats"] and view.static_key() is True
    cold = E.fokker_planck_run(temperature=0.0, x0=0.2, n_steps=50, n_chains=400)
    view.update(**cold)
    assert not view.kl.get_visible() and not view.stationary.get_visible()
    assert view.static_key() is False and "No noise" in view.note.get_text()
    assert not view.axes[1].axison and sum(m.get_visible() for m in view.minima) == 2
    shown = [t.get_text() for t in view.legend.get_texts() if t.get_visible()]
    assert shown == ["chains", "drift alone (no noise)"]
    assert view.axes[0].get_ylim()[1] < 1e3         # the drift's spike does not set the scale
    view.update(**hot)
    assert view.kl.get_visible() and view.axes[1].axison and view.note.get_text() == ""
    assert all(t.get_visible() for t in view.legend.get_texts())


def test_animate_fokker_planck_moves_density_and_chains_together():
    run = _small_fp_run()
    anim = P.animate_fokker_planck({"double well": run}, bins=30, n_dots=40, dpi=20)
    hist, curve, dots, label = anim._func(2)
    np.testing.assert_allclose(curve.get_ydata(), run["densities"][2])
    np.testing.assert_allclose(dots.get_offsets()[:, 0], run["samples"][2, :40])
    np.testing.assert_allclose(hist.get_data()[0],
                               P.hist_density(run["samples"][2], np.linspace(-3, 3, 31)))
    assert label.get_text() == "double well, $t$ = 0.40"
    assert P.animation_html(anim).count("data:image/png") == 3   # one frame per time


def test_arrhenius_plot_draws_the_table_rates_and_times_in_units_of_kramers():
    table = E.escape_table(ratios=(2, 4), n_chains=50)
    relax = E.relaxation_table(ratios=(2, 4), grid=np.linspace(-2.5, 2.5, 201))
    view = P.draw_arrhenius(table, relaxation=relax)
    rate_ax, time_ax = view.axes
    assert rate_ax.get_yscale() == "log"
    lines = {l.get_label(): l for l in rate_ax.get_lines()}
    np.testing.assert_allclose(lines["exact 1/MFPT"].get_ydata(), 1 / table["mfpt"])
    np.testing.assert_allclose(lines["Kramers $k$"].get_ydata(), table["k"])
    np.testing.assert_allclose(lines[r"Fokker–Planck $\lambda_1/2$"].get_ydata(),
                               relax["lambda1"] / 2)
    times = {l.get_label(): l for l in time_ax.get_lines()}
    np.testing.assert_allclose(times["exact MFPT·$k$"].get_ydata(), [1.25, 1.142], atol=1e-3)
    mean = np.array([m.value for m in table["mean"]])
    (bars,) = time_ax.containers                  # the chains: errorbar markers ± SE
    assert bars.get_label() == r"chains $\langle t\rangle k$"
    np.testing.assert_allclose(bars.lines[0].get_ydata(), mean * table["k"])
    seg = bars.lines[2][0].get_segments()[0]
    np.testing.assert_allclose(seg[1, 1] - seg[0, 1], 2 * table["mean"][0].se * table["k"][0])


def test_escape_times_view_is_a_density_over_all_chains_and_a_survival_curve():
    """Times in units of the MFPT (2.0 here); 4 of 5 chains arrived; the survival stops at the
    run's end; the axes keep their limits."""
    data = {"times": np.array([1.0, 3.0, 3.2, 6.0]), "n_chains": 5, "unit": 2.0, "t_max": 8.0,
            "bins": np.arange(6.0), "xlim": (0.0, 5.0), "xlabel": "t / MFPT", "mfpt": 2.0,
            "kramers_time": 1.6, "title": "t"}
    view = P.draw_escape_times(data)
    np.testing.assert_allclose(view.hist.get_data().values, [0.2, 0.4, 0.0, 0.2, 0.0])
    s, alive = view.surv.get_data()
    np.testing.assert_allclose(10 ** alive[np.searchsorted(s, 2.0)], 2 / 5)  # 3 of 5 gone
    assert np.all(np.isnan(alive[s > 4.0]))                 # after t_max = 8 = 4 MFPT: unknown
    np.testing.assert_allclose(view.pdf.get_ydata(), np.exp(-s))
    np.testing.assert_allclose(10 ** view.kr_s.get_ydata(), np.exp(-s / 0.8))   # log10 drawn
    assert view.axes[1].yaxis.get_major_formatter()(-2.0) == "$10^{-2}$"
    assert view.kt.get_xdata()[0] == 0.8 and not view.law_pdf.get_visible()
    assert view.axes[0].get_xlabel() == "t / MFPT" and view.static_key() == "t / MFPT"
    law = {"t": np.array([1.0, 2.0]), "density": np.array([0.3, 0.2]),
           "survival": np.array([0.7, 0.4])}
    view.update(**{**data, "law": law})
    np.testing.assert_allclose(view.law_pdf.get_data(), [[0.5, 1.0], [0.6, 0.4]])
    view.update(**{**data, "times": np.empty(0), "mfpt": None, "kramers_time": None,
                   "unit": 8.0, "xlabel": "t / run"})
    assert not view.pdf.get_visible() and not view.exp_s.get_visible()
    assert np.nanmax(view.surv.get_ydata()) == 0.0 and view.hist.get_data().values.max() == 0
    assert view.axes[1].get_xlabel() == "t / run" and view.axes[0].get_xlim() == (0.0, 5.0)
