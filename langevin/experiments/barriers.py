"""Chapter 10's runs: escape times over a barrier, against Kramers' rate and the exact mean
first-passage time."""
from __future__ import annotations

__all__: list[str] = []
