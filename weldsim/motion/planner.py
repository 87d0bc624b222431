"""The planner: a :class:`~weldsim.program.model.Program` and a robot -> a :class:`Trajectory`.

Rules (see docs/job-format.md for the language):

* The job starts at ``home_q`` (sample 0, line 0). Each instruction that takes time appends
  samples ``k = 1 .. n`` on the fixed grid (``dt = 1 / rate_hz``), so every move ends exactly
  on its target at a sample (:mod:`weldsim.motion.profiles`).
* ``MOVEP``: synchronised joint move; the limiting joint runs at ``R`` % of its maximum speed
  and at its maximum acceleration. A Cartesian target takes the IK solution nearest the
  current joints (in its ``CONF`` when given).
* ``MOVEL``/``MOVEC``: the TCP follows the line or arc (:mod:`weldsim.motion.paths`) with a
  trapezoidal profile of the path parameter whose speed and acceleration keep both the TCP
  speed (``S=``, else the arc-start condition's speed inside a weld, else 100 mm/s) and
  acceleration (:attr:`MotionLimits.tcp_accel_m_s2`) and the orientation speed and
  acceleration (:class:`MotionLimits`) within limits. The whole segment (weave included) is
  solved by one batched nearest-solution IK (``robot.ik_path``), in the target's ``CONF``
  when given (for a joint target: the configuration of those joints).
* Weaving (``WS`` .. ``WE``) is laid over ``MOVEL``/``MOVEC`` (:mod:`weldsim.motion.weave`);
  its phase runs continuously at ``FREQ`` from the first woven sample. Where the next
  instruction is not a woven move continuing without a jump of the weave offset (a corner,
  ``WE``, ``AE``, ``DELAY``), the travel stops at the move's end point and the weave runs on
  to its next centre crossing (at most half a cycle; a whole one for CIRCLE), its phase
  compressed onto whole samples, so the move still ends exactly on its target.
* ``AS``/``WS``/``WE`` take no time. ``AE`` holds the position for the crater time with the
  arc on. ``DELAY`` holds the position. Both are rounded up to whole samples.

Problems (:class:`MotionProblem`) are collected, not raised: a job with one bad point still
plans, so a trainee sees every problem at once. A move whose *target* cannot be reached is
reported and skipped (the robot stays where it is). Samples of a path that leave the
workspace keep their planned pose, hold the last reachable joints and have ``q_ok`` False. A
segment that would drive a joint beyond its maximum speed is slowed (by at most
:attr:`MotionLimits.max_slowdown`) and reported.

A program that breaks the language's ordering rules (which the parser rejects), a missing
user frame, a degenerate arc or a weave the torch cannot do raise :class:`PlanningError`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from weldsim.errors import InvalidInputError, UnreachableError, WeldsimError
from weldsim.i18n import Message, Qty, render
from weldsim.kinematics.poses import check_pose
from weldsim.motion import _kernels
from weldsim.motion._validate import as_array, as_positive
from weldsim.motion.paths import ArcPath, DegeneratePathError, LinePath, arc_path, line_path
from weldsim.motion.profiles import (
    Profile,
    joint_move_profile,
    sample_joint_move,
    steps_for,
    trapezoid,
)
from weldsim.motion.trajectory import MAX_SAMPLES, MotionProblem, Trajectory
from weldsim.motion.weave import (
    MIN_LATERAL_SINE,
    WeavePattern,
    WeaveSpec,
    apply_weave,
    weave_offsets,
)
from weldsim.program.model import (
    ArcEnd,
    ArcStart,
    Delay,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    Position,
    Program,
    WeaveCondition,
    WeaveEnd,
    WeaveStart,
)

__all__ = ["MotionLimits", "PlanningError", "plan"]

_JOINTS = ("J1", "J2", "J3", "J4", "J5", "J6")
_WEAVE_JUMP_TOL_M = 1e-6  # a weave offset jump below this continues the weave across moves
_PHASE_TOL = 1e-9  # cycles; a phase this close to a centre crossing is on it


class PlanningError(WeldsimError):
    """The program cannot be planned at all; the message names the file and line.

    Attributes
    ----------
    line : int
        Job line of the instruction.
    """

    def __init__(self, filename: str, line: int, message: Message | str):
        if isinstance(message, Message):
            located = Message.of("modes.plan.located", where=f"{filename}:{line}",
                                 problem=message)
            super().__init__(render(located, "en"), message=located)
        else:  # English only
            super().__init__(f"{filename}:{line}: error: {message}")
        self.line = line


@dataclass(frozen=True)
class MotionLimits:
    """Cartesian limits of the planner (the joint limits come from the robot model).

    Attributes
    ----------
    tcp_accel_m_s2 : float
        TCP acceleration of linear and circular moves (m/s^2).
    orient_speed_rad_s : float
        Largest rotation speed of the tool in linear and circular moves (rad/s).
    orient_accel_rad_s2 : float
        Largest rotational acceleration of the tool (rad/s^2).
    default_speed_m_s : float
        TCP speed of ``MOVEL``/``MOVEC`` without ``S=`` outside a weld (m/s).
    max_slowdown : float
        A segment that overspeeds a joint is slowed by at most this factor.
    """

    tcp_accel_m_s2: float = 1.0
    orient_speed_rad_s: float = math.radians(90.0)
    orient_accel_rad_s2: float = math.radians(360.0)
    default_speed_m_s: float = 0.1
    max_slowdown: float = 10.0

    def __post_init__(self) -> None:
        for f in (
            "tcp_accel_m_s2",
            "orient_speed_rad_s",
            "orient_accel_rad_s2",
            "default_speed_m_s",
            "max_slowdown",
        ):
            as_positive(getattr(self, f), f)
        if self.max_slowdown < 1.0:
            raise InvalidInputError(f"max_slowdown must be >= 1, got {self.max_slowdown}")


class _Segment(NamedTuple):
    """One Cartesian segment sampled, woven and solved (see :meth:`_Planner.solve_segment`)."""

    T: np.ndarray  # (n, 4, 4) planned TCP poses in the base frame
    q: np.ndarray  # (n, 6) joint angles (rad)
    ok: np.ndarray  # (n,) bool: the IK reached the pose within the joint limits
    phase: np.ndarray | None  # (n,) weave phase (cycles), None without weaving
    profile: Profile  # the path parameter's time profile


@dataclass
class _Chunk:
    """Samples appended by one instruction."""

    q: np.ndarray  # (n, 6)
    T: np.ndarray  # (n, 4, 4)
    ok: np.ndarray  # (n,) bool
    line: int
    weld: int
    crater: int
    weave: int
    phase: np.ndarray | None  # (n,) or None


@dataclass
class _State:
    q: np.ndarray
    T: np.ndarray
    weld: int = -1  # index of the arc-start condition while the arc is on
    weave: int = -1  # index of the weave condition while weaving
    spec: WeaveSpec | None = None
    phase: float = 0.0  # weave phase at the last sample (cycles)
    n: int = 1  # samples so far (sample 0 is home)


@dataclass
class _Tables:
    weld: list = field(default_factory=list)
    crater: list = field(default_factory=list)
    weave: list = field(default_factory=list)

    @staticmethod
    def index(table: list, cond) -> int:
        for i, c in enumerate(table):
            if c == cond:
                return i
        table.append(cond)
        return len(table) - 1


def plan(
    program: Program,
    robot,
    *,
    home_q,
    user_frames: dict[str, np.ndarray] | None = None,
    rate_hz: float = 250.0,
    limits: MotionLimits | None = None,
    until_alarm: bool = False,
) -> Trajectory:
    """Sample a program's motion.

    Parameters
    ----------
    program : Program
        A parsed, validated job.
    robot : weldsim.kinematics.Robot
        The robot model (FK, IK, limits).
    home_q : array_like, shape (6,)
        Joint angles (rad) the job starts from; must be within the joint limits.
    user_frames : dict of str to ndarray (4, 4), optional
        ``T_base_user`` of each user frame the job uses, keyed ``"USER1"``, ``"USER2"``, ...
    rate_hz : float
        Sample rate (Hz), default 250.
    limits : MotionLimits, optional
        Cartesian limits; the defaults when None.
    until_alarm : bool
        Stop planning after the first alarm (what the controller executes ends there);
        False plans on past every problem (a move that cannot be made is skipped).

    Returns
    -------
    Trajectory

    Raises
    ------
    PlanningError
        The program breaks an ordering rule, has a degenerate arc or a weave the torch cannot
        do, or would need more than :data:`~weldsim.motion.trajectory.MAX_SAMPLES` samples
        (refused before any array is sized).
    InvalidInputError
        ``home_q``, ``user_frames`` or ``rate_hz`` are malformed.
    """
    planner = _Planner(program, robot, home_q, user_frames or {}, rate_hz, limits)
    planner.until_alarm = until_alarm
    return planner.run()


class _Planner:
    def __init__(self, program, robot, home_q, user_frames, rate_hz, limits):
        if not isinstance(program, Program):
            raise InvalidInputError(f"program must be a Program, got {type(program).__name__}")
        self.program = program
        self.robot = robot
        self.tool = program.tool
        self.rate_hz = as_positive(rate_hz, "rate_hz")
        self.dt = 1.0 / self.rate_hz
        self.limits = limits if limits is not None else MotionLimits()
        joints = robot.spec.joints
        self.vmax = np.asarray(joints.max_speed_rad_s, dtype=np.float64)
        self.amax = np.asarray(joints.max_accel_rad_s2, dtype=np.float64)
        self.lower = np.asarray(joints.lower_rad, dtype=np.float64)
        self.upper = np.asarray(joints.upper_rad, dtype=np.float64)
        q0 = as_array(home_q, "home_q", (6,))
        if not robot.within_limits(q0):
            raise InvalidInputError(
                f"home_q is outside the joint limits of {robot.id}: {self._limit_text(q0)}"
            )
        self.frames = {
            name: check_pose(T, f"user_frames[{name!r}]", allow_batch=False)
            for name, T in user_frames.items()
        }
        self.state = _State(q=q0, T=robot.fk(q0, tool=self.tool))
        self.home = (q0, self.state.T)
        self.tables = _Tables()
        self.chunks: list[_Chunk] = []
        self.problems: list[MotionProblem] = []
        self.until_alarm = False
        self.columns = {ins.line: ins.column for ins in program.instructions}

    # -- helpers ----------------------------------------------------------------------------
    def error(self, ins, message: Message | str) -> PlanningError:
        return PlanningError(self.program.filename, ins.line, message)

    def report(self, kind: str, line: int, sample: int, detail: str, *,
               severity: str = "alarm", joint: int = 0,
               message: Message | None = None) -> None:
        self.problems.append(MotionProblem(kind, line, sample * self.dt, detail, sample,
                                           severity, joint, message,
                                           self.columns.get(line, 0)))

    @property
    def alarmed(self) -> bool:
        """An alarm was reported (the controller stops there)."""
        return any(p.is_alarm for p in self.problems)

    def budget(self, ins, n: int) -> None:
        """Refuse an instruction that would take the trajectory past :data:`MAX_SAMPLES`."""
        if self.state.n + n > MAX_SAMPLES:
            raise self.error(ins, Message.of(
                "modes.plan.too_long", limit=f"{MAX_SAMPLES * self.dt:.0f}",
                samples=MAX_SAMPLES, takes=f"{n * self.dt:.0f}"))

    def _violation(self, q: np.ndarray) -> tuple[int, float, float, float]:
        """(joint 1..6, value, lower, upper) in degrees of the joint furthest past a limit."""
        excess = np.maximum(q - self.upper, 0.0) + np.maximum(self.lower - q, 0.0)
        j = int(np.argmax(excess))
        return (j + 1, math.degrees(q[j]), math.degrees(self.lower[j]),
                math.degrees(self.upper[j]))

    def _limit_message(self, q: np.ndarray) -> tuple[int, Message]:
        j, value, lo, hi = self._violation(q)
        if abs(lo + hi) < 1e-6:  # a symmetric range: "limit ±170°"
            return j, Message.of("ctl.joint_limit", joint=j, value=Qty(value, "deg", 0),
                                 limit=Qty(hi, "deg", 0))
        return j, Message.of("ctl.joint_limit_range", joint=j, value=Qty(value, "deg", 0),
                             lower=Qty(lo, "deg", 0), upper=Qty(hi, "deg", 0))

    def _limit_text(self, q: np.ndarray) -> str:
        parts = []
        for j in range(6):
            if q[j] < self.lower[j] or q[j] > self.upper[j]:
                parts.append(
                    f"{_JOINTS[j]} at {math.degrees(q[j]):.1f} deg (limits "
                    f"{math.degrees(self.lower[j]):.1f} .. {math.degrees(self.upper[j]):.1f})"
                )
        return ", ".join(parts)

    def pose_of(self, ins, pos: Position) -> tuple[np.ndarray, str | None]:
        """``T_base_tcp`` of a position and the configuration it asks for (or None)."""
        if isinstance(pos, JointPosition):
            q = np.asarray(pos.q_rad)
            return self.robot.fk(q, tool=self.tool), self.robot.configuration(q)
        T = pos.matrix()
        if pos.frame != "BASE":
            try:
                T = self.frames[pos.frame] @ T
            except KeyError:
                known = ", ".join(sorted(self.frames)) or "-"
                raise _UndefinedFrame(
                    f"position uses frame {pos.frame}, which is not defined "
                    f"(user frames given: {known})",
                    Message.of("ctl.undefined_frame", frame=pos.frame, known=known),
                ) from None
        return T, pos.conf

    def classify_unreachable(self, T: np.ndarray, conf: str | None
                             ) -> tuple[str, str, int, Message]:
        """Why no valid IK solution exists for ``T``: (kind, detail, joint, message)."""
        sols, ok = self.robot.ik(T, tool=self.tool)
        where = "({:.1f}, {:.1f}, {:.1f}) mm in the base frame".format(*(T[:3, 3] * 1e3))
        x, y, z = (Qty(float(v) * 1e3, "", 1) for v in T[:3, 3])
        if ok.any():
            return ("unreachable", f"no solution in configuration {conf} reaches {where}", 0,
                    Message.of("ctl.unreachable_conf", conf=str(conf), x=x, y=y, z=z))
        exists = ~np.isnan(sols).any(axis=1)
        if not exists.any():
            return ("unreachable", f"the pose at {where} is beyond the robot's reach", 0,
                    Message.of("ctl.unreachable", x=x, y=y, z=z))
        cand = sols[exists]
        excess = np.maximum(cand - self.upper, 0.0) + np.maximum(self.lower - cand, 0.0)
        best = cand[int(np.argmin(excess.sum(axis=1)))]
        joint, message = self._limit_message(best)
        return ("joint_limit", f"reaching {where} needs {self._limit_text(best)}", joint,
                message)

    # -- main loop ---------------------------------------------------------------------------
    def run(self) -> Trajectory:
        ins_list = self.program.instructions
        for i, ins in enumerate(ins_list):
            if self.until_alarm and self.alarmed:
                return self.assemble()
            nxt = ins_list[i + 1] if i + 1 < len(ins_list) else None
            if isinstance(ins, MoveP | MoveL | MoveC):
                try:
                    if isinstance(ins, MoveP):
                        self.move_p(ins)
                    else:
                        self.move_cartesian(ins, nxt)
                except _UndefinedFrame as exc:
                    # the move is skipped (the robot stays where it is)
                    self.report("undefined_frame", ins.line, self.state.n, exc.detail,
                                message=exc.message)
            elif isinstance(ins, ArcStart):
                if self.state.weld >= 0:
                    raise self.error(ins, Message.of("modes.plan.as_arc_on"))
                self.state.weld = _Tables.index(self.tables.weld, ins.condition)
            elif isinstance(ins, ArcEnd):
                self.arc_end(ins)
            elif isinstance(ins, WeaveStart):
                self.weave_start(ins)
            elif isinstance(ins, WeaveEnd):
                if self.state.spec is None:
                    raise self.error(ins, Message.of("modes.plan.we_not_weaving"))
                self.state.spec = None
                self.state.weave = -1
            elif isinstance(ins, Delay):
                self.hold(ins, ins.seconds, crater=-1)
            else:
                raise self.error(ins, Message.of("modes.plan.unknown_instruction",
                                                 name=type(ins).__name__))
        if self.state.weld >= 0 and not (self.until_alarm and self.alarmed):
            raise PlanningError(self.program.filename, self.program.end_line,
                                Message.of("modes.plan.ends_arc_on"))
        return self.assemble()

    def append(self, chunk: _Chunk) -> None:
        n = chunk.q.shape[0]
        if n == 0:
            return
        self.chunks.append(chunk)
        self.state.n += n
        if chunk.ok[-1]:
            self.state.q = chunk.q[-1].copy()

    # -- instructions ------------------------------------------------------------------------
    def weave_start(self, ins: WeaveStart) -> None:
        if self.state.spec is not None:
            raise self.error(ins, Message.of("modes.plan.ws_weaving"))
        if self.state.weld < 0:
            raise self.error(ins, Message.of("modes.plan.weave_arc_off"))
        self.state.spec = _weave_spec(ins.condition, self, ins)
        self.state.weave = _Tables.index(self.tables.weave, ins.condition)
        self.state.phase = 0.0

    def arc_end(self, ins: ArcEnd) -> None:
        if self.state.weld < 0:
            raise self.error(ins, Message.of("modes.plan.ae_arc_off"))
        crater = _Tables.index(self.tables.crater, ins.condition)
        self.state.spec = None
        self.state.weave = -1
        self.state.weld = -1
        self.hold(ins, ins.condition.crater_time_s, crater=crater)

    def hold(self, ins, seconds: float, crater: int) -> None:
        if not (math.isfinite(seconds) and seconds >= 0.0):
            raise self.error(ins, Message.of("modes.plan.negative_time", seconds=str(seconds)))
        n = steps_for(seconds, self.dt)
        self.budget(ins, n)
        st = self.state
        self.append(
            _Chunk(
                q=np.broadcast_to(st.q, (n, 6)).copy(),
                T=np.broadcast_to(st.T, (n, 4, 4)).copy(),
                ok=np.ones(n, dtype=bool),
                line=ins.line,
                weld=st.weld if crater < 0 else -1,
                crater=crater,
                weave=-1,
                phase=None,
            )
        )

    def move_p(self, ins: MoveP) -> None:
        st = self.state
        if st.weld >= 0:
            raise self.error(ins, Message.of("modes.plan.movep_in_weld"))
        pct = ins.speed_pct
        if not 0.0 < pct <= 100.0:
            raise self.error(ins, Message.of("modes.plan.bad_percent", pct=str(pct)))
        if isinstance(ins.target, JointPosition):
            q1 = np.asarray(ins.target.q_rad, dtype=np.float64)
            if not self.robot.within_limits(q1):
                joint, message = self._limit_message(q1)
                self.report("joint_limit", ins.line, st.n, f"target {self._limit_text(q1)}",
                            joint=joint, message=message)
                return
        else:
            T1, conf = self.pose_of(ins, ins.target)
            try:
                q1 = self.robot.ik_nearest(T1, st.q, tool=self.tool, conf=conf)
            except UnreachableError:
                kind, detail, joint, message = self.classify_unreachable(T1, conf)
                self.report(kind, ins.line, st.n, f"target: {detail}", joint=joint,
                            message=message)
                return
        prof = joint_move_profile(st.q, q1, self.vmax, self.amax, pct, self.dt)
        self.budget(ins, prof.n_steps)
        q = sample_joint_move(st.q, q1, prof)[1:]
        if q.shape[0] == 0:
            return
        T = self.robot.fk(q, tool=self.tool)
        self.append(_Chunk(q, T, np.ones(len(q), bool), ins.line, -1, -1, -1, None))
        st.T = T[-1].copy()

    def path_of(self, ins) -> tuple[LinePath | ArcPath, np.ndarray, str | None]:
        """The geometric path of a MOVEL/MOVEC from the current pose, its target and CONF."""
        try:
            if isinstance(ins, MoveL):
                T1, conf = self.pose_of(ins, ins.target)
                return line_path(self.state.T, T1), T1, conf
            Tv, _ = self.pose_of(ins, ins.via)
            T1, conf = self.pose_of(ins, ins.end)
            return arc_path(self.state.T, Tv, T1), T1, conf
        except DegeneratePathError as exc:
            raise self.error(ins, exc.message or str(exc)) from None

    def speed_of(self, ins) -> float:
        if ins.speed_m_s is not None:
            v = ins.speed_m_s
        elif self.state.weld >= 0:
            v = self.tables.weld[self.state.weld].speed_m_s
        else:
            v = self.limits.default_speed_m_s
        if not (math.isfinite(v) and v > 0.0):
            raise self.error(ins, Message.of("modes.plan.bad_speed", speed=f"{v * 1e3:g}"))
        return v

    def path_profile(self, path, v: float, slowdown: float = 1.0) -> Profile:
        """Profile of the normalised path parameter for TCP speed ``v`` (m/s).

        The speed and acceleration of ``u`` are the largest that keep the TCP within ``v`` and
        :attr:`MotionLimits.tcp_accel_m_s2` and the rotation within the orientation limits;
        ``slowdown`` stretches the whole profile in time (speeds / slowdown, accelerations
        / slowdown**2).
        """
        lim = self.limits
        v_u, a_u = math.inf, math.inf
        if path.length > 0.0:
            v_u = v / path.length
            a_u = lim.tcp_accel_m_s2 / path.length
        if path.rotation > 0.0:
            v_u = min(v_u, lim.orient_speed_rad_s / path.rotation)
            a_u = min(a_u, lim.orient_accel_rad_s2 / path.rotation)
        if math.isinf(v_u):
            return trapezoid(0.0, 1.0, 1.0, self.dt)
        return trapezoid(1.0, v_u / slowdown, a_u / slowdown**2, self.dt)

    def move_cartesian(self, ins, nxt) -> None:
        st = self.state
        path, _, conf = self.path_of(ins)
        v = self.speed_of(ins)
        spec = st.spec
        if spec is not None and path.length == 0.0:
            raise self.error(ins, Message.of("modes.plan.weave_no_travel"))
        finish = spec is not None and not self.weave_continues(path, nxt)
        start = st.n
        seg = self.solve_segment(ins, path, v, conf, finish, 1.0)
        if seg is None:
            return  # no motion
        T, q, ok, phase, _ = seg
        if ok.all():
            seg = self.slow_down(ins, path, v, conf, finish, seg, start)
            T, q, ok, phase, _ = seg
        if not ok.all():
            ok = self.unreachable_samples(ins, path.T_end, T, q, ok, conf, start)
            if ok is None:
                return  # the target is out of reach: the move is skipped
        else:
            self.check_path(ins, q, start)
        self.append(
            _Chunk(q, T, ok, ins.line, st.weld, -1, st.weave if spec is not None else -1, phase)
        )
        st.T = path.T_end
        if phase is not None:
            st.phase = float(phase[-1])

    def solve_segment(self, ins, path, v, conf, finish, slowdown):
        """Sample, weave and solve one Cartesian segment; None when it does not move."""
        st = self.state
        prof = self.path_profile(path, v, slowdown)
        self.budget(ins, prof.n_steps)
        u = prof.normalised()[1:]
        if u.size == 0:
            return None
        phase = None
        if st.spec is not None:
            phase = self.weave_phase(u.size, st.spec, finish)
            if phase.size > u.size:
                u = np.concatenate([u, np.ones(phase.size - u.size)])
        T = path.poses(u)
        if phase is not None:
            T = self.weave(ins, path, u, T, st.spec, phase, finish)
        q, ok = self.robot.ik_path(T, st.q, tool=self.tool, conf=conf)
        return _Segment(T, q, ok, phase, prof)

    def speed_ratios(self, q: np.ndarray) -> np.ndarray:
        """Speed of each joint into each sample (from the current joints), / its maximum:
        shape (n, 6)."""
        qq = np.vstack([self.state.q[None, :], q])
        return np.abs(np.diff(qq, axis=0)) / self.dt / self.vmax

    def speed_ratio(self, q: np.ndarray) -> np.ndarray:
        """Largest speed of each joint over the samples (from the current joints), / max."""
        return self.speed_ratios(q).max(axis=0)

    def slow_down(self, ins, path, v, conf, finish, seg, start):
        """Stretch a segment until no joint overspeeds (as a controller does); report it."""
        q, prof = seg.q, seg.profile
        ratio = self.speed_ratio(q)
        worst = float(ratio.max())
        if worst <= 1.0 + 1e-9:
            return seg
        joint_index = int(np.argmax(ratio))
        joint = _JOINTS[joint_index]
        first_worst = worst
        nominal = prof.duration
        factor = 1.0
        cap = self.limits.max_slowdown
        weave = self.state.spec is not None
        reason = f"the planner slows a move at most {cap:g} times"
        cause = "speed"
        for _ in range(8):
            if worst <= 1.0 + 1e-9 or factor >= cap:
                break
            trial_factor = min(factor * worst * 1.02, cap)
            trial = self.solve_segment(ins, path, v, conf, finish, trial_factor)
            if not trial.ok.all():
                reason = "slower, the path leaves the workspace"
                break
            new_worst = float(self.speed_ratio(trial.q).max())
            if new_worst > 0.99 * worst:  # slowing the travel does not help
                reason = (
                    "the weave demands it: lower its amplitude or frequency"
                    if weave
                    else "a joint jumps: see the configuration or singularity problems"
                )
                cause = "weave" if weave else "jump"
                break
            seg, worst, factor = trial, new_worst, trial_factor
        detail = f"{joint} would need {100 * first_worst:.0f} % of its maximum speed"
        if factor > 1.0:
            detail += f"; the move is slowed from {nominal:.3f} s to {seg.profile.duration:.3f} s"
        pct = Qty(100.0 * first_worst, "%", 0)
        if worst > 1.0 + 1e-9:
            if factor > 1.0:
                detail += f", and a joint still needs {100 * worst:.0f} %"
            detail += f" ({reason})"
            per = self.speed_ratios(seg.q)
            k = int(np.argmax(per.max(axis=1) > 1.0 + 1e-9))
            over = int(np.argmax(per[k]))
            before = seg.q[k - 1] if k else self.state.q
            jump = Qty(math.degrees(abs(float(seg.q[k][over] - before[over]))), "deg", 1)
            message = Message.of(f"ctl.{cause}", joint=over + 1,
                                 pct=Qty(100.0 * float(per[k, over]), "%", 0),
                                 factor=Qty(factor, "", 1), cap=Qty(cap, "", 0), jump=jump)
            self.report("speed_limit", ins.line, start + k, detail, joint=over + 1,
                        message=message)
        else:
            self.report("speed_limit", ins.line, start, detail, severity="warning",
                        joint=joint_index + 1,
                        message=Message.of("ctl.slowed", joint=joint_index + 1, pct=pct,
                                           factor=Qty(factor, "", 1),
                                           before=Qty(nominal, "s", 2),
                                           after=Qty(seg.profile.duration, "s", 2)))
        return seg

    def unreachable_samples(self, ins, T1, T, q, ok, conf, start):
        """Report a path that leaves the workspace; None when even the target is out."""
        st = self.state
        try:
            self.robot.ik_nearest(T1, st.q, tool=self.tool, conf=conf)
        except UnreachableError:
            kind, detail, joint, message = self.classify_unreachable(T1, conf)
            self.report(kind, ins.line, st.n, f"target: {detail}", joint=joint,
                        message=message)
            return None
        bad = int(np.argmax(~ok))
        kind, detail, joint, message = self.classify_unreachable(T[bad], conf)
        self.report(kind, ins.line, start + bad, f"path leaves the workspace: {detail}",
                    joint=joint, message=Message.of("ctl.path_leaves", detail=message))
        # hold the last reachable joints where the robot cannot follow
        last = st.q
        for k in range(q.shape[0]):
            if ok[k]:
                last = q[k]
            else:
                q[k] = last
        return ok

    def check_path(self, ins, q: np.ndarray, start: int) -> None:
        """Singularities and configuration changes along a Cartesian move's joint path."""
        robot = self.robot
        qq = np.vstack([self.state.q[None, :], q])
        flags = robot.configuration_flags(qq)
        changed = np.flatnonzero(np.any(flags[1:] != flags[:-1], axis=1))
        if changed.size:
            k = int(changed[0])
            a = robot.configuration(qq[k])
            b = robot.configuration(qq[k + 1])
            self.report(
                "config_flip",
                ins.line,
                start + k,
                f"the arm configuration changes from {a} to {b} inside the move",
                message=Message.of("ctl.config_flip", before=a, after=b,
                                   move="MOVEC" if isinstance(ins, MoveC) else "MOVEL"),
            )
        sing = robot.singularities(q)
        for kind, near, dist, unit in (
            ("wrist", sing.wrist, sing.wrist_rad, "deg"),
            ("elbow", sing.elbow, sing.elbow_rad, "deg"),
            ("shoulder", sing.shoulder, sing.shoulder_m, "mm"),
        ):
            if near.any():
                k = int(np.argmin(dist))
                d = float(dist[k])
                amount = f"{math.degrees(d):.1f} deg" if unit == "deg" else f"{d * 1e3:.0f} mm"
                self.report(
                    "singularity",
                    ins.line,
                    start + k,
                    f"the move passes {amount} from the {kind} singularity",
                    severity="warning",
                    message=Message.of(f"ctl.singularity_{kind}", amount=Qty(
                        math.degrees(d) if unit == "deg" else d * 1e3, unit, 1)),
                )

    # -- weaving -------------------------------------------------------------------------------
    def weave_phase(self, n: int, spec: WeaveSpec, finish: bool) -> np.ndarray:
        """Weave phase (cycles) of a segment's ``n`` travel samples, plus the finish samples.

        With ``finish`` the weave runs on, with the travel stopped, to its next centre
        crossing: ``m = ceil(remaining time / dt)`` extra samples whose phase is spread evenly
        up to exactly the centre (so the last sample is on the target).
        """
        phase = self.state.phase + spec.frequency_hz * self.dt * np.arange(1, n + 1)
        if finish:
            end = float(phase[-1])
            centre = max(end, spec.next_centre(end - _PHASE_TOL))
            m = steps_for((centre - end) / spec.frequency_hz, self.dt)
            if m:
                phase = np.concatenate([phase, end + (centre - end) * np.arange(1, m + 1) / m])
            phase[-1] = centre
        return phase

    def weave(self, ins, path, u, T, spec: WeaveSpec, phase, finish: bool) -> np.ndarray:
        """Lay the weave over a segment's poses ``T`` (modified in place and returned)."""
        travel = path.tangents(u)
        lateral, along = weave_offsets(spec, phase)
        smallest = _kernels.apply_weave_into(T, travel, lateral, along, spec.angle_rad)
        if smallest < MIN_LATERAL_SINE:
            raise self.error(ins, Message.of("modes.plan.weave_along",
                                             sine=f"{smallest:.2g}"))
        if finish:
            T[-1] = path.T_end  # the offset is zero at a centre crossing: end exactly on target
        return T

    def weave_continues(self, path, nxt) -> bool:
        """True when the next instruction is a woven move the weave flows into without a jump."""
        if not isinstance(nxt, MoveL | MoveC):
            return False
        st = self.state
        saved = st.T
        try:
            st.T = path.T_end
            try:
                nxt_path, _, _ = self.path_of(nxt)
            except WeldsimError:
                return False  # planning the next move will raise it with its line
        finally:
            st.T = saved
        if nxt_path.length == 0.0:
            return False
        spec = st.spec
        T_end = path.T_end[None]
        d_end = path.tangents([1.0])
        d_next = nxt_path.tangents([0.0])
        # compare the offset vectors at every point of a cycle
        ph = np.linspace(0.0, 1.0, 33)
        Ts = np.broadcast_to(T_end, (ph.size, 4, 4))
        try:
            a = apply_weave(Ts, np.broadcast_to(d_end, (ph.size, 3)), spec, ph)
            b = apply_weave(Ts, np.broadcast_to(d_next, (ph.size, 3)), spec, ph)
        except InvalidInputError:
            return False
        return float(np.abs(a[:, :3, 3] - b[:, :3, 3]).max()) <= _WEAVE_JUMP_TOL_M

    # -- output --------------------------------------------------------------------------------
    def assemble(self) -> Trajectory:
        chunks = self.chunks
        n = 1 + sum(c.q.shape[0] for c in chunks)
        q = np.empty((n, 6))
        T = np.empty((n, 4, 4))
        ok = np.ones(n, dtype=bool)
        line = np.zeros(n, dtype=np.int64)
        weld = np.full(n, -1, dtype=np.int64)
        crater = np.full(n, -1, dtype=np.int64)
        weave = np.full(n, -1, dtype=np.int64)
        phase = np.full(n, np.nan)
        q[0], T[0] = self.home
        i = 1
        for c in chunks:
            m = c.q.shape[0]
            s = slice(i, i + m)
            q[s] = c.q
            T[s] = c.T
            ok[s] = c.ok
            line[s] = c.line
            weld[s] = c.weld
            crater[s] = c.crater
            weave[s] = c.weave
            if c.phase is not None:
                phase[s] = c.phase
            i += m
        return Trajectory(
            t=np.arange(n) * self.dt,
            q=q,
            T_base_tcp=T,
            q_ok=ok,
            arc_on=(weld >= 0) | (crater >= 0),
            weld_condition=weld,
            crater_condition=crater,
            weave_condition=weave,
            weave_phase=phase,
            line=line,
            weld_conditions=tuple(self.tables.weld),
            crater_conditions=tuple(self.tables.crater),
            weave_conditions=tuple(self.tables.weave),
            problems=tuple(sorted(self.problems, key=lambda p: (p.time_s, p.line))),
            rate_hz=self.rate_hz,
            tool=self.tool,
        )


class _UndefinedFrame(WeldsimError):
    """A position in a user frame the planner was not given (reported, not raised out)."""

    def __init__(self, detail: str, message: Message):
        super().__init__(detail)
        self.detail = detail
        self.message = message


def _weave_spec(cond: WeaveCondition, planner: _Planner, ins) -> WeaveSpec:
    try:
        return WeaveSpec(
            WeavePattern[cond.pattern],
            cond.amplitude_m,
            cond.frequency_hz,
            *cond.dwell_s,
            angle_rad=cond.angle_rad,
        )
    except (KeyError, InvalidInputError) as exc:
        raise planner.error(ins, Message.of("modes.plan.weave_condition",
                                            problem=getattr(exc, "message", None)
                                            or str(exc))) from None
