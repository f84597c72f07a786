"""The same ULA and MALA work in ``langevin`` (numpy), hand-written JAX and BlackJAX.

Run with ``make bench-peers`` (DESIGN.md §3, §7): it builds ``benchmarks/peers/.venv`` from the
exact pins in ``benchmarks/peers/requirements.txt`` and runs this file there. The local package is
imported from the repository (put on ``sys.path``), so both sides use the same numpy build.

Work: ``--chains`` chains (10⁴) × ``--steps`` steps (300), step size τ = 0.1, temperature 1, all
started from the same N(0, I) draws, on two targets:

- ``d1``: the default mixture ½N(−2, 1) + ½N(2, 1);
- ``d10``: ½N(−m, I₁₀) + ½N(m, I₁₀), m = (2/√10)·(1, …, 1): the modes are 4 apart, as in d1.

Implementations (each one log density with log-sum-exp, gradient by hand in numpy, by autodiff in
JAX):

- ``langevin``: ``langevin.simulate(..., method="ula" | "mala")`` (``keep="final"`` when the
  installed package has it);
- ``jax_f64`` / ``jax_f32``: ``jit`` + ``lax.scan`` over steps, the chains as one batch
  (``vmap`` of ``value_and_grad`` of the one-particle log density), float64 / float32;
- ``blackjax_f64``: ``blackjax.mala`` and, for ULA, ``blackjax.sgld`` with the
  exact gradient (SGLD with a full gradient is ULA: x + τ∇log p + √(2τT) z), ``vmap``-ed over
  chains with one key per chain per step, ``jit`` + ``lax.scan`` over steps. Float64 only: with
  ``jax_enable_x64`` on (needed here for the float64 cases) BlackJAX 1.7.1 cannot run float32
  chains (see ``BLACKJAX_F32``);
- ``jax_*_d10_chainslast``: the same JAX code with the state stored ``(dim, n)`` instead of
  ``(n, dim)`` (vmap over axis 1): the layout XLA's CPU loops prefer when dim is small;
- ``numpy_normals`` / ``jax_*_normals``: the noise alone, N(0, I) of the chains' shape drawn and
  summed each step (numpy's ``Generator.standard_normal`` against ``jax.random.normal`` with the
  default threefry keys): the floor under ULA, which explains most of the ULA ratios.

Timing: one process; every case is called once untimed first (JIT compilation and the first run,
printed as ``*_first_call_s``, excluded from the throughput); then ``--repeats`` rounds, each
running every case once, in a rotated order; medians of wall time and of process CPU time (all
threads). Throughput is particle-steps/s = chains × steps / wall time (dimension not counted);
``*_vs_langevin`` (``*_vs_numpy``) is a peer's throughput over ``langevin``'s (numpy's) on the
same work (> 1: the peer is faster); ``*_cpu_per_wall`` > 1 means more than one core was busy, and
``*_per_cpu_second`` is the throughput per CPU-second (what a second core bought; also the figure
least disturbed by other processes on a busy machine).

Check: each case's final states (from its last timed run) give the mean and variance along the
modes' axis (d1: x; d10: the projection on m/|m|, which is again ½N(−2, 1) + ½N(2, 1)), and for
d10 the variance per orthogonal coordinate, with standard errors and z against the exact law of
the sampler: MALA the target (5 and 1), ULA its own stationary law (5.0206, DESIGN.md §6, and
1/(1 − τ/2) = 1.05263 across).
"""
from __future__ import annotations

import argparse
import inspect
import os
import pathlib
import platform
import sys
import time

import numpy as np

import jax

jax.config.update("jax_enable_x64", True)

import blackjax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from jax.scipy.special import logsumexp  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
import langevin  # noqa: E402

STEP_SIZE = 0.1
# exact stationary variances (DESIGN.md §6): ULA on ½N(−2,1)+½N(2,1) at τ = 0.1, and on N(0, 1)
ULA_MIXTURE_VAR = 5.0206
ULA_UNIT_VAR = 1.0 / (1.0 - STEP_SIZE / 2.0)
EXACT = {"ula": (ULA_MIXTURE_VAR, ULA_UNIT_VAR), "mala": (5.0, 1.0)}


# jax_enable_x64 is on for the float64 cases in this same process; then BlackJAX 1.7.1's
# blackjax.util.generate_gaussian_noise returns float64 noise for float32 positions.
BLACKJAX_F32 = ("blackjax_f32: not run: with jax_enable_x64 on, blackjax 1.7.1 draws float64 "
                "noise for float32 positions (sgld returns float64; mala fails in lax.cond: "
                "'branches must have equal output types')")


