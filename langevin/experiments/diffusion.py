"""Chapter 9's runs: annealed Langevin dynamics on noised mixtures (Song & Ermon 2019)."""
from __future__ import annotations

__all__: list[str] = []
