"""Bad input: every case of DESIGN.md §4 raises ValueError before any work, and the message
names the argument and what was given."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from langevin import (DoubleWell, FunctionPotential, Gaussian, GaussianMixture, annealed_langevin,
                      baoab_step, mala_step, simulate, simulate_underdamped, stability_bound,
                      ula_step, velocity_verlet_step)


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
RNG_MESSAGE = r"rng must be None, a non-negative int or a numpy\.random\.Generator; got "
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
    (dict(rng=-1), RNG_MESSAGE + "-1"),
    (dict(rng="abc"), RNG_MESSAGE + "'abc'"),
    (dict(rng=1.5), RNG_MESSAGE + r"1\.5"),
    (dict(rng=True), RNG_MESSAGE + "True"),
]


@pytest.mark.parametrize("kwargs,match", SIMULATE_CASES,
                         ids=[f"{list(k)[0]}={list(k.values())[0]!r}" for k, _ in SIMULATE_CASES])
def test_simulate_rejects_bad_input_before_any_work(kwargs, match):
    _rejects_before_any_work(simulate, Counting(), dict(OK, x0=X0), ("x0",), kwargs, match)


def _rejects_before_any_work(run, pot, defaults, positional, kwargs, match):
    """``run(pot, *positional, **rest)`` with ``defaults`` updated by ``kwargs`` raises a
    ValueError matching ``match``, without evaluating the potential or drawing a number."""
    gen = np.random.default_rng(0)
    state = gen.bit_generator.state
    args = dict(defaults, rng=gen)
    args.update(kwargs)
    pos = [args.pop(name) for name in positional]
    with pytest.raises(ValueError, match=match):
        run(pot, *pos, **args)
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
    (dict(rng=-1), RNG_MESSAGE + "-1"),
    (dict(rng="abc"), RNG_MESSAGE + "'abc'"),
]


@pytest.mark.parametrize("kwargs,match", UNDERDAMPED_CASES,
                         ids=[f"{list(k)[0]}={list(k.values())[0]!r}" for k, _ in UNDERDAMPED_CASES])
def test_simulate_underdamped_rejects_bad_input_before_any_work(kwargs, match):
    _rejects_before_any_work(simulate_underdamped, Counting(),
                             dict(OK, x0=X0, v0=np.zeros_like(X0), friction=1.0), ("x0", "v0"),
                             kwargs, match)


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
        (lambda: ula_step(x, pot, 0.1, rng=-1), RNG_MESSAGE + "-1"),
        (lambda: mala_step(x, pot, 0.1, rng="abc"), RNG_MESSAGE + "'abc'"),
        (lambda: baoab_step(x, x, pot, 0.1, friction=1.0, rng=np.random.RandomState(0)),
         RNG_MESSAGE + "RandomState"),
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
    (lambda: Gaussian(0.0, 1.0).sample(3, rng=-1), RNG_MESSAGE + "-1"),
    (lambda: GaussianMixture.default().sample(3, rng="abc"), RNG_MESSAGE + "'abc'"),
    (lambda: FunctionPotential(lambda x: x, lambda x: x[..., 0], dim=1).energy(np.zeros((4, 1))),
     r"energy returned shape \(4, 1\); expected x\.shape\[:-1\] \(4,\)"),
]


@pytest.mark.parametrize("make,match", POTENTIAL_CASES, ids=range(len(POTENTIAL_CASES)))
def test_potentials_reject_bad_parameters(make, match):
    with pytest.raises(ValueError, match=match):
        make()


# ----------------------------------------------------------------------------- rng
def test_as_rng_accepts_none_seeds_and_generators_only():
    from langevin._validation import as_rng
    gen = np.random.default_rng(3)
    assert as_rng(gen) is gen
    assert isinstance(as_rng(None), np.random.Generator)
    assert as_rng(7).random() == np.random.default_rng(7).random()
    assert as_rng(np.int64(7)).random() == np.random.default_rng(7).random()
    for bad in (-1, "abc", 1.5, True, [1, 2], np.random.RandomState(0)):
        with pytest.raises(ValueError, match=RNG_MESSAGE):
            as_rng(bad)


# ----------------------------------------------------------------------------- stability bounds
def test_stability_bound_rejects_unknown_methods_and_bad_mass():
    for pot in (Gaussian(0.0, 1.0), DoubleWell()):
        with pytest.raises(ValueError, match=r"method must be one of \('ula', 'mala', 'verlet', "
                                             r"'baoab'\); got 'foo'"):
            stability_bound(pot, "foo")
    with pytest.raises(ValueError, match=r"mass must be a finite number > 0; got 0"):
        stability_bound(Gaussian(0.0, 1.0), "baoab", mass=0)
    assert stability_bound(Gaussian(0.0, 1.0), "mala") is None
    assert stability_bound(DoubleWell(), "ula") is None
    assert stability_bound(Gaussian([0.0, 0.0], [[2.0, 0.0], [0.0, 0.5]]), "ula") == 1.0
    assert stability_bound(Gaussian(0.0, 1.0), "baoab", mass=4.0) == 4.0


def _warns_before_any_work(call):
    """``call(rng)`` must warn (as an error here) before it draws a random number."""
    gen = np.random.default_rng(0)
    state = gen.bit_generator.state
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RuntimeWarning) as info:
            call(gen)
    assert gen.bit_generator.state == state
    return str(info.value)


def test_step_size_at_or_past_the_bound_warns_before_the_loop():
    g = Gaussian(1.0, 0.5)  # ULA bound 2 s² = 1
    for tau in (1.0, 1.7):
        msg = _warns_before_any_work(lambda gen: simulate(g, X0, step_size=tau, n_steps=10,
                                                          rng=gen))
        assert (f"step_size={tau:g} is at or past the stability bound of ULA on this Gaussian "
                "(stable iff step_size < 1)") in msg
    # BAOAB: h < 2 s √m = 2·√0.5·√2 = 2
    msg = _warns_before_any_work(lambda gen: simulate_underdamped(
        g, X0, X0, step_size=2.0, n_steps=10, friction=1.0, mass=2.0, rng=gen))
    assert "stability bound of BAOAB on this Gaussian (stable iff step_size < 2)" in msg
    msg = _warns_before_any_work(lambda gen: simulate_underdamped(
        g, X0, X0, step_size=2.0, n_steps=10, friction=0.0, temperature=0.0, mass=2.0, rng=gen))
    assert "stability bound of VERLET" in msg
    with warnings.catch_warnings():  # just inside the bound, and MALA (no bound): silent
        warnings.simplefilter("error")
        simulate(g, X0, step_size=0.999, n_steps=10, rng=0)
        simulate(g, X0, step_size=1.7, n_steps=10, rng=0, method="mala")
        simulate_underdamped(g, X0, X0, step_size=1.99, n_steps=10, friction=1.0, mass=2.0)


# ----------------------------------------------------------------------------- MALA that never moves
def test_mala_that_accepts_nothing_warns():
    x0 = np.full((10, 1), 1e3)  # far in the tail: every proposal overshoots to about −2·x
    with pytest.warns(RuntimeWarning, match=r"MALA accepted none of its 50 proposals \(10 "
                                            r"chain\(s\) x 5 step\(s\)\): no chain moved from x0"):
        traj, info = simulate(Gaussian(0.0, 1.0), x0, step_size=3.0, n_steps=5, method="mala",
                              rng=0, return_info=True)
    np.testing.assert_array_equal(traj, np.broadcast_to(x0, traj.shape))
    np.testing.assert_array_equal(info.acceptance_rate, 0.0)
    with warnings.catch_warnings():  # one chain that moves once is enough: no warning
        warnings.simplefilter("error")
        x0[0] = 0.0
        _, info = simulate(Gaussian(0.0, 1.0), x0, step_size=3.0, n_steps=5, method="mala",
                           rng=0, return_info=True)
    assert info.acceptance_rate[0] > 0 and np.all(info.acceptance_rate[1:] == 0)


# ----------------------------------------------------------------------------- broken potentials
class _Broken(FunctionPotential):
    """U = x²/2, but energy or gradient NaN at x = 1 or of the wrong shape (counts calls)."""

    def __init__(self, what):
        self.calls = 0

        def energy(x):
            self.calls += 1
            u = 0.5 * (x**2).sum(-1)
            return np.where(x[..., 0] == 1.0, np.nan, u) if what == "energy" else u

        def grad(x):
            self.calls += 1
            return np.where(x == 1.0, np.nan, x) if what == "grad" else x

        super().__init__(energy, grad, dim=1)


class _WrongShape(Gaussian):
    def __init__(self, what):
        super().__init__(0.0, 1.0)
        self.what = what

    def energy(self, x):
        u = super().energy(x)
        return u[..., None] if self.what == "energy" else u

    def grad_energy(self, x):
        g = super().grad_energy(x)
        return g[..., 0] if self.what == "grad" else g

    def energy_and_grad(self, x):
        return self.energy(x), self.grad_energy(x)


RUNS = {
    "ula": lambda pot, x0, gen: simulate(pot, x0, step_size=0.1, n_steps=5, rng=gen),
    "mala": lambda pot, x0, gen: simulate(pot, x0, step_size=0.1, n_steps=5, rng=gen,
                                          method="mala"),
    "underdamped": lambda pot, x0, gen: simulate_underdamped(pot, x0, x0, step_size=0.1,
                                                             n_steps=5, friction=1.0, rng=gen),
}


@pytest.mark.parametrize("run", RUNS, ids=list(RUNS))
def test_potential_not_finite_at_the_start_is_a_value_error_not_a_divergence(run):
    x0 = np.array([[0.0], [1.0], [2.0]])
    for what, name in (("energy", "energy"), ("grad", "grad_energy")):
        pot, gen = _Broken(what), np.random.default_rng(0)
        state = gen.bit_generator.state
        with pytest.raises(ValueError, match=rf"potential\.{name} must be finite at the starting "
                                             rf"states; it is not at 1 of them \(first: x0\[1\] = "
                                             rf"\[1\.0\]\)"):
            RUNS[run](pot, x0, gen)
        assert gen.bit_generator.state == state  # checked before the loop
        assert pot.calls == 2                      # one evaluation of U and one of ∇U


@pytest.mark.parametrize("run", RUNS, ids=list(RUNS))
def test_potential_output_of_the_wrong_shape_is_named(run):
    with pytest.raises(ValueError, match=r"potential\.energy\(x0\) must have shape \(3,\) "
                                         r"\(x0\.shape\[:-1\]\); got shape \(3, 1\)"):
        RUNS[run](_WrongShape("energy"), X0, 0)
    with pytest.raises(ValueError, match=r"potential\.grad_energy\(x0\) must have shape "
                                         r"\(3, 1\) \(x0\.shape\); got shape \(3,\)"):
        RUNS[run](_WrongShape("grad"), X0, 0)


def test_callbacks_get_copies_of_the_states():
    """A callback that scribbles on its argument changes neither x0 nor the chain."""
    def energy(x):
        u = 0.5 * (x**2).sum(-1)
        x += 100.0
        return u

    def grad(x):
        g = x.copy()
        x[...] = np.nan
        return g

    rude = FunctionPotential(energy, grad, dim=1)
    x0 = np.linspace(-1, 1, 5)[:, None]
    keep = x0.copy()
    g = Gaussian(0.0, 1.0)
    for method in ("ula", "mala"):
        np.testing.assert_allclose(simulate(rude, x0, step_size=0.3, n_steps=20, method=method,
                                            rng=1),
                                   simulate(g, x0, step_size=0.3, n_steps=20, method=method,
                                            rng=1), rtol=1e-12, atol=1e-12)
    xs, _ = simulate_underdamped(rude, x0, x0, step_size=0.1, n_steps=5, friction=1.0, rng=2)
    np.testing.assert_allclose(xs, simulate_underdamped(g, x0, x0, step_size=0.1, n_steps=5,
                                                        friction=1.0, rng=2)[0], rtol=1e-12)
    ula_step(x0, rude, 0.1, rng=0)
    mala_step(x0, rude, 0.1, rng=0)
    rude.energy(x0), rude.grad_energy(x0), rude.energy_and_grad(x0)
    np.testing.assert_array_equal(x0, keep)


# ----------------------------------------------------------------------------- annealed Langevin
class _CountingNoisable:
    """A potential with ``noised`` that counts every call (to prove no work was done)."""

    dim = 1

    def __init__(self):
        self.calls = 0

    def energy(self, x):
        self.calls += 1
        return 0.5 * (x**2).sum(-1)

    def grad_energy(self, x):
        self.calls += 1
        return x.copy()

    def noised(self, sigma):
        self.calls += 1
        return Gaussian(0.0, 1.0 + sigma**2)


ANNEALED_OK = dict(sigmas=[2.0, 1.0, 0.5], steps_per_level=3, step_size=0.1)
ANNEALED_CASES = [
    (dict(sigmas=[]), r"sigmas must be a non-empty 1-D sequence of noise levels, largest first; "
                      r"got shape \(0,\)"),
    (dict(sigmas=[[2.0, 1.0]]), r"sigmas must be a non-empty 1-D sequence .* got shape \(1, 2\)"),
    (dict(sigmas=1.0), r"sigmas must be a non-empty 1-D sequence .* got shape \(\)"),
    (dict(sigmas="abc"), r"sigmas must be a 1-D sequence of noise levels; got 'abc'"),
    (dict(sigmas=[1.0, 2.0]), r"sigmas must be strictly decreasing \(from the largest noise level "
                              r"to the smallest\); got \[1\.0, 2\.0\]"),
    (dict(sigmas=[2.0, 2.0, 1.0]), r"sigmas must be strictly decreasing.*got \[2\.0, 2\.0, 1\.0\]"),
    (dict(sigmas=[1.0, 0.0]), r"sigmas must be finite and > 0; got \[1\.0, 0\.0\]"),
    (dict(sigmas=[1.0, -0.5]), r"sigmas must be finite and > 0; got \[1\.0, -0\.5\]"),
    (dict(sigmas=[np.inf, 1.0]), r"sigmas must be finite and > 0; got \[inf, 1\.0\]"),
    (dict(steps_per_level=0), r"steps_per_level must be a positive int; got 0"),
    (dict(steps_per_level=2.5), r"steps_per_level must be a non-negative int; got 2\.5"),
    (dict(step_size=0.0), r"step_size must be a finite number > 0; got 0\.0"),
    (dict(step_size=float("nan")), r"step_size must be a finite number > 0; got nan"),
    (dict(step_size=[0.1, 0.1]), r"step_size must be a float ε \(τ_i = ε σ_i²/σ_L²\) or an array "
                                 r"of one step size per level, shape \(3,\); got shape \(2,\)"),
    (dict(step_size=[[0.1, 0.1, 0.1]]), r"step_size must be .* shape \(3,\); got shape \(1, 3\)"),
    (dict(step_size=[0.1, 0.0, 0.1]), r"step_size must be finite and > 0 at every level; "
                                      r"got \[0\.1, 0\.0, 0\.1\]"),
    (dict(step_size="0.1"), r"step_size must be a finite number > 0; got '0\.1'"),
    (dict(temperature=-1.0), r"temperature must be a finite number >= 0; got -1\.0"),
    (dict(keep="all"), r"keep must be 'final' or 'levels'; got 'all'"),
    (dict(rng=-1), RNG_MESSAGE + "-1"),
    (dict(x0=np.zeros((3, 2))), r"x0 must have shape \(\.\.\., 1\).*got shape \(3, 2\)"),
    (dict(x0=np.array([[np.nan]])), r"x0 must be finite"),
]


@pytest.mark.parametrize("kwargs,match", ANNEALED_CASES,
                         ids=[f"{list(k)[0]}={list(k.values())[0]!r}" for k, _ in ANNEALED_CASES])
def test_annealed_langevin_rejects_bad_input_before_any_work(kwargs, match):
    _rejects_before_any_work(annealed_langevin, _CountingNoisable(), dict(ANNEALED_OK, x0=X0),
                             ("x0",), kwargs, match)


def test_annealed_langevin_needs_a_potential_with_noised():
    for pot in (DoubleWell(), FunctionPotential(lambda x: x[..., 0], np.ones_like, dim=1)):
        with pytest.raises(ValueError, match=r"potential must have a \.noised\(sigma\) method "
                                             rf"giving the law of x \+ sigma z .*got {type(pot).__name__}"):
            annealed_langevin(pot, X0, **ANNEALED_OK)
    with pytest.raises(ValueError, match="potential must be a langevin potential"):
        annealed_langevin(object(), X0, **ANNEALED_OK)
