"""Package speed (DESIGN.md §7): ``langevin.simulate`` against a naive loop and a bare-numpy floor.

Workload: ULA on ``GaussianMixture.default()`` (½N(−2, 1) + ½N(2, 1), one dimension),
10 000 particles, 200 steps, step_size 0.1, temperature 1, ``rng=0``. Times are best-of-N
(``time.perf_counter``), candidates interleaved so that load from other processes hits all alike.

- ``ula_vs_naive_speedup`` — time of the loop a user writes without vectorising: over steps and,
  inside, over particles, calling the package's own public one-step kernel
  ``langevin.ula_step`` on one particle at a time (same stream, same trajectory, asserted),
  divided by the time of ``simulate``. This is what vectorising over particles buys. Timed on
  500 particles x 20 steps and scaled linearly.
- ``ula_vs_pure_python_speedup`` — the strictest baseline: a pure-Python loop (``math``, lists; one particle and one step
  at a time: log-sum-exp responsibilities, gradient, ULA update) divided by the time of
  ``simulate``. The pure-Python loop draws its normals one by one from ``np.random.default_rng(0)``, in
  the same order as ``simulate``, so both compute the same trajectory (asserted, to 1e-12). It is
  timed on 500 particles x 50 steps and scaled linearly (x80) to 10 000 x 200: its cost is
  proportional to particles x steps.
- ``ula_vs_floor_ratio`` — ``floor_time / simulate_time``, the floor being the same arithmetic
  inlined in bare numpy: mixture gradient from log-sum-exp responsibilities, plus noise, written
  into a preallocated trajectory (no validation, no divergence check). It reproduces
  ``simulate``'s trajectory (asserted to 1e-12). 1.0 means no overhead.

About half of ``simulate``'s time here is drawing the 2 million normals; the floor has the same
cost, so ``ula_floor_vs_pure_python_speedup`` is the best any numpy loop can score on this machine.

At scale (issue 10):

- ``mala_vs_ula_time`` — ``simulate(method="mala")`` time over ``simulate(method="ula")`` on the
  same work: 10 000 chains x 300 steps on the default mixture, ``keep="final"``, interleaved,
  best of N. Target <= 1.5 (one ``energy_and_grad`` per step, in-place accept).
- ``mixture_grad_d100_vs_matmul`` — time of a plain ``@`` implementation of the mixture
  gradient (per component ``(x - mu_k) @ P_k``, log-sum-exp responsibilities, weighted sum;
  checked equal to ours) divided by the time of ``GaussianMixture.grad_energy``: dim 100,
  n = 10 000, K = 3 full covariances. Target >= 0.8. ``..._iso_...``: the same with isotropic
  covariances (the package's fast path, no matmul) against the same ``@`` reference.
- ``simulate_final_peak_mib`` — peak resident memory (``resource.getrusage``, in a fresh
  subprocess) of ``simulate`` on N(0, I_10) with 100 000 chains x 1 000 steps, ``keep="final"``
  (the whole trajectory would be 7.5 GiB).
"""
from __future__ import annotations

import math
import subprocess
import sys
import textwrap
import time

import numpy as np

import langevin

N_PARTICLES, N_STEPS, STEP_SIZE, TEMPERATURE = 10_000, 200, 0.1, 1.0
NAIVE_PARTICLES, NAIVE_STEPS, KERNEL_STEPS = 500, 50, 20
REPEATS = 9


def _best_interleaved(fns, repeats):
    """Best time of each function, calling them in turn ``repeats`` times.

    Interleaving makes a burst of load from other processes hit every candidate alike.
    """
    best = [math.inf] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def _package(x0):
    return langevin.simulate(langevin.GaussianMixture.default(), x0, step_size=STEP_SIZE,
                             n_steps=N_STEPS, temperature=TEMPERATURE, rng=0)


