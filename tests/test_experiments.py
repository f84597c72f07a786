"""The chapters' runs (langevin.experiments): what each returns, that a widget's run is the
chapter's run, and that a setting that cannot work raises one plain sentence."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.stats import norm

import langevin as L
from langevin import experiments as E


def test_experiments_import_no_drawing_or_widgets():
    code = ("import sys, langevin.experiments; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_widget_runs_are_the_chapter_runs():
    dw = L.DoubleWell()
    r = E.newton_explorer_run()
    np.testing.assert_array_equal(r["xs"], E.newton_run(dw, x0=-1.0, v0=1.6)[1])
    r = E.force_paths_run()
    path, _ = E.force_field_runs(E.example_potentials_2d()["double well"], temperature=0.0)
    np.testing.assert_array_equal(r["path_without"], path)
    r = E.boltzmann_run()
    np.testing.assert_array_equal(r["samples"], E.boltzmann_runs(dw, n_steps=300, seed=0))
    r = E.langevin_comparison_run()
    x0 = np.linspace(-1.8, 1.8, 12)[:, None]
    t, xs, xo, _ = E.langevin_comparison_runs(dw, x0, friction=0.5, temperature=1.0,
                                              step_size=0.05, n_steps=400, rng=0)
    np.testing.assert_array_equal(r["underdamped"], xs[..., 0])
    np.testing.assert_array_equal(r["overdamped"], xo[..., 0])


def test_boltzmann_run_gives_the_mean_energy_against_the_exact_one():
    # N(0, 1) with its normalising constant: U = x²/2 + log(2π)/2, so <U>_T = T/2 + log(2π)/2
    r = E.boltzmann_run(potential="Gaussian", temperature=2.0, step_size=0.025, n_steps=500)
    exact = 1.0 + 0.5 * np.log(2 * np.pi)
    assert r["exact_mean_energy"] == pytest.approx(exact, abs=1e-9)
    u = r["mean_energy"]
    assert u.value == pytest.approx(float(np.mean(r["potential"].energy(r["samples"]))))
    # ULA's exact variance after 500 steps from uniform starts on [-3, 3] (variance 3)
    _, var = L.ula_gaussian_moments(0.0, 3.0, 0.0, 1.0, 0.025, 500, temperature=2.0)
    assert abs(u.z(var / 2 + 0.5 * np.log(2 * np.pi))) < 5
    assert f"exact {exact:.3f} (z = {u.z(exact):+.1f})" in r["title"]
    cold = E.boltzmann_run(temperature=0.0)
    assert cold["mean_energy"] is None and "no noise" in cold["title"]


def test_score_sampling_past_the_bound_raises_a_sentence():
    E.score_sampling_run(step_size=1.9, n_steps=500)             # still converges (|1-τ| < 1)
    with pytest.raises(L.DivergenceError, match="smaller step size"):
        E.score_sampling_run(step_size=2.5, n_steps=500)


def test_discretisation_run_matches_the_ar1_formula_and_names_the_bound():
    r = E.discretisation_run(step_size=0.5, temperature=0.0, n_steps=7, n_chains=100)
    x0 = np.random.default_rng(0).standard_normal(100)
    np.testing.assert_allclose(r["samples"], 0.5**7 * x0, rtol=1e-12)   # x_n = a^n x_0
    with pytest.raises(ValueError, match=r"stability bound τ < 2s² = 1"):
        E.discretisation_run(step_size=1.0, variance=0.5)


def test_discretisation_mala_acceptance_is_the_run_info():
    r = E.discretisation_run(step_size=1.5, method="MALA", n_chains=4000, n_steps=10)
    x0 = np.random.default_rng(0).standard_normal((4000, 1))
    _, info = L.simulate(L.Gaussian(0.0, 1.0), x0, step_size=1.5, n_steps=10, method="mala",
                         rng=1, keep="final", return_info=True)
    assert r["acceptance"] == pytest.approx(float(info.acceptance_rate.mean()))


def test_discretisation_run_prints_the_variance_with_its_error_and_z():
    r = E.discretisation_run(step_size=0.5, n_chains=2000)
    est = L.variance_estimate(r["samples"])
    assert r["measured_variance"] == pytest.approx(est.value)
    assert est.se > 0 and r["measured_se"] == pytest.approx(est.se)
    assert f"variance {est:.3f}" in r["title"]
    assert f"target 1.000 (z = {est.z(1.0):+.1f})" in r["title"]
    # the reference is ULA's exact law after these steps: a = 1 - tau/s^2, from the start N(0, 1)
    # the variance is a^(2n) + v_inf (1 - a^(2n)), v_inf = 2 tau / (1 - a^2) = 4/3 (not yet there)
    short = E.discretisation_run(step_size=0.5, n_steps=2, n_chains=2000)
    v2, est2 = 0.5**4 + 4 / 3 * (1 - 0.5**4), L.variance_estimate(short["samples"])
    assert f"ULA's exact law after 2 steps {v2:.3f} (z = {est2.z(v2):+.1f})" in short["title"]
    assert f"{4 / 3:.3f}" not in short["title"]     # 1.312, not the stationary 1.333
    cold = E.discretisation_run(step_size=0.5, temperature=0.0, n_steps=2, n_chains=100)
    assert "no noise" in cold["title"] and f"exact {0.5**4:.3f}" in cold["title"]


def test_mode_weights_run_counts_the_left_cell_with_its_error_and_z():
    r = E.mode_weights_run(n_steps=30, max_steps=50, n_particles=400)
    est = L.mean_estimate(r["samples"] < 0)        # the left cell: nearer -2 than 2
    assert r["fraction"] == pytest.approx(est.value)
    assert est.se > 0 and r["fraction_se"] == pytest.approx(est.se)
    assert r["exact"] == pytest.approx(0.2 * 0.977249868 + 0.8 * 0.022750132, abs=1e-6)
    assert f"x < 0: {est:.3f}" in r["title"] and f"(z = {est.z(r['exact']):+.1f})" in r["title"]


def test_mode_weights_run_slices_one_cached_history():
    a = E.mode_weights_run(n_steps=10, max_steps=50, n_particles=30)
    b = E.mode_weights_run(n_steps=40, max_steps=50, n_particles=30)
    assert a["fraction_history"] is b["fraction_history"]
    assert b["fraction"] == b["fraction_history"][40]
    with pytest.raises(ValueError, match="n_steps"):
        E.mode_weights_run(n_steps=60, max_steps=50)


# ----------------------------------------------------------------------------- ch. 9
def test_ula_law_on_a_gaussian_is_the_exact_ar1_law():
    """On N(m, s²) ULA is x' − m = a(x − m) + √(2τT) z: after n steps from U(lo, hi) the mean is
    m + aⁿ(x̄₀ − m) and the variance a²ⁿv₀ + v∞(1 − a²ⁿ) (ula_gaussian_moments)."""
    g, p = E.ula_law([(L.Gaussian(1.0, 2.0), 0.3, 7)], (-4.0, 2.0), temperature=0.5,
                     points_per_sd=5)
    dx = g[1] - g[0]
    mean = np.sum(g * p) * dx
    var = np.sum((g - mean) ** 2 * p) * dx
    exact = L.ula_gaussian_moments(-1.0, 3.0, 1.0, 2.0, 0.3, 7, temperature=0.5)
    assert np.sum(p) * dx == pytest.approx(1.0, abs=1e-12)
    assert (mean, var) == pytest.approx(exact, abs=2e-3)


def test_ula_law_reproduces_the_song_ermon_oracle_and_converges_on_the_grid():
    """DESIGN §6: plain ULA 0.509, annealed 0.7547 (measured independently, by the transition
    matrices of test_simulation); points_per_sd 3 and 6 agree to 1e-4."""
    gm, sig = E.song_ermon_mixture(), E.noise_levels(10)
    taus = E.level_step_sizes(sig, 0.05)
    np.testing.assert_allclose(taus, 0.05 * (1 + sig**2))
    for pps in (3, 6):
        plain = E.mass_above(*E.ula_law([(gm, 0.05, 1000)], points_per_sd=pps))
        annealed = E.mass_above(*E.ula_law([(gm.noised(s), t, 100) for s, t in zip(sig, taus)],
                                           points_per_sd=pps))
        assert plain == pytest.approx(0.5098, abs=2e-4)
        assert annealed == pytest.approx(0.7547, abs=2e-4)


def test_ula_law_is_the_law_of_the_chains():
    """20 000 chains of annealed Langevin at eps = 0.2 (4 levels) against the exact law, at
    5 SE; the target's 0.8 lies > 10 SE away."""
    gm, sig = E.song_ermon_mixture(), E.noise_levels(4, 10.0, 0.05)
    taus = E.level_step_sizes(sig, 0.2)
    x0 = np.random.default_rng(7).uniform(-8, 8, (20_000, 1))
    x = L.annealed_langevin(gm, x0, sigmas=sig, steps_per_level=15, step_size=taus, rng=8)
    est = L.mean_estimate(x[:, 0] > 0)
    exact = E.mass_above(*E.ula_law([(gm.noised(s), t, 15) for s, t in zip(sig, taus)]))
    assert abs(est.z(exact)) < 5 and abs(est.z(0.8)) > 10


