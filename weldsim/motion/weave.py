"""Weaving: a periodic offset of the TCP laid across the travel direction.

Weave frame
-----------
At each sample, with ``d`` the unit direction of travel of the un-woven path and ``z`` the
tool's Z axis (the wire axis, pointing toward the work):

* **lateral axis** ``l = normalize(d x z)``: perpendicular to the travel and to the torch; for
  a torch pointing down and travel along +X it is +Y, the welder's **left**;
* ``ANGLE`` tilts the weave plane about the travel direction: the weave axis is
  ``w = cos(ANGLE) l + sin(ANGLE) (d x l)`` (rotation of ``l`` about ``d`` by the right-hand
  rule; ``d x l`` points from the work back toward the torch);
* CIRCLE also moves along ``d``.

The TCP position becomes ``p + lateral(t) w + along(t) d``; the orientation is not changed.
A torch axis parallel to the travel direction has no lateral axis and is rejected.

Weave cycle
-----------
``FREQ`` is the number of whole cycles per second **including the dwells**, so the period is
``P = 1 / FREQ``. A cycle starts at the centre and is four quarter strokes of equal duration
``t_s = (P - left - 2 centre - right) / 4`` separated by the dwells:
centre -> left, *left dwell*, left -> centre, *centre dwell*, centre -> right, *right dwell*,
right -> centre, *centre dwell*. Travel continues during dwells. A stroke advances the stroke
angle ``theta`` uniformly by pi/2 and the pattern gives the offset (``A`` = AMP, half width):

* SINE: ``lateral = A sin(theta)``;
* TRIANGLE: lateral moves at constant speed between ``-A`` and ``+A`` (sharp turns);
* TRAPEZOID: a trapezoidal wave: linear ramps and flat edges at ``+-A`` of equal length
  (``lateral = A clip(1.5 tri(theta), -1, 1)``), i.e. one sixth of the moving time per ramp
  and per edge, plus any programmed dwell;
* CIRCLE: ``lateral = A sin(theta)``, ``along = A (1 - cos(theta))``: a loop of radius ``A``
  starting at the path point and reaching ``2 A`` ahead of it at mid-cycle.

The offset is zero at the start of a cycle and at mid-cycle (CIRCLE: only at the start of a
cycle); :meth:`WeaveSpec.next_centre` gives the next such phase, where the planner lets the
weave end.

The measured amplitude and frequency of the woven path are exactly ``A`` and ``FREQ`` (up to the
sampling of the peak).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.i18n import Message
from weldsim.motion import _kernels
from weldsim.motion._validate import as_array, as_non_negative, as_positive

__all__ = ["MIN_LATERAL_SINE", "WeavePattern", "WeaveSpec", "apply_weave", "weave_offsets"]

MIN_LATERAL_SINE = 1e-3
"""Smallest ``|d x z|`` (sine of the angle between travel and torch axis) that defines a weave
direction; a torch nearer than about 0.06 degrees to the travel direction is rejected."""


class WeavePattern(enum.IntEnum):
    """Weave patterns; the values are the kernel's pattern codes."""

    SINE = _kernels.PATTERN_SINE
    TRIANGLE = _kernels.PATTERN_TRIANGLE
    TRAPEZOID = _kernels.PATTERN_TRAPEZOID
    CIRCLE = _kernels.PATTERN_CIRCLE