def _floor(x0):
    """The same ULA arithmetic inlined in bare numpy (the floor simulate is measured against).

    Written for this two-component, one-dimensional mixture: 1-D arrays, no validation, no
    divergence check, the log-sum-exp responsibilities spelled out per component.
    """
    gm = langevin.GaussianMixture.default()
    (m0, m1), (p0, p1) = gm.means[:, 0].tolist(), (1.0 / gm.covs[:, 0, 0]).tolist()
    c0, c1 = (np.log(gm.weights) - 0.5 * np.log(2 * np.pi * gm.covs[:, 0, 0])).tolist()
    rng = np.random.default_rng(0)
    noise = math.sqrt(2.0 * STEP_SIZE * TEMPERATURE)
    x = np.array(x0, dtype=float)[:, 0]          # (n,)
    out = np.empty((N_STEPS + 1,) + np.shape(x0))
    out[0, :, 0] = x
    for n in range(1, N_STEPS + 1):
        d0, d1 = x - m0, x - m1
        pd0, pd1 = d0 * p0, d1 * p1
        l0, l1 = c0 - 0.5 * (d0 * pd0), c1 - 0.5 * (d1 * pd1)
        mx = np.maximum(l0, l1)
        e0, e1 = np.exp(l0 - mx), np.exp(l1 - mx)
        s = e0 + e1
        grad = e0 / s * pd0 + e1 / s * pd1
        x = x - STEP_SIZE * grad + noise * rng.standard_normal(x.shape)
        out[n, :, 0] = x
    return out


def _pure_python(x0_list, n_steps, normal):
    """Pure Python: a loop over steps and, inside, over particles, one particle at a time.

    ``normal()`` draws one standard normal. With ``np.random.default_rng(0).standard_normal`` it
    reads the same random stream in the same order as ``simulate(..., rng=0)``, so this
    loop and the package compute the same trajectory (checked in :func:`run`).
    """
    means, precs, weights = (-2.0, 2.0), (1.0, 1.0), (0.5, 0.5)
    log_coef = [math.log(w) - 0.5 * math.log(2 * math.pi / p) for w, p in zip(weights, precs)]
    noise = math.sqrt(2.0 * STEP_SIZE * TEMPERATURE)
    xs = list(x0_list)
    traj = [xs[:]]
    for _ in range(n_steps):
        for i, x in enumerate(xs):
            logt = [c - 0.5 * ((x - m) * ((x - m) * p)) for c, m, p in zip(log_coef, means, precs)]
            mx = max(logt)
            e = [math.exp(t - mx) for t in logt]
            s = sum(e)
            grad = sum(ek / s * ((x - m) * p) for ek, m, p in zip(e, means, precs))
            xs[i] = x - STEP_SIZE * grad + noise * normal()
        traj.append(xs[:])
    return traj


def _kernel_loop(x0, n_steps):
    """Per-particle loop over the package's public kernel, one particle and one step at a time."""
    gm, rng = langevin.GaussianMixture.default(), np.random.default_rng(0)
    x = np.array(x0, dtype=float)
    out = np.empty((n_steps + 1,) + x.shape)
    out[0] = x
    for n in range(1, n_steps + 1):
        for i in range(x.shape[0]):
            x[i] = langevin.ula_step(x[i], gm, STEP_SIZE, temperature=TEMPERATURE, rng=rng)
        out[n] = x
    return out


def _mala_vs_ula(repeats: int = REPEATS) -> tuple[float, float]:
    """Best times of ULA and MALA, 10 000 chains x 300 steps on the default mixture."""
    gm = langevin.GaussianMixture.default()
    x0 = np.random.default_rng(1).normal(size=(N_PARTICLES, 1))

    def run_method(method):
        return langevin.simulate(gm, x0, step_size=STEP_SIZE, n_steps=300, method=method, rng=0,
                                 keep="final")
    t_ula, t_mala = _best_interleaved([lambda: run_method("ula"), lambda: run_method("mala")],
                                      repeats)
    return t_ula, t_mala


