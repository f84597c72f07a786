"""The website's JavaScript explorables (explorables/static) pinned to the ``langevin`` package.

``langevin-core.js`` runs under node (skipped, with the reason, where node is missing), and so
does ``langevin-explorables.js`` (with a stub page: its ``compute`` and ``status`` need no DOM):

- its random stream is re-implemented here from the documented recipe (SplitMix64 seeding,
  xoshiro128**, 53-bit uniforms, Marsaglia polar normals) and must agree draw for draw;
- its chains are replayed with the package's own kernels (``langevin.samplers._ula`` /
  ``_mala``) fed by a fake generator that returns the same stream, and must agree to 1e-12;
- its chains pass statistical checks against exact values at 5 standard errors, and each check
  names the value a real failure would produce (MALA without its accept step, i.e. ULA; noise
  of the wrong size; chains that never cross the barrier) and asserts it is at least 10
  standard errors away;
- the explorables' exact numbers (the variance of p^(1/T)/Z in chapter 1, <U>_T in chapter 4),
  the minima they mark, their step-size range and their divergence sentence agree with the
  package.
"""
from __future__ import annotations

import json
import math
import os
import pathlib
import re
import shutil
import subprocess

import numpy as np
import pytest
from scipy import optimize, stats

import langevin
from langevin.samplers import _mala, _ula

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORE = ROOT / "explorables" / "static" / "langevin-core.js"
EXPLORABLES = ROOT / "explorables" / "static" / "langevin-explorables.js"
NODE = shutil.which(os.environ.get("LANGEVIN_NODE", "node"))
REPLAY_TOL = 1e-12
Z_ASSERT, Z_WRONG = 5.0, 10.0

MASK32, MASK64 = (1 << 32) - 1, (1 << 64) - 1


# --------------------------------------------------------------------------- the stream, in Python
def splitmix64(state: int) -> tuple[int, int]:
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & MASK32


class BookStream:
    """The explorables' random stream, as documented at the top of langevin-core.js."""

    def __init__(self, seed: int | None = None, *, state: list[int] | None = None):
        if state is None:
            s, z1 = splitmix64(seed)
            s, z2 = splitmix64(s)
            state = [z1 & MASK32, z1 >> 32, z2 & MASK32, z2 >> 32]
        self.s = [w & MASK32 for w in state]
        self.spare: float | None = None

    def u32(self) -> int:
        s = self.s
        result = (_rotl((s[1] * 5) & MASK32, 7) * 9) & MASK32
        t = (s[1] << 9) & MASK32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def uniform(self) -> float:
        a = self.u32() >> 5
        b = self.u32() >> 6
        return (a * 67108864 + b) / 9007199254740992.0

    def normal(self) -> float:
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        f = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = v * f
        return u * f


class StreamGenerator:
    """Stands in for ``numpy.random.Generator`` in the package's kernels: same stream as the JS."""

    def __init__(self, stream: BookStream):
        self.stream = stream

    def standard_normal(self, shape):
        n = int(np.prod(shape))
        return np.array([self.stream.normal() for _ in range(n)], dtype=float).reshape(shape)

    def random(self, shape):
        n = int(np.prod(shape))
        return np.array([self.stream.uniform() for _ in range(n)], dtype=float).reshape(shape)


def test_stream_reference_vectors():
    """The two published building blocks, from their authors' reference outputs."""
    state, out = 0, []
    for _ in range(3):
        state, z = splitmix64(state)
        out.append(z)
    assert out == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    xo = BookStream(state=[1, 2, 3, 4])
    assert [xo.u32() for _ in range(10)] == [11520, 0, 5927040, 70819200, 2031721883, 1637235492,
                                             1287239034, 3734860849, 3729100597, 4258142804]


