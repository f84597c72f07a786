"""langevin — Langevin dynamics from Newton to sampling.

A small companion package for the book *Langevin Dynamics, from Newton to Sampling*:
potentials, one-step kernels (ULA, MALA, velocity Verlet, BAOAB), trajectory loops, exact
reference formulas (:mod:`langevin.references`) and chain statistics
(:mod:`langevin.diagnostics`), all vectorised over particles. The chapters' runs live in
:mod:`langevin.experiments`, drawing in :mod:`langevin.plotting`, interactive widgets in
:mod:`langevin.widgets` (none of them imported here).
"""
from .diagnostics import (Estimate, autocorrelation, crossing_fraction, effective_sample_size,
                          energies, integrated_autocorrelation_time, kinetic_temperature,
                          mean_estimate, mean_squared_displacement, mode_fraction_history,
                          mode_fractions, variance_estimate)
from .escape import (barrier_height, first_passage_steps, kramers_rate, mean_first_passage_time,
                     ula_mean_passage_steps)
from .fokker_planck import FokkerPlanck1D
from .potentials import (DoubleWell, FunctionPotential, Gaussian, GaussianMixture, Potential,
                         local_minima)
from .references import (basin_probabilities, boltzmann_density, einstein_msd, ou_moments,
                         ula_gaussian_covariance, ula_gaussian_moments, ula_gaussian_variance,
                         baoab_free_msd, ula_stationary_density)
from .samplers import baoab_step, mala_step, ula_step, velocity_verlet_step
from .simulation import (DivergenceError, SimulationInfo, annealed_langevin, simulate,
                         simulate_underdamped, stability_bound)

__version__ = "0.1.0"

__all__ = [
    "Potential", "Gaussian", "GaussianMixture", "DoubleWell", "FunctionPotential", "local_minima",
    "ula_step", "mala_step", "velocity_verlet_step", "baoab_step",
    "simulate", "simulate_underdamped", "annealed_langevin", "DivergenceError", "stability_bound",
    "SimulationInfo",
    "ula_gaussian_variance", "ula_gaussian_covariance", "ula_gaussian_moments", "einstein_msd",
    "ou_moments",
    "autocorrelation", "integrated_autocorrelation_time", "effective_sample_size",
    "mode_fractions", "mode_fraction_history", "basin_probabilities", "crossing_fraction",
    "mean_squared_displacement", "kinetic_temperature",
    "boltzmann_density", "energies", "Estimate", "mean_estimate", "variance_estimate",
    "ula_stationary_density", "ula_mean_passage_steps", "baoab_free_msd", "barrier_height",
    "FokkerPlanck1D", "kramers_rate", "mean_first_passage_time", "first_passage_steps",
]