def test_the_2d_run_is_a_1d_run_along_the_diagonal():
    """0.8 N((5,5), I) + 0.2 N((−5,−5), I) factorises along u = (x + y)/√2 and v = (x − y)/√2;
    ULA's noise is isotropic, so u is 1-D ULA on 0.8 N(5√2, 1) + 0.2 N(−5√2, 1) from the
    triangular law of (x₀ + y₀)/√2: the chapter's exact reference for the 2-D fractions."""
    gm2 = E.song_ermon_mixture(dim=2)
    x0 = np.random.default_rng(3).uniform(-8, 8, (20_000, 2))
    x = L.simulate(gm2, x0, step_size=0.05, n_steps=200, rng=4, keep="final")
    est = L.mean_estimate(x.sum(axis=1) > 0)
    a, h = 5 * np.sqrt(2), 8 * np.sqrt(2)
    gu = L.GaussianMixture([0.8, 0.2], [a, -a], [1.0, 1.0])
    law = E.ula_law([(gu, 0.05, 200)], lambda u: np.clip(h - np.abs(u), 0.0, None))
    assert abs(est.z(E.mass_above(*law))) < 5


def test_mass_above_counts_the_cell_of_the_threshold_in_part():
    g = np.linspace(-2.0, 2.0, 9)              # dx = 0.5
    p = np.full(9, 1 / 4.5)
    assert E.mass_above(g, p, 0.0) == pytest.approx(4.5 / 9)
    assert E.mass_above(g, p, 0.1) == pytest.approx(4.3 / 9)