@dataclass(frozen=True)
class WeaveSpec:
    """A weave condition in SI units.

    Attributes
    ----------
    pattern : WeavePattern
    amplitude_m : float
        Half the weave width (m, > 0).
    frequency_hz : float
        Cycles per second including dwells (Hz, > 0).
    dwell_left_s, dwell_centre_s, dwell_right_s : float
        Dwells (s, >= 0); the centre dwell happens twice per cycle.
    angle_rad : float
        Tilt of the weave plane about the travel direction (rad).

    Raises
    ------
    InvalidInputError
        When a value is out of range or the dwells leave no time to move
        (``left + 2 centre + right >= 1 / frequency``).
    """

    pattern: WeavePattern
    amplitude_m: float
    frequency_hz: float
    dwell_left_s: float = 0.0
    dwell_centre_s: float = 0.0
    dwell_right_s: float = 0.0
    angle_rad: float = 0.0

    def __post_init__(self) -> None:
        try:
            pattern = WeavePattern(self.pattern)
        except ValueError as exc:
            raise InvalidInputError(f"unknown weave pattern {self.pattern!r}") from exc
        object.__setattr__(self, "pattern", pattern)
        as_positive(self.amplitude_m, "amplitude_m")
        as_positive(self.frequency_hz, "frequency_hz")
        as_non_negative(self.dwell_left_s, "dwell_left_s")
        as_non_negative(self.dwell_centre_s, "dwell_centre_s")
        as_non_negative(self.dwell_right_s, "dwell_right_s")
        if not math.isfinite(self.angle_rad):
            raise InvalidInputError("angle_rad must be finite")
        if self.stroke_s <= 0.0:
            raise InvalidInputError(message=Message.of(
                "modes.weave.dwells", left=f"{self.dwell_left_s:g}",
                centre=f"{self.dwell_centre_s:g}", right=f"{self.dwell_right_s:g}",
                period=f"{self.period_s:g}", frequency=f"{self.frequency_hz:g}"))

    @property
    def period_s(self) -> float:
        """Cycle period (s)."""
        return 1.0 / self.frequency_hz

    @property
    def stroke_s(self) -> float:
        """Duration of one quarter stroke (s)."""
        dwell = self.dwell_left_s + 2.0 * self.dwell_centre_s + self.dwell_right_s
        return 0.25 * (self.period_s - dwell)

    def offsets(self, phase) -> tuple[np.ndarray, np.ndarray]:
        """Lateral and along-travel offsets (m) at cycle phases; see :func:`weave_offsets`."""
        return weave_offsets(self, phase)

    def centre_phases(self) -> tuple[float, ...]:
        """Phases within a cycle (cycles, in (0, 1]) at which the weave offset returns to zero."""
        if self.pattern is WeavePattern.CIRCLE:
            return (1.0,)
        mid = (2.0 * self.stroke_s + self.dwell_left_s) * self.frequency_hz
        return (mid, 1.0)

    def next_centre(self, phase: float) -> float:
        """Smallest phase ``>= phase`` (cycles) at which the offset is zero."""
        base = math.floor(phase)
        frac = phase - base
        if frac == 0.0:
            return phase
        for c in self.centre_phases():
            if frac <= c:
                return base + c
        raise AssertionError("unreachable: the last centre phase is 1.0")


def weave_offsets(spec: WeaveSpec, phase) -> tuple[np.ndarray, np.ndarray]:
    """Weave offsets at each cycle phase.

    Parameters
    ----------
    spec : WeaveSpec
    phase : array_like, shape (N,)
        Phase in cycles since the weave started (``frequency_hz * t``); continuous.

    Returns
    -------
    lateral : ndarray, shape (N,)
        Offset along the weave axis (m, +: left).
    along : ndarray, shape (N,)
        Offset along the travel direction (m; non-zero for CIRCLE only).
    """
    ph = as_array(phase, "phase", (None,))
    return _kernels.weave_offsets(
        int(spec.pattern),
        ph,
        spec.period_s,
        spec.stroke_s,
        spec.dwell_left_s,
        spec.dwell_centre_s,
        spec.dwell_right_s,
        spec.amplitude_m,
    )


def apply_weave(T, travel, spec: WeaveSpec, phase) -> np.ndarray:
    """Lay the weave onto a sampled path.

    Parameters
    ----------
    T : array_like, shape (N, 4, 4)
        Poses of the un-woven path (m).
    travel : array_like, shape (N, 3)
        Unit direction of travel at each pose, in the same frame.
    spec : WeaveSpec
    phase : array_like, shape (N,)
        Weave phase (cycles) at each pose.

    Returns
    -------
    ndarray, shape (N, 4, 4)
        A new array: positions shifted by the weave, orientations unchanged.

    Raises
    ------
    InvalidInputError
        When the torch axis is within :data:`MIN_LATERAL_SINE` of the travel direction.
    """
    Tw = as_array(T, "T", (None, 4, 4)).copy()
    d = as_array(travel, "travel", (Tw.shape[0], 3))
    lat, along = weave_offsets(spec, phase)
    if lat.shape[0] != Tw.shape[0]:
        raise InvalidInputError(f"phase must have shape ({Tw.shape[0]},), got {lat.shape}")
    smallest = _kernels.apply_weave_into(Tw, d, lat, along, spec.angle_rad)
    if Tw.shape[0] and smallest < MIN_LATERAL_SINE:
        raise InvalidInputError(
            "weaving needs the torch axis across the travel direction; here they are "
            f"parallel (sine {smallest:.2g})"
        )
    return Tw
