"""Time scaling: how far along a path the robot is at each sample.

The profile is **trapezoidal**: constant acceleration ``a`` up to the cruise speed ``v``,
cruise, constant deceleration ``a`` to rest. When the path is too short to reach ``v``
(``L < v**2 / a``) it is **triangular** with peak speed ``sqrt(L a)``. The minimum duration
is therefore::

    T_min = L / v + v / a          if L >= v**2 / a   (trapezoid)
    T_min = 2 sqrt(L / a)          otherwise          (triangle)

Quantisation to the sample grid
-------------------------------
Motion is sampled at a fixed interval ``dt`` (default 4 ms, 250 Hz) and every segment must end
*exactly* on its target at a sample. The duration is therefore stretched to a whole number of
samples, ``n = ceil(T_min / dt)``, ``T = n dt``, and the profile is re-solved for that
duration **keeping the cruise speed** and lowering the acceleration instead::

    t_acc = T - L / v,  a' = v / t_acc  (<= a)      while T <= 2 L / v
    triangle with peak 2 L / T and a' = 4 L / T**2  otherwise

so a weld travels at exactly its programmed speed and only the ramps are (at most one sample)
longer. Every segment contributes samples ``k = 1 .. n`` (``k = 0`` is the previous
segment's last sample), so consecutive segments join without repeating or skipping a sample.

Synchronised joint motion (MOVEP) runs one normalised profile ``u(t)`` in [0, 1] for all six
joints, ``q(t) = q0 + (q1 - q0) u(t)``, with the speed and acceleration of ``u`` the largest that
keep every joint within ``R`` % of its maximum speed and within its maximum acceleration. The
limiting joint runs at exactly ``R`` % of its maximum speed (and its maximum acceleration when
the same joint limits both, the usual case); all joints start and finish together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.motion._validate import as_array, as_non_negative, as_positive

__all__ = [
    "DEFAULT_DT",
    "DEFAULT_RATE_HZ",
    "Profile",
    "joint_move_profile",
    "minimum_duration",
    "sample_joint_move",
    "steps_for",
    "trapezoid",
]

DEFAULT_RATE_HZ = 250.0
"""Default sample rate (Hz)."""
DEFAULT_DT = 1.0 / DEFAULT_RATE_HZ
"""Default sample interval (s): 4 ms."""

# A duration within this many samples of a whole number is taken as that whole number, so that
# e.g. 10.0 s / 4 ms gives 2500 samples and not 2501 through rounding of the division.
_GRID_TOL = 1e-9


def minimum_duration(length: float, v_max: float, a_max: float) -> float:
    """Shortest time (s) to travel ``length`` from rest to rest with speed and accel limits.

    Parameters
    ----------
    length : float
        Path length (>= 0, any unit u).
    v_max : float
        Speed limit (u/s, > 0).
    a_max : float
        Acceleration limit (u/s^2, > 0).
    """
    length = as_non_negative(length, "length")
    v_max = as_positive(v_max, "v_max")
    a_max = as_positive(a_max, "a_max")
    if length >= v_max * v_max / a_max:
        return length / v_max + v_max / a_max
    return 2.0 * math.sqrt(length / a_max)


def steps_for(duration: float, dt: float) -> int:
    """Whole number of sample intervals that covers ``duration`` (s): ``ceil(duration / dt)``.

    A duration within 1e-9 samples of a whole number counts as that number (10 s at 4 ms is
    2500 samples, not 2501 through the rounding of the division).
    """
    duration = as_non_negative(duration, "duration")
    dt = as_positive(dt, "dt")
    x = duration / dt
    return max(0, math.ceil(x - _GRID_TOL * max(1.0, x)))


@dataclass(frozen=True)
class Profile:
    """A trapezoidal (or triangular) rest-to-rest profile quantised to the sample grid.

    Attributes
    ----------
    length : float
        Path length (unit u: m for a line or arc, 1 for a normalised parameter).
    v_peak : float
        Cruise speed, or peak speed of a triangular profile (u/s).
    accel : float
        Acceleration used for both ramps (u/s^2); at most the limit it was built with.
    t_acc : float
        Duration of each ramp (s).
    n_steps : int
        Number of sample intervals; the profile has ``n_steps + 1`` samples.
    dt : float
        Sample interval (s).
    """

    length: float
    v_peak: float
    accel: float
    t_acc: float
    n_steps: int
    dt: float

    @property
    def duration(self) -> float:
        """Duration (s), a whole number of samples."""
        return self.n_steps * self.dt

    @property
    def triangular(self) -> bool:
        """True when the profile never cruises."""
        return 2.0 * self.t_acc >= self.duration

    def positions(self) -> np.ndarray:
        """Path parameter at each sample ``t = k dt``, ``k = 0 .. n_steps``.

        Returns
        -------
        ndarray, shape (n_steps + 1,)
            Starts at exactly 0 and ends at exactly ``length``.
        """
        if self.n_steps == 0:
            return np.zeros(1)
        from weldsim.motion import _kernels  # numba: on first use, not at import

        return _kernels.trapezoid_positions(
            self.length, self.v_peak, self.accel, self.t_acc, self.n_steps, self.dt
        )

    def normalised(self) -> np.ndarray:
        """Positions divided by ``length`` (shape ``(n_steps + 1,)``, from 0 to exactly 1)."""
        if self.length == 0.0:
            return np.zeros(self.n_steps + 1)
        u = self.positions() / self.length
        u[-1] = 1.0
        return u


def trapezoid(
    length: float,
    v_max: float,
    a_max: float,
    dt: float = DEFAULT_DT,
    *,
    min_duration: float = 0.0,
) -> Profile:
    """Build the quantised trapezoidal profile of a rest-to-rest move.

    Parameters
    ----------
    length : float
        Path length (>= 0, unit u).
    v_max : float
        Speed limit (u/s, > 0); the cruise speed whenever the profile has a cruise phase.
    a_max : float
        Acceleration limit (u/s^2, > 0).
    dt : float
        Sample interval (s, > 0).
    min_duration : float
        Make the move last at least this long (s); used to slow a segment down.

    Returns
    -------
    Profile
        Duration ``ceil(max(T_min, min_duration) / dt) * dt``; see the module docstring for
        how the profile is re-solved on that duration.

    Raises
    ------
    InvalidInputError
        For a negative or non-finite length, or a non-positive limit or ``dt``.
    """
    length = as_non_negative(length, "length")
    v_max = as_positive(v_max, "v_max")
    a_max = as_positive(a_max, "a_max")
    dt = as_positive(dt, "dt")
    min_duration = as_non_negative(min_duration, "min_duration")
    if length == 0.0:
        n = steps_for(min_duration, dt)
        return Profile(0.0, 0.0, 0.0, 0.0, n, dt)
    t_min = max(minimum_duration(length, v_max, a_max), min_duration)
    n = max(1, steps_for(t_min, dt))
    duration = n * dt
    if duration <= 2.0 * length / v_max:
        t_acc = duration - length / v_max
        return Profile(length, v_max, v_max / t_acc, t_acc, n, dt)
    v_peak = 2.0 * length / duration
    t_acc = 0.5 * duration
    return Profile(length, v_peak, v_peak / t_acc, t_acc, n, dt)


def joint_move_profile(
    q_start,
    q_end,
    max_speed_rad_s,
    max_accel_rad_s2,
    percent: float,
    dt: float = DEFAULT_DT,
    *,
    min_duration: float = 0.0,
) -> Profile:
    """Normalised profile of a synchronised joint move (MOVEP).

    Parameters
    ----------
    q_start, q_end : array_like, shape (6,)
        Joint angles (rad).
    max_speed_rad_s, max_accel_rad_s2 : array_like, shape (6,)
        Per-joint limits (> 0).
    percent : float
        ``R``: the limiting joint runs at this percentage of its maximum speed, in (0, 100].
    dt : float
        Sample interval (s).
    min_duration : float
        Make the move last at least this long (s).

    Returns
    -------
    Profile
        A profile of the normalised parameter ``u`` (``length == 1``, or 0 when no joint moves);
        joint ``j`` moves by ``(q_end - q_start)[j] * u``.
    """
    q0 = as_array(q_start, "q_start", (6,))
    q1 = as_array(q_end, "q_end", (6,))
    vmax = as_array(max_speed_rad_s, "max_speed_rad_s", (6,))
    amax = as_array(max_accel_rad_s2, "max_accel_rad_s2", (6,))
    if np.any(vmax <= 0.0) or np.any(amax <= 0.0):
        raise InvalidInputError("joint speed and acceleration limits must be > 0")
    pct = as_positive(percent, "percent")
    if pct > 100.0:
        raise InvalidInputError(f"percent must be in (0, 100], got {pct}")
    dq = np.abs(q1 - q0)
    moving = dq > 0.0
    if not np.any(moving):
        return trapezoid(0.0, 1.0, 1.0, dt, min_duration=min_duration)
    v_u = float(np.min(vmax[moving] * (pct / 100.0) / dq[moving]))
    a_u = float(np.min(amax[moving] / dq[moving]))
    return trapezoid(1.0, v_u, a_u, dt, min_duration=min_duration)


def sample_joint_move(q_start, q_end, profile: Profile) -> np.ndarray:
    """Joint angles at every sample of a synchronised joint move.

    Parameters
    ----------
    q_start, q_end : array_like, shape (6,)
        Joint angles (rad).
    profile : Profile
        From :func:`joint_move_profile`.

    Returns
    -------
    q : ndarray, shape (profile.n_steps + 1, 6)
        ``q[0] == q_start`` and ``q[-1] == q_end`` exactly.
    """
    q0 = as_array(q_start, "q_start", (6,))
    q1 = as_array(q_end, "q_end", (6,))
    u = profile.normalised()
    q = q0[None, :] + (q1 - q0)[None, :] * u[:, None]
    q[0] = q0
    q[-1] = q1
    return q