def test_noise_levels_and_step_sizes_name_bad_input():
    assert E.noise_levels(1).tolist() == [0.01]
    np.testing.assert_allclose(E.noise_levels(10), np.geomspace(20, 0.01, 10))
    with pytest.raises(ValueError, match="sigma_max"):
        E.noise_levels(3, 0.001)
    with pytest.raises(ValueError, match="n_levels"):
        E.noise_levels(0)
    with pytest.raises(ValueError, match="eps"):
        E.level_step_sizes([1.0], -0.1)
    with pytest.raises(ValueError, match="stability bound"):
        E.ula_law([(E.song_ermon_mixture(), 2.5, 3)])
    with pytest.raises(ValueError, match="max_points"):
        E.ula_law([(E.song_ermon_mixture(), 0.01, 3)], max_points=50)


def test_level_table_tracks_the_noised_target_level_by_level():
    gm, sig = E.song_ermon_mixture(), np.array([20.0, 3.7, 1.59, 0.3])
    taus = E.level_step_sizes(sig, 0.1)
    x0 = np.random.default_rng(0).uniform(-8, 8, (2000, 1))
    xs = L.annealed_langevin(gm, x0, sigmas=sig, steps_per_level=40, step_size=taus, rng=1,
                             keep="levels")
    t = E.level_table(gm, xs, sig, taus, 40)
    s = np.sqrt(1 + sig**2)
    exact = 0.8 * norm.cdf(5 / s) + 0.2 * norm.cdf(-5 / s)
    np.testing.assert_allclose(t["target"], exact, atol=1e-6)
    assert t["n_modes"] == [1, 1, 2, 2]             # p_sigma turns bimodal near sigma = 3.3
    assert t["barrier"][0] == 0 and 1 < t["barrier"][2] < t["barrier"][3]
    assert [m.value for m in t["measured"]] == [float(np.mean(x[:, 0] > 0)) for x in xs[1:]]
    assert all(abs(m.z(e)) < 5 for m, e in zip(t["measured"], t["law"]))


