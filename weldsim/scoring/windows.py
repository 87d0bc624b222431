"""Tolerance windows: per-sample scores and their summary over the weld.

A :class:`~weldsim.scenarios.spec.Window` gives full marks inside ``[full_lo, full_hi]``,
falling linearly to 0 at ``zero_lo`` and ``zero_hi`` and 0 beyond (welding.md section 1). A
window may be asymmetric: the travel angle's ``[5, 15]`` full band inside ``[0, 20]`` gives
every drag angle (< 0) a score of 0.

Windows come in two kinds, as the scenario files write them:

* **absolute**: the value itself is scored (``aim_mm``, ``work_angle_deg``,
  ``travel_angle_deg``, ``ctwd_mm``);
* **relative**: the deviation from a reference is scored, in percent of the reference for the
  ``*_pct`` windows (``travel_speed_pct`` against the WPS speed, ``weave_frequency_pct``
  against the programmed frequency) or in the value's unit (``weave_amplitude_mm``: measured
  minus programmed amplitude). :func:`deviation` turns values into what such a window scores.

Everything here is a pure function of arrays and a ``Window``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.scenarios.spec import Window
from weldsim.scoring import _kernels as K

__all__ = ["WindowSummary", "deviation", "window_scores", "window_summary"]


@dataclass(frozen=True, slots=True)
class WindowSummary:
    """How one parameter fared against its window over the arc-on samples.

    Attributes
    ----------
    mean_score : float
        Mean per-sample score (0–1) over the samples that have a value (by time: the samples
        are evenly spaced); NaN when none has.
    full_band_pct : float
        Percent of the arc-on length (along the seam) whose value lies inside the full-marks
        band; NaN when the weld has no length.
    measured_pct : float
        Percent of the arc-on samples that have a value (e.g. CTWD needs the wire axis to meet
        the work; the weave is measured over whole cycles only).
    """

    mean_score: float
    full_band_pct: float
    measured_pct: float

    def as_dict(self) -> dict[str, float]:
        """The summary as a JSON-ready dict (NaN becomes None)."""
        return {k: (None if math.isnan(v) else v) for k, v in (
            ("mean_score", self.mean_score), ("full_band_pct", self.full_band_pct),
            ("measured_pct", self.measured_pct))}


def _as_1d(x, name: str) -> np.ndarray:
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a numeric array, got {type(x).__name__}") from exc
    if a.ndim != 1:
        raise InvalidInputError(f"{name} must have shape (N,), got {a.shape}")
    return np.ascontiguousarray(a)


def _check_window(window: Window) -> None:
    edges = (window.zero_lo, window.full_lo, window.full_hi, window.zero_hi)
    if not all(math.isfinite(e) for e in edges) or not (
            window.zero_lo <= window.full_lo <= window.full_hi <= window.zero_hi):
        raise InvalidInputError(
            f"a window needs zero_lo <= full_lo <= full_hi <= zero_hi, got {window}")


def deviation(values, reference: float, *, percent: bool) -> np.ndarray:
    """What a relative window scores.

    Parameters
    ----------
    values : array_like, shape (N,)
        Measured values (any unit; NaN stays NaN).
    reference : float
        The value the window is relative to, in the same unit (> 0 when ``percent``).
    percent : bool
        ``100 (values - reference) / reference`` when True, ``values - reference`` otherwise.

    Returns
    -------
    ndarray, shape (N,)

    Raises
    ------
    InvalidInputError
        When ``reference`` is not finite, or not > 0 for a percentage.
    """
    v = _as_1d(values, "values")
    ref = float(reference)
    if not math.isfinite(ref) or (percent and ref <= 0.0):
        raise InvalidInputError(f"reference must be finite{' and > 0' if percent else ''}, "
                                f"got {reference!r}")
    return 100.0 * (v - ref) / ref if percent else v - ref


def window_scores(values, window: Window) -> np.ndarray:
    """Per-sample score of each value: 1 in the full band, linear to 0 at the zero band, 0
    beyond; NaN where the value is NaN.

    Parameters
    ----------
    values : array_like, shape (N,)
        Values in the window's unit (a deviation for a relative window, see :func:`deviation`).
    window : Window

    Returns
    -------
    ndarray, shape (N,)

    Raises
    ------
    InvalidInputError
        When ``values`` is not 1-D or the window's edges are out of order.
    """
    _check_window(window)
    v = _as_1d(values, "values")
    return K.window_score(v, float(window.zero_lo), float(window.full_lo),
                          float(window.full_hi), float(window.zero_hi))


def window_summary(values, window: Window, length_mm, *, missing_score: float | None = None
                   ) -> WindowSummary:
    """Mean score and percent of length inside the full band.

    Parameters
    ----------
    values : array_like, shape (N,)
        The arc-on samples' values in the window's unit.
    window : Window
    length_mm : array_like, shape (N,)
        Length of seam each sample stands for (mm, >= 0), e.g. its step along the seam; a
        stationary arc has length 0 and counts for the mean score only.
    missing_score : float, optional
        Score given to a NaN value (e.g. 0 for a CTWD with the wire axis meeting nothing);
        None leaves such samples out of the mean and out of the length.

    Returns
    -------
    WindowSummary
    """
    v = _as_1d(values, "values")
    w = _as_1d(length_mm, "length_mm")
    if w.shape != v.shape:
        raise InvalidInputError(f"length_mm must have shape {v.shape}, got {w.shape}")
    if not np.all(np.isfinite(w)) or np.any(w < 0.0):
        raise InvalidInputError("length_mm must be finite and >= 0")
    if missing_score is not None and not 0.0 <= missing_score <= 1.0:
        raise InvalidInputError(f"missing_score must be in [0, 1], got {missing_score!r}")
    score = window_scores(v, window)
    have = ~np.isnan(v)
    measured = 100.0 * np.count_nonzero(have) / v.size if v.size else math.nan
    inside = have & (v >= window.full_lo) & (v <= window.full_hi)
    if missing_score is not None:
        score = np.where(have, score, missing_score)
        counted = np.ones_like(have)
    else:
        counted = have
    mean = float(score[counted].mean()) if np.any(counted) else math.nan
    total = float(w[counted].sum())
    pct = 100.0 * float(w[inside].sum()) / total if total > 0.0 else math.nan
    return WindowSummary(mean_score=mean, full_band_pct=pct, measured_pct=float(measured))
