"""Drawing: every figure of the book, static or live, is made by a ``draw_*`` function here.

``from langevin import plotting as P``. Every ``draw_*(…, ax=None)`` builds its artists once
and returns a :class:`View` whose ``update(…)`` takes the same data and redraws in place; a
widget (:mod:`langevin.widgets`) is controls → a run (:mod:`langevin.experiments`) →
``view.update``. ``animate_*`` return animations that play offline (:func:`animation_html`).
Nothing here computes physics or draws random numbers; nothing here imports ipywidgets.

==================  ==========================================================================
module              draws
==================  ==========================================================================
``style``           colours, fonts, figures, ticks, :class:`View`, a message over a figure
``paths``           chains against step or time, paths in the plane; chapters 1 and 5
``densities``       histograms against exact densities, p and its score, p at several T
``checks``          measured values beside exact formulas; chapters 7 and 8's figures
``mechanics``       a ball in a landscape and its energy, force fields
``annealing``       chapter 9: noised densities, plain vs annealed chains, levels and steps
``fokker_planck``   chapter 6: chains against the Fokker–Planck density, relative entropy
``barriers``        chapter 10: the Arrhenius plot, escape times against the exponential law
``animation``       particles on a density, a rolling ball, density and chains together
``live``            :class:`LiveFigure`: a figure redrawn fast for widgets (blit, stamps, PNG)
==================  ==========================================================================
"""
from .annealing import (animate_annealing, draw_annealing, draw_levels_effect,
                        draw_noised_densities, draw_samples_2d)
from .animation import animate_fokker_planck, animate_newton, animate_particles, animation_html
from .barriers import draw_arrhenius, draw_escape_times
from .checks import (draw_discretisation, draw_measured_vs_exact, draw_mode_fraction_history,
                     draw_mode_weights, draw_overdamped_check, draw_variance_vs_step)
from .densities import (draw_boltzmann_densities, draw_density_and_score, draw_density_strip,
                        draw_histogram, draw_histogram_grid, draw_histogram_panels,
                        hist_density)
from .fokker_planck import draw_fokker_planck, draw_fokker_planck_grid, draw_relative_entropy
from .live import LiveFigure
from .mechanics import draw_force_field, draw_force_paths, draw_newton
from .paths import (SCORE_WIDTHS, draw_langevin_comparison, draw_paths, draw_paths_2d,
                    draw_score_sampling)
from .style import (BOOK_RC, NOISE_COLORS, View, book_rc, draw_message, new_axes, new_figure,
                    offscreen_figure, tidy_ticks, use_book_style)

__all__ = [
    "NOISE_COLORS", "BOOK_RC", "use_book_style", "book_rc", "new_axes", "new_figure",
    "offscreen_figure", "tidy_ticks", "View", "draw_message", "LiveFigure",
    "draw_paths", "draw_paths_2d", "SCORE_WIDTHS", "draw_score_sampling",
    "draw_langevin_comparison",
    "hist_density", "draw_histogram", "draw_density_strip", "draw_density_and_score",
    "draw_boltzmann_densities", "draw_histogram_panels", "draw_histogram_grid",
    "draw_measured_vs_exact", "draw_variance_vs_step", "draw_mode_fraction_history",
    "draw_overdamped_check", "draw_discretisation", "draw_mode_weights",
    "draw_newton", "draw_force_field", "draw_force_paths",
    "draw_fokker_planck_grid", "draw_relative_entropy", "draw_fokker_planck",
    "draw_noised_densities", "draw_samples_2d", "draw_levels_effect", "draw_annealing",
    "animate_annealing",
    "draw_arrhenius", "draw_escape_times",
    "animation_html", "animate_particles", "animate_newton", "animate_fokker_planck",
]