def _mixture_grad_matmul(gm, x):
    """The mixture gradient as one would write it with plain ``@`` (the reference)."""
    logs, pds = [], []
    log_coef = np.log(gm.weights) - 0.5 * (gm.dim * np.log(2 * np.pi)
                                           + np.linalg.slogdet(gm.covs)[1])
    for k in range(gm.weights.shape[0]):
        d = x - gm.means[k]
        pd = d @ gm.precisions[k]
        logs.append(log_coef[k] - 0.5 * np.sum(d * pd, axis=-1))
        pds.append(pd)
    logt = np.stack(logs, axis=-1)
    logt -= logt.max(axis=-1, keepdims=True)
    r = np.exp(logt)
    r /= r.sum(axis=-1, keepdims=True)
    return sum(r[:, k, None] * pds[k] for k in range(len(pds)))


def _mixture_grad_d100(isotropic: bool, repeats: int = REPEATS) -> tuple[float, float]:
    """(reference time, package time) for the gradient at dim 100, n = 10 000, K = 3."""
    rng = np.random.default_rng(2)
    dim, n = 100, 10_000
    if isotropic:
        covs = np.stack([c * np.eye(dim) for c in (0.5, 1.0, 2.0)])
    else:
        a = rng.standard_normal((3, dim, dim)) / np.sqrt(dim)
        covs = a @ a.transpose(0, 2, 1) + 0.5 * np.eye(dim)
    gm = langevin.GaussianMixture([0.2, 0.5, 0.3], rng.standard_normal((3, dim)), covs)
    x = 1.5 * rng.standard_normal((n, dim))
    assert np.allclose(gm.grad_energy(x), _mixture_grad_matmul(gm, x), rtol=1e-9, atol=1e-10)
    t_ref, t_pkg = _best_interleaved([lambda: _mixture_grad_matmul(gm, x),
                                      lambda: gm.grad_energy(x)], repeats)
    return t_ref, t_pkg


_PEAK_SCRIPT = textwrap.dedent("""
    import resource, tracemalloc, numpy as np, langevin
    g = langevin.Gaussian(np.zeros(10), np.eye(10))
    x0 = np.zeros((100_000, 10))
    with open("/proc/self/statm") as f:
        rss_before = int(f.read().split()[1]) * resource.getpagesize() / 2**20
    tracemalloc.start()
    x = langevin.simulate(g, x0, step_size=0.1, n_steps=1000, rng=0, keep="final")
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert x.shape == (100_000, 10) and np.isfinite(x).all()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, rss_before, traced_peak)
""")