def mixture(dim: int):
    """Weights, means, covariances of the benchmark target in ``dim`` dimensions."""
    axis = np.full(dim, 2.0 / np.sqrt(dim))
    return np.array([0.5, 0.5]), np.stack([-axis, axis]), np.stack([np.eye(dim)] * 2)


def jax_log_density(weights, means, covs, dtype):
    """One-particle log density ``x (dim,) -> log p(x)``, log-sum-exp over components.

    Isotropic covariances c_k I (both targets here, and ``langevin``'s fast path) use
    |x - mu_k|^2 / c_k; others the full quadratic form.
    """
    prec = np.linalg.inv(covs)
    logc = np.log(weights) - 0.5 * np.linalg.slogdet(2 * np.pi * covs)[1]
    iso = np.diagonal(covs, axis1=1, axis2=2)[:, 0]
    isotropic = np.allclose(covs, iso[:, None, None] * np.eye(covs.shape[1]), rtol=0, atol=0)
    means, prec, logc, iso_prec = (jnp.asarray(a, dtype=dtype)
                                   for a in (means, prec, logc, 1.0 / iso))

    def log_density(x):
        d = x - means                                    # (K, dim)
        if isotropic:
            quad = jnp.sum(d * d, axis=-1) * iso_prec
        else:
            quad = jnp.einsum("kd,kde,ke->k", d, prec, d)
        return logsumexp(logc - 0.5 * quad)

    return log_density


def jax_runner(log_density, method, n_steps, tau, chains_last=False):
    """Hand-written batched ULA / MALA: ``run(x0, key) -> (x_final, n_accepted)``.

    ``x0`` is ``(n, dim)``, or ``(dim, n)`` with ``chains_last`` (the chains on the minor axis,
    which XLA's CPU loops vectorise better when dim is small: measured in ``*_chainslast``).
    """
    c_ax, d_ax = (1, 0) if chains_last else (0, 1)
    value_and_grad = jax.vmap(jax.value_and_grad(log_density), in_axes=c_ax, out_axes=(0, c_ax))
    grad = jax.vmap(jax.grad(log_density), in_axes=c_ax, out_axes=c_ax)
    noise_scale = float(np.sqrt(2.0 * tau))

    def ula(carry, key):
        x, acc = carry
        z = jax.random.normal(key, x.shape, x.dtype)
        return (x + tau * grad(x) + noise_scale * z, acc), None

    def mala(carry, key):
        x, lp, g, acc = carry
        kz, ku = jax.random.split(key)
        y = x + tau * g + noise_scale * jax.random.normal(kz, x.shape, x.dtype)
        lp_y, g_y = value_and_grad(y)
        fwd = jnp.sum((y - x - tau * g) ** 2, axis=d_ax)   # -4τ log q(y | x)
        bwd = jnp.sum((x - y - tau * g_y) ** 2, axis=d_ax)  # -4τ log q(x | y)
        log_alpha = lp_y - lp + (fwd - bwd) / (4.0 * tau)
        u = jax.random.uniform(ku, lp.shape, x.dtype)
        ok = jnp.log(u) < log_alpha
        ok_x = jnp.expand_dims(ok, d_ax)
        return (jnp.where(ok_x, y, x), jnp.where(ok, lp_y, lp), jnp.where(ok_x, g_y, g),
                acc + ok), None

    @jax.jit
    def run(x0, key):
        keys = jax.random.split(key, n_steps)
        acc0 = jnp.zeros(x0.shape[c_ax], dtype=jnp.int32)
        if method == "ula":
            (x, acc), _ = jax.lax.scan(ula, (x0, acc0), keys)
        else:
            lp, g = value_and_grad(x0)
            (x, _, _, acc), _ = jax.lax.scan(mala, (x0, lp, g, acc0), keys)
        return (x.T if chains_last else x), acc

    return run