def test_levels_steps_table_runs_each_cell_on_one_stream():
    gm = E.song_ermon_mixture()
    x0 = np.random.default_rng(0).uniform(-8, 8, (400, 1))
    t = E.levels_steps_table(gm, x0, [2, 6], [5, 20], rng=3)
    rng = np.random.default_rng(3)
    for i, n_lev in enumerate([2, 6]):
        sig = E.noise_levels(n_lev)
        for j, n in enumerate([5, 20]):
            x = L.annealed_langevin(gm, x0, sigmas=sig, steps_per_level=n,
                                    step_size=E.level_step_sizes(sig, 0.05), rng=rng)
            assert t["measured"][i][j].value == float(np.mean(x[:, 0] > 0))
            assert abs(t["measured"][i][j].z(t["exact"][i, j])) < 5
    assert t["exact"][1, 1] > t["exact"][0, 1] + 0.04   # more levels, nearer the weight


def test_annealing_snapshots_in_chunks_are_one_annealed_run():
    gm, sig = E.song_ermon_mixture(), np.array([20.0, 2.0, 0.1])
    taus = E.level_step_sizes(sig, 0.1)
    x0 = np.random.default_rng(0).uniform(-8, 8, (100, 1))
    s = E.annealing_snapshots(gm, x0, sig, taus, 12, per_level=3, rng=5)
    one = L.annealed_langevin(gm, x0, sigmas=sig, steps_per_level=12, step_size=taus, rng=5,
                              keep="levels")
    np.testing.assert_array_equal(s["annealed"][::3], one[..., 0])
    plain = L.simulate(gm, x0, step_size=0.05, n_steps=36, rng=6, keep=4)
    np.testing.assert_array_equal(s["plain"], plain[..., 0])
    assert s["steps"].tolist() == list(range(0, 37, 4)) and s["sigma"][4] == 2.0
    np.testing.assert_allclose(s["densities"][4], L.boltzmann_density(gm.noised(2.0), s["grid"]))
    with pytest.raises(ValueError, match="per_level"):
        E.annealing_snapshots(gm, x0, sig, taus, 10, per_level=3)


def test_annealed_run_is_the_package_run_with_its_error_and_z():
    r = E.annealed_run(n_levels=6, n_steps=10, n_particles=500, seed=2)
    sig = E.noise_levels(6)
    x0 = np.random.default_rng(2).uniform(-8, 8, (500, 1))
    xs = L.annealed_langevin(E.song_ermon_mixture(), x0, sigmas=sig, steps_per_level=10,
                             step_size=0.2 * (1 + sig**2), rng=3, keep="levels")
    np.testing.assert_array_equal(r["samples"], xs[-1, :, 0])
    np.testing.assert_array_equal(r["fractions"], (xs[..., 0] > 0).mean(axis=1))
    est, law = r["estimate"], r["references"]["sampler's exact law"][1][-1]
    assert r["weight"] == pytest.approx(0.8, abs=1e-4)
    assert f"x > 0 for {est:.3f}" in r["title"] and f"(z = {est.z(law):+.1f})" in r["title"]
    cold = E.annealed_run(temperature=0.0)
    assert cold["estimate"].value == 1.0 and "no noise" in cold["title"]   # all on the big mode
    assert E.annealed_run(n_levels=1)["title"].startswith("plain Langevin")
    fine = E.annealed_run(n_levels=3, sigma_max=50.0, temperature=0.05, step_size=0.02)
    assert "exact law not computed" in fine["title"]    # its grid: > 4000 points
    with pytest.raises(ValueError, match="stability bound"):
        E.annealed_run(step_size=2.0)


# ----------------------------------------------------------------------------- ch. 6
def _fp_grid():
    return np.linspace(-2.5, 2.5, 501)


def test_fokker_planck_runs_follow_the_density_at_t_equal_n_tau_gamma():
    """20 000 ULA chains (tau = 0.002) against the density at t = n tau gamma (friction 2):
    |z| < 5 for the fraction right of 0, the mean and the variance at two times; the density
    at the time that forgets the friction (t = n tau) is more than 10 SE away."""
    r = E.fokker_planck_runs(L.DoubleWell(), _fp_grid(), x0=-1.5, start_sd=0.1,
                             steps=[0, 250, 500], step_size=0.002, friction=2.0,
                             n_chains=20_000, rng=7)
    assert r["times"].tolist() == [0.0, 1.0, 2.0]
    np.testing.assert_allclose(r["stationary"], L.boltzmann_density(L.DoubleWell(), r["grid"]),
                               atol=1e-12)
    rows = E.moment_comparison(r["samples"], r["grid"], r["densities"])
    for row in rows[1:]:
        for q in ("fraction", "mean", "variance"):
            assert abs(row[q].z(row[q + "_fp"])) < 5, q
    _, mean_wrong, _ = E.grid_moments(r["grid"], r["fp"].evolve(r["p0"], 1.0))  # t = n tau
    assert abs(rows[2]["mean"].z(mean_wrong)) > 10