def _simulate_final_peak_mib() -> tuple[float, float, float]:
    """In a fresh interpreter: (peak RSS of the process, RSS just before the run, peak of the
    memory the run allocated, by tracemalloc), all in MiB (Linux: ``ru_maxrss`` is in KiB)."""
    out = subprocess.run([sys.executable, "-c", _PEAK_SCRIPT], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def run() -> list[tuple[str, float, str]]:
    x0 = np.random.default_rng(1).normal(size=(N_PARTICLES, 1))
    # same arithmetic check: floor and package agree (same seed, same random stream)
    assert np.allclose(_floor(x0), _package(x0), rtol=1e-12, atol=1e-12)
    x0_naive = [float(v) for v in x0[:NAIVE_PARTICLES, 0]]
    # the pure-Python loop computes the same trajectory as simulate (same arithmetic and stream)
    same = langevin.simulate(langevin.GaussianMixture.default(), x0[:NAIVE_PARTICLES],
                             step_size=STEP_SIZE, n_steps=NAIVE_STEPS, rng=0)[:, :, 0]
    naive = _pure_python(x0_naive, NAIVE_STEPS, np.random.default_rng(0).standard_normal)
    assert np.allclose(naive, same, rtol=1e-12, atol=1e-12)
    # the per-particle kernel loop reads the stream in the same order: same trajectory
    same_k = langevin.simulate(langevin.GaussianMixture.default(), x0[:NAIVE_PARTICLES],
                               step_size=STEP_SIZE, n_steps=KERNEL_STEPS, rng=0)
    assert np.allclose(_kernel_loop(x0[:NAIVE_PARTICLES], KERNEL_STEPS), same_k, rtol=1e-12, atol=1e-12)
    t_pkg, t_floor, t_naive, t_kernel = _best_interleaved(
        [lambda: _package(x0), lambda: _floor(x0),
         lambda: _pure_python(x0_naive, NAIVE_STEPS, np.random.default_rng(0).standard_normal),
         lambda: _kernel_loop(x0[:NAIVE_PARTICLES], KERNEL_STEPS)], REPEATS)
    t_naive *= (N_PARTICLES * N_STEPS) / (NAIVE_PARTICLES * NAIVE_STEPS)  # linear in both
    t_kernel *= (N_PARTICLES * N_STEPS) / (NAIVE_PARTICLES * KERNEL_STEPS)
    return [
        ("ula_simulate_ms", 1e3 * t_pkg, f"ms ({N_PARTICLES} particles x {N_STEPS} steps, 1-D mixture)"),
        ("ula_floor_ms", 1e3 * t_floor, "ms (bare numpy, same arithmetic)"),
        ("ula_pure_python_ms", 1e3 * t_naive,
         f"ms (pure Python, timed on {NAIVE_PARTICLES} x {NAIVE_STEPS} and scaled linearly)"),
        ("ula_kernel_loop_ms", 1e3 * t_kernel,
         f"ms (per-particle ula_step loop, timed on {NAIVE_PARTICLES} x {KERNEL_STEPS}, scaled)"),
        ("ula_vs_naive_speedup", t_kernel / t_pkg, "x (per-particle ula_step loop; target >= 100)"),
        ("ula_vs_pure_python_speedup", t_naive / t_pkg, "x (strictest baseline: pure-Python arithmetic)"),
        ("ula_floor_vs_pure_python_speedup", t_naive / t_floor, "x (reference: bare numpy vs pure Python)"),
        ("ula_vs_floor_ratio", t_floor / t_pkg, "ratio floor/simulate (target >= 0.7)"),
    ] + _at_scale()


def _at_scale() -> list[tuple[str, float, str]]:
    t_ula, t_mala = _mala_vs_ula()
    t_ref, t_full = _mixture_grad_d100(isotropic=False)
    t_ref_iso, t_iso = _mixture_grad_d100(isotropic=True)
    peak_mib, before_mib, traced_mib = _simulate_final_peak_mib()
    return [
        ("ula_300_steps_ms", 1e3 * t_ula, "ms (10000 chains x 300 steps, default mixture)"),
        ("mala_300_steps_ms", 1e3 * t_mala, "ms (same work, MALA)"),
        ("mala_vs_ula_time", t_mala / t_ula, "ratio MALA/ULA time (target <= 1.5)"),
        ("mixture_grad_d100_ms", 1e3 * t_full, "ms (dim 100, n 10000, K 3 full covariances)"),
        ("mixture_grad_d100_matmul_ms", 1e3 * t_ref, "ms (plain @ reference, same mixture)"),
        ("mixture_grad_d100_vs_matmul", t_ref / t_full,
         "ratio reference/package time (target >= 0.8)"),
        ("mixture_grad_d100_iso_vs_matmul", t_ref_iso / t_iso,
         "ratio reference/package time, isotropic covariances (fast path)"),
        ("simulate_final_peak_mib", peak_mib,
         "MiB peak RSS of the whole process, 1e5 chains x 1000 steps x dim 10, keep='final' "
         f"(RSS before the run {before_mib:.0f} MiB; target: far below 1 GiB; keep='all' "
         "would need 7.5 GiB)"),
        ("simulate_final_run_peak_mib", traced_mib,
         "MiB allocated by the run at its peak (tracemalloc; one state is 7.6 MiB)"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.4g} {unit}")
