"""Part III's runs (chapters 9–10): annealed Langevin dynamics, crossing barriers."""
from __future__ import annotations

__all__: list[str] = []