def test_python_stream_is_uniform_and_normal():
    """The stream itself (Python side): uniforms U[0, 1), normals N(0, 1) by KS at fixed seed."""
    st = BookStream(2024)
    u = np.array([st.uniform() for _ in range(20_000)])
    z = np.array([st.normal() for _ in range(20_000)])
    assert u.min() >= 0.0 and u.max() < 1.0
    assert stats.kstest(u, "uniform").pvalue > 1e-3
    assert stats.kstest(z, "norm").pvalue > 1e-3


# --------------------------------------------------------------------------- node driver
DRIVER = r"""
const C = require(process.argv[1]);
const cfg = JSON.parse(process.argv[2]);
const out = {};
function potential(p) {
  if (p.kind === "gaussian") return C.gaussian(p.mean, p.variance);
  if (p.kind === "mixture") return C.mixture(p.weights, p.means, p.variances);
  if (p.kind === "double well") return C.doubleWell(p.barrier);
  throw new Error("unknown potential " + p.kind);
}
if (cfg.task === "stream") {
  let r = new C.Rng(cfg.seed);
  out.u32 = Array.from({length: cfg.n}, () => r.u32());
  r = new C.Rng(cfg.seed);
  out.uniform = Array.from({length: cfg.n}, () => r.uniform());
  r = new C.Rng(cfg.seed);
  out.normal = Array.from({length: cfg.n}, () => r.normal());
} else if (cfg.task === "simulate") {
  const rng = new C.Rng(cfg.seed);
  const x0 = new Float64Array(cfg.n);
  for (let i = 0; i < cfg.n; i++) {
    x0[i] = cfg.start === "uniform" ? -3.0 + 6.0 * rng.uniform()
          : cfg.start === "constant" ? cfg.value : cfg.scale * rng.normal();
  }
  const opts = {potential: potential(cfg.potential), x0: x0, stepSize: cfg.tau,
                temperature: cfg.T, nSteps: cfg.nSteps, method: cfg.method,
                record: cfg.record ? cfg.n : 0, bound: cfg.bound};
  if (cfg.tape) opts.tape = C.drawTape(rng, cfg.n, cfg.nSteps, cfg.method);
  else opts.rng = rng;
  const res = C.simulate(opts);
  out.x = Array.from(res.x);
  out.paths = Array.from(res.paths);
  out.accepted = Array.from(res.accepted);
  out.acceptanceRate = res.acceptanceRate;
  out.divergedAt = res.divergedAt;
} else if (cfg.task === "reference") {
  const grid = C.linspace(cfg.lo, cfg.hi, cfg.n);
  out.grid = Array.from(grid);
  out.density = Array.from(C.boltzmannOnGrid(potential(cfg.potential), grid, cfg.T));
  out.ulaVariance = cfg.taus.map((t) => C.ulaGaussianVariance(cfg.s2, t, cfg.T));
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def node():
    if NODE is None:
        pytest.skip("node (JavaScript runtime) not found: the explorables' JavaScript cannot run "
                    "here (apt-get install -y nodejs, or set LANGEVIN_NODE)")
    return NODE


def run_js(node: str, **cfg) -> dict:
    proc = subprocess.run([node, "-e", DRIVER, str(CORE), json.dumps(cfg)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


MIXTURE = {"kind": "mixture", "weights": [0.5, 0.5], "means": [-2.0, 2.0], "variances": [1.0, 1.0]}
DOUBLE_WELL = {"kind": "double well", "barrier": 1.0}


def gaussian(variance=1.0, mean=0.0):
    return {"kind": "gaussian", "mean": mean, "variance": variance}


def mixture_mode() -> float:
    """The right peak of the package's default mixture: U' = 0 by Brent, bracketed by
    ``langevin.local_minima`` on a 1e-5 grid."""
    gm = langevin.GaussianMixture.default()
    grid = np.linspace(-5.0, 5.0, 1_000_001)
    top = float(langevin.local_minima(gm, grid)[-1])
    return optimize.brentq(lambda x: float(gm.grad_energy(np.array([[x]]))[0, 0]),
                           top - 1e-4, top + 1e-4, xtol=1e-15, rtol=4 * np.finfo(float).eps)


def package_potential(spec: dict):
    if spec["kind"] == "mixture":
        return langevin.GaussianMixture(spec["weights"], spec["means"], spec["variances"])
    if spec["kind"] == "double well":
        return langevin.DoubleWell(spec["barrier"])
    return langevin.Gaussian(spec["mean"], spec["variance"])


# --------------------------------------------------------------------------- the same stream
def test_js_stream_matches_python(node):
    js = run_js(node, task="stream", seed=12345, n=4000)
    st = BookStream(12345)
    assert js["u32"] == [st.u32() for _ in range(4000)]
    st = BookStream(12345)
    assert js["uniform"] == [st.uniform() for _ in range(4000)]  # exact: integer arithmetic
    st = BookStream(12345)
    py = np.array([st.normal() for _ in range(4000)])
    # only Math.log may differ from C's log by an ulp
    np.testing.assert_allclose(js["normal"], py, rtol=4e-16, atol=0)


# --------------------------------------------------------------------------- replay
def replay(cfg: dict) -> tuple[np.ndarray, np.ndarray]:
    """The package's kernels on the JS configuration: trajectory (n_steps + 1, n) and accepts."""
    stream = BookStream(cfg["seed"])
    gen = StreamGenerator(stream)
    n = cfg["n"]
    if cfg["start"] == "uniform":
        x = np.array([-3.0 + 6.0 * stream.uniform() for _ in range(n)])[:, None]
    elif cfg["start"] == "constant":
        x = np.full((n, 1), float(cfg["value"]))
    else:
        x = np.array([cfg["scale"] * stream.normal() for _ in range(n)])[:, None]
    pot = package_potential(cfg["potential"])
    traj, accepted = [x[:, 0].copy()], np.zeros(n, dtype=int)
    for _ in range(cfg["nSteps"]):
        if cfg["method"] == "mala":  # _mala updates x in place
            x, acc, _, _ = _mala(x, pot, cfg["tau"], cfg["T"], gen)
            accepted += acc
        else:
            x = _ula(x, pot, cfg["tau"], cfg["T"], gen)
        traj.append(x[:, 0].copy())
    return np.array(traj), accepted


