"""Part II (chapters 5–7): draw_* functions and explore_* widgets."""
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import langevin as L  # noqa: E402
from langevin import experiments as E  # noqa: E402
from langevin import plotting as P  # noqa: E402
from langevin import widgets as Wd  # noqa: E402

EXPLORERS = {
    "explore_langevin_equation": ["friction", "temperature", "step_size", "n_steps", "seed"],
    "explore_discretisation": ["step_size", "method", "temperature", "n_steps", "seed"],
    "explore_mode_weights": ["temperature", "n_steps", "step_size", "seed"],
}

CHANGES = {
    "friction": 5.0, "temperature": 0.5, "step_size": None, "n_steps": None, "seed": 3,
    "method": "MALA",
}


def _snapshot(state):
    return {k: np.array(v, dtype=float, copy=True) for k, v in state.items()}


def _differs(a, b):
    return any(a[k].shape != b[k].shape or not np.allclose(a[k], b[k], equal_nan=True)
               for k in a)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_defaults_and_public(name):
    assert name in Wd.__all__
    w = getattr(Wd, name)()
    assert set(EXPLORERS[name]) <= set(w.controls)
    assert w.figure is not None and len(w.image.value) > 0
    assert isinstance(w.state, dict) and w.state


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_noise_control_zero_means_no_noise(name):
    w = getattr(Wd, name)()
    t = w.controls["temperature"]
    assert t.min == 0.0
    t.value = 0.0
    s1 = _snapshot(w.state)
    w.update()
    s2 = _snapshot(w.state)
    assert not _differs(s1, s2)  # deterministic
    if name == "explore_langevin_equation":  # fixed start: without noise the seed is irrelevant
        w.controls["seed"].value = 7
        assert not _differs(s1, _snapshot(w.state))
    elif name == "explore_discretisation":  # start N(0, 1) draws, then x_n = a^n x_0 exactly
        a = 1.0 - w.controls["step_size"].value
        x0 = np.random.default_rng(0).standard_normal(20_000)
        np.testing.assert_allclose(w.state["samples"], a ** w.state["n_steps"] * x0,
                                   rtol=1e-12, atol=1e-15)
    else:  # explore_mode_weights: gradient ascent from the white-noise start
        import langevin as L

        gm = L.GaussianMixture([0.2, 0.8], [[-2.0], [2.0]], [[[1.0]], [[1.0]]])
        x0 = np.random.default_rng(0).standard_normal((400, 1))
        n = w.controls["n_steps"].value
        ascent = L.simulate(gm, x0, step_size=w.controls["step_size"].value, n_steps=n,
                            temperature=0.0)
        np.testing.assert_array_equal(w.state["samples"], ascent[-1, :, 0])


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_each_control_changes_state(name):
    w = getattr(Wd, name)()
    for control in EXPLORERS[name]:
        c = w.controls[control]
        before = _snapshot(w.state)
        new = CHANGES[control]
        if new is None:
            new = c.max if c.value != c.max else c.min
        c.value = new
        assert _differs(before, _snapshot(w.state)), f"{name}: {control} changed nothing"


def test_langevin_equation_without_noise_is_deterministic():
    w = Wd.explore_langevin_equation(temperature=0.0)
    assert w.state["kinetic_temperature"] < 1.0
    s1 = _snapshot(w.state)
    w.update()
    np.testing.assert_array_equal(s1["underdamped"], w.state["underdamped"])


def test_langevin_equation_draws_the_chapter_run():
    w = Wd.explore_langevin_equation()
    x0 = np.linspace(-1.8, 1.8, 12)[:, None]
    t, xs, xo, _ = E.langevin_comparison_runs(L.DoubleWell(1.0), x0, friction=0.5,
                                              temperature=1.0, step_size=0.05, n_steps=400,
                                              rng=0)
    np.testing.assert_array_equal(w.state["t"], t)
    np.testing.assert_array_equal(w.state["underdamped"], xs[..., 0])
    np.testing.assert_array_equal(w.state["overdamped"], xo[..., 0])


