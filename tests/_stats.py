"""Helpers shared by the package tests (not a conftest: plain functions, imported by name)."""
from __future__ import annotations

import numpy as np

import langevin

#: Every statistical assertion is made at this many standard errors (DESIGN.md §6) ...
Z_ASSERT = 5.0
#: ... and the test also checks that the plausible *wrong* value is at least this far away.
Z_WRONG = 10.0


def central_diff_grad(f, x, h=1e-5):
    """Central finite-difference gradient of a scalar-valued vectorised ``f`` at ``x`` (..., dim)."""
    x = np.asarray(x, dtype=float)
    g = np.empty_like(x)
    for i in range(x.shape[-1]):
        e = np.zeros(x.shape[-1])
        e[i] = h
        g[..., i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def var_se(v, n):
    """Standard error of a sample variance of ``n`` Gaussian draws with variance ``v``."""
    return v * np.sqrt(2.0 / n)


def check_variance(sample_var, expected, wrong, n, what="variance"):
    """Assert ``sample_var`` within Z_ASSERT SE of ``expected`` and ``wrong`` >= Z_WRONG SE away."""
    se = var_se(expected, n)
    z = abs(sample_var - expected) / se
    z_wrong = abs(wrong - expected) / se
    assert z_wrong >= Z_WRONG, f"test too weak: wrong {what} {wrong} only {z_wrong:.1f} SE away"
    assert z < Z_ASSERT, (f"{what} {sample_var:.6g} differs from {expected:.6g} by {z:.1f} SE "
                          f"(SE {se:.3g}); the wrong value {wrong:.6g} is {z_wrong:.1f} SE away")


def final_state(potential, x0, *, n_steps, chunk=25, rng, **kw):
    """Run :func:`langevin.simulate` for ``n_steps`` in chunks (bounded memory); last state."""
    rng = np.random.default_rng(rng)
    x = np.asarray(x0, dtype=float)
    done = 0
    while done < n_steps:
        k = min(chunk, n_steps - done)
        x = langevin.simulate(potential, x, n_steps=k, rng=rng, **kw)[-1]
        done += k
    return x


def final_state_underdamped(potential, x0, v0, *, n_steps, chunk=25, rng, **kw):
    """Same as :func:`final_state` for :func:`langevin.simulate_underdamped`; ``(x, v)``."""
    rng = np.random.default_rng(rng)
    x, v = np.asarray(x0, dtype=float), np.asarray(v0, dtype=float)
    done = 0
    while done < n_steps:
        k = min(chunk, n_steps - done)
        xs, vs = langevin.simulate_underdamped(potential, x, v, n_steps=k, rng=rng, **kw)
        x, v = xs[-1], vs[-1]
        done += k
    return x, v