REPLAYS = {
    "score: ULA on the mixture, T = 1": dict(potential=MIXTURE, method="ula", tau=0.1, T=1.0,
                                               start="normal", scale=1.0, n=41, nSteps=200, seed=0),
    "score: no noise (T = 0)": dict(potential=MIXTURE, method="ula", tau=0.1, T=0.0,
                                    start="normal", scale=1.0, n=20, nSteps=200, seed=3),
    "boltzmann: ULA on the double well, T = 0.7": dict(potential=DOUBLE_WELL, method="ula",
                                                        tau=0.02, T=0.7, start="uniform", n=33,
                                                        nSteps=300, seed=5),
    "discretisation: ULA on N(0, 1), tau = 1.5": dict(potential=gaussian(), method="ula", tau=1.5,
                                                      T=1.0, start="normal", scale=1.0, n=25,
                                                      nSteps=60, seed=7),
    "discretisation: MALA on N(0, 2), tau = 1.2": dict(potential=gaussian(2.0), method="mala",
                                                       tau=1.2, T=0.8, start="normal", scale=1.2,
                                                       n=31, nSteps=60, seed=11),
    "MALA on the mixture, T = 1.5": dict(potential=MIXTURE, method="mala", tau=0.4, T=1.5,
                                         start="uniform", n=27, nSteps=150, seed=13),
}