def test_experiments_import_no_drawing_or_widgets():
    """DESIGN §1 layering: the runs need neither matplotlib nor ipywidgets."""
    code = ("import sys, langevin.experiments; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_discretisation_bias_visible_and_mala_fixes_it():
    w = Wd.explore_discretisation(step_size=1.0)
    st = w.state
    assert st["ula_variance"] == pytest.approx(2.0)
    assert st["measured_variance"] == pytest.approx(2.0, rel=0.05)
    w.controls["method"].value = "MALA"
    assert w.state["measured_variance"] == pytest.approx(1.0, rel=0.05)
    assert 0 < w.state["acceptance"] < 1
    w.controls["temperature"].value = 0.0
    assert w.state["measured_variance"] < 1e-6


def test_mode_weights_exact_reference():
    w = Wd.explore_mode_weights()
    assert w.state["exact"] == pytest.approx(0.2137, abs=2e-4)
    w.controls["temperature"].value = 0.0
    assert w.state["exact"] == 0.0
    w.controls["n_steps"].value = w.controls["n_steps"].max
    # gradient ascent: every particle ends at (within 0.01 of) a local maximum of p
    assert np.all(np.abs(np.abs(w.state["samples"]) - 2.0) < 0.01)


def test_draw_time_paths_data():
    t = np.arange(5.0)
    paths = np.arange(10.0).reshape(5, 2)
    lc = P.draw_time_paths(t, paths)
    segs = lc.get_segments()
    assert len(segs) == 2
    np.testing.assert_array_equal(segs[1][:, 1], paths[:, 1])
    P.update_time_paths(lc, t, 2 * paths)
    np.testing.assert_array_equal(lc.get_segments()[1][:, 1], 2 * paths[:, 1])


def test_draw_langevin_comparison_artists():
    t = np.linspace(0, 1, 11)
    a = P.draw_langevin_comparison(t, np.zeros((11, 3)), np.ones((11, 3, 1)), friction=2.0,
                                   temperature=1.0)
    assert len(a["under"].get_segments()) == 3
    np.testing.assert_array_equal(a["over"].get_segments()[0][:, 1], np.ones(11))
    assert "2" in a["titles"][0].get_text()


def test_draw_variance_vs_step_formula():
    from langevin import ula_gaussian_variance
    taus = np.array([0.1, 0.5, 1.0])
    a = P.draw_variance_vs_step(taus, variance=2.0, measured={"m": ([0.2], [2.1])})
    np.testing.assert_allclose(a["formula"].get_ydata(),
                               [ula_gaussian_variance(2.0, s) for s in taus])
    np.testing.assert_array_equal(a["m"].get_xdata(), [0.2])


def test_draw_sample_histogram_normalised():
    rng = np.random.default_rng(0)
    s = rng.standard_normal(5000)
    bins = np.linspace(-6, 6, 61)
    a = P.draw_sample_histogram(s, bins=bins)
    vals = a["hist"].get_data().values
    assert np.sum(vals * np.diff(bins)) == pytest.approx(1.0)
    P.update_sample_histogram(a, s + 100.0)
    assert np.all(a["hist"].get_data().values == 0)


def test_draw_measured_vs_exact_and_fraction_history():
    out = P.draw_measured_vs_exact([1, 2], measured={"m": [1.0, 2.0]}, exact={"e": [1.1, 2.1]})
    np.testing.assert_array_equal(out["m"].get_ydata(), [1.0, 2.0])
    f = P.draw_mode_fraction_history(np.arange(3), [0.5, 0.3, 0.2], reference={"w": 0.2},
                                     marker_step=1)
    np.testing.assert_array_equal(f["fraction"].get_ydata(), [0.5, 0.3, 0.2])
    assert f["marker"] is not None