def blackjax_runner(log_density, method, n_steps, tau):
    """BlackJAX kernels vmapped over chains: ``run(x0 (n, dim), key) -> (x_final, n_accepted)``."""
    if method == "ula":
        grad = jax.grad(log_density)
        algo = blackjax.sgld(lambda x, _batch: grad(x))
        step = jax.vmap(lambda k, x: (algo.step(k, x, (), tau), jnp.zeros((), jnp.int32)))
        init = jax.vmap(algo.init)
        position = lambda state: state  # noqa: E731
    else:
        algo = blackjax.mala(log_density, tau)
        step = jax.vmap(lambda k, s: (lambda new, info: (new, info.is_accepted))(*algo.step(k, s)))
        init = jax.vmap(algo.init)
        position = lambda state: state.position  # noqa: E731

    @jax.jit
    def run(x0, key):
        n = x0.shape[0]

        def body(carry, k):
            state, acc = carry
            state, ok = step(jax.random.split(k, n), state)
            return (state, acc + ok), None

        acc0 = jnp.zeros(n, dtype=jnp.int32)
        (state, acc), _ = jax.lax.scan(body, (init(x0), acc0), jax.random.split(key, n_steps))
        return position(state), acc

    return run


def langevin_runner(potential, method, n_steps, tau):
    """``langevin.simulate`` with ``keep="final"`` / ``return_info`` where the package has them."""
    params = inspect.signature(langevin.simulate).parameters
    kwargs = dict(step_size=tau, n_steps=n_steps, method=method)
    if "keep" in params:
        kwargs["keep"] = "final"
    info = method == "mala" and "return_info" in params
    if info:
        kwargs["return_info"] = True

    def run(x0, seed):
        out = langevin.simulate(potential, x0, rng=seed, **kwargs)
        states, acc = out if info else (out, None)
        x = states if "keep" in kwargs else states[-1]
        return x, (None if acc is None else acc.acceptance_rate * n_steps)

    return run, ("keep='final'" if "keep" in kwargs else "full trajectory, [-1]")


def normals_runner(n_steps):
    """The noise alone, in JAX: ``n_steps`` draws of N(0, I) the shape of ``x0``, summed."""
    @jax.jit
    def run(x0, key):
        def body(acc, k):
            return acc + jax.random.normal(k, x0.shape, x0.dtype), None
        return jax.lax.scan(body, jnp.zeros_like(x0), jax.random.split(key, n_steps))[0], None

    return lambda _logp, _method, _n, _tau: run


def numpy_normals(x0, n_steps, seed):
    """The noise alone, in numpy (what ULA's floor is made of): draws summed like the JAX one."""
    rng = np.random.default_rng(seed)
    acc = np.zeros_like(x0)
    for _ in range(n_steps):
        acc += rng.standard_normal(x0.shape)
    return acc, None


def build_cases(n_chains, n_steps, seed):
    """Every (name, call, method, dim, base) to time; ``call()`` returns finished host arrays;
    ``base`` names the numpy case that a peer's ratio is taken against."""
    cases, notes = [], []
    for dim in (1, 10):
        weights, means, covs = mixture(dim)
        x0 = np.random.default_rng(seed).standard_normal((n_chains, dim))
        potential = langevin.GaussianMixture(weights, means, covs)
        for method in ("normals", "ula", "mala"):
            if method == "normals":
                base = f"numpy_normals_d{dim}"
                cases.append((base, (lambda x=x0: numpy_normals(x, n_steps, seed)), method, dim,
                               base))
            else:
                run, how = langevin_runner(potential, method, n_steps, STEP_SIZE)
                base = f"langevin_{method}_d{dim}"
                cases.append((base, (lambda r=run, x=x0: r(x, seed)), method, dim, base))
                notes.append(f"{base}: {how}")
            for dtype, tag in ((jnp.float64, "f64"), (jnp.float32, "f32")):
                logp = jax_log_density(weights, means, covs, dtype)
                xj = jnp.asarray(x0, dtype=dtype)
                peers = (("jax", normals_runner(n_steps)),) if method == "normals" else \
                    (("jax", jax_runner), ("blackjax", blackjax_runner))
                if dim > 1 and method != "normals":
                    peers += (("jax_chainslast", lambda *a: jax_runner(*a, chains_last=True)),)
                for lib, make in peers:
                    if lib == "blackjax" and tag == "f32":
                        continue  # see BLACKJAX_F32
                    run = make(logp, method, n_steps, STEP_SIZE)
                    # a key stream of its own per case, so the checks are independent
                    counter = iter(range(1000 * (len(cases) + 1), 10**9))
                    xin = xj.T.copy() if lib == "jax_chainslast" else xj

                    def call(run=run, xj=xin, dtype=dtype, counter=counter):
                        x, acc = run(xj, jax.random.key(seed + next(counter)))
                        x.block_until_ready()
                        if x.dtype != dtype:
                            raise TypeError(f"expected {dtype}, got {x.dtype}")
                        return x, acc

                    name = f"{lib}_{tag}_{method}_d{dim}"
                    if lib == "jax_chainslast":  # jax_f64_ula_d10_chainslast
                        name = f"jax_{tag}_{method}_d{dim}_chainslast"
                    cases.append((name, call, method, dim, base))
    return cases, notes