@pytest.mark.parametrize("tape", [False, True], ids=["rng", "tape"])
@pytest.mark.parametrize("name", list(REPLAYS))
def test_js_chains_replayed_by_package_kernels(node, name, tape):
    """Every step of every chain, JS against langevin's _ula/_mala with the same stream."""
    cfg = dict(REPLAYS[name], tape=tape)
    js = run_js(node, task="simulate", record=True, **cfg)
    assert js["divergedAt"] == -1
    traj, accepted = replay(cfg)
    paths = np.array(js["paths"]).reshape(cfg["n"], cfg["nSteps"] + 1).T
    err = np.max(np.abs(paths - traj))
    print(f"{name} ({'tape' if tape else 'rng'}): max |JS - Python| = {err:.3g} over "
          f"{traj.size} states")
    assert err <= REPLAY_TOL, f"{name}: JS and the package's kernel differ by {err:.3g}"
    if cfg["method"] == "mala":
        assert js["accepted"] == accepted.tolist()
        assert 0 < sum(js["accepted"]) < cfg["n"] * cfg["nSteps"]  # both branches exercised
    if cfg["T"] == 0.0:  # no noise: nothing drawn, the deterministic gradient flow
        assert np.all(np.abs(np.abs(traj[-1]) - mixture_mode()) < 1e-6)


def test_js_divergence_is_reported(node):
    """ULA on N(0, 1) past the stability bound tau < 2 s^2: the run stops and names the step."""
    js = run_js(node, task="simulate", potential=gaussian(), method="ula", tau=2.5, T=1.0,
                start="normal", scale=1.0, n=10, nSteps=3000, seed=1, record=False)
    assert 1000 < js["divergedAt"] < 3000  # |1 - tau| = 1.5: overflow after ~1750 steps


def test_js_bound_ends_the_run_at_the_first_step_past_it(node):
    """With a bound (the explorables use the package widget's 1e6) the run stops at the first
    step where some |x| > bound, as the package's replay finds it, and the paths end there."""
    cfg = dict(potential=gaussian(), method="ula", tau=2.5, T=1.0, start="normal", scale=1.0,
               n=12, nSteps=80, seed=2)
    js = run_js(node, task="simulate", record=True, bound=1e6, **cfg)
    traj, _ = replay(cfg)
    first = int(np.argmax(np.any(np.abs(traj) > 1e6, axis=1)))
    assert 0 < first == js["divergedAt"]
    paths = np.array(js["paths"], dtype=float).reshape(cfg["n"], cfg["nSteps"] + 1).T
    np.testing.assert_allclose(paths[:first], traj[:first], rtol=1e-12, atol=0)
    assert np.all(np.isnan(paths[first:]))  # null in JSON: nothing drawn after the blow-up


# --------------------------------------------------------------------------- reference curves
def test_js_reference_curves_match_package(node):
    taus = [0.1, 0.5, 1.0, 1.9, 2.0]
    js = run_js(node, task="reference", potential=MIXTURE, T=1.0, lo=-10.0, hi=10.0, n=2001,
                taus=taus, s2=1.0)
    x = np.array(js["grid"])
    exact = np.exp(package_potential(MIXTURE).log_density(x[:, None]))
    np.testing.assert_allclose(js["density"], exact, atol=1e-9)
    js2 = run_js(node, task="reference", potential=DOUBLE_WELL, T=0.5, lo=-4.0, hi=4.0, n=801,
                 taus=taus, s2=1.0)
    assert np.allclose(js2["density"], langevin.boltzmann_density(
        langevin.DoubleWell(1.0), np.array(js2["grid"]), temperature=0.5), atol=1e-9)
    for tau, v in zip(taus, js["ulaVariance"]):
        if tau < 2.0:
            assert v == pytest.approx(langevin.ula_gaussian_variance(1.0, tau, 1.0), rel=1e-15)
        else:
            assert v is None or v == float("inf")  # JSON has no Infinity: null


# --------------------------------------------------------------------------- statistics
def _final(node, **cfg) -> np.ndarray:
    return np.array(run_js(node, task="simulate", record=False, tape=True, **cfg)["x"])