def test_fokker_planck_runs_in_segments_are_one_ula_run():
    dw, grid = L.DoubleWell(), np.linspace(-3, 3, 121)
    r = E.fokker_planck_runs(dw, grid, x0=-1.5, start_sd=0.2, steps=[0, 10, 30],
                             step_size=0.002, n_chains=50, rng=0)
    gen = np.random.default_rng(0)
    x0 = -1.5 + 0.2 * gen.standard_normal((50, 1))
    one = L.simulate(dw, x0, step_size=0.002, n_steps=30, rng=gen, keep=10)[:, :, 0]
    np.testing.assert_array_equal(r["samples"], one[[0, 1, 3]])
    np.testing.assert_allclose(r["densities"][0], r["p0"])
    s = E.select_steps(r, [0, 30])
    np.testing.assert_array_equal(s["samples"], r["samples"][[0, 2]])
    assert s["times"].tolist() == [0.0, 0.06] and s["densities"].shape == (2, 121)
    with pytest.raises(ValueError, match="among the run's steps"):
        E.select_steps(r, [5])
    with pytest.raises(ValueError, match="increasing"):
        E.fokker_planck_runs(dw, grid, x0=0.0, steps=[10, 5], step_size=0.01)
    with pytest.raises(ValueError, match="temperature must be > 0"):
        E.fokker_planck_runs(dw, grid, x0=0.0, steps=[0, 5], step_size=0.01, temperature=0.0)
    with pytest.raises(ValueError, match="x0"):
        E.start_density(grid, 50.0, 0.1)


def test_grid_moments_of_a_gaussian_and_a_cut_inside_a_cell():
    g = np.linspace(-6, 6, 2401)
    p = np.exp(-((g - 0.3) ** 2) / (2 * 0.25))
    frac, mean, var = E.grid_moments(g, p)
    assert frac == pytest.approx(norm.sf(0.0, 0.3, 0.5), abs=1e-5)   # O(dx^2) at the cut
    assert mean == pytest.approx(0.3, abs=1e-9) and var == pytest.approx(0.25, abs=1e-9)
    cells = np.linspace(-1, 1, 5)                      # width 0.5, centred on -1 .. 1
    frac, _, _ = E.grid_moments(cells, [0.0, 0.0, 2.0, 0.0, 0.0])  # all in the cell around 0
    assert frac == pytest.approx(0.5)                  # the cut halves it
    assert E.grid_moments(cells, [0.0, 0.0, 2.0, 0.0, 0.0], cut=0.125)[0] == pytest.approx(0.25)


def test_decay_rate_fits_the_exponent_and_refuses_nonpositive_values():
    t = np.linspace(0.0, 10.0, 21)
    assert E.decay_rate(t, 0.3 * np.exp(-0.7 * t)) == pytest.approx(0.7, rel=1e-12)
    with pytest.raises(ValueError, match="values must be > 0"):
        E.decay_rate(t, np.exp(-t) - 0.5)
    with pytest.raises(ValueError, match="same length"):
        E.decay_rate(t, t[:-1] + 1.0)


def test_smoluchowski_check_inertia_at_low_friction_overdamped_at_high():
    r = E.smoluchowski_check(L.DoubleWell(), _fp_grid(), x0=-1.5, frictions=[1.0, 10.0],
                             scaled_times=[0.1, 0.5], step_size=0.01, n_chains=10_000, rng=4)
    # the overdamped density at friction gamma and time gamma s is the gamma = 1 one at time s
    np.testing.assert_allclose(r[10.0]["mean_fp"], r[1.0]["mean_fp"], atol=1e-9)
    assert r[10.0]["times"].tolist() == [1.0, 5.0]
    assert np.all(np.abs(r[10.0]["mean"].z(r[10.0]["mean_fp"])) < 5)
    assert np.abs(r[1.0]["mean"].z(r[1.0]["mean_fp"]))[0] > 50   # still up the wall at t = 0.1


