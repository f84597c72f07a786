"""Barrier crossing (langevin.escape) against exact results: Kramers' formula, closed-form and
scipy-quadrature mean first-passage times, the double-well oracles of DESIGN.md §6, and ULA
first-passage steps against the exact mean passage time of the ULA chain itself."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, optimize, special

import langevin
from langevin.escape import first_passage_steps, kramers_rate, mean_first_passage_time
from langevin.escape import ula_mean_passage_steps

from _stats import Z_ASSERT, Z_WRONG


def kramers_double_well(b_over_t, barrier=1.0):
    return math.sqrt(32) * barrier / (2 * math.pi) * math.exp(-b_over_t)


def line(force):
    """U(x) = -force * x: a constant force (pushes right for force > 0)."""
    return langevin.FunctionPotential(lambda x: -force * x[..., 0],
                                      lambda x: np.full_like(x, -force), dim=1)


# ----------------------------------------------------------------------------- Kramers' rate
@pytest.mark.parametrize("barrier, temperature, friction", [(1.0, 1.0, 1.0), (2.0, 0.5, 1.0),
                                                            (5.0, 1.0, 3.0), (0.5, 2.0, 0.2)])
def test_kramers_rate_of_the_double_well(barrier, temperature, friction):
    """√(U''(a)|U''(b)|)/(2πγ)·e^{-ΔU/T} with U''(±1) = 8b, U''(0) = -4b: √32·b/(2πγ)·e^{-b/T}."""
    k = kramers_rate(langevin.DoubleWell(barrier), -1.0, 0.0, temperature=temperature,
                     friction=friction)
    exact = math.sqrt(32) * barrier / (2 * math.pi * friction) * math.exp(-barrier / temperature)
    assert k == pytest.approx(exact, rel=1e-10)
    assert kramers_rate(langevin.DoubleWell(barrier), 1.0, 0.0, temperature=temperature,
                        friction=friction) == pytest.approx(k, rel=1e-10)


def test_kramers_rate_of_a_tilted_quartic():
    """U = x⁴/4 - x²/2 + 0.2x (no analytic U'' in the potential): curvatures 3x² - 1."""
    u = lambda x: x ** 4 / 4 - x ** 2 / 2 + 0.2 * x
    du = lambda x: x ** 3 - x + 0.2
    pot = langevin.FunctionPotential(lambda x: u(x[..., 0]), du, dim=1)
    a = optimize.brentq(du, -2.0, -0.5)   # the deeper (left) well
    b = optimize.brentq(du, -0.5, 0.5)    # the barrier top
    exact = math.sqrt((3 * a * a - 1) * -(3 * b * b - 1)) / (2 * math.pi) * math.exp(
        -(u(b) - u(a)) / 0.1)
    assert kramers_rate(pot, a, b, temperature=0.1) == pytest.approx(exact, rel=1e-9)


@pytest.mark.parametrize("args, kwargs, match", [
    ((0.0, 1.0), {}, "minimum must be the bottom of a well"),
    ((-1.0, 1.0), {}, "saddle must be the top of a barrier"),
    ((-1.0, -1.0), {}, "saddle must differ from minimum"),
    ((np.nan, 0.0), {}, "minimum must be a finite number"),
    (("-1", 0.0), {}, "minimum must be a finite number"),
    ((-1.0, 0.0), {"temperature": 0.0}, "temperature must be > 0: at T = 0 there is no thermal"),
    ((-1.0, 0.0), {"temperature": -1.0}, "temperature"),
    ((-1.0, 0.0), {"friction": 0.0}, "friction"),
])
def test_kramers_rate_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        kramers_rate(langevin.DoubleWell(), *args, **kwargs)


def test_kramers_rate_needs_a_higher_saddle_and_one_dimension():
    # U = -(x² - 1)² has a local minimum at 0 (U = -1) and maxima at ±1 (U = 0) ...
    inverted = langevin.FunctionPotential(lambda x: -((x[..., 0] ** 2 - 1) ** 2),
                                          lambda x: -4 * x * (x * x - 1), dim=1)
    assert kramers_rate(inverted, 0.0, 1.0) > 0
    # ... and a tilted one whose "saddle" is below the "minimum"
    tilted = langevin.FunctionPotential(lambda x: x[..., 0] ** 2 / 2 - 10 * x[..., 0] ** 3,
                                        lambda x: x - 30 * x ** 2, dim=1)
    with pytest.raises(ValueError, match="saddle must be higher than minimum"):
        kramers_rate(tilted, 0.0, 1 / 30 + 0.5)  # U'' = 1 - 60x < 0 there but U is lower
    with pytest.raises(ValueError, match="one-dimensional"):
        kramers_rate(langevin.Gaussian([0.0, 0.0], np.eye(2)), 0.0, 1.0)


# ----------------------------------------------------------------------------- exact MFPT
def scipy_mfpt(u, start, target, temperature=1.0, friction=1.0):
    """The double integral by nested scipy.integrate.quad (target > start, reflecting at -inf)."""
    inner = lambda y: integrate.quad(lambda z: math.exp(-u(z) / temperature), -np.inf, y,
                                     epsabs=0, epsrel=1e-13, limit=200)[0]
    outer = integrate.quad(lambda y: math.exp(u(y) / temperature) * inner(y), start, target,
                           epsabs=0, epsrel=1e-12, limit=200)[0]
    return friction / temperature * outer


@pytest.mark.parametrize("b_over_t, ratio", [(2.0, 1.25), (3.0, 1.19), (5.0, 1.11)])
def test_double_well_mfpt_times_kramers_rate(b_over_t, ratio):
    """DESIGN §6: MFPT(-1 → +1)·k = 1.25, 1.19, 1.11 (to the printed digits; 1.2500, 1.1941,
    1.1066 here); the quadrature agrees with nested scipy quad to 1e-10."""
    pot = langevin.DoubleWell(b_over_t)
    tau = mean_first_passage_time(pot, -1.0, 1.0)
    assert tau == pytest.approx(scipy_mfpt(lambda x: b_over_t * (x * x - 1) ** 2, -1.0, 1.0),
                                rel=1e-10)
    assert round(tau * kramers_rate(pot, -1.0, 0.0), 2) == ratio
    assert round(tau * kramers_double_well(b_over_t, b_over_t), 2) == ratio


def test_double_well_ratio_tends_to_one_and_half_way_is_half_the_time():
    """MFPT·k falls to 1 as the barrier grows (1.02 at b/T = 20); MFPT(-1 → 0) / MFPT(-1 → +1)
    is 0.449, 0.477, 0.496, 0.49998 at b/T = 2, 3, 5, 12: half, once the barrier is high."""
    ratios, halves = [], []
    for b in (2.0, 3.0, 5.0, 12.0, 20.0):
        pot = langevin.DoubleWell(b)
        full = mean_first_passage_time(pot, -1.0, 1.0)
        ratios.append(full * kramers_double_well(b, b))
        halves.append(mean_first_passage_time(pot, -1.0, 0.0) / full)
    assert np.all(np.diff(ratios) < 0) and 1.0 < ratios[-1] < 1.03
    assert np.round(halves[:3], 3).tolist() == [0.449, 0.477, 0.496]
    assert np.all(np.diff(halves) > 0) and abs(halves[3] - 0.5) < 1e-4


def test_temperature_and_friction_scaling():
    """U/T only enters through b/T: MFPT(b, T, γ) = γ·MFPT(b/T, 1, 1)/T exactly."""
    base = mean_first_passage_time(langevin.DoubleWell(4.0), -1.0, 1.0)
    scaled = mean_first_passage_time(langevin.DoubleWell(2.0), -1.0, 1.0, temperature=0.5,
                                     friction=3.0)
    assert scaled == pytest.approx(3.0 * base / 0.5, rel=1e-11)


def test_mirror_image():
    pot = langevin.DoubleWell(3.0)
    assert mean_first_passage_time(pot, 1.0, -1.0) == pytest.approx(
        mean_first_passage_time(pot, -1.0, 1.0), rel=1e-12)
    assert mean_first_passage_time(pot, 1.3, 0.2) == pytest.approx(
        mean_first_passage_time(pot, -1.3, -0.2), rel=1e-12)


def test_constant_force_is_distance_over_velocity():
    """U = -Fx: the drift F/γ carries the mean straight there, MFPT = γ(t - s)/F at any T."""
    for temperature in (0.1, 1.0, 5.0):
        assert mean_first_passage_time(line(0.7), 0.3, 2.5, temperature=temperature,
                                       friction=1.5) == pytest.approx(1.5 * 2.2 / 0.7, rel=1e-12)
        assert mean_first_passage_time(line(-0.7), 2.5, 0.3, temperature=temperature,
                                       friction=1.5) == pytest.approx(1.5 * 2.2 / 0.7, rel=1e-12)


def test_free_diffusion_on_a_half_line():
    """U = Kz² for z < 0, 0 for z ≥ 0 (a soft wall at 0): MFPT(0 → L) = (γ/T)(L²/2 + L√(πT/4K)),
    exactly; a hard wall (K → ∞) gives γL²/(2T), the textbook reflecting half line."""
    for k, length, temperature in [(50.0, 2.0, 0.5), (1e8, 1.0, 1.0)]:
        wall = langevin.FunctionPotential(
            lambda x, k=k: np.where(x[..., 0] < 0, k * x[..., 0] ** 2, 0.0),
            lambda x, k=k: np.where(x < 0, 2 * k * x, 0.0), dim=1)
        correction = length * math.sqrt(math.pi * temperature / (4 * k))
        exact = (length ** 2 / 2 + correction) / temperature
        assert mean_first_passage_time(wall, 0.0, length, temperature=temperature) == \
            pytest.approx(exact, rel=1e-11)
    assert exact == pytest.approx(length ** 2 / (2 * temperature), rel=1e-3)


def test_ornstein_uhlenbeck_against_a_one_dimensional_integral():
    """U = x²/(2s²): the inner integral is √(2πs²T)·Φ(y/√(s²T)), leaving one scipy quad."""
    s2, temperature, friction, target = 1.0, 0.8, 1.3, 2.0
    ref = friction / temperature * integrate.quad(
        lambda y: math.exp(y * y / (2 * s2 * temperature))
        * math.sqrt(2 * math.pi * s2 * temperature) * special.ndtr(y / math.sqrt(s2 * temperature)),
        0.0, target, epsabs=0, epsrel=1e-13)[0]
    got = mean_first_passage_time(langevin.Gaussian(0.0, s2), 0.0, target, temperature=temperature,
                                  friction=friction)
    assert got == pytest.approx(ref, rel=1e-11)


def test_mixture_against_a_one_dimensional_integral():
    """At T = 1, e^{-U} is the mixture density itself: the inner integral is Σ wₖ Φ((y - μₖ)/sₖ)."""
    mix = langevin.GaussianMixture.default()
    w, mu, sd = mix.weights, mix.means[:, 0], np.sqrt(mix.covs[:, 0, 0])
    cdf = lambda y: float(np.sum(w * special.ndtr((y - mu) / sd)))
    u = lambda y: float(mix.energy(np.array([y])))
    for start, target in [(-2.0, 2.0), (-3.0, 0.5)]:
        ref = integrate.quad(lambda y: math.exp(u(y)) * cdf(y), start, target, epsabs=0,
                             epsrel=1e-13, limit=200)[0]
        assert mean_first_passage_time(mix, start, target) == pytest.approx(ref, rel=1e-10)


def test_huge_barrier_overflows_to_inf_without_warnings():
    assert mean_first_passage_time(langevin.DoubleWell(800.0), -1.0, 1.0) == math.inf
    big = mean_first_passage_time(langevin.DoubleWell(600.0), -1.0, 1.0)  # e^600, still finite
    assert math.log(big) == pytest.approx(-math.log(kramers_double_well(600, 600)), rel=1e-4)


@pytest.mark.parametrize("args, kwargs, match", [
    ((0.5, 0.5), {}, "target must differ from start"),
    ((np.inf, 0.5), {}, "start must be a finite number"),
    ((0.0, [1.0, 2.0]), {}, "target must be a finite number"),
    ((-1.0, 1.0), {"temperature": 0}, "at T = 0 there is no thermal escape"),
    ((-1.0, 1.0), {"friction": -1.0}, "friction"),
])
def test_mfpt_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        mean_first_passage_time(langevin.DoubleWell(), *args, **kwargs)


def test_mfpt_needs_a_confining_far_side():
    # U = +Fx with a target to the right: nothing reflects the diffusion on the left
    with pytest.raises(ValueError, match="potential must confine the far side"):
        mean_first_passage_time(line(-0.5), 0.0, 1.0)
    flat = langevin.FunctionPotential(lambda x: np.zeros(x.shape[:-1]), np.zeros_like, dim=1)
    with pytest.raises(ValueError, match="potential must confine the far side"):
        mean_first_passage_time(flat, 0.0, 1.0)
    with pytest.raises(ValueError, match="one-dimensional"):
        mean_first_passage_time(langevin.Gaussian([0.0, 0.0], np.eye(2)), 0.0, 1.0)


# ----------------------------------------------------------------------------- passage steps
def trapezoid_mean_passage_steps(potential, start, target, step_size, temperature, lo, n):
    """An independent discretisation of ULA's mean passage step (target > start): trapezoid
    weights on a fixed grid [lo, target], linear interpolation at the start."""
    y = np.linspace(lo, target, n)
    w = np.full(n, y[1] - y[0])
    w[[0, -1]] /= 2
    mu = y - step_size * potential.grad_energy(y[:, None])[:, 0]
    var = 2 * step_size * temperature
    kernel = np.exp(-(y - mu[:, None]) ** 2 / (2 * var)) / math.sqrt(2 * math.pi * var) * w
    return float(np.interp(start, y, np.linalg.solve(np.eye(n) - kernel, np.ones(n))))


def test_ula_mean_passage_steps_against_an_independent_quadrature_and_the_limit():
    """Simpson-Nyström (package) against trapezoid-Nyström on a fixed grid: 1e-5; the mirror
    image is the same chain; as τ → 0 ULA's mean time tends to the exact MFPT (0.3 % at
    τ = 0.001, against +0.2 %, -0.6 %, -3.4 % at τ = 0.005, 0.01, 0.02)."""
    pot = langevin.DoubleWell(2.0)
    m = ula_mean_passage_steps(pot, -1.0, 1.0, step_size=0.01)
    assert m == pytest.approx(trapezoid_mean_passage_steps(pot, -1.0, 1.0, 0.01, 1.0, -3.0, 1601),
                              rel=1e-5)
    assert ula_mean_passage_steps(pot, 1.0, -1.0, step_size=0.01) == pytest.approx(m, rel=1e-12)
    exact = mean_first_passage_time(pot, -1.0, 1.0)
    bias = [ula_mean_passage_steps(pot, -1.0, 1.0, step_size=t) * t / exact - 1
            for t in (0.005, 0.01, 0.02)]
    assert np.round(bias, 3).tolist() == [0.002, -0.006, -0.034]
    small = langevin.DoubleWell(1.0)
    assert ula_mean_passage_steps(small, -1.0, 1.0, step_size=0.001, temperature=0.5) * 0.001 \
        == pytest.approx(mean_first_passage_time(small, -1.0, 1.0, temperature=0.5), rel=0.005)


def test_ula_mean_passage_steps_is_what_the_chains_measure_at_a_large_step():
    """b = 1, T = 0.5, τ = 0.1: ULA's own mean (66.9 steps) is 35 % below the continuous
    diffusion's (102.6): 20 000 chains agree with the first at 5 SE, and miss the second by
    more than 10 SE."""
    pot, tau = langevin.DoubleWell(1.0), 0.1
    own = ula_mean_passage_steps(pot, -1.0, 1.0, step_size=tau, temperature=0.5)
    steps = first_passage_steps(pot, np.full((20_000, 1), -1.0), 1.0, step_size=tau,
                                max_steps=5000, temperature=0.5, rng=1)
    est = langevin.mean_estimate(steps.astype(float))
    assert abs(est.z(own)) < Z_ASSERT
    assert abs(est.z(mean_first_passage_time(pot, -1.0, 1.0, temperature=0.5) / tau)) > Z_WRONG


@pytest.mark.parametrize("args, kwargs, match", [
    ((0.5, 0.5), {}, "target must differ from start"),
    ((-1.0, 1.0), {"temperature": 0.0}, "temperature must be > 0"),
    ((-1.0, 1.0), {"step_size": 0.0}, "step_size"),
    ((-1.0, np.nan), {}, "target must be a finite number"),
    ((-1.0, 1.0), {"step_size": 1e-6}, "too small for the exact solution"),
    ((-1.0, 1.0), {"temperature": 0.1}, r"too long \(over 1e10 steps\)"),   # b/T = 20
])
def test_ula_mean_passage_steps_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ula_mean_passage_steps(langevin.DoubleWell(2.0), *args,
                               **{"step_size": 0.01, **kwargs})
    with pytest.raises(ValueError, match="one-dimensional"):
        ula_mean_passage_steps(langevin.Gaussian([0.0, 0.0], np.eye(2)), 0.0, 1.0,
                               step_size=0.1)
    flat = langevin.FunctionPotential(lambda x: np.zeros(x.shape[:-1]), np.zeros_like, dim=1)
    with pytest.raises(ValueError, match="must confine the far side"):
        ula_mean_passage_steps(flat, 0.0, 1.0, step_size=0.1)


def test_passage_steps_against_the_exact_mfpt_and_ulas_own_exact_mean():
    """Double well b/T = 2, τ = 0.01, 4000 chains from -1 to +1 (seed fixed).

    ULA's own exact mean is 509.890 steps (5.0989 in time): its bias against the exact
    MFPT 5.1293 is -0.6 % (discretised drift, -O(τ), partly offset by checking crossings only at
    the steps, +O(√τ)); the SE is 1.4 %, so both references hold at 5 SE, while Kramers' 1/k
    (4.10) is more than 10 SE away.
    """
    pot, tau, n = langevin.DoubleWell(2.0), 0.01, 4000
    exact = mean_first_passage_time(pot, -1.0, 1.0)
    ula_exact = ula_mean_passage_steps(pot, -1.0, 1.0, step_size=tau)
    assert ula_exact * tau / exact - 1 == pytest.approx(-0.006, abs=0.001)
    steps = first_passage_steps(pot, np.full((n, 1), -1.0), 1.0, step_size=tau, max_steps=50_000,
                                rng=2024)
    assert steps.dtype.kind == "i" and steps.shape == (n,) and steps.min() >= 1
    assert not np.any(steps == -1)  # P(T > 98 MFPT) is nil
    est = langevin.mean_estimate(steps * tau)
    assert abs(est.z(exact)) < Z_ASSERT, (est, exact)
    assert abs(est.z(ula_exact * tau)) < Z_ASSERT, (est, ula_exact * tau)
    assert abs(est.z(1 / kramers_double_well(2.0, 2.0))) > Z_WRONG


def test_passage_steps_without_noise_is_gradient_descent():
    """T = 0: the count is that of the deterministic map x' = x - τU'(x); uphill never arrives."""
    pot, tau = langevin.DoubleWell(1.0), 0.01
    x, expected = 2.0, 0
    while x > 1.2:
        x -= tau * 4 * x * (x * x - 1)
        expected += 1
    x0 = np.array([[2.0], [2.0]])
    assert first_passage_steps(pot, x0, 1.2, step_size=tau, max_steps=10_000,
                               temperature=0).tolist() == [expected, expected]
    assert first_passage_steps(pot, -x0, -1.2, step_size=tau, max_steps=10_000,
                               temperature=0.0).tolist() == [expected, expected]  # from above
    assert first_passage_steps(pot, np.array([[-1.0]]), 0.0, step_size=tau, max_steps=500,
                               temperature=0).tolist() == [-1]


def test_passage_steps_shapes_seeds_not_arrived_and_early_stop():
    calls = []

    def grad(x):
        calls.append(x.shape[0])
        return 4 * x * (x * x - 1)

    pot = langevin.FunctionPotential(lambda x: (x[..., 0] ** 2 - 1) ** 2, grad, dim=1)
    x0 = np.full((3, 5, 1), -1.0)
    a = first_passage_steps(pot, x0, 0.0, step_size=0.01, max_steps=100_000, rng=7)
    assert a.shape == (3, 5) and a.min() >= 1
    assert len(calls) == a.max()                 # stopped when the last chain arrived ...
    assert np.all(np.diff(calls) <= 0) and calls[-1] == 1  # ... stepping only those still out
    b = first_passage_steps(pot, x0, 0.0, step_size=0.01, max_steps=100_000,
                            rng=np.random.default_rng(7))
    assert np.array_equal(a, b)
    short = first_passage_steps(pot, x0, 0.0, step_size=0.01, max_steps=int(np.median(a)), rng=7)
    assert np.array_equal(short == -1, a > np.median(a))  # the same paths, cut at max_steps
    assert np.array_equal(short[short > 0], a[short > 0])


@pytest.mark.parametrize("x0, target, kwargs, match", [
    ([[-1.0], [1.0]], 0.0, {},
     r"target 0 is on the wrong side for some chains.*1 below and 1 above"),
    ([[0.5]], 0.5, {}, "x0 must not start at target"),
    ([[-1.0]], 0.0, {"max_steps": 1.5}, "max_steps must be"),
    ([[-1.0]], 0.0, {"max_steps": "10"}, "max_steps must be"),
    ([[-1.0]], 0.0, {"max_steps": True}, "max_steps must be"),
    ([[-1.0]], 0.0, {"max_steps": 0}, "max_steps must be a positive int"),
    ([[-1.0]], 0.0, {"step_size": 0.0}, "step_size"),
    ([[-1.0]], 0.0, {"temperature": -1.0}, "temperature must be a finite number >= 0"),
    ([[-1.0]], 0.0, {"rng": "seed"}, "rng"),
    ([[-1.0, 0.0]], 0.0, {}, r"x0 must have shape \(\.\.\., 1\)"),
    ([[np.nan]], 0.0, {}, "x0 must be finite"),
    ([[-1.0]], np.nan, {}, "target must be a finite number"),
])
def test_passage_steps_bad_input(x0, target, kwargs, match):
    kw = {"step_size": 0.01, "max_steps": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        first_passage_steps(langevin.DoubleWell(), np.array(x0), target, **kw)


def test_passage_steps_divergence():
    runaway = langevin.FunctionPotential(lambda x: -x[..., 0] ** 4, lambda x: -4 * x ** 3, dim=1)
    # no overflow warning escapes (warnings are errors here), whichever way the chains run off:
    with pytest.raises(langevin.DivergenceError, match="stopped being finite at step"):
        first_passage_steps(runaway, np.full((4, 1), -2.0), 0.0, step_size=0.1,
                            max_steps=100, rng=0)
    # ... and a chain that overflows to +inf has not "reached" a target beyond it
    with pytest.raises(langevin.DivergenceError, match="stopped being finite at step"):
        first_passage_steps(runaway, np.full((3, 1), 2.0), 1e300, step_size=0.1,
                            max_steps=100, rng=0)
    with pytest.raises(ValueError, match="one-dimensional"):
        first_passage_steps(langevin.Gaussian([0.0, 0.0], np.eye(2)), np.zeros((1, 2)), 1.0,
                            step_size=0.1, max_steps=10)


def test_barrier_height_double_well_and_a_side_without_a_well():
    assert langevin.barrier_height(langevin.DoubleWell(2.0), temperature=0.5) == pytest.approx(4.0)
    one_sided = langevin.GaussianMixture([0.8, 0.2], [[5.0], [-5.0]], [[[1.0]], [[1.0]]]).noised(4.0)
    assert langevin.barrier_height(one_sided) == 0.0        # the noised mixture has one mode
    with pytest.raises(ValueError, match="lo < split < hi"):
        langevin.barrier_height(langevin.DoubleWell(), split=9.0)