@pytest.mark.parametrize("tau,T,s2,seed", [(0.5, 1.0, 1.0, 21), (1.5, 0.5, 2.0, 22)])
def test_js_ula_gaussian_variance(node, tau, T, s2, seed):
    """ULA's stationary variance T s^2 / (1 - tau/2s^2), not the target's T s^2."""
    n = 100_000
    x = _final(node, potential=gaussian(s2), method="ula", tau=tau, T=T, start="normal",
               scale=math.sqrt(T * s2), n=n, nSteps=60, seed=seed)
    exact = langevin.ula_gaussian_variance(s2, tau, T)
    est = langevin.variance_estimate(x)
    z, z_wrong = est.z(exact), (T * s2 - exact) / est.se
    print(f"JS ULA on N(0, {s2}), tau={tau}, T={T}: variance {est.value:.4f} ± {est.se:.4f}, "
          f"exact {exact:.4f} (z = {z:.2f}); target {T * s2} is {abs(z_wrong):.0f} SE away")
    assert abs(z_wrong) >= Z_WRONG
    assert abs(z) < Z_ASSERT


def test_js_mala_gaussian_is_exact_at_large_step(node):
    """MALA at tau = 1.5 on N(0, 1), started far away (x0 = 3 s): the target's variance 1."""
    n = 40_000
    js = run_js(node, task="simulate", record=False, tape=True, potential=gaussian(),
                method="mala", tau=1.5, T=1.0, start="constant", value=3.0, n=n, nSteps=200,
                seed=31)
    x = np.array(js["x"])
    est = langevin.variance_estimate(x)
    mean = langevin.mean_estimate(x)
    wrong = langevin.ula_gaussian_variance(1.0, 1.5, 1.0)  # what ULA would give: 4
    print(f"JS MALA on N(0, 1), tau=1.5: variance {est.value:.4f} ± {est.se:.4f} (z = "
          f"{est.z(1.0):.2f}), mean z = {mean.z(0.0):.2f}, acceptance {js['acceptanceRate']:.3f}")
    assert abs(wrong - 1.0) / est.se >= Z_WRONG
    assert abs(est.z(1.0)) < Z_ASSERT and abs(mean.z(0.0)) < Z_ASSERT


def test_js_mala_mixture_moments(node):
    """MALA on ½N(−2, 1) + ½N(2, 1), every chain started in the left peak (x0 = −2), tau = 1:
    mean 0, variance 5, half right of 0. A real failure is far off: chains that never cross
    the barrier give mean −2, variance ≈ 1 and nobody right of 0; MALA without its accept
    step is ULA, whose stationary variance at tau = 1 is 5.50 (langevin.ula_stationary_density)."""
    n, tau = 20_000, 1.0
    js = run_js(node, task="simulate", record=False, tape=False, potential=MIXTURE,
                method="mala", tau=tau, T=1.0, start="constant", value=-2.0, n=n, nSteps=600,
                seed=41)
    x = np.array(js["x"])
    mean, var = langevin.mean_estimate(x), langevin.variance_estimate(x)
    right = langevin.mean_estimate(x > 0)
    grid = np.linspace(-14.0, 14.0, 5601)
    p = langevin.ula_stationary_density(langevin.GaussianMixture.default(), tau, grid)
    m1 = np.trapezoid(grid * p, grid)
    ula_var = float(np.trapezoid((grid - m1) ** 2 * p, grid))
    print(f"JS MALA on the mixture from x0 = -2: mean {mean.value:.4f} ± {mean.se:.4f} "
          f"(z = {mean.z(0):.2f}), variance {var.value:.4f} ± {var.se:.4f} (z = {var.z(5.0):.2f};"
          f" ULA's {ula_var:.4f} is {abs(var.z(ula_var)):.0f} SE away), right of 0 "
          f"{right.value:.4f} (z = {right.z(0.5):.2f}), acceptance {js['acceptanceRate']:.3f}")
    assert abs(mean.z(0.0)) < Z_ASSERT
    assert abs(var.z(5.0)) < Z_ASSERT
    assert abs(right.z(0.5)) < Z_ASSERT
    assert abs(var.z(ula_var)) >= Z_WRONG      # no accept/reject: ULA's law
    assert abs(right.z(0.0)) >= Z_WRONG        # no crossing: every chain still left of 0
    assert abs(mean.z(-2.0)) >= Z_WRONG


