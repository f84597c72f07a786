"""Bad input: every case of DESIGN.md §4 raises ValueError before any work, and the message
names the argument and what was given."""
from __future__ import annotations

import numpy as np
import pytest

from langevin import (DoubleWell, FunctionPotential, Gaussian, GaussianMixture, baoab_step,
                      mala_step, simulate, simulate_underdamped, ula_step, velocity_verlet_step)


class Counting(FunctionPotential):
    """A 1-d harmonic potential that counts every evaluation (to prove no work was done)."""

    def __init__(self):
        self.calls = 0

        def energy(x):
            self.calls += 1
            return 0.5 * (x**2).sum(-1)

        def grad(x):
            self.calls += 1
            return x.copy()

        super().__init__(energy, grad, dim=1)


X0 = np.zeros((3, 1))
OK = dict(step_size=0.1, n_steps=5)

SIMULATE_CASES = [
    (dict(step_size=0.0), r"step_size must be a finite number > 0; got 0\.0"),
    (dict(step_size=-0.1), r"step_size must be a finite number > 0; got -0\.1"),
    (dict(step_size=float("nan")), r"step_size must be a finite number > 0; got nan"),
    (dict(step_size=float("inf")), r"step_size must be a finite number > 0; got inf"),
    (dict(step_size="0.1"), r"step_size must be a finite number > 0; got '0\.1'"),
    (dict(temperature=-1.0), r"temperature must be a finite number >= 0; got -1\.0"),
    (dict(temperature=float("nan")), r"temperature must be a finite number >= 0; got nan"),
    (dict(temperature=float("inf")), r"temperature must be a finite number >= 0; got inf"),
    (dict(n_steps=-1), r"n_steps must be a non-negative int; got -1"),
    (dict(n_steps=2.5), r"n_steps must be a non-negative int; got 2\.5"),
    (dict(n_steps=10.0), r"n_steps must be a non-negative int; got 10\.0"),
    (dict(n_steps=True), r"n_steps must be a non-negative int; got True"),
    (dict(method="hmc"), r"method must be one of \('ula', 'mala'\); got 'hmc'"),
    (dict(method="ULA"), r"method must be one of \('ula', 'mala'\); got 'ULA'"),
    (dict(method="mala", temperature=0.0), r"temperature must be > 0 for method='mala'.*got 0"),
    (dict(x0=np.array([[0.0], [np.nan], [1.0]])),
     r"x0 must be finite; got 1 non-finite value\(s\)"),
    (dict(x0=np.array([[np.inf]])), r"x0 must be finite; got 1 non-finite"),
    (dict(x0=np.zeros((3, 2))), r"x0 must have shape \(\.\.\., 1\).*got shape \(3, 2\)"),
    (dict(x0=0.0), r"x0 must have shape \(\.\.\., 1\).*got a scalar"),
    (dict(keep="last"), r"keep must be 'all', 'final' or a positive int k.*got 'last'"),
    (dict(keep=0), r"keep must be 'all', 'final' or a positive int k.*got 0"),
    (dict(keep=-2), r"keep must be .* got -2"),
    (dict(keep=True), r"keep must be .* got True"),
    (dict(keep=2.0), r"keep must be .* got 2\.0"),
    (dict(keep=None), r"keep must be .* got None"),
    (dict(return_info="yes"), r"return_info must be True or False; got 'yes'"),
]


@pytest.mark.parametrize("kwargs,match", SIMULATE_CASES,
                         ids=[f"{list(k)[0]}={list(k.values())[0]!r}" for k, _ in SIMULATE_CASES])
def test_simulate_rejects_bad_input_before_any_work(kwargs, match):
    pot = Counting()
    gen = np.random.default_rng(0)
    state = gen.bit_generator.state
    args = dict(OK, x0=X0, rng=gen)
    args.update(kwargs)
    x0 = args.pop("x0")
    with pytest.raises(ValueError, match=match):
        simulate(pot, x0, **args)
    assert pot.calls == 0
    assert gen.bit_generator.state == state


