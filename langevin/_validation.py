"""Argument checks shared by the package (private).

Every public entry point validates its input *before* doing any work, and says
what was given and what is allowed.
"""
from __future__ import annotations

import numbers

import numpy as np


def as_state(x, dim: int, name: str = "x") -> np.ndarray:
    """Return ``x`` as a float array of shape ``(..., dim)``, or raise ``ValueError``."""
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 0:
        raise ValueError(
            f"{name} must have shape (..., {dim}) with the last axis the dimension; "
            f"got a scalar {arr!r}"
        )
    if arr.shape[-1] != dim:
        raise ValueError(
            f"{name} must have shape (..., {dim}) (last axis = potential.dim = {dim}); "
            f"got shape {arr.shape}"
        )
    return arr


def as_rng(rng) -> np.random.Generator:
    """SPEC 7: ``None`` (fresh entropy), a non-negative int seed or a ``numpy.random.Generator``
    (used as is, so its stream continues) → a ``Generator``; anything else is a ``ValueError``
    naming ``rng``."""
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, (numbers.Integral, np.integer)) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    raise ValueError("rng must be None, a non-negative int or a numpy.random.Generator; "
                     f"got {rng!r}")


def check_finite_array(arr: np.ndarray, name: str) -> None:
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite; got {bad} non-finite value(s) (NaN or inf)")


def check_positive(value, name: str) -> float:
    """A finite real number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    v = float(value)
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return v


def check_nonnegative(value, name: str) -> float:
    """A finite real number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a finite number >= 0; got {value!r}")
    v = float(value)
    if not np.isfinite(v) or v < 0:
        raise ValueError(f"{name} must be a finite number >= 0; got {value!r}")
    return v


def check_count(value, name: str) -> int:
    """A non-negative integer (bools rejected)."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise ValueError(f"{name} must be a non-negative int; got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative int; got {value!r}")
    return int(value)


def check_positive_count(value, name: str) -> int:
    n = check_count(value, name)
    if n == 0:
        raise ValueError(f"{name} must be a positive int; got {value!r}")
    return n


def check_potential(potential) -> None:
    for attr in ("dim", "energy", "grad_energy"):
        if not hasattr(potential, attr):
            raise ValueError(
                "potential must be a langevin potential with .dim, .energy and .grad_energy "
                f"(e.g. langevin.Gaussian); got {type(potential).__name__} without .{attr}"
            )


def check_1d_potential(potential) -> None:
    """A potential (as :func:`check_potential`) of dimension 1."""
    check_potential(potential)
    if potential.dim != 1:
        raise ValueError(f"potential must be one-dimensional (dim 1); got dim {potential.dim!r}")


def check_covariance(cov, dim: int, name: str) -> np.ndarray:
    """A finite, symmetric, positive-definite ``(dim, dim)`` matrix (a scalar for dim 1)."""
    c = np.asarray(cov, dtype=float)
    if c.ndim == 0 and dim == 1:
        c = c.reshape(1, 1)
    if c.shape != (dim, dim):
        raise ValueError(f"{name} must have shape ({dim}, {dim}); got shape {c.shape}")
    if not np.all(np.isfinite(c)):
        raise ValueError(f"{name} must be finite; got {c.tolist()}")
    if not np.allclose(c, c.T, rtol=1e-10, atol=1e-12):
        raise ValueError(f"{name} must be symmetric; got {c.tolist()}")
    try:
        np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        raise ValueError(
            f"{name} must be positive definite; got {c.tolist()} "
            f"with eigenvalues {np.linalg.eigvalsh(c).tolist()}"
        ) from None
    return c
