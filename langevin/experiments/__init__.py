"""The runs behind each chapter's figures, shared by the notebook cells and the widgets.

One module per part of the book: :mod:`.newton_to_boltzmann` (chapters 1–4),
:mod:`.equation_to_update` (5, 7, 8), :mod:`.fokker_planck` (6), :mod:`.diffusion` (9) and
:mod:`.barriers` (10);
every name is available here, ``from langevin import experiments as E``.

A chapter's cell and its ``explore_*`` widget call the same function here with the same seed,
so the static figure and the widget's default view show the same data. Everything here
simulates (or builds the potentials the chapters simulate on) and returns arrays; nothing
draws: the figures are made by :mod:`langevin.plotting`, the controls by
:mod:`langevin.widgets`. Imports only the package's potentials, simulation and diagnostics
(no matplotlib, no ipywidgets).

============================================  ====================================================
chapter                                       runs and potentials
============================================  ====================================================
1. Sampling by following the score            :func:`score_runs`, :func:`score_sampling_run`
2. Newton's second law                        :func:`newton_run`, :func:`newton_explorer_run`
3. Force is the negative gradient             :func:`double_well_2d`, :func:`force_field_runs`
4. The Boltzmann distribution                 :func:`boltzmann_runs`, :func:`boltzmann_run`
5. The Langevin equation                      :func:`langevin_comparison_runs`
6. The Fokker–Planck equation                 :mod:`.fokker_planck`
7. From the equation to the update            :func:`discretisation_run`
8. Langevin dynamics and gradient descent     :func:`mode_weights_run`
9. Annealed Langevin dynamics                 :mod:`.diffusion`
10. Crossing barriers: Kramers' rate          :mod:`.barriers`
============================================  ====================================================

The ``*_run`` functions are what the widgets of :mod:`langevin.widgets` call on every control
change: keyword arguments in (the controls' values), a dict out whose keys are exactly what
the chapter's view (:mod:`langevin.plotting`) ``update`` takes. They raise ``ValueError`` or
:class:`langevin.DivergenceError` with a plain sentence when a setting cannot work; the widget
shows that sentence in the figure.
"""
from . import barriers, diffusion, equation_to_update, fokker_planck, newton_to_boltzmann
from .barriers import *  # noqa: F401,F403
from .diffusion import *  # noqa: F401,F403
from .equation_to_update import *  # noqa: F401,F403
from .fokker_planck import *  # noqa: F401,F403
from .newton_to_boltzmann import *  # noqa: F401,F403

__all__ = (newton_to_boltzmann.__all__ + equation_to_update.__all__ + fokker_planck.__all__
           + diffusion.__all__ + barriers.__all__)
