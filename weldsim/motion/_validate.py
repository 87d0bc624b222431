"""Input checks shared by the public functions of :mod:`weldsim.motion`.

Each check returns a cleaned float64 array (or float) or raises
:class:`~weldsim.errors.InvalidInputError` naming the argument and what is wrong with it.
Poses are checked with :func:`weldsim.kinematics.check_pose`.
"""

from __future__ import annotations

import math

import numpy as np

from weldsim.errors import InvalidInputError

__all__ = ["as_array", "as_non_negative", "as_positive"]


def as_array(x, name: str, shape: tuple[int | None, ...]) -> np.ndarray:
    """Return ``x`` as a finite float64 array of the given shape (``None`` = any length)."""
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a numeric array, got {type(x).__name__}") from exc
    bad = a.ndim != len(shape) or any(
        s is not None and s != d for s, d in zip(shape, a.shape, strict=True)
    )
    if bad:
        want = "(" + ", ".join("N" if s is None else str(s) for s in shape) + ")"
        raise InvalidInputError(f"{name} must have shape {want}, got {a.shape}")
    if not np.all(np.isfinite(a)):
        raise InvalidInputError(f"{name} contains a non-finite value")
    return np.ascontiguousarray(a)


def as_positive(x, name: str) -> float:
    """Return ``x`` as a finite float > 0 or raise."""
    try:
        v = float(x)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a number, got {x!r}") from exc
    if not math.isfinite(v) or v <= 0.0:
        raise InvalidInputError(f"{name} must be finite and > 0, got {v!r}")
    return v


def as_non_negative(x, name: str) -> float:
    """Return ``x`` as a finite float >= 0 or raise."""
    try:
        v = float(x)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a number, got {x!r}") from exc
    if not math.isfinite(v) or v < 0.0:
        raise InvalidInputError(f"{name} must be finite and >= 0, got {v!r}")
    return v
