"""The website's JavaScript explorables (explorables/static) pinned to the ``langevin`` package.

``langevin-core.js`` runs under node (skipped, with the reason, where node is missing):

- its random stream is re-implemented here from the documented recipe (SplitMix64 seeding,
  xoshiro128**, 53-bit uniforms, Marsaglia polar normals) and must agree draw for draw;
- its chains are replayed with the package's own kernels (``langevin.samplers._ula`` /
  ``_mala``) fed by a fake generator that returns the same stream, and must agree to 1e-12;
- its chains pass statistical checks against exact values at 5 standard errors, with a
  plausible wrong value at least 10 standard errors away.
"""
from __future__ import annotations

import json
import math
import os
import pathlib
import shutil
import subprocess

import numpy as np
import pytest
from scipy import stats

import langevin
from langevin.samplers import _mala, _ula

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORE = ROOT / "explorables" / "static" / "langevin-core.js"
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
                record: cfg.record ? cfg.n : 0};
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
        assert np.all(np.abs(np.abs(traj[-1]) - 1.998651346030) < 1e-6)


def test_js_divergence_is_reported(node):
    """ULA on N(0, 1) past the stability bound tau < 2 s^2: the run stops and names the step."""
    js = run_js(node, task="simulate", potential=gaussian(), method="ula", tau=2.5, T=1.0,
                start="normal", scale=1.0, n=10, nSteps=3000, seed=1, record=False)
    assert 1000 < js["divergedAt"] < 3000  # |1 - tau| = 1.5: overflow after ~1750 steps


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
    """MALA on ½N(−2, 1) + ½N(2, 1) from uniform starts on [−3, 3]: mean 0, variance 5, half right."""
    n = 10_000
    x = _final(node, potential=MIXTURE, method="mala", tau=0.5, T=1.0, start="uniform", n=n,
               nSteps=600, seed=41)
    mean, var = langevin.mean_estimate(x), langevin.variance_estimate(x)
    right = langevin.mean_estimate(x > 0)
    print(f"JS MALA on the mixture: mean {mean.value:.4f} ± {mean.se:.4f} (z = {mean.z(0):.2f}), "
          f"variance {var.value:.4f} ± {var.se:.4f} (z = {var.z(5.0):.2f}), "
          f"right of 0 {right.value:.4f} (z = {right.z(0.5):.2f})")
    assert abs(mean.z(0.0)) < Z_ASSERT
    assert abs(var.z(5.0)) < Z_ASSERT
    assert abs(right.z(0.5)) < Z_ASSERT
    assert abs(4.0 - 5.0) / var.se >= Z_WRONG  # a single mode's spread plus no mixing: 4 or less


def test_js_ula_double_well_matches_its_exact_stationary_law(node):
    """The Boltzmann explorable's sampler: ULA on the double well at T = 1, tau = 0.02, against
    ULA's own stationary law on a grid (langevin.ula_stationary_density), via <x^2>."""
    n, tau, T = 20_000, 0.02, 1.0
    x = _final(node, potential=DOUBLE_WELL, method="ula", tau=tau, T=T, start="uniform", n=n,
               nSteps=800, seed=51)
    grid = np.linspace(-3.0, 3.0, 1201)
    p = langevin.ula_stationary_density(langevin.DoubleWell(1.0), tau, grid, temperature=T)
    dx = grid[1] - grid[0]
    exact = float(np.sum(grid**2 * p) * dx)
    est = langevin.mean_estimate(x**2)
    print(f"JS ULA double well: <x^2> {est.value:.4f} ± {est.se:.4f}, ULA's exact {exact:.4f} "
          f"(z = {est.z(exact):.2f})")
    assert abs(est.z(exact)) < Z_ASSERT
    assert abs(1.0 - exact) / est.se >= Z_WRONG  # e.g. chains stuck at the minima: <x^2> = 1