def test_drift_transport_is_the_exact_push_forward():
    r = E.drift_transport(L.Gaussian(0.0, 1.0), x0=2.0, start_sd=0.5, step_size=0.1,
                          steps=[0, 10])
    a = 0.9**10                                         # noise-free ULA: x_n = a^n x_0
    exact = norm.pdf(r["x"][1], 2.0 * a, 0.5 * a)
    np.testing.assert_allclose(r["density"][1], exact, rtol=1e-7, atol=1e-12)
    assert r["mass_right"][1] == pytest.approx(norm.sf(0.0, 2.0, 0.5), abs=1e-4)
    split = E.drift_transport(L.DoubleWell(), x0=0.2, start_sd=0.15, step_size=0.01,
                              steps=[0, 50, 500])       # the basins keep their start shares
    np.testing.assert_allclose(split["mass_right"], norm.sf(0.0, 0.2, 0.15), atol=1e-3)
    assert np.abs(np.abs(split["x"][2]) - 1.0).max() < 1e-6          # all on the minima


def test_fokker_planck_run_is_the_chapter_run_and_friction_only_rescales_time():
    grid = np.linspace(-2.6, 2.6, 209)
    E.fokker_planck_run(temperature=1.0, n_steps=500, seed=11, n_chains=300)  # further first
    r = E.fokker_planck_run(temperature=1.0, n_steps=200, seed=11, n_chains=300)
    chapter = E.fokker_planck_runs(L.DoubleWell(), grid, x0=-1.5, start_sd=0.15, steps=[0, 200],
                                   step_size=0.01, n_chains=300, rng=11)
    np.testing.assert_array_equal(r["samples"], chapter["samples"][-1])
    np.testing.assert_allclose(r["density"][1], chapter["densities"][-1], atol=1e-10)
    fast = E.fokker_planck_run(temperature=1.0, n_steps=200, seed=11, n_chains=300,
                               friction=2.0)
    np.testing.assert_array_equal(fast["samples"], r["samples"])
    assert fast["time"] == 2 * r["time"] == 4.0
    np.testing.assert_allclose(fast["density"][1], r["density"][1], atol=1e-10)
    np.testing.assert_allclose(fast["kl_times"], 2 * r["kl_times"])
    at_two = L.FokkerPlanck1D(L.DoubleWell(), grid, friction=2.0)   # the equation at gamma = 2
    np.testing.assert_allclose(fast["density"][1],
                               at_two.evolve(E.start_density(grid, -1.5, 0.15), 4.0), atol=1e-10)
    assert fast["kl_rate"] == pytest.approx(2 * at_two.relaxation_rate(), rel=1e-9)
    assert np.all(np.diff(r["kl"]) <= 0) and r["kl_rate"] == pytest.approx(
        2 * L.FokkerPlanck1D(L.DoubleWell(), grid).relaxation_rate())
    assert f"z = {r['fraction'].z(r['fraction_fp']):+.1f}" in r["stats"]


def test_fokker_planck_run_at_zero_temperature_and_bad_settings():
    r = E.fokker_planck_run(temperature=0.0, x0=0.2, n_steps=300, n_chains=4000, seed=1)
    assert r["stationary"] is None and r["kl"].size == 0 and len(r["minima"]) == 2
    assert abs(r["fraction"].z(r["fraction_fp"])) < 5 and "no noise" in r["stats"]
    assert r["fraction_fp"] == pytest.approx(0.9088, abs=2e-3)   # P(N(0.2, 0.15^2) > 0)
    with pytest.raises(ValueError, match="potential must be one of"):
        E.fokker_planck_run(potential="banana")
    with pytest.raises(ValueError, match="n_steps must be in"):
        E.fokker_planck_run(n_steps=2000)


# ----------------------------------------------------------------------------- ch. 10
def test_escape_table_measures_ulas_own_mean_and_tells_mfpt_from_kramers():
    """b = 2, b/T = 2, τ = 0.01, 4000 chains: the mean time is within 5 SE of ULA's exact
    mean (5.0989) and more than 10 SE from Kramers' 1/k = 4.1036; MFPT·k = 1.2500."""
    t = E.escape_table(ratios=(2,), n_chains=4000, seed=3)
    mean = t["mean"][0]
    assert t["not_arrived"][0] == 0 and mean.n == 4000 and t["times"][0].shape == (4000,)
    assert t["ula"][0] == pytest.approx(5.0989, abs=1e-4)
    assert t["mfpt"][0] * t["k"][0] == pytest.approx(1.25, abs=1e-4)
    assert t["mfpt_top"][0] / t["mfpt"][0] == pytest.approx(0.449, abs=1e-3)
    assert abs(mean.z(t["ula"][0])) < 5 and abs(mean.z(1 / t["k"][0])) > 10