def timed(call):
    w0, c0 = time.perf_counter(), time.process_time()
    out = call()
    return time.perf_counter() - w0, time.process_time() - c0, out


def check_lines(name, method, dim, x, acc, n_steps):
    """Mean and variance along the modes' axis (and across it in d10), with SE and z."""
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    axis = np.ones(dim) / np.sqrt(dim)
    p = x @ axis
    ref_var, ref_orth = EXACT[method]
    dev2 = (p - p.mean()) ** 2
    var, var_se = dev2.sum() / (n - 1), np.sqrt((np.mean(dev2 ** 2) - np.mean(dev2) ** 2) / n)
    mean_se = np.sqrt(var / n)
    lines = [(f"{name}_final_mean", f"{p.mean():+.4f} ± {mean_se:.4f} (exact 0, "
              f"z {p.mean() / mean_se:+.2f})"),
             (f"{name}_final_var", f"{var:.4f} ± {var_se:.4f} (exact {ref_var:.4f}, "
              f"z {(var - ref_var) / var_se:+.2f})")]
    if dim > 1:
        c = x - x.mean(axis=0)
        orth = ((c ** 2).sum(axis=1) - (c @ axis) ** 2) / (dim - 1) * n / (n - 1)
        ov, ose = orth.mean(), orth.std(ddof=1) / np.sqrt(n)
        lines.append((f"{name}_final_var_across", f"{ov:.4f} ± {ose:.4f} (exact {ref_orth:.4f}, "
                      f"z {(ov - ref_orth) / ose:+.2f})"))
    if method == "mala" and acc is not None:
        lines.append((f"{name}_acceptance", f"{np.mean(np.asarray(acc)) / n_steps:.4f}"))
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chains", type=int, default=10_000)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    work = args.chains * args.steps

    print(f"# python {platform.python_version()}, numpy {np.__version__}, jax {jax.__version__}, "
          f"jaxlib {jax.lib.__version__ if hasattr(jax.lib, '__version__') else '?'}, "
          f"blackjax {blackjax.__version__}, devices {jax.devices()}, cores {os.cpu_count()}")
    print(f"# {args.chains} chains x {args.steps} steps, tau {STEP_SIZE}, T 1, "
          f"{args.repeats} interleaved repeats, medians; JIT compile excluded (first call untimed)")
    cases, notes = build_cases(args.chains, args.steps, args.seed)
    for note in notes + [BLACKJAX_F32]:
        print(f"# {note}")
    sys.stdout.flush()

    load0 = os.getloadavg()
    for name, call, *_ in cases:  # warm-up: compile + first run, not in the medians
        wall, _, _ = timed(call)
        if name.startswith(("jax", "blackjax")):
            print(f"{name}_first_call_s: {wall:.3g} s", flush=True)

    walls = {name: [] for name, *_ in cases}
    cpus = {name: [] for name, *_ in cases}
    last = {}
    for r in range(args.repeats):
        shift = r * len(cases) // max(args.repeats, 1)
        for name, call, *_ in cases[shift:] + cases[:shift]:
            wall, cpu, last[name] = timed(call)
            walls[name].append(wall)
            cpus[name].append(cpu)

    print("# load average (1, 5, 15 min) at start {:.2f} {:.2f} {:.2f}, at end {:.2f} {:.2f} "
          "{:.2f} (other processes on the machine: above 0 they share its {} cores with this run)"
          .format(*load0, *os.getloadavg(), os.cpu_count()))
    rate = {name: work / np.median(walls[name]) for name in walls}
    for name, _, method, dim, base in cases:
        cpu_wall = np.median(cpus[name]) / np.median(walls[name])
        print(f"{name}: {rate[name]:.3g} particle-steps/s")
        if name != base:
            print(f"{name}_vs_{base.split('_')[0]}: {rate[name] / rate[base]:.3g} ×")
        print(f"{name}_cpu_per_wall: {cpu_wall:.2f} ×")
        print(f"{name}_per_cpu_second: {work / np.median(cpus[name]):.3g} particle-steps/cpu-s",
              flush=True)
    for name, _, method, dim, _ in cases:
        if method == "normals":
            continue
        x, acc = last[name]
        for key, text in check_lines(name, method, dim, x, acc, args.steps):
            print(f"{key}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
