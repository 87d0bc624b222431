"""Coaching hints: which jog key brings the worst technique gauge back into its window.

A hint is derived, never looked up: :func:`best_hint` probes each of the six jog axes of the
pendant's current jog frame in both directions with one small jog step, computed exactly as
the pendant's jogging computes it (:func:`weldsim.pendant.jog.cartesian_step` and
:func:`weldsim.pendant.alarms.jog_problem` for a Cartesian frame, a joint step checked by
:func:`~weldsim.pendant.alarms.joint_limit_alarm` in JOINT), reads the gauges there
(:meth:`~weldsim.coaching.gauges.Coach.reading`) and so gets the one-sided numerical Jacobian
of every gauge with respect to the jog axes. A step the robot would refuse (reach, limit,
singularity) is not offered.

Choosing
--------
The **worst gauge** is the judged gauge farthest outside its full-marks band, in units of
the band's ramp on that side (``(full_lo - value) / (full_lo - zero_lo)`` below it, so 1 at
the window's edge): a CTWD 3 mm long in a ±2/±5 window is 1/3, a work angle 20 degrees off in
a ±5/±15 window is 1.5. Gauges without a value (the wire meets nothing) are not chosen.

Each probed (axis, sign) moves the worst gauge toward its band at a **rate** per second of
jogging: the change of the gauge per probe step divided by the time the pendant takes for that
step at its continuous speeds (:data:`weldsim.pendant.state.SPEED_LEVELS`: translation and
rotation speeds differ, and so do their steps here; the ratio is the same at every level, so
the choice does not depend on it). Extrapolating each probe to the moment the worst gauge
reaches its band, a candidate is admissible when no other gauge that is in its band now
leaves it; failing any, when none of them leaves its window; failing that, any. The fastest
admissible candidate is the hint; None when every judged gauge is in its band, or no jog moves
the worst one toward it (by more than :data:`MIN_GAIN` per probe).

When no key of the trainee's frame fixes the worst gauge without pushing another out of its
band, and a key of TOOL does, the hint is that TOOL key (``Hint.frame`` and the message say
TOOL): aimed at a fillet's root, no BASE key changes the CTWD alone (each translation runs
parallel to one of the faces the wire meets) while TOOL Z runs along the wire.

Cost: 12 probes (24 with the TOOL fallback), each an inverse kinematics and a reading, a few
milliseconds (``bench/coaching.py``); :meth:`~weldsim.coaching.gauges.Coach.hint` keeps the
last hint, so asking every frame while the robot stands costs nothing.

Far from the seam
-----------------
When the wire tip is far from the seam (:attr:`TechniqueReading.far
<weldsim.coaching.gauges.TechniqueReading.far>`, :mod:`weldsim.coaching.approach`) no gauge is
judged and :func:`approach_hint` gives the one key instead: the same probes, each step's
change of the wire tip's distance to the nearest seam's start (the gradient of that
distance over the jog axes) per second of jogging, the fastest key that shortens it
(``Hint.gauge`` ``"approach"``, message ``coaching.approach.hint``) among those the robot
would let the trainee hold for :data:`APPROACH_AHEAD_RAD` / :data:`APPROACH_AHEAD_M` (an
approach is a long jog: a joint limit just ahead is no way to the seam). TOOL rotations pivot
about the wire tip and move it by nothing, so in TOOL it is a translation; in JOINT the joint
whose turn carries the tip fastest toward the start.

Messages: ``coaching.hint.<gauge>.<up|down>`` with ``move`` = ``coaching.move.<rotate|
translate|joint>`` (``axis`` X Y Z RX RY RZ or J1..J6 as the pendant labels its keys,
``sign`` "+"/"−", ``frame``); see ``weldsim/locale/*/LC_MESSAGES/coaching.po``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.i18n import Message
from weldsim.pendant.alarms import jog_problem, joint_limit_alarm
from weldsim.pendant.jog import cartesian_step
from weldsim.pendant.state import JOG_AXES, SPEED_LEVELS

__all__ = ["APPROACH_AHEAD_M", "APPROACH_AHEAD_RAD", "MIN_GAIN", "PROBE_M", "PROBE_RAD", "Hint",
           "approach_hint", "best_hint", "excess"]

#: Probe step of a rotation or a joint (rad): small against the windows (0.25 deg).
PROBE_RAD = math.radians(0.25)
#: Probe step of a translation (m).
PROBE_M = 0.25e-3
#: Continuous jog speeds the probe rates are measured at: the LOW level (translation m/s,
#: rotation rad/s; the ratio is the same at LOW, MED and HIGH).
_LEVEL = SPEED_LEVELS[1]
#: Least change of the worst gauge per probe step that counts as moving it (display units):
#: below it the change is rounding (a translation parallel to the face the wire meets).
MIN_GAIN = 1e-4
_MINUS = "\u2212"
#: An approach hint's key must be holdable this far (rad of a rotation or joint, m of a
#: translation) without the robot refusing it: about a second of jogging at MED.
APPROACH_AHEAD_RAD = math.radians(5.0)
APPROACH_AHEAD_M = 0.025


@dataclass(frozen=True)
class Hint:
    """A jog key that fixes a gauge.

    Attributes
    ----------
    gauge : str
        The gauge it fixes (:data:`weldsim.coaching.gauges.GAUGE_NAMES`).
    axis : int
        Jog axis as the pendant numbers its keys: 0..5 = J1..J6 in JOINT, X Y Z RX RY RZ in a
        Cartesian frame (:meth:`weldsim.pendant.Pendant.jog_press`).
    sign : int
        +1 or -1.
    frame : str
        The jog frame (``"JOINT"``, ``"BASE"``, ``"TOOL"``, ``"USER<n>"``).
    message : Message
        One line for the trainee (``coaching.hint.<gauge>.<up|down>``).
    rate : float
        How fast the key moves the gauge toward its band (display units per second of
        jogging at the LOW level).
    """

    gauge: str
    axis: int
    sign: int
    frame: str
    message: Message
    rate: float = math.nan


def excess(g) -> float:
    """How far a gauge is outside its full-marks band, in units of the ramp on that side
    (0 inside; 1 at the window's edge); NaN without a window or a value."""
    if not g.has_window or math.isnan(g.value):
        return math.nan
    if g.value < g.full_low:
        ramp = g.full_low - g.low
        return (g.full_low - g.value) / (ramp if ramp > 0.0 else 1.0)
    if g.value > g.full_high:
        ramp = g.high - g.full_high
        return (g.value - g.full_high) / (ramp if ramp > 0.0 else 1.0)
    return 0.0


def _probe_step(coach, q: np.ndarray, frame: str, axis: int, amount: float):
    """Joint angles after one jog step as the pendant computes it; None when refused."""
    if frame == "JOINT":
        q_new = q.copy()
        q_new[axis] += amount
        return None if joint_limit_alarm(coach.robot, q_new) is not None else q_new
    T = cartesian_step(coach.robot.fk(q, tool=coach.tool), frame, axis, amount,
                       coach.user_frames)
    q_new, alarm = jog_problem(coach.robot, q, T, coach.tool)
    return None if alarm is not None else q_new


def _move(frame: str, axis: int, sign: int) -> Message:
    names = JOG_AXES["JOINT" if frame == "JOINT" else "CART"]
    kind = "joint" if frame == "JOINT" else ("translate" if axis < 3 else "rotate")
    return Message.of(f"coaching.move.{kind}", axis=names[axis],
                      sign="+" if sign > 0 else _MINUS, frame=frame)


def best_hint(coach, q: np.ndarray, frame: str, reading) -> Hint | None:
    """The hint at joint angles ``q`` in jog frame ``frame`` (see the module docstring).

    Parameters
    ----------
    coach : Coach
    q : ndarray, shape (6,)
        Joint angles (rad).
    frame : str
        ``"JOINT"``, ``"BASE"``, ``"TOOL"`` or one of the scenario's ``"USER<n>"``.
    reading : TechniqueReading
        The reading at ``q``.

    Returns
    -------
    Hint or None
        In ``frame``, unless no key of ``frame`` fixes the gauge without pushing another out
        of its band while one of TOOL does (TOOL Z is the wire axis: the CTWD alone; TOOL
        rotations pivot about the wire tip): then the TOOL key, and the message says TOOL.

    Raises
    ------
    InvalidInputError
        When the frame is not one the pendant jogs in.
    """
    _check_frame(coach, frame)
    judged = [g for g in reading.gauges if g.has_window]
    bad = [(excess(g), g) for g in judged if excess(g) > 0.0]
    if not bad:
        return None
    worst = max(bad, key=lambda e: e[0])[1]
    need = 1.0 if worst.value < worst.full_low else -1.0
    best = min(_candidates(coach, q, frame, reading, judged, worst, need), default=None)
    if frame != "TOOL" and (best is None or best[0] > 0):
        tool = min(_candidates(coach, q, "TOOL", reading, judged, worst, need), default=None)
        if tool is not None and tool[0] == 0:
            best, frame = tool, "TOOL"
    if best is None:
        return None
    _, _, axis, sign, rate = best
    direction = "up" if need > 0 else "down"
    message = Message.of(f"coaching.hint.{worst.name}.{direction}", move=_move(frame, axis, sign))
    return Hint(gauge=worst.name, axis=axis, sign=sign, frame=frame, message=message,
                rate=float(rate))


def _candidates(coach, q: np.ndarray, frame: str, reading, judged, worst, need: float
                ) -> list[tuple[int, float, int, int, float]]:
    """``(rank, -rate, axis, sign, rate)`` of every key of ``frame`` that moves the worst
    gauge toward its band: rank 0 when no other gauge in its band now leaves it by the time
    the worst one reaches its band (extrapolating the probe), 1 when none leaves its window,
    2 otherwise."""
    to_band = (worst.full_low - worst.value) if need > 0 else (worst.value - worst.full_high)
    names = [g.name for g in judged]
    now = np.array([g.value for g in judged])
    in_band = np.array([g.state == "in" for g in judged])
    lo = np.array([g.full_low for g in judged])
    hi = np.array([g.full_high for g in judged])
    zlo = np.array([g.low for g in judged])
    zhi = np.array([g.high for g in judged])
    k_worst = names.index(worst.name)
    others = np.arange(len(names)) != k_worst
    out = []
    for axis, sign, seconds, q_new in _probes(coach, q, frame):
        after = coach.reading_at(coach.world_tcp(q_new), travel_sign=reading.travel_sign)
        delta = np.array([after.gauge(n).value for n in names]) - now
        gain = need * delta[k_worst]
        if not (gain > MIN_GAIN):    # NaN, away from the band, or no real change
            continue
        predicted = now + (to_band / gain) * delta
        with np.errstate(invalid="ignore"):
            leaves_band = in_band & others & ~((predicted >= lo) & (predicted <= hi))
            leaves_window = in_band & others & ~((predicted > zlo) & (predicted < zhi))
        rank = 0 if not leaves_band.any() else (1 if not leaves_window.any() else 2)
        rate = gain / seconds
        out.append((rank, -rate, axis, sign, rate))
    return out


def _probes(coach, q: np.ndarray, frame: str):
    """Each key of jog frame ``frame`` the robot can take one probe step with: ``(axis, sign,
    seconds the step takes at the LOW level, q after the step)``."""
    for axis in range(6):
        rotation = frame == "JOINT" or axis >= 3
        step = PROBE_RAD if rotation else PROBE_M
        seconds = step / (_LEVEL.angular_rad_s if rotation else _LEVEL.linear_m_s)
        for sign in (1, -1):
            q_new = _probe_step(coach, q, frame, axis, sign * step)
            if q_new is not None:
                yield axis, sign, seconds, q_new


def approach_hint(coach, q: np.ndarray, frame: str, reading) -> Hint | None:
    """The key of jog frame ``frame`` that brings the wire tip toward the start of the
    nearest seam fastest (see "Far from the seam" in the module docstring).

    Parameters
    ----------
    coach : Coach
    q : ndarray, shape (6,)
        Joint angles (rad).
    frame : str
        ``"JOINT"``, ``"BASE"``, ``"TOOL"`` or one of the scenario's ``"USER<n>"``.
    reading : TechniqueReading
        The reading at ``q`` (its ``approach`` gives the seam's start).

    Returns
    -------
    Hint or None
        ``gauge`` ``"approach"``, ``rate`` in mm of distance per second of jogging at the LOW
        level; None when no key of ``frame`` shortens the distance (or the reading has no
        approach).
    """
    _check_frame(coach, frame)
    approach = getattr(reading, "approach", None)
    if approach is None:
        return None
    target = np.asarray(approach.start_m, dtype=np.float64)
    now_mm = 1000.0 * float(np.linalg.norm(np.asarray(reading.tip_m) - target))
    found = []
    for axis, sign, seconds, q_new in _probes(coach, q, frame):
        tip = coach.world_tcp(q_new)[:3, 3]
        gain = now_mm - 1000.0 * float(np.linalg.norm(tip - target))
        if gain > MIN_GAIN:
            found.append((-gain / seconds, axis, sign))
    # the fastest key that can be held a while: an approach is a long jog, so a key whose
    # next few mm or degrees the robot would refuse (a joint limit just ahead) is passed over
    for candidate in sorted(found):
        _, axis, sign = candidate
        rotation = frame == "JOINT" or axis >= 3
        ahead = APPROACH_AHEAD_RAD if rotation else APPROACH_AHEAD_M
        if _probe_step(coach, q, frame, axis, sign * ahead) is not None:
            break
    else:
        return None
    rate = -candidate[0]
    return Hint(gauge="approach", axis=axis, sign=sign, frame=frame,
                message=Message.of("coaching.approach.hint", move=_move(frame, axis, sign)),
                rate=float(rate))


def _check_frame(coach, frame: str) -> None:
    if frame not in ("JOINT", "BASE", "TOOL") and frame not in coach.user_frames:
        known = ", ".join(("JOINT", "BASE", "TOOL", *sorted(coach.user_frames)))
        raise InvalidInputError(f"jog frame must be one of {known}, got {frame!r}")