UNDERDAMPED_CASES = [
    (dict(mass=0.0), r"mass must be a finite number > 0; got 0\.0"),
    (dict(mass=-2.0), r"mass must be a finite number > 0; got -2\.0"),
    (dict(friction=-0.5), r"friction must be a finite number >= 0; got -0\.5"),
    (dict(friction=float("nan")), r"friction must be a finite number >= 0; got nan"),
    (dict(friction=0.0, temperature=1.0),
     r"temperature must be 0 when friction is 0.*got friction=0, temperature=1\.0"),
    (dict(v0=np.zeros((3, 2))), r"v0 must have the same shape as x0, \(3, 1\); got shape \(3, 2\)"),
    (dict(v0=np.zeros(3)), r"v0 must have the same shape as x0, \(3, 1\); got shape \(3,\)"),
    (dict(v0=np.array([[0.0], [np.nan], [0.0]])), r"v0 must be finite; got 1 non-finite"),
    (dict(step_size=0.0), r"step_size must be a finite number > 0; got 0\.0"),
    (dict(n_steps=-3), r"n_steps must be a non-negative int; got -3"),
    (dict(temperature=-0.1), r"temperature must be a finite number >= 0; got -0\.1"),
    (dict(x0=np.zeros((3, 2)), v0=np.zeros((3, 2))), r"x0 must have shape \(\.\.\., 1\)"),
    (dict(keep="every"), r"keep must be 'all', 'final' or a positive int k.*got 'every'"),
    (dict(keep=0), r"keep must be .* got 0"),
]


@pytest.mark.parametrize("kwargs,match", UNDERDAMPED_CASES,
                         ids=[f"{list(k)[0]}={list(k.values())[0]!r}" for k, _ in UNDERDAMPED_CASES])
def test_simulate_underdamped_rejects_bad_input_before_any_work(kwargs, match):
    pot = Counting()
    gen = np.random.default_rng(0)
    state = gen.bit_generator.state
    args = dict(OK, x0=X0, v0=np.zeros_like(X0), friction=1.0, rng=gen)
    args.update(kwargs)
    x0, v0 = args.pop("x0"), args.pop("v0")
    with pytest.raises(ValueError, match=match):
        simulate_underdamped(pot, x0, v0, **args)
    assert pot.calls == 0
    assert gen.bit_generator.state == state


def test_step_kernels_reject_bad_input_before_any_work():
    pot = Counting()
    x = np.zeros((2, 1))
    cases = [
        (lambda: ula_step(x, pot, 0.0), r"step_size must be a finite number > 0; got 0\.0"),
        (lambda: ula_step(x, pot, 0.1, temperature=-1.0), r"temperature must be .* got -1\.0"),
        (lambda: ula_step([[np.nan]], pot, 0.1), r"x must be finite"),
        (lambda: ula_step(np.zeros((2, 3)), pot, 0.1), r"x must have shape \(\.\.\., 1\)"),
        (lambda: mala_step(x, pot, 0.1, temperature=0.0), r"temperature must be > 0 for MALA"),
        (lambda: mala_step(x, pot, float("nan")), r"step_size must be .* got nan"),
        (lambda: velocity_verlet_step(x, np.zeros(2), pot, 0.1),
         r"v must have the same shape as x, \(2, 1\); got shape \(2,\)"),
        (lambda: velocity_verlet_step(x, x, pot, 0.1, mass=0.0), r"mass must be .* > 0; got 0\.0"),
        (lambda: baoab_step(x, x, pot, 0.1, friction=-1.0), r"friction must be .* >= 0; got -1\.0"),
        (lambda: baoab_step(x, x, pot, 0.1, friction=0.0),
         r"temperature must be 0 when friction is 0"),
        (lambda: baoab_step(x, x, pot, 0.1, friction=1.0, mass=-1.0), r"mass must be .* got -1\.0"),
        (lambda: ula_step(x, object(), 0.1), r"potential must be a langevin potential.*object"),
    ]
    for call, match in cases:
        with pytest.raises(ValueError, match=match):
            call()
    assert pot.calls == 0


def test_baoab_needs_friction_keyword():
    with pytest.raises(TypeError):
        baoab_step(np.zeros(1), np.zeros(1), Gaussian(0.0, 1.0), 0.1)  # friction is required


