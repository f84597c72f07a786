"""The chapters' runs (langevin.experiments): what each returns, that a widget's run is the
chapter's run, and that a setting that cannot work raises one plain sentence."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

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
    assert f"ULA's law 1.333 (z = {est.z(4 / 3):+.1f})" in r["title"]
    assert f"target 1.000 (z = {est.z(1.0):+.1f})" in r["title"]
    cold = E.discretisation_run(step_size=0.5, temperature=0.0, n_chains=100)
    assert "z =" not in cold["title"] and "no noise" in cold["title"]


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
