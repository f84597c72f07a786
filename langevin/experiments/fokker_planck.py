"""Chapter 6's runs: many chains beside the Fokker–Planck density."""
from __future__ import annotations

__all__: list[str] = []