def test_exact_rates_are_the_oracles():
    e = E.exact_rates(ratios=(2, 3, 5))
    np.testing.assert_allclose(e["mfpt"] * e["k"], [1.2500, 1.1941, 1.1066], atol=1e-4)
    np.testing.assert_allclose(e["k"], np.sqrt(32) * 2 / (2 * np.pi) * np.exp(-e["ratios"]))


def test_passage_survival_sums_to_the_mean_and_its_law_matches_the_chains():
    """P(N > n) starts at 1, falls, and sums to ula_mean_passage_steps; the fraction of 4000
    chains escaped before 0.1 MFPT (b/T = 1, where the law is far from exponential) matches
    ULA's exact law at 5 SE and misses the exponential law 1 - e^{-0.1} by more than 10 SE."""
    from langevin.escape import ula_mean_passage_steps
    dw = L.DoubleWell(2.0)
    n = np.arange(0, 6001)
    surv = E.passage_survival(dw, -1.0, 1.0, n, step_size=0.01, temperature=2.0)
    assert surv[0] == 1.0 and np.all(np.diff(surv) <= 1e-12)   # up to the quadrature
    assert surv.sum() == pytest.approx(
        ula_mean_passage_steps(dw, -1.0, 1.0, step_size=0.01, temperature=2.0), rel=1e-8)
    strided = E.passage_survival(dw, -1.0, 1.0, np.arange(0, 6001, 50), step_size=0.01,
                                 temperature=2.0)
    np.testing.assert_allclose(strided, surv[::50], rtol=1e-10)
    t = E.escape_table(ratios=(1,), n_chains=4000, seed=5)
    cut = 0.1 * t["mfpt"][0]
    law = E.escape_law(2.0, 2.0, step_size=0.01, t_max=cut, n_points=int(round(cut / 0.01)))
    early = L.mean_estimate(t["times"][0] <= cut + 1e-9)
    exact_early = 1 - E.passage_survival(dw, -1.0, 1.0, [int(round(cut / 0.01))],
                                         step_size=0.01, temperature=2.0)[0]
    assert abs(early.z(exact_early)) < 5 and abs(early.z(1 - np.exp(-0.1))) > 10
    assert np.sum(law["density"] * np.diff(law["t"], prepend=0.0)) == pytest.approx(
        exact_early, abs=2e-3)
    with pytest.raises(ValueError, match="steps must be a 1-D increasing sequence"):
        E.passage_survival(dw, -1.0, 1.0, [3, 2], step_size=0.01)


def test_relaxation_rate_is_about_twice_kramers_and_converges_on_the_grid():
    """λ₁/(2k) = 0.9153 at b/T = 5; λ₁·MFPT/2 = 1.0129 (closer: the exact escape rate is
    1/MFPT); the 801- and 1601-point grids agree to 1e-4."""
    r = E.relaxation_table(ratios=(5,))
    assert r["lambda1"][0] / (2 * r["k"][0]) == pytest.approx(0.9153, abs=1e-4)
    assert r["lambda1"][0] * r["mfpt"][0] / 2 == pytest.approx(1.0129, abs=1e-4)
    fine = E.relaxation_table(ratios=(5,), grid=np.linspace(-2.5, 2.5, 1601))
    assert fine["lambda1"][0] == pytest.approx(r["lambda1"][0], rel=1e-4)


def test_hopping_paths_and_the_kramers_widget_run():
    t, x = E.hopping_paths(t_max=2.0, every=5)
    assert t.shape == (41,) and x.shape == (41, 2) and np.all(x[0] == -1.0)
    assert t[-1] == pytest.approx(2.0)
    cold = E.kramers_run(temperature=0.0, n_steps=200, n_chains=50)
    assert cold["times"].size == 0 and cold["not_arrived"] == 50 and cold["mfpt"] is None
    hot = E.kramers_run(n_chains=50, friction=1.0)
    slow = E.kramers_run(n_chains=50, friction=3.0)
    np.testing.assert_allclose(slow["times"], 3 * hot["times"])
    assert slow["mfpt"] == pytest.approx(3 * hot["mfpt"]) and hot["mean"].n == 50
    with pytest.raises(ValueError, match="stability bound"):
        E.kramers_run(barrier=2.0, step_size=0.125, n_chains=10)