def test_js_ula_double_well_matches_its_exact_stationary_law(node):
    """The Boltzmann explorable's sampler: ULA on the double well at T = 1, tau = 0.02, against
    ULA's own stationary law on a grid (langevin.ula_stationary_density), via <x^2>. The
    classic bug, noise sqrt(tau T) instead of sqrt(2 tau T), samples ULA's law at T/2."""
    n, tau, T = 100_000, 0.02, 1.0
    x = np.array(run_js(node, task="simulate", record=False, tape=False, potential=DOUBLE_WELL,
                        method="ula", tau=tau, T=T, start="uniform", n=n, nSteps=800,
                        seed=51)["x"])
    grid = np.linspace(-3.0, 3.0, 1201)
    dx = grid[1] - grid[0]

    def second_moment(temperature):
        p = langevin.ula_stationary_density(langevin.DoubleWell(1.0), tau, grid,
                                            temperature=temperature)
        return float(np.sum(grid**2 * p) * dx)

    exact, wrong = second_moment(T), second_moment(T / 2)
    est = langevin.mean_estimate(x**2)
    print(f"JS ULA double well: <x^2> {est.value:.4f} ± {est.se:.4f}, ULA's exact {exact:.4f} "
          f"(z = {est.z(exact):.2f}); with noise sqrt(tau T) {wrong:.4f} "
          f"({abs(est.z(wrong)):.1f} SE away)")
    assert abs(est.z(exact)) < Z_ASSERT
    assert abs(est.z(wrong)) >= Z_WRONG


# --------------------------------------------------------------------------- the explorables
# langevin-explorables.js under node, with a stub page (no explorable div: nothing is mounted);
# each run calls a kind's compute() and status() as a slider move does, on a fresh cache.
EXPLORABLE_DRIVER = r"""
global.window = {LangevinCore: require(process.argv[1])};
global.document = {readyState: "complete", querySelectorAll: () => [], addEventListener() {}};
require(process.argv[2]);
const E = window.LangevinExplorables;
const cfg = JSON.parse(process.argv[3]);
const out = {minima: E.minima, settleTau: E.settleTau, controls: {}, runs: []};
for (const [kind, spec] of Object.entries(E.kinds)) {
  out.controls[kind] = {};
  for (const c of spec.controls) out.controls[kind][c.name] = {min: c.min, max: c.max, step: c.step, value: c.value};
}
for (const run of cfg.runs) {
  const spec = E.kinds[run.kind];
  const params = {};
  for (const c of spec.controls) params[c.name] = c.value;
  Object.assign(params, run.params || {});
  const options = Object.assign({}, spec.options || {});
  const cache = {};
  const r = spec.compute(params, cache, options);
  const o = {params: params, exactVar: r.exactVar, meanU: r.meanU, error: r.error,
             status: spec.status(r, params, options)};
  if (run.kind === "score") {
    o.divergedWithout = r.without.res.divergedAt;
    o.divergedWith = r.with.res.divergedAt;
    if (run.then) {
      const r2 = spec.compute(Object.assign({}, params, run.then), cache, options);
      o.sameWithout = r2.without.res === r.without.res;
    }
  }
  out.runs.push(o);
}
process.stdout.write(JSON.stringify(out));
"""


