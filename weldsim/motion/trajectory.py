"""The planner's output: a sampled :class:`Trajectory` and the :class:`MotionProblem` list."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from weldsim._frozen import ReadOnlyArrays
from weldsim.i18n import Message, render
from weldsim.program.model import ArcEndCondition, ArcStartCondition, WeaveCondition

__all__ = ["ALARM_KINDS", "MAX_SAMPLES", "PROBLEM_KINDS", "MotionProblem", "Trajectory"]

MAX_SAMPLES = 450_000
"""Sample budget of one trajectory: 1800 s (30 min) at the default 250 Hz, far beyond any
exercise (the reference jobs take about a minute), and about 0.7 GB at the ~1.5 kB a sample
costs from planning to scoring (trajectory, trace, metrics, the batched IK's temporaries): what
a teacher's laptop can spare. The planner refuses, with the job line, an
instruction that would take the trajectory past it *before* it sizes any array, so a
``DELAY 600`` repeated or a 10 m move at 0.1 mm/s is a located error, not gigabytes of memory
(pinned by tests/controller/test_repro.py)."""

PROBLEM_KINDS: tuple[str, ...] = (
    "joint_limit",
    "unreachable",
    "singularity",
    "config_flip",
    "speed_limit",
    "undefined_frame",
)
"""Kinds of :class:`MotionProblem`:

* ``joint_limit``: a target or a path sample needs a joint beyond its limits;
* ``unreachable``: a pose no configuration reaches (or none in the required ``CONF``);
* ``singularity``: a linear or circular move passes near (or through) a wrist, elbow or
  shoulder singularity;
* ``config_flip``: the arm configuration (``NUT``-style flags) changes inside a linear or
  circular move;
* ``speed_limit``: a joint would exceed its maximum speed; the segment is slowed, as a
  controller does, and the problem says by how much;
* ``undefined_frame``: a position in a user frame the cell does not define.

Each problem is an ``alarm`` (the real controller stops there) or a ``warning``; see
:data:`ALARM_KINDS`.
"""

ALARM_KINDS = frozenset({"joint_limit", "unreachable", "config_flip", "undefined_frame"})
"""Problem kinds that are always alarms; ``speed_limit`` is an alarm only when slowing the
move (by at most :attr:`MotionLimits.max_slowdown`) cannot keep every joint within its speed,
and a warning (the move is slowed, by the factor it says) otherwise."""


@dataclass(frozen=True, slots=True)
class MotionProblem:
    """Something the robot cannot do (or should not do) as programmed.

    Attributes
    ----------
    kind : str
        One of :data:`PROBLEM_KINDS`.
    line : int
        Job line of the instruction that causes it (1-based; 0 for the start pose).
    time_s : float
        Time of the first affected sample (s from the start of the trajectory).
    detail : str
        Plain-words explanation with the numbers (in degrees and millimetres), English.
    sample : int
        Index of the first affected sample: for an alarm, the first sample the robot cannot
        execute (it stops on the one before); ``len(trajectory)`` when the move never starts.
    severity : str
        ``"alarm"`` or ``"warning"``.
    joint : int
        The joint concerned (1..6), 0 when none.
    message : Message or None
        The same as :attr:`detail`, as data for the catalogue (``ctl.*`` keys).
    column : int
        Column of the instruction (1-based), 0 when unknown.
    """

    kind: str
    line: int
    time_s: float
    detail: str
    sample: int = -1
    severity: str = "warning"
    joint: int = 0
    message: Message | None = None
    column: int = 0

    @property
    def is_alarm(self) -> bool:
        """The real controller stops with an alarm here."""
        return self.severity == "alarm"

    def text(self, lang: str) -> str:
        """:attr:`detail` in ``lang``: the catalogue's words for :attr:`message` in another
        language than English (the English :attr:`detail` as it is, so the JSON report keeps
        its bytes)."""
        if lang == "en" or self.message is None:
            return self.detail
        return render(self.message, lang)

    def __str__(self) -> str:
        return f"line {self.line} (t = {self.time_s:.3f} s): {self.kind}: {self.detail}"


@dataclass(frozen=True, eq=False)
class Trajectory(ReadOnlyArrays):
    """A robot program sampled at a fixed rate.

    Sample 0 is the start (home) pose; every instruction that takes time adds samples
    ``k = 1 .. n`` after it, so sample ``i`` is at ``t[i] = i / rate_hz``. All arrays are
    read-only.

    Attributes
    ----------
    t : ndarray, shape (N,)
        Time (s).
    q : ndarray, shape (N, 6)
        Joint angles (rad). Where ``q_ok`` is False (a pose out of reach) ``q`` holds the last
        reachable joint angles.
    T_base_tcp : ndarray, shape (N, 4, 4)
        TCP pose in the robot base frame (m), including the weave. Equal to ``fk(q)`` where
        ``q_ok``; the planned pose elsewhere.
    q_ok : ndarray, shape (N,), bool
        The robot reaches ``T_base_tcp`` with ``q`` within its joint limits.
    arc_on : ndarray, shape (N,), bool
        The arc burns during the interval ending at this sample (welding or crater fill).
    weld_condition : ndarray, shape (N,), int64
        Index into ``weld_conditions`` while welding, -1 otherwise (also -1 during the crater
        fill, which uses ``crater_condition``).
    crater_condition : ndarray, shape (N,), int64
        Index into ``crater_conditions`` during an arc-end crater fill, -1 otherwise.
    weave_condition : ndarray, shape (N,), int64
        Index into ``weave_conditions`` where the weave is applied, -1 otherwise.
    weave_phase : ndarray, shape (N,)
        Weave phase in cycles since the weave started (the fractional part is the position in
        the cycle, see :mod:`weldsim.motion.weave`); NaN where ``weave_condition`` is -1.
    line : ndarray, shape (N,), int64
        Job line of the instruction that produced each sample (0 for the start sample).
    weld_conditions : tuple of ArcStartCondition
    crater_conditions : tuple of ArcEndCondition
    weave_conditions : tuple of WeaveCondition
        The conditions in order of first use.
    problems : tuple of MotionProblem
        In order of time.
    rate_hz : float
        Sample rate (Hz).
    tool : int
        Tool number the TCP belongs to.
    """

    t: np.ndarray
    q: np.ndarray
    T_base_tcp: np.ndarray
    q_ok: np.ndarray
    arc_on: np.ndarray
    weld_condition: np.ndarray
    crater_condition: np.ndarray
    weave_condition: np.ndarray
    weave_phase: np.ndarray
    line: np.ndarray
    weld_conditions: tuple[ArcStartCondition, ...]
    crater_conditions: tuple[ArcEndCondition, ...]
    weave_conditions: tuple[WeaveCondition, ...]
    problems: tuple[MotionProblem, ...]
    rate_hz: float
    tool: int

    def __len__(self) -> int:
        return int(self.t.shape[0])

    @property
    def dt(self) -> float:
        """Sample interval (s)."""
        return 1.0 / self.rate_hz

    @property
    def cycle_time_s(self) -> float:
        """Duration from the first to the last sample (s)."""
        return float(self.t[-1])

    @property
    def arc_on_time_s(self) -> float:
        """Time with the arc burning, welding plus crater fill (s)."""
        return float(np.count_nonzero(self.arc_on[1:])) * self.dt

    @property
    def path_length_m(self) -> float:
        """Length of the TCP's path, weave included (m)."""
        p = self.T_base_tcp[:, :3, 3]
        return float(np.sum(np.linalg.norm(np.diff(p, axis=0), axis=1)))

    @property
    def ok(self) -> bool:
        """True when the planner found no problem."""
        return not self.problems

    @property
    def first_alarm(self) -> MotionProblem | None:
        """The earliest alarm (the line the controller stops at), None when there is none."""
        alarms = [p for p in self.problems if p.is_alarm]
        return min(alarms, key=lambda p: (p.sample, p.line)) if alarms else None

    def head(self, n: int, keep: MotionProblem | None = None) -> Trajectory:
        """The first ``n`` samples (at least the start sample): what the robot executes when
        it stops before sample ``n``. Problems from sample ``n`` on are dropped, except
        ``keep`` (the alarm that stops it)."""
        n = max(1, min(int(n), len(self)))
        if n == len(self) and all(p.sample < n or p is keep for p in self.problems):
            return self
        arrays = {name: getattr(self, name)[:n].copy() for name in (
            "t", "q", "T_base_tcp", "q_ok", "arc_on", "weld_condition", "crater_condition",
            "weave_condition", "weave_phase", "line")}
        return Trajectory(
            **arrays, weld_conditions=self.weld_conditions,
            crater_conditions=self.crater_conditions, weave_conditions=self.weave_conditions,
            problems=tuple(p for p in self.problems if p.sample < n or p is keep),
            rate_hz=self.rate_hz, tool=self.tool)

    def problems_of(self, kind: str) -> tuple[MotionProblem, ...]:
        """The problems of one kind (one of :data:`PROBLEM_KINDS`)."""
        return tuple(p for p in self.problems if p.kind == kind)