# ----------------------------------------------------------------------------- potentials
POTENTIAL_CASES = [
    (lambda: Gaussian([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]]),
     r"cov must be positive definite; got \[\[1\.0, 2\.0\], \[2\.0, 1\.0\]\] with eigenvalues"),
    (lambda: Gaussian(0.0, -1.0), r"cov must be positive definite; got \[\[-1\.0\]\]"),
    (lambda: Gaussian(0.0, 0.0), r"cov must be positive definite"),
    (lambda: Gaussian([0.0, 0.0], [[1.0, 0.5], [0.0, 1.0]]),
     r"cov must be symmetric; got \[\[1\.0, 0\.5\], \[0\.0, 1\.0\]\]"),
    (lambda: Gaussian([0.0, 0.0], np.eye(3)), r"cov must have shape \(2, 2\); got shape \(3, 3\)"),
    (lambda: Gaussian([0.0, 0.0], 1.0), r"cov must have shape \(2, 2\); got shape \(\)"),
    (lambda: Gaussian([[0.0]], 1.0), r"mean must have shape \(dim,\); got shape \(1, 1\)"),
    (lambda: Gaussian([np.nan], 1.0), r"mean must be finite"),
    (lambda: Gaussian(0.0, np.nan), r"cov must be finite"),
    (lambda: GaussianMixture([0.5, 0.6], [0.0, 1.0], [1.0, 1.0]),
     r"weights must sum to 1; got \[0\.5, 0\.6\] \(sum 1\.1\)"),
    (lambda: GaussianMixture([1.5, -0.5], [0.0, 1.0], [1.0, 1.0]),
     r"weights must be finite and > 0; got \[1\.5, -0\.5\]"),
    (lambda: GaussianMixture([[0.5, 0.5]], [0.0, 1.0], [1.0, 1.0]),
     r"weights must have shape \(K,\) with K >= 1; got shape \(1, 2\)"),
    (lambda: GaussianMixture([0.2, 0.3, 0.5], [[0.0], [1.0]], [1.0, 1.0]),
     r"means must have shape \(3, dim\) for 3 weights; got shape \(2, 1\)"),
    (lambda: GaussianMixture([0.5, 0.5], [0.0, 1.0, 2.0], [1.0, 1.0]),
     r"means must have shape \(2, dim\) for 2 weights; got shape \(3,\)"),
    (lambda: GaussianMixture([0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], [np.eye(2)]),
     r"covs must have shape \(2, 2, 2\); got shape \(1, 2, 2\)"),
    (lambda: GaussianMixture([0.5, 0.5], [0.0, 1.0], [1.0, -1.0]),
     r"covs\[1\] must be positive definite; got \[\[-1\.0\]\]"),
    (lambda: GaussianMixture([0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]],
                             [np.eye(2), [[1.0, 0.3], [0.2, 1.0]]]),
     r"covs\[1\] must be symmetric"),
    (lambda: DoubleWell(0.0), r"barrier must be a finite number > 0; got 0\.0"),
    (lambda: DoubleWell(float("nan")), r"barrier must be a finite number > 0; got nan"),
    (lambda: FunctionPotential(1.0, lambda x: x, dim=1),
     r"energy and grad_energy must be callables; got float"),
    (lambda: FunctionPotential(lambda x: x, lambda x: x, dim=0), r"dim must be a positive int; got 0"),
    (lambda: FunctionPotential(lambda x: x, lambda x: x, dim=1.0),
     r"dim must be a non-negative int; got 1\.0"),
    (lambda: Gaussian(0.0, 1.0).sample(0), r"n must be a positive int; got 0"),
    (lambda: GaussianMixture.default().sample(2.5), r"n must be a non-negative int; got 2\.5"),
    (lambda: Gaussian(0.0, 1.0).energy(np.zeros((3, 2))),
     r"x must have shape \(\.\.\., 1\).*got shape \(3, 2\)"),
    (lambda: GaussianMixture.default().score(np.zeros(2)), r"x must have shape \(\.\.\., 1\)"),
]


@pytest.mark.parametrize("make,match", POTENTIAL_CASES, ids=range(len(POTENTIAL_CASES)))
def test_potentials_reject_bad_parameters(make, match):
    with pytest.raises(ValueError, match=match):
        make()