def run_explorables(node: str, runs: list[dict]) -> dict:
    proc = subprocess.run([node, "-e", EXPLORABLE_DRIVER, str(CORE), str(EXPLORABLES),
                           json.dumps({"runs": runs})], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


BOLTZMANN_POTENTIALS = {"double well": langevin.DoubleWell(1.0),
                        "mixture": langevin.GaussianMixture.default(),
                        "Gaussian": langevin.Gaussian(0.0, 1.0)}


def package_moments(potential, temperature: float) -> tuple[float, float]:
    """Variance and <U> under exp(-U/T)/Z: langevin.boltzmann_density on [-60, 60], step 1e-3."""
    grid = np.linspace(-60.0, 60.0, 120_001)
    p = langevin.boltzmann_density(potential, grid, temperature=temperature)
    mean = np.trapezoid(grid * p, grid)
    var = np.trapezoid((grid - mean) ** 2 * p, grid)
    return float(var), float(np.trapezoid(potential.energy(grid[:, None]) * p, grid))


def test_explorables_exact_values_match_package(node):
    """The numbers the explorables print as exact: chapter 1's variance of p^(1/T)/Z and chapter
    4's <U>_T, at the smallest T > 0, T = 1 and the slider's largest T, against the package on a
    wide fine grid (a grid that cuts the tails gave 4.97 for 5 at T = 1, 6.48 for 7.72 at T = 3)."""
    controls = run_explorables(node, [])["controls"]
    cases = []
    for kind, names in (("score", [None]), ("boltzmann", list(BOLTZMANN_POTENTIALS))):
        t = controls[kind]["temperature"]
        for T in sorted({t["step"], 1.0, t["max"]}):
            for name in names:
                cases.append({"kind": kind, "params": dict({"temperature": T},
                                                          **({"potential": name} if name else {}))})
    got = run_explorables(node, cases)["runs"]
    worst = 0.0
    for case, r in zip(cases, got):
        T = case["params"]["temperature"]
        if case["kind"] == "score":
            js, exact = r["exactVar"], package_moments(langevin.GaussianMixture.default(), T)[0]
            what = f"score: variance of p^(1/T)/Z at T = {T}"
        else:
            name = case["params"]["potential"]
            js, exact = r["meanU"], package_moments(BOLTZMANN_POTENTIALS[name], T)[1]
            what = f"boltzmann, {name}: <U> at T = {T}"
        worst = max(worst, abs(js - exact) / abs(exact))
        print(f"{what}: JS {js:.10g}, package {exact:.10g}")
        assert js == pytest.approx(exact, rel=1e-8), what
    assert controls["score"]["temperature"]["max"] == 3 and controls["boltzmann"]["temperature"]["max"] == 3
    print(f"largest relative difference {worst:.2g}")


def test_explorables_minima_match_package(node):
    """The peaks the chapter-1 status measures against and the minima chapter 4 marks at T = 0."""
    got = run_explorables(node, [])["minima"]
    grid = np.linspace(-5.0, 5.0, 1_000_001)
    for name, pot in BOLTZMANN_POTENTIALS.items():
        expected = langevin.local_minima(pot, grid)
        assert len(got[name]) == len(expected), name
        np.testing.assert_allclose(got[name], expected, atol=1.1e-5, err_msg=name)
    mode = mixture_mode()
    print(f"mixture peaks: JS {got['mixture']}, package (Brent on grad_energy) ±{mode!r}")
    np.testing.assert_allclose(got["mixture"], [-mode, mode], rtol=0, atol=1e-12)


def test_score_explorable_step_size_range_matches_widget(node):
    """Exercise 1 of chapter 1 moves the step size to 2.5: the website's explorable has the
    Python widget's ranges (temperature, step size, steps)."""
    pytest.importorskip("ipywidgets")
    from langevin.widgets import explore_score_sampling

    js = run_explorables(node, [])["controls"]["score"]
    py = explore_score_sampling().controls
    for js_name, py_name in (("temperature", "temperature"), ("stepSize", "step_size"),
                             ("nSteps", "n_steps")):
        w = py[py_name]
        assert (js[js_name]["min"], js[js_name]["max"]) == pytest.approx((w.min, w.max)), js_name
        assert js[js_name]["step"] == pytest.approx(w.step), js_name
    assert js["stepSize"]["max"] == 2.5


def test_score_explorable_divergence_sentence(node):
    """tau = 2.5 (exercise 1): the noisy chains blow up and the status is a plain sentence with
    the step at which |x| first exceeds 1e6, the package widget's bound, on the same stream;
    the noise-free chains stay bounded but no longer settle, and the status says so."""
    blow, hop, slow = run_explorables(node, [
        {"kind": "score", "params": {"stepSize": 2.5, "temperature": 1.0}},
        {"kind": "score", "params": {"stepSize": 2.5, "temperature": 0.0}},
        {"kind": "score", "params": {"stepSize": 0.01, "nSteps": 10}},
    ])["runs"]
    for r in (blow, hop, slow):
        print(r["status"])
        assert r.get("error") is None and not any(bad in r["status"] for bad in
                                              ("NaN", "null", "undefined", "Infinity", "e+"))
    # the package's sampler on the explorable's stream (300 N(0, 1) starts, then the noise)
    p = blow["params"]
    stream = BookStream(int(p["seed"]))
    x = np.array([stream.normal() for _ in range(300)])[:, None]
    gen, gm, step = StreamGenerator(stream), langevin.GaussianMixture.default(), -1
    for n in range(1, int(p["nSteps"]) + 1):
        x = _ula(x, gm, p["stepSize"], p["temperature"], gen)
        if np.any(np.abs(x) > 1e6):
            step = n
            break
    assert step > 0 and blow["divergedWith"] == step and blow["divergedWithout"] == -1
    assert blow["status"] == (f"The chains blew up (|x| > 1e6 by step {step}): step size 2.5 is "
                              "too large for this target. Choose a smaller step size τ.")
    assert hop["divergedWithout"] == -1 and "no longer settle" in hop["status"]
    assert "still" in slow["status"] and "stops" not in slow["status"]


def test_score_explorable_keeps_noise_free_run(node):
    """A temperature move reuses the noise-free run (it does not depend on T); a step-size
    move recomputes it."""
    t_move, tau_move = run_explorables(node, [
        {"kind": "score", "params": {"temperature": 1.0}, "then": {"temperature": 2.0}},
        {"kind": "score", "params": {"temperature": 1.0}, "then": {"stepSize": 0.2}},
    ])["runs"]
    assert t_move["sameWithout"] is True
    assert tau_move["sameWithout"] is False


def test_discretisation_explorable_measures_against_ulas_law_after_n_steps(node):
    """Chapter 7's live figure: the chains start on the target and are measured against ULA's
    exact variance after the chosen n steps (langevin.ula_gaussian_moments), which is not yet
    the stationary one at n = 2; MALA's line names the target it keeps."""
    ula, mala = run_explorables(node, [
        {"kind": "discretisation", "params": {"stepSize": 0.5, "nSteps": 2, "method": "ULA"}},
        {"kind": "discretisation", "params": {"stepSize": 0.5, "nSteps": 2, "method": "MALA"}},
    ])["runs"]
    v2 = langevin.ula_gaussian_moments(0.0, 1.0, 0.0, 1.0, 0.5, 2)[1]          # 1.3125
    stationary = langevin.ula_gaussian_variance(1.0, 0.5)                       # 1.3333
    shown = re.search(r"ULA's exact variance after 2 steps (\d\.\d{3}) \(z = ", ula["status"])
    assert shown and abs(float(shown.group(1)) - v2) <= 5e-4 < abs(v2 - stationary), ula["status"]
    assert f"its stationary {stationary:.3f}" in ula["status"]
    shown = re.search(r"which MALA keeps; ULA's exact variance after 2 steps: (\d\.\d{3})",
                      mala["status"])
    assert shown and abs(float(shown.group(1)) - v2) <= 5e-4, mala["status"]
